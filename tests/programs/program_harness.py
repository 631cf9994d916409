"""Run Lisp programs under clysm (both engines) and under SBCL, the oracle,
and compare what they print.

A program's observable behaviour is its standard output and whether it
exited normally.  SBCL runs with its default printer settings (*PRINT-PRETTY*
true, as clysm's) and with the debugger disabled, so that an unhandled error
exits non-zero as it does under clysm.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from clysm.driver.compile import Toolchain
from clysm.driver.run import run_program
from forking import CAN_FORK, in_forked_child

SBCL = shutil.which("sbcl")
# Skipped only off CI: CI installs SBCL, and there a missing oracle must fail.
needs_sbcl = pytest.mark.skipif(
    SBCL is None and not os.environ.get("CI"), reason="sbcl (the oracle) is not installed"
)
ENGINES = ("node", "wasmtime")
TIMEOUT = 300  # a cold wasmtime compiles the runtime module first

os.environ.setdefault("CLYSM_VALIDATE", "1")  # every module the tests make is validated


@dataclass(frozen=True)
class Outcome:
    stdout: str
    ok: bool  # exited with code 0

    def __str__(self) -> str:
        return f"[{'ok' if self.ok else 'error exit'}]\n{self.stdout}"


_sbcl_cache: dict[str, Outcome] = {}


def sbcl_outcome(text: str, stdin: bytes = b"") -> Outcome:
    """SBCL's outcome for the program `text`, fed `stdin` on standard input."""
    assert SBCL is not None, "sbcl (the oracle) is not installed"
    key = hashlib.sha256(text.encode() + b"\0stdin\0" + stdin).hexdigest()
    if key not in _sbcl_cache:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "program.lisp"
            path.write_text(text, encoding="utf-8")
            done = subprocess.run(
                [
                    SBCL,
                    "--noinform",
                    "--no-sysinit",
                    "--no-userinit",
                    "--disable-debugger",
                    "--load",
                    str(path),
                    "--quit",
                ],
                input=stdin,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        _sbcl_cache[key] = Outcome(done.stdout.decode("utf-8", "replace"), done.returncode == 0)
    return _sbcl_cache[key]


_pristine: list[Toolchain] = []


def compile_text(text: str, file: str = "program.lisp") -> tuple[bytes, Path]:
    """Compile against a fresh copy of the library (programs must not see
    each other's definitions); returns the program and the runtime path."""
    if not _pristine:
        _pristine.append(Toolchain.load())
    tc = _pristine[0]
    if not CAN_FORK:
        tc = Toolchain.load()
        return tc.compile_program(text, file), tc.runtime_path
    return in_forked_child(lambda: tc.compile_program(text, file)), tc.runtime_path


def clysm_outcome(program: bytes, runtime: Path, engine: str, stdin: bytes = b"") -> Outcome:
    r = run_program(program, runtime, engine=engine, stdin=stdin, capture=True, timeout=TIMEOUT)
    assert r.exit_code in (0, 1), f"engine-level failure (exit {r.exit_code}): {r.stderr_text}"
    return Outcome(r.stdout_text, r.exit_code == 0)
