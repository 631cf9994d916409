;;;; browse: a small database of symbols whose property lists hold
;;;; patterns, searched with a matcher that has single (?) and segment (*)
;;;; wildcards -- symbols, property lists, list matching, INTERN.
;;;; *SIZE* is the number of rounds of queries.
;;;; sizes: quick 200 test 2

(defvar *size* 2000)

(defvar *seed* 1)

(defun next-random (limit)
  "A small linear congruential generator: the same numbers everywhere."
  (setf *seed* (mod (+ (* *seed* 75) 74) 65537))
  (mod *seed* limit))

(defparameter *atoms* #(a b c d e f g h))

(defun random-pattern (length)
  (loop repeat length collect (svref *atoms* (next-random (length *atoms*)))))

(defun make-database (count)
  "COUNT symbols named UNIT-0, UNIT-1, ...; each has a few patterns."
  (loop for i below count
        collect (let ((symbol (intern (format nil "UNIT-~d" i))))
                  (setf (get symbol 'patterns)
                        (loop repeat (+ 2 (next-random 4))
                              collect (random-pattern (+ 4 (next-random 6)))))
                  (setf (get symbol 'weight) (next-random 100))
                  symbol)))

(defun match (pattern data)
  "True when DATA matches PATTERN: ? matches one element, * any number."
  (cond ((null pattern) (null data))
        ((eq (car pattern) '*)
         (or (match (cdr pattern) data)
             (and data (match pattern (cdr data)))))
        ((null data) nil)
        ((or (eq (car pattern) '?) (eq (car pattern) (car data)))
         (match (cdr pattern) (cdr data)))
        (t nil)))

(defun random-query ()
  (loop repeat (+ 2 (next-random 4))
        collect (case (next-random 4)
                  (0 '?)
                  (1 '*)
                  (t (svref *atoms* (next-random (length *atoms*)))))))

(defun query (database pattern)
  (let ((hits 0))
    (dolist (unit database hits)
      (dolist (data (get unit 'patterns))
        (when (match (append '(*) pattern '(*)) data)
          (incf hits (get unit 'weight)))))))

(defun run-browse (rounds)
  (let ((database (make-database 200))
        (sum 0))
    (dotimes (i rounds sum)
      (setf sum (mod (+ (* sum 7) (query database (random-query))) 1000003)))))

(format t "browse ~d~%" (run-browse *size*))
