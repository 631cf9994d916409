;;;; stream.lisp -- output streams: standard output and error output (file
;;;; descriptors 1 and 2, buffered) and string output streams.
;;;;
;;;; Provisional representation until structures exist: a stream is a simple
;;;; vector #(%OUTPUT-STREAM fd buffer fill column), fd being NIL for a
;;;; string stream, the state of a pretty stream (an instance, pprint.lisp)
;;;; or :NULL for a stream that discards its output.  Only these functions
;;;; and pprint.lisp look inside one.

(in-package "CLYSM")

(defconstant +stream-buffer-size+ 4096)

(defun %make-output-stream (fd size)
  (let ((stream (%make-vector 5 nil)))
    (%svset stream 0 '%output-stream)
    (%svset stream 1 fd)
    (%svset stream 2 (%make-string size #\Space))
    (%svset stream 3 0)
    (%svset stream 4 0)
    stream))

(defun %output-stream-p (x)
  (and (%simple-vector-p x)
       (%fx= (%vector-length x) 5)
       (%eq (%svref x 0) '%output-stream)))

(defun streamp (x) (or (%output-stream-p x) (%instance-stream-p x)))

(defun output-stream-p (x)
  ;; Input, two-way, echo and synonym streams are instances (input.lisp).
  (cond ((%output-stream-p x) t)
        ((%instance-stream-p x) (%instance-output-stream-p x))
        (t (%type-error x 'stream))))

(defun %substring (string start end)
  (%replace-chars (%make-string (%fx- end start) #\Space) 0 string start end))

(defun %stream-flush (stream)
  (let ((fd (%svref stream 1)) (fill (%svref stream 3)))
    (when (and (%fixnump fd) (%fx> fill 0))
      (%write-string fd (%substring (%svref stream 2) 0 fill))
      (%svset stream 3 0))
    nil))

(defun %stream-grow (stream)
  ;; A string stream's buffer is full: double it.
  (let* ((old (%svref stream 2))
         (n (%string-length old))
         (new (%make-string (%fx* 2 n) #\Space)))
    (%svset stream 2 (%replace-chars new 0 old 0 n))))

(defun %stream-write-char (stream char)
  (when (%array-header-p (%svref stream 1))
    (return-from %stream-write-char (%string-target-write-char stream char)))
  (let ((fill (%svref stream 3)))
    (when (%fx= fill (%string-length (%svref stream 2)))
      ;; The buffer is full (always, for a pretty stream: its descriptor is
      ;; its state, pprint.lisp).
      (let ((fd (%svref stream 1)))
        (cond ((%fixnump fd) (%stream-flush stream))
              ((null fd) (%stream-grow stream))
              ((%instancep fd) (return-from %stream-write-char (%pretty-write-char fd char)))
              (t (%svset stream 3 0))))         ; a null stream forgets it all
      (setq fill (%svref stream 3)))
    (%set-schar (%svref stream 2) fill char)
    (%svset stream 3 (%fx+ fill 1))
    (%svset stream 4 (let ((column (%svref stream 4)))
                       (cond ((%eq char #\Newline) 0)
                             ((%fx< column 1000000000) (%fx+ column 1))
                             (t column))))
    char))

(defun %stream-column (stream)
  ;; The number of characters written since the last newline.
  (let ((fd (%svref stream 1)))
    (if (%instancep fd)
        (%pretty-column fd)
        (%svref stream 4))))

(defun %stream-set-column (stream column)
  ;; For the REPL: what the terminal echoed moved the cursor.
  (%svset stream 4 column))

(defun %stream-write-string (stream string start end)
  (let ((fd (%svref stream 1)))
    (if (or (null fd) (%fixnump fd))
        (%buffer-write-string stream string start end)
        (do ((i start (%fx+ i 1)))
            ((%fx>= i end) string)
          (%stream-write-char stream (%schar string i))))))

(defun %buffer-write-string (stream string start end)
  ;; A file or string stream: copy into the buffer as much as fits, then
  ;; flush it (file) or grow it (string), until all is written.
  (do () ((%fx>= start end) string)
    (let* ((buffer (%svref stream 2))
           (fill (%svref stream 3))
           (room (%fx- (%string-length buffer) fill)))
      (if (%fx= room 0)
          (if (%fixnump (%svref stream 1)) (%stream-flush stream) (%stream-grow stream))
          (let ((n (if (%fx< (%fx- end start) room) (%fx- end start) room)))
            (%replace-chars buffer fill string start (%fx+ start n))
            (%svset stream 3 (%fx+ fill n))
            (%advance-column stream string start (%fx+ start n))
            (setq start (%fx+ start n)))))))

(defun %advance-column (stream string start end)
  ;; The column after writing STRING from START below END, as
  ;; %STREAM-WRITE-CHAR counts it: from the last newline, at most 10^9.
  (do ((i (%fx- end 1) (%fx- i 1)))
      ((%fx< i start)
       (let ((column (%fx+ (%svref stream 4) (%fx- end start))))
         (%svset stream 4 (if (%fx< column 1000000000) column 1000000000))))
    (when (%eq (%schar string i) #\Newline)
      (return (%svset stream 4 (%fx- (%fx- end i) 1))))))

(defvar *standard-output* (%make-output-stream 1 +stream-buffer-size+))
(defvar *error-output* (%make-output-stream 2 +stream-buffer-size+))
(defvar *terminal-io* *standard-output*)
(defvar *trace-output* *standard-output*)

;;; The streams the program was started with, flushed at exit whatever
;;; *standard-output* is bound to then.
(defvar *initial-output* *standard-output*)
(defvar *initial-error-output* *error-output*)

(defun %exit-hook ()
  (%stream-flush *initial-output*)
  (%stream-flush *initial-error-output*))

(defun %output-stream (designator)
  (cond ((null designator) (%output-stream-value *standard-output*))
        ((%eq designator t) (%output-stream-value *terminal-io*))
        ((%output-stream-p designator)
         ;; Keep the order of what the user sees: before error output,
         ;; standard output goes out.
         (when (%eq (%svref designator 1) 2) (%stream-flush *initial-output*))
         designator)
        ((%instance-stream-p designator)
         (%output-stream (%stream-output-target designator)))
        (t (%type-error designator 'stream))))

(defun %output-stream-value (stream)
  ;; The value of *STANDARD-OUTPUT* or *TERMINAL-IO* as an output stream.
  (if (or (null stream) (%eq stream t))
      (%type-error stream 'stream)
      (%output-stream stream)))

(defun write-char (character &optional stream)
  (%stream-write-char (%output-stream stream) (%check-character character)))

(defun write-string (string &optional stream &key (start 0) end)
  (setq string (%check-string string))
  (%stream-write-string (%output-stream stream) string start
                        (or end (%string-length string))))

(defun write-line (string &optional stream &key (start 0) end)
  (let ((stream (%output-stream stream)))
    (write-string string stream :start start :end end)
    (%stream-write-char stream #\Newline)
    string))

(defun write-sequence (sequence stream &key (start 0) end)
  ;; Character output streams only: the elements are characters.
  (let ((stream (%output-stream stream)))
    (if (%stringp sequence)
        (%stream-write-string stream sequence start (or end (%string-length sequence)))
        (let ((end (or end (length sequence))))
          (do ((i start (%fx+ i 1))) ((%fx>= i end))
            (%stream-write-char stream (%check-character (elt sequence i))))))
    sequence))

(defun terpri (&optional stream)
  (%stream-write-char (%output-stream stream) #\Newline)
  nil)

(defun fresh-line (&optional stream)
  (let ((stream (%output-stream stream)))
    (unless (%fx= (%stream-column stream) 0)
      (%stream-write-char stream #\Newline)
      t)))

(defun finish-output (&optional stream)
  (%stream-flush (%output-stream stream)))

(defun force-output (&optional stream) (finish-output stream))
(defun clear-output (&optional stream) (%output-stream stream) nil)

(defun make-string-output-stream () (%make-output-stream nil 64))

(defun get-output-stream-string (stream)
  (unless (and (%output-stream-p stream) (null (%svref stream 1)))
    (%type-error stream 'string-stream))
  (prog1 (%substring (%svref stream 2) 0 (%svref stream 3))
    (%svset stream 3 0)))

(defmacro with-output-to-string ((var &optional string &key element-type) &body body)
  (declare (ignore element-type))
  (if string
      `(let ((,var (%make-string-target-stream ,string)))
         ,@body)
      `(let ((,var (make-string-output-stream)))
         ,@body
         (get-output-stream-string ,var))))

;;; A stream into a string with a fill pointer (WITH-OUTPUT-TO-STRING with
;;; a string, FORMAT with a string destination): its fd slot holds the
;;; string, which each character extends.

(defun %make-string-target-stream (string)
  (unless (and (stringp string) (array-has-fill-pointer-p string))
    (error "~S is not a string with a fill-pointer" string))
  (%make-output-stream string 0))

(defun %string-target-write-char (stream char)
  (vector-push-extend char (%svref stream 1))
  (%svset stream 4 (if (%eq char #\Newline) 0 (%fx+ (%svref stream 4) 1)))
  char)
