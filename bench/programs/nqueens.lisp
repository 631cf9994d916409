;;;; nqueens: count the solutions of the N-queens problem by backtracking
;;;; over lists of placed columns -- LOOP, recursion, fixnum tests.
;;;; *SIZE* is N.
;;;; sizes: quick 10 test 6

(defvar *size* 12)

(defun safe-p (column placed)
  (loop for c in placed
        for distance from 1
        never (or (= c column) (= (abs (- c column)) distance))))

(defun count-queens (n row placed)
  (if (= row n)
      1
      (loop for column below n
            sum (if (safe-p column placed)
                    (count-queens n (1+ row) (cons column placed))
                    0))))

(format t "nqueens ~d ~d~%" *size* (count-queens *size* 0 '()))
