;;; FORMAT: the directives ~a ~s ~d ~b ~o ~x ~r ~c ~% ~& ~~ ~{ ~} ~^ ~[ ~; ~]
;;; ~p ~* ~? with parameters and modifiers, to streams and to strings.

(format t "~a|~s|~a|~s~%" "str" "str" #\c #\c)
(format t "~a ~s ~a~%" 'sym :key '(1 "two" #\3))
(format t "[~5a][~5@a][~5s]~%" "ab" "ab" "ab")
(format t "[~10,3,2,'.a]~%" "x")
(format t "~d ~d ~d~%" 0 -42 1234567)
(format t "[~8d] [~8,'0d] [~@d] [~:d] [~,,'.,4:d]~%" 42 42 42 1234567 1234567)
(format t "~b ~o ~x ~X~%" 10 64 255 48879)
(format t "[~8,'0b] [~:x]~%" 5 305419896)
(format t "~r | ~:r | ~@r | ~:@r~%" 1234 1234 1994 1994)
(format t "~r, ~r, ~r, ~r~%" 0 13 -7 1000001)
(format t "~:r ~:r ~:r ~:r ~:r~%" 1 2 3 12 100)
(format t "~2r ~8r ~16r ~36r~%" 10 10 255 35)
(format t "~c~c~c ~:c ~@c~%" #\a #\b #\c #\Space #\x)
(format t "tilde ~~ and~%newline~%")
(format t "~&fresh-line does nothing here~%~&but one here~%")
(format t "~3%")
(format t "a~2&b~%")

;; Plurals
(dolist (n '(0 1 2))
  (format t "~d item~:p, ~d pon~:@p; " n n n n))
(terpri)

;; Iteration
(format t "~{~a~^, ~}~%" '(apples pears plums))
(format t "~{[~a ~a]~}~%" '(1 2 3 4))
(format t "~:{(~a . ~a)~}~%" '((a 1) (b 2)))
(format t "~@{~a~^ + ~}~%" 1 2 3)
(format t "~{~}~%" "~a-" '(x y))
(format t "~2{~a~}~%" '(1 2 3 4))
(format t "~{~a~}|~:{~a~}|~%" nil nil)
(format t "~:{~@{~a~}~^/~}~%" '((1 2) (3 4)))

;; Conditionals
(dolist (n '(0 1 2 5))
  (format t "~[zero~;one~;two~:;many~] " n))
(terpri)
(format t "~:[false~;true~] ~:[false~;true~]~%" nil 'x)
(format t "~@[value: ~a~]|~@[value: ~a~]~%" 42 nil)
(format t "~#[none~;one: ~a~;two: ~a ~a~:;more~]~%" 'x 'y)
(format t "~1[a~;b~;c~]~%")

;; Argument motion
(format t "~a ~:* ~a again~%" 'echo)
(format t "~a ~* ~a~%" 1 2 3)
(format t "~a ~a ~2:* ~a ~a~%" 'p 'q)
(format t "~@*~a ~a ~1@*~a~%" 'first 'second)

;; Indirection
(format t "~? / ~?~%" "~a+~a" '(1 2) "<~s>" '("q"))
(format t "~@? ~a~%" "~a~a" 'x 'y 'z)

;; Parameters from arguments
(format t "[~va] [~v,'*d] [~#d]~%" 6 'ab 5 42 7)

;; FORMAT NIL returns a string; FORMAT to a string stream.
(let ((s (format nil "~a-~d" "id" 7)))
  (print (list s (length s))))
(let ((stream (make-string-output-stream)))
  (format stream "~a~a" 1 2)
  (format stream "~%line two")
  (print (get-output-stream-string stream)))

;; A table with columns built with padding.
(dolist (row '(("apple" 3 150) ("kiwi" 12 75) ("watermelon" 1 2300)))
  (format t "~12a~4d~8d~%" (first row) (second row) (third row)))

;; Printing nested lists and strings with escapes.
(format t "~s~%" '("a \"quoted\" string" #\Newline (nested (list)) |Mixed Case|))
(format t "~a~%" '("a \"quoted\" string" #\Newline))

;; Tabulation: ~colnum,colincT and ~colrel,colinc@T by the output column.
(format t "~a~10tb~%" "abc")
(format t "~a~3tb|~a~3,4tb|~%" "abcdef" "x")
(format t "x~@ty~3@tz~%")
(format t "xy~3,4@tz~%")
(print (format nil "~a~8t~a~16t~a" 'name 'age 'city))
(dolist (row '(("apple" 3 "red") ("kiwi" 12 "green") ("watermelon" 1 "green")))
  (format t "~a~12t~3d~20t~a~%" (first row) (second row) (third row)))
(format t "~{~a~5t~}|~%" '(1 2 3))

;; Case conversion and ~W
(format t "~(HeLLo WoRLD~)|~:(hello wORLD foo-bar~)|~@(hello WORLD~)|~:@(hello world~)~%")
(format t "~@(~a~) ~(~s~)~%" "the END" 'Sym)
(format t "~{~(~a~)~^, ~}~%" '(A B C))
(format t "~:(~{~a~^ ~}~)~%" '(one two three))
(format t "~w ~w~%" "str" '(a "b"))
