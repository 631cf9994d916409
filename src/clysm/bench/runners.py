"""One runner per implementation and mode.

A runner first *prepares* a benchmark (compiles it, when the mode
compiles; that time is kept apart as `compile_seconds`), then the session
times only the prepared command, in a fresh process each run.  Every mode
therefore pays its own process start-up (node instantiating the runtime
module, SBCL mapping its core, ...), measured separately by extras.py.

How each reference implementation runs (docs/benchmarks.md says why):
- sbcl: COMPILE-FILE with the default policy, then a fresh SBCL LOADs the fasl;
- sbcl-eval: SBCL's interpreter (sb-eval), LOAD of the source text;
- clisp: LOAD of the source text (CLISP's interpreter);
- clisp-compiled: COMPILE-FILE to CLISP's bytecode, then LOAD of the .fas;
- ecl-bytecode: LOAD of the source (ECL evaluates with its bytecode compiler);
- ecl: COMPILE-FILE through C and gcc to native code, then LOAD of the .fas.
"""

from __future__ import annotations

import shutil
import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clysm.bench.process import Sample, measure
from clysm.errors import ClysmError

if TYPE_CHECKING:
    from clysm.driver.compile import Toolchain

COMPILE_TIMEOUT = 600.0


@dataclass(frozen=True)
class Prepared:
    command: list[str]
    env: dict[str, str] | None = None
    compile_seconds: float | None = None  # the compile step, never part of a timed run
    # For clysm on node: JIT requests are compiled on a thread of this process
    # with this toolchain, as `clysm run` and `clysm load` do.
    jit_toolchain: Toolchain | None = None

    def run(self, timeout: float | None) -> Sample:
        """Run the command once, measured."""
        if self.jit_toolchain is None:
            return measure(self.command, env=self.env, timeout=timeout)
        from clysm.tiering.jit_service import InProcessService

        with InProcessService(self.jit_toolchain) as service:
            env = {**(self.env or {}), **service.environment}
            return measure(self.command, env=env, timeout=timeout, pass_fds=service.pass_fds)


class PrepareError(ClysmError):
    """A benchmark could not be compiled in some mode."""


class Runner(ABC):
    name: str  # short key, e.g. "clysm-node"
    label: str  # for people, e.g. "clysm AOT (node)"
    family: str  # "clysm" or the reference implementation

    def missing(self) -> str | None:
        """Why this runner cannot run on this machine, or None."""
        return None

    @abstractmethod
    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        """Make the command that runs the program `text` (named `name`)."""


def _write(workdir: Path, name: str, text: str) -> Path:
    path = workdir / f"{name}.lisp"
    path.write_text(text, encoding="utf-8")
    return path


# --- clysm ---------------------------------------------------------------


class ClysmAot(Runner):
    """`clysm run`: compiled ahead of time, run on node or wasmtime."""

    family = "clysm"

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self.name = f"clysm-{engine}"
        self.label = f"clysm AOT ({engine})"

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        from clysm.driver.compile import Toolchain

        tc = Toolchain.load()  # a fresh image: programs must not see each other
        start = time.perf_counter()
        program = tc.compile_program(text, f"{name}.lisp")
        seconds = time.perf_counter() - start
        # No JIT service: an AOT benchmark evaluates nothing (were it to, node
        # would start a service of its own).
        return _engine_command(self.engine, tc, program, workdir, seconds, jit=False)


class ClysmLoad(Runner):
    """`clysm load`: the runtime reads and EVALs the source; Tier 1 only
    (threshold None) or tiered (functions promoted after `threshold` calls)."""

    family = "clysm"

    def __init__(self, threshold: int | None) -> None:
        self.threshold = threshold
        if threshold is None:
            self.name, self.label = "clysm-tier1", "clysm load --no-jit (Tier 1)"
        else:
            self.name, self.label = "clysm-tiered", f"clysm load (tiered, threshold {threshold})"

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        from clysm.driver.compile import Toolchain

        tc = Toolchain.load()
        start = time.perf_counter()
        program = tc.load_program(text, f"{name}.lisp", jit_threshold=self.threshold)
        seconds = time.perf_counter() - start
        jit = self.threshold is not None
        return _engine_command("node", tc, program, workdir, seconds, jit=jit)


def _engine_command(
    engine: str, tc: Toolchain, program: bytes, workdir: Path, seconds: float, *, jit: bool
) -> Prepared:
    from clysm.engines import WasmModuleFile, get_engine

    path = workdir / "program.wasm"
    path.write_bytes(program)
    adapter = get_engine(engine)
    modules = [WasmModuleFile("rt", tc.runtime_path), WasmModuleFile("program", path)]
    service = tc if jit and engine == "node" else None
    return Prepared(adapter.command(modules), adapter.environment(), seconds, service)


