;;; hello.lisp -- the first program.

(defun greet (name)
  (format t "Hello, ~a!~%" name))

(defun fact (n)
  (if (<= n 1) 1 (* n (fact (1- n)))))

(greet "world")
(print (fact 10))
(print '(#\a "string" 1/2 1.5d0 :key #(1 2 3)))
