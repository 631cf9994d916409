;;; MACROEXPAND-1, MACROEXPAND, MACRO-FUNCTION, DEFINE-SYMBOL-MACRO.

(defmacro inc-twice (place) `(progn (incf ,place) (incf ,place)))
(defmacro alias-of-inc-twice (place) `(inc-twice ,place))

(print (macroexpand-1 '(alias-of-inc-twice x)))
(print (multiple-value-list (macroexpand-1 '(alias-of-inc-twice x))))
(print (macroexpand '(alias-of-inc-twice x)))
(print (multiple-value-list (macroexpand '(not-a-macro 1 2))))
(print (multiple-value-list (macroexpand-1 'just-a-symbol)))
(print (multiple-value-list (macroexpand-1 42)))

;; MACRO-FUNCTION: a function for macros, NIL for functions and unknown names.
(defun plain (x) x)
(print (list (not (null (macro-function 'inc-twice)))
             (macro-function 'plain)
             (macro-function 'no-such-thing)
             (functionp (macro-function 'alias-of-inc-twice))))

;; Calling the macro function by hand.
(print (funcall (macro-function 'alias-of-inc-twice) '(alias-of-inc-twice y) nil))

;; Symbol macros expand through MACROEXPAND.
(define-symbol-macro the-origin '(0 0))
(print (macroexpand-1 'the-origin))
(print the-origin)

;; Expanding standard macros gives a form that evaluates to the same thing.
(defmacro my-unless (test &body body) `(if ,test nil (progn ,@body)))
(print (macroexpand-1 '(my-unless done (work) (more-work))))
(print (list (my-unless nil 'ran) (my-unless t 'ran)))

;; A macro whose expansion depends on its arguments at expansion time.
(defmacro power-of (base n)
  (if (= n 0) 1 `(* ,base (power-of ,base ,(- n 1)))))
(print (macroexpand-1 '(power-of x 3)))
(print (power-of 2 10))

;; Macros in function position of nested forms are expanded before use.
(defmacro twice-list (x) `(list ,x ,x))
(print (mapcar (lambda (y) (twice-list y)) '(1 2)))

;; (SETF MACRO-FUNCTION)-free redefinition: DEFMACRO again replaces it.
(defmacro version () 1)
(print (version))
(defmacro version () 2)
(print (version))
(print (macroexpand-1 '(version)))
(terpri)
