;;; An unhandled type error ends the program with a non-zero exit status,
;;; after the output printed so far.

(defun safe-sum (list)
  (let ((sum 0))
    (dolist (x list sum) (setq sum (+ sum x)))))

(print (safe-sum '(1 2 3)))
(format t "~&about to take the car of a number~%")
(finish-output)
(defun first-of (x) (car x))
(print (first-of '(a b)))
(print (first-of 5))
(print 'not-reached)
