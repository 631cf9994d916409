"""`clysm repl`: the runtime's read-eval-print loop (tiering/lisp/repl.lisp)
on an engine.  At a terminal the lines are edited by driver/terminal.py;
otherwise the loop reads standard input as it comes (a pipe, a file)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

from clysm import __version__
from clysm.driver.compile import Toolchain
from clysm.driver.run import run_program
from clysm.driver.terminal import LineEditedProgram, history_path
from clysm.engines import WasmModuleFile, get_engine
from clysm.tiering.jit_service import InProcessService

# Written by the runtime each time it waits for input at a terminal; NUL
# bytes keep it apart from anything a program prints.
INPUT_MARKER = "\0clysm:input\0"


def run_repl(*, engine: str, jit_threshold: int | None) -> int:
    tc = Toolchain.load()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        program = tc.repl_program(jit_threshold=jit_threshold)
        return run_program(program, tc.runtime_path, engine=engine, jit_toolchain=tc).exit_code
    program = tc.repl_program(jit_threshold=jit_threshold, input_marker=INPUT_MARKER)
    print(f"clysm {__version__} REPL on {engine}; (exit) or Ctrl-D to leave.")
    with tempfile.TemporaryDirectory(prefix="clysm-repl-") as tmp, contextlib.ExitStack() as stack:
        program_path = Path(tmp) / "program.wasm"
        program_path.write_bytes(program)
        modules = [WasmModuleFile("rt", tc.runtime_path), WasmModuleFile("program", program_path)]
        adapter = get_engine(engine)
        env = adapter.environment()
        pass_fds: tuple[int, ...] = ()
        if engine == "node":
            # JIT requests are compiled by this process, as for `clysm load`.
            service = stack.enter_context(InProcessService(tc))
            env.update(service.environment)
            pass_fds = service.pass_fds
        session = LineEditedProgram(INPUT_MARKER.encode(), history_path())
        return session.run(adapter.command(modules), env, pass_fds)
