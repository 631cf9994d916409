"""Running compiled programs on an engine (`clysm run`)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from clysm.driver.compile import Toolchain
from clysm.engines import RunResult, WasmModuleFile, get_engine
from clysm.tiering.jit_service import InProcessService


def run_program(
    program: bytes,
    runtime_path: Path,
    *,
    engine: str,
    args: Sequence[str] = (),
    stdin: bytes | None = None,
    capture: bool = False,
    timeout: float | None = None,
    jit_toolchain: Toolchain | None = None,
) -> RunResult:
    """Run an encoded program module linked to the runtime module.  With
    `jit_toolchain`, JIT requests of a node run are compiled by this process
    (no compile service to start); without it, node starts its own."""
    with tempfile.TemporaryDirectory(prefix="clysm-run-") as tmp:
        program_path = Path(tmp) / "program.wasm"
        program_path.write_bytes(program)
        modules = [WasmModuleFile("rt", runtime_path), WasmModuleFile("program", program_path)]
        runner = get_engine(engine)
        if jit_toolchain is None or engine != "node":
            return runner.run(modules, args, stdin=stdin, capture=capture, timeout=timeout)
        with InProcessService(jit_toolchain) as service:
            return runner.run(
                modules,
                args,
                stdin=stdin,
                capture=capture,
                timeout=timeout,
                extra_env=service.environment,
                pass_fds=service.pass_fds,
            )


def report_warnings(warnings: Sequence[str]) -> None:
    for warning in warnings:
        print(f"clysm: warning: {warning}", file=sys.stderr)


def run_source(
    text: str,
    file: str,
    *,
    engine: str,
    args: Sequence[str] = (),
    stdin: bytes | None = None,
    capture: bool = False,
    timeout: float | None = None,
) -> RunResult:
    """Compile `text` against the runtime and run it."""
    tc = Toolchain.load()
    program = tc.compile_program(text, file)
    report_warnings(tc.warnings)
    return run_program(
        program,
        tc.runtime_path,
        engine=engine,
        args=args,
        stdin=stdin,
        capture=capture,
        timeout=timeout,
        jit_toolchain=tc,
    )


# Calls before an interpreted function is promoted, for `clysm load` (see
# docs/jit.md for how this default was chosen).
DEFAULT_JIT_THRESHOLD = 1000


def load_source(
    text: str,
    file: str,
    *,
    engine: str,
    jit_threshold: int | None = DEFAULT_JIT_THRESHOLD,
    args: Sequence[str] = (),
    stdin: bytes | None = None,
    capture: bool = False,
    timeout: float | None = None,
) -> RunResult:
    """Run `text` as LOAD would, in the runtime: read and EVAL form by form."""
    tc = Toolchain.load()
    program = tc.load_program(text, file, jit_threshold=jit_threshold)
    return run_program(
        program,
        tc.runtime_path,
        engine=engine,
        args=args,
        stdin=stdin,
        capture=capture,
        timeout=timeout,
        jit_toolchain=tc,
    )
