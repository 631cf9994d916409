;;; PSETQ, PSETF, ROTATEF, SHIFTF.

(let ((a 1) (b 2) (c 3))
  (psetq a b b c c a)
  (print (list a b c))
  (print (psetq a 10 b a)))

(let ((a 1) (b 2))
  (setq a b b a)                 ; sequential: both become 2
  (print (list a b)))

(let ((x (list 1 2 3)))
  (psetf (first x) (third x) (third x) (first x))
  (print x))

(let ((a 'a) (b 'b) (c 'c) (d 'd))
  (rotatef a b c d)
  (print (list a b c d))
  (print (rotatef a b))
  (print (list a b)))

;; ROTATEF on vector elements: reverse a vector in place.
(defun reverse-in-place (v)
  (do ((i 0 (+ i 1)) (j (- (length v) 1) (- j 1)))
      ((>= i j) v)
    (rotatef (svref v i) (svref v j))))
(print (reverse-in-place (vector 1 2 3 4 5 6 7)))

;; SHIFTF returns the old value of the first place.
(let ((a 1) (b 2) (c 3))
  (print (shiftf a b c 'new))
  (print (list a b c)))

(let ((l (list 'x 'y 'z)))
  (print (shiftf (car l) (cadr l) (caddr l) 'end))
  (print l))

;; Fibonacci with SHIFTF.
(defun fib (n)
  (let ((a 0) (b 1))
    (dotimes (i n a)
      (shiftf a b (+ a b)))))
(print (mapcar #'fib '(0 1 2 3 10 25)))

;; Bubble sort with ROTATEF.
(defun bubble-sort (v)
  (let ((n (length v)))
    (dotimes (i n v)
      (dotimes (j (- n i 1))
        (when (> (svref v j) (svref v (+ j 1)))
          (rotatef (svref v j) (svref v (+ j 1))))))))
(print (bubble-sort (vector 5 3 9 1 7 2 8)))

;; PSETF with places whose subforms have side effects, evaluated in order.
(let ((v (vector 0 0 0)) (i 0))
  (psetf (svref v (incf i)) i (svref v 0) (incf i))
  (print (list v i)))
(terpri)
