"""LOAD from Lisp code, and the file access under it (OPEN for input,
WITH-OPEN-FILE, PROBE-FILE): the same program, run compiled (AOT on node and
wasmtime, and as a `clysm compile` directory under node alone) and evaluated
(`clysm load` with the JIT off and with every function promoted at once),
must print what SBCL prints.  Each run happens in a fresh directory holding
the files the program loads and reads, named relative to it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from program_harness import TIMEOUT, needs_sbcl, sbcl_outcome

from clysm.driver.compile import Toolchain
from clysm.driver.package import write_program_directory
from clysm.driver.run import run_program
from clysm.engines.tools import find_node

FILES = {
    # Definitions, a package change and a readtable change, both local to
    # the LOAD; it calls back into the program and loads a file of its own.
    "lib.lisp": """
(defvar *loaded-count* 0)
(incf *loaded-count*)
(defun lib-square (x) (* x x))
(defmacro lib-twice (form) `(progn ,form ,form))
(defun lib-calls-main (x) (main-helper (lib-square x)))
(defparameter *lib-saw-pathname* (not (null *load-pathname*)))
(setq *readtable* (copy-readtable))
(set-macro-character #\\! (lambda (stream char)
                            (declare (ignore char))
                            (list 'quote (list :bang (read stream t nil t)))))
(defparameter *bang* !hello)
(load "sub/nested.lisp")
(in-package :keyword)
(cl:defvar cl-user::*package-inside* (cl:package-name cl:*package*))
""",
    "sub/nested.lisp": """
(defun nested-fn () (list :nested (lib-square 3)))
""",
    "print.lisp": """
(+ 1 2)
(values 1 :two "three")
(values)
(defun printed-fn () :ok)
""",
    "broken.lisp": """
(defvar *before-error* :defined)
(error "stopped in ~A" "broken.lisp")
(defvar *after-error* :defined)
""",
    "data.txt": "first line\nsecond: é€\n\nlast line without newline",
}

PROGRAM = """
(defun main-helper (x) (+ x 1000))
(print (load "lib.lisp"))
(print (list *loaded-count* (lib-square 12) (eval '(lib-twice (incf *loaded-count*)))))
(print (list (lib-calls-main 5) (nested-fn) *bang* *lib-saw-pathname*))
(print (list (package-name *package*) *package-inside* (get-macro-character #\\!)))
(print (funcall (compile nil '(lambda () (lib-square 9)))))
(print (load "print.lisp" :print t))
(print (printed-fn))
(print (load "missing.lisp" :if-does-not-exist nil))
(print (handler-case (load "missing.lisp")
         (file-error (e) (list :file-error (file-error-pathname e)))))
(print (handler-case (load "broken.lisp")
         (error (e) (list :error (princ-to-string e)))))
(print (list (boundp '*before-error*) (boundp '*after-error*)))
(print (load (make-string-input-stream "(defvar *from-stream* (list :stream 42))")))
(print *from-stream*)
(with-open-file (s "data.txt")
  (print (loop for line = (read-line s nil) while line collect (length line)))
  (print (read-char s nil :eof)))
(with-open-file (s "lib.lisp")
  (print (read s))
  (print (typep s 'file-stream))
  (print (input-stream-p s)))
(let ((s (open "data.txt")))
  (print (read-line s))
  (print (close s))
  (print (open-stream-p s)))
(print (open "missing.txt" :if-does-not-exist nil))
(print (handler-case (open "missing.txt") (file-error () :file-error)))
(print (list (probe-file "missing.txt") (not (null (probe-file "data.txt")))))
(print (with-open-file (s "missing.txt" :if-does-not-exist nil) (list :stream s)))
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def toolchain() -> Toolchain:
    return Toolchain.load()


def _expected() -> str:
    outcome = sbcl_outcome(PROGRAM)
    assert outcome.ok, outcome
    return outcome.stdout


def _stdout(program: bytes, runtime: Path, engine: str) -> str:
    r = run_program(program, runtime, engine=engine, capture=True, timeout=TIMEOUT)
    assert r.exit_code == 0, r.stderr_text
    return r.stdout_text


@needs_sbcl
@pytest.mark.parametrize("engine", ["node", "wasmtime"])
def test_load_from_compiled_code(workdir: Path, toolchain: Toolchain, engine: str) -> None:
    expected = _expected()
    program = toolchain.compile_program(PROGRAM, "main.lisp")
    assert _stdout(program, toolchain.runtime_path, engine) == expected


@needs_sbcl
@pytest.mark.parametrize("jit_threshold", [None, 1], ids=["no-jit", "jit-1"])
def test_load_from_evaluated_code(
    workdir: Path, toolchain: Toolchain, jit_threshold: int | None
) -> None:
    expected = _expected()
    program = toolchain.load_program(PROGRAM, "main.lisp", jit_threshold=jit_threshold)
    assert _stdout(program, toolchain.runtime_path, "node") == expected


@needs_sbcl
def test_load_in_a_compiled_directory(workdir: Path, toolchain: Toolchain) -> None:
    # node alone, no Python: the JS host gives the file access.
    expected = _expected()
    out = workdir / "out"
    write_program_directory(PROGRAM, "main.lisp", out, toolchain=toolchain)
    done = subprocess.run(
        [str(find_node()), str(out / "main.mjs")],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == expected
