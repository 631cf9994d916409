;;;; deriv: symbolic differentiation -- consing, CASE on symbols, MAPCAR.
;;;; *SIZE* is the number of rounds; each differentiates a few expressions.
;;;; sizes: quick 8000 test 10

(defvar *size* 80000)

(defun deriv (e)
  (cond ((atom e) (if (eq e 'x) 1 0))
        (t (ecase (first e)
             (+ (cons '+ (mapcar #'deriv (rest e))))
             (- (cons '- (mapcar #'deriv (rest e))))
             (* (list '* e (cons '+ (mapcar #'deriv-factor (rest e)))))
             (/ (list '- (list '/ (deriv (second e)) (third e))
                      (list '/ (second e)
                            (list '* (third e) (third e) (deriv (third e))))))))))

(defun deriv-factor (factor)
  (list '/ (deriv factor) factor))

(defun tree-size (tree)
  (if (consp tree)
      (+ 1 (tree-size (car tree)) (tree-size (cdr tree)))
      1))

(defparameter *expressions*
  '((+ (* 3 x x) (* a x x) (* b x) 5)
    (- (* x x x) (/ x (+ x 1)) (* 7 x))
    (* (+ x 1) (- x 2) (/ 1 x))
    (/ (* x x) (+ (* 2 x) 3))))

(defun run-deriv (rounds)
  (let ((sum 0))
    (dotimes (i rounds sum)
      (dolist (e *expressions*)
        (setf sum (mod (+ sum (tree-size (deriv e))) 1000003))))))

(format t "deriv ~d~%" (run-deriv *size*))
