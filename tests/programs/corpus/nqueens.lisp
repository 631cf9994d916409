;;; N-queens: count all solutions and print the first one for several board
;;; sizes, with backtracking over a vector of column positions.

(defun safep (columns row col)
  (dotimes (r row t)
    (let ((c (svref columns r)))
      (when (or (= c col) (= (abs (- c col)) (- row r)))
        (return nil)))))

(defun solve (n)
  ;; Returns the number of solutions and the first one found.
  (let ((columns (make-array n :initial-element 0)) (count 0) (first nil))
    (labels ((place (row)
               (if (= row n)
                   (progn (incf count)
                          (unless first (setq first (coerce columns 'list))))
                   (dotimes (col n)
                     (when (safep columns row col)
                       (setf (svref columns row) col)
                       (place (+ row 1)))))))
      (place 0))
    (values count first)))

(defun show-board (solution)
  (let ((n (length solution)))
    (dolist (col solution)
      (dotimes (c n)
        (write-string (if (= c col) " Q" " .")))
      (terpri))))

(dotimes (i 8)
  (let ((n (+ i 1)))
    (multiple-value-bind (count first) (solve n)
      (format t "~d queen~:p: ~d solution~:p~@[, first ~a~]~%" n count n count first))))

(multiple-value-bind (count first) (solve 6)
  (declare (ignore count))
  (show-board first))

;; All solutions of 5 queens as strings of column digits, sorted.
(defun all-solutions (n)
  (let ((columns (make-array n)) (solutions nil))
    (labels ((place (row)
               (if (= row n)
                   (push (map 'string (lambda (c) (digit-char c)) columns) solutions)
                   (dotimes (col n)
                     (when (safep columns row col)
                       (setf (svref columns row) col)
                       (place (+ row 1)))))))
      (place 0))
    (sort solutions #'string<)))
(print (all-solutions 5))
(terpri)
