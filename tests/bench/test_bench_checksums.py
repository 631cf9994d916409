"""Every benchmark of bench/programs, at its smallest size, prints under
clysm AOT exactly the checksum SBCL prints."""

from __future__ import annotations

import pytest
from program_harness import clysm_outcome, compile_text, needs_sbcl, sbcl_outcome

from clysm.bench.suite import discover

BENCHMARKS = discover()


def test_the_suite_has_the_benchmarks_of_issue_7() -> None:
    names = {b.name for b in BENCHMARKS}
    classics = {"fib", "tak", "ctak", "takl", "deriv", "destructive", "div2", "nqueens"}
    assert classics <= names
    assert {"triangle", "puzzle"} & names and {"browse", "boyer"} & names
    assert len(names) >= 18


@pytest.mark.parametrize("bench", BENCHMARKS, ids=[b.name for b in BENCHMARKS])
def test_benchmark_has_its_sizes(bench) -> None:
    assert set(bench.sizes) == {"quick", "test"}
    assert "(defvar *size* " in bench.source("full")
    assert bench.source("test").startswith(f"(defvar *size* {bench.sizes['test']})\n")


@needs_sbcl
@pytest.mark.parametrize("bench", BENCHMARKS, ids=[b.name for b in BENCHMARKS])
def test_checksum_equals_sbcls(bench) -> None:
    text = bench.source("test")
    expected = sbcl_outcome(text)
    assert expected.ok and expected.stdout.startswith(f"{bench.name} "), expected
    assert len(expected.stdout.splitlines()) == 1
    program, runtime = compile_text(text, f"{bench.name}.lisp")
    assert str(clysm_outcome(program, runtime, "node")) == str(expected)
