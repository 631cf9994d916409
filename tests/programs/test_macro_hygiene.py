"""The runtime's iteration macros use fresh tags: a GO in the body of a
DOLIST or DOTIMES written in package CLYSM (where the macros' own symbols
live) reaches the program's tag, not the macro's.  The expected output is
SBCL's for the same program in CL-USER."""

from __future__ import annotations

from program_harness import clysm_outcome, compile_text, needs_sbcl, sbcl_outcome

BODY = """
(defun hygiene-test (items)
  (let ((seen nil) (n 0))
    (tagbody
     next
       (incf n)
       (when (> n 3) (go done))
       (dolist (x items) (push (list n x) seen) (when (eql x 2) (go next)))
       (dotimes (i 2) (push i seen) (go next))
     done)
    (reverse seen)))
(print (hygiene-test '(1 2 3)))
"""


@needs_sbcl
def test_go_from_an_iteration_body_in_package_clysm() -> None:
    expected = sbcl_outcome(BODY)
    program, runtime = compile_text('(in-package "CLYSM")' + BODY, "hygiene.lisp")
    assert str(clysm_outcome(program, runtime, "node")) == str(expected)
