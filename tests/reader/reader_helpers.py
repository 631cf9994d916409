"""Shared helpers for the reader and printer tests: structural equality and SBCL batches."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from fractions import Fraction
from typing import Any

import pytest

from clysm.lisp.data import (
    BitVector,
    Char,
    Cons,
    LispComplex,
    LispString,
    LispVector,
    SingleFloat,
    Symbol,
)

SBCL = shutil.which("sbcl")
# Skipped only off CI: CI installs SBCL, and there a missing oracle must fail.
needs_sbcl = pytest.mark.skipif(
    SBCL is None and not os.environ.get("CI"), reason="sbcl is not on PATH"
)


def lisp_equal(a: Any, b: Any) -> bool:
    """EQUAL-like structural equality, strict about number types and float bits.

    Uninterned symbols compare by name, since reading #:FOO twice makes two symbols.
    """
    while isinstance(a, Cons) and isinstance(b, Cons):
        if not lisp_equal(a.car, b.car):
            return False
        a, b = a.cdr, b.cdr
    if isinstance(a, Symbol) or isinstance(b, Symbol):
        if isinstance(a, Symbol) and isinstance(b, Symbol) and a.package is None:
            return b.package is None and a.name == b.name
        return a is b
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return struct.pack("<d", a) == struct.pack("<d", b)
    if isinstance(a, SingleFloat):
        return struct.pack("<f", a.value) == struct.pack("<f", b.value)
    if isinstance(a, int | Fraction):
        return bool(a == b)
    if isinstance(a, Char):
        return a is b
    if isinstance(a, LispString | BitVector):
        return bool(a == b)
    if isinstance(a, LispVector):
        return len(a.items) == len(b.items) and all(
            lisp_equal(x, y) for x, y in zip(a.items, b.items, strict=True)
        )
    if isinstance(a, LispComplex):
        return lisp_equal(a.real, b.real) and lisp_equal(a.imag, b.imag)
    return False


def lisp_string_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_SCRIPT = """
(setf *print-right-margin* 1000000)
(defun run-case (s)
  (handler-case (let ((*features* '(:clysm :common-lisp :ansi-cl :ieee-floating-point :wasm)))
                  (prin1-to-string (read-from-string s)))
    (error () "ERROR")))
(with-open-file (in (second sb-ext:*posix-argv*) :external-format :utf-8)
  (dolist (s (read in))
    (write-string (run-case s))
    (write-char (code-char 0))))
"""


def sbcl_read_print(cases: list[str]) -> list[str]:
    """For each string, SBCL's PRIN1 of READ-FROM-STRING in CL-USER, or "ERROR".

    One SBCL process handles the whole batch.
    """
    assert SBCL is not None
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "run.lisp")
        data = os.path.join(tmp, "cases.lisp")
        with open(script, "w", encoding="utf-8") as f:
            f.write(_SCRIPT)
        with open(data, "w", encoding="utf-8") as f:
            f.write("(" + "\n".join(lisp_string_literal(c) for c in cases) + ")")
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        result = subprocess.run(
            [SBCL, "--script", script, data],
            capture_output=True,
            check=True,
            env=env,
            timeout=120,
        )
    outputs = result.stdout.decode("utf-8").split("\0")
    assert outputs[-1] == "", result.stderr.decode("utf-8", "replace")
    assert len(outputs) == len(cases) + 1
    return outputs[:-1]
