;;; Bad syntax read at run time signals READER-ERROR; the input ending
;;; inside an object signals END-OF-FILE, even when EOF-ERROR-P is false.
(defun outcome (string &rest args)
  (handler-case (list :read (apply #'read-from-string string args))
    (end-of-file (c)
      (list :end-of-file (typep c 'reader-error) (streamp (stream-error-stream c))))
    (reader-error (c)
      (list :reader-error (typep c 'parse-error) (typep c 'stream-error)
            (streamp (stream-error-stream c))))
    (error () (list :other-error))))

(dolist (string '(")" "(a b" "(a b" "(" "\"abc" "|abc" "a\\" "#\\" "'" "`" "#'"
                  ",a" "`,@a" "`(a . ,@b)" "#+" "#+foo" "#+foo a" "#z" "#<x>"
                  "# a" "#)" "#1#" "#=" "##" "#1=#1#" "(#1=a #1=b)" "#|abc" "#| #| |#"
                  "a:" "a: " "cl:" ":" "a:::b" "a:b:c" "cl:no-such-symbol-here"
                  "no-such-package:x" "no-such-package::x" "#:a:b" "#:12" "#:a::b"
                  "." ". " "(. a)" "(a .)" "(a . b c)" "(a . b . c)" ".." "..."
                  "#\\NoSuchName" "#\\U+12xyz" "#x(1)" "#xg" "#b2"
                  "#r10" "#1r0" "#37r0" "#c(1)" "#c(1 2 3)" 
                  "#a(1)" "#3(1 2 3 4)" "#2()" "#s(point)" "1/0" "-3/0"
                  
                  "#\\a#\\b"))
  (prin1 string)
  (write-string " => ")
  (prin1 (outcome string))
  (terpri))

(print (outcome "(a b" nil :eof))
(print (outcome "\"abc" nil :eof))
(print (outcome "" nil :eof))
(print (outcome "  ; comment" nil :eof))
(print (outcome ""))
(print (outcome "   "))
(print (let ((*read-eval* nil)) (outcome "#.(+ 1 2)")))
(print (let ((*read-eval* t)) (outcome "#.(+ 1 2)")))
(print (let ((*read-suppress* t)) (outcome "(a b #z c)")))
(print (let ((*read-suppress* t)) (outcome "#\\NoSuchName")))
(print (let ((*read-suppress* t)) (outcome "no-such-package:x")))
(print (let ((*read-suppress* t)) (outcome "(#1=a #1=b)")))
(print (handler-case (read-from-string ")")
         (error (c) (list (typep c 'reader-error) (typep c 'error)))))
(print (handler-case (read-from-string "(")
         (error (c) (list (typep c 'end-of-file) (typep c 'stream-error)))))
