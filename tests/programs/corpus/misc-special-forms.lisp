;;; FUNCTION, QUOTE, IF, PROGN, SETQ, EVAL-WHEN, LOAD-TIME-VALUE, LOCALLY, THE.

;; FUNCTION and QUOTE
(print (funcall (function car) '(a b)))
(print (funcall #'(lambda (x) (list x x)) 'y))
(print (quote (a . b)))
(print ''x)
(print '#(1 "two" #\3))
(print (eq 'abc 'ABC))
(print (let ((l '(1 2 3))) (eq l l)))

;; IF with and without an else branch
(print (list (if t 1 2) (if nil 1 2) (if nil 1) (if 0 'zero-is-true 'no)))

;; PROGN returns the last value; an empty PROGN returns NIL.
(print (progn 1 2 3))
(print (progn))
(print (multiple-value-list (progn 'a (values 1 2))))

;; SETQ: several pairs, sequential; returns the last value.
(let ((a 1) (b 2))
  (print (setq a 10 b (+ a 1)))
  (print (list a b))
  (print (setq)))

;; EVAL-WHEN: :execute and :load-toplevel run at load time.
(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun helper-at-compile-time (x) (* x 100)))
(defmacro times-hundred (x) (helper-at-compile-time x))
(print (times-hundred 7))
(eval-when (:load-toplevel :execute) (print 'load-and-execute))
(let ((x 5))
  ;; Not at top level: only :execute matters.
  (print (eval-when (:execute) (* x 2)))
  (print (eval-when (:compile-toplevel) (* x 3))))

;; LOAD-TIME-VALUE: evaluated once.
(defvar *ltv-count* 0)
(defun ltv-user () (load-time-value (progn (incf *ltv-count*) (list 'made-once))))
(print (eq (ltv-user) (ltv-user)))
(print (ltv-user))
(print *ltv-count*)

;; LOCALLY with declarations.
(print (locally (declare (optimize (speed 1))) (+ 1 2)))
(defvar *special-x* 'global)
(defun read-special-x () *special-x*)
(print (let ((*special-x* 'dynamic))
         (locally (declare (special *special-x*))
           (read-special-x))))

;; THE
(print (the fixnum (+ 1 2)))
(print (the (values fixnum fixnum) (floor 7 2)))
(print (multiple-value-list (the (values fixnum fixnum) (floor 7 2))))
(print (the list '(a b)))
(let ((s "abc")) (print (the string s)))

;; FUNCTION with a lambda that closes over a variable.
(let ((n 3))
  (print (mapcar (function (lambda (x) (* x n))) '(1 2 3))))

;; IF nested in values position.
(defun sign-word (n) (if (< n 0) "negative" (if (= n 0) "zero" "positive")))
(print (mapcar #'sign-word '(-1 0 1)))
(terpri)
