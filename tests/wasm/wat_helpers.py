"""wasm-tools parse/print wrappers for tests."""

from __future__ import annotations

import subprocess

from clysm.wasm.tools import find_wasm_tools


def parse_wat(text: str) -> bytes:
    proc = subprocess.run(
        [find_wasm_tools(), "parse", "-"], input=text.encode(), capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode() + "\n" + text
    return proc.stdout


def print_wasm(wasm: bytes) -> str:
    proc = subprocess.run(
        [find_wasm_tools(), "print", "-"], input=wasm, capture_output=True, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode()
