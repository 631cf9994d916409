;;; Proper tail calls: self, mutual, FUNCALL and APPLY in tail position,
;;; 10,000,000 iterations in constant stack.  (The loops that allocate on
;;; every step run 1,000,000 times: wasmtime's copying collector makes them
;;; slow, and a million is still a hundred times the non-tail depth limit.)

(defun count-up (i n acc)
  (if (= i n) acc (count-up (+ i 1) n (+ acc 1))))
(print (count-up 0 10000000 0))

(defun my-even-p (n) (if (= n 0) t (my-odd-p (- n 1))))
(defun my-odd-p (n) (if (= n 0) nil (my-even-p (- n 1))))
(print (list (my-even-p 10000000) (my-odd-p 10000001) (my-even-p 9999999)))

(defun loop-funcall (f n acc)
  (if (= n 0) acc (funcall f f (- n 1) (+ acc 2))))
(print (loop-funcall #'loop-funcall 10000000 0))

(defun loop-apply (n acc)
  (if (= n 0) acc (apply #'loop-apply (- n 1) (list (+ acc 3)))))
(print (loop-apply 1000000 0))

;; LABELS: mutual recursion among local functions.
(defun collatz-steps-sum (limit)
  (labels ((steps (n count)
             (cond ((= n 1) count)
                   ((evenp n) (steps (floor n 2) (+ count 1)))
                   (t (steps (+ (* 3 n) 1) (+ count 1)))))
           (outer (i total)
             (if (> i limit) total (outer (+ i 1) (+ total (steps i 0))))))
    (outer 1 0)))
(print (collatz-steps-sum 10000))

(defun ping (n) (if (<= n 0) 'ping-done (pong (- n 1))))
(defun pong (n) (if (<= n 0) 'pong-done (ping (- n 1))))
(print (list (ping 10000001) (ping 10000000)))

;; Tail calls through closures passed as arguments.
(defun trampoline-free (n k)
  (if (= n 0) (funcall k 'finished) (trampoline-free (- n 1) k)))
(print (trampoline-free 10000000 (lambda (x) (list x))))

;; Tail calls in COND, AND, OR, WHEN, CASE, PROGN, LET positions.
(defun positions-of-tail (n)
  (cond ((= n 0) :zero)
        ((= (mod n 5) 0) (let ((m (- n 1))) (positions-of-tail m)))
        ((= (mod n 5) 1) (progn (positions-of-tail (- n 1))))
        ((= (mod n 5) 2) (or nil (positions-of-tail (- n 1))))
        ((= (mod n 5) 3) (when t (positions-of-tail (- n 1))))
        (t (case (mod n 2) (0 (positions-of-tail (- n 1))) (t (positions-of-tail (- n 1)))))))
(print (positions-of-tail 1000000))

;; A state machine written as mutually tail-calling local functions.
(defun count-pattern (n)
  ;; Count the i < n with i mod 3 = 2, walking states a -> b -> c -> a.
  (labels ((a (i k) (if (= i n) k (b (+ i 1) k)))
           (b (i k) (if (= i n) k (c (+ i 1) k)))
           (c (i k) (if (= i n) k (a (+ i 1) (+ k 1)))))
    (a 0 0)))
(print (count-pattern 10000000))
(terpri)
