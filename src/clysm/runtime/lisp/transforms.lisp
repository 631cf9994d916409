;;;; transforms.lisp -- compiler macros that open-code calls of the kernel
;;;; functions whose definition (kernel.lisp) is one intrinsic, so that
;;;; (car x) or (+ a b) compile to inline code instead of a full call.  Each
;;;; expansion computes exactly what the function computes: the intrinsics
;;;; check their arguments the same way (CAR of a non-list is a type-error;
;;;; fixnum arithmetic falls back to the generic slow path).
;;;;
;;;; Loaded early, so the rest of the library is compiled with them too.

(in-package "CLYSM")

;;; (%define-transform name (param*) expansion): when a call of NAME has
;;; exactly as many arguments as PARAMs, it becomes EXPANSION; other calls
;;; stay calls (and signal their program-error at run time).
(defmacro %define-transform (name params expansion)
  (let ((form (gensym "FORM")) (args (gensym "ARGS")))
    `(define-compiler-macro ,name (&whole ,form &rest ,args)
       (if (if (listp ,args) (= (length ,args) ,(length params)) nil)
           (destructuring-bind ,params ,args ,expansion)
           ,form))))

(%define-transform car (x) `(%car ,x))
(%define-transform cdr (x) `(%cdr ,x))
(%define-transform cons (x y) `(%cons ,x ,y))
(%define-transform eq (x y) `(%eq ,x ,y))
(%define-transform not (x) `(%eq ,x nil))
(%define-transform null (x) `(%eq ,x nil))
(%define-transform consp (x) `(%consp ,x))
(%define-transform atom (x) `(if (%consp ,x) nil t))
(%define-transform symbolp (x) `(%symbolp ,x))
(%define-transform stringp (x) `(%stringp ,x))
(%define-transform characterp (x) `(%characterp ,x))
(%define-transform functionp (x) `(%functionp ,x))
(%define-transform 1+ (x) `(%fx+ ,x 1))
(%define-transform 1- (x) `(%fx- ,x 1))
(%define-transform zerop (x) `(%fx= ,x 0))
(%define-transform plusp (x) `(%fx> ,x 0))
(%define-transform minusp (x) `(%fx< ,x 0))
(%define-transform = (x y) `(%fx= ,x ,y))
(%define-transform < (x y) `(%fx< ,x ,y))
(%define-transform > (x y) `(%fx> ,x ,y))
(%define-transform <= (x y) `(%fx<= ,x ,y))
(%define-transform >= (x y) `(%fx>= ,x ,y))

;;; SVREF and its place: the fast path inline when the vector is simple and
;;; the index in bounds; anything else calls the function, which signals.
(%define-transform svref (vector index)
  (let ((v (gensym "VECTOR")) (i (gensym "INDEX")))
    `(let ((,v ,vector) (,i ,index))
       (if (%svref-index-p ,v ,i) (%svref ,v ,i) (funcall #'svref ,v ,i)))))

(defun %svset-fast (vector index value)
  (%svset-checked vector index value))

(%define-transform %svset-fast (vector index value)
  (let ((v (gensym "VECTOR")) (i (gensym "INDEX")) (x (gensym "VALUE")))
    `(let ((,v ,vector) (,i ,index) (,x ,value))
       (if (%svref-index-p ,v ,i) (%svset ,v ,i ,x) (%svset-checked ,v ,i ,x)))))

;;; + - * fold any number of arguments into binary steps, left to right.
(defun %fold-arithmetic (op args)
  (let ((result (car args)))
    (dolist (arg (cdr args) result)
      (setq result (list op result arg)))))

(define-compiler-macro + (&whole form &rest args)
  (cond ((not (listp args)) form)
        ((null args) 0)
        ((null (cdr args)) form)  ; (+ x) checks that x is a number
        (t (%fold-arithmetic '%fx+ args))))

(define-compiler-macro * (&whole form &rest args)
  (cond ((not (listp args)) form)
        ((null args) 1)
        ((null (cdr args)) form)
        (t (%fold-arithmetic '%fx* args))))

(define-compiler-macro - (&whole form &rest args)
  (cond ((not (listp args)) form)
        ((null args) form)
        ((null (cdr args)) form)  ; negation is not 0 - x for -0.0
        (t (%fold-arithmetic '%fx- args))))

(defun compiler-macro-function (name &optional environment)
  (declare (ignore environment))
  (get name '%compiler-macro))
