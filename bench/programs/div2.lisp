;;;; div2: halving lists by CDDR, iteratively (DO, PUSH) and recursively.
;;;; *SIZE* is the number of rounds over a list of 200 elements.
;;;; sizes: quick 25000 test 10

(defvar *size* 250000)

(defun make-count-list (n)
  (let ((list '()))
    (dotimes (i n list)
      (push '() list))))

(defun iterative-div2 (list)
  (do ((l list (cddr l))
       (a '() (push (car l) a)))
      ((null l) a)))

(defun recursive-div2 (list)
  (if (null list)
      '()
      (cons (car list) (recursive-div2 (cddr list)))))

(defun run-div2 (rounds)
  (let ((list (make-count-list 200))
        (sum 0))
    (dotimes (i rounds sum)
      (incf sum (length (iterative-div2 list)))
      (incf sum (length (recursive-div2 list))))))

(format t "div2 ~d~%" (run-div2 *size*))
