;;; Bignums: arithmetic beyond the fixnums, division with remainder in every
;;; sign combination, the integer functions, bit operations in two's
;;; complement, and integers printed in several bases.

(defun factorial (n) (if (< n 2) 1 (* n (factorial (- n 1)))))

(defun fib (n)
  (let ((a 0) (b 1))
    (dotimes (i n a) (psetq a b b (+ a b)))))

(print (factorial 100))
(print (factorial 52))
(print (expt 2 200))
(print (expt -3 101))
(print (expt 7/3 20))
(print (fib 300))
(print (* (factorial 30) (factorial 25)))
(print (- (expt 2 100) (expt 3 60)))
(print (+ (expt 10 40) -1))
(print (- (expt 10 40)))

;;; Crossing the fixnum boundary in both directions
(let ((x (expt 2 29)))
  (dotimes (i 4)
    (print (list x (* x 2) (- (* x 2)) (+ x x x) (- (* x 4) (* x 3)) (integerp (* x x)))))
  (setq x (* x 4))
  (print (list x (- x 1) (- x (* 2 x)) (/ (* x 6) 3))))

;;; Division: quotient and remainder agree with the definitions
(let ((big (+ (expt 7 40) 12345))
      (divisors (list 3 -3 1000000007 -99991 (expt 2 45) (- (+ (expt 5 30) 1)))))
  (dolist (n (list big (- big)))
    (dolist (d divisors)
      (dolist (f (list #'floor #'ceiling #'truncate #'round))
        (multiple-value-bind (q r) (funcall f n d)
          (unless (= n (+ (* q d) r)) (print (list :bad f n d q r)))
          (format t "~a ~a~%" q r))))))
(print (list (mod (- (expt 2 70)) 1000) (rem (- (expt 2 70)) 1000)
             (mod (expt 2 70) -7) (rem (expt 2 70) -7)))
(print (floor (expt 10 50) (expt 10 25)))
(print (multiple-value-list (floor (* (expt 3 80) (expt 5 40)) (expt 15 40))))
(print (multiple-value-list (truncate (expt 2 130) (- (expt 2 65) 1))))
(print (/ (factorial 40) (factorial 38)))
(print (/ (expt 2 100) (expt 6 30)))

;;; Comparisons
(print (list (< (expt 2 100) (expt 3 70)) (> (- (expt 2 100)) 5) (= (expt 2 64) (* (expt 2 32) (expt 2 32)))
             (max (expt 2 80) (expt 3 50) -1) (min (- (expt 2 80)) 7) (/= (expt 2 70) (expt 2 71))
             (eql (expt 10 20) (expt 10 20)) (equal (list (expt 9 30)) (list (expt 9 30)))
             (zerop (- (expt 2 90) (expt 2 90))) (plusp (expt 2 90)) (minusp (- (expt 2 90)))
             (evenp (expt 2 90)) (oddp (+ 1 (expt 2 90)))))

;;; gcd, lcm, isqrt, abs, signum
(print (gcd (factorial 40) (expt 2 100)))
(print (gcd (* (expt 3 40) (expt 7 10)) (* (expt 3 25) (expt 11 9))))
(print (lcm (expt 2 40) (expt 6 20) 35))
(print (isqrt (expt 10 41)))
(print (isqrt (* (factorial 30) (factorial 30))))
(print (list (abs (- (expt 2 77))) (signum (- (expt 2 77))) (signum (expt 2 77))))

;;; Bits in two's complement
(let ((a (- (expt 2 70) 12345)) (b (- (expt 3 45))))
  (print (list (logand a b) (logior a b) (logxor a b) (lognot a) (lognot b)
               (logand a -1) (logior b 0) (logandc1 a b) (logorc2 a b) (logeqv a b)))
  (print (list (ash a 10) (ash a -10) (ash b -7) (ash b 33) (ash 1 100) (ash -1 100)
               (ash (- (expt 2 100)) -99) (ash (- 1 (expt 2 100)) -99) (ash b -200) (ash a -200)))
  (print (list (integer-length a) (integer-length b) (integer-length (expt 2 64))
               (integer-length (- (expt 2 64))) (logcount a) (logcount b)
               (logbitp 69 a) (logbitp 70 a) (logbitp 100 b) (logbitp 3 b) (logtest a b))))
(print (list (ldb (byte 16 60) (expt 3 50)) (dpb 255 (byte 8 64) 0) (mask-field (byte 10 70) (- (expt 2 90)))
             (ldb (byte 8 0) -1) (ldb-test (byte 3 100) (expt 2 101))))
(print (boole boole-xor (expt 2 65) (expt 2 64)))

;;; Printing in other bases
(dolist (base '(2 8 16 36))
  (let ((*print-base* base))
    (print (list (expt 2 70) (- (factorial 25)) 255)))
  (let ((*print-base* base) (*print-radix* t))
    (print (list (expt 2 70) (- (factorial 25)) 255))))
(let ((*print-radix* t)) (print (list (expt 10 25) -17)))
(print (list (write-to-string (expt 2 90) :base 3) (princ-to-string (- (expt 2 90)))))

;;; Reading integers back
(print (list (parse-integer "123456789012345678901234567890")
             (parse-integer "-ffffffffffffffffffff" :radix 16)
             (multiple-value-list (parse-integer "  77777777777777777777777  " :radix 8))
             (multiple-value-list (parse-integer "12345678901234567890xyz" :junk-allowed t))
             (multiple-value-list (parse-integer "abc123456789012345678" :start 3 :end 15))))
