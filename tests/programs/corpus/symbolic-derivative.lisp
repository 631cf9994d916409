;;; Symbolic differentiation and simplification of algebraic expressions.

(defun variablep (e) (symbolp e))
(defun same-variable-p (a b) (and (variablep a) (variablep b) (eq a b)))
(defun op (e) (first e))
(defun args (e) (rest e))

(defun make-sum (a b)
  (cond ((and (numberp a) (numberp b)) (+ a b))
        ((eql a 0) b)
        ((eql b 0) a)
        ((equal a b) (make-product 2 a))
        (t (list '+ a b))))

(defun make-product (a b)
  (cond ((and (numberp a) (numberp b)) (* a b))
        ((or (eql a 0) (eql b 0)) 0)
        ((eql a 1) b)
        ((eql b 1) a)
        ((and (numberp b) (not (numberp a))) (make-product b a))
        ((and (numberp a) (consp b) (eq (op b) '*) (numberp (second b)))
         (make-product (* a (second b)) (third b)))
        (t (list '* a b))))

(defun make-difference (a b)
  (cond ((and (numberp a) (numberp b)) (- a b))
        ((eql b 0) a)
        ((equal a b) 0)
        (t (list '- a b))))

(defun make-power (base n)
  (cond ((eql n 0) 1)
        ((eql n 1) base)
        (t (list 'expt base n))))

(defun deriv (e x)
  (cond ((numberp e) 0)
        ((variablep e) (if (same-variable-p e x) 1 0))
        (t (ecase (op e)
             (+ (make-sum (deriv (second e) x) (deriv (third e) x)))
             (- (make-difference (deriv (second e) x) (deriv (third e) x)))
             (* (make-sum (make-product (second e) (deriv (third e) x))
                          (make-product (deriv (second e) x) (third e))))
             (expt (make-product (make-product (third e) (make-power (second e) (- (third e) 1)))
                                 (deriv (second e) x)))
             (sin (make-product (list 'cos (second e)) (deriv (second e) x)))
             (cos (make-product (make-product -1 (list 'sin (second e))) (deriv (second e) x)))))))

(defun evaluate (e bindings)
  (cond ((numberp e) e)
        ((variablep e) (cdr (assoc e bindings)))
        (t (let ((a (evaluate (second e) bindings))
                 (b (and (third e) (evaluate (third e) bindings))))
             (ecase (op e)
               (+ (+ a b)) (- (- a b)) (* (* a b)) (expt (expt a b)))))))

(defparameter *expressions*
  '(x
    5
    (+ x 3)
    (* x y)
    (* (* x y) (+ x 3))
    (expt x 3)
    (+ (* 3 (expt x 2)) (* 2 x))
    (- (expt x 4) (* x x))
    (sin (* 2 x))
    (* x (cos x))))

(dolist (e *expressions*)
  (format t "d/dx ~s = ~s~%" e (deriv e 'x)))

(format t "~%values at x=3, y=5:~%")
(dolist (e '((+ x 3) (* x y) (expt x 3) (+ (* 3 (expt x 2)) (* 2 x)) (- (expt x 4) (* x x))))
  (let ((d (deriv e 'x)) (env '((x . 3) (y . 5))))
    (format t "~s: f = ~d, f' = ~d~%" e (evaluate e env) (evaluate d env))))

;; Higher derivatives of a polynomial.
(let ((e '(expt x 5)))
  (dotimes (i 6)
    (format t "~:r derivative: ~s~%" (+ i 1) (setq e (deriv e 'x)))))
