;;; DECLAIM, DECLARE, THE, LOCALLY: declarations that do not change results,
;;; and special declarations that do.

(declaim (optimize (speed 2) (safety 1)))
(declaim (inline small-add))
(defun small-add (a b) (+ a b))
(declaim (ftype (function (fixnum fixnum) fixnum) typed-mul))
(defun typed-mul (a b)
  (declare (type fixnum a b))
  (the fixnum (* a b)))
(print (list (small-add 2 3) (typed-mul 6 7)))

(declaim (special *global-special*))
(setq *global-special* 'declaimed)
(defun read-global () *global-special*)
(print (let ((*global-special* 'rebound)) (read-global)))
(print (read-global))

;; IGNORE, IGNORABLE, DYNAMIC-EXTENT, type declarations.
(defun ignores (a b &optional c)
  (declare (ignore b) (ignorable c))
  a)
(print (ignores 1 2))

(defun sum-list (list)
  (let ((total 0))
    (declare (type fixnum total))
    (dolist (x list)
      (declare (fixnum x))
      (setq total (+ total x)))
    total))
(print (sum-list '(1 2 3 4 5)))

(defun build (n)
  (let ((items (make-list-of n)))
    (declare (dynamic-extent items))
    (length items)))
(defun make-list-of (n) (let ((r nil)) (dotimes (i n r) (push i r))))
(print (build 7))

;; A local special declaration in a function affects its binding and the
;; functions it calls.
(defun inner-reader () (declare (special local-dyn)) local-dyn)
(defun outer-binder (v)
  (let ((local-dyn v))
    (declare (special local-dyn))
    (inner-reader)))
(print (outer-binder 'seen-dynamically))

;; Declarations at the start of LET, LET*, FLET, LABELS, LAMBDA bodies.
(print (let* ((a 1) (b (+ a 1))) (declare (fixnum a b)) (list a b)))
(print (flet ((f (x) (declare (type fixnum x)) (* x 2))) (f 21)))
(print (labels ((g (x) (declare (optimize speed)) (if (= x 0) 0 (+ 1 (g (- x 1)))))) (g 10)))
(print (funcall (lambda (x) (declare (type list x)) (length x)) '(a b c)))

;; Docstrings and declarations together.
(defun documented (x)
  "Returns twice X."
  (declare (fixnum x))
  (* 2 x))
(print (documented 8))

;; THE with a values type and LOCALLY with a special declaration.
(print (multiple-value-list (the (values fixnum fixnum &optional) (truncate 9 2))))
(defvar *v* 'global-v)
(print (let ((*v* 'bound-v))
         (locally (declare (special *v*)) *v*)))
(terpri)
