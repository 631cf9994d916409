;;;; fib: doubly recursive Fibonacci -- function calls and fixnum arithmetic.
;;;; sizes: quick 32 test 15

(defvar *size* 37)

(defun fib (n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(format t "fib ~d~%" (fib *size*))
