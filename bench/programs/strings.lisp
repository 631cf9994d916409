;;;; strings: building strings with string output streams (WRITE-STRING,
;;;; WRITE-CHAR, PRINC of numbers, WITH-OUTPUT-TO-STRING), then walking
;;;; them with CHAR, SEARCH, SUBSEQ, STRING-UPCASE and STRING=.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 60 test 1

(defvar *size* 600)

(defun string-hash (string)
  "A hash computed the same way everywhere (SXHASH differs between Lisps)."
  (let ((h 0))
    (dotimes (i (length string) h)
      (setf h (mod (+ (* h 31) (char-code (char string i))) 1000003)))))

(defun build-report (n)
  "One long string: N numbered lines of words and numbers."
  (with-output-to-string (out)
    (dotimes (i n)
      (write-string "line " out)
      (princ i out)
      (write-char #\: out)
      (dotimes (j (mod i 7))
        (write-char #\Space out)
        (write-string (if (evenp j) "alpha" "beta") out))
      (write-char #\Space out)
      (princ (* i i) out)
      (terpri out))))

(defun count-occurrences (needle haystack)
  (let ((count 0) (start 0))
    (loop for position = (search needle haystack :start2 start)
          while position
          do (incf count)
             (setf start (1+ position)))
    count))

(defun split-lines (string)
  (let ((lines '()) (start 0))
    (loop for end = (position #\Newline string :start start)
          while end
          do (push (subseq string start end) lines)
             (setf start (1+ end)))
    (nreverse lines)))

(defun join-upcased (lines)
  (let ((out (make-string-output-stream)))
    (dolist (line lines)
      (when (> (length line) 20)
        (write-string (string-upcase line :end 10) out)
        (write-char #\| out)))
    (get-output-stream-string out)))

(defun one-round (i)
  (let* ((report (build-report (+ 300 (mod i 50))))
         (lines (split-lines report))
         (upcased (join-upcased lines)))
    (+ (string-hash report)
       (count-occurrences "alpha beta" report)
       (length lines)
       (string-hash upcased)
       (if (string= (first lines) "line 0: 0") 1 0))))

(defun run-strings (rounds)
  (let ((sum 0))
    (dotimes (i rounds sum)
      (setf sum (mod (+ (* sum 7) (one-round i)) 1000003)))))

(format t "strings ~d~%" (run-strings *size*))
