;;; The reader in macro expanders: READ-FROM-STRING, WITH-INPUT-FROM-STRING
;;; and a private readtable at macroexpansion time.
(defmacro from-text (text) (read-from-string text))
(print (from-text "(list 1 2 (car '(a b)) :k #\\x \"s\" #(1 2) 1/2 1.5 #x1F)"))

(defmacro define-getters (&rest names)
  `(progn
     ,@(mapcar (lambda (name)
                 `(defun ,(read-from-string (concatenate 'string "get-" (symbol-name name)))
                      (plist)
                    (getf plist ,(read-from-string (concatenate 'string ":" (symbol-name name))))))
               names)))
(define-getters width height)
(print (list (get-width '(:width 3 :height 4)) (get-height '(:width 3 :height 4))))

(defmacro lines-of (text)
  `(quote ,(with-input-from-string (s text)
             (loop for line = (read-line s nil) while line collect line))))
(print (lines-of "first line
second line"))

(defmacro forms-of (text)
  `(quote ,(with-input-from-string (s text)
             (loop for x = (read s nil :eof) until (eq x :eof) collect x))))
(print (forms-of "a :b cl::car #(1) #+sbcl yes #+clysm yes #-(or sbcl clysm) no 1.5d0 #x10 \"s\""))

(defmacro with-bang-quote (text)
  (let ((*readtable* (copy-readtable)))
    (set-macro-character #\! (lambda (s c) (declare (ignore c)) (list 'quote (read s t nil t))))
    (read-from-string text)))
(print (with-bang-quote "(list !a !(b c))"))
(print (eval (read-from-string "(from-text \"(+ 1 2)\")")))
