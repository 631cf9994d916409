"""The program corpus as `clysm load --no-jit` runs it: the runtime's own
reader reads each form and the Tier 1 interpreter evaluates it; the output
must be exactly what SBCL prints (and what the compiled program prints)."""

from __future__ import annotations

from pathlib import Path

import pytest
from program_harness import clysm_outcome, load_toolchain, needs_sbcl, sbcl_outcome
from test_corpus import PROGRAMS


@needs_sbcl
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_interpreted_program_prints_what_sbcl_prints(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = sbcl_outcome(text)
    tc = load_toolchain()
    program = tc.load_program(text, path.name, jit_threshold=None)
    assert str(clysm_outcome(program, tc.runtime_path, "node")) == str(expected)
