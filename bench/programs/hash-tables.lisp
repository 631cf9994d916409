;;;; hash-tables: EQUAL tables with string keys and EQL tables with fixnum
;;;; keys -- GETHASH, (SETF GETHASH), REMHASH, MAPHASH, HASH-TABLE-COUNT.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 3 test 1

(defvar *size* 30)

(defparameter *syllables* #("ka" "lo" "mi" "nu" "pe" "ra" "si" "to"))

(defun make-word (n)
  "A string spelling N in base 8 with one syllable per digit."
  (let ((out (make-string-output-stream)))
    (loop do (write-string (svref *syllables* (mod n 8)) out)
             (setf n (floor n 8))
          until (zerop n))
    (get-output-stream-string out)))

(defun word-table (words)
  "Count the occurrences of each string of WORDS (a simple vector)."
  (let ((table (make-hash-table :test #'equal)))
    (dotimes (i (length words) table)
      (incf (gethash (svref words i) table 0)))))

(defun string-checksum (table)
  (let ((sum 0))
    (maphash (lambda (word count)
               (setf sum (mod (+ sum (* count (length word)) (char-code (char word 0)))
                              1000003)))
             table)
    sum))

(defun fixnum-table (n)
  "Keys i*7919 mod 100003 for i below N, mapped to i; then every third removed."
  (let ((table (make-hash-table)))
    (dotimes (i n)
      (setf (gethash (mod (* i 7919) 100003) table) i))
    (dotimes (i n)
      (when (zerop (mod i 3))
        (remhash (mod (* i 7919) 100003) table)))
    table))

(defun fixnum-checksum (table n)
  (let ((sum 0))
    (dotimes (i n)
      (multiple-value-bind (value found) (gethash (mod (* i 7919) 100003) table)
        (when found
          (setf sum (mod (+ sum value) 1000003)))))
    (+ sum (hash-table-count table))))

(defun run-hash-tables (rounds)
  (let ((words (coerce (loop for i below 30000 collect (make-word (mod (* i 31) 5000)))
                       'simple-vector))
        (sum 0))
    (dotimes (round rounds sum)
      (let ((strings (word-table words))
            (numbers (fixnum-table (+ 20000 round))))
        (setf sum (mod (+ (* sum 3)
                          (string-checksum strings)
                          (hash-table-count strings)
                          (fixnum-checksum numbers (+ 20000 round)))
                       1000003))))))

(format t "hash-tables ~d~%" (run-hash-tables *size*))
