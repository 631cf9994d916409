;;;; load.lisp -- LOAD of Lisp source, read and evaluated form by form with
;;;; the runtime's own reader and EVAL (CLHS LOAD; `clysm load FILE`).
;;;; Files are opened as files.lisp says; *LOAD-PATHNAME* and
;;;; *LOAD-TRUENAME* are the namestring given (there are no pathnames yet).

(in-package "CLYSM")

(defvar *load-pathname* nil)
(defvar *load-truename* nil)
(defvar *load-verbose* nil)
(defvar *load-print* nil)

(defun load (filespec &key (verbose *load-verbose*) (print *load-print*)
                           (if-does-not-exist t) (external-format :default))
  ;; T once every form is evaluated; NIL for a missing file when
  ;; IF-DOES-NOT-EXIST is NIL.
  (declare (ignore external-format))
  (if (streamp filespec)
      (%load-stream filespec (%stream-file-name filespec) verbose print)
      (let* ((name (%file-namestring filespec))
             (stream (open name :if-does-not-exist nil)))
        (cond (stream
               (with-open-stream (stream stream)
                 (%load-stream stream name verbose print)))
              (if-does-not-exist
               (%file-error name "Couldn't load ~S: file does not exist." name))
              (t nil)))))

(defun %stream-file-name (stream)
  (and (%instance-stream-p stream)
       (%eq (%stream-type stream) 'file-stream)
       (%file-stream-name stream)))

(defun %load-stream (stream name verbose print)
  ;; Evaluate the forms read from STREAM in order.  *PACKAGE* and
  ;; *READTABLE* are rebound, so that IN-PACKAGE or a readtable change in
  ;; the file stays local to it.
  (when verbose (format t "~&;; loading ~S~%" name))
  (let ((*readtable* *readtable*)
        (*package* *package*)
        (*load-pathname* name)
        (*load-truename* name)
        (eof (list :eof)))
    (loop
      (let ((form (read stream nil eof)))
        (when (eq form eof) (return t))
        (let ((values (multiple-value-list (eval form))))
          (when print (format t "~&;; ~{~S~^, ~}~%" values)))))))

(defun %load-source (text name &key (print *load-print*))
  ;; LOAD of the source TEXT, as if read from a file named NAME.
  (with-input-from-string (stream text)
    (%load-stream stream name nil print)))
