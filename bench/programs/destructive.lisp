;;;; destructive: destructive list surgery -- NCONC, NREVERSE, DELETE,
;;;; RPLACD and NTHCDR on lists that are cut apart and spliced again.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 9000 test 10

(defvar *size* 90000)

(defparameter *pieces* 10)
(defparameter *piece-length* 40)

(defun initial-pieces ()
  (loop for i below *pieces*
        collect (loop for j below *piece-length* collect (mod (+ (* i 7) j) 11))))

(defun split-list (list n)
  "Cut LIST destructively into N pieces of (nearly) equal length."
  (let ((size (ceiling (length list) n))
        (pieces '()))
    (loop while list
          do (let ((last (nthcdr (1- size) list)))
               (push list pieces)
               (setf list (if last (prog1 (cdr last) (rplacd last nil)) nil))))
    (nreverse pieces)))

(defun refill (list total seed)
  "Push new elements onto LIST until it has TOTAL of them."
  (let ((length (length list)))
    (loop while (< length total)
          do (push (mod (+ seed length) 11) list)
             (incf length))
    list))

(defun churn (pieces round)
  (let* ((whole (nreverse (apply #'nconc pieces)))
         (fewer (delete (mod round 11) whole :count 7)))
    (split-list (refill fewer (* *pieces* *piece-length*) round) *pieces*)))

(defun run-destructive (rounds)
  (let ((pieces (initial-pieces))
        (sum 0))
    (dotimes (round rounds)
      (setf pieces (churn pieces round))
      (setf sum (mod (+ (* sum 3) (first (first pieces)) (length (car (last pieces))))
                     1000003)))
    sum))

(format t "destructive ~d~%" (run-destructive *size*))
