;;; queens.lisp -- the N-queens puzzle: closures, recursion, lists, format.

(defun safe-p (column placed)
  ;; PLACED holds the columns of the queens in the rows above, nearest first.
  (loop for other in placed
        for distance from 1
        never (or (= other column)
                  (= (abs (- other column)) distance))))

(defun solutions (n)
  (let ((found nil))
    (labels ((place (row placed)
               (if (= row n)
                   (push (reverse placed) found)
                   (dotimes (column n)
                     (when (safe-p column placed)
                       (place (1+ row) (cons column placed)))))))
      (place 0 nil))
    (nreverse found)))

(defun show-board (columns)
  (dolist (column columns)
    (dotimes (i (length columns))
      (write-string (if (= i column) "Q " ". ")))
    (terpri)))

(format t "Solutions of the N-queens puzzle:~%")
(loop for n from 1 to 8
      do (format t "~2d queen~:p: ~d~%" n (length (solutions n))))
(format t "~%The first solution for 6 queens:~%")
(show-board (first (solutions 6)))
