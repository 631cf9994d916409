;;;; bignum.lisp -- integers beyond the fixnums: signed arithmetic over
;;;; magnitudes, division with remainder, gcd, comparison, shifts, the
;;;; logical operations in two's complement semantics, conversion to digit
;;;; strings.
;;;;
;;;; A bignum is a sign and a magnitude of base-2^30 digits, least
;;;; significant first (docs/object-model.md).  Here the algorithms work on
;;;; *magnitudes*: bignum objects used for their digit arrays, with a length
;;;; (a normalised bignum is its own magnitude; %MAKE-BIGNUM gives a fresh
;;;; zeroed one to compute into).  A digit is a non-negative fixnum.  The
;;;; loops over digits are kernel functions, the %MPN-* intrinsics
;;;; (backend/kernel/bignum.py); %BIGNUM-NORMALIZE turns a magnitude into
;;;; an integer: a fixnum whenever it is in range.

(in-package "CLYSM")

;;; Magnitudes

(defun %integer-negative-p (x)
  (if (%fixnump x) (%fx< x 0) (%bignum-negative-p x)))

(defun %fixnum-magnitude (x)
  ;; |X| in two digits (2^30, the magnitude of the most negative fixnum,
  ;; is not a fixnum).
  (let ((m (%make-bignum 2 nil)))
    (cond ((%fx>= x 0) (%set-bignum-digit m 0 x))
          ((%fx= x -1073741824) (%set-bignum-digit m 1 1))
          (t (%set-bignum-digit m 0 (%fx- 0 x))))
    m))

(defun %magnitude (x)
  ;; The magnitude of the integer X.
  (if (%fixnump x) (%fixnum-magnitude x) x))

(defun %magnitude-length (m)
  ;; The number of digits of M without its high zero digits.
  (%mpn-length m (%bignum-length m)))

(defun %digit-fixnum-p (x)
  ;; Is X a fixnum whose magnitude is one digit?
  (and (%fixnump x) (not (%fx= x -1073741824))))

(defun %fixnum-abs (x)
  (if (%fx< x 0) (%fx- 0 x) x))

;;; Addition and multiplication

(defun %magnitude-sum (negative a na b nb)
  ;; The integer of sign NEGATIVE and magnitude A + B, NA >= NB.
  (let ((r (%make-bignum (%fx+ na 1) nil)))
    (%set-bignum-digit r na (%mpn-add r a na b nb))
    (%bignum-normalize r (%fx+ na 1) negative)))

(defun %magnitude-difference (negative a na b nb)
  ;; The integer of sign NEGATIVE and magnitude A - B, A >= B.
  (let ((r (%make-bignum na nil)))
    (%mpn-sub r a na b nb)
    (%bignum-normalize r na negative)))

(defun %signed-add (xn a yn b)
  ;; (sign XN, magnitude A) + (sign YN, magnitude B).
  (let ((na (%magnitude-length a)) (nb (%magnitude-length b)))
    (if (%eq xn yn)
        (if (%fx>= na nb)
            (%magnitude-sum xn a na b nb)
            (%magnitude-sum xn b nb a na))
        (let ((c (%mpn-cmp a na b nb)))
          (cond ((%fx= c 0) 0)
                ((%fx> c 0) (%magnitude-difference xn a na b nb))
                (t (%magnitude-difference yn b nb a na)))))))

(defun %integer-add (x y)
  (%signed-add (%integer-negative-p x) (%magnitude x) (%integer-negative-p y) (%magnitude y)))

(defun %integer-subtract (x y)
  (%signed-add (%integer-negative-p x) (%magnitude x)
               (not (%integer-negative-p y)) (%magnitude y)))

(defun %magnitude-times-digit (negative a d)
  ;; The integer of sign NEGATIVE and magnitude A * D, D a digit.
  (let* ((n (%magnitude-length a)) (r (%make-bignum (%fx+ n 1) nil)))
    (%set-bignum-digit r n (%mpn-mul-1 r a n d))
    (%bignum-normalize r (%fx+ n 1) negative)))

(defun %magnitude-product (negative a b)
  (let* ((na (%magnitude-length a)) (nb (%magnitude-length b))
         (r (%make-bignum (%fx+ na nb) nil)))
    (%mpn-mul r a na b nb)
    (%bignum-normalize r (%fx+ na nb) negative)))

