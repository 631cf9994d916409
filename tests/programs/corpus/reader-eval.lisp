;;; Forms read at run time and evaluated: backquote read by READ expands
;;; with the library's backquote macro, and a read-eval-print loop over a
;;; string of forms.
(defvar *x* 10)
(defvar *l* '(1 2 3))
(print (eval (read-from-string "`(a ,*x* ,@*l* b)")))
(print (eval (read-from-string "`(a . ,*x*)")))
(print (eval (read-from-string "`#(1 ,*x*)")))
(print (eval (eval (read-from-string "``(a ,,*x* ,(+ 1 2))"))))
(print (eval (read-from-string "(let ((y 5)) `(,y ,@(list y y) ,.(list 7)))")))
(print (eval (read-from-string "(defmacro swap-pair (p) `(cons (cdr ,p) (car ,p)))")))
(print (eval (read-from-string "(swap-pair '(1 . 2))")))
(print (eval (read-from-string "#.(* 6 7)")))
(print (eval (read-from-string "(list #'car (function cdr))")))

(defun repl-over-string (text)
  (with-input-from-string (in text)
    (loop for form = (read in nil :done)
          until (eq form :done)
          do (format t "~&> ~S~%" form)
             (format t "~{~S~^ ~}~%" (multiple-value-list (eval form))))))

(repl-over-string "
(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(fib 15)
(defparameter *table* (list (cons 'a 1) (cons 'b 2)))
(cdr (assoc 'b *table*))
(floor 17 5)
(let ((acc nil)) (dotimes (i 5) (push (* i i) acc)) (nreverse acc))
; a comment between forms
(mapcar (lambda (s) (string-downcase (symbol-name s))) '(Hello World))
#| a block comment |#
(values)
(format nil \"~A and ~S\" \"str\" \"str\")
'done")
