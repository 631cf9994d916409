"""The text of a JIT request (tiering/lisp/request.lisp) reads back, in the
compile service, as the very symbols, characters and strings the running
program has: names that need bars, lower case, package prefixes, keywords,
symbols of COMMON-LISP written unqualified, a setf function of a
COMMON-LISP-USER symbol (written CL-USER::NAME).  Every function is promoted at
its first call; the program prints what SBCL prints, and none stays in
Tier 1."""

from __future__ import annotations

import pytest
from jit_harness import load_with_jit_log
from program_harness import needs_sbcl, sbcl_outcome

PROGRAM = r"""(defpackage "my pkg" (:use "COMMON-LISP") (:export "odd|name"))
(defpackage :p2 (:use :cl))
(defun |weird name| (x) (list x '|lower case| :|Key Word| '|a\|b| '|back\\slash|))
(defun numbery (x) (list (1+ x) (1- x) '|1+| '|+1| '|.5| '|..| '\.x '-> '+ '- '|...| '|12|))
(defun chars (c) (list c #\Space #\( #\" #\\ #\| #\a (char-code #\Newline) (string #\Tab)))
(defun strings () (list "a \"quoted\" string" "back\\slash" "bar|bar" "semi;colon"))
(defun packages ()
  (list '|my pkg|::|odd\|name| 'p2::thing 'cl-user::local (symbol-package 'p2::thing)))
(defun brackets () (list '[x] '{y} '@at '$dollar '%pct '&amp '~tilde '^hat '_u '!bang '?q))
(defvar *store* (list 0))
(defun thing (x) (car x))
(defun (setf thing) (v x) (setf (car x) v))
(defun bump-thing () (incf (thing *store*) 5) (thing *store*))
(dotimes (i 3)
  (print (bump-thing))
  (print (list (|weird name| i) (numbery i) (chars #\x) (strings) (packages) (brackets))))
"""

PROMOTED = ["|weird name|", "NUMBERY", "CHARS", "STRINGS", "PACKAGES", "BRACKETS", "BUMP-THING"]


@needs_sbcl
def test_requests_read_back_as_the_running_programs_objects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLYSM_JIT_LOG", "1")
    out, log = load_with_jit_log(PROGRAM, "request.lisp", 1)
    expected = sbcl_outcome(PROGRAM)
    assert expected.ok, expected
    assert out == expected.stdout
    assert "stays in Tier 1" not in log, log
    for name in PROMOTED:
        assert f"promoted {name} (" in log, log
