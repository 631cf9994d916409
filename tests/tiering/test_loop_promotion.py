"""Loop promotion (docs/jit.md): a TAGBODY loop that runs long in the Tier 1
interpreter is compiled while it runs, and the running frame goes on in the
compiled loop at its next back edge, sharing the interpreter's variables,
local functions, blocks and go tags.  Each program prints what SBCL prints,
whether its loops are promoted, fail to compile (injected) or the JIT is off;
the JIT log says which loops were promoted.

Also here: a promoted function that closes over nothing is adopted by its
function object (its entries become the compiled code's), and calls through
the object saved before promotion still reach it."""

from __future__ import annotations

import re

import pytest
from jit_harness import load_with_jit_log
from program_harness import needs_sbcl, sbcl_outcome

PROGRAM = """(defvar *scale* 3)
(defvar *log* nil)

(defun shared-sum (n)
  "Closures made before the loop is promoted share SUM with it."
  (let ((sum 0) (readers nil))
    (dotimes (i n)
      (when (< i 3) (push (lambda () sum) readers))
      (setq sum (mod (+ sum (* i *scale*)) 1000003)))
    (list sum (mapcar #'funcall readers))))

(defun find-first (vector item)
  (dotimes (i (length vector) :none)
    (when (eql (aref vector i) item)
      (return (list :found i)))))

(defun outer-tags ()
  (let ((n 0) (rounds 0))
    (tagbody
     again
       (incf rounds)
       (dotimes (i 1000)
         (incf n)
         (when (= n 2500) (go out))
         (when (= i 999) (go again)))
     out)
    (list n rounds)))

(defun local-functions ()
  (flet ((square (x) (* x x)))
    (labels ((halve (x) (if (evenp x) (floor x 2) x)))
      (let ((s 0))
        (dotimes (i 400 s)
          (setq s (+ (square i) (halve s) (funcall #'square 2))))))))

(defun special-bindings ()
  (let ((acc 0))
    (dotimes (i 500 acc)
      (let ((*scale* (mod i 7)))
        (incf acc (* *scale* 2))))))

(defun locally-special ()
  (let ((*log* (list :start)))
    (declare (special *log*))
    (let ((count 0))
      (locally (declare (special *log*))
        (do ((i 0 (1+ i))) ((= i 300) (list count (length *log*)))
          (when (zerop (mod i 100)) (push i *log*))
          (incf count))))))

(defun error-inside (limit)
  (let ((x 0))
    (handler-case
        (dotimes (i 1000)
          (incf x)
          (when (= i limit) (error "stopped at ~D after ~D" i x)))
      (error (c) (format nil "~A" c)))))

(defun throw-out ()
  (catch 'done
    (let ((i 0))
      (loop (incf i)
            (when (> i 700) (throw 'done (list :thrown i)))))))

(defun unwind-cleanups ()
  (let ((cleanups 0) (total 0))
    (dotimes (i 300)
      (unwind-protect
           (catch 'skip
             (when (oddp i) (throw 'skip nil))
             (incf total i))
        (incf cleanups)))
    (list total cleanups)))

(defun make-accumulator ()
  "A closure over interpreted bindings stays in Tier 1; its loop is promoted."
  (let ((total 0))
    (lambda (n)
      (dotimes (i n total)
        (incf total i)))))

(defmacro twice (form) `(progn ,form ,form))

(defun local-macros ()
  (let ((v 0))
    (macrolet ((bump (x) `(incf v ,x)))
      (symbol-macrolet ((doubled (* v 2)))
        (dotimes (i 300 (list v doubled))
          (twice (bump 1))
          (when (> doubled 1000) (setq v 0)))))))

(defun nested-loops ()
  (let ((cells 0))
    (dotimes (i 40)
      (dotimes (j 40)
        (when (< j i) (incf cells))))
    cells))

(defun loop-collect ()
  (loop for i from 0 below 500
        when (zerop (mod i 50)) collect i into hits
        sum i into total
        finally (return (list total hits))))

(defun multiple-values-out ()
  (multiple-value-list
   (block search
     (dotimes (i 1000)
       (when (= i 600) (return-from search (values i (* i 2) :three)))))))

(print (shared-sum 2000))
(print (find-first (let ((v (make-array 900 :initial-element 0))) (setf (aref v 777) 42) v) 42))
(print (outer-tags))
(print (local-functions))
(print (special-bindings))
(print (list *scale* (locally-special)))
(print (error-inside 600))
(print (throw-out))
(print (unwind-cleanups))
(let ((accumulate (make-accumulator)))
  (print (list (funcall accumulate 300) (funcall accumulate 300))))
(print (local-macros))
(print (nested-loops))
(print (loop-collect))
(print (multiple-values-out))
(let ((top 0))
  (dotimes (i 1000) (incf top i))
  (print top))

(defun no-literals (n) (if (< n 2) n (+ (no-literals (- n 1)) (no-literals (- n 2)))))
(defun with-literals (x) (if (member x '(3 5 7)) (list x "odd prime") x))
(let ((saved-plain #'no-literals) (saved-literal #'with-literals))
  (print (list (no-literals 18) (loop for i below 200 count (consp (with-literals (mod i 9))))
               (funcall saved-plain 12) (funcall saved-literal 5)
               (eq saved-plain #'no-literals) (eq saved-literal #'with-literals))))
"""

# The functions whose loop runs at least 50 iterations in one prepared
# TAGBODY (NESTED-LOOPS: only the inner one, 40 x 40), and the two top-level
# loops (in MAKE-ACCUMULATOR's lambda and at the end), which have no name.
PROMOTED_LOOPS = {
    "SHARED-SUM",
    "FIND-FIRST",
    "OUTER-TAGS",
    "LOCAL-FUNCTIONS",
    "SPECIAL-BINDINGS",
    "LOCALLY-SPECIAL",
    "ERROR-INSIDE",
    "THROW-OUT",
    "UNWIND-CLEANUPS",
    "LOCAL-MACROS",
    "NESTED-LOOPS",
    "LOOP-COLLECT",
    "MULTIPLE-VALUES-OUT",
    None,
}


def _run(
    monkeypatch: pytest.MonkeyPatch, threshold: int | None, fault: str = ""
) -> tuple[str, str]:
    monkeypatch.setenv("CLYSM_JIT_LOG", "1")
    if fault:
        monkeypatch.setenv("CLYSM_JIT_FAULT", fault)
    return load_with_jit_log(PROGRAM, "loops.lisp", threshold)


def _loops(log: str, pattern: str) -> set[str | None]:
    return {m.group(1) for m in re.finditer(pattern, log)}


def _sbcl() -> str:
    outcome = sbcl_outcome(PROGRAM)
    assert outcome.ok, outcome
    return outcome.stdout


@needs_sbcl
def test_hot_loops_are_promoted_while_they_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, log = _run(monkeypatch, 50)
    assert out == _sbcl()
    assert _loops(log, r"promoted a loop(?: in (\S+))?") == PROMOTED_LOOPS
    failures = [line for line in log.splitlines() if "stays in Tier 1" in line]
    assert all("closure over interpreted bindings" in line for line in failures), failures


@needs_sbcl
def test_a_loop_that_fails_to_compile_stays_in_tier_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, log = _run(monkeypatch, 50, fault="compile")
    assert out == _sbcl()
    assert "promoted" not in log
    assert _loops(log, r"a loop(?: in (\S+))? stays in Tier 1") == PROMOTED_LOOPS


@needs_sbcl
def test_without_the_jit_no_loop_is_promoted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out, log = _run(monkeypatch, None)
    assert out == _sbcl()
    assert "JIT" not in log
