;;; Top-level forms: PROGN, LOCALLY, MACROLET, SYMBOL-MACROLET and EVAL-WHEN
;;; keep their bodies at top level, so definitions in them are seen by the
;;; forms after them.

(progn
  (defmacro first-macro () ''from-progn)
  (print (first-macro)))

(locally (declare (optimize speed))
  (defmacro second-macro (x) `(list ,x ,x))
  (defun uses-second (y) (second-macro y)))
(print (uses-second 3))

(macrolet ((twice (form) `(progn ,form ,form)))
  (defun twice-pushed () (let ((l nil)) (twice (push 'x l)) l)))
(print (twice-pushed))

(symbol-macrolet ((origin '(0 0)))
  (defun get-origin () origin))
(print (get-origin))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defparameter *expansion-count* 0)
  (defun make-adder-form (n) `(lambda (x) (+ x ,n))))
(defmacro adder (n) (make-adder-form n))
(print (funcall (adder 5) 10))

;; Nested top-level forms.
(progn
  (locally
      (macrolet ((def-const-fn (name value) `(defun ,name () ,value)))
        (def-const-fn one 1)
        (def-const-fn two 2)))
  (print (list (one) (two))))

;; A DEFCONSTANT used by a macro at expansion time.
(defconstant +size+ 4)
(defmacro size-list () `(list ,@(make-list +size+ :initial-element +size+)))
(print (size-list))

;; DEFVAR at top level inside PROGN is seen by later functions as special.
(progn (defvar *later* 'global))
(defun read-later () *later*)
(print (let ((*later* 'rebound)) (read-later)))

;; A macro defined inside EVAL-WHEN with all situations.
(eval-when (:compile-toplevel :load-toplevel :execute)
  (defmacro square-it (x) `(* ,x ,x)))
(print (square-it 12))

;; (DEFUN (SETF ...)) at top level inside PROGN.
(progn
  (defvar *store* (list 0))
  (defun stored () (car *store*))
  (defun (setf stored) (v) (setf (car *store*) v)))
(setf (stored) 42)
(print (stored))
(terpri)
