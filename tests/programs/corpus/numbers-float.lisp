;;; Floats: single-floats (the default format, as SBCL reads 1.5) and
;;; double-floats; printing in the shortest form that reads back; contagion
;;; with rationals; decoding; rounding; the float constants.

(print (list 1.5 1.0 0.1 100.0 1234567.0 1.0e7 12345678.0 0.001 1.0e-4 0.0 -0.0
             123.456 1.0e10 1.0e-10 3.4028235e38 1.1754944e-38 7.0e-4 9999999.0))
(print (list 1.5d0 1.0d0 0.1d0 100.0d0 1234567.0d0 1.0d7 0.001d0 1.0d-4 0.0d0 -0.0d0
             1.0d100 1.7976931348623157d308 2.2250738585072014d-308 1.0d23 123.456d0))
(print (list (/ 1.0 3) (/ 2.0 3) (/ 1d0 3) (/ 2d0 3) (* 1.1 1.1) (* 1.1d0 1.1d0)
             (+ 0.1 0.2) (+ 0.1d0 0.2d0) (- 0.3 0.1) (- 0.3d0 0.1d0) (/ 22.0 7) (/ 22d0 7)))
(let ((x 1.0) (y 1d0))
  (dotimes (i 12)
    (setq x (* x 3.7) y (* y 3.7d0))
    (format t "~s ~s ~s ~s~%" x y (/ 1 x) (/ 1 y))))
(let ((x 1.0) (y 1d0))
  (dotimes (i 12)
    (setq x (/ x 7.3) y (/ y 7.3d0))
    (format t "~s ~s~%" x y)))
(let ((sum 0.0) (dsum 0d0))
  (dotimes (i 1000) (setq sum (+ sum 0.001) dsum (+ dsum 0.001d0)))
  (print (list sum dsum)))

;;; Contagion: rationals with floats, single with double
(print (list (+ 1 1.5) (+ 1/2 0.25) (* 2 1.5d0) (+ 1.5 1.5d0) (- 10 0.1) (/ 1 4.0)
             (+ (expt 2 80) 1.0) (+ (expt 2 80) 1d0) (* 1/3 3.0) (+ 0.1 0.1d0)
             (type-of (+ 1 1.5)) (type-of (+ 1.5 1.5d0)) (type-of (* 2 1.5d0))))
(print (list (= 1 1.0) (= 1/2 0.5d0) (< 1 1.5 2) (= 0.1 0.1d0) (= 16777217 16777216.0)
             (= 16777216 16777216.0) (< 1/3 (float 1/3)) (> 1/3 (float 1/3 1d0)) (= 0.0 -0.0)
             (eql 0.0 -0.0) (eql 1.5 1.5) (eql 1.5 1.5d0) (equal 2.0 2.0) (equalp 2 2.0d0)
             (max 1 2.0 1.5d0) (min -1 -1.0) (max 3 2.5)))

;;; Rounding
(dolist (x (list 2.5 3.5 -2.5 -0.5 0.5 1.7 -1.7 2.5d0 -3.5d0 1d20 -123456.789d0 1.0e10))
  (format t "~s: ~s ~s ~s ~s~%" x
          (multiple-value-list (floor x)) (multiple-value-list (ceiling x))
          (multiple-value-list (truncate x)) (multiple-value-list (round x))))
(print (list (multiple-value-list (floor 7.5 2)) (multiple-value-list (round 7.5 2))
             (multiple-value-list (truncate -7.5d0 2)) (multiple-value-list (floor 10 3.0))
             (multiple-value-list (ceiling 1.5d0 0.5d0)) (mod 10.5 3) (rem -10.5 3) (mod -1 0.3d0)))
(print (list (multiple-value-list (ffloor 2.5)) (multiple-value-list (fceiling 2.5))
             (multiple-value-list (ftruncate -2.5)) (multiple-value-list (fround 2.5))
             (multiple-value-list (fround 3.5d0)) (multiple-value-list (ftruncate 7 2))
             (multiple-value-list (ffloor -7.5d0 2)) (multiple-value-list (ftruncate -0.5))))

;;; Decoding and the float functions
(dolist (x (list 1.0 0.75 -10.0 1d0 0.1d0 -3d-10 1d300 0.0 -0.0d0 least-positive-double-float))
  (format t "~s: ~s ~s ~s ~s ~s~%" x
          (multiple-value-list (decode-float x)) (multiple-value-list (integer-decode-float x))
          (float-sign x) (float-digits x) (float-precision x)))
(print (list (scale-float 1.0 10) (scale-float 1d0 -1074) (scale-float 3.0d0 100) (scale-float 0.5 -3)
             (float-sign -2.0 3.0) (float-sign 2.0d0 -1d0) (float-radix 1d0)
             (float 1 1d0) (float 1.5d0 1.0) (float 1.5) (float 7) (coerce 3 'double-float)
             (coerce 1/8 'single-float) (coerce 2.5d0 'single-float) (coerce 2.5 'double-float)))
(print (list most-positive-double-float most-negative-double-float least-positive-normalized-double-float
             double-float-epsilon double-float-negative-epsilon most-positive-single-float
             least-positive-normalized-single-float single-float-epsilon pi (float pi 1.0)
             most-positive-long-float short-float-epsilon))
(print (list (= (+ 1d0 double-float-epsilon) 1d0) (= (+ 1d0 (/ double-float-epsilon 2)) 1d0)
             (= (+ 1.0 single-float-epsilon) 1.0)))
(print (list (abs -1.5) (abs -0.0) (signum -2.5d0) (signum 0.0) (signum -0.0) (zerop -0.0)
             (plusp 0.0) (minusp -0.0) (floatp 1.5) (floatp 1) (realp 1.5d0) (numberp 1.5)
             (typep 1.5 'single-float) (typep 1.5d0 'double-float) (typep 1.5 'double-float)
             (typep 1.5 '(float 1.0 2.0)) (typep 2.5d0 '(double-float * 2d0))
             (type-of 1.5) (type-of 1.5d0) (type-of -0.0)))
(let ((*read-default-float-format* 'double-float))
  (print (list 1.5d0 1.5 1d10 1.0e10 0.0d0)))
(print (list (write-to-string 1.5) (prin1-to-string 1d-5) (princ-to-string -2.5d3)))
