;;; Backquote (nested too), GENSYM, and macros that use them.

(let ((x 1) (ys '(2 3)) (z '(4 5)))
  (print `(a ,x ,@ys b))
  (print `(,@ys . ,x))
  (print `(x ,@z ,@ys))
  (print `(nested (list ,x) ,(list 'y ys)))
  (print `#(1 ,x ,@ys))
  (print `(1 . ,(+ x 1)))
  (print `(,@nil))
  (print `,x)
  (print `(,x . ,z))
  (print `((,x) ((,@ys))))
  (print `(splice-at-end ,@z)))

;; Nested backquote: a macro that writes a macro.
(defmacro define-constant-fn (name value)
  `(defmacro ,name () `(quote ,',value)))
(define-constant-fn the-answer 42)
(define-constant-fn the-list (a b c))
(print (list (the-answer) (the-list)))

;; Double unquote ,, in nested backquotes.
(defmacro make-multiplier-macro (name factor)
  `(defmacro ,name (x) `(* ,x ,,factor)))
(make-multiplier-macro triple 3)
(print (triple 14))

(defun quoted-list-form (v)
  ;; A form that, evaluated, makes the list V.
  `(list ,@(mapcar (lambda (s) `(quote ,s)) v)))
(print (quoted-list-form '(p q)))

;; Nested backquote evaluated twice: the inner one is a template for a form.
(defmacro make-list-maker (name &rest items)
  `(defmacro ,name () `(list ,@',items)))
(make-list-maker maker 1 2 3)
(print (maker))

;; GENSYM: fresh, uninterned, distinct.
(let ((g1 (gensym)) (g2 (gensym "TEMP")))
  (print (list (symbolp g1) (eq g1 g2) (symbol-package g1)
               (string= (symbol-name g2) "TEMP" :end1 4))))

;; A swap macro that is safe against capture.
(defmacro swap (a b)
  (let ((tmp (gensym "TMP")))
    `(let ((,tmp ,a)) (setq ,a ,b) (setq ,b ,tmp))))
(let ((tmp 1) (other 2))
  (swap tmp other)
  (print (list tmp other)))

;; WHILE loop macro with gensym'd block name.
(defmacro while (test &body body)
  (let ((top (gensym "TOP")))
    `(block nil
       (tagbody ,top
          (when ,test ,@body (go ,top))))))
(let ((i 0) (acc nil))
  (while (< i 5) (push i acc) (incf i))
  (print acc))

;; FOR macro with a once-only step and end.
(defmacro for ((var from to) &body body)
  (let ((end (gensym "END")))
    `(do ((,var ,from (+ ,var 1)) (,end ,to))
         ((> ,var ,end))
       ,@body)))
(let ((sum 0))
  (for (i 1 (* 2 5)) (incf sum i))
  (print sum))

;; Backquoted strings and characters.
(let ((n 3))
  (print `("count" ,n #\c ,(format nil "~d" 2)))
  (print `(:key ,n :list ,@(list n n))))

;; A macro building a COND from a table.
(defmacro classify (x &rest table)
  `(cond ,@(mapcar (lambda (row) `((<= ,x ,(car row)) ',(cadr row))) table)
         (t 'huge)))
(print (mapcar (lambda (v) (classify v (0 none) (9 small) (99 medium))) '(-1 5 50 500)))
(terpri)
