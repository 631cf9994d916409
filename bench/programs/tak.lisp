;;;; tak: Takeuchi's function -- calls with three fixnum arguments.
;;;; *SIZE* is the number of times (TAK 18 12 6) is computed.
;;;; sizes: quick 150 test 1

(defvar *size* 1500)

(defun tak (x y z)
  (if (not (< y x))
      z
      (tak (tak (1- x) y z)
           (tak (1- y) z x)
           (tak (1- z) x y))))

(defun run-tak (times)
  (let ((sum 0))
    (dotimes (i times sum)
      ;; The arguments vary a little so no call can be hoisted out of the loop.
      (incf sum (tak (+ 18 (mod i 2)) 12 6)))))

(format t "tak ~d~%" (run-tak *size*))
