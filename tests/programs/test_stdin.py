"""Programs that read standard input (*STANDARD-INPUT*, *TERMINAL-IO*) run
under clysm on node and on wasmtime, fed the same bytes as SBCL, and must
print exactly what SBCL prints (and exit the same way)."""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from program_harness import ENGINES, TIMEOUT, clysm_outcome, compile_text, needs_sbcl, sbcl_outcome

from clysm.engines import WasmModuleFile, get_engine

# Each case: (name, program, standard input).
CASES: list[tuple[str, str, bytes]] = []


def case(name: str, program: str, *inputs: bytes) -> None:
    for i, stdin in enumerate(inputs):
        CASES.append((f"{name}-{i}", program, stdin))


# Lines with their numbers; the last line may lack its newline.
case(
    "read-line",
    """
(loop for n from 1
      for (line missing) = (multiple-value-list (read-line *standard-input* nil :eof))
      until (eq line :eof)
      do (format t "~D: ~S~:[~; (no newline)~]~%" n line missing))
(print (read-line nil nil :still-eof))
""",
    b"",
    b"one line\n",
    b"first\nsecond\n\nfourth",
    "UTF-8: é, €, 😀, ß\nmixed ASCII\n".encode(),
    b"\r\ncarriage returns stay\r\n",
)

# Forms read with READ and evaluated, as a REPL does.
case(
    "read-eval-print",
    """
(loop for form = (read *standard-input* nil :eof)
      until (eq form :eof)
      do (format t "~&> ~S~%~{~S~^ ~}~%" form (multiple-value-list (eval form))))
""",
    b"(+ 1 2)\n(defun sq (x) (* x x))\n(sq 12)\n'(a b . c)\n",
    b'  ; a comment\n(list #\\a "str" :key) #| block |# (values 1 2)  (floor 7 2)',
    b"(let ((x 5)) (* x x))\n#.(+ 1 2) #'car #(1 2) #x10",
)

# The input ends inside a form: END-OF-FILE, an error exit.
case(
    "read-incomplete",
    """
(print (read))
(print (read))
""",
    b"(complete form) (incomplete form",
    b"(only one)",
)

# Characters: READ-CHAR, PEEK-CHAR, UNREAD-CHAR, LISTEN, READ-CHAR-NO-HANG.
case(
    "characters",
    """
;; Characters are shown by code: the printer does not name non-ASCII ones yet.
(defun show (x) (print (if (characterp x) (char-code x) x)))
;; LISTEN only once input has arrived: before, it depends on timing.
(show (peek-char))
(show (listen))
(show (read-char))
(show (peek-char t))
(let ((c (read-char)))
  (unread-char c)
  (show (list (char-code c) (char-code (read-char)))))
(show (peek-char #\\z nil nil :no-z))
(show (read-char-no-hang *standard-input* nil :eof))
(show (listen))
(show (read-char nil nil :eof))
(show (handler-case (read-char) (end-of-file () :end-of-file)))
""",
    b"a    bcdz!",
    "é  €😀xyz".encode(),
)

# Reading through *TERMINAL-IO* (and T as a stream designator).
case(
    "terminal-io",
    """
(print (read-line *terminal-io*))
(print (read t))
(print (read-char t))
(print (read-line t nil :eof))
(print (read-line t nil :eof))
""",
    b"a line\n(a form) rest of line\n",
)

# Lines and forms interleaved; READ consumes one whitespace after a form.
case(
    "mixed",
    """
(print (read))
(print (read-line))
(print (read-preserving-whitespace))
(print (read-line))
(print (read-delimited-list #\\]))
(print (read-line))
""",
    b"(first form)\nsecond line\nsym   \nx y z]after\n",
)


def _long_input() -> bytes:
    # Multi-byte characters at every offset around the 4,096-byte chunks
    # the kernel reads, so that sequences are cut between two reads.
    line = "aé€😀" * 7 + "\n"
    return ("".join(f"{i:05d} {line[: i % len(line)]}{line}" for i in range(600))).encode()


