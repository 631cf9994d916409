"""Running one child process and measuring it: wall-clock time, CPU time
and peak memory.

The measuring is done by a small launcher process (LAUNCHER, a few lines
of Python started with -S -I) that forks the command, waits for it with
wait4 and writes what it measured to a file.  Why not measure from here:
on Linux a process's maximum resident set size survives exec, so a child
forked from this (large) Python process would report at least our own
size.  The launcher is small, so the floor under the figures is its size
(about 10 MB); and its own start-up is outside the timed interval.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = """
import os, sys, time
argv, report = sys.argv[2:], sys.argv[1]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as f:
    f.write("%r %r %d %d" % (seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                              os.waitstatus_to_exitcode(status)))
"""


@dataclass(frozen=True)
class Sample:
    seconds: float  # wall clock, from fork to exit
    cpu_seconds: float  # user + system time of the command (and what it waited for)
    max_rss_kb: int  # peak resident set size of the command
    exit_code: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out

    def to_json(self) -> dict[str, object]:
        return {
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "max_rss_kb": self.max_rss_kb,
            "exit_code": self.exit_code,
            "timed_out": self.timed_out,
        }


def _kill_group(pid: int) -> None:
    # The launcher leads its own process group (start_new_session): this ends
    # it, the command and whatever that started (node's JIT compile service).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def measure(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
    pass_fds: Sequence[int] = (),
) -> Sample:
    """Run `command` to completion (or until `timeout` seconds) and measure it.
    Output goes to temporary files, so no pipe can fill up and stall it."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory(prefix="clysm-bench-") as tmp,
    ):
        report = Path(tmp) / "report"
        process = subprocess.Popen(
            [sys.executable, "-S", "-I", "-c", LAUNCHER, str(report), *command],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
            pass_fds=tuple(pass_fds),
        )
        expired = threading.Event()

        def expire() -> None:
            expired.set()
            _kill_group(process.pid)

        timer = threading.Timer(timeout, expire) if timeout is not None else None
        if timer is not None:
            timer.start()
        try:
            process.wait()
        except BaseException:
            _kill_group(process.pid)  # interrupted: leave nothing running
            raise
        finally:
            if timer is not None:
                timer.cancel()
        _kill_group(process.pid)  # anything the command left behind ends with it
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        if expired.is_set() or not report.is_file():
            return Sample(timeout or 0.0, 0.0, 0, -1, stdout, stderr, timed_out=expired.is_set())
        seconds, cpu, rss, code = report.read_text().split()
        return Sample(float(seconds), float(cpu), int(rss), int(code), stdout, stderr)


def describe_failure(sample: Sample) -> str:
    if sample.timed_out:
        return "timed out"
    tail = sample.stderr.strip().splitlines()[-1:] or [""]
    return f"exit {sample.exit_code}: {tail[0][:200]}"
