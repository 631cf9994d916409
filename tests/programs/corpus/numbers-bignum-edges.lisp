;;; Bignum edge cases: carries and borrows across digit boundaries (at
;;; every multiple of 15, 30 and 32 bits), the fixnum boundaries, division
;;; remainders' signs with one- and many-digit divisors (including the
;;; quotient digit corrections of long division), gcds and ratios in lowest
;;; terms, huge exponents, shifts and bit operations near digit boundaries,
;;; and decimal printing at chunk boundaries.

(defun show (&rest xs) (format t "~{~a~^ ~}~%" xs))

;;; Carries and borrows
(dolist (k '(15 29 30 31 32 45 59 60 61 62 63 64 89 90 91 120))
  (let ((m (- (expt 2 k) 1)))
    (show k (+ m 1) (- (+ m 1) 1) (* m m) (- (* m m) (* m m) 1) (+ m m) (- (- m) m 1)
          (* m (+ m 2)) (- (expt 2 (* 2 k)) (* m m)))))
(show (+ (- (expt 2 120) 1) 1) (- (expt 2 120) (- (expt 2 120) 1))
      (- (expt 2 90) (expt 2 60) (expt 2 30) 1))

;;; The fixnum boundaries of clysm (2^30) and SBCL (2^62): values only
(dolist (x (list (expt 2 30) (- (expt 2 30)) (- (expt 2 30) 1) (- -1 (expt 2 30))
                 (expt 2 62) (- (expt 2 62)) (- (expt 2 62) 1) (- -1 (expt 2 62))))
  (show x (- x) (abs x) (* x -1) (truncate x -1) (floor x -1) (+ x 1) (- x 1)
        (* x x) (ash x 1) (ash x -1) (ash x -31) (integer-length x) (logcount x)
        (evenp x) (1+ (lognot x))))
(show (- (- (expt 2 30))) (* (- (expt 2 30)) -1) (/ (- (expt 2 30)) -1)
      (- (expt 2 30) (expt 2 31)) (+ (expt 2 30) (- (expt 2 31))))

;;; Division: every sign combination, one- and many-digit divisors
(let ((dividends (list (expt 10 40) (+ (expt 2 93) 7) (- (expt 3 70) 1) (expt 2 60) 12345))
      (divisors (list 7 -7 (- (expt 2 30) 1) (expt 2 30) (- (expt 2 30)) (+ (expt 2 30) 1)
                      (- (expt 2 60) 1) (expt 2 31) (+ (expt 10 19) 3) (- (expt 7 30)))))
  (dolist (n dividends)
    (dolist (sn (list n (- n)))
      (dolist (d divisors)
        (let ((line nil))
          (dolist (f (list #'floor #'ceiling #'truncate #'round))
            (multiple-value-bind (q r) (funcall f sn d)
              (unless (= sn (+ (* q d) r)) (show :bad sn d q r))
              (push (list q r) line)))
          (show (reverse line) (mod sn d) (rem sn d)))))))

;;; Long division where the estimated quotient digit is too large
(dolist (pair (list (list (- (expt 2 120) 1) (+ (expt 2 60) 1))
                    (list (* (expt 2 90) (- (expt 2 30) 1)) (+ (expt 2 59) 1))
                    (list (- (expt 2 150) (expt 2 90)) (- (expt 2 90) (expt 2 60) 1))
                    (list (+ (* (expt 2 60) (- (expt 2 30) 2)) (expt 2 45)) (+ (expt 2 60) (expt 2 31) 3))
                    (list (expt 2 240) (- (expt 2 120) 1))
                    (list (- (expt 2 240) 1) (+ (expt 2 121) 1))
                    (list (* (+ (expt 10 30) 7) (+ (expt 10 25) 9)) (+ (expt 10 25) 9))))
  (destructuring-bind (u v) pair
    (multiple-value-bind (q r) (floor u v)
      (show q r (= u (+ (* q v) r)) (< -1 r v)))))

;;; gcd, lcm and ratios in lowest terms
(show (gcd (expt 2 200) (expt 6 100)) (gcd (- (expt 12 40)) (expt 18 30)) (gcd (expt 10 30) 0)
      (gcd 0 (- (expt 10 30))) (gcd (expt 3 100) (expt 2 100)) (gcd (* 17 (expt 2 61)) (* 51 (expt 2 33)))
      (lcm (expt 2 40) (expt 6 20)) (lcm (- (expt 10 20)) 35) (gcd (+ (expt 2 89) 1) 3)
      (gcd (* (- (expt 2 61) 1) (- (expt 2 31) 1)) (* (- (expt 2 61) 1) 5)))
(let ((fib (list 1 1)))
  (dotimes (i 200) (push (+ (first fib) (second fib)) fib))
  (show (gcd (first fib) (second fib)) (gcd (first fib) (third fib))
        (/ (first fib) (second fib))))
(let ((h 0) (alt 0))
  (loop for i from 1 to 120
        do (incf h (/ 1 i))
           (setf alt (if (evenp i) (- alt (/ 1 (* i i))) (+ alt (/ 1 (* i i))))))
  (show h alt (* h alt) (/ h alt) (- h h) (+ h (- h) 1) (floor h) (round alt 1/1000)))
(show (+ 1/3 2/3) (- (/ (expt 2 70) 3) (/ 1 3)) (* (/ (expt 3 50) (expt 2 50)) (/ (expt 2 49) (expt 3 49)))
      (/ (/ (expt 5 40) 7) (/ (expt 5 39) 14)) (/ (expt 10 25) (- (expt 10 24)))
      (+ (/ 1 (expt 2 64)) (/ 1 (expt 2 64))) (- (/ 7 (expt 10 20)) (/ 3 (expt 10 20))))

;;; Huge exponents
(show (length (format nil "~d" (expt 3 2000))) (integer-length (expt 7 3000))
      (mod (expt 2 10000) 1000007) (logcount (expt 3 500)) (mod (expt 7 1000) (expt 10 30))
      (floor (expt 10 300) (expt 3 400)) (isqrt (expt 10 201)) (expt -2 301)
      (numerator (expt 2/3 200)) (denominator (expt -5/7 99)))

;;; Shifts and bit operations near digit boundaries
(dolist (s '(1 14 15 16 29 30 31 59 60 61 90))
  (show s (ash (expt 3 40) s) (ash (- (expt 3 40)) (- s)) (ash (expt 3 40) (- s))
        (ash -1 s) (ash (- (expt 2 s)) (- s)) (ash (1+ (- (expt 2 (+ s 30)))) (- s))))
(let ((a (- (expt 2 61) 3)) (b (- (expt 3 45))) (c (expt 2 30)))
  (show (logand a b) (logior a b) (logxor a b) (logand b c) (logior (- c) a) (logxor (- c) (- a))
        (lognot a) (logandc2 a c) (logeqv a b) (logbitp 60 a) (logbitp 61 b) (logbitp 200 b)
        (logcount b) (integer-length b) (integer-length (- (expt 2 60))) (integer-length (- -1 (expt 2 60)))
        (ldb (byte 40 20) b) (mask-field (byte 35 28) a) (dpb 5 (byte 3 59) a)))

;;; Printing at chunk boundaries and in other bases
(dolist (k '(9 18 19 27 36))
  (let ((p (expt 10 k)))
    (show (- p 1) p (+ p 1) (- p) (* p 1000000001))))
(format t "~x ~o ~b~%~36r ~3r~%" (expt 2 120) (- (expt 8 41)) (- (expt 2 61) 1)
        (expt 36 20) (- (expt 3 41)))
(show (float (expt 2 100) 1d0) (float (- (expt 10 30)) 1d0) (rational 1d30) (floor 1d25)
      (float (/ (expt 10 40) 3) 1d0) (float (/ 1 (expt 3 30))) (truncate -1.5d21))