case(
    "long-input",
    """
(let ((lines 0) (chars 0) (checksum 0))
  (loop for line = (read-line nil nil)
        while line
        do (incf lines)
           (incf chars (length line))
           (loop for c across line
                 do (setq checksum (mod (+ (* checksum 31) (char-code c)) 1000003))))
  (print (list lines chars checksum)))
""",
    _long_input(),
)

# Invalid UTF-8 is not compared with SBCL (SBCL signals a decoding error);
# clysm decodes each malformed sequence to U+FFFD.

_compiled: dict[str, tuple[bytes, object]] = {}


def _compiled_program(program: str) -> tuple[bytes, object]:
    if program not in _compiled:
        _compiled[program] = compile_text(program, "stdin-program.lisp")
    return _compiled[program]


@needs_sbcl
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "program", "stdin"), CASES, ids=[c[0] for c in CASES])
def test_program_reads_stdin_as_sbcl_does(
    name: str, program: str, stdin: bytes, engine: str
) -> None:
    expected = sbcl_outcome(program, stdin)
    compiled, runtime = _compiled_program(program)
    assert str(clysm_outcome(compiled, runtime, engine, stdin=stdin)) == str(expected)


@pytest.mark.parametrize("engine", ENGINES)
def test_malformed_utf8_decodes_to_replacement_characters(engine: str) -> None:
    # A byte that starts no sequence, a sequence cut short by another
    # character, a surrogate, an overlong form, and a sequence cut by the end.
    program = "(print (loop for c = (read-char nil nil) while c collect (char-code c)))"
    compiled, runtime = _compiled_program(program)
    stdin = b"a\xffb\xe2\x82c\xed\xa0\x80d\xc0\xafe\xf0\x9f\x98"
    outcome = clysm_outcome(compiled, runtime, engine, stdin=stdin)
    # U+FFFD is 65533: one for each malformed sequence or stray byte.
    expected = "\n(97 65533 98 65533 99 65533 65533 65533 100 65533 65533 101 65533) "
    assert outcome.ok
    assert outcome.stdout == expected


REPL = """
(loop (format t "> ")
      (let ((form (read nil nil :eof)))
        (when (eq form :eof) (return))
        (format t "~S~%" (eval form))))
(format t "bye~%")
"""


def _read_until(process: subprocess.Popen[bytes], marker: bytes) -> bytes:
    assert process.stdout is not None
    received = b""
    deadline = time.monotonic() + TIMEOUT
    while marker not in received:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"no {marker!r} from the program; it wrote {received!r}"
        chunk = os.read(process.stdout.fileno(), 4096)
        assert chunk, f"the program ended before writing {marker!r}; it wrote {received!r}"
        received += chunk
    return received


@pytest.mark.parametrize("engine", ENGINES)
def test_a_prompt_is_written_before_the_program_waits_for_input(engine: str) -> None:
    # Standard output is buffered; reading standard input flushes it first,
    # so an interactive program's prompt shows before it waits for a line.
    program, runtime = _compiled_program(REPL)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "program.wasm"
        path.write_bytes(program)
        command = get_engine(engine).command(
            [WasmModuleFile("rt", Path(str(runtime))), WasmModuleFile("program", path)]
        )
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            assert process.stdin is not None
            assert _read_until(process, b"> ") == b"> "
            process.stdin.write(b"(+ 1 2)\n")
            process.stdin.flush()
            assert _read_until(process, b"> ") == b"3\n> "
            process.stdin.write(b'(list \'a "b")\n')
            process.stdin.flush()
            assert _read_until(process, b"> ") == b'(A "b")\n> '
            process.stdin.close()
            assert _read_until(process, b"bye\n") == b"bye\n"
            assert process.wait(timeout=TIMEOUT) == 0
        finally:
            process.kill()
            process.wait()