# --- reference implementations -------------------------------------------


class ExternalLisp(Runner):
    """A Common Lisp found on PATH."""

    executable: str

    def missing(self) -> str | None:
        if shutil.which(self.executable) is None:
            return f"{self.executable} is not installed (scripts/setup-bench.sh installs it)"
        return None

    def program(self) -> str:
        found = shutil.which(self.executable)
        assert found is not None
        return found

    def compile_step(self, command: list[str], output: Path) -> float:
        """Run a compile command; its time, or PrepareError when no output."""
        sample = measure(command, timeout=COMPILE_TIMEOUT, cwd=output.parent)
        if not sample.ok or not output.is_file():
            tail = (sample.stdout + sample.stderr)[-800:]
            raise PrepareError(f"{self.name}: compiling failed (exit {sample.exit_code}): {tail}")
        return sample.seconds


SBCL_OPTIONS = ("--noinform", "--no-sysinit", "--no-userinit", "--non-interactive")


class SbclCompiled(ExternalLisp):
    name, label, family, executable = "sbcl", "SBCL compiled", "sbcl", "sbcl"

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        source = _write(workdir, name, text)
        fasl = workdir / f"{name}.fasl"
        # A warning must not stop the benchmark, but a failure must.
        compile_form = (
            f'(multiple-value-bind (out warnings failure) (compile-file "{source}" '
            f':output-file "{fasl}") (declare (ignore warnings)) '
            f'(unless (and out (not failure)) (delete-file "{fasl}") (sb-ext:exit :code 1)))'
        )
        seconds = self.compile_step([self.program(), *SBCL_OPTIONS, "--eval", compile_form], fasl)
        return Prepared([self.program(), *SBCL_OPTIONS, "--load", str(fasl)], None, seconds)


class SbclInterpreted(ExternalLisp):
    name, label, family, executable = "sbcl-eval", "SBCL interpreter (sb-eval)", "sbcl", "sbcl"

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        source = _write(workdir, name, text)
        mode = "(setf sb-ext:*evaluator-mode* :interpret)"
        return Prepared([self.program(), *SBCL_OPTIONS, "--eval", mode, "--load", str(source)])


CLISP_OPTIONS = ("-q", "-q", "-norc", "-ansi", "-on-error", "exit")


class ClispInterpreted(ExternalLisp):
    name, label, family, executable = "clisp", "CLISP interpreted", "clisp", "clisp"

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        source = _write(workdir, name, text)
        return Prepared([self.program(), *CLISP_OPTIONS, str(source)])


class ClispCompiled(ExternalLisp):
    name, label, family, executable = "clisp-compiled", "CLISP byte-compiled", "clisp", "clisp"

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        source = _write(workdir, name, text)
        fas = workdir / f"{name}.fas"
        seconds = self.compile_step(
            [self.program(), *CLISP_OPTIONS, "-c", str(source), "-o", str(fas)], fas
        )
        return Prepared([self.program(), *CLISP_OPTIONS, str(fas)], None, seconds)


ECL_OPTIONS = ("--norc",)


class EclBytecode(ExternalLisp):
    name, label, family, executable = "ecl-bytecode", "ECL bytecode", "ecl", "ecl"

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        source = _write(workdir, name, text)
        return Prepared([self.program(), *ECL_OPTIONS, "--shell", str(source)])


class EclNative(ExternalLisp):
    name, label, family, executable = "ecl", "ECL compiled (C)", "ecl", "ecl"

    def missing(self) -> str | None:
        if shutil.which("gcc") is None and shutil.which("cc") is None:
            return "ECL compiles through C: no C compiler is installed"
        return super().missing()

    def prepare(self, name: str, text: str, workdir: Path) -> Prepared:
        source = _write(workdir, name, text)
        fas = workdir / f"{name}.fas"
        compile_form = (
            f'(multiple-value-bind (out warnings failure) (compile-file "{source}" '
            f':output-file "{fas}") (declare (ignore warnings)) '
            f"(ext:quit (if (and out (not failure)) 0 1)))"
        )
        seconds = self.compile_step([self.program(), *ECL_OPTIONS, "--eval", compile_form], fas)
        return Prepared([self.program(), *ECL_OPTIONS, "--shell", str(fas)], None, seconds)


def all_runners(jit_threshold: int) -> list[Runner]:
    """Every mode, in the order of the report: the reference first."""
    return [
        SbclCompiled(),
        ClysmAot("node"),
        ClysmAot("wasmtime"),
        ClysmLoad(None),
        ClysmLoad(jit_threshold),
        SbclInterpreted(),
        ClispInterpreted(),
        ClispCompiled(),
        EclBytecode(),
        EclNative(),
    ]
