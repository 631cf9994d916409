;;; Calling a function with the wrong number of arguments is an error.

(defun two-args (a b) (list a b))
(print (two-args 1 2))
(print (funcall #'two-args 3 4))
(print (apply #'two-args '(5 6)))
(princ "now with three arguments")
(terpri)
(print (apply #'two-args '(1 2 3)))
(print 'not-reached)
