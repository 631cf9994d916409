;;;; float: double-float loops -- a Mandelbrot set escape count, Simpson's
;;;; rule, and a small orbit simulation with SQRT.  Only +, -, *, / and
;;;; SQRT (all correctly rounded) feed the checksum, so it is the same on
;;;; every implementation.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 3 test 1

(defvar *size* 25)

(defun mandelbrot-count (width height limit)
  "The total number of iterations over a WIDTH x HEIGHT grid."
  (let ((total 0))
    (dotimes (py height total)
      (dotimes (px width)
        (let ((cr (- (* 3.0d0 (/ px width)) 2.0d0))
              (ci (- (* 2.0d0 (/ py height)) 1.0d0))
              (zr 0.0d0)
              (zi 0.0d0)
              (n 0))
          (loop while (and (< n limit) (< (+ (* zr zr) (* zi zi)) 4.0d0))
                do (let ((next (+ (- (* zr zr) (* zi zi)) cr)))
                     (setf zi (+ (* 2.0d0 zr zi) ci)
                           zr next)
                     (incf n)))
          (incf total n))))))

(defun simpson (f a b n)
  "The integral of F from A to B by Simpson's rule with N (even) intervals."
  (let* ((h (/ (- b a) n))
         (sum (+ (funcall f a) (funcall f b))))
    (loop for i from 1 below n
          do (incf sum (* (if (oddp i) 4.0d0 2.0d0) (funcall f (+ a (* i h))))))
    (* sum (/ h 3.0d0))))

(defun orbit (steps dt)
  "A body circling a fixed mass; returns its final distance from it."
  (let ((x 1.0d0) (y 0.0d0) (vx 0.0d0) (vy 1.0d0))
    (dotimes (i steps)
      (let* ((r2 (+ (* x x) (* y y)))
             (r3 (* r2 (sqrt r2))))
        (decf vx (/ (* dt x) r3))
        (decf vy (/ (* dt y) r3))
        (incf x (* dt vx))
        (incf y (* dt vy))))
    (sqrt (+ (* x x) (* y y)))))

(defun scaled (x)
  (round (* x 1.0d9)))

(defun run-float (rounds)
  (let ((sum 0))
    (dotimes (i rounds sum)
      (setf sum (mod (+ sum
                        (mandelbrot-count 80 60 (+ 50 i))
                        (scaled (simpson (lambda (x) (/ 4.0d0 (+ 1.0d0 (* x x))))
                                         0.0d0 1.0d0 (+ 2000 (* 2 i))))
                        (scaled (orbit (+ 5000 i) 0.001d0)))
                     1000003)))))

(format t "float ~d~%" (run-float *size*))
