;;;; irrat.lisp -- the irrational and transcendental functions (CLHS 12.2:
;;;; EXP, EXPT, LOG, SQRT, the trigonometric and hyperbolic functions, CIS,
;;;; PHASE), for reals and complexes, dispatched as SBCL dispatches them.
;;;;
;;;; Wasm has no libm.  SBCL calls the C library (glibc), whose results are
;;;; correctly rounded in nearly all cases, so each function here is
;;;; evaluated in double-double arithmetic (a value is an unevaluated sum
;;;; HI + LO of two doubles, about 106 bits) and rounded once at the end:
;;;; argument reduction with constants known to well beyond double
;;;; precision, then Taylor or arctangent series.  Single-float functions
;;;; are the double functions rounded to single precision, as in SBCL.

(in-package "CLYSM")

;;; Double-double arithmetic (Dekker, Knuth): exact sums and products of
;;; two doubles as a double-double, then the usual operations.

(defun %two-sum (a b)
  (let* ((s (%double+ a b)) (bb (%double- s a)))
    (values s (%double+ (%double- a (%double- s bb)) (%double- b bb)))))

(defun %fast-two-sum (a b)
  ;; |A| >= |B| (or A zero).
  (let ((s (%double+ a b)))
    (values s (%double- b (%double- s a)))))

(defun %split (a)
  ;; A = HI + LO with 26-bit halves.
  (let* ((c (%double* 134217729d0 a)) (hi (%double- c (%double- c a))))
    (values hi (%double- a hi))))

(defun %two-prod (a b)
  (let ((p (%double* a b)))
    (multiple-value-bind (ah al) (%split a)
      (multiple-value-bind (bh bl) (%split b)
        (values p (%double+ (%double+ (%double+ (%double- (%double* ah bh) p)
                                                (%double* ah bl))
                                      (%double* al bh))
                            (%double* al bl)))))))

(defun %dd+ (ah al bh bl)
  (multiple-value-bind (s e) (%two-sum ah bh)
    (multiple-value-bind (u f) (%two-sum al bl)
      (multiple-value-bind (s e) (%fast-two-sum s (%double+ e u))
        (%fast-two-sum s (%double+ e f))))))

(defun %dd- (ah al bh bl)
  (%dd+ ah al (%double- 0d0 bh) (%double- 0d0 bl)))

(defun %dd* (ah al bh bl)
  (multiple-value-bind (p e) (%two-prod ah bh)
    (%fast-two-sum p (%double+ e (%double+ (%double* ah bl) (%double* al bh))))))

(defun %dd*d (ah al b)
  (multiple-value-bind (p e) (%two-prod ah b)
    (%fast-two-sum p (%double+ e (%double* al b)))))

(defun %dd/d (ah al b)
  (let ((q (%double/ ah b)))
    (multiple-value-bind (p e) (%two-prod q b)
      (%fast-two-sum q (%double/ (%double+ (%double- (%double- ah p) e) al) b)))))

(defun %dd/ (ah al bh bl)
  (let ((q1 (%double/ ah bh)))
    (multiple-value-bind (ph pl) (%dd*d bh bl q1)
      (multiple-value-bind (rh rl) (%dd- ah al ph pl)
        (let ((q2 (%double/ rh bh)))
          (multiple-value-bind (ph pl) (%dd*d bh bl q2)
            (multiple-value-bind (rh rl) (%dd- rh rl ph pl)
              (declare (ignore rl))
              (let ((q3 (%double/ rh bh)))
                (multiple-value-bind (qh ql) (%fast-two-sum q1 q2)
                  (%dd+ qh ql q3 0d0))))))))))

(defun %dd-sqrt (ah al)
  ;; AH + AL > 0: one Newton step from the double square root.
  (let ((s (%double-sqrt ah)))
    (multiple-value-bind (p e) (%two-prod s s)
      (%fast-two-sum s (%double/ (%double+ (%double- (%double- ah p) e) al)
                                 (%double* 2d0 s))))))

(defun %dd-recip-table (n function)
  ;; A vector of N double-doubles (HI at 2i, LO at 2i+1) of FUNCTION's
  ;; divisor for i: 1/(FUNCTION i).
  (let ((v (%make-vector (* 2 n) 0d0)))
    (dotimes (i n v)
      (multiple-value-bind (h l) (%dd/d 1d0 0d0 (%to-double (funcall function i)))
        (%svset v (* 2 i) h)
        (%svset v (+ (* 2 i) 1) l)))))

(defun %dd-scale (hi lo k)
  ;; HI * 2^K and LO * 2^K, exactly (no overflow or underflow).
  (let ((p (%power-of-two k)))
    (values (%double* hi p) (%double* lo p))))

(defun %power-of-two (k)
  ;; 2^K for -1074 <= K <= 1023.
  (if (%fx>= k -1022)
      (%make-double 0 (%fx+ k 1023) 0 0)
      (%double* (%make-double 0 (%fx+ k 1077) 0 0) (%make-double 0 969 0 0))))