(defun %integer-multiply (x y)
  (if (or (%eq x 0) (%eq y 0))
      0
      (let ((negative (not (%eq (%integer-negative-p x) (%integer-negative-p y)))))
        (cond ((%digit-fixnum-p y) (%magnitude-times-digit negative (%magnitude x) (%fixnum-abs y)))
              ((%digit-fixnum-p x) (%magnitude-times-digit negative (%magnitude y) (%fixnum-abs x)))
              (t (%magnitude-product negative (%magnitude x) (%magnitude y)))))))

(defun %integer-negate (x)
  (cond ((not (%fixnump x))
         (%bignum-normalize x (%bignum-length x) (not (%bignum-negative-p x))))
        ((%fx= x -1073741824) (%bignum-normalize (%fixnum-magnitude x) 2 nil))
        (t (%fx- 0 x))))

(defun %integer-abs (x)
  (if (%integer-negative-p x) (%integer-negate x) x))

;;; Division

(defun %divide-by-digit (x y)
  ;; The quotient and remainder of X by the fixnum Y, a non-zero digit.
  (let* ((a (%magnitude x))
         (n (%magnitude-length a))
         (q (%make-bignum n nil))
         (r (%mpn-divrem-1 q a n (%fixnum-abs y)))
         (xn (%integer-negative-p x)))
    (values (%bignum-normalize q n (not (%eq xn (%fx< y 0))))
            (if xn (%fx- 0 r) r))))

(defun %divide-magnitudes (x y)
  ;; The quotient and remainder of X by Y, |Y| of two digits or more.
  (let* ((a (%magnitude x)) (b (%magnitude y))
         (na (%magnitude-length a)) (nb (%magnitude-length b)))
    (if (%fx< (%mpn-cmp a na b nb) 0)
        (values 0 x)
        (let* ((nq (%fx+ (%fx- na nb) 1))
               (q (%make-bignum nq nil))
               (r (%make-bignum nb nil))
               (xn (%integer-negative-p x)))
          (%mpn-divrem q r a na b nb)
          (values (%bignum-normalize q nq (not (%eq xn (%integer-negative-p y))))
                  (%bignum-normalize r nb xn))))))

(defun %integer-truncate (x y)
  ;; The quotient (toward zero) and remainder of the integers X and Y /= 0.
  (cond ((and (%fixnump x) (%fixnump y) (not (%fx= y -1)))
         (values (%fx-truncate x y) (%fx-rem x y)))
        ((%eq y -1) (values (%integer-negate x) 0))
        ((%digit-fixnum-p y) (%divide-by-digit x y))
        (t (%divide-magnitudes x y))))

(defun %integer-rem (x y)
  (nth-value 1 (%integer-truncate x y)))

;;; Comparison

(defun %integer-compare (x y)
  ;; -1, 0 or 1.
  (if (and (%fixnump x) (%fixnump y))
      (cond ((%fx< x y) -1) ((%fx> x y) 1) (t 0))
      (let ((xn (%integer-negative-p x)) (yn (%integer-negative-p y)))
        (cond ((and xn (not yn)) -1)
              ((and yn (not xn)) 1)
              (t (let* ((a (%magnitude x)) (b (%magnitude y))
                        (c (%mpn-cmp a (%bignum-length a) b (%bignum-length b))))
                   (if xn (%fx- 0 c) c)))))))

(defun %bignum-equal (x y)
  (and (%eq (%bignum-negative-p x) (%bignum-negative-p y))
       (%fx= (%mpn-cmp x (%bignum-length x) y (%bignum-length y)) 0)))

;;; Greatest common divisor

(defun %fixnum-gcd (a b)
  ;; Euclid's algorithm on non-negative fixnums.
  (tagbody
   next
     (unless (%fx= b 0)
       (let ((r (%fx-rem a b))) (setq a b b r))
       (go next)))
  a)

(defun %integer-gcd (a b)
  (%magnitude-gcd (%integer-abs a) (%integer-abs b)))

(defun %magnitude-gcd (a b)
  ;; The gcd of the non-negative integers A and B: Euclid's steps while one
  ;; of them is a fixnum or much shorter than the other (one division does
  ;; most of the work), else the binary gcd of %MPN-GCD.
  (block nil
    (tagbody
     next
       (cond ((%eq b 0) (return a))
             ((%eq a 0) (return b))
             ((or (%eq a 1) (%eq b 1)) (return 1))
             ((and (%fixnump a) (%fixnump b)) (return (%fixnum-gcd a b)))
             ((%fixnump b) (setq a (%integer-rem a b)))
             ((%fixnump a) (setq b (%integer-rem b a)))
             (t (let ((na (%bignum-length a)) (nb (%bignum-length b)))
                  (cond ((%fx> na (%fx+ nb 1)) (setq a (%integer-rem a b)))
                        ((%fx> nb (%fx+ na 1)) (setq b (%integer-rem b a)))
                        (t (let ((g (%mpn-gcd a na b nb)))
                             (return (%bignum-normalize g (%bignum-length g) nil))))))))
       (go next))))

