;;;; triangle: peg solitaire on a triangular board -- an exhaustive search
;;;; counting every sequence of jumps that leaves one peg, on simple
;;;; vectors.  The board has 5 rows and the start hole is hole 4 (the middle
;;;; of the third row); *SIZE* is the number of searches.
;;;; sizes: quick 2 test 1

(defvar *size* 12)

(defun hole-index (row column)
  (+ (/ (* row (1+ row)) 2) column))

(defun on-board-p (rows row column)
  (and (<= 0 row) (< row rows) (<= 0 column) (<= column row)))

(defun board-moves (rows)
  "Every jump (FROM OVER TO) as a simple vector of hole indexes."
  (let ((moves '()))
    (dotimes (row rows)
      (dotimes (column (1+ row))
        (loop for (dr dc) in '((0 1) (0 -1) (1 0) (-1 0) (1 1) (-1 -1))
              when (on-board-p rows (+ row dr dr) (+ column dc dc))
                do (push (vector (hole-index row column)
                                 (hole-index (+ row dr) (+ column dc))
                                 (hole-index (+ row dr dr) (+ column dc dc)))
                         moves))))
    (coerce (nreverse moves) 'simple-vector)))

(defun count-solutions (board moves pegs)
  (if (= pegs 1)
      1
      (let ((count 0))
        (dotimes (i (length moves) count)
          (let* ((move (svref moves i))
                 (from (svref move 0))
                 (over (svref move 1))
                 (to (svref move 2)))
            (when (and (svref board from) (svref board over) (not (svref board to)))
              (setf (svref board from) nil (svref board over) nil (svref board to) t)
              (incf count (count-solutions board moves (1- pegs)))
              (setf (svref board from) t (svref board over) t (svref board to) nil)))))))

(defun run-triangle (rows)
  (let* ((holes (hole-index rows 0))
         (board (make-array holes :initial-element t)))
    (setf (svref board 4) nil)
    (count-solutions board (board-moves rows) (1- holes))))

(let ((sum 0))
  (dotimes (i *size*)
    (incf sum (run-triangle 5)))
  (format t "triangle ~d~%" sum))
