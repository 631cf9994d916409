;;; DO, DO*, DOLIST, DOTIMES: steps, result forms, RETURN, declarations.

(print (do ((i 0 (+ i 1))
            (acc nil (cons i acc)))
           ((= i 5) (nreverse acc))))

;; DO steps in parallel, DO* in sequence.
(print (do ((a 1 b) (b 10 a) (n 0 (+ n 1)))
           ((= n 3) (list a b))))
(print (do* ((a 1 (+ a 1)) (b a (* a 10)) (n 0 (+ n 1)))
            ((= n 3) (list a b))))

;; A variable with no step form keeps its value.
(print (do ((i 0 (+ i 1)) (fixed 'same)) ((= i 3) fixed)))

;; Fibonacci with DO.
(defun fib (n)
  (do ((i 0 (+ i 1)) (a 0 b) (b 1 (+ a b)))
      ((= i n) a)))
(print (mapcar #'fib '(0 1 2 10 20 30)))

;; RETURN from DO, DOLIST, DOTIMES.
(print (do ((i 0 (+ i 1))) (nil) (when (> (* i i) 50) (return i))))
(print (dolist (x '(1 3 5 6 7)) (when (evenp x) (return x))))
(print (dotimes (i 10) (when (= i 4) (return (list 'stopped i)))))

;; Result forms see the variable.
(print (dotimes (i 4 i)))
(print (let ((sum 0)) (dotimes (i 5 sum) (incf sum i))))
(print (let ((n 0)) (dolist (x '(a b c) n) (incf n))))
(print (dolist (x '(a b c))))

;; DOLIST over a list built as we go is safe since the list was fixed first.
(let ((xs (list 1 2 3)))
  (dolist (x xs) (push (* x 10) xs))
  (print xs))

;; Nested loops: a multiplication table as strings.
(dotimes (i 4)
  (dotimes (j 4)
    (format t "~3d" (* (+ i 1) (+ j 1))))
  (terpri))

;; Declarations in loop bodies.
(print (let ((total 0))
         (dotimes (i 100 total)
           (declare (type fixnum i))
           (incf total i))))
(print (let ((s 0))
         (dolist (x '(1 2 3))
           (declare (fixnum x))
           (setq s (+ s (* x x))))
         s))

;; GO inside the implicit tagbody of DOTIMES and DOLIST.
(print (let ((odd nil))
         (dotimes (i 10)
           (when (evenp i) (go skip))
           (push i odd)
           skip)
         (nreverse odd)))

;; DO with an empty body and a complex end test: greatest common divisor.
(defun my-gcd (a b)
  (do ((x a y) (y b (mod x y)))
      ((= y 0) x)))
(print (list (my-gcd 48 36) (my-gcd 17 5) (my-gcd 0 9)))

;; Primes below 60 by trial division.
(print (let ((primes nil))
         (do ((n 2 (+ n 1))) ((>= n 60) (nreverse primes))
           (when (dolist (p primes t)
                   (when (= 0 (mod n p)) (return nil)))
             (push n primes)))))

;; DOTIMES with a computed count evaluated once; negative count runs zero times.
(let ((evaluations 0))
  (dotimes (i (progn (incf evaluations) 3)))
  (print evaluations))
(print (let ((ran nil)) (dotimes (i -5) (setq ran t)) ran))
(terpri)
