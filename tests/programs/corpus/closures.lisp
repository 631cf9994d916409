;;; Closures share assigned captured variables; closures made in loops.
(defun make-counter ()
  (let ((count 0))
    (values (lambda () (incf count))
            (lambda () count)
            (lambda (n) (setq count n)))))

(multiple-value-bind (inc get put) (make-counter)
  (funcall inc) (funcall inc)
  (format t "after two increments: ~d~%" (funcall get))
  (funcall put 10)
  (funcall inc)
  (format t "after put 10 and increment: ~d~%" (funcall get)))

(defun make-adders (n)
  (let ((adders nil))
    (dotimes (i n (nreverse adders))
      (push (lambda (x) (+ x i)) adders))))

(format t "~{~d~^ ~}~%" (mapcar (lambda (f) (funcall f 100)) (make-adders 5)))

(defun compose (&rest functions)
  (if (null functions)
      #'identity
      (let ((f (car functions)) (g (apply #'compose (cdr functions))))
        (lambda (x) (funcall f (funcall g x))))))

(print (funcall (compose #'1+ (lambda (x) (* x 2)) #'1-) 10))
(let ((acc nil))
  (mapc (lambda (x) (push (* x x) acc)) '(1 2 3 4))
  (print acc))
(terpri)
