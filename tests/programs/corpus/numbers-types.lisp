;;; Number types: the predicates, TYPEP on number type specifiers (integer
;;; ranges with bignum bounds, float and rational ranges, complex part
;;; types), TYPECASE, COERCE, arithmetic errors and random numbers (whose
;;; values differ between implementations, so only their properties are
;;; printed).

(defun kinds (x)
  (list (integerp x) (rationalp x) (floatp x) (realp x) (complexp x) (numberp x)
        (typep x 'fixnum) (typep x 'bignum) (typep x 'ratio) (typep x 'single-float)
        (typep x 'double-float)))
(dolist (x (list 0 -5 (expt 2 100) 2/3 1.5 1.5d0 #c(1 2) 'a "1"))
  (print (kinds x)))
(print (list (typep 5 '(integer 0 10)) (typep 11 '(integer 0 10)) (typep (expt 2 70) '(integer 0 *))
             (typep (expt 2 70) `(integer ,(expt 2 69) ,(expt 2 71))) (typep (- (expt 2 70)) '(integer * -1))
             (typep (expt 2 70) '(unsigned-byte 70)) (typep (expt 2 70) '(unsigned-byte 71))
             (typep (- (expt 2 70)) '(signed-byte 71)) (typep (- (expt 2 70)) '(signed-byte 70))
             (typep 7 '(mod 8)) (typep 8 '(mod 8)) (typep -1 'unsigned-byte) (typep 1 'bit)
             (typep 1/2 '(rational 0 1)) (typep 3/2 '(rational 0 (1))) (typep 0.5 '(real 0 1))
             (typep 1.0 '(single-float 0.0 (1.0))) (typep 2d0 '(double-float 1d0)) (typep 1 '(float 0 2))
             (typep 1.5 '(or integer float)) (typep 1/2 '(and real (not integer)))
             (typep 3 '(member 1 2 3)) (typep 3.0 '(eql 3.0)) (typep 3 '(eql 3.0))))
(dolist (x (list 1 (expt 10 20) 1/3 2.5 2.5d0 #c(0 1) nil))
  (print (typecase x
           (fixnum 'fixnum) (integer 'bignum) (ratio 'ratio) (single-float 'single)
           (double-float 'double) (complex 'complex) (t 'other))))
(print (list (coerce 5 'double-float) (coerce 1/3 'float) (coerce 7/2 'single-float)
             (coerce 1.5d0 'single-float) (coerce 2 'complex) (coerce 2.5 'complex)
             (coerce 4 'real) (coerce -1/2 'long-float) (coerce (expt 2 80) 'double-float)))
(print (list (type-of 1/2) (type-of 0.5) (type-of 0.5d0) (type-of #c(1 2)) (type-of #c(1.0 2.0))
             (type-of 0) (type-of 1) (type-of (- (expt 2 100)))))

;;; Arithmetic errors are conditions
(defmacro try (form)
  `(handler-case ,form
     (division-by-zero (c) (list :division-by-zero (arithmetic-error-operation c)))
     (floating-point-overflow () :overflow)
     (floating-point-invalid-operation () :invalid)
     (type-error (c) (list :type-error (type-error-datum c)))
     (error () :error)))
(print (list (try (/ 1 0)) (try (/ 1.0 0.0)) (try (/ 3 0.0d0)) (try (floor 10 0)) (try (mod 1/2 0))
             (try (* 1d300 1d300)) (try (* 1e30 1e30)) (try (expt 10.0 50)) (try (exp 1000d0))
             (try (+ 1 'a)) (try (< #c(1 2) 3)) (try (log 0)) (try (/ 0.0 0.0))
             (try (float (expt 10 400) 1d0)) (try (logand 1.5 2)) (try (isqrt -1))))

;;; Random numbers: within bounds, of the argument's type
(let ((ok t) (state (make-random-state t)))
  (dotimes (i 500)
    (let ((a (random 10)) (b (random (expt 10 30))) (c (random 1.0)) (d (random 2.5d0))
          (e (random 7 state)))
      (unless (and (integerp a) (<= 0 a 9) (integerp b) (<= 0 b (1- (expt 10 30)))
                   (typep c 'single-float) (<= 0.0 c) (< c 1.0)
                   (typep d 'double-float) (<= 0d0 d) (< d 2.5d0) (<= 0 e 6))
        (setq ok nil))))
  (print ok))
(let* ((s1 (make-random-state nil)) (s2 (make-random-state s1))
       (l1 (loop repeat 20 collect (random 1000000 s1)))
       (l2 (loop repeat 20 collect (random 1000000 s2))))
  (print (list (equal l1 l2) (random-state-p s1) (random-state-p *random-state*) (random-state-p 5))))
(let ((counts (make-list 10 :initial-element 0)))
  (dotimes (i 10000) (incf (nth (random 10) counts)))
  (print (every (lambda (c) (< 800 c 1200)) counts)))
