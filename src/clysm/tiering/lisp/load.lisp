;;;; load.lisp -- LOAD of Lisp source text, read and evaluated form by form
;;;; with the runtime's own reader and EVAL (`clysm load FILE`).

(in-package "CLYSM")

(defvar *load-pathname* nil)
(defvar *load-truename* nil)
(defvar *load-verbose* nil)
(defvar *load-print* nil)

(defun %load-source (text name &key (print *load-print*))
  ;; Evaluate the forms of TEXT in order, as LOAD does; *PACKAGE* is
  ;; rebound, so IN-PACKAGE inside TEXT stays local to it.
  (let ((*package* *package*)
        (*load-pathname* name) (*load-truename* name)
        (eof (list :eof)))
    (with-input-from-string (stream text)
      (tagbody
       next
         (let ((form (read stream nil eof)))
           (unless (eq form eof)
             (let ((values (multiple-value-list (eval form))))
               (when print (format t "~&~{~S~^, ~}~%" values)))
             (go next)))))
    t))
