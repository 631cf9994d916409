;;; DEFMACRO: destructuring lambda lists (&body, &whole, &environment,
;;; nested patterns, &optional and &key in macro lambda lists).

(defmacro my-let1 ((var value) &body body)
  `(let ((,var ,value)) ,@body))
(print (my-let1 (x 5) (* x x)))

(defmacro with-pair (((a b) c) &body body)
  `(destructuring-bind (,a ,b) ,c ,@body))
(print (with-pair ((p q) '(1 2)) (list q p)))

;; &WHOLE sees the entire form.
(defmacro show-form (&whole form &rest args)
  (declare (ignore args))
  `',form)
(print (show-form 1 (2 3) "four"))

;; &OPTIONAL and &KEY in a macro lambda list.
(defmacro repeat ((n &optional (var (gensym))) &body body)
  `(dotimes (,var ,n) ,@body))
(let ((count 0))
  (repeat (3) (incf count))
  (repeat (4 i) (incf count i))
  (print count))

(defmacro make-rect (&key (width 1) (height 1) (label "rect"))
  `(list ,label ,width ,height (* ,width ,height)))
(print (make-rect :height 5 :width 2))
(print (make-rect))

;; Dotted lambda list: (a . rest)
(defmacro first-and-rest (a . rest)
  `(list ',a ',rest))
(print (first-and-rest 1 2 3))

;; &ENVIRONMENT passed to MACROEXPAND in a macro.
(defmacro expand-in-env (form &environment env)
  `',(macroexpand form env))
(defmacro ten () 10)
(print (macrolet ((ten () 20))
         (list (expand-in-env (ten)) (ten))))
(print (expand-in-env (ten)))

;; A macro writing a function definition with a docstring and declarations.
(defmacro define-adder (name amount)
  `(defun ,name (x)
     "Adds a constant."
     (declare (type fixnum x))
     (+ x ,amount)))
(define-adder add-five 5)
(define-adder add-ten 10)
(print (list (add-five 1) (add-ten 1)))

;; A macro with &body that separates declarations.
(defmacro with-logging ((name) &body body)
  `(progn
     (format t "~&enter ~a~%" ',name)
     (multiple-value-prog1 (progn ,@body)
       (format t "~&leave ~a~%" ',name))))
(print (multiple-value-list (with-logging (demo) (values 1 2))))

;; A recursive macro.
(defmacro my-and (&rest forms)
  (cond ((null forms) t)
        ((null (cdr forms)) (car forms))
        (t `(if ,(car forms) (my-and ,@(cdr forms)) nil))))
(print (list (my-and) (my-and 1 2 3) (my-and 1 nil 3)))

;; Macro-defining macros.
(defmacro define-getter (name key)
  `(defmacro ,name (plist) `(getf ,plist ,',key)))
(define-getter get-name :name)
(define-getter get-age :age)
(let ((person '(:name "Ada" :age 36)))
  (print (list (get-name person) (get-age person))))

;; Nested destructuring with &rest inside the pattern.
(defmacro my-cond-1 ((test &rest forms) &rest more)
  `(if ,test (progn ,@forms) ,(if more `(my-cond-1 ,@more) nil)))
(print (let ((x 5))
         (my-cond-1 ((< x 0) 'negative) ((= x 0) 'zero) (t 'positive))))

;; A macro that evaluates its argument once.
(defmacro square-once (form)
  (let ((v (gensym "V")))
    `(let ((,v ,form)) (* ,v ,v))))
(let ((calls 0))
  (print (list (square-once (progn (incf calls) 7)) calls)))
(terpri)
