;;;; FORMAT's pretty printing directives: ~< ~:> logical blocks (prefix,
;;;; per-line prefix, suffix, ~:@> fill mode, ~@< on the remaining
;;;; arguments), ~_ ~:_ ~@_ ~:@_, ~I ~:I, ~:T ~@:T and ~T in blocks, ~W,
;;;; ~/name/; ~< ~> justification with ~; and the ~:; overflow segment; ~A
;;;; and ~S printing straight to the stream.

(defparameter *words* '(alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu))

(defun show (control &rest arguments)
  (apply #'format t control arguments)
  (terpri))

(dolist (width '(25 45))
  (let ((*print-right-margin* width))
    (format t "--- ~D~%" width)
    (show "~:<~W~^ ~:I~@{~W~^ ~_~}~:>" *words*)
    (show "~:<~W~^ ~:I~@{~W~^ ~:_~}~:>" *words*)
    (show "~@<~W~^ ~:I~@{~W~^ ~:_~}~:>" 'first 'second 'third 'fourth 'fifth 'sixth 'seventh)
    (show "~<;;; ~@;~@{~W~^ ~:_~}~:>" *words*)
    (show "~<[~;~@{~W~^ ~:_~}~;]~:>" *words*)
    (show "~:@<~W aaaa bbbbbbbbbbbb ccccccccc ddddddddddd eeeeeeeeeeeeeee~:@>" '(x))
    (show "~:<~W~^~3I ~_~W~1I~@{ ~_~W~}~:>" '(when (> a b) (foo a) (bar b) (baz a b)))
    (show "xx ~:<~W~^ ~@_~W~^ ~:@_~W~:>" '(a b c))
    (show "~/pprint-fill/" *words*)
    (show "~:/pprint-linear/" *words*)
    (show "~:/pprint-tabular/" '(aaa bbbbbbbbbbbb c ddddddddddd e))
    (show "~@/pprint-tabular/" '(aaa bbbbbbbbbbbb c ddddddddddd e))
    (show "~4:/pprint-tabular/" '(aaa bbbbbbbbbbbb c ddddddddddd e))
    (show "~:<~W ~:T~W ~:T~W ~:@T~W~:>" '(aaa b ccccccc d))
    (show "~:<~W ~1,5:T~W ~:T~W ~3,4:@T~W~:>" '(aaa b ccccccc d))
    (show "~:<~W ~5T~W ~8,3T~W ~3@T~W ~:@T~:>" '(aaa b ccccccc d))
    (show "xx~:<~W ~2T~W ~4,3T~W ~3,4@T~W ~:@T~:>" '(aaa b ccccccc d))))

;; *PRINT-LENGTH* and dotted lists in a block; ~^ leaves the block
(let ((*print-length* 2)) (show "~:<~W~^ ~:I~@{~W~^ ~_~}~:>" *words*))
(show "~:<~W~^ ~:I~@{~W~^ ~_~}~:>" '(cond aaaaaaaaa bbbbbbbbbbbb . ddddddddddd))
(show "~:<~@{~W~^, ~}~:> and ~A" '(1 2 3) 'more)
(show "~:<~W~:>" 'not-a-list)

;; ~W, ~:W, ~@W
(let ((*print-pretty* nil) (*print-length* 2))
  (show "~W | ~:W | ~@W" '(1 2 3) '(quote x) '(1 2 3)))
(show "~W" (loop for i below 30 collect (* i 100)))

;; ~/name/ with parameters and modifiers
(defun bracket (stream argument colon at &rest parameters)
  (format stream "[~A~:[~; colon~]~:[~; at~] ~S]" argument colon at parameters))
(show "~/bracket/ ~:/bracket/ ~@/bracket/ ~3,'x:@/bracket/" 1 2 3 4)
(show "~/cl-user::bracket/" 5)

;; Justification
(show "~10<a~;b~^c~;d~>|")
(show "~10<a~;b~^c~;d~>|" 1)
(show "~20<a~;~A~;d~>|" 1)
(show "~20:<a~;~A~;d~>|" 1)
(show "~20@<a~;~A~;d~>|" 1)
(show "~20:@<a~;~A~;d~>|" 1)
(show "~20<abc~>|~20:<abc~>|~20@<abc~>|")
(show "~20,5,3,'*<abc~;def~>|~7,5,3,'*<abc~;def~>|")
(show "~<~>|~5<~>|")
(show "~10<~a~;~a~;~a~>|" 1 2 3)
(show "~11<~a~;~a~;~a~;~a~>|" 1 2 3 4)
(show "~13<~a~;~a~;~a~;~a~>|" 1 2 3 4)
(show ";; ~{~<~%;; ~1:; ~S~>~^,~}." '(aaaaaaaaaa bbbbbbbbbbbbb cccccccccccc dddddddddddd
                                      eeeeeeeeeeeeeee fffffffffffff gggggggggggg hhhhhhhhhhh))
(show ";; ~{~<~%;; ~1,30:; ~S~>~^,~}." '(aaaaaaaaaa bbbbbbbbbbbbb cccccccccccc dddddddddddd
                                         eeeeeeeeeeeeeee fffffffffffff gggggggggggg))
(princ (format nil ";; ~{~<~%;; ~1:; ~S~>~^,~}." '(aaaaaaaaaa bbbbbbbbbbbbb cccccccccccc
                                                   dddddddddddd eeeeeeeeeeeeeee fffffffffffff)))
(terpri)

;; ~A and ~S go to the stream, where the pretty printer knows the column
(show "abc ~A" (loop for i below 30 collect (* i 1000)))
(show "~A ~S ~D" "x" (loop for i below 25 collect (* i 1000)) (loop for i below 25 collect i))
(show "~5D|~5,'xD|~5X|~5F|~5$|~5E|" 'a 'b "c" 'd 'e 'f)
(show "~9F|~9E|~9G|~9$|~9,2,3,'x$|" #c(1 2) #c(1 2) #c(1 2) #c(1 2) #c(1 2))
(show "~:A|~:S|~A" nil nil nil)

;; FORMAT T writes to *STANDARD-OUTPUT*, whatever stream that is
(let ((*standard-output* (make-synonym-stream '*terminal-io*)))
  (format t "via a synonym stream~%"))
(let* ((out (make-string-output-stream))
       (*standard-output* (make-two-way-stream (make-string-input-stream "") out)))
  (format t "via a two-way stream")
  (show "~S" (get-output-stream-string out)))

;; FORMATTER, and ~? with a FORMATTER function
(let ((f (formatter "~A-~A")))
  (print (multiple-value-list (funcall f *standard-output* 1 2 3 4)))
  (print (format nil "x ~? y" f '(5 6)))
  (print (format nil "x ~@? y ~A" f 7 8 9))
  (terpri)
  (format t f 10 11)
  (print (format nil f 12 13)))
(print (format nil "~? ~A" "<~A ~A>" '(1 2) 3))
(print (format nil "~@? ~A" "<~A ~A>" 1 2 3))
(print (funcall (formatter "~{~A~^,~}") *standard-output* '(1 2 3) 'rest))
(let ((*print-right-margin* 20))
  (funcall (formatter "~%~:<~@{~W~^ ~_~}~:>") t '(aaaa bbbb cccc dddd eeee ffff)))
(terpri)