(defun %round-dd-scaled (hi lo k operation arguments)
  ;; The double nearest (HI + LO) * 2^K, HI + LO normalised and of
  ;; magnitude in [1/2, 2]; an overflow is a floating-point-overflow.
  (cond ((%fx> k 1024)
         (error 'floating-point-overflow :operation operation :operands arguments))
        ((%fx>= k -1020)
         (let ((r (if (%fx> k 1000)
                      (%double* (%double* hi (%power-of-two (%fx- k 100))) (%power-of-two 100))
                      (%double* hi (%power-of-two k)))))
           (if (%double-finite-p r)
               r
               (error 'floating-point-overflow :operation operation :operands arguments))))
        ((%fx< k -1080) 0d0)
        (t ;; a denormal result: round once, exactly
         (let ((v (* (+ (rational hi) (rational lo)) (expt 2 k))))
           (if (zerop v)
               0d0
               (%rational-to-float (numerator v) (denominator v) nil))))))

;;; Constants, exact to double-double precision (from their bits).

(defconstant +ln2-hi+ (%make-double 0 1022 1620235 1056586223))
(defconstant +ln2-lo+ (%make-double 0 967 2814584 993624127))
(defconstant +ln10-hi+ (%make-double 0 1024 634566 1001739542))
(defconstant +ln10-lo+ (%make-double 1 970 4006581 156148713))
(defconstant +pi-hi+ (%make-double 0 1024 2394093 340012312))
(defconstant +pi-lo+ (%make-double 0 970 432280 856972295))
(defconstant +pi/2-hi+ (%make-double 0 1023 2394093 340012312))
(defconstant +pi/2-lo+ (%make-double 0 969 432280 856972295))
;; pi/2 in three parts, the first two of 33 bits (Cody and Waite)
(defconstant +pi/2-1+ (%make-double 0 1023 2394093 339738624))
(defconstant +pi/2-2+ (%make-double 0 989 184708 442499072))
(defconstant +pi/2-3+ (%make-double 0 954 812584 771977331))
;; floor(2/pi * 2^1200), for the reduction of huge arguments
(defconstant +two-over-pi-bits+
  10961624472040172306819695974506753824149736177290862121133802293415128153967426855786600179383830818005251620686212276383741462382840646446665240090662947422797946208107084433317427984328678325390393467973966095626422319580541169421538667751778104036224809616456980795286610787367809947266181514671532645040128653394793474164295916360012309370980042855028292731)
;; atan(j/8) for j = 0..8
(defconstant +atan-table+
  (vector 0d0 0d0
          (%make-double 0 1019 4151018 447491950) (%make-double 1 964 3362266 108399639)
          (%make-double 0 1020 4025815 959217885) (%make-double 0 966 2272696 1022865341)
          (%make-double 0 1021 1824869 31776497) (%make-double 1 967 3247787 653715736)
          (%make-double 0 1021 3584412 90291023) (%make-double 0 967 2665980 573531618)
          (%make-double 0 1022 491566 736034484) (%make-double 1 965 2401148 679110287)
          (%make-double 0 1022 1203774 589733601) (%make-double 0 967 591466 133342296)
          (%make-double 0 1022 1835679 91768372) (%make-double 1 967 2297140 631955190)
          (%make-double 0 1022 2394093 340012312) (%make-double 0 968 432280 856972295)))

;;; 1/n! and 1/(2n+1) as double-doubles
(defvar *reciprocal-factorials*
  (let ((v (%make-vector 64 0d0)) (fh 1d0) (fl 0d0))
    (dotimes (n 32 v)
      (when (> n 0) (multiple-value-setq (fh fl) (%dd/d fh fl (%fixnum-to-double n))))
      (%svset v (* 2 n) fh)
      (%svset v (+ (* 2 n) 1) fl))))

(defvar *reciprocal-odds* (%dd-recip-table 32 (lambda (i) (+ (* 2 i) 1))))

;;; exp

(defun %exp-dd (xh xl)
  ;; exp(XH + XL) = (HI + LO) * 2^K, |XH| < 746: K = round(x/ln2), r = x -
  ;; K ln2, exp(r) = (1 + expm1(r/512))^512 with the Taylor series of
  ;; expm1, squared back nine times as e <- 2e + e^2.
  (let* ((k (%double-to-fixnum (%double-round (%double* xh 1.4426950408889634d0))))
         (kd (%fixnum-to-double k)))
    (multiple-value-bind (ph pl) (%dd*d +ln2-hi+ +ln2-lo+ kd)
      (multiple-value-bind (rh rl) (%dd- xh xl ph pl)
        (let* ((rh (%double* rh 0.001953125d0)) (rl (%double* rl 0.001953125d0))
               (sh rh) (sl rl) (th rh) (tl rl)
               (factorials *reciprocal-factorials*))
          (do ((n 2 (%fx+ n 1)))
              ((%fx> n 10))
            (multiple-value-setq (th tl) (%dd* th tl rh rl))
            (multiple-value-bind (qh ql)
                (%dd* th tl (svref factorials (%fx* 2 n)) (svref factorials (%fx+ (%fx* 2 n) 1)))
              (multiple-value-setq (sh sl) (%dd+ sh sl qh ql))))
          (dotimes (i 9)
            (multiple-value-bind (qh ql) (%dd* sh sl sh sl)
              (multiple-value-setq (sh sl)
                (%dd+ (%double* 2d0 sh) (%double* 2d0 sl) qh ql))))
          (multiple-value-bind (hi lo) (%dd+ 1d0 0d0 sh sl)
            (values hi lo k)))))))

(defun %exp (x)
  ;; exp of a double-float, correctly rounded in all but hard cases.
  (cond ((not (%double-finite-p x))
         (if (and (not (%float-nan-p x)) (%double< x 0d0)) 0d0 x))
        ((%double< 709.8d0 x) (error 'floating-point-overflow :operation 'exp :operands (list x)))
        ((%double< x -746d0) 0d0)
        (t (multiple-value-bind (hi lo k) (%exp-dd x 0d0)
             (%round-dd-scaled hi lo k 'exp (list x))))))

(defun %log-dd (x)
  ;; ln X for a positive finite double: X = m 2^e with m in [1/sqrt2,
  ;; sqrt2]; ln m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172.
  (let ((e 0))
    (when (%fx= (%double-exponent-bits x) 0)
      (setq x (%double* x 18014398509481984d0) e -54))
    (let ((m (%make-double 0 1023 (%double-mantissa-high x) (%double-mantissa-low x))))
      (setq e (%fx+ e (%fx- (%double-exponent-bits x) 1023)))
      (when (%double< 1.4142135623730951d0 m)
        (setq m (%double* m 0.5d0) e (%fx+ e 1)))
      (multiple-value-bind (ah al) (%two-sum m 1d0)
        (multiple-value-bind (sh sl) (%dd/ (%double- m 1d0) 0d0 ah al)
          (multiple-value-bind (lh ll) (%atanh-series sh sl)
            (multiple-value-bind (kh kl) (%dd*d +ln2-hi+ +ln2-lo+ (%fixnum-to-double e))
              (%dd+ kh kl (%double* 2d0 lh) (%double* 2d0 ll)))))))))

(defun %atanh-series (sh sl)
  ;; s + s^3/3 + s^5/5 + ... for |s| < 0.18, to double-double precision.
  (multiple-value-bind (s2h s2l) (%dd* sh sl sh sl)
    (let ((ph 0d0) (pl 0d0) (odds *reciprocal-odds*)
          (n (cond ((%double< (%double* s2h s2h) 1d-12) 10)
                   ((%double< s2h 0.004d0) 14)
                   (t 23))))
      (do ((k n (%fx- k 1)))
          ((%fx< k 0))
        (multiple-value-bind (qh ql) (%dd* ph pl s2h s2l)
          (multiple-value-setq (ph pl)
            (%dd+ qh ql (svref odds (%fx* 2 k)) (svref odds (%fx+ (%fx* 2 k) 1))))))
      (%dd* sh sl ph pl))))

(defun %log (x)
  ;; ln of a double-float >= 0.
  (cond ((%double= x 0d0) (error 'division-by-zero :operation 'log :operands (list x)))
        ((not (%double-finite-p x)) x)
        ((%double= x 1d0) 0d0)
        (t (nth-value 0 (%log-dd x)))))

(defun %double-abs (x) (if (%double< x 0d0) (%double- 0d0 x) x))

;;; pow, for X > 0

(defun %pow (x y)
  (cond ((%double= x 1d0) 1d0)
        ((%double= y 0d0) 1d0)
        (t (multiple-value-bind (lh ll) (%log-dd x)
             (multiple-value-bind (ph pl) (%dd*d lh ll y)
               (cond ((%double< 709.8d0 ph)
                      (error 'floating-point-overflow :operation 'expt :operands (list x y)))
                     ((%double< ph -746d0) 0d0)
                     (t (multiple-value-bind (hi lo k) (%exp-dd ph pl)
                          (%round-dd-scaled hi lo k 'expt (list x y))))))))))

;;; Trigonometric functions

(defun %reduce-pi/2 (x)
  ;; N and R = x - N pi/2 as a double-double, |R| <= pi/4 (about).
  (let ((ax (%double-abs x)))
    (cond ((%double<= ax 0.7853981633974483d0) (values 0 x 0d0))
          ((%double< ax 1600000d0)
           (let* ((n (%double-to-fixnum (%double-round (%double* x 0.6366197723675814d0))))
                  (nd (%fixnum-to-double n)))
             ;; x - n p1 is exact; n p2 and n p3 are exact double-doubles
             (multiple-value-bind (rh rl) (%two-sum (%double- x (%double* nd +pi/2-1+)) 0d0)
               (multiple-value-bind (ph pl) (%two-prod nd +pi/2-2+)
                 (multiple-value-setq (rh rl) (%dd- rh rl ph pl)))
               (multiple-value-bind (ph pl) (%two-prod nd +pi/2-3+)
                 (multiple-value-setq (rh rl) (%dd- rh rl ph pl)))
               (values n rh rl))))
          (t (%reduce-pi/2-huge x)))))

(defun %reduce-pi/2-huge (x)
  ;; Exact product of X = m 2^e with 1200 bits of 2/pi: N = round(x 2/pi)
  ;; and the fraction, converted to a double-double and times pi/2.
  (multiple-value-bind (m e sign) (integer-decode-float x)
    (let* ((shift (- 1200 e))
           (p (* m +two-over-pi-bits+))
           (q (ash p (- shift)))
           (f (- p (ash q shift))))
      (when (>= f (ash 1 (- shift 1)))
        (setq q (+ q 1) f (- f (ash 1 shift))))
      (let* ((fraction (/ f (ash 1 shift)))
             (fh (%to-double fraction))
             (fl (%to-double (- fraction (rational fh)))))
        (multiple-value-bind (rh rl) (%dd* fh fl +pi/2-hi+ +pi/2-lo+)
          (if (minusp sign)
              (values (- (logand q 3)) (%double- 0d0 rh) (%double- 0d0 rl))
              (values (logand q 3) rh rl)))))))

;;; The series below are sums of (-1)^k c_k y^k, evaluated by Horner's
;;; rule as p <- c_k - y p from the last term down.

(defun %sin-series (rh rl)
  ;; sin r for |r| <= pi/4 (about): r (1 - r^2/3! + r^4/5! - ...)
  (multiple-value-bind (r2h r2l) (%dd* rh rl rh rl)
    (let ((ph 0d0) (pl 0d0) (f *reciprocal-factorials*))
      (do ((k 13 (%fx- k 1)))
          ((%fx< k 0))
        (let ((i (%fx* 2 (%fx+ (%fx* 2 k) 1))))
          (multiple-value-bind (qh ql) (%dd* ph pl r2h r2l)
            (multiple-value-setq (ph pl) (%dd- (svref f i) (svref f (%fx+ i 1)) qh ql)))))
      (%dd* rh rl ph pl))))

(defun %cos-series (rh rl)
  ;; cos r = 1 - r^2/2! + r^4/4! - ...
  (multiple-value-bind (r2h r2l) (%dd* rh rl rh rl)
    (let ((ph 0d0) (pl 0d0) (f *reciprocal-factorials*))
      (do ((k 14 (%fx- k 1)))
          ((%fx< k 0))
        (let ((i (%fx* 2 (%fx* 2 k))))
          (multiple-value-bind (qh ql) (%dd* ph pl r2h r2l)
            (multiple-value-setq (ph pl) (%dd- (svref f i) (svref f (%fx+ i 1)) qh ql)))))
      (values ph pl))))

(defun %trig (x which)
  ;; WHICH: 0 sin, 1 cos, 2 tan.
  (cond ((not (%double-finite-p x))
         (if (%float-nan-p x)
             x
             (error 'floating-point-invalid-operation
                    :operation (svref #(sin cos tan) which) :operands (list x))))
        ((and (%double< (%double-abs x) 1d-300) (not (%fx= which 1))) x)
        (t
         (multiple-value-bind (n rh rl) (%reduce-pi/2 x)
           (let ((q (%fx-logand n 3)))
             (cond ((%fx= which 2)
                    (multiple-value-bind (sh sl) (%sin-series rh rl)
                      (multiple-value-bind (ch cl) (%cos-series rh rl)
                        (if (%fx= (%fx-logand q 1) 0)
                            (nth-value 0 (%dd/ sh sl ch cl))
                            (%double- 0d0 (nth-value 0 (%dd/ ch cl sh sl)))))))
                   (t
                    ;; sin(x) for q = 0..3: S, C, -S, -C; cos(x): C, -S, -C, S
                    (let* ((q (if (%fx= which 1) (%fx-logand (%fx+ q 1) 3) q))
                           (v (if (%fx= (%fx-logand q 1) 0)
                                  (nth-value 0 (multiple-value-bind (h l) (%sin-series rh rl)
                                                 (%dd+ h l 0d0 0d0)))
                                  (nth-value 0 (multiple-value-bind (h l) (%cos-series rh rl)
                                                 (%dd+ h l 0d0 0d0))))))
                      (if (%fx>= q 2) (%double- 0d0 v) v)))))))))

(defun %sin (x) (%trig x 0))
(defun %cos (x) (%trig x 1))
(defun %tan (x) (%trig x 2))

;;; Arctangent

(defun %atan-dd (xh xl)
  ;; atan of a non-negative double-double: beyond 1 by atan x = pi/2 -
  ;; atan(1/x); then atan x = atan(c) + atan((x - c)/(1 + x c)) with c the
  ;; nearest multiple of 1/8, and the series of the small remainder.
  (if (%double< 1d0 xh)
      (multiple-value-bind (ih il) (%dd/ 1d0 0d0 xh xl)
        (multiple-value-bind (ah al) (%atan-dd ih il)
          (%dd- +pi/2-hi+ +pi/2-lo+ ah al)))
      (let* ((j (%double-to-fixnum (%double-round (%double* xh 8d0))))
             (c (%double* (%fixnum-to-double j) 0.125d0)))
        (multiple-value-bind (nh nl) (%dd- xh xl c 0d0)
          (multiple-value-bind (dh dl) (%dd*d xh xl c)
            (multiple-value-bind (dh dl) (%dd+ 1d0 0d0 dh dl)
              (multiple-value-bind (th tl) (%dd/ nh nl dh dl)
                (multiple-value-bind (t2h t2l) (%dd* th tl th tl)
                  ;; P = 1 - t^2/3 + t^4/5 - ..., by Horner: p <- c_k - t^2 p
                  (let ((ph 0d0) (pl 0d0) (odds *reciprocal-odds*))
                    (do ((k 15 (%fx- k 1)))
                        ((%fx< k 0))
                      (multiple-value-bind (qh ql) (%dd* ph pl t2h t2l)
                        (multiple-value-setq (ph pl)
                          (%dd- (svref odds (%fx* 2 k)) (svref odds (%fx+ (%fx* 2 k) 1)) qh ql))))
                    (multiple-value-bind (sh sl) (%dd* th tl ph pl)
                      (let ((table +atan-table+))
                        (%dd+ (svref table (%fx* 2 j)) (svref table (%fx+ (%fx* 2 j) 1))
                              sh sl))))))))))))

(defun %atan2-dd (yh yl xh xl)
  ;; The angle of (x, y), neither zero... X or Y may be zero but not both.
  (let* ((ny (%double< yh 0d0)) (nx (%double< xh 0d0))
         (ayh (if ny (%double- 0d0 yh) yh)) (ayl (if ny (%double- 0d0 yl) yl))
         (axh (if nx (%double- 0d0 xh) xh)) (axl (if nx (%double- 0d0 xl) xl)))
    (multiple-value-bind (ah al)
        (if (%double<= ayh axh)
            (multiple-value-bind (qh ql) (%dd/ ayh ayl axh axl)
              (multiple-value-bind (h l) (%atan-dd qh ql)
                (if nx (%dd- +pi-hi+ +pi-lo+ h l) (values h l))))
            (multiple-value-bind (qh ql) (%dd/ axh axl ayh ayl)
              (multiple-value-bind (h l) (%atan-dd qh ql)
                (if nx
                    (%dd+ +pi/2-hi+ +pi/2-lo+ h l)
                    (%dd- +pi/2-hi+ +pi/2-lo+ h l)))))
      (if ny (values (%double- 0d0 ah) (%double- 0d0 al)) (values ah al)))))

(defun %atan (x)
  (cond ((%float-nan-p x) x)
        ((not (%double-finite-p x)) (if (%double< x 0d0) (%double- 0d0 +pi/2-hi+) +pi/2-hi+))
        ((%double< (%double-abs x) 1d-300) x)
        (t (let ((a (nth-value 0 (%atan-dd (%double-abs x) 0d0))))
             (if (%double< x 0d0) (%double- 0d0 a) a)))))

(defun %atan2 (y x)
  (cond ((or (%float-nan-p x) (%float-nan-p y)) (%double+ x y))
        ((%double= y 0d0)
         (if (%fx= (%double-sign-bit x) 0)
             y
             (if (%fx= (%double-sign-bit y) 1) (%double- 0d0 +pi-hi+) +pi-hi+)))
        ((%double= x 0d0) (if (%double< y 0d0) (%double- 0d0 +pi/2-hi+) +pi/2-hi+))
        (t (nth-value 0 (multiple-value-bind (h l) (%atan2-dd y 0d0 x 0d0)
                          (%dd+ h l 0d0 0d0))))))

(defun %asin-or-acos (x acos)
  ;; asin x = atan2(x, sqrt((1-x)(1+x))), acos x = atan2(sqrt(..), x).
  (multiple-value-bind (ph pl) (%dd* (%double- 1d0 x) 0d0 (%double+ 1d0 x) 0d0)
    ;; 1 - x is exact for |x| >= 1/2 and the product rounds once; redo
    ;; exactly: (1-x)(1+x) = 1 - x^2
    (multiple-value-bind (x2h x2l) (%two-prod x x)
      (multiple-value-setq (ph pl) (%dd- 1d0 0d0 x2h x2l)))
    (multiple-value-bind (sh sl) (if (%double= ph 0d0) (values 0d0 0d0) (%dd-sqrt ph pl))
      (nth-value 0 (multiple-value-bind (h l)
                       (if acos (%atan2-dd sh sl x 0d0) (%atan2-dd x 0d0 sh sl))
                     (%dd+ h l 0d0 0d0))))))

(defun %asin (x)
  (cond ((%double< (%double-abs x) 1d-300) x)
        ((%double< 1d0 (%double-abs x))
         (error 'floating-point-invalid-operation :operation 'asin :operands (list x)))
        (t (%asin-or-acos x nil))))

(defun %acos (x)
  (cond ((%double= x 1d0) 0d0)
        ((%double< 1d0 (%double-abs x))
         (error 'floating-point-invalid-operation :operation 'acos :operands (list x)))
        (t (%asin-or-acos x t))))

;;; Hyperbolic functions, and log1p and expm1.  The C library computes
;;; these with the algorithms of Sun's fdlibm, whose results are not always
;;; correctly rounded; to give the same results, these follow the same
;;; algorithms operation by operation (double arithmetic, same constants,
;;; same order), written here in Lisp.  A test on the high word of an
;;; argument, |x| < T, is the comparison |x| < D(T) with the double whose
;;; high word is T and low word 0.

(defmacro %d+ (a b) `(%double+ ,a ,b))
(defmacro %d- (a b) `(%double- ,a ,b))
(defmacro %d* (a b) `(%double* ,a ,b))
(defmacro %d/ (a b) `(%double/ ,a ,b))
(defmacro %d< (a b) `(%double< ,a ,b))

(defconstant +expm1-q1+ (%make-double 1 1018 279620 286331124))
(defconstant +expm1-q2+ (%make-double 0 1013 2623104 436098437))
(defconstant +expm1-q3+ (%make-double 1 1009 1259622 514513847))
(defconstant +expm1-q4+ (%make-double 0 1005 212778 115757625))
(defconstant +expm1-q5+ (%make-double 1 1000 2881245 772391725))
(defconstant +ln2-hi-33+ (%make-double 0 1022 1620235 1054867456))
(defconstant +ln2-lo-33+ (%make-double 0 990 2680764 897137782))
(defconstant +invln2+ (%make-double 0 1023 1856797 623608574))
(defconstant +expm1-overflow+ (%make-double 0 1032 1620235 1056586223))
(defconstant +lp1+ (%make-double 0 1022 1398101 357914003))
(defconstant +lp2+ (%make-double 0 1021 2516582 429390340))
(defconstant +lp3+ (%make-double 0 1021 599186 337810265))
(defconstant +lp4+ (%make-double 0 1020 3262228 495876271))
(defconstant +lp5+ (%make-double 0 1020 1907090 382403550))
(defconstant +lp6+ (%make-double 0 1020 944167 276350623))
(defconstant +lp7+ (%make-double 0 1020 771147 524177988))
(defconstant +ln2-double+ (%make-double 0 1022 1620235 1056586223))

(defun %scale-by-power-of-two (y k)
  ;; Y * 2^K for a result in the normal range (adding K to the exponent).
  (if (%fx> k 1023)
      (%d* (%d* y (%power-of-two (%fx- k 1))) 2d0)
      (%d* y (%power-of-two k))))

(defun %expm1 (x)
  ;; exp(x) - 1 (fdlibm s_expm1.c, with glibc's evaluation of the
  ;; polynomial).
  (let* ((negative (%fx= (%double-sign-bit x) 1))
         (ax (%double-abs x))
         (k 0) (c 0d0))
    (cond ((not (%double-finite-p x))
           (return-from %expm1 (cond ((%float-nan-p x) x) (negative -1d0) (t x))))
          ((not (%d< ax (%make-double 0 1028 893416 0)))       ; |x| >= 56 ln2
           (when (%d< +expm1-overflow+ x)
             (error 'floating-point-overflow :operation 'expm1 :operands (list x)))
           (when negative (return-from %expm1 -1d0))))
    (cond ((not (%d< ax (%make-double 0 1021 1620236 0)))      ; |x| > 0.5 ln2
           (let ((hi 0d0) (lo 0d0))
             (if (%d< ax (%make-double 0 1023 166600 0))        ; and |x| < 1.5 ln2
                 (if negative
                     (setq hi (%d+ x +ln2-hi-33+) lo (%d- 0d0 +ln2-lo-33+) k -1)
                     (setq hi (%d- x +ln2-hi-33+) lo +ln2-lo-33+ k 1))
                 (let ((tk 0d0))
                   (setq k (%double-to-fixnum
                            (%double-truncate (%d+ (%d* +invln2+ x) (if negative -0.5d0 0.5d0))))
                         tk (%fixnum-to-double k)
                         hi (%d- x (%d* tk +ln2-hi-33+))
                         lo (%d* tk +ln2-lo-33+))))
             (setq x (%d- hi lo)
                   c (%d- (%d- hi x) lo))))
          ((%d< ax (%make-double 0 969 0 0))                    ; |x| < 2^-54
           (return-from %expm1 x)))
    (let* ((hfx (%d* 0.5d0 x))
           (hxs (%d* x hfx))
           (r1 (%d+ 1d0 (%d* hxs +expm1-q1+)))
           (h2 (%d* hxs hxs))
           (r2 (%d+ +expm1-q2+ (%d* hxs +expm1-q3+)))
           (h4 (%d* h2 h2))
           (r3 (%d+ +expm1-q4+ (%d* hxs +expm1-q5+)))
           (rr (%d+ (%d+ r1 (%d* h2 r2)) (%d* h4 r3)))
           (tt (%d- 3d0 (%d* rr hfx)))
           (e (%d* hxs (%d/ (%d- rr tt) (%d- 6d0 (%d* x tt))))))
      (when (%fx= k 0)
        (return-from %expm1 (%d- x (%d- (%d* x e) hxs))))
      (setq e (%d- (%d* x (%d- e c)) c))
      (setq e (%d- e hxs))
      (cond ((%fx= k -1) (%d- (%d* 0.5d0 (%d- x e)) 0.5d0))
            ((%fx= k 1)
             (if (%d< x -0.25d0)
                 (%d* -2d0 (%d- e (%d+ x 0.5d0)))
                 (%d+ 1d0 (%d* 2d0 (%d- x e)))))
            ((or (%fx<= k -2) (%fx> k 56))
             (%d- (%scale-by-power-of-two (%d- 1d0 (%d- e x)) k) 1d0))
            ((%fx< k 20)
             (%scale-by-power-of-two (%d- (%d- 1d0 (%power-of-two (%fx- 0 k))) (%d- e x)) k))
            (t (%scale-by-power-of-two
                (%d+ (%d- x (%d+ e (%power-of-two (%fx- 0 k)))) 1d0) k))))))

(defun %log1p (x)
  ;; log(1 + x) (fdlibm s_log1p.c, with glibc's evaluation of the
  ;; polynomial).
  (let ((k 1) (f 0d0) (hu 0) (c 0d0))
    (when (%d< x (%make-double 0 1021 2755048 0))               ; x < 0.41422
      (let ((ax (%double-abs x)))
        (cond ((not (%d< ax 1d0))                                 ; x <= -1
               (if (%double= x -1d0)
                   (error 'division-by-zero :operation 'log1p :operands (list x))
                   (error 'floating-point-invalid-operation :operation 'log1p :operands (list x))))
              ((%d< ax (%make-double 0 994 0 0))                  ; |x| < 2^-29
               (return-from %log1p
                 (if (%d< ax (%make-double 0 969 0 0)) x (%d- x (%d* (%d* x x) 0.5d0)))))
              ((or (%d< 0d0 x) (%d< ax (%make-double 0 1021 719632 0))) ; -0.2929 < x < 0.41422
               (setq k 0 f x hu 1)))))
    (unless (%double-finite-p x) (return-from %log1p (%d+ x x)))
    (unless (%fx= k 0)
      (let ((u x))
        (if (%d< x 9007199254740992d0)
            (progn
              (setq u (%d+ 1d0 x)
                    k (%fx- (%double-exponent-bits u) 1023)
                    c (if (%fx> k 0) (%d- 1d0 (%d- u x)) (%d- x (%d- u 1d0)))
                    c (%d/ c u)))
            (setq k (%fx- (%double-exponent-bits u) 1023) c 0d0))
        (setq hu (%fx-truncate (%double-mantissa-high u) 4))
        (if (%fx< hu #x6a09e)
            (setq u (%make-double 0 1023 (%double-mantissa-high u) (%double-mantissa-low u)))
            (setq k (%fx+ k 1)
                  u (%make-double 0 1022 (%double-mantissa-high u) (%double-mantissa-low u))
                  hu (%fx-truncate (%fx- #x100000 hu) 4)))
        (setq f (%d- u 1d0))))
    (let ((hfsq (%d* (%d* 0.5d0 f) f))
          (kd (%fixnum-to-double k)))
      (when (%fx= hu 0)
        (when (%double= f 0d0)
          (return-from %log1p
            (if (%fx= k 0)
                0d0
                (%d+ (%d* kd +ln2-hi-33+) (%d+ c (%d* kd +ln2-lo-33+))))))
        (let ((r (%d* hfsq (%d- 1d0 (%d* 0.6666666666666666d0 f)))))
          (return-from %log1p
            (if (%fx= k 0)
                (%d- f r)
                (%d- (%d* kd +ln2-hi-33+) (%d- (%d- r (%d+ (%d* kd +ln2-lo-33+) c)) f))))))
      (let* ((s (%d/ f (%d+ 2d0 f)))
             (z (%d* s s))
             (r1 (%d* z +lp1+))
             (z2 (%d* z z))
             (r2 (%d+ +lp2+ (%d* z +lp3+)))
             (z4 (%d* z2 z2))
             (r3 (%d+ +lp4+ (%d* z +lp5+)))
             (z6 (%d* z4 z2))
             (r4 (%d+ +lp6+ (%d* z +lp7+)))
             (r (%d+ (%d+ (%d+ r1 (%d* z2 r2)) (%d* z4 r3)) (%d* z6 r4))))
        (if (%fx= k 0)
            (%d- f (%d- hfsq (%d* s (%d+ hfsq r))))
            (%d- (%d* kd +ln2-hi-33+)
                 (%d- (%d- hfsq (%d+ (%d* s (%d+ hfsq r)) (%d+ (%d* kd +ln2-lo-33+) c))) f)))))))

(defun %sinh (x)
  ;; fdlibm e_sinh.c
  (let ((ax (%double-abs x))
        (h (if (%fx= (%double-sign-bit x) 1) -0.5d0 0.5d0)))
    (cond ((not (%double-finite-p x)) (%d+ x x))
          ((%d< ax 22d0)
           (if (%d< ax (%make-double 0 995 0 0))                   ; |x| < 2^-28
               x
               (let ((tt (%expm1 ax)))
                 (if (%d< ax 1d0)
                     (%d* h (%d- (%d* 2d0 tt) (%d/ (%d* tt tt) (%d+ tt 1d0))))
                     (%d* h (%d+ tt (%d/ tt (%d+ tt 1d0))))))))
          ((%d< ax (%make-double 0 1032 1620232 0)) (%d* h (%exp ax)))
          ((not (%d< (%make-double 0 1032 1625914 263846013) ax))
           (let* ((w (%exp (%d* 0.5d0 ax))) (tt (%d* h w))) (%d* tt w)))
          (t (error 'floating-point-overflow :operation 'sinh :operands (list x))))))

(defun %cosh (x)
  ;; fdlibm e_cosh.c
  (let ((ax (%double-abs x)))
    (cond ((not (%double-finite-p x)) (%d* x x))
          ((%d< ax 22d0)
           (if (%d< ax (%make-double 0 1021 1620236 0))            ; |x| < 0.5 ln2
               (if (%d< ax (%make-double 0 968 0 0))
                   1d0
                   (let* ((tt (%expm1 ax)) (w (%d+ 1d0 tt)))
                     (%d+ 1d0 (%d/ (%d* tt tt) (%d+ w w)))))
               (let ((tt (%exp ax)))
                 (%d+ (%d* 0.5d0 tt) (%d/ 0.5d0 tt)))))
          ((%d< ax (%make-double 0 1032 1620232 0)) (%d* 0.5d0 (%exp ax)))
          ((not (%d< (%make-double 0 1032 1625914 263846013) ax))
           (let* ((w (%exp (%d* 0.5d0 ax))) (tt (%d* 0.5d0 w))) (%d* tt w)))
          (t (error 'floating-point-overflow :operation 'cosh :operands (list x))))))

(defun %tanh (x)
  ;; fdlibm s_tanh.c
  (let* ((ax (%double-abs x))
         (z (cond ((%float-nan-p x) x)
                  ((not (%double-finite-p x)) 1d0)
                  ((%double= x 0d0) (return-from %tanh x))
                  ((%d< ax 22d0)
                   (cond ((%d< ax (%make-double 0 968 0 0))
                          (return-from %tanh (%d* x (%d+ 1d0 x))))
                         ((not (%d< ax 1d0))
                          (%d- 1d0 (%d/ 2d0 (%d+ (%expm1 (%d* 2d0 ax)) 2d0))))
                         (t (let ((tt (%expm1 (%d* -2d0 ax))))
                              (%d/ (%d- 0d0 tt) (%d+ tt 2d0))))))
                  (t 1d0))))
    (if (%fx= (%double-sign-bit x) 1) (%d- 0d0 z) z)))

(defun %asinh (x)
  ;; fdlibm s_asinh.c
  (let ((ax (%double-abs x)))
    (cond ((not (%double-finite-p x)) (%d+ x x))
          ((%d< ax (%make-double 0 995 0 0)) x)                    ; |x| < 2^-28
          (t (let ((w (cond ((not (%d< ax (%make-double 0 1051 4 0)))  ; |x| > 2^28
                             (%d+ (%log ax) +ln2-double+))
                            ((not (%d< ax (%make-double 0 1024 4 0)))  ; |x| > 2
                             (%log (%d+ (%d* 2d0 ax)
                                        (%d/ 1d0 (%d+ (%double-sqrt (%d+ (%d* x x) 1d0)) ax)))))
                            (t (let ((tt (%d* x x)))
                                 (%log1p (%d+ ax (%d/ tt (%d+ 1d0 (%double-sqrt (%d+ 1d0 tt)))))))))))
               (if (%fx= (%double-sign-bit x) 1) (%d- 0d0 w) w))))))


(defun %acosh (x)
  ;; fdlibm e_acosh.c
  (cond ((%d< x 1d0)
         (error 'floating-point-invalid-operation :operation 'acosh :operands (list x)))
        ((not (%d< x (%make-double 0 1051 0 0)))                   ; x >= 2^28
         (if (%double-finite-p x) (%d+ (%log x) +ln2-double+) x))
        ((%double= x 1d0) 0d0)
        ((not (%d< x (%make-double 0 1024 4 0)))                   ; x > 2
         (%log (%d- (%d* 2d0 x) (%d/ 1d0 (%d+ x (%double-sqrt (%d- (%d* x x) 1d0)))))))
        (t (let ((tt (%d- x 1d0)))
             (%log1p (%d+ tt (%double-sqrt (%d+ (%d* 2d0 tt) (%d* tt tt)))))))))

(defun %atanh (x)
  ;; glibc e_atanh.c
  (let* ((ax (%double-abs x))
         (r (cond ((%d< ax 0.5d0)
                   (if (%d< ax (%make-double 0 995 0 0))
                       (return-from %atanh x)
                       (let ((tt (%d+ ax ax)))
                         (%d* 0.5d0 (%log1p (%d+ tt (%d/ (%d* tt ax) (%d- 1d0 ax))))))))
                  ((%d< ax 1d0) (%d* 0.5d0 (%log1p (%d/ (%d+ ax ax) (%d- 1d0 ax)))))
                  ((%double= ax 1d0)
                   (error 'division-by-zero :operation 'atanh :operands (list x)))
                  (t (error 'floating-point-invalid-operation :operation 'atanh
                                                              :operands (list x))))))
    (if (%fx= (%double-sign-bit x) 1) (%d- 0d0 r) r)))

(defun %hypot (x y)
  ;; sqrt(x^2 + y^2), scaled away from overflow and underflow.
  (let ((a (%double-abs x)) (b (%double-abs y)))
    (when (%double< a b) (let ((c a)) (setq a b b c)))
    (cond ((not (%double-finite-p a)) a)
          ((%double= a 0d0) 0d0)
          ((%double< (%double* b 9007199254740992d0) a)
           (if (%double= b 0d0) a (nth-value 0 (%dd+ a 0d0 (%double/ (%double* 0.5d0 b) (%double/ a b)) 0d0))))
          (t (let ((k (%fx- (%double-exponent-bits a) 1023)))
               (multiple-value-bind (ah al) (%dd-scale a 0d0 (%fx- 0 k))
                 (multiple-value-bind (bh bl) (%dd-scale b 0d0 (%fx- 0 k))
                   (declare (ignore al bl))
                   (multiple-value-bind (p pe) (%two-prod ah ah)
                     (multiple-value-bind (q qe) (%two-prod bh bh)
                       (multiple-value-bind (sh sl) (%dd+ p pe q qe)
                         (multiple-value-bind (rh rl) (%dd-sqrt sh sl)
                           (%round-dd-scaled rh rl k 'hypot (list x y)))))))))))))

;;; The Common Lisp functions.  Rationals become single-floats first
;;; (except for SQRT), single-floats are computed in double precision and
;;; rounded, as SBCL does.

(defun %real-function (function x)
  (cond ((%double-float-p x) (funcall function x))
        ((%single-float-p x) (%to-single (funcall function (%single-to-double x))))
        (t (%to-single (funcall function (%single-to-double (%to-single x)))))))

(defun %complex-result (x y z)
  ;; A complex of the doubles X and Y, in Z's precision.
  (if (%double-float-p (realpart z))
      (complex x y)
      (complex (%to-single x) (%to-single y))))

(defun exp (number)
  (if (%complexp number)
      (* (exp (%complex-real number)) (cis (%complex-imag number)))
      (%real-function #'%exp (%check-number number))))

(defun sqrt (number)
  (cond ((%complexp number) (%complex-sqrt number))
        ((rationalp number)
         (if (minusp number)
             (complex 0.0 (%to-single (%double-sqrt (%to-double (- number)))))
             (%to-single (%double-sqrt (%to-double number)))))
        ((%double-float-p number)
         (if (%double< number 0d0)
             (complex 0d0 (%double-sqrt (%double- 0d0 number)))
             (%double-sqrt number)))
        ((%single-float-p number)
         (if (minusp number)
             (complex 0.0 (sqrt (- number)))
             (%double-to-single (%double-sqrt (%single-to-double number)))))
        (t (%type-error number 'number))))

(defun %log2-integer (x)
  ;; log2 of a positive integer, as a double: from its top 53 bits.
  (let ((n (integer-length x)))
    (if (< n 53)
        (%log2 (%to-double x))
        (+ n (%log2 (scale-float (%to-double (ldb (byte 53 (- n 53)) x)) -53))))))

(defun %log2 (x)
  (multiple-value-bind (h l) (%log-dd x)
    (nth-value 0 (%dd/ h l +ln2-hi+ +ln2-lo+))))

(defun %log2-rational (x)
  (if (integerp x)
      (%log2-integer x)
      (- (%log2-integer (numerator x)) (%log2-integer (denominator x)))))

(defun log (number &optional (base nil base-p))
  (if base-p
      (cond ((zerop base)
             (if (or (%double-float-p (realpart number)) (%double-float-p (realpart base))) 0d0 0.0))
            ((eql number 0) (error 'division-by-zero :operation 'log :operands (list number base)))
            ((and (rationalp number) (plusp number) (rationalp base) (plusp base))
             (%to-single (/ (%log2-rational number) (%log2-rational base))))
            ((and (%double-float-p number) (rationalp base) (plusp base) (>= number 0))
             (/ (log number) (%to-double (%log2-rational base)) (log 2d0)))
            (t (let ((a (if (and (%double-float-p base) (not (%complexp number)) (rationalp number))
                            (log (%to-double number))
                            (log number)))
                     (b (if (and (%double-float-p number) (rationalp base))
                            (log (%to-double base))
                            (log base))))
                 (/ a b))))
      (cond ((eql number 0)
             ;; as in SBCL, whose error comes from the C library's trap
             (error 'division-by-zero :operation nil :operands nil))
            ((%complexp number) (%complex-log number))
            ((rationalp number)
             (if (minusp number)
                 (complex (log (- number)) (%to-single pi))
                 (if (and (%ratiop number) (<= 3/4 number 5/4))
                     (%to-single (%log1p (%to-double (- number 1))))
                     (%to-single (/ (%log2-rational number) 1.4426950408889634d0)))))
            ((floatp number)
             (if (< number 0)
                 (complex (log (- number)) (if (%double-float-p number) pi (%to-single pi)))
                 (%real-function #'%log number)))
            (t (%type-error number 'number)))))

(defun %intexp (base power)
  ;; BASE (a rational or complex rational) to the integer POWER, exactly.
  (cond ((eql base 1) 1)
        ((eql base -1) (if (evenp power) 1 -1))
        ((eql base 0)
         (cond ((zerop power) 1)
               ((plusp power) 0)
               (t (error 'division-by-zero :operation 'expt :operands (list base power)))))
        ((minusp power) (/ (%intexp base (- power))))
        ((eql base 2) (ash 1 power))
        (t (let ((result 1))
             (tagbody
              next
                (unless (eql power 0)
                  (when (oddp power) (setq result (* result base)))
                  (setq power (ash power -1))
                  (unless (eql power 0) (setq base (* base base)))
                  (go next)))
             result))))

(defun %real-expt (x y double)
  ;; X^Y for reals (not both rational with Y an integer), as SBCL's
  ;; REAL-EXPT: pow() with the sign handling of fdlibm's e_pow.c.
  (let* ((x (%to-double x)) (y (%to-double y))
         (result
           (cond ((%double= y 0d0) 1d0)
                 ((or (%float-nan-p x) (%float-nan-p y)) (%double+ x y))
                 ((%double= x 0d0)
                  (if (%double< y 0d0)
                      (error 'division-by-zero :operation 'expt :operands (list x y))
                      (if (and (%double< x 0d0) (eql (%double-integer-kind y) 1)) -0d0 0d0)))
                 ((%fx= (%double-sign-bit x) 0) (%pow x y))
                 (t (let ((kind (%double-integer-kind y)) (pow (%pow (%double- 0d0 x) y)))
                      (cond ((eql kind 1) (%double- 0d0 pow))
                            ((eql kind 2) pow)
                            (t (let ((y*pi (%double* y pi)))
                                 (return-from %real-expt
                                   (if double
                                       (complex (%double* pow (%cos y*pi)) (%double* pow (%sin y*pi)))
                                       (complex (%to-single (%double* pow (%cos y*pi)))
                                                (%to-single (%double* pow (%sin y*pi))))))))))))))
    (if double result (%to-single result))))

(defun %double-integer-kind (y)
  ;; 0: not an integer, 1: an odd integer, 2: an even integer.
  (cond ((not (%double-finite-p y)) 0)
        ((not (%double= (%double-truncate y) y)) 0)
        ((%double< 9007199254740992d0 (%double-abs y)) 2)
        ((evenp (%float-to-integer y)) 2)
        (t 1)))

(defun expt (base power)
  (cond ((zerop power)
         (if (and (zerop base) (floatp power))
             (error "The arguments ~S ~S are out of the domain of EXPT" base power)
             (1+ (* base power))))
        ((and (integerp power)
              (or (rationalp base) (and (%complexp base) (rationalp (%complex-real base)))))
         (%intexp base power))
        ((and (realp base) (realp power))
         (%real-expt base power (or (%double-float-p base) (%double-float-p power))))
        ((and (zerop base) (plusp (realpart power))) (* base power))
        ((and (%complexp base) (rationalp power))
         (* (expt (abs base) power) (cis (* power (phase base)))))
        (t (exp (* power (log (if (or (%double-float-p (realpart power))
                                      (%double-float-p (realpart base)))
                                  (%coerce-complex-double base)
                                  base)))))))

(defun %coerce-complex-double (z)
  (if (%complexp z)
      (complex (%to-double (%complex-real z)) (%to-double (%complex-imag z)))
      (%to-double z)))

(defun sin (number)
  (if (%complexp number)
      (let ((x (%complex-real number)) (y (%complex-imag number)))
        (complex (* (sin x) (cosh y)) (* (cos x) (sinh y))))
      (%real-function #'%sin (%check-number number))))

(defun cos (number)
  (if (%complexp number)
      (let ((x (%complex-real number)) (y (%complex-imag number)))
        (complex (* (cos x) (cosh y)) (- (* (sin x) (sinh y)))))
      (%real-function #'%cos (%check-number number))))

(defun tan (number)
  (if (%complexp number)
      (let ((r (%complex-tanh (complex (- (%complex-imag number)) (%complex-real number)))))
        (complex (imagpart r) (- (realpart r))))
      (%real-function #'%tan (%check-number number))))

(defun cis (theta)
  (complex (cos (%check-real theta)) (sin theta)))

(defun sinh (number)
  (if (%complexp number)
      (let ((x (%complex-real number)) (y (%complex-imag number)))
        (complex (* (sinh x) (cos y)) (* (cosh x) (sin y))))
      (%real-function #'%sinh (%check-number number))))

(defun cosh (number)
  (if (%complexp number)
      (let ((x (%complex-real number)) (y (%complex-imag number)))
        (complex (* (cosh x) (cos y)) (* (sinh x) (sin y))))
      (%real-function #'%cosh (%check-number number))))

(defun tanh (number)
  (if (%complexp number)
      (%complex-tanh number)
      (%real-function #'%tanh (%check-number number))))

(defun asinh (number)
  (if (%complexp number)
      (%complex-asinh number)
      (%real-function #'%asinh (%check-number number))))

(defun acosh (number)
  (cond ((%complexp number) (%complex-acosh number))
        ((< number 1) (%complex-acosh (if (floatp number) (complex number) number)))
        (t (%real-function #'%acosh number))))

(defun atanh (number)
  (cond ((%complexp number) (%complex-atanh number))
        ((or (> number 1) (< number -1))
         (%complex-atanh (if (floatp number) (complex number) number)))
        (t (%real-function #'%atanh number))))

(defun asin (number)
  (cond ((%complexp number) (%complex-asin number))
        ((or (> number 1) (< number -1))
         (%complex-asin (if (floatp number) (complex number) number)))
        (t (%real-function #'%asin number))))

(defun acos (number)
  (cond ((%complexp number) (%complex-acos number))
        ((or (> number 1) (< number -1))
         (%complex-acos (if (floatp number) (complex number) number)))
        (t (%real-function #'%acos number))))

(defun atan (y &optional (x nil x-p))
  (cond ((not x-p)
         (if (%complexp y)
             (%complex-atan y)
             (%real-function #'%atan (%check-number y))))
        ((or (%double-float-p y) (%double-float-p x))
         (%atan2* (%to-double y) (%to-double x)))
        (t (%to-single (%atan2* (%single-to-double (%to-single y))
                                (%single-to-double (%to-single x)))))))

(defun %atan2* (y x)
  ;; SBCL's ATAN of two doubles: zeros handled first, then atan2().
  (if (%double= x 0d0)
      (if (%double= y 0d0)
          (if (%fx= (%double-sign-bit x) 0) y (float-sign y pi))
          (float-sign y (%double* 0.5d0 pi)))
      (%atan2 y x)))

(defun phase (number)
  (cond ((%complexp number) (atan (%complex-imag number) (%complex-real number)))
        ((%double-float-p number) (if (%fx= (%double-sign-bit number) 1) pi 0d0))
        ((%single-float-p number) (if (minusp (float-sign number)) (%to-single pi) 0.0))
        ((rationalp number) (if (minusp number) (%to-single pi) 0.0))
        (t (%type-error number 'number))))

(defun %complex-abs (z)
  (let ((x (%complex-real z)) (y (%complex-imag z)))
    (cond ((rationalp x) (sqrt (+ (* x x) (* y y))))
          ((%single-float-p x)
           (%to-single (%hypot (%single-to-double x) (%single-to-double y))))
          (t (%hypot x y)))))

;;; Complex functions, with Kahan's algorithms ("Branch cuts for complex
;;; elementary functions", 1987), computed in double precision.

(defun %cssqs (z)
  ;; |z|^2 scaled: RHO and K with |z/2^k|^2 = RHO.
  (let* ((x (%to-double (realpart z))) (y (%to-double (imagpart z)))
         (rho (%double+ (%double* x x) (%double* y y))))
    (cond ((and (not (%double-finite-p rho)) (or (not (%double-finite-p x)) (not (%double-finite-p y))))
           (values rho 0))
          ((or (not (%double-finite-p rho))
               (and (%double< rho 4.008336720017946d-292) (not (%double= rho 0d0))))
           (let ((k (- (1- (nth-value 1 (decode-float (max (abs x) (abs y))))))))
             (values (+ (expt (scale-float x k) 2) (expt (scale-float y k) 2)) (- k))))
          (t (values rho 0)))))

(defun %complex-sqrt (z)
  (multiple-value-bind (rho k) (%cssqs z)
    (let ((x (%to-double (realpart z))) (y (%to-double (imagpart z))) (eta 0d0) (nu 0d0))
      (unless (%float-nan-p x)
        (setq rho (+ (scale-float (abs x) (- k)) (sqrt rho))))
      (if (oddp k)
          (setq k (ash k -1))
          (setq k (1- (ash k -1)) rho (+ rho rho)))
      (setq rho (scale-float (sqrt rho) k) eta rho nu y)
      (unless (= rho 0d0)
        (when (%double-finite-p nu) (setq nu (/ (/ nu rho) 2d0)))
        (when (< x 0d0)
          (setq eta (abs nu) nu (float-sign y rho))))
      (%complex-result eta nu z))))

(defun %complex-log (z)
  (let ((x (%to-double (realpart z))) (y (%to-double (imagpart z))))
    (multiple-value-bind (rho k) (%cssqs z)
      (let ((beta (max (abs x) (abs y))) (theta (min (abs x) (abs y))))
        (%complex-result (if (and (zerop k) (< 0.7071067811865476d0 beta)
                                  (or (<= beta 1.2d0) (< rho 3d0)))
                             (/ (%log1p (+ (* (- beta 1d0) (+ beta 1d0)) (* theta theta))) 2d0)
                             (+ (/ (%log rho) 2d0) (* k +ln2-hi+)))
                         (%atan2* y x)
                         z)))))

(defun %complex-tanh (z)
  (let ((x (%to-double (realpart z))) (y (%to-double (imagpart z))))
    (if (> (abs x) 177.61896501848597d0)
        (%complex-result (float-sign x 1d0) (float-sign y 0d0) z)
        (let* ((tv (%tan y)) (beta (+ 1d0 (* tv tv))) (s (%sinh x))
               (rho (sqrt (+ 1d0 (* s s))))
               (den (+ 1d0 (* beta s s))))
          (%complex-result (/ (* beta rho s) den) (/ tv den) z)))))

(defun %complex-atanh (z)
  (let* ((theta 3.3519519824856493d153) (rho 2.983336292480083d-154)
         (half-pi (%double* 0.5d0 pi))
         (rp (%to-double (realpart z)))
         (beta (float-sign rp 1d0))
         (x (* beta rp))
         (y (* beta (- (%to-double (imagpart z)))))
         (eta 0d0) (nu 0d0))
    (cond ((or (> x theta) (> (abs y) theta))
           (setq nu (float-sign y half-pi)
                 eta (let* ((x-bigger (> x (abs y)))
                            (r (if x-bigger (/ y x) (/ x y)))
                            (d (+ 1d0 (* r r))))
                       (if x-bigger (/ (/ x) d) (/ (/ r y) d)))))
          ((= x 1d0)
           (let ((t1 (+ 4d0 (* y y))) (t2 (+ (abs y) rho)))
             (setq eta (%log (/ (sqrt (sqrt t1)) (sqrt t2)))
                   nu (* 0.5d0 (float-sign y (+ half-pi (%atan (* 0.5d0 t2))))))))
          (t (let ((t1 (+ (abs y) rho)))
               (setq eta (* 0.25d0 (%log1p (/ (* 4d0 x) (+ (* (- 1d0 x) (- 1d0 x)) (* t1 t1)))))
                     nu (* 0.5d0 (%atan2* (* 2d0 y) (- (* (- 1d0 x) (+ 1d0 x)) (* t1 t1))))))))
    (%complex-result (* beta eta) (- (* beta nu)) z)))

(defun %complex-acos (z)
  (let ((sqrt-1+z (%complex-sqrt (+ 1 z))) (sqrt-1-z (%complex-sqrt (- 1 z))))
    (complex (* 2 (%atan-quotient (realpart sqrt-1-z) (realpart sqrt-1+z)))
             (asinh (imagpart (* (conjugate sqrt-1+z) sqrt-1-z))))))

(defun %complex-acosh (z)
  (let ((sqrt-z-1 (%complex-sqrt (- z 1))) (sqrt-z+1 (%complex-sqrt (+ z 1))))
    (complex (asinh (realpart (* (conjugate sqrt-z-1) sqrt-z+1)))
             (* 2 (%atan-quotient (imagpart sqrt-z-1) (realpart sqrt-z+1))))))

(defun %complex-asin (z)
  (let ((sqrt-1-z (%complex-sqrt (- 1 z))) (sqrt-1+z (%complex-sqrt (+ 1 z))))
    (complex (%atan-quotient (realpart z) (realpart (* sqrt-1-z sqrt-1+z)))
             (asinh (imagpart (* (conjugate sqrt-1-z) sqrt-1+z))))))

(defun %atan-quotient (a b)
  ;; (atan (/ a b)) with division by zero giving an infinity, as SBCL
  ;; does with the trap masked.
  (if (zerop b)
      (let ((inf (if (%double-float-p (float a)) pi (%to-single pi))))
        (if (zerop a) (atan (/ a 1)) (float-sign (float a) (/ inf 2))))
      (atan (/ a b))))

(defun %complex-asinh (z)
  (let ((r (%complex-asin (complex (- (imagpart z)) (realpart z)))))
    (complex (imagpart r) (- (realpart r)))))

(defun %complex-atan (z)
  (let ((r (%complex-atanh (complex (- (imagpart z)) (realpart z)))))
    (complex (imagpart r) (- (realpart r)))))
