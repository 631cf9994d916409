;;;; ctak: Takeuchi's function returning through CATCH and THROW.
;;;; *SIZE* is the number of times (CTAK 18 12 6) is computed.
;;;; sizes: quick 100 test 1

(defvar *size* 1000)

(defun ctak (x y z)
  (catch 'ctak (ctak-aux x y z)))

(defun ctak-aux (x y z)
  (if (not (< y x))
      (throw 'ctak z)
      (ctak-aux (catch 'ctak (ctak-aux (1- x) y z))
                (catch 'ctak (ctak-aux (1- y) z x))
                (catch 'ctak (ctak-aux (1- z) x y)))))

(defun run-ctak (times)
  (let ((sum 0))
    (dotimes (i times sum)
      (incf sum (ctak (+ 18 (mod i 2)) 12 6)))))

(format t "ctak ~d~%" (run-ctak *size*))
