"""`clysm repl`: the read-eval-print loop of the runtime (tiering/lisp/
repl.lisp).  Fed by a pipe it must print what SBCL's REPL prints; driven
through a pseudo-terminal (pexpect) it must edit lines, recall history,
recover from errors with nothing lost, and leave cleanly on Ctrl-D."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from program_harness import SBCL, TIMEOUT, needs_sbcl

# Definitions, multi-line forms, the REPL variables, multiple and zero
# values, output without a final newline, comments between forms.
SCRIPT = """(defvar *v* (list 1 2))
(defun sq (x)
  "Square X."
  (* x x))
(sq 12)
(values 1 2 3)
(list * ** ***)
(+ 1 2) (sq 5)
(list 7 8)
(list + ++ +++)
(values :x :y)
(list / // ///)
(values)
*
(format t "~a" -)
(princ "no newline")
(let ((total 0))
  (dolist (x *v* total)

    (incf total (sq x))))
(setq *v* (mapcar #'sq *v*))
*v* ; a comment
#| a block
comment |# (floor 7 2)
"""


# As in the corpus: clysm's printer does not break lines.
SBCL_PRINT_FLAGS = ("--eval", "(setf *print-pretty* nil)")


def _clysm_repl(
    *args: str, stdin: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clysm", "repl", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )


@needs_sbcl
@pytest.mark.parametrize("engine", ["node", "wasmtime"])
def test_piped_repl_prints_what_sbcl_prints(engine: str) -> None:
    assert SBCL is not None
    sbcl = subprocess.run(
        [SBCL, "--noinform", "--no-sysinit", "--no-userinit", *SBCL_PRINT_FLAGS],
        input=SCRIPT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    done = _clysm_repl("--engine", engine, stdin=SCRIPT)
    assert done.returncode == 0, done.stderr
    assert done.stdout == sbcl.stdout
    assert done.stderr == ""


def test_piped_repl_recovers_from_errors() -> None:
    stdin = (
        "(defvar *kept* 5)\n(car 1)\n*kept*\nno-such-variable\n(no-such-function)\n"
        "(defun f (n) (if (= n 0) 0 (+ 1 (f (- n 1)))))\n(f 100000000)\n(f 10)\n"
        '(foo #<bar) (this is skipped)\n(error "boom ~A" 42)\n(abort)\n'
        "(list * **)\n(exit :code 3)\n(print :not-reached)\n"
    )
    done = _clysm_repl("--no-jit", stdin=stdin)
    assert done.returncode == 3, done.stderr
    # A prompt for each form, the values of those that completed.
    assert done.stdout == "* *KEPT*\n* * 5\n* * * F\n* * 10\n* * * * (10 F)\n* "
    assert done.stderr.splitlines() == [
        ";; TYPE-ERROR: The value",
        "  1",
        "is not of type",
        "  LIST",
        ";; UNBOUND-VARIABLE: The variable NO-SUCH-VARIABLE is unbound.",
        ";; UNDEFINED-FUNCTION: The function NO-SUCH-FUNCTION is undefined.",
        ";; STORAGE-CONDITION: Control stack exhausted (no more space for function call frames).",
        ";; CLYSM::SIMPLE-READER-ERROR: #< introduces an unreadable object and cannot be read",
        ";; SIMPLE-ERROR: boom 42",
    ]


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Terminal:
    """`clysm repl` in a pseudo-terminal."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "clysm", "repl", *args],
            env=env,
            encoding="utf-8",
            timeout=TIMEOUT,
            dimensions=(24, 200),
            # Started with SIGINT ignored, as test runners may leave it: the
            # REPL must still take Ctrl-C.
            preexec_fn=_ignore_sigint,
        )
        self.child.expect_exact("(exit) or Ctrl-D to leave.")
        self.wait_for_prompt()

    def wait_for_prompt(self) -> list[str]:
        """The lines shown until the next prompt (the line editor redraws
        the prompt after a carriage return)."""
        self.child.expect_exact("\r* ")
        lines = str(self.child.before).replace("\r\n", "\n").split("\n")
        return [line for line in lines if line not in ("", "* ")]

    def enter(self, text: str) -> list[str]:
        """Type `text` and Enter; the lines after the echoed input."""
        self.child.send(text + "\r")
        return self.wait_for_prompt()[1:]


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(CLYSM_HISTORY=str(tmp_path / "history"), TERM="xterm", CLYSM_JIT_LOG="1")
    return env


def test_terminal_session(terminal_env: dict[str, str], tmp_path: Path) -> None:
    term = Terminal("--jit-threshold", "3", env=terminal_env)
    # A form over several lines: each line is read when the last is entered.
    term.child.send("(defun sq (x)\r")
    term.child.send("  (* x x))\r")
    assert term.wait_for_prompt()[-1] == "SQ"
    assert term.enter("(list (sq 12) (clysm:function-tier 'sq))") == ["(144 1)"]
    assert term.enter("(car 1)")[0] == ";; TYPE-ERROR: The value"
    # Nothing was lost; the third call promotes SQ (CLYSM_JIT_LOG shows it).
    shown = term.enter("(list (sq 3) (sq 4))")
    assert shown[0].startswith(";; JIT: promoted SQ ")
    assert shown[1:] == ["(9 16)"]
    assert term.enter("(clysm:function-tier 'sq)") == ["2"]
    assert term.enter("(values (sq 5) :b)") == ["25", ":B"]
    assert term.enter("(list * ** (car /) (cadr /) +)") == ["(25 2 25 :B (VALUES (SQ 5) :B))"]
    # Line editing: backspace, then left arrows to the start, then End.
    assert term.enter("(sq 7\x7f8)" + "\x1b[D" * 6 + "(+ 1 " + "\x1b[F)") == ["65"]
    # History: the up arrow recalls earlier lines.
    term.child.send("\x1b[A" * 3 + "\r")
    assert term.wait_for_prompt()[-2:] == ["25", ":B"]
    # Ctrl-C abandons the line being typed (sent once readline has moved the
    # cursor, a backspace on the screen: it is reading the line).
    term.child.send("(this line is abandoned\x1b[D")
    term.child.expect_exact("\b")
    term.child.send("\x03")
    term.wait_for_prompt()
    assert term.enter("(+ 1 2)") == ["3"]
    term.child.sendeof()
    term.child.expect(pexpect.EOF)
    term.child.close()
    assert term.child.exitstatus == 0
    assert (tmp_path / "history").read_text().splitlines() == [
        "(defun sq (x)",
        "  (* x x))",
        "(list (sq 12) (clysm:function-tier 'sq))",
        "(car 1)",
        "(list (sq 3) (sq 4))",
        "(clysm:function-tier 'sq)",
        "(values (sq 5) :b)",
        "(list * ** (car /) (cadr /) +)",
        "(+ 1 (sq 8))",
        "(values (sq 5) :b)",
        "(+ 1 2)",
    ]
