;;; Output streams: *STANDARD-OUTPUT* rebound to a string stream captures
;;; PRINT, FORMAT T and WRITE-STRING; string streams; FRESH-LINE tracking.

(defun noisy (x)
  (format t "format-t ~a;" x)
  (princ "princ;")
  (write-string "write-string;")
  (print x)
  (terpri)
  x)

(let ((captured (with-output-to-string (*standard-output*) (noisy 'inside))))
  (format t "captured: ~s~%" captured))

(let ((s (make-string-output-stream)))
  (let ((*standard-output* s)) (noisy 'rebound))
  (format t "from the stream: ~s~%" (get-output-stream-string s))
  (format t "and again (now empty): ~s~%" (get-output-stream-string s)))

;; Explicit stream arguments.
(let ((s (make-string-output-stream)))
  (write-char #\[ s)
  (prin1 "q" s)
  (princ 42 s)
  (write-line "" s)
  (format s "~d~%" 7)
  (fresh-line s)
  (write-string "end" s)
  (fresh-line s)
  (fresh-line s)
  (print (get-output-stream-string s)))

;; FORMAT NIL inside a capture does not write to the captured stream.
(print (with-output-to-string (*standard-output*)
         (princ (format nil "~a+~a" 1 2))
         (princ (format nil "!"))))

;; Nested captures.
(print (with-output-to-string (outer)
         (write-string "a" outer)
         (let ((inner (with-output-to-string (*standard-output*)
                        (write-string "b")
                        (write-string (with-output-to-string (*standard-output*)
                                        (write-string "c"))))))
           (write-string inner outer)
           (write-string "d" outer))))

;; WRITE-STRING and WRITE-LINE with :START and :END.
(write-string "0123456789" *standard-output* :start 2 :end 5)
(terpri)
(write-line "abcdef" *standard-output* :start 3)

;; FRESH-LINE on standard output.
(princ "no newline yet")
(fresh-line)
(fresh-line)
(princ "after one fresh-line")
(terpri)

;; A function that builds a report into any stream it is given.
(defun report-to (stream items)
  (format stream "~&~d item~:p:~%" (length items))
  (dolist (item items) (format stream "  - ~a~%" item)))
(report-to t '(apple pear))
(print (with-output-to-string (s) (report-to s '(one))))
(terpri)

;; WRITE-SEQUENCE of strings and of lists and vectors of characters.
(write-sequence "abcdef" *standard-output* :start 1 :end 4)
(write-sequence '(#\- #\>) *standard-output*)
(write-sequence (vector #\x #\y #\z) *standard-output* :start 1)
(terpri)
(print (with-output-to-string (s) (write-sequence "captured" s) (finish-output s) (force-output s)))
(terpri)

;; A string stream's buffer grows by copying; strings written whole and in
;; pieces land at the right places, columns counted from the last newline.
(let ((s (make-string-output-stream)))
  (dotimes (i 40) (write-string "abcdefghij" s :start (mod i 3) :end (+ 5 (mod i 5))))
  (write-string (format nil "x~%yz") s)
  (write-char #\! s)
  (let ((text (get-output-stream-string s)))
    (print (list (length text) (subseq text 0 30) (subseq text (- (length text) 12))
                 (get-output-stream-string s)))))
