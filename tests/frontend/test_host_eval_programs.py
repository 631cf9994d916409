"""The host evaluator runs real programs and agrees with SBCL.

Every program is plain CL (the test prelude supplies the standard macros it
uses); SBCL runs all of them once per module and each test compares one.
"""

from __future__ import annotations

import pytest
from frontend_oracle import host_result, needs_sbcl, sbcl_results

# Each test runs in a forked copy of a pristine prelude image (conftest.py).
pytestmark = pytest.mark.in_prelude_child

PROGRAMS: dict[str, str] = {
    "closures-share-assigned-variable": """
(defun make-counter ()
  (let ((n 0))
    (list #'(lambda () (incf n)) #'(lambda () n) #'(lambda (v) (setq n v)))))
(let* ((c (make-counter)) (inc (car c)) (get (car (cdr c))) (put (car (cdr (cdr c)))))
  (funcall inc) (funcall inc) (funcall put 10) (funcall inc)
  (list (funcall get) (funcall inc) (funcall (car (make-counter)))))
""",
    "fresh-binding-each-iteration": """
(let ((fs nil) (i 0))
  (tagbody top
    (when (< i 3)
      (let ((j i))
        (push #'(lambda () (setq j (* j 10)) (list i j)) fs))
      (setq i (+ i 1))
      (go top)))
  (let ((r nil))
    (dolist (f fs) (push (funcall f) r))
    (dolist (f fs) (push (funcall f) r))
    r))
""",
    "counter-loop": """
(let ((evens 0) (odds 0) (i 0))
  (tagbody
   again
     (if (= (mod i 2) 0) (incf evens) (incf odds))
     (incf i)
     (if (< i 11) (go again)))
  (list evens odds i))
""",
    "specials-restored-on-throw": """
(defvar *x* 1)
(defun read-x () *x*)
(defun bind-and-throw (v) (let ((*x* v)) (throw 'done (list (read-x) *x*))))
(list (catch 'done (bind-and-throw 2))
      *x* (read-x)
      (block b (let ((*x* 3)) (funcall #'(lambda () (return-from b (read-x))))))
      *x*
      (catch 'done (let ((*x* 4)) (unwind-protect (throw 'done *x*) (setq *x* 5))))
      *x*)
""",
    "return-from-out-of-closures": """
(defun find-first (pred list)
  (dolist (x list) (when (funcall pred x) (return-from find-first x)))
  nil)
(defun outer ()
  (block b
    (find-first #'(lambda (x) (when (> x 2) (return-from b (* x 100)))) '(1 2 3 4))
    'none))
(list (outer) (find-first #'(lambda (x) (> x 1)) '(1 2 3)) (find-first #'(lambda (x) x) nil))
""",
    "go-out-of-closures": """
(defun run (f) (funcall f) 'not-reached)
(let ((log nil) (n 0))
  (tagbody
     (push 'a log)
   again
     (incf n)
     (run #'(lambda () (push n log) (if (< n 3) (go again) (go done))))
     (push 'c log)
   done
     (push 'd log))
  log)
""",
    "unwind-protect-order": """
(let ((log nil))
  (push (catch 'x
          (unwind-protect
               (unwind-protect (progn (push 1 log) (throw 'x 'thrown) (push 2 log))
                 (push 3 log))
            (push 4 log)))
        log)
  (push (block b (catch 'x (unwind-protect (throw 'x 1) (return-from b 'overridden)))) log)
  (push (multiple-value-list (unwind-protect (values 1 2 3) (push 'cleanup log) (values 4 5)))
        log)
  (reverse log))
""",
    "multiple-values": """
(defun two () (values 1 2))
(defun pass () (two))
(defun none () (values))
(list (multiple-value-list (pass))
      (multiple-value-list (catch 'k (throw 'k (values 3 4))))
      (multiple-value-list (block b (return-from b (values 5 6 7))))
      (multiple-value-list (none))
      (multiple-value-list (prog1 (two) 'x))
      (multiple-value-list (multiple-value-prog1 (values 10 11) (values 12 13)))
      (multiple-value-call #'list (two) (none) (two) 'x)
      (multiple-value-bind (a b c) (two) (list a b c))
      (multiple-value-bind (a) (none) a)
      (let ((x (two))) x)
      (multiple-value-list (if (pass) (values 'a 'b) nil))
      (multiple-value-list (let ((y 1)) (values y (+ y 1))))
      (multiple-value-list (floor 17 5)))
""",
    "ordinary-lambda-lists": """
(defun f (a &optional (b 2 b-p) (c (+ a b)) &rest r &key ((:k kk) 'dk k-p) (m 5)
          &allow-other-keys)
  (list a b b-p c r kk k-p m))
(defun g (x &aux (y (* x 2)) z) (list x y z))
(defun h (&key a (b a)) (list a b))
(defun o (&optional x (y x y-p)) (list x y y-p))
(list (f 1) (f 1 10) (f 1 10 20) (f 1 10 20 :k 7)
      (f 1 10 20 :m 1 :k 2 :k 3) (f 1 10 20 :z 9)
      (g 4) (h) (h :a 3) (h :b 1 :allow-other-keys t :a 2) (o) (o 1) (o 1 2)
      ((lambda (x y) (list y x)) 1 2)
      ((lambda (&optional (x 5)) x))
      (apply #'f 1 2 '(3 :m 4))
      (funcall 'list 1 2))
""",
    "macrolet-and-symbol-macrolet": """
(defmacro m () ''global)
(let ((cell (list 1 2)))
  (list (macrolet ((twice (x) `(progn ,x ,x)) (sq (y) `(* ,y ,y)))
          (let ((n 0)) (twice (incf n)) (list n (sq 3))))
        (symbol-macrolet ((x (car cell)))
          (setq x 10)
          (incf x)
          (list x cell (let ((x 5)) x)))
        (m)
        (macrolet ((m () ''local)) (m))
        (flet ((m () 'fn)) (m))
        (macrolet ((a () 1))
          (macrolet ((b () (list 'quote (list (a) 2))))
            (b)))
        (symbol-macrolet ((y 'outer))
          (list y (symbol-macrolet ((y 'inner)) y)))))
""",
    "macros-see-environment": """
(defmacro expand-here (form &environment env) (list 'quote (macroexpand form env)))
(defmacro def-adder (name n) `(defmacro ,name (x) (list '+ x ,n)))
(def-adder add5 5)
(list (macrolet ((local () ''x)) (expand-here (local)))
      (symbol-macrolet ((s (car z))) (expand-here s))
      (add5 10)
      (expand-here (add5 1)))
""",
    "long-tagbody-loop": """
(let ((i 0) (sum 0))
  (tagbody top
    (when (< i 100000)
      (setq sum (+ sum i))
      (setq i (+ i 1))
      (go top)))
  (list i sum))
""",
    "deep-recursion": """
(defun deep (n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
(labels ((fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
  (list (deep 2000) (fib 16)))
""",
    "flet-and-labels-scope": """
(flet ((f (x) (list 'outer x)))
  (flet ((f (x) (if (numberp x) (f (list x)) x)))
    (list (f 1)
          (labels ((ev (n) (if (= n 0) t (od (- n 1))))
                   (od (n) (if (= n 0) nil (ev (- n 1)))))
            (list (ev 10) (od 7) (ev 3)))
          (labels ((g (n acc) (if (= n 0) acc (g (- n 1) (cons n acc)))))
            (g 5 nil))
          (flet ((k () (return-from k 'early) 'late)) (k)))))
""",
    "progv-and-special-declarations": """
(defvar *a* 1)
(defun get-a () *a*)
(defun peek () (symbol-value 'zz))
(set 'w 7)
(list (progv '(*a*) '(2) (get-a))
      (get-a)
      (progv '(*a*) '() (boundp '*a*))
      (let ((zz 5)) (declare (special zz)) (peek))
      (let ((y 1)) (let ((y 2)) (declare (special y)) (list y (symbol-value 'y))))
      (let ((x 1))
        (let ((f #'(lambda () x)))
          (let ((x 2)) (declare (special x)) (list x (funcall f)))))
      (let ((w 1)) (list w (locally (declare (special w)) w)))
      (funcall #'(lambda (*a*) (get-a)) 9)
      (get-a))
""",
    "catch-and-throw": """
(defun thrower (tag v) (throw tag v))
(list (catch 'a (catch 'a (thrower 'a 1)) 2)
      (catch 'b (catch 'c (thrower 'b 3)) 4)
      (catch 'd 5)
      (let ((tag (list 'fresh))) (catch tag (thrower tag 6))))
""",
    "tagbody-numeric-tags": """
(let ((n 0) (log nil))
  (tagbody
   10 (incf n)
      (let ((m n)) (push m log) (if (< m 3) (go 10) (go 20)))
   20 (push 'end log))
  (list log (tagbody) (tagbody 1 2)))
""",
    "setq-and-let": """
(let ((a 1) (b 2) x y)
  (setq a b b a)
  (list a b (setq x 1 y 2) x y (setq)
        (let ((a 10) (b a)) (list a b))
        (let* ((a 10) (b a)) (list a b))))
""",
    "destructuring": """
(defmacro my-with ((var val) &body body) `(let ((,var ,val)) ,@body))
(list (destructuring-bind (&whole w a (b . c) &key (d 1 d-p) &allow-other-keys)
          '(1 (2 3 4) :z 0)
        (list w a b c d d-p))
      (destructuring-bind (a &optional (b 'bb b-p) &rest r) '(1) (list a b b-p r))
      (destructuring-bind (a . b) '(1 2 3) (list a b))
      (destructuring-bind (&key x ((:why y) 2)) '(:why 3 :x 4) (list x y))
      (destructuring-bind ((a b) &body c) '((1 2) 3 4) (list a b c))
      (destructuring-bind (a &aux (b (* a 2))) '(5) (list a b))
      (my-with (q 5) (* q q)))
""",
    "function-objects": """
(defun (setf car-ish) (new x) (list new x))
(defun add3 (a b c) (+ a b c))
(list (funcall #'add3 1 2 3) (apply #'add3 1 '(2 3)) (apply 'add3 '(1 1 1))
      (funcall (funcall #'(lambda () #'add3)) 0 0 1)
      (functionp #'car) (functionp 'car)
      (let ((f #'(lambda (&rest xs) xs))) (apply f 1 2 '(3)))
      (funcall #'(setf car-ish) 1 2))
""",
    "numbers-and-equality": """
(list (eql 1.0 1.0) (eql 1 1.0) (equal "ab" "ab") (eq 'a 'a) (equal '(1 (2 "x")) '(1 (2 "x")))
      (= 1 1.0) (/ 1 3) (/ 6 3) (* 1/2 4) (+ 0.5 1/2) (- 5) (- 10 1 2) (/ 2)
      (floor 7 2) (mod -7 2) (floor -7 2) (< 1 2 3) (< 1 3 2) (>= 3 3 1) (1+ 1/2)
      (+ 1 2.0d0) (* 2 0.25) (- 0.0) (mod -7.5 2) (floor 7.5) (= 1/2 0.5) (< 1/3 0.34)
      (+ 4611686018427387904 4611686018427387904) (* 1073741823 1073741823))
""",
    "misc-special-forms": """
(defun ltv () (load-time-value (list 1 2)))
(list (eq (ltv) (ltv))
      (the fixnum (+ 1 2))
      (eval-when (:execute) 'executed)
      (eval-when (:compile-toplevel) 'skipped)
      (if nil 1)
      (progn)
      (let () 5)
      (locally 6)
      (quote (a . b))
      (block nil (return 7) 8)
      (multiple-value-call #'+ 1 (values 2 3) (values)))
""",
}


@pytest.fixture(scope="module")
def oracle() -> dict[str, str]:
    return sbcl_results(PROGRAMS)


@needs_sbcl
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_program_matches_sbcl(name: str, oracle: dict[str, str]) -> None:
    assert not oracle[name].startswith("ERROR"), oracle[name]
    assert host_result(PROGRAMS[name]) == oracle[name]
