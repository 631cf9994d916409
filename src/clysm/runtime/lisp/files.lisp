;;;; files.lisp -- files (CLHS 20, 21): OPEN for input and probing, file
;;;; streams, WITH-OPEN-FILE, PROBE-FILE.
;;;;
;;;; Pathnames do not exist yet: a file is named by a string, its namestring,
;;;; and PROBE-FILE returns that string.  Files are reached through the
;;;; directories the host preopened for WASI (backend/kernel/files.py): on
;;;; node and wasmtime the current directory (named ".") and the root ("/").
;;;; A relative name is looked up in ".", an absolute one in the preopen
;;;; whose name is its longest directory prefix.  Only input is supported.
;;;;
;;;; A file stream is an fd-input-stream (input.lisp) with one more slot,
;;;; its namestring: #<fd buffer index fill pending-bytes eof-p name>.

(in-package "CLYSM")

(eval-when (:compile-toplevel :load-toplevel :execute)
  (%define-layout 'file-stream '(fd-input-stream) nil :stream))

(define-condition simple-file-error (simple-condition file-error) ())

(defun %make-file-stream (fd name)
  (%make-stream 'file-stream fd "" 0 0 "" nil name))

(defun %file-stream-name (stream) (%instance-ref stream 7))

;;; Preopened directories: an alist (name . fd), found at the first use.

(defvar *preopens* :unknown)

(defun %preopens ()
  (when (%eq *preopens* :unknown)
    (setq *preopens* (%scan-preopens)))
  *preopens*)

(defun %scan-preopens ()
  ;; WASI numbers the preopened directories from 3 on, without gaps.
  (do ((fd 3 (%fx+ fd 1))
       (result nil))
      (nil)
    (let ((name (%preopen-name fd)))
      (unless name (return (nreverse result)))
      (push (cons (%utf-8-string name) fd) result))))

(defun %utf-8-string (bytes)
  ;; The string that the UTF-8 byte codes BYTES encode.
  (multiple-value-bind (chars count) (%decode-utf-8 bytes t)
    (%substring chars 0 count)))

(defun %absolute-name-p (name)
  (and (%fx> (%string-length name) 0) (%eq (%schar name 0) #\/)))

(defun %resolve-file (name)
  ;; (values dirfd relative-name) of the file NAME, or NIL if no preopened
  ;; directory holds it.
  (if (%absolute-name-p name)
      (%resolve-absolute name)
      (let ((dot (assoc "." (%preopens) :test #'string=)))
        (and dot (values (cdr dot) name)))))

(defun %resolve-absolute (name)
  ;; The preopen whose name is the longest directory prefix of NAME.
  (let ((best nil) (best-length -1))
    (dolist (preopen (%preopens))
      (let* ((dir (string-right-trim "/" (car preopen)))
             (n (%string-length dir)))
        (when (and (%absolute-name-p (car preopen))
                   (%fx> n best-length)
                   (%string-prefix-p dir name)
                   (or (%fx= n (%string-length name)) (%eq (%schar name n) #\/)))
          (setq best preopen best-length n))))
    (and best (values (cdr best) (%name-below name best-length)))))

(defun %name-below (name start)
  ;; NAME from START on, without leading slashes; "." if nothing is left.
  (let ((end (%string-length name)))
    (do () ((or (%fx>= start end) (not (%eq (%schar name start) #\/))))
      (setq start (%fx+ start 1)))
    (if (%fx= start end) "." (%substring name start end))))

;;; Opening

(defconstant +errno-noent+ 44)
(defconstant +errno-notcapable+ 76)

(defun %errno-message (errno)
  (case errno
    (2 "Permission denied")
    (31 "Is a directory")
    (44 "No such file or directory")
    (54 "Not a directory")
    (63 "Operation not permitted")
    (76 "Not reachable: the host gives no access to it")
    (t (format nil "WASI error ~D" errno))))

(defun %open-fd (name)
  ;; A descriptor open on the file NAME for reading, or minus an error number.
  (multiple-value-bind (dirfd relative) (%resolve-file name)
    (if dirfd
        (%open-file dirfd relative)
        (- +errno-notcapable+))))

(defun %file-error (name format-control &rest format-arguments)
  (error 'simple-file-error :pathname name
                            :format-control format-control
                            :format-arguments format-arguments))

(defun %file-namestring (filespec)
  ;; The namestring of a pathname designator: a string or a file stream.
  (cond ((stringp filespec) (%check-string filespec))
        ((and (%instance-stream-p filespec) (%eq (%stream-type filespec) 'file-stream))
         (%file-stream-name filespec))
        (t (%type-error filespec '(or string file-stream)))))

(defun open (filespec &key (direction :input) (element-type 'character)
                           if-exists (if-does-not-exist nil if-does-not-exist-p)
                           (external-format :default))
  ;; Files are read as UTF-8 text.
  (declare (ignore element-type if-exists external-format))
  (let ((name (%file-namestring filespec)))
    (unless (member direction '(:input :probe))
      (%file-error name "OPEN ~S with :DIRECTION ~S: only :INPUT and :PROBE are supported"
                   name direction))
    (unless if-does-not-exist-p
      (setq if-does-not-exist (if (%eq direction :probe) nil :error)))
    (let ((fd (%open-fd name)))
      (cond ((>= fd 0)
             (let ((stream (%make-file-stream fd name)))
               (when (%eq direction :probe) (close stream))
               stream))
            ((/= fd (- +errno-noent+))
             (%file-error name "Cannot open ~S: ~A." name (%errno-message (- fd))))
            (if-does-not-exist (%file-error name "The file ~S does not exist." name))
            (t nil)))))

(defun probe-file (pathspec)
  ;; The file's name if it exists (a string: there are no pathnames yet).
  (let ((stream (open pathspec :direction :probe)))
    (and stream (%file-stream-name stream))))

(defmacro with-open-file ((var filespec &rest options) &body body)
  (multiple-value-bind (forms decls) (%parse-body body nil)
    `(let ((,var (open ,filespec ,@options)))
       ,@decls
       (unwind-protect (progn ,@forms)
         (when ,var (close ,var))))))
