"""The pieces of `clysm bench`: suite files, statistics, measuring a
process, the session's checksum check, the report and the chart.  Nothing
here asserts a timing."""

from __future__ import annotations

import math
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clysm.bench import chart, report, session, stats, suite, targets
from clysm.bench.process import Sample, measure
from clysm.bench.runners import ClysmAot, ClysmLoad, Prepared, Runner, SbclCompiled
from clysm.cli import build_parser


def test_sizes_header_and_smaller_sizes(tmp_path: Path) -> None:
    path = tmp_path / "demo.lisp"
    path.write_text(";;;; demo: a test.\n;;;; sizes: quick 7 test 2\n(defvar *size* 50)\n")
    bench = suite.parse_benchmark(path)
    assert bench.name == "demo" and bench.summary == "a test."
    assert bench.sizes == {"quick": 7, "test": 2}
    assert bench.source("test").startswith("(defvar *size* 2)\n;;;; demo")
    assert bench.source("full") == path.read_text()


def test_discover_selects_by_name_and_rejects_unknown() -> None:
    assert [b.name for b in suite.discover(names=["tak", "fib"])] == ["tak", "fib"]
    with pytest.raises(ValueError, match="no-such"):
        suite.discover(names=["no-such"])


def test_median_and_geometric_mean() -> None:
    assert stats.median([3.0, 1.0, 2.0]) == 2.0
    assert math.isclose(stats.geometric_mean([1.0, 4.0, 16.0]) or 0, 4.0)
    assert stats.geometric_mean([]) is None


def test_measure_reports_exit_code_output_and_memory() -> None:
    sample = measure([sys.executable, "-c", "import sys; print('hi'); sys.exit(3)"], timeout=60)
    assert sample.exit_code == 3 and sample.stdout == "hi\n" and not sample.timed_out
    assert sample.max_rss_kb > 0 and sample.seconds > 0


def test_measure_stops_a_run_at_the_timeout() -> None:
    sample = measure([sys.executable, "-c", "import time; time.sleep(60)"], timeout=0.5)
    assert sample.timed_out and not sample.ok


class FakeRunner(Runner):
    """Prints a fixed line, as a benchmark program would."""

    family = "fake"

    def __init__(self, name: str, line: str) -> None:
        self.name, self.label, self.line = name, name, line

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        return Prepared([sys.executable, "-c", f"print({self.line!r})"])


def _results(tmp_path: Path) -> session.SuiteResults:
    path = tmp_path / "demo.lisp"
    path.write_text(";;;; sizes: quick 1 test 1\n(defvar *size* 1)\n")
    runners: list[Runner] = [
        FakeRunner("sbcl", "demo 42"),
        FakeRunner("clysm-node", "demo 42"),
        FakeRunner("clysm-tier1", "demo 41"),
    ]
    options = session.SessionOptions(size="test", runs=2, timeout=60)
    return session.run_suite([suite.parse_benchmark(path)], runners, options)


def test_session_flags_a_wrong_checksum(tmp_path: Path) -> None:
    results = _results(tmp_path)
    good = results.get("demo", "clysm-node")
    wrong = results.get("demo", "clysm-tier1")
    assert good is not None and good.error is None and len(good.samples) == 2
    assert wrong is not None and wrong.error is not None and "wrong checksum" in wrong.error
    assert report.ratio(results, "demo", "clysm-node") is not None
    assert report.ratio(results, "demo", "clysm-tier1") is None
    table = report.ratio_table(results)
    assert "| demo |" in table and "wrong" in table and "geometric mean" in table


def test_chart_is_well_formed_svg(tmp_path: Path) -> None:
    svg = chart.render_svg(_results(tmp_path), "title", "subtitle <&>")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert any(e.tag.endswith("circle") for e in root.iter())


def test_targets_are_reported_with_figures(tmp_path: Path) -> None:
    lines = [t.line() for t in targets.check_targets(_results(tmp_path), None)]
    assert any(line.startswith("- AOT on node at most 3x SBCL: geometric mean") for line in lines)


def test_bench_command_line() -> None:
    args = build_parser().parse_args(["bench", "--quick", "--bench", "fib", "--runs", "2"])
    assert args.what == "suite" and args.quick and args.runs == 2
    assert build_parser().parse_args(["bench", "jit"]).what == "jit"


@pytest.mark.skipif(shutil.which("sbcl") is None, reason="sbcl is not installed")
def test_clysm_modes_run_a_benchmark_with_sbcls_checksum() -> None:
    """The real runners, end to end, on the smallest fib: AOT and Tier 1 (the
    tiered mode is the same runner with a threshold; the corpus tests cover it)."""
    runners: list[Runner] = [SbclCompiled(), ClysmAot("node"), ClysmLoad(None)]
    options = session.SessionOptions(size="test", runs=1, timeout=300)
    results = session.run_suite(suite.discover(names=["fib"]), runners, options)
    for runner in runners:
        entry = results.get("fib", runner.name)
        assert entry is not None and entry.error is None, (runner.name, entry)
        assert entry.output == "fib 610"


def test_sample_json_has_the_measured_fields() -> None:
    sample = Sample(1.5, 1.0, 2048, 0, "", "")
    assert sample.to_json()["max_rss_kb"] == 2048 and sample.ok
