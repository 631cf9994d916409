"""The program corpus: every file in corpus/ runs under clysm on node and on
wasmtime and must print exactly what SBCL prints (and exit the same way)."""

from __future__ import annotations

from pathlib import Path

import pytest
from program_harness import ENGINES, clysm_outcome, compile_text, needs_sbcl, sbcl_outcome

CORPUS = Path(__file__).parent / "corpus"
PROGRAMS = sorted(CORPUS.glob("*.lisp"))

_compiled: dict[Path, tuple[bytes, Path]] = {}


def _compiled_program(path: Path) -> tuple[bytes, Path]:
    if path not in _compiled:
        _compiled[path] = compile_text(path.read_text(encoding="utf-8"), path.name)
    return _compiled[path]


def test_the_corpus_is_not_empty() -> None:
    assert len(PROGRAMS) >= 10


@needs_sbcl
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_prints_what_sbcl_prints(path: Path, engine: str) -> None:
    expected = sbcl_outcome(path.read_text(encoding="utf-8"))
    program, runtime = _compiled_program(path)
    assert str(clysm_outcome(program, runtime, engine)) == str(expected)
