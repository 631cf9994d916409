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
import pickle
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from clysm.driver.compile import Toolchain
from clysm.driver.run import run_program
from forking import CAN_FORK, SHARED_DIR_VARIABLE, in_forked_child

SBCL = shutil.which("sbcl")
# Skipped only off CI: CI installs SBCL, and there a missing oracle must fail.
needs_sbcl = pytest.mark.skipif(
    SBCL is None and not os.environ.get("CI"), reason="sbcl (the oracle) is not installed"
)
ENGINES = ("node", "wasmtime")
TIMEOUT = 300  # a cold wasmtime compiles the runtime module first

os.environ.setdefault("CLYSM_VALIDATE", "1")  # every module the tests make is validated
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    stdout: str
    ok: bool  # exited with code 0

    def __str__(self) -> str:
        return f"[{'ok' if self.ok else 'error exit'}]\n{self.stdout}"


_sbcl_cache: dict[str, Outcome] = {}


def sbcl_outcome(text: str, stdin: bytes = b"") -> Outcome:
    """SBCL's outcome for the program `text`, fed `stdin` on standard input."""
    key = hashlib.sha256(text.encode() + b"\0stdin\0" + stdin).hexdigest()
    if key not in _sbcl_cache:
        _sbcl_cache[key] = shared_by_workers("sbcl", key, lambda: _run_sbcl(text, stdin))
    return _sbcl_cache[key]


def _run_sbcl(text: str, stdin: bytes) -> Outcome:
    assert SBCL is not None, "sbcl (the oracle) is not installed"
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
    return Outcome(done.stdout.decode("utf-8", "replace"), done.returncode == 0)


_pristine: list[Toolchain] = []
_loading: list[Toolchain] = []


def compile_text(text: str, file: str = "program.lisp") -> tuple[bytes, Path]:
    """Compile against a fresh copy of the library (programs must not see
    each other's definitions); returns the program and the runtime path."""
    if not _pristine:
        _pristine.append(Toolchain.load())
    tc = _pristine[0]
    if not CAN_FORK:
        tc = Toolchain.load()
        return tc.compile_program(text, file), tc.runtime_path
    key = hashlib.sha256(file.encode() + b"\0" + text.encode()).hexdigest()
    program = shared_by_workers(
        "program", key, lambda: in_forked_child(lambda: tc.compile_program(text, file))
    )
    return program, tc.runtime_path


def load_toolchain() -> Toolchain:
    """The toolchain making this process's `clysm load` programs: one is
    enough, as a LOAD program defines nothing in the image."""
    if not _loading:
        _loading.append(Toolchain.load())
    return _loading[0]


def shared_by_workers(kind: str, key: str, compute: Callable[[], T]) -> T:
    """compute(), done once for the test run's worker processes where they
    share a directory (tests/conftest.py): the value is kept there, pickled."""
    directory = os.environ.get(SHARED_DIR_VARIABLE)
    if directory is None:
        return compute()
    path = Path(directory) / f"{kind}-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    value = compute()
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(pickle.dumps(value))
    partial.replace(path)  # atomic: another worker never reads half a file
    return value


def clysm_outcome(program: bytes, runtime: Path, engine: str, stdin: bytes = b"") -> Outcome:
    r = run_program(program, runtime, engine=engine, stdin=stdin, capture=True, timeout=TIMEOUT)
    assert r.exit_code in (0, 1), f"engine-level failure (exit {r.exit_code}): {r.stderr_text}"
    return Outcome(r.stdout_text, r.exit_code == 0)
