;;;; bignum-ratio: generic arithmetic beyond fixnums -- factorials and
;;;; digit sums (bignum * and FLOOR), harmonic numbers (ratio + and GCD),
;;;; Machin's formula for pi in fixed point (bignum FLOOR), continued
;;;; fractions (ratios), mixed comparisons.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 30 test 1

(defvar *size* 300)

(defun factorial (n)
  (let ((product 1))
    (loop for i from 2 to n
          do (setf product (* product i)))
    product))

(defun digit-sum (n)
  (let ((sum 0))
    (loop while (plusp n)
          do (multiple-value-bind (quotient digit) (floor n 10)
               (incf sum digit)
               (setf n quotient)))
    sum))

(defun harmonic (n)
  (let ((h 0))
    (loop for i from 1 to n
          do (incf h (/ 1 i)))
    h))

(defun arctan-inverse (x unit)
  "arctan(1/X) * UNIT, in integers."
  (let ((sum 0) (term (floor unit x)) (x2 (* x x)) (k 1) (sign 1))
    (loop until (zerop term)
          do (incf sum (* sign (floor term k)))
             (setf term (floor term x2) k (+ k 2) sign (- sign)))
    sum))

(defun pi-digits (digits)
  "The first DIGITS decimals of pi as one integer 31415..."
  (let* ((guard 10)
         (unit (expt 10 (+ digits guard))))
    (floor (* 4 (- (* 4 (arctan-inverse 5 unit)) (arctan-inverse 239 unit)))
           (expt 10 guard))))

(defun convergent (terms)
  "The value of the continued fraction [t0; t1, t2, ...] as a ratio."
  (let ((value (car (last terms))))
    (dolist (term (cdr (reverse terms)) value)
      (setf value (+ term (/ 1 value))))))

(defun checksum (n)
  (mod (abs n) 1000003))

(defun one-round (i)
  (let* ((f (factorial (+ 400 (mod i 20))))
         (h (harmonic (+ 300 (mod i 20))))
         (p (pi-digits (+ 300 (mod i 20))))
         (c (convergent (loop for k from 1 to (+ 60 (mod i 20)) collect (1+ (mod k 5)))))
         (mixed (if (> f (* p p)) 1 2)))
    (+ (digit-sum f)
       (checksum (numerator h))
       (checksum (denominator h))
       (checksum p)
       (checksum (- (numerator c) (denominator c)))
       (if (< (/ (numerator c) (denominator c)) 3/2) 0 1)
       mixed)))

(defun run-bignum (rounds)
  (let ((sum 0))
    (dotimes (i rounds sum)
      (setf sum (mod (+ (* sum 11) (one-round i)) 1000003)))))

(format t "bignum-ratio ~d ~d~%" (run-bignum *size*) (digit-sum (factorial 100)))