;;; Shifts

(defun %pow2 (k)
  ;; 2^K for 0 <= K <= 29.
  (let ((r 1)) (dotimes (i k r) (setq r (%fx+ r r)))))

(defun %magnitude-low-bits-zero-p (a count)
  ;; Are the COUNT low bits of the magnitude A all zero?
  (let* ((n (%magnitude-length a))
         (digits (%fx-truncate count 30))
         (bits (%fx-rem count 30)))
    (and (dotimes (i (if (%fx< digits n) digits n) t)
           (unless (%fx= (%bignum-digit a i) 0) (return nil)))
         (or (%fx>= digits n)
             (%fx= (%fx-logand (%bignum-digit a digits) (%fx- (%pow2 bits) 1)) 0)))))

(defun %shift-left (x count)
  (let* ((a (%magnitude x))
         (n (%magnitude-length a))
         (digits (%fx-truncate count 30))
         (size (%fx+ (%fx+ n digits) 1))
         (r (%make-bignum size nil)))
    (%set-bignum-digit r (%fx+ n digits) (%mpn-lshift r digits a n (%fx-rem count 30)))
    (%bignum-normalize r size (%integer-negative-p x))))

(defun %shift-right (x count)
  ;; floor(X / 2^COUNT).
  (let* ((a (%magnitude x))
         (negative (%integer-negative-p x))
         (n (%magnitude-length a))
         (digits (%fx-truncate count 30))
         (m (%fx- n digits)))
    (if (%fx<= m 0)
        (if negative -1 0)
        ;; one digit more, for the carry of rounding a negative X down
        (let ((r (%make-bignum (%fx+ m 1) nil)))
          (%mpn-rshift r a digits m (%fx-rem count 30))
          (when (and negative (not (%magnitude-low-bits-zero-p a count)))
            (%set-bignum-digit r m (%mpn-add r r m (%fixnum-magnitude 1) 1)))
          (%bignum-normalize r (%fx+ m 1) negative)))))

(defun %integer-ash (x count)
  ;; X * 2^COUNT, rounded toward minus infinity.
  (cond ((%eq x 0) 0)
        ((%fx>= count 0) (%shift-left x count))
        (t (%shift-right x (%fx- 0 count)))))

;;; Bits

(defun %digit-length (d)
  ;; The number of bits of the fixnum D >= 0.
  (let ((n 0))
    (tagbody
     next
       (unless (%fx= d 0)
         (setq d (%fx-truncate d 2) n (%fx+ n 1))
         (go next)))
    n))

(defun %magnitude-bit-length (a)
  (let ((n (%magnitude-length a)))
    (if (%fx= n 0)
        0
        (%fx+ (%fx* 30 (%fx- n 1)) (%digit-length (%bignum-digit a (%fx- n 1)))))))

(defun %integer-length (x)
  ;; Bits needed for X in two's complement, without the sign bit.
  (%magnitude-bit-length
   (%magnitude (if (%integer-negative-p x) (%integer-subtract -1 x) x))))

(defun %twos-complement (x n)
  ;; The N low digits of X in two's complement (N exceeds its magnitude's
  ;; length): the digits of X, or for a negative X the complement of those
  ;; of -X - 1.
  (let ((v (%make-bignum n nil)))
    (if (%integer-negative-p x)
        (let* ((m (%magnitude (%integer-subtract -1 x))) (nm (%magnitude-length m)))
          (dotimes (i n)
            (%set-bignum-digit v i (%fx- 1073741823 (if (%fx< i nm) (%bignum-digit m i) 0)))))
        (let* ((m (%magnitude x)) (nm (%magnitude-length m)))
          (dotimes (i nm) (%set-bignum-digit v i (%bignum-digit m i)))))
    v))

(defun %from-twos-complement (v n)
  ;; The integer of the N two's complement digits V (its top digit is all
  ;; sign bits).
  (if (%fx>= (%bignum-digit v (%fx- n 1)) 536870912)
      (progn
        (dotimes (i n) (%set-bignum-digit v i (%fx- 1073741823 (%bignum-digit v i))))
        (%integer-subtract -1 (%bignum-normalize v n nil)))
      (%bignum-normalize v n nil)))

