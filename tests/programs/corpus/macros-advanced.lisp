;;; Macro corner cases: &whole with destructuring, &environment with
;;; MACROLET and SYMBOL-MACROLET, macros expanding to declarations, macros in
;;; places, macros defining functions and other macros, recursive expansion.

(defmacro whole-and-parts (&whole whole (a b) &rest rest)
  `(list ',whole ',a ',b ',rest))
(print (whole-and-parts (1 2) 3 4))

;; A macro using &ENVIRONMENT to see local symbol macros.
(defmacro expansion-of (form &environment env)
  (multiple-value-bind (expansion expanded-p) (macroexpand-1 form env)
    `'(,expansion ,expanded-p)))
(print (symbol-macrolet ((local-sym (car x))) (expansion-of local-sym)))
(print (expansion-of local-sym))
(print (macrolet ((m (x) `(+ ,x 1))) (expansion-of (m 5))))

;; A macro that expands into a DECLARE-carrying LET.
(defmacro let-fixnum ((var value) &body body)
  `(let ((,var ,value)) (declare (type fixnum ,var)) ,@body))
(print (let-fixnum (n 41) (1+ n)))

;; A macro used as a place: SETF expands the macro first.
(defmacro second-of (x) `(car (cdr ,x)))
(let ((l (list 1 2 3)))
  (setf (second-of l) 'two)
  (incf (car l) 100)
  (print l))

;; A macro whose expansion contains a macro defined later (expanded at use).
(defmacro outer-m (x) `(inner-m ,x ,x))
(defmacro inner-m (a b) `(list ,a ,b))
(print (outer-m 'z))

;; Recursively expanding macro with an accumulator.
(defmacro my-list-reverse (&rest items)
  (labels ((rev (xs acc) (if (null xs) acc (rev (cdr xs) (cons (car xs) acc)))))
    `(list ,@(rev items nil))))
(print (my-list-reverse 1 2 3 4))

;; A macro generating a DEFUN and a DEFMACRO together.
(defmacro define-accessor-pair (name index)
  (let ((setter (intern (concatenate 'string "SET-" (symbol-name name)))))
    `(progn
       (defun ,name (v) (svref v ,index))
       (defun ,setter (v new) (setf (svref v ,index) new)))))
(define-accessor-pair slot-x 0)
(define-accessor-pair slot-y 1)
(let ((v (vector 1 2)))
  (set-slot-x v 10)
  (set-slot-y v (+ (slot-x v) 5))
  (print (list (slot-x v) (slot-y v))))

;; MACROLET shadowing a global macro, and a local function shadowing a
;; macro.
(defmacro shadowed () ''global-macro)
(print (list (shadowed)
             (macrolet ((shadowed () ''local-macro)) (shadowed))
             (flet ((shadowed () 'local-function)) (shadowed))))

;; Symbol macros expand in SETQ, and a LET of the same name shadows them.
(let ((cell (list 0)))
  (symbol-macrolet ((counter (car cell)))
    (setq counter 5)
    (incf counter)
    (let ((counter 'plain)) (setq counter 'still-plain))
    (print (list counter cell))))

;; Macros with keyword arguments and defaults computed from other args.
(defmacro with-range ((var &key (from 0) (to (+ from 3)) (step 1)) &body body)
  `(do ((,var ,from (+ ,var ,step))) ((>= ,var ,to)) ,@body))
(let ((acc nil))
  (with-range (i :from 2) (push i acc))
  (with-range (i :to 10 :step 4) (push (- i) acc))
  (print (nreverse acc)))

;; Nested backquote with a splice inside a nested template.
(defmacro def-list-fn (name &rest elements)
  `(defun ,name () (list ,@(mapcar (lambda (e) `(quote ,e)) elements))))
(def-list-fn get-colors red green blue)
(print (get-colors))

;; MACROEXPAND of a macro that expands to another macro, with and without
;; the environment.
(defmacro step-1 (x) `(step-2 ,x))
(defmacro step-2 (x) `(* ,x 2))
(print (list (macroexpand-1 '(step-1 5)) (macroexpand '(step-1 5)) (step-1 5)))
(terpri)
