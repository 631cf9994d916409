;;;; bignum.lisp -- integers beyond the fixnums: arithmetic on magnitudes
;;;; (addition, subtraction, schoolbook multiplication, division with
;;;; remainder by Knuth's algorithm D), comparison, shifts and the logical
;;;; operations in two's complement semantics, conversion to digit strings.
;;;;
;;;; A bignum is a sign and a magnitude of base-2^15 digits, least
;;;; significant first (docs/object-model.md).  Here the algorithms work on
;;;; *magnitudes*: simple-vectors of digits (fixnums 0..32767), least
;;;; significant first, whose high digits may be zero.  A digit product plus
;;;; two digits fits a fixnum, so everything is computed with the %FX
;;;; intrinsics, which never leave the fixnums here.  %INTEGER-FROM-MAG
;;;; turns a result back into a normalised integer: a fixnum whenever it is
;;;; in range.

(in-package "CLYSM")

;;; Magnitudes

(defun %mag-length (v)
  ;; The number of digits of V without its high zero digits.
  (let ((n (%vector-length v)))
    (tagbody
     next
       (when (and (%fx> n 0) (%fx= (%svref v (%fx- n 1)) 0))
         (setq n (%fx- n 1))
         (go next)))
    n))

(defun %fixnum-mag (x)
  ;; The digits of |X|, computed from X itself (-most-negative-fixnum is
  ;; not a fixnum): truncation of a negative X gives non-positive remainders.
  (let ((count 0) (y x))
    (tagbody
     next
       (unless (%fx= y 0)
         (setq count (%fx+ count 1) y (%fx-truncate y 32768))
         (go next)))
    (let ((v (%make-vector count 0)) (i 0))
      (tagbody
       next
         (unless (%fx= x 0)
           (let ((r (%fx-rem x 32768)))
             (%svset v i (if (%fx< r 0) (%fx- 0 r) r)))
           (setq x (%fx-truncate x 32768) i (%fx+ i 1))
           (go next)))
      v)))

(defun %bignum-mag (x)
  (let* ((n (%bignum-length x)) (v (%make-vector n 0)))
    (dotimes (i n v) (%svset v i (%bignum-digit x i)))))

(defun %mag (x)
  ;; The magnitude of the integer X.
  (if (%fixnump x) (%fixnum-mag x) (%bignum-mag x)))

(defun %integer-negative-p (x)
  (if (%fixnump x) (%fx< x 0) (%bignum-negative-p x)))

(defun %integer-from-mag (negative v)
  ;; The integer of sign NEGATIVE (true: negative) and magnitude V.
  (let ((n (%mag-length v)))
    (cond ((%fx= n 0) 0)
          ((%fx= n 1) (if negative (%fx- 0 (%svref v 0)) (%svref v 0)))
          ((%fx= n 2)
           (let ((m (%fx+ (%svref v 0) (%fx* (%svref v 1) 32768))))
             (if negative (%fx- 0 m) m)))
          ((and negative (%fx= n 3) (%fx= (%svref v 2) 1)
                (%fx= (%svref v 1) 0) (%fx= (%svref v 0) 0))
           -1073741824)
          (t (let ((b (%make-bignum n negative)))
               (dotimes (i n) (%set-bignum-digit b i (%svref v i)))
               (%bignum-finish b))))))

(defun %mag-compare (a b)
  ;; -1, 0 or 1 as the magnitude A is less than, equal to or greater than B.
  (let ((na (%mag-length a)) (nb (%mag-length b)))
    (cond ((%fx< na nb) -1)
          ((%fx> na nb) 1)
          (t (do ((i (%fx- na 1) (%fx- i 1)))
                 ((%fx< i 0) 0)
               (let ((x (%svref a i)) (y (%svref b i)))
                 (cond ((%fx< x y) (return -1))
                       ((%fx> x y) (return 1)))))))))

(defun %mag-add (a b)
  (let ((na (%mag-length a)) (nb (%mag-length b)))
    (when (%fx< na nb)
      (let ((v a) (n na)) (setq a b na nb b v nb n)))
    (let ((r (%make-vector (%fx+ na 1) 0)) (carry 0))
      (dotimes (i na)
        (let ((s (%fx+ (%fx+ (%svref a i) (if (%fx< i nb) (%svref b i) 0)) carry)))
          (if (%fx>= s 32768)
              (progn (%svset r i (%fx- s 32768)) (setq carry 1))
              (progn (%svset r i s) (setq carry 0)))))
      (%svset r na carry)
      r)))

(defun %mag-sub (a b)
  ;; A - B for magnitudes A >= B.
  (let* ((na (%mag-length a)) (nb (%mag-length b))
         (r (%make-vector na 0)) (borrow 0))
    (dotimes (i na)
      (let ((d (%fx- (%fx- (%svref a i) (if (%fx< i nb) (%svref b i) 0)) borrow)))
        (if (%fx< d 0)
            (progn (%svset r i (%fx+ d 32768)) (setq borrow 1))
            (progn (%svset r i d) (setq borrow 0)))))
    r))

(defun %mag-mul (a b)
  ;; Schoolbook multiplication.
  (let* ((na (%mag-length a)) (nb (%mag-length b))
         (r (%make-vector (%fx+ na nb) 0)))
    (dotimes (i na)
      (let ((ai (%svref a i)) (carry 0))
        (unless (%fx= ai 0)
          (dotimes (j nb)
            (let* ((k (%fx+ i j))
                   (p (%fx+ (%fx+ (%fx* ai (%svref b j)) (%svref r k)) carry)))
              (%svset r k (%fx-logand p 32767))
              (setq carry (%fx-truncate p 32768))))
          (%svset r (%fx+ i nb) carry))))
    r))

(defun %mag-mul-digit (a d)
  ;; A times the digit D.
  (let* ((na (%mag-length a)) (r (%make-vector (%fx+ na 1) 0)) (carry 0))
    (dotimes (i na)
      (let ((p (%fx+ (%fx* d (%svref a i)) carry)))
        (%svset r i (%fx-logand p 32767))
        (setq carry (%fx-truncate p 32768))))
    (%svset r na carry)
    r))

(defun %mag-divmod-digit (a d)
  ;; The quotient (a magnitude) and remainder (a fixnum) of A by the digit D.
  (let* ((n (%mag-length a)) (q (%make-vector n 0)) (r 0))
    (do ((i (%fx- n 1) (%fx- i 1)))
        ((%fx< i 0))
      (let ((current (%fx+ (%fx* r 32768) (%svref a i))))
        (%svset q i (%fx-truncate current d))
        (setq r (%fx-rem current d))))
    (values q r)))

(defun %pow2 (k)
  ;; 2^K for 0 <= K <= 29.
  (let ((r 1)) (dotimes (i k r) (setq r (%fx+ r r)))))

(defun %mag-shift-left (a count)
  (let* ((n (%mag-length a))
         (digits (%fx-truncate count 15))
         (scale (%pow2 (%fx-rem count 15)))
         (r (%make-vector (%fx+ (%fx+ n digits) 1) 0))
         (carry 0))
    (dotimes (i n)
      (let ((p (%fx+ (%fx* (%svref a i) scale) carry)))
        (%svset r (%fx+ i digits) (%fx-logand p 32767))
        (setq carry (%fx-truncate p 32768))))
    (%svset r (%fx+ n digits) carry)
    r))

(defun %mag-shift-right (a count)
  ;; floor(A / 2^COUNT).
  (let* ((n (%mag-length a))
         (digits (%fx-truncate count 15))
         (bits (%fx-rem count 15))
         (m (%fx- n digits)))
    (if (%fx<= m 0)
        (%make-vector 0 0)
        (let ((r (%make-vector m 0))
              (down (%pow2 bits))
              (up (%pow2 (%fx- 15 bits))))
          (dotimes (i m r)
            (let* ((k (%fx+ i digits))
                   (low (%fx-truncate (%svref a k) down))
                   (high (if (%fx< (%fx+ k 1) n)
                             (%fx-logand (%fx* (%svref a (%fx+ k 1)) up) 32767)
                             0)))
              (%svset r i (%fx+ low high))))))))

(defun %mag-low-bits-zero-p (a count)
  ;; Are the COUNT low bits of A all zero?
  (let* ((n (%mag-length a))
         (digits (%fx-truncate count 15))
         (bits (%fx-rem count 15)))
    (and (dotimes (i (if (%fx< digits n) digits n) t)
           (unless (%fx= (%svref a i) 0) (return nil)))
         (or (%fx>= digits n)
             (%fx= (%fx-rem (%svref a digits) (%pow2 bits)) 0)))))

(defun %mag-divmod (a b)
  ;; The quotient and remainder of the magnitudes A and B (B non-zero).
  (let ((nb (%mag-length b)))
    (cond ((%fx< (%mag-compare a b) 0) (values (%make-vector 0 0) a))
          ((%fx= nb 1)
           (multiple-value-bind (q r) (%mag-divmod-digit a (%svref b 0))
             (values q (%fixnum-mag r))))
          (t (%knuth-divide a (%mag-length a) b nb)))))

(defun %knuth-divide (a na b nb)
  ;; Knuth, TAOCP vol. 2, 4.3.1, algorithm D, for NA >= NB >= 2.  Both are
  ;; first shifted left so that the divisor's top digit is at least 2^14;
  ;; each quotient digit is estimated from the top two digits of the
  ;; running remainder, corrected with the divisor's second digit, and
  ;; the rare remaining overestimate is undone by adding back.
  (let* ((shift (let ((top (%svref b (%fx- nb 1))) (s 0))
                  (tagbody
                   next
                     (when (%fx< top 16384)
                       (setq top (%fx+ top top) s (%fx+ s 1))
                       (go next)))
                  s))
         (v (%mag-shift-left b shift))
         (u (%mag-shift-left a shift))
         (m (%fx- na nb))
         (q (%make-vector (%fx+ m 1) 0))
         (vtop (%svref v (%fx- nb 1)))
         (vnext (%svref v (%fx- nb 2))))
    (do ((j m (%fx- j 1)))
        ((%fx< j 0))
      (let* ((num (%fx+ (%fx* (%svref u (%fx+ j nb)) 32768) (%svref u (%fx+ j (%fx- nb 1)))))
             (qhat (%fx-truncate num vtop))
             (rhat (%fx-rem num vtop)))
        (tagbody
         test
           (when (or (%fx>= qhat 32768)
                     (%fx> (%fx* qhat vnext)
                           (%fx+ (%fx* rhat 32768) (%svref u (%fx+ j (%fx- nb 2))))))
             (setq qhat (%fx- qhat 1) rhat (%fx+ rhat vtop))
             (when (%fx< rhat 32768) (go test))))
        ;; U[j .. j+nb] -= qhat * V
        (let ((borrow 0) (carry 0))
          (dotimes (i nb)
            (let* ((p (%fx+ (%fx* qhat (%svref v i)) carry))
                   (k (%fx+ i j))
                   (d (%fx- (%fx- (%svref u k) (%fx-logand p 32767)) borrow)))
              (setq carry (%fx-truncate p 32768))
              (if (%fx< d 0)
                  (progn (%svset u k (%fx+ d 32768)) (setq borrow 1))
                  (progn (%svset u k d) (setq borrow 0)))))
          (let ((d (%fx- (%fx- (%svref u (%fx+ j nb)) carry) borrow)))
            (if (%fx< d 0)
                (let ((c 0))
                  ;; Overestimated by one: add V back.
                  (%svset u (%fx+ j nb) (%fx+ d 32768))
                  (setq qhat (%fx- qhat 1))
                  (dotimes (i nb)
                    (let* ((k (%fx+ i j))
                           (s (%fx+ (%fx+ (%svref u k) (%svref v i)) c)))
                      (%svset u k (%fx-logand s 32767))
                      (setq c (%fx-truncate s 32768))))
                  (%svset u (%fx+ j nb) (%fx-logand (%fx+ (%svref u (%fx+ j nb)) c) 32767)))
                (%svset u (%fx+ j nb) d))))
        (%svset q j qhat)))
    (values q (%mag-shift-right u shift))))

;;; Signed integer operations (fixnums and bignums alike)

(defun %signed-mag-add (xn a yn b)
  ;; (sign XN, magnitude A) + (sign YN, magnitude B).
  (if (%eq xn yn)
      (%integer-from-mag xn (%mag-add a b))
      (let ((c (%mag-compare a b)))
        (cond ((%fx= c 0) 0)
              ((%fx> c 0) (%integer-from-mag xn (%mag-sub a b)))
              (t (%integer-from-mag yn (%mag-sub b a)))))))

(defun %integer-add (x y)
  (%signed-mag-add (%integer-negative-p x) (%mag x) (%integer-negative-p y) (%mag y)))

(defun %integer-subtract (x y)
  (%signed-mag-add (%integer-negative-p x) (%mag x) (not (%integer-negative-p y)) (%mag y)))

(defun %integer-multiply (x y)
  (cond ((or (%eq x 0) (%eq y 0)) 0)
        ((and (%fixnump y) (%bignump x) (%fx< y 32768) (%fx> y -32768))
         (%bignum-times-digit x y))
        ((and (%fixnump x) (%bignump y) (%fx< x 32768) (%fx> x -32768))
         (%bignum-times-digit y x))
        (t (%integer-from-mag (not (%eq (%integer-negative-p x) (%integer-negative-p y)))
                              (%mag-mul (%mag x) (%mag y))))))

(defun %bignum-times-digit (b d)
  ;; The bignum B times the fixnum D, 0 < |D| < 2^15: one pass over B's
  ;; digits (the common case of a product growing step by step).
  (let* ((negative (not (%eq (%bignum-negative-p b) (%fx< d 0))))
         (d (if (%fx< d 0) (%fx- 0 d) d))
         (n (%bignum-length b))
         (r (%make-vector (%fx+ n 1) 0))
         (carry 0))
    (dotimes (i n)
      (let ((p (%fx+ (%fx* d (%bignum-digit b i)) carry)))
        (%svset r i (%fx-logand p 32767))
        (setq carry (%fx-truncate p 32768))))
    (%svset r n carry)
    (%integer-from-mag negative r)))

(defun %integer-negate (x)
  (if (%fixnump x)
      (if (%fx= x -1073741824) (%integer-from-mag nil (%fixnum-mag x)) (%fx- 0 x))
      (%integer-from-mag (not (%bignum-negative-p x)) (%bignum-mag x))))

(defun %integer-truncate (x y)
  ;; The quotient (toward zero) and remainder of the integers X and Y /= 0.
  (cond ((and (%fixnump x) (%fixnump y) (not (%fx= y -1)))
         (values (%fx-truncate x y) (%fx-rem x y)))
        ((%eq y -1) (values (%integer-negate x) 0))
        ((and (%fixnump x) (%bignump y)
              (not (and (%fx= x -1073741824) (%fx= (%bignum-length y) 3))))
         ;; |X| < |Y|: only -most-negative-fixnum is a bignum as small as X.
         (values 0 x))
        (t (let ((xn (%integer-negative-p x)) (yn (%integer-negative-p y)))
             (multiple-value-bind (q r) (%mag-divmod (%mag x) (%mag y))
               (values (%integer-from-mag (not (%eq xn yn)) q)
                       (%integer-from-mag xn r)))))))

(defun %integer-compare (x y)
  ;; -1, 0 or 1.
  (if (and (%fixnump x) (%fixnump y))
      (cond ((%fx< x y) -1) ((%fx> x y) 1) (t 0))
      (let ((xn (%integer-negative-p x)) (yn (%integer-negative-p y)))
        (cond ((and xn (not yn)) -1)
              ((and yn (not xn)) 1)
              (t (let ((c (%mag-compare (%mag x) (%mag y))))
                   (if xn (%fx- 0 c) c)))))))

(defun %bignum-equal (x y)
  (and (%eq (%bignum-negative-p x) (%bignum-negative-p y))
       (%fx= (%bignum-length x) (%bignum-length y))
       (dotimes (i (%bignum-length x) t)
         (unless (%fx= (%bignum-digit x i) (%bignum-digit y i)) (return nil)))))

(defun %integer-gcd (a b)
  ;; Euclid's algorithm; fixnums stay fixnums.
  (when (%integer-negative-p a) (setq a (%integer-negate a)))
  (when (%integer-negative-p b) (setq b (%integer-negate b)))
  (tagbody
   next
     (unless (%eq b 0)
       (if (and (%fixnump a) (%fixnump b))
           (let ((r (%fx-rem a b))) (setq a b b r))
           (let ((r (nth-value 1 (%integer-truncate a b)))) (setq a b b r)))
       (go next)))
  a)

;;; Shifts and bits

(defun %integer-ash (x count)
  ;; X * 2^COUNT, rounded toward minus infinity.
  (cond ((%eq x 0) 0)
        ((%fx>= count 0)
         (%integer-from-mag (%integer-negative-p x) (%mag-shift-left (%mag x) count)))
        (t (let* ((count (%fx- 0 count))
                  (a (%mag x))
                  (q (%mag-shift-right a count)))
             (if (%integer-negative-p x)
                 ;; floor: one more in magnitude when bits were shifted out
                 (%integer-from-mag t (if (%mag-low-bits-zero-p a count)
                                          q
                                          (%mag-add q (%fixnum-mag 1))))
                 (%integer-from-mag nil q))))))

(defun %digit-length (d)
  ;; The number of bits of the fixnum D >= 0.
  (let ((n 0))
    (tagbody
     next
       (unless (%fx= d 0)
         (setq d (%fx-truncate d 2) n (%fx+ n 1))
         (go next)))
    n))

(defun %mag-bit-length (a)
  (let ((n (%mag-length a)))
    (if (%fx= n 0)
        0
        (%fx+ (%fx* 15 (%fx- n 1)) (%digit-length (%svref a (%fx- n 1)))))))

(defun %integer-length (x)
  ;; Bits needed for X in two's complement, without the sign bit.
  (if (%integer-negative-p x)
      (%mag-bit-length (%mag (%integer-subtract -1 x)))
      (%mag-bit-length (%mag x))))

(defun %twos-complement (x n)
  ;; The N low digits of X in two's complement (N exceeds its magnitude).
  (let ((v (%make-vector n 0)))
    (if (%integer-negative-p x)
        (let* ((m (%mag-sub (%mag x) (%fixnum-mag 1))) (nm (%mag-length m)))
          (dotimes (i n) (%svset v i (%fx- 32767 (if (%fx< i nm) (%svref m i) 0)))))
        (let* ((m (%mag x)) (nm (%mag-length m)))
          (dotimes (i nm) (%svset v i (%svref m i)))))
    v))

(defun %from-twos-complement (v n)
  (if (%fx>= (%svref v (%fx- n 1)) 16384)
      (let ((m (%make-vector n 0)))
        (dotimes (i n) (%svset m i (%fx- 32767 (%svref v i))))
        (%integer-from-mag t (%mag-add m (%fixnum-mag 1))))
      (%integer-from-mag nil v)))

(defun %integer-logop (op x y)
  ;; OP is 0 for and, 1 for or, 2 for xor, on two's complement digits.
  (let* ((n (%fx+ 1 (let ((a (%mag-length (%mag x))) (b (%mag-length (%mag y))))
                      (if (%fx> a b) a b))))
         (u (%twos-complement x n))
         (v (%twos-complement y n))
         (r (%make-vector n 0)))
    (dotimes (i n)
      (let ((a (%svref u i)) (b (%svref v i)))
        (%svset r i (cond ((%fx= op 0) (%fx-logand a b))
                          ((%fx= op 1) (%fx-logior a b))
                          (t (%fx-logxor a b))))))
    (%from-twos-complement r n)))

(defun %mag-logcount (a)
  (let ((n 0))
    (dotimes (i (%mag-length a) n)
      (let ((d (%svref a i)))
        (tagbody
         next
           (unless (%fx= d 0)
             (when (%fx= (%fx-logand d 1) 1) (setq n (%fx+ n 1)))
             (setq d (%fx-truncate d 2))
             (go next)))))))

(defun %integer-logbitp (index x)
  ;; Bit INDEX (a non-negative integer) of X in two's complement.
  (if (%integer-negative-p x)
      (not (%integer-logbitp index (%integer-subtract -1 x)))
      (let ((a (%mag x)))
        (and (%fixnump index)
             (let ((digit (%fx-truncate index 15)))
               (and (%fx< digit (%mag-length a))
                    (%fx= (%fx-logand (%fx-truncate (%svref a digit) (%pow2 (%fx-rem index 15))) 1)
                          1)))))))

;;; Digit strings

(defun %integer-digits-string (x base)
  ;; The digits of |X| in BASE (2..36), most significant first.  Divides
  ;; by the largest power of BASE below 2^15, giving that many digits at a
  ;; time.
  (let ((chunk base) (per-chunk 1))
    (tagbody
     next
       (when (%fx< (%fx* chunk base) 32768)
         (setq chunk (%fx* chunk base) per-chunk (%fx+ per-chunk 1))
         (go next)))
    (let ((a (%mag x)) (pieces nil) (count 0))
      (tagbody
       next
         (when (%fx> (%mag-length a) 0)
           (multiple-value-bind (q r) (%mag-divmod-digit a chunk)
             (setq pieces (%cons r pieces) a q count (%fx+ count 1)))
           (go next)))
      (if (%eq pieces nil)
          "0"
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
            ;; Each piece fills the PER-CHUNK places before END (the first
            ;; one only its own digits), from the right.
            (dolist (piece pieces s)
              (let ((i (%fx- end 1)))
                (tagbody
                 next
                   (unless (%fx= piece 0)
                     (let ((d (%fx-rem piece base)))
                       (%set-schar s i (%code-char (if (%fx< d 10) (%fx+ 48 d) (%fx+ 55 d)))))
                     (setq piece (%fx-truncate piece base) i (%fx- i 1))
                     (go next))))
              (setq end (%fx+ end per-chunk))))))))
