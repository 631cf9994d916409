;;; Integers are fixnums for now: a result beyond them is an error, never a
;;; wrapped value.  (SBCL has bignums, so the program makes its own check and
;;; signals the error itself; clysm must not get there with a wrong value.)

(defconstant +limit+ (1- (expt 2 29)))

(defun checked (n)
  (if (> (abs n) +limit+) (error "too big: ~d" n) n))

(defun factorial (n) (if (< n 2) 1 (checked (* n (factorial (- n 1))))))

(dotimes (i 13)
  (format t "~d! = ~d~%" i (factorial i)))
(print (factorial 13))
(print 'not-reached)
