;;;; numbers.lisp -- the numeric tower (CLHS 12): generic arithmetic over
;;;; fixnums, bignums, ratios, single- and double-floats and complexes, with
;;;; the contagion rules of CLHS 12.1.4, and the numbers dictionary.
;;;;
;;;; The compiler open-codes fixnum arithmetic and comparisons
;;;; (transforms.lisp); a non-fixnum operand or an overflow calls
;;;; %ARITH-SLOW, defined here.  Results are what SBCL computes: floats trap
;;;; on overflow, invalid operations and division by zero (SBCL's default),
;;;; rationals become single-floats in contagion with them, complexes are
;;;; canonicalised (a rational complex with a zero imaginary part is its
;;;; real part).  bignum.lisp has the integer algorithms, float.lisp the
;;;; representation of floats, irrat.lisp the irrational functions.

(in-package "CLYSM")

;;; Fixnums are the engine's i31 values.
(defconstant most-positive-fixnum 1073741823)
(defconstant most-negative-fixnum -1073741824)

;;; Kinds of numbers: 0 fixnum, 1 bignum, 2 ratio, 3 single-float,
;;; 4 double-float, 5 complex; NIL for anything else.

(defun %number-kind (x)
  (cond ((%fixnump x) 0)
        ((%double-float-p x) 4)
        ((%single-float-p x) 3)
        ((%bignump x) 1)
        ((%ratiop x) 2)
        ((%complexp x) 5)
        (t nil)))

(defun numberp (x) (if (%number-kind x) t nil))
(defun integerp (x) (or (%fixnump x) (%bignump x)))
(defun rationalp (x) (or (%fixnump x) (%bignump x) (%ratiop x)))
(defun floatp (x) (or (%double-float-p x) (%single-float-p x)))
(defun realp (x) (let ((k (%number-kind x))) (and k (%fx< k 5))))
(defun complexp (x) (%complexp x))

(defun %check-number (x) (if (%number-kind x) x (%type-error x 'number)))
(defun %check-real (x) (if (realp x) x (%type-error x 'real)))
(defun %check-integer (x) (if (or (%fixnump x) (%bignump x)) x (%type-error x 'integer)))

(defun %real-kind (x)
  (let ((k (%number-kind x)))
    (if (and k (%fx< k 5)) k (%type-error x 'real))))

;;; Float traps: SBCL enables the overflow, invalid and division-by-zero
;;; traps, so an infinite or NaN result from finite operands is an error.

(defun %double-finite-p (d) (not (%fx= (%double-exponent-bits d) 2047)))
(%define-transform %double-finite-p (d) `(not (%fx= (%double-exponent-bits ,d) 2047)))

(defun %float-finite-p (x)
  (%double-finite-p (if (%single-float-p x) (%single-to-double x) x)))

(defun %float-nan-p (x)
  (let ((d (if (%single-float-p x) (%single-to-double x) x)))
    (and (%fx= (%double-exponent-bits d) 2047)
         (not (and (%fx= (%double-mantissa-high d) 0) (%fx= (%double-mantissa-low d) 0))))))

(defun %float-trap (result operation operands)
  (if (%float-nan-p result)
      (error 'floating-point-invalid-operation :operation operation :operands operands)
      (error 'floating-point-overflow :operation operation :operands operands)))

(defun %arith-operation (op)
  (cond ((%fx= op 0) '+) ((%fx= op 1) '-) ((%fx= op 2) '*) (t '/)))

(defun %double-arith (op a b)
  ;; A op B on double-floats, trapping as SBCL does.
  (let ((r (cond ((%fx= op 0) (%double+ a b))
                 ((%fx= op 1) (%double- a b))
                 ((%fx= op 2) (%double* a b))
                 ((%double= b 0d0)
                  (if (or (%double= a 0d0) (not (%double-finite-p a)))
                      (%double/ a b)
                      (error 'division-by-zero :operation '/ :operands (list a b))))
                 (t (%double/ a b)))))
    (if (and (not (%double-finite-p r)) (%double-finite-p a) (%double-finite-p b))
        (%float-trap r (%arith-operation op) (list a b))
        r)))

(defun %single-arith (op a b)
  ;; A op B on single-floats: exact in double precision, then rounded once
  ;; (a double holds more than twice a single's precision, so this is the
  ;; correctly rounded single-float result).
  (let* ((x (%single-to-double a)) (y (%single-to-double b))
         (d (cond ((%fx= op 0) (%double+ x y))
                  ((%fx= op 1) (%double- x y))
                  ((%fx= op 2) (%double* x y))
                  ((%double= y 0d0)
                   (if (or (%double= x 0d0) (not (%double-finite-p x)))
                       (%double/ x y)
                       (error 'division-by-zero :operation '/ :operands (list a b))))
                  (t (%double/ x y))))
         (r (%double-to-single d)))
    (if (and (not (%float-finite-p r)) (%double-finite-p x) (%double-finite-p y))
        (%float-trap r (%arith-operation op) (list a b))
        r)))

;;; Conversions between kinds

(defun %to-double (x)
  ;; The double-float nearest the real X.
  (cond ((%double-float-p x) x)
        ((%fixnump x) (%fixnum-to-double x))
        ((%single-float-p x) (%single-to-double x))
        ((%bignump x) (%rational-to-float x 1 nil))
        ((%ratiop x) (%ratio-to-double x))
        (t (%type-error x 'real))))

(defun %ratio-to-double (x)
  (let ((num (%ratio-numerator x)) (den (%ratio-denominator x)))
    (if (and (%fixnump num) (%fixnump den))
        ;; Both exact as doubles, so the division rounds correctly.
        (%double/ (%fixnum-to-double num) (%fixnum-to-double den))
        (%rational-to-float num den nil))))

(defun %to-single (x)
  ;; The single-float nearest the real X.
  (cond ((%single-float-p x) x)
        ((%fixnump x) (%double-to-single (%fixnum-to-double x)))
        ((%double-float-p x)
         (let ((r (%double-to-single x)))
           (if (and (not (%float-finite-p r)) (%double-finite-p x))
               (error 'floating-point-overflow :operation 'coerce
                                               :operands (list x 'single-float))
               r)))
        ((%bignump x) (%rational-to-float x 1 t))
        ((%ratiop x) (%rational-to-float (%ratio-numerator x) (%ratio-denominator x) t))
        (t (%type-error x 'real))))

(defun %rational-to-float (num den single)
  ;; The float nearest NUM/DEN (integers, DEN > 0), ties to even: a
  ;; quotient with two bits more than the precision, a sticky bit for the
  ;; remainder, then rounding.  Denormals keep fewer bits.
  (if (%eq num 0)
      (if single 0.0 0d0)
      (let* ((negative (minusp num))
             (a (abs num))
             (precision (if single 24 53))
             (min-exponent (if single -149 -1074))
             (e (- (- (%integer-length a) (%integer-length den)) (+ precision 2)))
             (q 0) (sticky nil))
        (multiple-value-bind (quotient remainder)
            (if (minusp e)
                (%integer-truncate (%integer-ash a (- e)) den)
                (%integer-truncate a (%integer-ash den e)))
          (setq q quotient sticky (not (eql remainder 0))))
        (when (>= (%integer-length q) (+ precision 3))
          (when (oddp q) (setq sticky t))
          (setq q (%integer-ash q -1) e (+ e 1)))
        ;; Now 2^(p+1) <= q < 2^(p+2) and the value is (q + fraction) * 2^e.
        (when (< (+ e 2) min-exponent)
          (let ((extra (- min-exponent (+ e 2))))
            (unless (zerop (logand q (- (%integer-ash 1 extra) 1))) (setq sticky t))
            (setq q (%integer-ash q (- extra)) e (+ e extra))))
        (let ((mantissa (%integer-ash q -2))
              (guard (logbitp 1 q))
              (rest (or sticky (logbitp 0 q))))
          (when (and guard (or rest (oddp mantissa)))
            (setq mantissa (+ mantissa 1)))
          (%float-from-parts negative mantissa (+ e 2) single
                       (list 'float (/ (if negative (- a) a) den)
                             (if single 'single-float 'double-float)))))))

(defun %float-from-parts (negative mantissa exponent single operands)
  ;; The float (-1)^negative * MANTISSA * 2^EXPONENT, MANTISSA < 2^(p+1)
  ;; exactly representable; an overflow is a floating-point-overflow.
  (when (>= (%integer-length mantissa) (if single 25 54))
    (setq mantissa (%integer-ash mantissa -1) exponent (+ exponent 1)))
  (let* ((bits (%integer-length mantissa))
         (top (+ exponent bits)))           ; value < 2^top
    (when (> top (if single 128 1024))
      (error 'floating-point-overflow :operation (car operands) :operands (cdr operands)))
    (let ((d (if (or (< top -1021) (eql mantissa 0))
                 ;; a double denormal: exponent is -1074
                 (%make-double (if negative 1 0) 0
                               (%integer-ash mantissa -30)
                               (logand mantissa 1073741823))
                 (let ((m (%integer-ash mantissa (- 53 bits))))
                   (%make-double (if negative 1 0) (+ top 1022)
                                 (logand (%integer-ash m -30) 4194303)
                                 (logand m 1073741823))))))
      (if single (%double-to-single d) d))))

;;; Ratios

(defun %build-ratio (n d)
  ;; N/D in lowest terms (D non-zero): an integer when D divides N.
  (when (minusp d) (setq n (- n) d (- d)))
  (let ((g (%integer-gcd n d)))
    (unless (eql g 1)
      (setq n (%integer-truncate n g) d (%integer-truncate d g))))
  (if (eql d 1) n (%make-ratio n d)))

(defun numerator (rational)
  (cond ((%ratiop rational) (%ratio-numerator rational))
        ((integerp rational) rational)
        (t (%type-error rational 'rational))))

(defun denominator (rational)
  (cond ((%ratiop rational) (%ratio-denominator rational))
        ((integerp rational) 1)
        (t (%type-error rational 'rational))))

(defun %ratio-arith (op a b)
  ;; A op B for rationals, one of them a ratio.  Both are in lowest terms,
  ;; which lets the gcds be taken of smaller numbers (Knuth, TAOCP vol. 2,
  ;; 4.5.1).
  (let ((an (numerator a)) (ad (denominator a))
        (bn (numerator b)) (bd (denominator b)))
    (cond ((%fx= op 0) (%ratio-sum an ad bn bd))
          ((%fx= op 1) (%ratio-sum an ad (- bn) bd))
          ((%fx= op 2) (%ratio-product an ad bn bd))
          ((eql bn 0) (error 'division-by-zero :operation '/ :operands (list a b)))
          ((minusp bn) (%ratio-product an ad (- bd) (- bn)))
          (t (%ratio-product an ad bd bn)))))

(defun %exact-quotient (n d)
  ;; N / D where D divides N.
  (if (eql d 1) n (values (%integer-truncate n d))))

(defun %lowest-terms-ratio (n d)
  ;; N/D, already in lowest terms (D > 0).
  (cond ((eql n 0) 0)
        ((eql d 1) n)
        (t (%make-ratio n d))))

(defun %ratio-sum (an ad bn bd)
  ;; AN/AD + BN/BD: with G = gcd(AD, BD), the sum is T / (AD/G * BD/G * G)
  ;; where T = AN * BD/G + BN * AD/G, and only a factor of G can divide T.
  (let ((g (%integer-gcd ad bd)))
    (if (eql g 1)
        (%lowest-terms-ratio (+ (* an bd) (* bn ad)) (* ad bd))
        (let* ((ad/g (%exact-quotient ad g))
               (sum (+ (* an (%exact-quotient bd g)) (* bn ad/g)))
               (g2 (%integer-gcd sum g)))
          (%lowest-terms-ratio (%exact-quotient sum g2)
                               (* ad/g (%exact-quotient bd g2)))))))

(defun %ratio-product (an ad bn bd)
  ;; AN/AD * BN/BD (BD > 0): cancel AN with BD and BN with AD first.
  (if (or (eql an 0) (eql bn 0))
      0
      (let ((g1 (%integer-gcd an bd)) (g2 (%integer-gcd bn ad)))
        (%lowest-terms-ratio (* (%exact-quotient an g1) (%exact-quotient bn g2))
                             (* (%exact-quotient ad g2) (%exact-quotient bd g1))))))

(defun %integer-arith (op a b)
  (cond ((%fx= op 0) (%integer-add a b))
        ((%fx= op 1) (%integer-subtract a b))
        ((%fx= op 2) (%integer-multiply a b))
        ((eql b 0) (error 'division-by-zero :operation '/ :operands (list a b)))
        (t (%build-ratio a b))))

;;; Complexes

(defun %canonical-complex (real imag)
  ;; The complex of REAL and IMAG: parts of one kind, and a rational when
  ;; both parts are rational and the imaginary part is zero.
  (let ((kr (%real-kind real)) (ki (%real-kind imag)))
    (cond ((and (%fx< kr 3) (%fx< ki 3))
           (if (eql imag 0) real (%make-complex real imag)))
          ((or (%fx= kr 4) (%fx= ki 4))
           (%make-complex (%to-double real) (%to-double imag)))
          (t (%make-complex (%to-single real) (%to-single imag))))))

(defun complex (realpart &optional (imagpart 0))
  (%canonical-complex realpart imagpart))

(defun realpart (number)
  (if (%complexp number) (%complex-real number) (%check-real number)))

(defun imagpart (number)
  (cond ((%complexp number) (%complex-imag number))
        ((%single-float-p number) (* 0.0 number))
        ((%double-float-p number) (* 0d0 number))
        (t (%check-real number) 0)))

(defun conjugate (number)
  (if (%complexp number)
      (%make-complex (%complex-real number) (- (%complex-imag number)))
      (%check-number number)))

(defun %complex-arith (op a b)
  ;; A op B, one of them complex.  As in SBCL, a real operand's imaginary
  ;; part is the integer 0 (so the sign of a zero imaginary part is that of
  ;; (+ -0.0 0), 0.0), and a real factor or divisor scales both parts.
  (cond ((and (%complexp a) (%complexp b))
         (let ((ar (%complex-real a)) (ai (%complex-imag a))
               (br (%complex-real b)) (bi (%complex-imag b)))
           (cond ((%fx= op 0) (%canonical-complex (+ ar br) (+ ai bi)))
                 ((%fx= op 1) (%canonical-complex (- ar br) (- ai bi)))
                 ((%fx= op 2) (%canonical-complex (- (* ar br) (* ai bi))
                                                  (+ (* ar bi) (* ai br))))
                 (t (%complex-divide ar ai br bi)))))
        ((%complexp a)
         (let ((ar (%complex-real a)) (ai (%complex-imag a)))
           (%check-real b)
           (cond ((%fx= op 0) (%canonical-complex (+ ar b) (+ ai 0)))
                 ((%fx= op 1) (%canonical-complex (- ar b) (- ai 0)))
                 ((%fx= op 2) (%canonical-complex (* ar b) (* ai b)))
                 (t (%canonical-complex (/ ar b) (/ ai b))))))
        (t
         (let ((br (%complex-real b)) (bi (%complex-imag b)))
           (%check-real a)
           (cond ((%fx= op 0) (%canonical-complex (+ a br) (+ 0 bi)))
                 ((%fx= op 1) (%canonical-complex (- a br) (- 0 bi)))
                 ((%fx= op 2) (%canonical-complex (* a br) (* a bi)))
                 (t (%complex-divide a 0 br bi)))))))

(defun %complex-divide (ar ai br bi)
  ;; Smith's algorithm: scale by the larger part of the divisor.
  (if (> (abs br) (abs bi))
      (let* ((r (/ bi br)) (dn (* br (+ 1 (* r r)))))
        (%canonical-complex (/ (+ ar (* ai r)) dn) (/ (- ai (* ar r)) dn)))
      (let* ((r (/ br bi)) (dn (* bi (+ 1 (* r r)))))
        (%canonical-complex (/ (+ (* ar r) ai) dn) (/ (- (* ai r) ar) dn)))))

;;; Generic arithmetic: OP is 0 for +, 1 for -, 2 for *, 3 for /.

(defun %arith (op a b)
  (if (and (%double-float-p a) (%double-float-p b))
      (%double-arith op a b)
      (%arith-mixed op a b)))

(defun %arith-mixed (op a b)
  (let ((ka (%number-kind a)) (kb (%number-kind b)))
    (unless ka (%type-error a 'number))
    (unless kb (%type-error b 'number))
    (cond ((and (%fx= ka 4) (%fx= kb 4)) (%double-arith op a b))
          ((or (%fx= ka 5) (%fx= kb 5)) (%complex-arith op a b))
          ((or (%fx= ka 4) (%fx= kb 4)) (%double-arith op (%to-double a) (%to-double b)))
          ((or (%fx= ka 3) (%fx= kb 3)) (%single-arith op (%to-single a) (%to-single b)))
          ((and (%fx<= ka 1) (%fx<= kb 1)) (%integer-arith op a b))
          (t (%ratio-arith op a b)))))

(defun %negate (x)
  (cond ((%fixnump x) (%integer-negate x))
        ((%double-float-p x) (%double- -0d0 x))
        ((%single-float-p x) (%double-to-single (%double- -0d0 (%single-to-double x))))
        ((%bignump x) (%integer-negate x))
        ((%ratiop x) (%make-ratio (%integer-negate (%ratio-numerator x)) (%ratio-denominator x)))
        ((%complexp x) (%make-complex (%negate (%complex-real x)) (%negate (%complex-imag x))))
        (t (%type-error x 'number))))

;;; Comparison

(defun %real-compare (a b)
  ;; -1, 0 or 1 as A is less than, equal to or greater than B; 2 when
  ;; they are unordered (a NaN).  Floats and rationals compare exactly.
  (let ((ka (%real-kind a)) (kb (%real-kind b)))
    (cond ((and (%fx= ka 0) (%fx= kb 0)) (cond ((%fx< a b) -1) ((%fx> a b) 1) (t 0)))
          ((and (%fx<= ka 1) (%fx<= kb 1)) (%integer-compare a b))
          ((and (%fx>= ka 3) (%fx>= kb 3)) (%double-compare (%to-double a) (%to-double b)))
          ((or (%fx>= ka 3) (%fx>= kb 3))
           (let ((float (if (%fx>= ka 3) a b)))
             (cond ((%float-nan-p float) 2)
                   ((or (not (%float-finite-p float)) (%fx= ka 0) (%fx= kb 0))
                    ;; an infinity, or a fixnum: exact as doubles
                    (%double-compare (%to-double a) (%to-double b)))
                   ((%fx>= ka 3) (%rational-compare (rational a) b))
                   (t (%rational-compare a (rational b))))))
          (t (%rational-compare a b)))))

(defun %double-compare (x y)
  (cond ((%double< x y) -1) ((%double= x y) 0) ((%double< y x) 1) (t 2)))

(defun %rational-compare (a b)
  (if (and (integerp a) (integerp b))
      (%integer-compare a b)
      (%integer-compare (* (numerator a) (denominator b)) (* (numerator b) (denominator a)))))

(defun %number-equal (a b)
  (if (or (%complexp a) (%complexp b))
      (and (%fx= (%real-compare (realpart a) (realpart b)) 0)
           (%fx= (%real-compare (imagpart a) (imagpart b)) 0))
      (%fx= (%real-compare a b) 0)))

(defun %arith-slow (op a b)
  ;; The slow path of the open-coded fixnum operations (backend/kernel
  ;; FX_OPS): 0 + 1 - 2 * 3 < 4 = 5 > 6 <= 7 >=.
  (cond ((and (or (%fixnump a) (%bignump a)) (or (%fixnump b) (%bignump b)))
         (%integer-arith-slow op a b))
        ((%fx< op 3) (%arith op a b))
        ((and (%double-float-p a) (%double-float-p b))
         (cond ((%fx= op 3) (%double< a b))
               ((%fx= op 4) (%double= a b))
               ((%fx= op 5) (%double< b a))
               ((%fx= op 6) (or (%double< a b) (%double= a b)))
               (t (or (%double< b a) (%double= a b)))))
        ((%fx= op 4) (%number-equal (%check-number a) (%check-number b)))
        (t (let ((c (%real-compare a b)))
             (cond ((%fx= op 3) (%fx= c -1))
                   ((%fx= op 5) (%fx= c 1))
                   ((%fx= op 6) (or (%fx= c -1) (%fx= c 0)))
                   (t (or (%fx= c 1) (%fx= c 0))))))))

(defun %integer-arith-slow (op a b)
  ;; %ARITH-SLOW for two integers.
  (cond ((%fx= op 0) (%integer-add a b))
        ((%fx= op 1) (%integer-subtract a b))
        ((%fx= op 2) (%integer-multiply a b))
        (t (let ((c (%integer-compare a b)))
             (cond ((%fx= op 3) (%fx= c -1))
                   ((%fx= op 4) (%fx= c 0))
                   ((%fx= op 5) (%fx= c 1))
                   ((%fx= op 6) (not (%fx= c 1)))
                   (t (not (%fx= c -1))))))))

(defun %eql-numbers (x y)
  ;; EQL on objects that are not EQ: numbers of one type and value.
  (cond ((%double-float-p x)
         (and (%double-float-p y) (%double-same-bits-p x y)))
        ((%single-float-p x)
         (and (%single-float-p y) (%double-same-bits-p (%single-to-double x) (%single-to-double y))))
        ((%bignump x) (and (%bignump y) (%bignum-equal x y)))
        ((%ratiop x)
         (and (%ratiop y)
              (eql (%ratio-numerator x) (%ratio-numerator y))
              (eql (%ratio-denominator x) (%ratio-denominator y))))
        ((%complexp x)
         (and (%complexp y)
              (eql (%complex-real x) (%complex-real y))
              (eql (%complex-imag x) (%complex-imag y))))
        (t nil)))

(defun %double-same-bits-p (x y)
  (and (%fx= (%double-mantissa-low x) (%double-mantissa-low y))
       (%fx= (%double-mantissa-high x) (%double-mantissa-high y))
       (%fx= (%double-exponent-bits x) (%double-exponent-bits y))
       (%fx= (%double-sign-bit x) (%double-sign-bit y))))

;;; The arithmetic functions.  Calls with two arguments are open-coded
;;; (transforms.lisp); these take any number.

(defun + (&rest numbers)
  (let ((sum 0))
    (dolist (n numbers sum) (setq sum (%fx+ sum n)))))

(defun * (&rest numbers)
  (let ((product 1))
    (dolist (n numbers product) (setq product (%fx* product n)))))

(defun - (number &rest more)
  (if (null more)
      (%negate number)
      (let ((result number))
        (dolist (n more result) (setq result (%fx- result n))))))

(defun / (number &rest more)
  (if (null more)
      (%arith 3 1 number)
      (let ((result number))
        (dolist (n more result) (setq result (%arith 3 result n))))))

(defun 1+ (number) (%fx+ number 1))
(defun 1- (number) (%fx- number 1))

;;; The comparisons walk their arguments directly: they are called on
;;; every loop step of ordinary programs.

(defun = (number &rest more)
  (dolist (n more (progn (%check-number number) t))
    (unless (%fx= number n) (return nil))
    (setq number n)))

(defun < (number &rest more)
  (dolist (n more (progn (%check-real number) t))
    (unless (%fx< number n) (return nil))
    (setq number n)))

(defun > (number &rest more)
  (dolist (n more (progn (%check-real number) t))
    (unless (%fx> number n) (return nil))
    (setq number n)))

(defun <= (number &rest more)
  (dolist (n more (progn (%check-real number) t))
    (unless (%fx<= number n) (return nil))
    (setq number n)))

(defun >= (number &rest more)
  (dolist (n more (progn (%check-real number) t))
    (unless (%fx>= number n) (return nil))
    (setq number n)))

(defun /= (number &rest more)
  ;; True when no two numbers are equal.
  (let ((numbers (cons number more)))
    (dolist (a numbers t)
      (%check-number a)
      (dolist (b (%cdr numbers))
        (when (%fx= a b) (return-from /= nil)))
      (setq numbers (%cdr numbers)))))

(defun max (number &rest more)
  ;; The first of the greatest arguments, itself (no contagion), as SBCL.
  (%check-real number)
  (dolist (n more number) (when (%fx> n number) (setq number n))))

(defun min (number &rest more)
  (%check-real number)
  (dolist (n more number) (when (%fx< n number) (setq number n))))

(defun zerop (number)
  (cond ((%fixnump number) (%fx= number 0))
        ((%complexp number) (and (zerop (%complex-real number)) (zerop (%complex-imag number))))
        (t (%fx= number 0))))

(defun plusp (number) (%fx> number 0))
(defun minusp (number) (%fx< number 0))

(defun evenp (integer)
  (if (%fixnump integer)
      (%fx= (%fx-logand integer 1) 0)
      (not (%integer-logbitp 0 (%check-integer integer)))))

(defun oddp (integer)
  (if (%fixnump integer)
      (%fx= (%fx-logand integer 1) 1)
      (%integer-logbitp 0 (%check-integer integer))))

(defun abs (number)
  (cond ((%fixnump number) (if (%fx< number 0) (%integer-negate number) number))
        ((%complexp number) (%complex-abs number))
        ((floatp number) (if (%fx= (float-sign-bit number) 1) (%negate number) number))
        ((minusp number) (%negate number))
        (t number)))

(defun float-sign-bit (float)
  (%double-sign-bit (if (%single-float-p float) (%single-to-double float) float)))

(defun signum (number)
  (cond ((%fixnump number) (cond ((%fx> number 0) 1) ((%fx< number 0) -1) (t 0)))
        ((%complexp number) (if (zerop number) number (/ number (abs number))))
        ((rationalp number) (if (plusp number) 1 -1))
        ((zerop number) number)
        ((plusp number) (float 1 number))
        ((minusp number) (float -1 number))
        (t number)))

;;; Division and rounding

(defun %division-by-zero (operation number divisor)
  (error 'division-by-zero :operation operation :operands (list number divisor)))

(defun %float-to-integer (x)
  ;; The integer part of the float X (truncated toward zero).
  (let ((d (if (%single-float-p x) (%single-to-double x) x)))
    (unless (%double-finite-p d)
      (error 'floating-point-invalid-operation :operation 'truncate :operands (list x)))
    (if (and (%double< -1073741824d0 d) (%double< d 1073741824d0))
        (%double-to-fixnum (%double-truncate d))
        (multiple-value-bind (mantissa exponent sign) (integer-decode-float d)
          (let ((m (%integer-ash mantissa exponent)))
            (if (%fx< sign 0) (%integer-negate m) m))))))

(defun %float-like (x float)
  ;; The real X as a float of FLOAT's format.
  (if (%double-float-p float) (%to-double x) (%to-single x)))

(defun truncate (number &optional (divisor 1))
  (if (and (%fixnump number) (%fixnump divisor)
           (not (%fx= divisor 0)) (not (%fx= divisor -1)))
      (values (%fx-truncate number divisor) (%fx-rem number divisor))
      (%truncate-slow number divisor)))

(defun %truncate-slow (number divisor)
  (let ((kn (%real-kind number)) (kd (%real-kind divisor)))
    (cond ((and (%fx< kn 3) (%fx< kd 3))
           (when (eql divisor 0) (%division-by-zero '/ number divisor))
           (if (and (%fx<= kn 1) (%fx<= kd 1))
               (%integer-truncate number divisor)
               (let ((q (%integer-truncate (* (numerator number) (denominator divisor))
                                           (* (denominator number) (numerator divisor)))))
                 (values q (- number (* q divisor))))))
          ((and (%fx>= kn 3) (eql divisor 1))
           (let ((q (%float-to-integer number)))
             (values q (- number (%float-like q number)))))
          (t
           ;; The quotient of the floats, truncated; the remainder computed
           ;; in floating point from it.
           (let* ((type-of (if (or (%fx= kn 4) (%fx= kd 4)) 1d0 (if (%fx= kn 3) number divisor)))
                  (float-divisor (%float-like divisor type-of))
                  (q (%float-to-integer (/ number float-divisor))))
             (values q (- number (* (%float-like q type-of) float-divisor))))))))

(defun floor (number &optional (divisor 1))
  (if (and (%fixnump number) (%fixnump divisor)
           (not (%fx= divisor 0)) (not (%fx= divisor -1)))
      (let ((q (%fx-truncate number divisor)) (r (%fx-rem number divisor)))
        (if (and (not (%fx= r 0)) (not (%eq (%fx< r 0) (%fx< divisor 0))))
            (values (%fx- q 1) (%fx+ r divisor))
            (values q r)))
      (if (and (integerp number) (integerp divisor) (not (%eq divisor 0)))
          (%integer-floor number divisor)
          (multiple-value-bind (q r) (%truncate-slow number divisor)
            (if (and (not (zerop r)) (if (minusp divisor) (plusp number) (minusp number)))
                (values (- q 1) (+ r divisor))
                (values q r))))))

(defun %integer-floor (number divisor)
  (multiple-value-bind (q r) (%integer-truncate number divisor)
    (if (and (not (%eq r 0))
             (not (%eq (%integer-negative-p r) (%integer-negative-p divisor))))
        (values (- q 1) (+ r divisor))
        (values q r))))

(defun ceiling (number &optional (divisor 1))
  (multiple-value-bind (q r) (truncate number divisor)
    (if (and (not (zerop r)) (if (minusp divisor) (minusp number) (plusp number)))
        (values (+ q 1) (- r divisor))
        (values q r))))

(defun round (number &optional (divisor 1))
  ;; To the nearest integer; halfway cases to the even one.
  (if (and (floatp number) (eql divisor 1))
      (let* ((d (if (%single-float-p number) (%single-to-double number) number))
             (q (progn (unless (%double-finite-p d)
                         (error 'floating-point-invalid-operation :operation 'round
                                                                  :operands (list number)))
                       (%float-to-integer (%double-round d)))))
        (values q (- number (%float-like q number))))
      (multiple-value-bind (q r) (truncate number divisor)
        (if (zerop r)
            (values q r)
            (let ((threshold (/ (abs divisor) 2)))
              (cond ((or (> r threshold) (and (= r threshold) (oddp q)))
                     (if (minusp divisor)
                         (values (- q 1) (+ r divisor))
                         (values (+ q 1) (- r divisor))))
                    ((or (< r (- threshold)) (and (= r (- threshold)) (oddp q)))
                     (if (minusp divisor)
                         (values (+ q 1) (- r divisor))
                         (values (- q 1) (+ r divisor))))
                    (t (values q r))))))))

(defun mod (number divisor)
  (if (and (%fixnump number) (%fixnump divisor) (not (%fx= divisor 0)))
      (let ((r (%fx-rem number divisor)))
        (if (and (not (%fx= r 0)) (not (%eq (%fx< r 0) (%fx< divisor 0))))
            (%fx+ r divisor)
            r))
      (nth-value 1 (floor number divisor))))

(defun rem (number divisor)
  (if (and (%fixnump number) (%fixnump divisor) (not (%fx= divisor 0)))
      (%fx-rem number divisor)
      (nth-value 1 (truncate number divisor))))

(defun %float-truncate-float (x)
  ;; The float X truncated toward zero, as a float of its format (-0.5
  ;; gives -0.0).
  (if (%single-float-p x)
      (%double-to-single (%double-truncate (%single-to-double x)))
      (%double-truncate x)))

(defun ftruncate (number &optional (divisor 1))
  (let ((kn (%real-kind number)) (kd (%real-kind divisor)))
    (cond ((and (%fx< kn 3) (%fx< kd 3))
           (multiple-value-bind (q r) (truncate number divisor)
             (values (%to-single q) r)))
          ((and (%fx>= kn 3) (eql divisor 1))
           (let ((q (%float-truncate-float number)))
             (values q (- number q))))
          (t
           (let* ((type-of (if (or (%fx= kn 4) (%fx= kd 4)) 1d0 (if (%fx= kn 3) number divisor)))
                  (float-divisor (%float-like divisor type-of))
                  (q (%float-truncate-float (/ number float-divisor))))
             (values q (- number (* q float-divisor))))))))

(defun ffloor (number &optional (divisor 1))
  (multiple-value-bind (q r) (ftruncate number divisor)
    (if (and (not (zerop r)) (if (minusp divisor) (plusp number) (minusp number)))
        (values (- q 1) (+ r divisor))
        (values q r))))

(defun fceiling (number &optional (divisor 1))
  (multiple-value-bind (q r) (ftruncate number divisor)
    (if (and (not (zerop r)) (if (minusp divisor) (minusp number) (plusp number)))
        (values (+ q 1) (- r divisor))
        (values q r))))

(defun fround (number &optional (divisor 1))
  (multiple-value-bind (q r) (round number divisor)
    (values (if (floatp r) (%float-like q r) (%to-single q)) r)))

;;; Integer functions

(defun gcd (&rest integers)
  (let ((result 0))
    (dolist (n integers result)
      (setq result (%integer-gcd result (%check-integer n))))))

(defun lcm (&rest integers)
  (let ((result 1))
    (dolist (n integers result)
      (%check-integer n)
      (if (eql n 0)
          (return 0)
          (setq result (abs (* (%integer-truncate result (%integer-gcd result n)) n)))))))

(defun logand (&rest integers)
  (let ((r -1))
    (dolist (i integers r)
      (setq r (if (and (%fixnump r) (%fixnump i))
                  (%fx-logand r i)
                  (%integer-logop 0 r (%check-integer i)))))))

(defun logior (&rest integers)
  (let ((r 0))
    (dolist (i integers r)
      (setq r (if (and (%fixnump r) (%fixnump i))
                  (%fx-logior r i)
                  (%integer-logop 1 r (%check-integer i)))))))

(defun logxor (&rest integers)
  (let ((r 0))
    (dolist (i integers r)
      (setq r (if (and (%fixnump r) (%fixnump i))
                  (%fx-logxor r i)
                  (%integer-logop 2 r (%check-integer i)))))))

(defun lognot (integer) (- -1 (%check-integer integer)))
(defun logeqv (&rest integers) (lognot (apply #'logxor integers)))
(defun lognand (integer1 integer2) (lognot (logand integer1 integer2)))
(defun lognor (integer1 integer2) (lognot (logior integer1 integer2)))
(defun logandc1 (integer1 integer2) (logand (lognot integer1) integer2))
(defun logandc2 (integer1 integer2) (logand integer1 (lognot integer2)))
(defun logorc1 (integer1 integer2) (logior (lognot integer1) integer2))
(defun logorc2 (integer1 integer2) (logior integer1 (lognot integer2)))
(defun logtest (integer1 integer2) (not (eql (logand integer1 integer2) 0)))

(defconstant boole-clr 0)
(defconstant boole-set 1)
(defconstant boole-1 2)
(defconstant boole-2 3)
(defconstant boole-c1 4)
(defconstant boole-c2 5)
(defconstant boole-and 6)
(defconstant boole-ior 7)
(defconstant boole-xor 8)
(defconstant boole-eqv 9)
(defconstant boole-nand 10)
(defconstant boole-nor 11)
(defconstant boole-andc1 12)
(defconstant boole-andc2 13)
(defconstant boole-orc1 14)
(defconstant boole-orc2 15)

(defun boole (op integer1 integer2)
  (%check-integer integer1)
  (%check-integer integer2)
  (case op
    (0 0) (1 -1) (2 integer1) (3 integer2) (4 (lognot integer1)) (5 (lognot integer2))
    (6 (logand integer1 integer2)) (7 (logior integer1 integer2))
    (8 (logxor integer1 integer2)) (9 (logeqv integer1 integer2))
    (10 (lognand integer1 integer2)) (11 (lognor integer1 integer2))
    (12 (logandc1 integer1 integer2)) (13 (logandc2 integer1 integer2))
    (14 (logorc1 integer1 integer2)) (15 (logorc2 integer1 integer2))
    (t (%type-error op '(integer 0 15)))))

(defun ash (integer count)
  (%check-integer integer)
  (cond ((not (%fixnump count))
         (%check-integer count)
         (cond ((eql integer 0) 0)
               ((minusp count) (if (minusp integer) -1 0))
               (t (error 'storage-condition))))
        ((%fx= count 0) integer)
        ((and (%fixnump integer) (%fx< count 0) (%fx> count -30))
         (let* ((d (%pow2 (%fx- 0 count))) (q (%fx-truncate integer d)))
           (if (and (%fx< integer 0) (not (%fx= (%fx-rem integer d) 0))) (%fx- q 1) q)))
        ((and (%fixnump integer) (%fx< count 0)) (if (%fx< integer 0) -1 0))
        ((and (%fixnump integer) (%fx< count 30)) (* integer (%pow2 count)))
        (t (%integer-ash integer count))))

(defun integer-length (integer)
  (if (%fixnump integer)
      (%digit-length (if (%fx< integer 0) (%fx- -1 integer) integer))
      (%integer-length (%check-integer integer))))

(defun logcount (integer)
  ;; The number of 1 bits of a positive integer, of 0 bits of a negative one.
  (%integer-logcount (%check-integer integer)))

(defun logbitp (index integer)
  (unless (and (integerp index) (not (minusp index))) (%type-error index 'unsigned-byte))
  (%integer-logbitp index (%check-integer integer)))

(defun byte (size position) (cons size position))
(defun byte-size (bytespec) (car bytespec))
(defun byte-position (bytespec) (cdr bytespec))

(defun ldb (bytespec integer)
  (logand (ash integer (- (byte-position bytespec))) (- (ash 1 (byte-size bytespec)) 1)))

(defun ldb-test (bytespec integer) (not (zerop (ldb bytespec integer))))

(defun mask-field (bytespec integer)
  (logand integer (ash (- (ash 1 (byte-size bytespec)) 1) (byte-position bytespec))))

(defun dpb (newbyte bytespec integer)
  (let ((mask (ash (- (ash 1 (byte-size bytespec)) 1) (byte-position bytespec))))
    (logior (logand integer (lognot mask))
            (logand (ash newbyte (byte-position bytespec)) mask))))

(defun deposit-field (newbyte bytespec integer)
  (let ((mask (ash (- (ash 1 (byte-size bytespec)) 1) (byte-position bytespec))))
    (logior (logand integer (lognot mask)) (logand newbyte mask))))

(defun isqrt (natural)
  (unless (and (integerp natural) (not (minusp natural))) (%type-error natural '(integer 0)))
  ;; Newton's iteration from above, from a power of two above the root.
  (if (< natural 2)
      natural
      (let* ((x (ash 1 (ceiling (integer-length natural) 2)))
             (y (ash (+ x (floor natural x)) -1)))
        (tagbody
         next
           (when (< y x)
             (setq x y y (ash (+ x (floor natural x)) -1))
             (go next)))
        x)))

;;; Conversions

(defun float (number &optional (prototype nil prototype-p))
  (cond ((not prototype-p) (if (floatp number) number (%to-single number)))
        ((%double-float-p prototype) (%to-double number))
        ((%single-float-p prototype) (%to-single number))
        (t (%type-error prototype 'float))))

(defun rational (number)
  (cond ((floatp number)
         (multiple-value-bind (mantissa exponent sign) (integer-decode-float number)
           (let ((m (if (minusp sign) (- mantissa) mantissa)))
             (if (minusp exponent)
                 (%build-ratio m (ash 1 (- exponent)))
                 (ash m exponent)))))
        (t (%check-real number))))

;;; RATIONALIZE: the rational with the smallest denominator in the open
;;; interval of the reals that round to the float, ((2m-1)/2^(1-e),
;;; (2m+1)/2^(1-e)) for the float m*2^e, found by building its continued
;;; fraction: while the interval holds no integer, take the partial quotient
;;; k = ceiling(a) - 1 and go on with (1/(b-k), 1/(a-k)).

(defun rationalize (number)
  (if (not (floatp number))
      (%check-real number)
      (multiple-value-bind (mantissa exponent sign) (integer-decode-float number)
        (if (or (eql mantissa 0) (>= exponent 0))
            (let ((r (ash mantissa exponent))) (if (minusp sign) (- r) r))
            (let ((a (/ (- (* 2 mantissa) 1) (ash 1 (- 1 exponent))))
                  (b (/ (+ (* 2 mantissa) 1) (ash 1 (- 1 exponent))))
                  (p0 0) (q0 1) (p1 1) (q1 0))
              (do () (nil)
                (let ((c (ceiling a)))
                  (if (>= c b)
                      (let ((k (- c 1)))
                        (let ((p (+ (* k p1) p0)) (q (+ (* k q1) q0)))
                          (setq p0 p1 q0 q1 p1 p q1 q))
                        (let ((a2 (/ 1 (- b k))))
                          (setq b (/ 1 (- a k)) a a2)))
                      (let ((r (/ (+ (* c p1) p0) (+ (* c q1) q0))))
                        (return (if (minusp sign) (- r) r)))))))))))

;;; Random numbers: Knuth's subtractive generator (TAOCP vol. 2, 3.6; the
;;; version of Numerical Recipes' ran3), whose arithmetic stays within the
;;; fixnums: 55 numbers below 10^9, x[n] = x[n-55] - x[n-24] mod 10^9.  A
;;; random state is a simple-vector #(%RANDOM-STATE i j x1 ... x55).

(defconstant +random-modulus+ 1000000000)

(defun %make-random-state-from-seed (seed)
  (let ((v (%make-vector 58 0))
        (mj (mod (- 161803398 (mod (abs seed) 161803398)) +random-modulus+))
        (mk 1))
    (%svset v 0 '%random-state)
    (%svset v (+ 2 55) mj)
    (do ((i 1 (+ i 1)))
        ((> i 54))
      (let ((ii (mod (* 21 i) 55)))
        (%svset v (+ 2 ii) mk)
        (setq mk (- mj mk))
        (when (minusp mk) (setq mk (+ mk +random-modulus+)))
        (setq mj (svref v (+ 2 ii)))))
    (dotimes (k 4)
      (do ((i 1 (+ i 1)))
          ((> i 55))
        (let ((x (- (svref v (+ 2 i)) (svref v (+ 2 (+ 1 (mod (+ i 30) 55)))))))
          (%svset v (+ 2 i) (if (minusp x) (+ x +random-modulus+) x)))))
    (%svset v 1 0)
    (%svset v 2 31)                     ; index 0 of the table is unused
    v))

(defun random-state-p (object)
  (and (simple-vector-p object) (eql (length object) 58) (eq (svref object 0) '%random-state)))

(defvar *random-state* (%make-random-state-from-seed 4357))

(defvar *random-seed-counter* 0)

(defun make-random-state (&optional state)
  (cond ((null state) (make-random-state *random-state*))
        ((eq state t)
         (setq *random-seed-counter* (+ *random-seed-counter* 1))
         (%make-random-state-from-seed (+ (* 7919 *random-seed-counter*) (%object-hash (list nil)))))
        ((random-state-p state)
         (let ((v (%make-vector 58 0)))
           (dotimes (i 58 v) (%svset v i (svref state i)))))
        (t (%type-error state '(or random-state (member nil t))))))

(defun %random-next (state)
  ;; The next number of STATE, in [0, 10^9).
  (let ((i (+ (svref state 1) 1)) (j (+ (svref state 2) 1)))
    (when (> i 55) (setq i 1))
    (when (> j 55) (setq j 1))
    (let ((x (- (svref state (+ 2 i)) (svref state (+ 2 j)))))
      (when (minusp x) (setq x (+ x +random-modulus+)))
      (%svset state (+ 2 i) x)
      (%svset state 1 i)
      (%svset state 2 j)
      x)))

(defun random (limit &optional (state *random-state*))
  (unless (random-state-p state) (%type-error state 'random-state))
  (cond ((and (integerp limit) (plusp limit))
         (if (<= limit +random-modulus+)
             ;; rejection keeps the numbers uniform
             (let ((top (- +random-modulus+ (mod +random-modulus+ limit))))
               (do ((x (%random-next state) (%random-next state)))
                   ((< x top) (mod x limit))))
             (let ((x 0) (range 1))
               (tagbody
                next
                  (when (< range (* limit 1000000))
                    (setq x (+ (* x +random-modulus+) (%random-next state))
                          range (* range +random-modulus+))
                    (go next)))
               (mod x limit))))
        ((and (floatp limit) (plusp limit))
         (let ((double (%double-float-p limit)))
           (do () (nil)
             (let* ((u (if double
                           (/ (+ (* (%random-next state) +random-modulus+) (%random-next state))
                              1d18)
                           (/ (%fixnum-to-double (%random-next state)) 1d9)))
                    (x (* (if double u (%to-single u)) limit)))
               (when (< x limit) (return x))))))
        (t (%type-error limit '(or (integer 1) (float (0.0)))))))

;;; Hashing numbers by value (for EQL and EQUALP hash tables and SXHASH):
;;; EQL numbers hash alike, and so do = numbers under %EQUALP-NUMBER-HASH.
;;; The results are non-negative fixnums.

(defun %hash-combine (hash part)
  (%fx-logxor (%fx* (%fx-logand hash 1048575) 31) (%fx-logand part 1073741823)))

(defun %number-hash (number)
  ;; EQL-consistent.
  (cond ((%fixnump number) (%fx-logand number 1073741823))
        ((%bignump number)
         (let ((h (if (%bignum-negative-p number) 7 3)))
           (dotimes (i (%bignum-length number) h)
             (setq h (%hash-combine h (%bignum-digit number i))))))
        ((%ratiop number)
         (%hash-combine (%number-hash (%ratio-numerator number))
                        (%number-hash (%ratio-denominator number))))
        ((floatp number)
         (let ((d (if (%single-float-p number) (%single-to-double number) number)))
           (%hash-combine (%hash-combine (%hash-combine (%double-exponent-bits d)
                                                        (%double-mantissa-high d))
                                         (%double-mantissa-low d))
                          (%fx+ (%double-sign-bit d) (if (%single-float-p number) 2 0)))))
        ((%complexp number)
         (%hash-combine (%number-hash (%complex-real number))
                        (%number-hash (%complex-imag number))))
        (t (%object-hash number))))

(defun %equalp-number-hash (number)
  ;; =-consistent: a number hashes as the exact rational it equals (a
  ;; complex with a zero imaginary part as its real part).
  (cond ((rationalp number) (%number-hash number))
        ((floatp number)
         (if (%float-finite-p number)
             (%number-hash (rational number))
             (%number-hash number)))
        ((%complexp number)
         (if (zerop (%complex-imag number))
             (%equalp-number-hash (%complex-real number))
             (%hash-combine (%equalp-number-hash (%complex-real number))
                            (%equalp-number-hash (%complex-imag number)))))
        (t (%object-hash number))))
