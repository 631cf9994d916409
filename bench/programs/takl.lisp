;;;; takl: Takeuchi's function on lists used as unary numbers -- list
;;;; walking and recursion, no arithmetic.
;;;; *SIZE* is the number of times the (18 12 6) problem is solved.
;;;; sizes: quick 25 test 1

(defvar *size* 250)

(defun unary (n)
  (let ((list '()))
    (dotimes (i n list)
      (push (- n i) list))))

(defun shorter-p (x y)
  (and y (or (null x) (shorter-p (cdr x) (cdr y)))))

(defun mas (x y z)
  (if (not (shorter-p y x))
      z
      (mas (mas (cdr x) y z)
           (mas (cdr y) z x)
           (mas (cdr z) x y))))

(defun run-takl (times)
  (let ((sum 0))
    (dotimes (i times sum)
      (incf sum (length (mas (unary (+ 18 (mod i 2))) (unary 12) (unary 6)))))))

(format t "takl ~d~%" (run-takl *size*))
