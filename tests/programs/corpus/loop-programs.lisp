;;; Programs written with LOOP: primes, word frequencies, matrix product,
;;; run-length encoding, binary search, a histogram.

(defun primes-below (n)
  (let ((sieve (make-array n :initial-element t)))
    (loop for i from 2 below n
          when (svref sieve i)
            collect i
            and do (loop for j from (* i i) below n by i
                         do (setf (svref sieve j) nil)))))
(print (primes-below 100))
(print (length (primes-below 10000)))

(defun word-frequencies (words)
  (let ((counts nil))
    (loop for w in words
          for entry = (assoc w counts :test #'string=)
          do (if entry (incf (cdr entry)) (push (cons w 1) counts)))
    (sort counts (lambda (a b) (or (> (cdr a) (cdr b))
                                   (and (= (cdr a) (cdr b)) (string< (car a) (car b))))))))
(print (word-frequencies '("the" "cat" "the" "dog" "a" "cat" "the")))

(defun matrix-multiply (a b)
  (let* ((n (length a)) (m (length (first b))) (k (length b)))
    (loop for i below n
          collect (loop for j below m
                        collect (loop for x below k
                                      sum (* (nth x (nth i a)) (nth j (nth x b))))))))
(print (matrix-multiply '((1 2) (3 4)) '((5 6) (7 8))))
(print (matrix-multiply '((1 0 2)) '((1) (2) (3))))

(defun run-length-encode (list)
  (loop with result = nil
        for x in list
        do (if (and result (eql (car (first result)) x))
               (incf (cdr (first result)))
               (push (cons x 1) result))
        finally (return (nreverse result))))
(print (run-length-encode '(a a a b c c a a d)))
(print (run-length-encode (coerce "aaabccddddd" 'list)))

(defun binary-search (vector target)
  (loop with lo = 0
        with hi = (1- (length vector))
        while (<= lo hi)
        do (let ((mid (floor (+ lo hi) 2)))
             (cond ((= (svref vector mid) target) (return mid))
                   ((< (svref vector mid) target) (setq lo (1+ mid)))
                   (t (setq hi (1- mid)))))
        finally (return nil)))
(let ((v (coerce (loop for i from 0 below 100 collect (* i 3)) 'vector)))
  (print (list (binary-search v 0) (binary-search v 150) (binary-search v 297)
               (binary-search v 151))))

(defun histogram (values buckets width)
  (let ((counts (make-array buckets :initial-element 0)))
    (loop for v in values
          for b = (min (1- buckets) (floor v width))
          do (incf (svref counts b)))
    (loop for i below buckets
          do (format t "~3d-~3d | ~a~%" (* i width) (1- (* (1+ i) width))
                     (make-string (svref counts i) :initial-element #\*)))))
(histogram (loop for i below 40 collect (mod (* i 37) 50)) 5 10)

;; Collatz sequence lengths, the longest below 1000.
(defun collatz-length (n)
  (loop for x = n then (if (evenp x) (floor x 2) (1+ (* 3 x)))
        count t
        until (= x 1)))
(print (loop with best = 0 with best-n = 0
             for n from 1 below 1000
             for len = (collatz-length n)
             when (> len best) do (setq best len best-n n)
             finally (return (list best-n best))))
(terpri)