(defun %integer-logop (op x y)
  ;; OP is 0 for and, 1 for or, 2 for xor, on two's complement digits.
  (let* ((n (%fx+ 1 (let ((a (%magnitude-length (%magnitude x)))
                          (b (%magnitude-length (%magnitude y))))
                      (if (%fx> a b) a b))))
         (u (%twos-complement x n))
         (v (%twos-complement y n)))
    (dotimes (i n)
      (let ((a (%bignum-digit u i)) (b (%bignum-digit v i)))
        (%set-bignum-digit u i (cond ((%fx= op 0) (%fx-logand a b))
                                     ((%fx= op 1) (%fx-logior a b))
                                     (t (%fx-logxor a b))))))
    (%from-twos-complement u n)))

(defun %digit-logcount (d)
  (let ((n 0))
    (tagbody
     next
       (unless (%fx= d 0)
         (setq n (%fx+ n (%fx-logand d 1)) d (%fx-truncate d 2))
         (go next)))
    n))

(defun %integer-logcount (x)
  ;; The number of 1 bits of X >= 0, of 0 bits of X < 0.
  (let ((m (%magnitude (if (%integer-negative-p x) (%integer-subtract -1 x) x)))
        (count 0))
    (dotimes (i (%magnitude-length m) count)
      (setq count (%fx+ count (%digit-logcount (%bignum-digit m i)))))))

(defun %integer-logbitp (index x)
  ;; Bit INDEX (a non-negative integer) of X in two's complement.
  (if (%integer-negative-p x)
      (not (%integer-logbitp index (%integer-subtract -1 x)))
      (let ((a (%magnitude x)))
        (and (%fixnump index)
             (let ((digit (%fx-truncate index 30)))
               (and (%fx< digit (%magnitude-length a))
                    (%fx= (%fx-logand (%fx-truncate (%bignum-digit a digit)
                                                    (%pow2 (%fx-rem index 30)))
                                      1)
                          1)))))))

;;; Digit strings

(defun %digit-chunk (base)
  ;; The largest power of BASE below 2^30, and its exponent.
  (let ((chunk base) (per-chunk 1))
    (tagbody
     next
       (when (%fx<= chunk (%fx-truncate 1073741823 base))
         (setq chunk (%fx* chunk base) per-chunk (%fx+ per-chunk 1))
         (go next)))
    (values chunk per-chunk)))

(defun %integer-digits-string (x base)
  ;; The digits of |X| in BASE (2..36), most significant first.  Divides
  ;; by the largest power of BASE below 2^30, giving that many digits at a
  ;; time.
  (multiple-value-bind (chunk per-chunk) (%digit-chunk base)
    (let* ((a (%magnitude x))
           (n (%magnitude-length a))
           (q (%make-bignum n nil))
           (pieces nil)
           (count 0))
      (tagbody
       next
         (when (%fx> n 0)
           (setq pieces (%cons (%mpn-divrem-1 q a n chunk) pieces)
                 a q
                 n (%mpn-length q n)
                 count (%fx+ count 1))
           (go next)))
      (if (%eq pieces nil)
          "0"
          (%digit-pieces-string pieces count base per-chunk)))))

(defun %digit-pieces-string (pieces count base per-chunk)
  ;; The string of the COUNT numbers PIECES, most significant first, each
  ;; PER-CHUNK digits in BASE but the first, which has no leading zero.
  (let* ((first (%car pieces))
         (first-length (let ((n 0) (f first))
                         (tagbody
                          next
                            (setq n (%fx+ n 1) f (%fx-truncate f base))
                            (unless (%fx= f 0) (go next)))
                         n))
         (length (%fx+ first-length (%fx* per-chunk (%fx- count 1))))
         (s (%make-string length #\0))
         (end first-length))
    ;; Each piece fills the PER-CHUNK places before END (the first one only
    ;; its own digits), from the right.
    (dolist (piece pieces s)
      (let ((i (%fx- end 1)))
        (tagbody
         next
           (unless (%fx= piece 0)
             (let ((d (%fx-rem piece base)))
               (%set-schar s i (%code-char (if (%fx< d 10) (%fx+ 48 d) (%fx+ 55 d)))))
             (setq piece (%fx-truncate piece base) i (%fx- i 1))
             (go next))))
      (setq end (%fx+ end per-chunk)))))
