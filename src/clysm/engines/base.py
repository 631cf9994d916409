"""The one interface every engine adapter implements."""

from __future__ import annotations

import os
import subprocess
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
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
        extra_env: Mapping[str, str] | None = None,
        pass_fds: Sequence[int] = (),
    ) -> RunResult:
        """Run to completion.  With capture=False the program talks to our terminal.
        `pass_fds` are inherited by the engine process, `extra_env` added to its environment."""
        cmd = self.command(modules, args)
        env = {**self.environment(), **(extra_env or {})}
        if not capture:
            completed = subprocess.run(
                cmd, input=stdin, timeout=timeout, check=False, env=env, pass_fds=pass_fds
            )
            return RunResult(completed.returncode, b"", b"")
        completed = subprocess.run(
            cmd,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=timeout,
            check=False,
            env=env,
            pass_fds=pass_fds,
        )
        return RunResult(completed.returncode, completed.stdout, completed.stderr)
