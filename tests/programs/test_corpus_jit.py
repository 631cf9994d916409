"""The program corpus as `clysm load --jit-threshold 1` runs it: read and
evaluated in the runtime, every function promoted to Tier 2 at its first
call.  The output must be what SBCL prints, as in Tier 1 and compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from program_harness import clysm_outcome, load_toolchain, needs_sbcl, sbcl_outcome
from test_corpus import PROGRAMS


@needs_sbcl
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_promoted_program_prints_what_sbcl_prints(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = sbcl_outcome(text)
    tc = load_toolchain()
    program = tc.load_program(text, path.name, jit_threshold=1)
    assert str(clysm_outcome(program, tc.runtime_path, "node")) == str(expected)
