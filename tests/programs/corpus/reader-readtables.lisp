;;; Readtables at run time: reader macros for [ ] and #{ }, copies of
;;; readtables, GET-MACRO-CHARACTER, SET-SYNTAX-FROM-CHAR, READTABLE-CASE,
;;; and macro functions that return no values.
(defvar *original* *readtable*)
(print (readtablep *readtable*))
(print (readtablep (copy-readtable)))
(print (readtablep 'x))
(print (eq (copy-readtable) *readtable*))

;;; [a b c] reads as (LIST a b c)
(defun read-bracket (stream char)
  (declare (ignore char))
  (cons 'list (read-delimited-list #\] stream t)))

(let ((*readtable* (copy-readtable)))
  (set-macro-character #\[ #'read-bracket)
  (set-macro-character #\] (get-macro-character #\)))
  (print (read-from-string "[1 2 [3 4] x]"))
  (print (read-from-string "(a[b]c)"))
  (print (multiple-value-list (read-from-string "[]rest")))
  (print (multiple-value-list (get-macro-character #\[)))
  (print (handler-case (read-from-string "]") (reader-error () :unmatched))))

;;; The copy above did not change the current readtable.
(print (read-from-string "[1 2]"))
(print (multiple-value-list (get-macro-character #\[)))
(print (second (multiple-value-list (get-macro-character #\#))))
(print (second (multiple-value-list (get-macro-character #\())))

;;; #{a b} reads as a vector of the squares of the numbers.
(defun read-squares (stream sub-char argument)
  (declare (ignore sub-char argument))
  (let ((items (read-delimited-list #\} stream t)))
    (coerce (mapcar (lambda (x) (* x x)) items) 'simple-vector)))

(let ((*readtable* (copy-readtable nil)))
  (set-dispatch-macro-character #\# #\{ #'read-squares)
  (set-macro-character #\} (get-macro-character #\)))
  (print (read-from-string "#{1 2 3}"))
  (print (read-from-string "(x #{4 5} y)"))
  (print (eq (get-dispatch-macro-character #\# #\{) #'read-squares)))
(print (get-dispatch-macro-character #\# #\{))

;;; A dispatch macro that uses its numeric argument.
(let ((*readtable* (copy-readtable)))
  (set-dispatch-macro-character
   #\# #\?
   (lambda (stream sub-char argument)
     (declare (ignore sub-char))
     (list :repeat (or argument 1) (read stream t nil t))))
  (print (read-from-string "#?x"))
  (print (read-from-string "#12?(a b)"))
  (print (read-from-string "#3?#3?y")))

;;; A new dispatching macro character.
(let ((*readtable* (copy-readtable)))
  (make-dispatch-macro-character #\!)
  (set-dispatch-macro-character #\! #\n (lambda (s c a) (declare (ignore s c a)) :nothing))
  (set-dispatch-macro-character #\! #\q (lambda (s c a) (declare (ignore c a))
                                          (list 'quote (read s t nil t))))
  (print (read-from-string "(!n !N !q foo)"))
  (print (handler-case (read-from-string "!x") (reader-error () :undefined-sub-char))))

;;; A macro character that reads nothing: a comment up to the next %.
(let ((*readtable* (copy-readtable)))
  (set-macro-character #\% (lambda (stream char)
                             (declare (ignore char))
                             (loop for c = (read-char stream) until (char= c #\%))
                             (values)))
  (print (read-from-string "(a %this is skipped% b %and this% c)")))

;;; A non-terminating macro character is a constituent inside a token.
(let ((*readtable* (copy-readtable)))
  (set-macro-character #\$ (lambda (stream char)
                             (declare (ignore char))
                             (list 'dollars (read stream t nil t)))
                       t)
  (print (read-from-string "($5 a$b $x)")))

;;; A string delimiter made from another character's syntax.
(let ((*readtable* (copy-readtable)))
  (set-syntax-from-char #\! #\")
  (print (read-from-string "!a string!"))
  (set-syntax-from-char #\_ #\Space)
  (print (read-from-string "(a_b_c)")))

;;; SET-MACRO-CHARACTER into an explicit readtable.
(let ((table (copy-readtable)))
  (set-macro-character #\@ (lambda (s c) (declare (ignore c)) (list 'at (read s t nil t)))
                       nil table)
  (print (let ((*readtable* table)) (read-from-string "@foo")))
  (print (read-from-string "@foo")))

;;; COPY-READTABLE into an existing readtable.
(let ((a (copy-readtable)) (b (copy-readtable)))
  (set-macro-character #\^ (lambda (s c) (declare (ignore s c)) :caret) nil a)
  (copy-readtable a b)
  (print (let ((*readtable* b)) (read-from-string "(^ ^)"))))

;;; Readtable case (printed under the standard readtable: the printer
;;; follows the readtable case too).
(dolist (mode '(:upcase :downcase :preserve :invert))
  (print (list mode
               (let ((*readtable* (copy-readtable)))
                 (setf (readtable-case *readtable*) mode)
                 (list (readtable-case *readtable*)
                       (mapcar #'symbol-name
                               (read-from-string "(hello HELLO Hello |hello| h\\i)")))))))
(print (readtable-case *readtable*))
(print (eq *readtable* *original*))
