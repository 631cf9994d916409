"""The one interface every engine adapter implements."""

from __future__ import annotations

import os
import subprocess
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WasmModuleFile:
    """A module to instantiate, under the name later modules import it by."""

    name: str
    path: Path


@dataclass(frozen=True)
class RunResult:
    exit_code: int
    stdout: bytes
    stderr: bytes

    @property
    def stdout_text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")

    @property
    def stderr_text(self) -> str:
        return self.stderr.decode("utf-8", errors="replace")


class Engine(ABC):
    """Runs a linked list of Wasm modules; the last one's `_start` is the program."""

    name: str

    @abstractmethod
    def command(self, modules: Sequence[WasmModuleFile], args: Sequence[str] = ()) -> list[str]:
        """The command line that runs `modules` with program arguments `args`."""

    def environment(self) -> dict[str, str]:
        """The environment of the engine process."""
        return dict(os.environ)

    def run(
        self,
        modules: Sequence[WasmModuleFile],
        args: Sequence[str] = (),
        *,
        stdin: bytes | None = None,
        capture: bool = True,
        timeout: float | None = None,
    ) -> RunResult:
        """Run to completion.  With capture=False the program talks to our terminal."""
        cmd = self.command(modules, args)
        env = self.environment()
        if not capture:
            completed = subprocess.run(cmd, input=stdin, timeout=timeout, check=False, env=env)
            return RunResult(completed.returncode, b"", b"")
        completed = subprocess.run(
            cmd,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=timeout,
            check=False,
            env=env,
        )
        return RunResult(completed.returncode, completed.stdout, completed.stderr)
