;;;; float.lisp -- floats: their constants, decoding and scaling (CLHS 12.2
;;;; DECODE-FLOAT and friends), the shortest digit string of a float, and
;;;; the printed representation of every kind of number, as SBCL prints it.
;;;;
;;;; Single-floats are IEEE binary32 and double-floats binary64.  The
;;;; intrinsics give a double's fields; a single is decoded through its
;;;; (exact) double.  SHORT-FLOAT is SINGLE-FLOAT and LONG-FLOAT is
;;;; DOUBLE-FLOAT, as in SBCL.

(in-package "CLYSM")

;;; Constants, built from their bits so that no reader rounding is involved.

(defconstant most-positive-double-float (%make-double 0 2046 4194303 1073741823))
(defconstant most-negative-double-float (%make-double 1 2046 4194303 1073741823))
(defconstant least-positive-double-float (%make-double 0 0 0 1))
(defconstant least-negative-double-float (%make-double 1 0 0 1))
(defconstant least-positive-normalized-double-float (%make-double 0 1 0 0))
(defconstant least-negative-normalized-double-float (%make-double 1 1 0 0))
;; 2^-53 + 2^-105 and 2^-54 + 2^-106: the least epsilons with
;; (/= (+ 1 e) 1) and (/= (- 1 e) 1).
(defconstant double-float-epsilon (%make-double 0 970 0 1))
(defconstant double-float-negative-epsilon (%make-double 0 969 0 1))

(defconstant most-positive-single-float (%double-to-single (%make-double 0 1150 4194303 536870912)))
(defconstant most-negative-single-float (%double-to-single (%make-double 1 1150 4194303 536870912)))
(defconstant least-positive-single-float (%double-to-single (%make-double 0 874 0 0)))
(defconstant least-negative-single-float (%double-to-single (%make-double 1 874 0 0)))
(defconstant least-positive-normalized-single-float (%double-to-single (%make-double 0 897 0 0)))
(defconstant least-negative-normalized-single-float (%double-to-single (%make-double 1 897 0 0)))
;; 2^-24 + 2^-47 and 2^-25 + 2^-48
(defconstant single-float-epsilon (%double-to-single (%make-double 0 999 0 536870912)))
(defconstant single-float-negative-epsilon (%double-to-single (%make-double 0 998 0 536870912)))

(defconstant most-positive-short-float most-positive-single-float)
(defconstant most-negative-short-float most-negative-single-float)
(defconstant least-positive-short-float least-positive-single-float)
(defconstant least-negative-short-float least-negative-single-float)
(defconstant least-positive-normalized-short-float least-positive-normalized-single-float)
(defconstant least-negative-normalized-short-float least-negative-normalized-single-float)
(defconstant short-float-epsilon single-float-epsilon)
(defconstant short-float-negative-epsilon single-float-negative-epsilon)
(defconstant most-positive-long-float most-positive-double-float)
(defconstant most-negative-long-float most-negative-double-float)
(defconstant least-positive-long-float least-positive-double-float)
(defconstant least-negative-long-float least-negative-double-float)
(defconstant least-positive-normalized-long-float least-positive-normalized-double-float)
(defconstant least-negative-normalized-long-float least-negative-normalized-double-float)
(defconstant long-float-epsilon double-float-epsilon)
(defconstant long-float-negative-epsilon double-float-negative-epsilon)

;;; pi, the double-float nearest it
(defconstant pi (%make-double 0 1024 2394093 340012312))

