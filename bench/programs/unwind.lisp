;;;; unwind: non-local exits in loops -- CATCH/THROW through several
;;;; frames, UNWIND-PROTECT cleanups on normal and non-local exits,
;;;; RETURN-FROM out of a closure, and HANDLER-CASE around an ERROR.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 40000 test 10

(defvar *size* 400000)

(defvar *cleanups* 0)

(defun thrower (n tag)
  (if (zerop n)
      (throw tag n)
      (1+ (thrower (1- n) tag))))

(defun protected (i)
  (unwind-protect
       (if (zerop (mod i 3))
           (thrower 4 'protected)
           i)
    (incf *cleanups*)))

(defun search-with-closure (list target)
  "RETURN-FROM through a closure called by MAPC."
  (block found
    (mapc (lambda (x) (when (= x target) (return-from found x))) list)
    -1))

(defun checked-divide (a b)
  (handler-case (floor a b)
    (division-by-zero () -7)))

(defun one-round (i list)
  (+ (catch 'protected (protected i))
     (catch 'deep (thrower (mod i 6) 'deep))
     (search-with-closure list (mod i 12))
     (checked-divide i (mod i 4))))

(defun run-unwind (rounds)
  (let ((list '(1 2 3 4 5 6 7 8 9 10))
        (sum 0))
    (dotimes (i rounds)
      (setf sum (mod (+ sum (one-round i list)) 1000003)))
    (+ sum *cleanups*)))

(format t "unwind ~d~%" (run-unwind *size*))
