"""Validation of encoded modules with `wasm-tools validate`."""

from __future__ import annotations

import subprocess

from clysm.errors import WasmBuildError
from clysm.wasm.tools import find_wasm_tools

# The proposals clysm relies on, on top of Wasm 2.0 (reference types, bulk
# memory, multi-value, ...).  Listed explicitly, with everything else off, so
# that a module using a feature the engines we target lack fails here.
FEATURES = "-all,wasm2,gc,tail-call,exceptions,function-references,extended-const"


def validate(wasm: bytes, features: str = FEATURES) -> None:
    """Raise WasmBuildError with wasm-tools' message unless `wasm` is a valid module."""
    proc = subprocess.run(
        [find_wasm_tools(), "validate", f"--features={features}", "-"],
        input=wasm,
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        raise WasmBuildError(f"invalid module: {_one_line(proc.stderr.decode('utf-8', 'replace'))}")


def _one_line(stderr: str) -> str:
    """wasm-tools' "error: X / Caused by: / 0: Y" report as "X: Y"."""
    parts = []
    for line in stderr.splitlines():
        line = line.strip().removeprefix("error: ")
        if not line or line == "Caused by:":
            continue
        head, sep, rest = line.partition(": ")
        parts.append(rest if sep and head.isdigit() else line)
    return ": ".join(parts)
