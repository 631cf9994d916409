;;; Calling a function that is defined nowhere is an error at run time.

(defun known (x) (* x 2))
(print (known 21))
(write-line "calling an undefined function next")
(defun call-it (x) (this-function-does-not-exist x))
(print (call-it 1))
(print 'not-reached)
