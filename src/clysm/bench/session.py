"""Running the suite: every benchmark in every mode, several times.

The runs are interleaved (round 1 of every mode, then round 2, ...) so
that a slow spell of a shared machine does not fall on one mode only.  A
mode whose first run takes longer than `repeat_limit` seconds is not run
again (its one time stands as its median), and a run longer than
`timeout` is stopped and reported as such.  Every output is compared with
SBCL compiled's, the reference: a benchmark whose checksum differs counts
as failed in that mode.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clysm.bench.process import Sample, describe_failure
from clysm.bench.runners import Prepared, Runner
from clysm.bench.stats import median
from clysm.bench.suite import Benchmark
from clysm.errors import ClysmError

REFERENCE = "sbcl"


@dataclass
class Measurement:
    benchmark: str
    runner: str
    samples: list[Sample] = field(default_factory=list)
    compile_seconds: float | None = None
    error: str | None = None  # why there is no valid time
    output: str = ""  # what the first run printed

    @property
    def seconds(self) -> float | None:
        """The median wall-clock time of the runs, or None if it failed."""
        if self.error is not None or not self.samples:
            return None
        return median(s.seconds for s in self.samples)

    @property
    def cpu_seconds(self) -> float | None:
        if self.seconds is None:
            return None
        return median(s.cpu_seconds for s in self.samples)

    @property
    def max_rss_kb(self) -> int | None:
        sizes = [s.max_rss_kb for s in self.samples if s.ok]
        return max(sizes) if sizes else None

    def to_json(self) -> dict[str, object]:
        return {
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "max_rss_kb": self.max_rss_kb,
            "compile_seconds": self.compile_seconds,
            "error": self.error,
            "output": self.output,
            "runs": [s.to_json() for s in self.samples],
        }


@dataclass
class SuiteResults:
    size: str
    runners: list[Runner]
    benchmarks: list[Benchmark]
    unavailable: dict[str, str]  # runner name -> why it did not run
    table: dict[tuple[str, str], Measurement] = field(default_factory=dict)

    def get(self, benchmark: str, runner: str) -> Measurement | None:
        return self.table.get((benchmark, runner))


Progress = Callable[[str], None]


@dataclass
class SessionOptions:
    size: str = "full"
    runs: int = 3
    timeout: float = 120.0
    repeat_limit: float = 10.0


def run_suite(
    benchmarks: list[Benchmark],
    runners: list[Runner],
    options: SessionOptions,
    progress: Progress = lambda _: None,
) -> SuiteResults:
    unavailable = {r.name: why for r in runners if (why := r.missing()) is not None}
    active = [r for r in runners if r.name not in unavailable]
    results = SuiteResults(options.size, active, benchmarks, unavailable)
    with tempfile.TemporaryDirectory(prefix="clysm-bench-") as tmp:
        for bench in benchmarks:
            _run_benchmark(bench, active, options, Path(tmp), results, progress)
    return results


def _run_benchmark(
    bench: Benchmark,
    runners: list[Runner],
    options: SessionOptions,
    tmp: Path,
    results: SuiteResults,
    progress: Progress,
) -> None:
    text = bench.source(options.size)
    prepared: dict[str, Prepared] = {}
    for runner in runners:
        entry = Measurement(bench.name, runner.name)
        results.table[(bench.name, runner.name)] = entry
        workdir = tmp / bench.name / runner.name
        workdir.mkdir(parents=True)
        try:
            prepared[runner.name] = runner.prepare(bench.name, text, workdir)
        except ClysmError as exc:
            entry.error = f"compile failed: {exc}"
            progress(f"{bench.name:14} {runner.name:15} {entry.error[:120]}")
        else:
            entry.compile_seconds = prepared[runner.name].compile_seconds
    gc.collect()  # the compilers' images not kept for a JIT service go now
    for round_ in range(options.runs):
        for runner in runners:
            entry = results.table[(bench.name, runner.name)]
            if not _wants_another_run(entry, round_, options):
                continue
            sample = prepared[runner.name].run(options.timeout)
            entry.samples.append(sample)
            if not sample.ok:
                entry.error = describe_failure(sample)
            elif round_ == 0:
                entry.output = sample.stdout.strip()
            progress(
                f"{bench.name:14} {runner.name:15} run {round_ + 1}: "
                + (f"{sample.seconds:8.3f} s" if sample.ok else entry.error or "")
            )
    _check_outputs(bench, runners, results)


def _wants_another_run(entry: Measurement, round_: int, options: SessionOptions) -> bool:
    if entry.error is not None:
        return False
    if round_ == 0:
        return True
    return entry.samples[0].seconds <= options.repeat_limit


def _check_outputs(bench: Benchmark, runners: list[Runner], results: SuiteResults) -> None:
    reference = results.get(bench.name, REFERENCE)
    if reference is None or reference.error is not None:
        return  # nothing to compare with: the outputs are reported unchecked
    for runner in runners:
        entry = results.table[(bench.name, runner.name)]
        if entry.error is None and entry.output != reference.output:
            entry.error = f"wrong checksum: {entry.output!r}, SBCL prints {reference.output!r}"