;;; Read and printed floats of this format have no exponent marker; the
;;; reader and the printer run at compile time too.
(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *read-default-float-format* 'single-float))

;;; Decoding

(defun %check-float (x)
  (if (or (%double-float-p x) (%single-float-p x)) x (%type-error x 'float)))

(defun %integer-decode-double (d)
  (let ((e (%double-exponent-bits d))
        (high (%double-mantissa-high d))
        (low (%double-mantissa-low d))
        (sign (if (%fx= (%double-sign-bit d) 1) -1 1)))
    (cond ((%fx= e 2047)
           (error "can't decode NaN or infinity: ~S" d))
          ((and (%fx= e 0) (%fx= high 0) (%fx= low 0)) (values 0 0 sign))
          ((%fx= e 0) (values (+ (* high 1073741824) low) -1074 sign))
          (t (values (+ (* (%fx+ high 4194304) 1073741824) low) (%fx- e 1075) sign)))))

(defun %integer-decode-single (s)
  (multiple-value-bind (m e sign) (%integer-decode-double (%single-to-double s))
    (if (eql m 0)
        (values 0 0 sign)
        ;; The double's 53-bit mantissa ends in 29 zero bits; a single
        ;; below the normal range has fewer bits at exponent -149.
        (let ((m (ash m -29)) (e (+ e 29)))
          (if (< e -149)
              (values (ash m (- e -149)) -149 sign)
              (values m e sign))))))

(defun integer-decode-float (float)
  (cond ((%double-float-p float) (%integer-decode-double float))
        ((%single-float-p float) (%integer-decode-single float))
        (t (%type-error float 'float))))

(defun float-digits (float)
  (if (%double-float-p (%check-float float)) 53 24))

(defun float-precision (float)
  (integer-length (nth-value 0 (integer-decode-float float))))

(defun float-radix (float) (%check-float float) 2)

(defun float-sign (float1 &optional (float2 (float 1 (%check-float float1))))
  (%check-float float1)
  (let ((magnitude (abs (%check-float float2))))
    (if (%fx= (float-sign-bit float1) 1) (- magnitude) magnitude)))

(defun decode-float (float)
  ;; Significand in [1/2, 1), exponent, sign as a float.
  (multiple-value-bind (m e sign) (integer-decode-float float)
    (let ((single (%single-float-p float)))
      (if (eql m 0)
          (values (if single 0.0 0d0) 0 (if (minusp sign) (if single -1.0 -1d0) (if single 1.0 1d0)))
          (let ((bits (integer-length m)))
            (values (%float-from-parts nil m (- bits) single nil)
                    (+ e bits)
                    (if (minusp sign) (if single -1.0 -1d0) (if single 1.0 1d0))))))))

(defun scale-float (float integer)
  ;; FLOAT * 2^INTEGER, rounded when it falls below the normal range.
  (%check-integer integer)
  (multiple-value-bind (m e sign) (integer-decode-float float)
    (let ((single (%single-float-p float)) (e (+ e integer)))
      (cond ((eql m 0) float)
            ((>= (+ e (integer-length m)) (if single -125 -1021))
             (%float-from-parts (minusp sign) m e single (list 'scale-float float integer)))
            (t (let ((r (%rational-to-float m (ash 1 (- e)) single)))
                 (if (minusp sign) (- r) r)))))))

(defun float-denormalized-p (float)
  (multiple-value-bind (m) (integer-decode-float float)
    (and (not (eql m 0)) (< (integer-length m) (float-digits float)))))

;;; The digits of a float: Burger and Dybvig's free-format algorithm
;;; ("Printing floating-point numbers quickly and accurately", 1996) with
;;; exact integers, extended as in SBCL to fixed-format output.  The float
;;; is v = f * 2^e; R/S is v scaled by a power of ten and M+/S, M-/S are
;;; half the distances to its neighbours; digits are produced until the
;;; digits so far identify v (every number strictly between the neighbour
;;; midpoints, or on them when f is even, reads back as v).  With a
;;; POSITION, digits stop at that decimal position (absolute: 10^POSITION;
;;; RELATIVEP: that many significant digits): the interval is widened to
;;; half a unit there, so the result is the shortest string that rounds
;;; to the float within that precision.

(defun %flonum-to-digits (x &optional position relativep)
  ;; X a non-negative finite float.  Returns K and the digit string D1 D2
  ;; ... with X = 0.D1D2... * 10^K.
  (if (zerop x)
      (values 0 "0")
      (multiple-value-bind (f e) (integer-decode-float x)
        ;; As SBCL: a denormal's mantissa is normalised to the full
        ;; precision first (so it prints with as many digits as a normal
        ;; float), and the exponent "min-e" below which the gap below a
        ;; power of two is not halved is SBCL's 2 - bias - digits.
        (let ((shift (- (float-digits x) (integer-length f))))
          (when (plusp shift) (setq f (ash f shift) e (- e shift))))
        (let* ((p (float-digits x))
               (min-e (if (%single-float-p x) -148 -1073))
               (high-ok (evenp f))
               (low-ok high-ok)
               (boundary (and (= f (ash 1 (- p 1))) (/= e min-e)))
               (k 0)
               r s m+ m-)
          (if (>= e 0)
              (let ((be (ash 1 e)))
                (if boundary
                    (setq r (* f be 4) s 4 m+ (* be 2) m- be)
                    (setq r (* f be 2) s 2 m+ be m- be)))
              (if boundary
                  (setq r (* f 4) s (ash 1 (- 2 e)) m+ 2 m- 1)
                  (setq r (* f 2) s (ash 1 (- 1 e)) m+ 1 m- 1)))
          (if position
              (progn
                (when relativep
                  ;; the decimal exponent of the leading digit, then the
                  ;; absolute position of the last wanted digit
                  (let ((kk 0) (l 1))
                    (tagbody
                     next
                       (when (< (* s l) (+ r m+))
                         (setq kk (+ kk 1) l (* l 10))
                         (go next)))
                    (setq position
                          (if (< (+ r (* s (/ (expt 10 (- kk position)) 2))) (* s l))
                              (- kk position)
                              (- kk position 1)))))
                (let ((half (/ (* s (expt 10 position)) 2)))
                  (setq m- (max m- half) low-ok t
                        m+ (max m+ half) high-ok t))
                ;; K: up from 0 while the interval reaches 10^k, then down
                ;; (not below the point where zero is within reach)
                (tagbody
                 up
                   (when (if high-ok (>= (+ r m+) s) (> (+ r m+) s))
                     (setq s (* s 10) k (+ k 1))
                     (go up)))
                (tagbody
                 down
                   (when (and (> r m-)
                              (if high-ok (< (* (+ r m+) 10) s) (<= (* (+ r m+) 10) s)))
                     (setq r (* r 10) m+ (* m+ 10) m- (* m- 10) k (- k 1))
                     (go down))))
              (progn
                ;; K estimated from the binary exponent, then corrected
                (setq k (%estimate-decimal-exponent (+ e (integer-length f))))
                (if (>= k 0)
                    (setq s (* s (expt 10 k)))
                    (let ((scale (expt 10 (- k))))
                      (setq r (* r scale) m+ (* m+ scale) m- (* m- scale))))
                (tagbody
                 up
                   (when (if high-ok (>= (+ r m+) s) (> (+ r m+) s))
                     (setq s (* s 10) k (+ k 1))
                     (go up))
                 down
                   (when (if high-ok (< (* (+ r m+) 10) s) (<= (* (+ r m+) 10) s))
                     (setq r (* r 10) m+ (* m+ 10) m- (* m- 10) k (- k 1))
                     (go down)))))
          (let ((digits nil))
            (tagbody
             next
               (multiple-value-bind (d rest) (truncate (* r 10) s)
                 (setq r rest m+ (* m+ 10) m- (* m- 10))
                 (let ((low (if low-ok (<= r m-) (< r m-)))
                       (high (if high-ok (>= (+ r m+) s) (> (+ r m+) s))))
                   (cond ((and (not low) (not high))
                          (setq digits (cons d digits))
                          (go next))
                         ((and low (not high)) (setq digits (cons d digits)))
                         ((and high (not low)) (setq digits (cons (+ d 1) digits)))
                         ((< (* r 2) s) (setq digits (cons d digits)))
                         (t (setq digits (cons (+ d 1) digits)))))))
            (values k (%digit-list-string (nreverse digits))))))))

(defun %estimate-decimal-exponent (binary-exponent)
  ;; About log10(2^BINARY-EXPONENT), rounded up; off by at most one.
  (ceiling (* (- binary-exponent 1) 30103) 100000))

(defun %digit-list-string (digits)
  (let ((s (%make-string (length digits) #\0)) (i 0))
    (dolist (d digits s)
      (%set-schar s i (%code-char (+ 48 d)))
      (setq i (+ i 1)))))

;;; Printing numbers

(defun %float-format-default-p (x)
  ;; Is X of the format *READ-DEFAULT-FLOAT-FORMAT* names?
  (if (%single-float-p x)
      (member *read-default-float-format* '(single-float short-float))
      (member *read-default-float-format* '(double-float long-float))))

(defun %write-float-exponent (x exponent stream)
  ;; The exponent marker and exponent: none for a float of the default
  ;; format with exponent 0.
  (if (%float-format-default-p x)
      (unless (eql exponent 0)
        (%stream-write-char stream #\e)
        (%write-decimal exponent stream))
      (progn
        (%stream-write-char stream (if (%single-float-p x) #\f #\d))
        (%write-decimal exponent stream))))

(defun %write-decimal (n stream)
  (let ((s (%integer-to-string n 10)))
    (%stream-write-string stream s 0 (%string-length s))))

(defun %write-float (x stream)
  ;; As SBCL: free format for 10^-3 <= |x| < 10^7, else exponential.
  (cond ((not (%float-finite-p x))
         (let ((name (%string-concat-2
                     (if (%single-float-p x) "SINGLE-FLOAT" "DOUBLE-FLOAT")
                     (if (%fx= (float-sign-bit x) 1) "-NEGATIVE-INFINITY" "-POSITIVE-INFINITY"))))
           (if (%float-nan-p x)
               (%write-string-to stream (if (%single-float-p x)
                                            "#<SINGLE-FLOAT quiet NaN>"
                                            "#<DOUBLE-FLOAT quiet NaN>"))
               (progn (%write-string-to stream "#.SB-EXT:")
                      (%write-string-to stream name)))))
        (t
         (when (%fx= (float-sign-bit x) 1)
           (%stream-write-char stream #\-)
           (setq x (- x)))
         (if (zerop x)
             (progn (%write-string-to stream "0.0")
                    (%write-float-exponent x 0 stream))
             (multiple-value-bind (k digits) (%flonum-to-digits x)
               (let ((n (%string-length digits)))
                 (cond ((and (< -3 k) (< k 8))
                        (cond ((plusp k)
                               (if (>= k n)
                                   (progn (%write-string-to stream digits)
                                          (dotimes (i (- k n)) (%stream-write-char stream #\0))
                                          (%write-string-to stream ".0"))
                                   (progn (%stream-write-string stream digits 0 k)
                                          (%stream-write-char stream #\.)
                                          (%stream-write-string stream digits k n))))
                              (t (%write-string-to stream "0.")
                                 (dotimes (i (- k)) (%stream-write-char stream #\0))
                                 (%write-string-to stream digits)))
                        (%write-float-exponent x 0 stream))
                       (t (%stream-write-string stream digits 0 1)
                          (%stream-write-char stream #\.)
                          (if (eql n 1)
                              (%stream-write-char stream #\0)
                              (%stream-write-string stream digits 1 n))
                          (%write-float-exponent x (- k 1) stream))))))))
  x)

(defun %write-string-to (stream string)
  (%stream-write-string stream string 0 (%string-length string)))

(defun %integer-to-string (n base)
  ;; The digits of the integer N in BASE, with a minus sign if negative.
  (if (%fixnump n)
      (if (%fx< n 0)
          (%string-concat-2 "-" (%integer-digits-string n base))
          (%integer-digits-string n base))
      (if (%bignum-negative-p n)
          (%string-concat-2 "-" (%integer-digits-string n base))
          (%integer-digits-string n base))))

(defun %write-radix-prefix (base stream)
  (case base
    (2 (%write-string-to stream "#b"))
    (8 (%write-string-to stream "#o"))
    (16 (%write-string-to stream "#x"))
    (10)
    (t (%stream-write-char stream #\#)
       (%write-decimal base stream)
       (%stream-write-char stream #\r))))

(defun %write-rational (x stream)
  ;; An integer or a ratio in *PRINT-BASE*, with *PRINT-RADIX*'s prefix.
  (let ((base *print-base*))
    (when *print-radix*
      (if (and (eql base 10) (%ratiop x))
          (%write-string-to stream "#10r")
          (%write-radix-prefix base stream)))
    (if (%ratiop x)
        (progn
          (%write-string-to stream (%integer-to-string (%ratio-numerator x) base))
          (%stream-write-char stream #\/)
          (%write-string-to stream (%integer-to-string (%ratio-denominator x) base)))
        (progn
          (%write-string-to stream (%integer-to-string x base))
          (when (and *print-radix* (eql base 10)) (%stream-write-char stream #\.))))))

(defun %print-number (x stream)
  ;; Every number but fixnums (print.lisp prints those).
  (cond ((or (%bignump x) (%ratiop x)) (%write-rational x stream))
        ((floatp x) (%write-float x stream))
        ((%complexp x)
         (%write-string-to stream "#C(")
         (%print-number (%complex-real x) stream)
         (%stream-write-char stream #\Space)
         (%print-number (%complex-imag x) stream)
         (%stream-write-char stream #\)))
        (t (%write-rational x stream)))
  x)

;;; Floats in FORMAT's ~F ~E ~G ~$ (format.lisp), as SBCL formats them.

(defun %flonum-to-string (x &optional width fdigits scale fmin)
  ;; The digits of the non-negative float X with a decimal point: rounded
  ;; to FDIGITS digits after the point, or to fit WIDTH, or the shortest;
  ;; SCALE moves the point.  Returns the string, its length, whether it
  ;; starts with the point, whether it ends with it, and where the point is.
  (multiple-value-bind (e digits)
      (cond (fdigits
             (%flonum-to-digits x (min (- (+ fdigits (or scale 0))) (- (or fmin 0)))))
            ((and width (> width 1))
             (multiple-value-bind (we wdigits)
                 (%flonum-to-digits x (max 1 (+ (- width 1) (if (and scale (minusp scale)) scale 0)))
                                    t)
               (multiple-value-bind (fe fdigits)
                   (%flonum-to-digits x (- (+ (or fmin 0) (or scale 0))))
                 (if (>= (length wdigits) (length fdigits))
                     (values we wdigits)
                     (values fe fdigits)))))
            (t (%flonum-to-digits x)))
    (let ((e (if (zerop x) e (+ e (or scale 0))))
          (n (length digits))
          (out (make-string-output-stream)))
      (if (plusp e)
          (progn
            (%stream-write-string out digits 0 (min n e))
            (dotimes (i (- e n)) (%stream-write-char out #\0))
            (%stream-write-char out #\.)
            (%stream-write-string out digits (min n e) n)
            (when fdigits
              (dotimes (i (- fdigits (- n (min n e)))) (%stream-write-char out #\0))))
          (progn
            (%stream-write-char out #\.)
            (dotimes (i (- e)) (%stream-write-char out #\0))
            (%stream-write-string out digits 0
                                  (if fdigits (min n (max (or fmin 0) (+ fdigits e))) n))
            (when fdigits
              (dotimes (i (+ fdigits e (- n))) (%stream-write-char out #\0)))))
      (let* ((string (get-output-stream-string out))
             (length (%string-length string)))
        (values string length
                (%eq (%schar string 0) #\.)
                (%eq (%schar string (- length 1)) #\.)
                (position #\. string))))))

(defun %scale-exponent (original-x)
  ;; Z in [0.1, 1) and E with X about Z * 10^E, computed in double-float
  ;; arithmetic as SBCL does (so Z may be off in its last digit), Z in X's
  ;; format.
  (let ((x (%to-double original-x)))
    (if (= x 0d0)
        (values (float 0d0 original-x) 1)
        (let* ((exponent (nth-value 1 (decode-float x)))
               (ex (round (* exponent 0.30102999566398114d0)))
               (x (if (minusp ex)
                      (if (float-denormalized-p x)
                          (* (* x 1d16) (expt 10d0 (- (- ex) 16)))
                          (* (* x 10d0) (expt 10d0 (- (- ex) 1))))
                      (/ (/ x 10d0) (expt 10d0 (- ex 1))))))
          (do ((d 10d0 (* d 10d0))
               (y x (/ x d))
               (ex ex (+ ex 1)))
              ((< y 1d0)
               (do ((m 10d0 (* m 10d0))
                    (z y (* y m))
                    (ex ex (- ex 1)))
                   ((>= z 0.1d0)
                    (values (float z original-x) ex)))))))))

(defun %format-fixed-aux (stream number w d k ovf pad atsign)
  ;; ~w,d,k,ovf,padF of a float; true when the field overflowed.
  (if (not (%float-finite-p number))
      (progn (prin1 number stream) nil)
      (let ((spaceleft w)
            (negative (%fx= (float-sign-bit number) 1)))
        (when (and w (or atsign negative)) (setq spaceleft (- spaceleft 1)))
        (multiple-value-bind (str len lpoint tpoint)
            (%flonum-to-string (abs number) spaceleft d k)
          (when (eql d 0) (setq tpoint nil))
          (when w
            (setq spaceleft (- spaceleft len))
            (when lpoint
              (if (or (> spaceleft 0) tpoint)
                  (setq spaceleft (- spaceleft 1))
                  (setq lpoint nil)))
            (when tpoint
              (if (> spaceleft 0)
                  (setq spaceleft (- spaceleft 1))
                  (setq tpoint nil))))
          (cond ((and w (< spaceleft 0) ovf)
                 (dotimes (i w) (%stream-write-char stream ovf))
                 t)
                (t
                 (when w (dotimes (i spaceleft) (%stream-write-char stream pad)))
                 (cond (negative (%stream-write-char stream #\-))
                       (atsign (%stream-write-char stream #\+)))
                 (when lpoint (%stream-write-char stream #\0))
                 (%write-string-to stream str)
                 (when tpoint (%stream-write-char stream #\0))
                 nil))))))

(defun %format-exponent-marker (number)
  (if (%float-format-default-p number) #\e (if (%single-float-p number) #\f #\d)))

(defun %format-exp-aux (stream number w d e k ovf pad marker atsign)
  ;; ~w,d,e,k,ovf,pad,markerE of a float.
  (if (not (%float-finite-p number))
      (prin1 number stream)
      (multiple-value-bind (num expt) (%scale-exponent (abs number))
        (let* ((k (if (= num 1) (- k 1) k))
               (expt (- expt k))
               (estr (%integer-to-string (abs expt) 10))
               (elen (if e (max (length estr) e) (length estr)))
               (negative (%fx= (float-sign-bit number) 1))
               (spaceleft nil))
          (when w
            (setq spaceleft (- w 2 elen))
            (when (or atsign negative) (setq spaceleft (- spaceleft 1))))
          (if (and w ovf e (> elen e))
              (dotimes (i w) (%stream-write-char stream ovf))
              (let* ((fdig (if d (if (plusp k) (+ 1 (- d k)) d) nil))
                     (fmin (if (minusp k) 1 fdig)))
                (multiple-value-bind (fstr flen lpoint tpoint)
                    (%flonum-to-string num spaceleft fdig k fmin)
                  (when (eql fdig 0) (setq tpoint nil))
                  (when w
                    (setq spaceleft (- spaceleft flen))
                    (when lpoint
                      (if (or (> spaceleft 0) tpoint)
                          (setq spaceleft (- spaceleft 1))
                          (setq lpoint nil)))
                    (when tpoint
                      (if (<= spaceleft 0)
                          (setq tpoint nil)
                          (setq spaceleft (- spaceleft 1)))))
                  (cond ((and w (< spaceleft 0) ovf)
                         (dotimes (i w) (%stream-write-char stream ovf)))
                        (t
                         (when w (dotimes (i spaceleft) (%stream-write-char stream pad)))
                         (cond (negative (%stream-write-char stream #\-))
                               (atsign (%stream-write-char stream #\+)))
                         (when lpoint (%stream-write-char stream #\0))
                         (%write-string-to stream fstr)
                         (when tpoint (%stream-write-char stream #\0))
                         (%stream-write-char stream (or marker (%format-exponent-marker number)))
                         (%stream-write-char stream (if (minusp expt) #\- #\+))
                         (when e
                           (dotimes (i (- e (length estr))) (%stream-write-char stream #\0)))
                         (%write-string-to stream estr))))))))))

(defun %format-general-aux (stream number w d e k ovf pad marker atsign)
  ;; ~G: fixed format when the exponent allows, else exponential.
  (if (not (%float-finite-p number))
      (prin1 number stream)
      (let ((n (nth-value 1 (%scale-exponent (abs number)))))
        (unless d
          (let* ((len (nth-value 1 (%flonum-to-string (abs number))))
                 (q (if (= len 1) 1 (- len 1))))
            (setq d (max q (min n 7)))))
        (let* ((ee (if e (+ e 2) 4))
               (ww (if w (- w ee) nil))
               (dd (- d n)))
          (if (<= 0 dd d)
              (let ((char (if (%format-fixed-aux stream number ww dd nil ovf pad atsign)
                              ovf
                              #\Space)))
                (dotimes (i ee) (%stream-write-char stream char)))
              (%format-exp-aux stream number w d e (or k 1) ovf pad marker atsign))))))

(defun %format-dollars (stream number d n w pad colon atsign)
  ;; ~d,n,w,pad$ of a float.
  (let* ((negative (%fx= (float-sign-bit number) 1))
         (signstr (if negative "-" (if atsign "+" "")))
         (signlen (length signstr)))
    (multiple-value-bind (str strlen lpoint tpoint pointplace)
        (%flonum-to-string (abs number) nil d nil)
      (declare (ignore strlen lpoint tpoint))
      (when colon (%write-string-to stream signstr))
      (dotimes (i (- w signlen (max n pointplace) 1 d)) (%stream-write-char stream pad))
      (unless colon (%write-string-to stream signstr))
      (dotimes (i (- n pointplace)) (%stream-write-char stream #\0))
      (%write-string-to stream str))))
