;;;; input.lisp -- input streams (CLHS 21): string input streams, standard
;;;; input (file descriptor 0, decoded from UTF-8), two-way, echo,
;;;; concatenated and synonym streams; READ-CHAR, PEEK-CHAR, UNREAD-CHAR,
;;;; READ-LINE, READ-CHAR-NO-HANG, LISTEN, CLEAR-INPUT, READ-SEQUENCE;
;;;; STREAMP and the other stream predicates for every kind of stream.
;;;;
;;;; These streams are instances (layout.lisp) whose layouts have kind
;;;; :STREAM; slot 0 of each is its open flag.  Output streams are still the
;;;; simple vectors of stream.lisp; a two-way, echo or synonym stream writes
;;;; through its output stream (%OUTPUT-STREAM in stream.lisp resolves it).
;;;;
;;;; The internal protocol on a resolved input stream: %IN-READ-CHAR returns
;;;; the next character or NIL at end of file, %IN-UNREAD-CHAR puts back the
;;;; character just read, %IN-LISTEN and %IN-CLEAR-INPUT.  The standard
;;;; functions add designators, end-of-file handling and peeking.

(in-package "CLYSM")

;;; Stream types (at compile time too: macros may read from strings)

(eval-when (:compile-toplevel :load-toplevel :execute)
  (%define-layout 'string-stream nil nil :stream)
  (%define-layout 'string-input-stream '(string-stream) nil :stream)
  (%define-layout 'fd-input-stream nil nil :stream)
  (%define-layout 'two-way-stream nil nil :stream)
  (%define-layout 'echo-stream nil nil :stream)
  (%define-layout 'concatenated-stream nil nil :stream)
  (%define-layout 'synonym-stream nil nil :stream))

(defun %make-stream (type &rest slots)
  ;; An open stream of TYPE whose slots after the open flag are SLOTS.
  (let ((stream (%make-instance (find-layout type) (%fx+ 1 (length slots))))
        (i 1))
    (%instance-set stream 0 t)
    (dolist (value slots stream)
      (%instance-set stream i value)
      (setq i (%fx+ i 1)))))

(defun %instance-stream-p (x)
  ;; Is X one of the streams of this file?
  (and (%instancep x)
       (let ((layout (%instance-layout x)))
         (and (%layout-p layout) (%eq (layout-kind layout) :stream)))))

(defun %stream-type (stream) (layout-name (%instance-layout stream)))

(defun %stream-open-p (stream) (%instance-ref stream 0))

;;; String input streams: #<string index end>

(defun make-string-input-stream (string &optional (start 0) end)
  (setq string (%check-string string))
  (let* ((length (%string-length string))
         (end (or end length)))
    (unless (and (%fixnump end) (%fx<= end length))
      (%type-error end (list 'integer 0 length)))
    (unless (and (%fixnump start) (%fx<= 0 start) (%fx<= start end))
      (%type-error start (list 'integer 0 end)))
    (%make-stream 'string-input-stream string start end)))

(defun %string-input-index (stream) (%instance-ref stream 2))

(defun %string-input-read-char (stream)
  (let ((index (%instance-ref stream 2)))
    (if (%fx< index (%instance-ref stream 3))
        (progn (%instance-set stream 2 (%fx+ index 1))
               (%schar (%instance-ref stream 1) index))
        nil)))

(defun %string-input-unread-char (stream)
  (%instance-set stream 2 (%fx- (%instance-ref stream 2) 1)))

;;; Standard input: #<fd buffer index fill pending-bytes eof-p>.  The buffer
;;; holds decoded characters; each refill keeps the character read last at
;;; index 0 so that UNREAD-CHAR can always step back.  PENDING-BYTES is the
;;; start of a UTF-8 sequence that the last chunk cut short.

(defun %make-fd-input-stream (fd)
  (%make-stream 'fd-input-stream fd "" 0 0 "" nil))

(defun %fd-read-char (stream)
  (let ((index (%instance-ref stream 3)))
    (when (%fx>= index (%instance-ref stream 4))
      (unless (%fd-refill stream) (return-from %fd-read-char nil))
      (setq index (%instance-ref stream 3)))
    (%instance-set stream 3 (%fx+ index 1))
    (%schar (%instance-ref stream 2) index)))

(defun %fd-unread-char (stream)
  (%instance-set stream 3 (%fx- (%instance-ref stream 3) 1)))

(defun %fd-buffered-p (stream)
  (%fx< (%instance-ref stream 3) (%instance-ref stream 4)))

(defun %fd-refill (stream)
  ;; Read and decode more input; NIL at end of file.
  (tagbody
   next
     (when (%instance-ref stream 6) (return-from %fd-refill nil))
     (when (%eq (%instance-ref stream 1) 0) (%before-standard-input-wait))
     (let ((bytes (%read-bytes (%instance-ref stream 1)))
           (pending (%instance-ref stream 5)))
       (if bytes
           (setq bytes (if (%fx= (%string-length pending) 0)
                           bytes
                           (%string-concat-2 pending bytes)))
           (progn (%instance-set stream 6 t)
                  ;; A sequence cut short by the end of the input.
                  (setq bytes pending)))
       (%instance-set stream 5 "")
       (when (%fx= (%string-length bytes) 0) (go next))
       (multiple-value-bind (chars count rest) (%decode-utf-8 bytes (%instance-ref stream 6))
         (%instance-set stream 5 rest)
         (when (%fx= count 0) (go next))
         (%fd-install-chars stream chars count))))
  t)

(defvar *input-request-marker* nil
  "NIL, or a string written to standard output (past the streams) each time
the program waits for standard input: a line editor driving the input
(`clysm repl` in a terminal) learns from it when to read a line.")

(defun %before-standard-input-wait ()
  ;; What was written so far (a prompt) is seen before the program waits;
  ;; error output first, since writing to it flushed standard output.
  (%stream-flush *initial-error-output*)
  (%stream-flush *initial-output*)
  (let ((marker *input-request-marker*))
    (when marker (%write-string 1 marker))))

(defun %fd-install-chars (stream chars count)
  ;; The new buffer: the last character read, then COUNT new characters.
  (let* ((old (%instance-ref stream 2))
         (index (%instance-ref stream 3))
         (keep (if (%fx> index 0) 1 0))
         (buffer (%make-string (%fx+ keep count) #\Space)))
    (when (%fx= keep 1) (%set-schar buffer 0 (%schar old (%fx- index 1))))
    (dotimes (i count) (%set-schar buffer (%fx+ keep i) (%schar chars i)))
    (%instance-set stream 2 buffer)
    (%instance-set stream 3 keep)
    (%instance-set stream 4 (%fx+ keep count))))

;;; UTF-8 decoding.  A malformed sequence decodes to U+FFFD.

(defconstant +replacement-character-code+ 65533)

(defun %utf-8-sequence-length (byte)
  ;; The length of the sequence BYTE starts, or 0 if it cannot start one.
  (cond ((%fx< byte 128) 1)
        ((%fx< byte 194) 0)
        ((%fx< byte 224) 2)
        ((%fx< byte 240) 3)
        ((%fx< byte 245) 4)
        (t 0)))

(defun %utf-8-continuation-p (byte lead position)
  ;; Is BYTE a valid continuation byte at POSITION (1-3) after LEAD?
  ;; The second byte also excludes overlong forms, surrogates and codes
  ;; beyond U+10FFFF.
  (and (%fx>= byte 128) (%fx< byte 192)
       (or (%fx> position 1)
           (cond ((%fx= lead 224) (%fx>= byte 160))
                 ((%fx= lead 237) (%fx< byte 160))
                 ((%fx= lead 240) (%fx>= byte 144))
                 ((%fx= lead 244) (%fx< byte 144))
                 (t t)))))

(defun %decode-utf-8 (bytes at-end)
  ;; Decode the string of byte codes BYTES: (values chars count rest), the
  ;; decoded characters in the first COUNT places of CHARS, and REST the
  ;; bytes of a sequence cut short at the end (unless AT-END).
  (let* ((n (%string-length bytes))
         (chars (%make-string n #\Space))
         (count 0)
         (i 0))
    (tagbody
     next
       (when (%fx>= i n) (go done))
       (let* ((lead (%char-code (%schar bytes i)))
              (length (%utf-8-sequence-length lead))
              (valid 1))
         ;; VALID: how many bytes of the sequence are well formed.
         (do ((k 1 (%fx+ k 1)))
             ((or (%fx>= k length) (%fx>= (%fx+ i k) n)))
           (if (%utf-8-continuation-p (%char-code (%schar bytes (%fx+ i k))) lead k)
               (setq valid (%fx+ valid 1))
               (return)))
         (cond ((%fx= length 0)
                (%set-schar chars count (%code-char +replacement-character-code+))
                (setq i (%fx+ i 1)))
               ((%fx= valid length)
                (%set-schar chars count (%code-char (%utf-8-code bytes i length)))
                (setq i (%fx+ i length)))
               ((and (%fx= (%fx+ i valid) n) (not at-end))
                (return-from %decode-utf-8
                  (values chars count (%substring bytes i n))))
               (t
                (%set-schar chars count (%code-char +replacement-character-code+))
                (setq i (%fx+ i valid))))
         (setq count (%fx+ count 1))
         (go next))
     done)
    (values chars count "")))

(defun %utf-8-code (bytes start length)
  (let ((code (%char-code (%schar bytes start))))
    (setq code (case length
                 (1 code)
                 (2 (%fx-logand code 31))
                 (3 (%fx-logand code 15))
                 (t (%fx-logand code 7))))
    (do ((k 1 (%fx+ k 1)))
        ((%fx>= k length) code)
      (setq code (%fx+ (%fx* code 64)
                       (%fx-logand (%char-code (%schar bytes (%fx+ start k))) 63))))))

;;; Composite streams

(defun make-two-way-stream (input-stream output-stream)
  (%check-input-stream input-stream)
  (%check-output-stream output-stream)
  (%make-stream 'two-way-stream input-stream output-stream))

(defun two-way-stream-input-stream (stream)
  (%check-stream-type stream 'two-way-stream)
  (%instance-ref stream 1))

(defun two-way-stream-output-stream (stream)
  (%check-stream-type stream 'two-way-stream)
  (%instance-ref stream 2))

;;; An echo stream: #<input output unread>, UNREAD holding a character put
;;; back (it is not echoed a second time).
(defun make-echo-stream (input-stream output-stream)
  (%check-input-stream input-stream)
  (%check-output-stream output-stream)
  (%make-stream 'echo-stream input-stream output-stream nil))

(defun echo-stream-input-stream (stream)
  (%check-stream-type stream 'echo-stream)
  (%instance-ref stream 1))

(defun echo-stream-output-stream (stream)
  (%check-stream-type stream 'echo-stream)
  (%instance-ref stream 2))

(defun %echo-read-char (stream)
  (let ((unread (%instance-ref stream 3)))
    (if unread
        (progn (%instance-set stream 3 nil) unread)
        (let ((char (%in-read-char (%instance-ref stream 1))))
          (when char (write-char char (%instance-ref stream 2)))
          char))))

;;; A concatenated stream: #<streams>, the streams not yet exhausted.
(defun make-concatenated-stream (&rest input-streams)
  (dolist (s input-streams) (%check-input-stream s))
  (%make-stream 'concatenated-stream input-streams))

(defun concatenated-stream-streams (stream)
  (%check-stream-type stream 'concatenated-stream)
  (%instance-ref stream 1))

(defun %concatenated-read-char (stream)
  (do ((streams (%instance-ref stream 1) (cdr streams)))
      ((null streams) (%instance-set stream 1 nil) nil)
    (let ((char (%in-read-char (car streams))))
      (when char
        (%instance-set stream 1 streams)
        (return char)))))

(defun make-synonym-stream (symbol)
  (%make-stream 'synonym-stream (%check-symbol symbol)))

(defun synonym-stream-symbol (stream)
  (%check-stream-type stream 'synonym-stream)
  (%instance-ref stream 1))

(defun %synonym-target (stream) (symbol-value (%instance-ref stream 1)))

;;; The protocol on resolved input streams

(defun %in-read-char (stream)
  (%check-open stream)
  (case (%stream-type stream)
    (string-input-stream (%string-input-read-char stream))
    ((fd-input-stream file-stream) (%fd-read-char stream))
    (two-way-stream (%in-read-char (%instance-ref stream 1)))
    (echo-stream (%echo-read-char stream))
    (concatenated-stream (%concatenated-read-char stream))
    (synonym-stream (%in-read-char (%input-stream (%synonym-target stream))))
    (t (%type-error stream 'input-stream))))

(defun %in-unread-char (stream char)
  (case (%stream-type stream)
    (string-input-stream (%string-input-unread-char stream))
    ((fd-input-stream file-stream) (%fd-unread-char stream))
    (two-way-stream (%in-unread-char (%instance-ref stream 1) char))
    (echo-stream (%instance-set stream 3 char))
    (concatenated-stream (%in-unread-char (car (%instance-ref stream 1)) char))
    (synonym-stream (%in-unread-char (%input-stream (%synonym-target stream)) char)))
  nil)

(defun %in-listen (stream)
  ;; Is a character available?  Standard input may have to wait for one.
  (%check-open stream)
  (case (%stream-type stream)
    (string-input-stream (%fx< (%instance-ref stream 2) (%instance-ref stream 3)))
    ((fd-input-stream file-stream) (or (%fd-buffered-p stream) (%fd-refill stream)))
    (two-way-stream (%in-listen (%instance-ref stream 1)))
    (echo-stream (or (and (%instance-ref stream 3) t) (%in-listen (%instance-ref stream 1))))
    (concatenated-stream
     (do ((streams (%instance-ref stream 1) (cdr streams)))
         ((null streams) nil)
       (when (%in-listen (car streams)) (return t))))
    (synonym-stream (%in-listen (%input-stream (%synonym-target stream))))
    (t nil)))

(defun %in-clear-input (stream)
  (case (%stream-type stream)
    ((fd-input-stream file-stream) (%instance-set stream 3 (%instance-ref stream 4)))
    (two-way-stream (%in-clear-input (%instance-ref stream 1)))
    (echo-stream (%in-clear-input (%instance-ref stream 1)))
    (synonym-stream (%in-clear-input (%input-stream (%synonym-target stream)))))
  nil)

;;; Checks and designators

(defun %check-open (stream)
  (unless (%instance-ref stream 0)
    (error 'simple-stream-error :stream stream
                                :format-control "~S is closed"
                                :format-arguments (list stream))))

(define-condition simple-stream-error (simple-condition stream-error) ())

(defun %check-stream-type (stream type)
  (unless (and (%instance-stream-p stream) (%eq (%stream-type stream) type))
    (%type-error stream type)))

(defun %check-input-stream (x)
  (unless (input-stream-p x) (%type-error x '(satisfies input-stream-p)))
  x)

(defun %check-output-stream (x)
  (unless (output-stream-p x) (%type-error x '(satisfies output-stream-p)))
  x)

(defun %input-stream (designator)
  ;; The input stream that a stream designator names (NIL: standard input,
  ;; T: the terminal).
  (cond ((null designator) (%input-stream *standard-input*))
        ((%eq designator t) (%input-stream *terminal-io*))
        ((and (%instance-stream-p designator) (input-stream-p designator)) designator)
        (t (%type-error designator 'stream))))

(defun %stream-output-target (stream)
  ;; The output stream behind a two-way, echo or synonym stream
  ;; (%OUTPUT-STREAM of stream.lisp comes here for these streams).
  (case (%stream-type stream)
    ((two-way-stream echo-stream) (%instance-ref stream 2))
    (synonym-stream (%synonym-target stream))
    (t (%type-error stream 'output-stream))))

;;; Stream predicates and properties, for input and output streams alike

(defun input-stream-p (stream)
  (cond ((%output-stream-p stream) nil)
        ((not (%instance-stream-p stream)) (%type-error stream 'stream))
        ((%eq (%stream-type stream) 'synonym-stream)
         (input-stream-p (%synonym-target stream)))
        (t t)))

(defun %instance-output-stream-p (stream)
  (case (%stream-type stream)
    ((two-way-stream echo-stream) t)
    (synonym-stream (output-stream-p (%synonym-target stream)))
    (t nil)))

(defun interactive-stream-p (stream)
  ;; Standard input may be a terminal or not; clysm cannot tell, and
  ;; answers as SBCL does for a pipe.
  (unless (streamp stream) (%type-error stream 'stream))
  nil)

(defun open-stream-p (stream)
  (cond ((%output-stream-p stream) t)
        ((%instance-stream-p stream) (%stream-open-p stream))
        (t (%type-error stream 'stream))))

(defun stream-element-type (stream)
  (unless (streamp stream) (%type-error stream 'stream))
  'character)

(defun close (stream &key abort)
  ;; Output streams are flushed (their vectors have no open flag yet, so
  ;; they stay open); other streams are marked closed, a file stream's
  ;; descriptor closed (files.lisp).  Closing a composite stream leaves its
  ;; component streams open.
  (declare (ignore abort))
  (cond ((%output-stream-p stream) (%stream-flush stream) t)
        ((%instance-stream-p stream)
         (when (and (%stream-open-p stream) (%eq (%stream-type stream) 'file-stream))
           (%close-fd (%instance-ref stream 1)))
         (%instance-set stream 0 nil)
         t)
        (t (%type-error stream 'stream))))

;;; End of file

(defun %end-of-file (stream eof-error-p eof-value)
  (if eof-error-p
      (error 'end-of-file :stream stream)
      eof-value))

(setf (layout-report (find-layout 'end-of-file))
      (lambda (condition stream)
        (format stream "end of file on ~S" (stream-error-stream condition))))

;;; The standard functions (CLHS 21.2)

(defvar *standard-input* (%make-fd-input-stream 0))
(setq *terminal-io* (make-two-way-stream *standard-input* *initial-output*))
(defvar *query-io* (make-synonym-stream '*terminal-io*))
(defvar *debug-io* (make-synonym-stream '*terminal-io*))

(defun read-char (&optional stream (eof-error-p t) eof-value recursive-p)
  (declare (ignore recursive-p))
  (let ((stream (%input-stream stream)))
    (or (%in-read-char stream) (%end-of-file stream eof-error-p eof-value))))

(defun read-char-no-hang (&optional stream (eof-error-p t) eof-value recursive-p)
  ;; Standard input cannot be polled: a character there is waited for, as
  ;; when it comes from a file or a pipe.
  (declare (ignore recursive-p))
  (read-char stream eof-error-p eof-value))

(defun unread-char (character &optional stream)
  (%in-unread-char (%input-stream stream) (%check-character character)))

(defun peek-char (&optional peek-type stream (eof-error-p t) eof-value recursive-p)
  ;; PEEK-TYPE NIL: the next character; T: the next one that is not
  ;; whitespace in the current readtable; a character: skip up to that
  ;; character.
  (declare (ignore recursive-p))
  (let ((stream (%input-stream stream)))
    (tagbody
     next
       (let ((char (%in-read-char stream)))
         (cond ((null char)
                (return-from peek-char (%end-of-file stream eof-error-p eof-value)))
               ((or (null peek-type)
                    (if (%eq peek-type t)
                        (not (%whitespace-syntax-p char *readtable*))
                        (%eq char peek-type)))
                (%in-unread-char stream char)
                (return-from peek-char char))
               (t (go next)))))))

(defun read-line (&optional stream (eof-error-p t) eof-value recursive-p)
  ;; (values line missing-newline-p)
  (declare (ignore recursive-p))
  (let* ((stream (%input-stream stream))
         (char (%in-read-char stream)))
    (if (null char)
        (values (%end-of-file stream eof-error-p eof-value) t)
        (let ((buffer (%make-string 80 #\Space)) (fill 0))
          (tagbody
           next
             (when (%eq char #\Newline)
               (return-from read-line (values (%substring buffer 0 fill) nil)))
             (when (%fx= fill (%string-length buffer))
               (setq buffer (%grow-string buffer)))
             (%set-schar buffer fill char)
             (setq fill (%fx+ fill 1))
             (setq char (%in-read-char stream))
             (when char (go next)))
          (values (%substring buffer 0 fill) t)))))

(defun %grow-string (string)
  ;; A string twice as long starting with STRING's characters.
  (let* ((n (%string-length string))
         (new (%make-string (%fx* 2 (%fx+ n 1)) #\Space)))
    (dotimes (i n new) (%set-schar new i (%schar string i)))))

(defun listen (&optional stream)
  (%in-listen (%input-stream stream)))

(defun clear-input (&optional stream)
  (%in-clear-input (%input-stream stream)))

(defun read-sequence (sequence stream &key (start 0) end)
  ;; Characters into SEQUENCE from START; returns the index after the last
  ;; one stored.
  (let* ((stream (%input-stream stream))
         (end (or end (length sequence))))
    (if (listp sequence)
        (do ((tail (nthcdr start sequence) (cdr tail))
             (i start (%fx+ i 1)))
            ((or (%fx>= i end) (null tail)) i)
          (let ((char (%in-read-char stream)))
            (unless char (return i))
            (rplaca tail char)))
        (do ((i start (%fx+ i 1)))
            ((%fx>= i end) i)
          (let ((char (%in-read-char stream)))
            (unless char (return i))
            (setf (aref sequence i) char))))))

(defun file-position (stream &optional (position nil position-p))
  ;; Only string input streams have positions so far.  Setting the
  ;; position returns it (a true value), as in SBCL.
  (cond ((and (%instance-stream-p stream)
              (%eq (%stream-type stream) 'string-input-stream))
         (if position-p
             (let ((index (case position
                            (:start 0)
                            (:end (%instance-ref stream 3))
                            (t position))))
               (if (and (%fixnump index) (%fx<= 0 index)
                        (%fx<= index (%instance-ref stream 3)))
                   (%instance-set stream 2 index)
                   nil))
             (%instance-ref stream 2)))
        ((streamp stream) nil)
        (t (%type-error stream 'stream))))

(defmacro with-input-from-string ((var string &key index (start 0) end) &body body)
  (multiple-value-bind (forms decls) (%parse-body body nil)
    `(let ((,var (make-string-input-stream ,string ,start ,end)))
       ,@decls
       (multiple-value-prog1
           (unwind-protect (progn ,@forms) (close ,var))
         ,@(when index `((setf ,index (%string-input-index ,var))))))))

(defmacro with-open-stream ((var stream) &body body)
  (multiple-value-bind (forms decls) (%parse-body body nil)
    `(let ((,var ,stream))
       ,@decls
       (unwind-protect (progn ,@forms) (close ,var)))))
