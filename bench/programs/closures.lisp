;;;; closures: closures over shared mutable variables, function
;;;; composition, and the higher-order sequence functions (MAPCAR, REDUCE,
;;;; REMOVE-IF-NOT, STABLE-SORT with :KEY, EVERY, SOME, MAP, COUNT-IF, FIND-IF).
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 1000 test 2

(defvar *size* 10000)

(defun make-counter (start step)
  "Two closures over one variable: they must see each other's updates."
  (let ((value start))
    (values (lambda () (incf value step))
            (lambda () value))))

(defun compose (&rest functions)
  (reduce (lambda (f g) (lambda (x) (funcall f (funcall g x))))
          functions))

(defun make-adders (n)
  (loop for i below n collect (let ((i i)) (lambda (x) (+ x i)))))

(defun one-round (round)
  (multiple-value-bind (step read) (make-counter round 3)
    (let* ((numbers (loop for i below 200 collect (mod (* (+ i round) 37) 101)))
           (adders (make-adders 8))
           (pipeline (apply #'compose adders))
           (mapped (mapcar pipeline numbers))
           (evens (remove-if-not #'evenp mapped))
           (sorted (stable-sort (copy-list evens) #'< :key (lambda (x) (mod x 17))))
           (vector (map 'vector (lambda (x) (* x 2)) sorted)))
      (dolist (x numbers)
        (when (> x 50)
          (funcall step)))
      (+ (reduce #'+ mapped)
         (length evens)
         (mod (reduce (lambda (acc x) (+ (* acc 3) x)) sorted :initial-value 0) 1000003)
         (count-if (lambda (x) (> x 100)) vector)
         (if (every #'integerp vector) 1 0)
         (if (some (lambda (x) (> x 1000)) vector) 1 0)
         (or (find-if (lambda (x) (> x 60)) numbers) 0)
         (funcall read)))))

(defun run-closures (rounds)
  (let ((sum 0))
    (dotimes (i rounds sum)
      (setf sum (mod (+ (* sum 5) (one-round i)) 1000003)))))

(format t "closures ~d~%" (run-closures *size*))
