"""A line-editing front end for a program that reads standard input, used
when the user sits at a terminal (`clysm repl`).

The program runs with pipes for its standard streams; its error output
joins its standard output, so that the two keep their order on the screen.
Each time the program waits for input it writes a marker to standard output
(the runtime does so when *INPUT-REQUEST-MARKER* is set, runtime/lisp/
input.lisp).  The front end then reads one line with Python's readline (line
editing, history), taking the unfinished last line of output as the prompt,
and sends it to the program.  End of file (Ctrl-D) closes the program's
input; Ctrl-C abandons the line being edited, or ends a running program.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import IO

HISTORY_LENGTH = 1000
EXIT_INTERRUPTED = 130


def history_path() -> Path:
    """Where the REPL's history persists: $CLYSM_HISTORY, else under
    $XDG_STATE_HOME (default ~/.local/state)."""
    explicit = os.environ.get("CLYSM_HISTORY")
    if explicit:
        return Path(explicit)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "clysm" / "repl-history"


def _load_readline(history: Path) -> ModuleType | None:
    try:
        import readline
    except ImportError:  # no line editing on this Python: plain input()
        return None
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(HISTORY_LENGTH)
    # Tab inserts itself: there is no completion.
    if "libedit" in (readline.__doc__ or ""):
        readline.parse_and_bind("bind ^I ed-insert")
    else:
        readline.parse_and_bind("tab: tab-insert")
    return readline


def _save_history(readline: ModuleType | None, history: Path) -> None:
    if readline is None:
        return
    with contextlib.suppress(OSError):
        history.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(history)


def _take_ctrl_c() -> None:
    """Ctrl-C abandons the line being edited, even when this process was
    started with SIGINT ignored or blocked (Python then leaves it so, and
    Ctrl-C would do nothing at all): as an interactive shell does."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class LineEditedProgram:
    """Runs a program whose input lines the user edits at the terminal."""

    def __init__(self, marker: bytes, history: Path) -> None:
        self.marker = marker
        self.history = history
        self.partial = b""  # output after the last newline: the prompt

    def run(
        self, command: Sequence[str], env: Mapping[str, str], pass_fds: Sequence[int] = ()
    ) -> int:
        readline = _load_readline(self.history)
        _take_ctrl_c()
        # A session of its own: Ctrl-C at the terminal reaches only us.
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=dict(env),
            pass_fds=pass_fds,
            start_new_session=True,
        )
        try:
            self._pump(process)
        except KeyboardInterrupt:
            process.kill()
            process.wait()
            self._show(b"\n")
            print("clysm: interrupted; the session ended", file=sys.stderr)
            return EXIT_INTERRUPTED
        finally:
            _save_history(readline, self.history)
        return process.wait()

    def _pump(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None and process.stdin is not None
        out = process.stdout.fileno()
        pending = b""
        while chunk := os.read(out, 65536):
            pending += chunk
            while (at := pending.find(self.marker)) >= 0:
                self._show(pending[:at])
                pending = pending[at + len(self.marker) :]
                self._answer(process.stdin)
            # Hold back what may be the start of a marker.
            keep = self._marker_prefix_length(pending)
            self._show(pending[: len(pending) - keep])
            pending = pending[len(pending) - keep :]
        self._show(pending)

    def _marker_prefix_length(self, data: bytes) -> int:
        for n in range(min(len(self.marker) - 1, len(data)), 0, -1):
            if data.endswith(self.marker[:n]):
                return n
        return 0

    def _show(self, data: bytes) -> None:
        if not data:
            return
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        last_newline = data.rfind(b"\n")
        self.partial = data[last_newline + 1 :] if last_newline >= 0 else self.partial + data

    def _answer(self, stdin: IO[bytes]) -> None:
        line = self._read_line(self.partial.decode("utf-8", errors="replace"))
        self.partial = b""
        try:
            if line is None:
                stdin.close()
            else:
                stdin.write(line.encode("utf-8") + b"\n")
                stdin.flush()
        except BrokenPipeError:  # the program ended: its output tells why
            pass

    def _read_line(self, prompt: str) -> str | None:
        """One line from the user, or None at end of file."""
        while True:
            # The prompt is already on the screen: readline draws it again over it.
            sys.stdout.write("\r")
            try:
                return input(prompt)
            except EOFError:
                sys.stdout.write("\n")
                return None
            except KeyboardInterrupt:
                sys.stdout.write("\n")
