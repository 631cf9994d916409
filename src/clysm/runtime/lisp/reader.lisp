;;;; reader.lisp -- the Lisp reader (CLHS 2, 23): READ,
;;;; READ-PRESERVING-WHITESPACE, READ-FROM-STRING, READ-DELIMITED-LIST,
;;;; readtables and the standard macro characters.
;;;;
;;;; It reads what the compiler's reader (src/clysm/reader/) reads, the same
;;;; way: backquote gives (QUASIQUOTE x) with (UNQUOTE x),
;;;; (UNQUOTE-SPLICING x) and (UNQUOTE-NSPLICING x) inside, all CLYSM
;;;; symbols, so that the library's backquote macro expands forms read at run
;;;; time.  Bad syntax signals READER-ERROR; the end of the input inside an
;;;; object signals END-OF-FILE, whatever EOF-ERROR-P says.
;;;;
;;;; Reader macro functions are ordinary functions of (stream char), or of
;;;; (stream sub-char argument) for dispatching characters; they return the
;;;; object read, or no values for nothing (a comment, a skipped #+ form).
;;;; The state of one outermost READ (backquote depth, #n= labels) is in
;;;; special variables that READ binds unless RECURSIVE-P.
;;;;
;;;; Macros may read at compile time (READ-FROM-STRING in an expander), so
;;;; the reader's variables and types are defined at compile time too.

(in-package "CLYSM")

;;; Reader variables

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *read-base* 10)
  ;; *READ-DEFAULT-FLOAT-FORMAT* is float.lisp's (the printer uses it too).
  (defvar *read-eval* t)
  (defvar *read-suppress* nil)
  (defvar *features* (list :clysm :common-lisp :ansi-cl :ieee-floating-point :wasm)))

;;; Reader errors

(define-condition simple-reader-error (simple-condition reader-error) ())
(define-condition reader-eof-error (simple-condition end-of-file) ())

(define-condition simple-reader-package-error (simple-reader-error package-error) ())

(defun %reader-error (stream control &rest arguments)
  (%signal-reader-error 'simple-reader-error nil stream control arguments))

(defun %reader-package-error (stream package control &rest arguments)
  ;; FOO:BAR with no package FOO or no external BAR in it.
  (%signal-reader-error 'simple-reader-package-error (list :package package)
                        stream control arguments))

(defun %signal-reader-error (type initargs stream control arguments)
  (multiple-value-bind (line column) (%stream-line-and-column stream)
    (if line
        (apply #'error type
               :stream stream
               :format-control "~A (line ~D, column ~D)"
               :format-arguments (list (apply #'format nil control arguments) line column)
               initargs)
        (apply #'error type :stream stream :format-control control
                            :format-arguments arguments initargs))))

(defun %stream-line-and-column (stream)
  ;; Where a string input stream is, 1-based: (values line column), or NIL
  ;; for other streams.
  (when (and (%instance-stream-p stream) (%eq (%stream-type stream) 'string-input-stream))
    (let ((string (%instance-ref stream 1)) (line 1) (column 1))
      (dotimes (i (%instance-ref stream 2))
        (if (%eq (%schar string i) #\Newline)
            (setq line (%fx+ line 1) column 1)
            (setq column (%fx+ column 1))))
      (values line column))))

(defun %reader-eof-error (stream control &rest arguments)
  ;; The input ended inside an object.
  (error 'reader-eof-error :stream stream :format-control control
                           :format-arguments arguments))

;;; Readtables: #<syntax macros extra dispatch case>.  SYNTAX and MACROS
;;; are vectors indexed by the codes of the ASCII characters (a syntax type
;;; and a macro function); EXTRA is a list of (char syntax function) for the
;;; other characters; DISPATCH a list of (char . table) for the dispatching
;;; macro characters, TABLE a vector of the functions of the ASCII
;;; sub-characters with, at index 128, a list of (sub-char . function) for
;;; the others.  Characters not mentioned are constituents.

(defconstant +constituent+ 0)
(defconstant +whitespace+ 1)
(defconstant +terminating-macro+ 2)
(defconstant +non-terminating-macro+ 3)
(defconstant +single-escape+ 4)
(defconstant +multiple-escape+ 5)
(defconstant +invalid+ 6)  ; a constituent with the invalid trait

(eval-when (:compile-toplevel :load-toplevel :execute)
  (%define-layout 'readtable nil nil :readtable))

(defun %make-readtable (syntax macros extra dispatch readcase)
  (let ((readtable (%make-instance (find-layout 'readtable) 5)))
    (%instance-set readtable 0 syntax)
    (%instance-set readtable 1 macros)
    (%instance-set readtable 2 extra)
    (%instance-set readtable 3 dispatch)
    (%instance-set readtable 4 readcase)
    readtable))

(defun readtablep (x) (%instance-of-type-p x 'readtable))

(defun %check-readtable (x)
  (if (readtablep x) x (%type-error x 'readtable)))

(defun %readtable-designator (x)
  ;; NIL designates the standard readtable.
  (if (null x) *standard-readtable* (%check-readtable x)))

(defun %char-syntax (char readtable)
  (let ((code (%char-code char)))
    (if (%fx< code 128)
        (%svref (%instance-ref readtable 0) code)
        (let ((entry (assoc char (%instance-ref readtable 2))))
          (if entry (cadr entry) +constituent+)))))

(defun %char-macro-function (char readtable)
  (let ((code (%char-code char)))
    (if (%fx< code 128)
        (%svref (%instance-ref readtable 1) code)
        (caddr (assoc char (%instance-ref readtable 2))))))

(defun %set-char-syntax (char readtable syntax function)
  (let ((code (%char-code char)))
    (if (%fx< code 128)
        (progn (%svset (%instance-ref readtable 0) code syntax)
               (%svset (%instance-ref readtable 1) code function))
        (%instance-set readtable 2
                       (cons (list char syntax function)
                             (%remove-entry char (%instance-ref readtable 2)))))))

(defun %remove-entry (key alist)
  ;; ALIST without the entries whose car is KEY.
  (cond ((null alist) nil)
        ((eql (caar alist) key) (%remove-entry key (cdr alist)))
        (t (cons (car alist) (%remove-entry key (cdr alist))))))

(defun %whitespace-syntax-p (char readtable)
  (%fx= (%char-syntax char (or readtable *standard-readtable*)) +whitespace+))

(defun %terminator-p (char readtable)
  ;; Does CHAR end a token?
  (let ((syntax (%char-syntax char readtable)))
    (or (%fx= syntax +whitespace+) (%fx= syntax +terminating-macro+))))

(defun readtable-case (readtable) (%instance-ref (%check-readtable readtable) 4))

(defun (setf readtable-case) (mode readtable)
  (unless (member mode '(:upcase :downcase :preserve :invert))
    (%type-error mode '(member :upcase :downcase :preserve :invert)))
  (%instance-set (%check-readtable readtable) 4 mode))

;;; Dispatch tables

(defun %make-dispatch-table () (%make-vector 129 nil))

(defun %dispatch-table (char readtable)
  (cdr (assoc char (%instance-ref readtable 3))))

(defun %dispatch-function (table sub-char)
  (let* ((sub-char (char-upcase sub-char))
         (code (%char-code sub-char)))
    (if (%fx< code 128)
        (%svref table code)
        (cdr (assoc sub-char (%svref table 128))))))

(defun %set-dispatch-function (table sub-char function)
  (let* ((sub-char (char-upcase sub-char))
         (code (%char-code sub-char)))
    (if (%fx< code 128)
        (%svset table code function)
        (%svset table 128 (acons sub-char function
                                 (%remove-entry sub-char (%svref table 128)))))))

(defun %copy-dispatch-table (table)
  (let ((copy (%make-dispatch-table)))
    (dotimes (i 128) (%svset copy i (%svref table i)))
    (%svset copy 128 (copy-alist (%svref table 128)))
    copy))

;;; The readtable functions (CLHS 23.2)

(defun copy-readtable (&optional (from-readtable *readtable*) to-readtable)
  (let* ((from (%readtable-designator from-readtable))
         (syntax (%make-vector 128 nil))
         (macros (%make-vector 128 nil)))
    (dotimes (i 128)
      (%svset syntax i (%svref (%instance-ref from 0) i))
      (%svset macros i (%svref (%instance-ref from 1) i)))
    (let ((extra (mapcar #'copy-list (%instance-ref from 2)))
          (dispatch (mapcar (lambda (entry)
                              (cons (car entry) (%copy-dispatch-table (cdr entry))))
                            (%instance-ref from 3)))
          (readcase (%instance-ref from 4)))
      (if to-readtable
          (let ((to (%check-readtable to-readtable)))
            (%instance-set to 0 syntax)
            (%instance-set to 1 macros)
            (%instance-set to 2 extra)
            (%instance-set to 3 dispatch)
            (%instance-set to 4 readcase)
            to)
          (%make-readtable syntax macros extra dispatch readcase)))))

(defun set-macro-character (char new-function &optional non-terminating-p
                                                  (readtable *readtable*))
  (%set-char-syntax (%check-character char) (%check-readtable readtable)
                    (if non-terminating-p +non-terminating-macro+ +terminating-macro+)
                    new-function)
  t)

(defun get-macro-character (char &optional (readtable *readtable*))
  ;; (values function non-terminating-p)
  (let* ((readtable (%readtable-designator readtable))
         (syntax (%char-syntax (%check-character char) readtable)))
    (if (or (%fx= syntax +terminating-macro+) (%fx= syntax +non-terminating-macro+))
        (values (%char-macro-function char readtable)
                (%fx= syntax +non-terminating-macro+))
        (values nil nil))))

(defun make-dispatch-macro-character (char &optional non-terminating-p
                                               (readtable *readtable*))
  (set-macro-character char #'%read-dispatch-char non-terminating-p readtable)
  (%instance-set readtable 3
                 (acons char (%make-dispatch-table)
                        (%remove-entry char (%instance-ref readtable 3))))
  t)

(defun %check-dispatch-table (disp-char sub-char readtable)
  (let ((table (%dispatch-table (%check-character disp-char)
                                (%readtable-designator readtable))))
    (unless table (error "~S is not a dispatching macro character" disp-char))
    (when (digit-char-p (%check-character sub-char) 10)
      (error "~S is a decimal digit and cannot be a dispatch sub-character" sub-char))
    table))

(defun set-dispatch-macro-character (disp-char sub-char new-function
                                     &optional (readtable *readtable*))
  (%set-dispatch-function (%check-dispatch-table disp-char sub-char readtable)
                          sub-char new-function)
  t)

(defun get-dispatch-macro-character (disp-char sub-char &optional (readtable *readtable*))
  (if (digit-char-p (%check-character sub-char) 10)
      nil
      (%dispatch-function (%check-dispatch-table disp-char #\A readtable) sub-char)))

(defun set-syntax-from-char (to-char from-char &optional (to-readtable *readtable*)
                                                   from-readtable)
  (let* ((from (%readtable-designator from-readtable))
         (to (%check-readtable to-readtable))
         (table (%dispatch-table (%check-character from-char) from)))
    (%set-char-syntax (%check-character to-char) to
                      (%char-syntax from-char from) (%char-macro-function from-char from))
    (%instance-set to 3 (%remove-entry to-char (%instance-ref to 3)))
    (when table
      (%instance-set to 3 (acons to-char (%copy-dispatch-table table) (%instance-ref to 3))))
    t))

;;; Markers passed between the parts of the reader: never objects read.

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *no-value* (make-symbol "NO-VALUE"))  ; a macro returned no values
  (defvar *dot-marker* (make-symbol "DOT"))    ; a token of a single dot
  (defvar *eof-marker* (make-symbol "EOF"))    ; the input ended before an object
  (defvar *label-marker* (make-symbol "LABEL"))) ; car of a #n# placeholder

;;; The state of the outermost READ in progress

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *backquote-depth* 0)
  (defvar *read-labels* nil)         ; ((n . #(placeholder object finished-p)) ...)
  (defvar *labels-need-patch* nil))  ; a placeholder was returned for #n#

;;; READ and friends

(defun read (&optional stream (eof-error-p t) eof-value recursive-p)
  (%read stream eof-error-p eof-value recursive-p nil))

(defun read-preserving-whitespace (&optional stream (eof-error-p t) eof-value recursive-p)
  (%read stream eof-error-p eof-value recursive-p t))

(defun read-from-string (string &optional (eof-error-p t) eof-value
                         &key (start 0) end preserve-whitespace)
  ;; (values object index-after-it)
  (let ((stream (make-string-input-stream string start end)))
    (values (%read stream eof-error-p eof-value nil preserve-whitespace)
            (%string-input-index stream))))

(defun read-delimited-list (char &optional stream recursive-p)
  (let ((stream (%input-stream stream)))
    (if recursive-p
        (%read-list stream (%check-character char) nil)
        (let ((*backquote-depth* 0) (*read-labels* nil) (*labels-need-patch* nil))
          (%patch-labels (%read-list stream (%check-character char) nil))))))

(defun %read (stream eof-error-p eof-value recursive-p preserve-whitespace)
  (let ((stream (%input-stream stream)))
    (if recursive-p
        (%read-object stream eof-error-p eof-value)
        (let ((*backquote-depth* 0) (*read-labels* nil) (*labels-need-patch* nil))
          (let ((object (%read-object stream nil *eof-marker*)))
            (cond ((%eq object *eof-marker*)
                   (%end-of-file stream eof-error-p eof-value))
                  (t
                   ;; READ consumes the whitespace character after the object.
                   (unless preserve-whitespace
                     (let ((char (%in-read-char stream)))
                       (when (and char (not (%whitespace-syntax-p char *readtable*)))
                         (%in-unread-char stream char))))
                   (%patch-labels object))))))))

(defun %read-object (stream eof-error-p eof-value)
  ;; The next object, skipping comments; EOF-VALUE at the end of the input.
  (tagbody
   next
     (let ((object (%read-maybe-nothing stream)))
       (cond ((%eq object *no-value*) (go next))
             ((%eq object *eof-marker*)
              (return-from %read-object (%end-of-file stream eof-error-p eof-value)))
             ((%eq object *dot-marker*)
              (%reader-error stream "dot context error: '.' outside a list"))
             (t (return-from %read-object object))))))

(defun %next-non-whitespace (stream readtable)
  ;; The first character that is not whitespace, consumed; NIL at the end.
  (do ((char (%in-read-char stream) (%in-read-char stream)))
      ((or (null char) (not (%fx= (%char-syntax char readtable) +whitespace+))) char)))

(defun %read-maybe-nothing (stream)
  ;; An object, or one of the markers: *NO-VALUE* (a macro returned no
  ;; values), *DOT-MARKER* (a lone dot), *EOF-MARKER* (end of input).
  (let* ((readtable *readtable*)
         (char (%next-non-whitespace stream readtable)))
    (if (null char)
        *eof-marker*
        (let ((syntax (%char-syntax char readtable)))
          (if (or (%fx= syntax +terminating-macro+) (%fx= syntax +non-terminating-macro+))
              (multiple-value-call #'%first-value-or-none
                (funcall (%char-macro-function char readtable) stream char))
              (multiple-value-bind (length escaped)
                  (%read-token stream char syntax readtable t nil)
                (%interpret-token stream length escaped)))))))

(defun %first-value-or-none (&optional (value *no-value*) &rest more)
  (declare (ignore more))
  value)

(defun %read-required (stream after)
  ;; The object that must follow AFTER (a string naming the syntax read).
  (let ((readtable *readtable*))
    (tagbody
     next
       (let ((char (%next-non-whitespace stream readtable)))
         (cond ((null char)
                (%reader-eof-error stream "end of file after ~A: expected an object" after))
               ((%eq char #\))
                (%reader-error stream "expected an object after ~A, found ')'" after))
               (t
                (%in-unread-char stream char)
                (let ((object (%read-maybe-nothing stream)))
                  (cond ((%eq object *no-value*) (go next))
                        ((%eq object *dot-marker*)
                         (if *read-suppress*
                             (return-from %read-required nil)
                             (%reader-error stream "dot context error: '.' outside a list")))
                        (t (return-from %read-required object))))))))))

;;; Tokens (CLHS 2.2 steps 8-10, 2.3).  The characters of the token being
;;; read are in *TOKEN-CHARS*; *TOKEN-ESCAPES* has #\E where a character was
;;; escaped.  No token is read while another one is being read.

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *token-chars* (%make-string 64 #\Space))
  (defvar *token-escapes* (%make-string 64 #\Space)))

(defun %token-push (fill char escaped)
  ;; Store CHAR at index FILL of the token; returns the new fill.
  (when (%fx= fill (%string-length *token-chars*))
    (setq *token-chars* (%grow-string *token-chars*)
          *token-escapes* (%grow-string *token-escapes*)))
  (%set-schar *token-chars* fill char)
  (%set-schar *token-escapes* fill (if escaped #\E #\Space))
  (%fx+ fill 1))

(defun %token-escaped-p (index) (%eq (%schar *token-escapes* index) #\E))

(defun %token-string (start end) (%substring *token-chars* start end))

(defun %read-token (stream char syntax readtable symbol-syntax preserve-case)
  ;; Accumulate a token whose first character CHAR (of SYNTAX) has been
  ;; read: (values length escaped-p).  The terminating character is left
  ;; in the stream.  Unescaped characters follow the readtable case unless
  ;; PRESERVE-CASE.  With SYMBOL-SYNTAX, a package marker must be followed
  ;; by a symbol name.
  (let ((readcase (if preserve-case :preserve (%instance-ref readtable 4)))
        (fill 0) (escaped nil) (at-end nil))
    (tagbody
     next
       (cond ((%fx= syntax +single-escape+)
              (let ((escaped-char (%in-read-char stream)))
                (unless escaped-char
                  (%reader-eof-error stream "end of file after escape character ~S" char))
                (setq fill (%token-push fill escaped-char t) escaped t)))
             ((%fx= syntax +multiple-escape+)
              (setq fill (%read-multiple-escape stream readtable fill) escaped t))
             ((or (%fx= syntax +whitespace+) (%fx= syntax +terminating-macro+))
              (%in-unread-char stream char)
              (go done))
             (t
              (when (and (%fx= syntax +invalid+) (not *read-suppress*))
                (%reader-error stream "invalid constituent character ~S" char))
              (setq fill (%token-push fill
                                      (case readcase
                                        (:upcase (char-upcase char))
                                        (:downcase (char-downcase char))
                                        (t char))
                                      nil))))
       (setq char (%in-read-char stream))
       (when (null char) (setq at-end t) (go done))
       (setq syntax (%char-syntax char readtable))
       (go next)
     done)
    (when (%eq readcase :invert) (%invert-token-case fill))
    (when (and symbol-syntax (not *read-suppress*) (%fx> fill 0)
               (%eq (%schar *token-chars* (%fx- fill 1)) #\:)
               (not (%token-escaped-p (%fx- fill 1))))
      (if at-end
          (%reader-eof-error stream "end of file after package marker ':'")
          (%reader-error stream "symbol name missing after package marker ':' in ~A"
                         (%token-string 0 fill))))
    (values fill escaped)))

(defun %read-multiple-escape (stream readtable fill)
  ;; The characters up to the closing multiple escape; returns the new fill.
  (tagbody
   next
     (let ((char (%in-read-char stream)))
       (unless char
         (%reader-eof-error stream "unterminated |...| in a symbol: expected '|' before end of file"))
       (let ((syntax (%char-syntax char readtable)))
         (cond ((%fx= syntax +multiple-escape+) (return-from %read-multiple-escape fill))
               ((%fx= syntax +single-escape+)
                (let ((escaped-char (%in-read-char stream)))
                  (unless escaped-char
                    (%reader-eof-error stream "end of file after escape character ~S" char))
                  (setq fill (%token-push fill escaped-char t))))
               (t (setq fill (%token-push fill char t)))))
       (go next))))

(defun %invert-token-case (fill)
  ;; Readtable case :INVERT: a token whose unescaped letters all have the
  ;; same case gets them in the other case.
  (let ((upper nil) (lower nil))
    (dotimes (i fill)
      (unless (%token-escaped-p i)
        (let ((char (%schar *token-chars* i)))
          (when (upper-case-p char) (setq upper t))
          (when (lower-case-p char) (setq lower t)))))
    (unless (and upper lower)
      (dotimes (i fill)
        (unless (%token-escaped-p i)
          (let ((char (%schar *token-chars* i)))
            (%set-schar *token-chars* i
                        (if upper (char-downcase char) (char-upcase char)))))))))

(defun %read-token-after (stream readtable symbol-syntax preserve-case)
  ;; The token right after a dispatching macro: empty if a terminator (or
  ;; the end of the input) comes next.  (values length escaped-p)
  (let ((char (%in-read-char stream)))
    (cond ((null char) (values 0 nil))
          ((%terminator-p char readtable) (%in-unread-char stream char) (values 0 nil))
          (t (%read-token stream char (%char-syntax char readtable) readtable
                          symbol-syntax preserve-case)))))

(defun %interpret-token (stream length escaped)
  ;; A number, a symbol or the dot marker from the token.
  (cond (*read-suppress* nil)
        ((and (not escaped) (%token-all-dots-p length))
         (if (%fx= length 1)
             *dot-marker*
             (%reader-error stream "too many dots: ~A" (%token-string 0 length))))
        ((and (not escaped) (%parse-number stream *token-chars* length *read-base*)))
        (t (%token-symbol stream length))))

(defun %token-all-dots-p (length)
  (dotimes (i length t)
    (unless (%eq (%schar *token-chars* i) #\.) (return nil))))

;;; Numbers (CLHS 2.3.1): integers and ratios in *READ-BASE*, decimal
;;; integers with a trailing dot, and floats.  The digits are accumulated
;;; with generic arithmetic, so integers of any size read; a float is the
;;; exact rational of its digits rounded once by FLOAT.

(defun %sign-length (string end)
  (if (and (%fx> end 0) (member (%schar string 0) '(#\+ #\-))) 1 0))

(defun %negative-token-p (string) (%eq (%schar string 0) #\-))

(defun %skip-digits (string start end base)
  ;; The index of the first character at or after START that is not a
  ;; digit in BASE.
  (do ((i start (%fx+ i 1)))
      ((or (%fx>= i end) (not (digit-char-p (%schar string i) base))) i)))

(defun %digits-value (string start end base &optional negative)
  ;; The integer the digits STRING[START, END) denote in BASE, negated if
  ;; NEGATIVE (accumulated negatively, so that the most negative fixnum
  ;; needs no larger integer on the way).
  (let ((value 0))
    (do ((i start (%fx+ i 1)))
        ((%fx>= i end) value)
      (let ((weight (digit-char-p (%schar string i) base)))
        (setq value (if negative
                        (- (* value base) weight)
                        (+ (* value base) weight)))))))

(defun %parse-number (stream string end base)
  ;; The number the token STRING[0, END) denotes, or NIL.
  (let ((first (%schar string 0)))
    (if (and (%fx<= base 10)
             (not (or (%digit-code-p (%char-code first)) (member first '(#\+ #\- #\.)))))
        nil
        (or (%parse-rational stream string end base)
            (%parse-decimal-integer string end)
            (%parse-float stream string end)))))

(defun %parse-rational (stream string end base)
  (let* ((start (%sign-length string end))
         (digits-end (%skip-digits string start end base)))
    (cond ((%fx= digits-end start) nil)
          ((%fx= digits-end end)
           (%digits-value string start end base (%negative-token-p string)))
          ((%eq (%schar string digits-end) #\/)
           (let* ((denominator-start (%fx+ digits-end 1))
                  (denominator-end (%skip-digits string denominator-start end base)))
             (when (and (%fx> denominator-end denominator-start) (%fx= denominator-end end))
               (let ((numerator (%digits-value string start digits-end base
                                               (%negative-token-p string)))
                     (denominator (%digits-value string denominator-start end base)))
                 (when (eql denominator 0)
                   (%reader-error stream "division by zero in ratio ~A" (%substring string 0 end)))
                 (/ numerator denominator)))))
          (t nil))))

(defun %parse-decimal-integer (string end)
  ;; [sign] decimal-digit+ "."
  (let* ((start (%sign-length string end))
         (digits-end (%skip-digits string start end 10)))
    (when (and (%fx> digits-end start)
               (%fx= (%fx+ digits-end 1) end)
               (%eq (%schar string digits-end) #\.))
      (%digits-value string start digits-end 10 (%negative-token-p string)))))

(defun %parse-float (stream string end)
  ;; [sign] digit* [. digit*] [marker [sign] digit+], with digits after the
  ;; point or both digits before it and an exponent.
  (let* ((int-start (%sign-length string end))
         (int-end (%skip-digits string int-start end 10))
         (frac-start int-end)
         (frac-end int-end)
         (marker nil)
         (exponent 0))
    (when (and (%fx< int-end end) (%eq (%schar string int-end) #\.))
      (setq frac-start (%fx+ int-end 1)
            frac-end (%skip-digits string frac-start end 10)))
    (when (%fx< frac-end end)
      (setq marker (char-upcase (%schar string frac-end)))
      (unless (member marker '(#\E #\S #\F #\D #\L)) (return-from %parse-float nil))
      (let* ((exponent-start (%fx+ frac-end 1))
             (digits-start (%fx+ exponent-start (%sign-length-at string exponent-start end)))
             (digits-end (%skip-digits string digits-start end 10)))
        (unless (and (%fx> digits-end digits-start) (%fx= digits-end end))
          (return-from %parse-float nil))
        (setq exponent (%digits-value string digits-start digits-end 10))
        (when (%eq (%schar string exponent-start) #\-) (setq exponent (- exponent)))))
    (when (or (%fx> frac-end frac-start) (and (%fx> int-end int-start) marker))
      (%make-float stream string end int-start int-end frac-start frac-end exponent
                   (%float-format marker)))))

(defun %sign-length-at (string start end)
  (if (and (%fx< start end) (member (%schar string start) '(#\+ #\-))) 1 0))

(defun %float-format (marker)
  ;; SINGLE-FLOAT or DOUBLE-FLOAT for an exponent marker (NIL: none).
  (let ((format (case marker
                  ((#\S #\F) 'single-float)
                  ((#\D #\L) 'double-float)
                  (t *read-default-float-format*))))
    (if (member format '(double-float long-float)) 'double-float 'single-float)))

(defun %make-float (stream string end int-start int-end frac-start frac-end exponent format)
  ;; The float nearest to the decimal digits times 10^EXPONENT.  Values far
  ;; outside the format are decided from the number of digits, without
  ;; building huge integers.
  (let* ((digits (%significant-digits string int-start int-end frac-start frac-end))
         (mantissa (+ (* (%digits-value string int-start int-end 10)
                         (expt 10 (%fx- frac-end frac-start)))
                      (%digits-value string frac-start frac-end 10)))
         (scale (- exponent (%fx- frac-end frac-start)))
         (negative (%negative-token-p string))
         (prototype (if (%eq format 'double-float) 1.0d0 1.0f0)))
    (cond ((or (eql mantissa 0)
               (< (+ digits scale) (if (%eq format 'double-float) -325 -47)))
           (if negative (- (float 0 prototype)) (float 0 prototype)))
          ((> (+ digits scale) (if (%eq format 'double-float) 310 40))
           (%float-overflow stream string end))
          (t
           (let ((value (if (>= scale 0)
                            (* mantissa (expt 10 scale))
                            (/ mantissa (expt 10 (- scale))))))
             (when (>= value (if (%eq format 'double-float)
                                 +double-float-overflow-threshold+
                                 +single-float-overflow-threshold+))
               (%float-overflow stream string end))
             (float (if negative (- value) value) prototype))))))

;;; The smallest magnitudes that round to infinity: the largest finite float
;;; plus half a unit in its last place.
(defconstant +single-float-overflow-threshold+ (- (expt 2 128) (expt 2 103)))
(defconstant +double-float-overflow-threshold+ (- (expt 2 1024) (expt 2 970)))

(defun %significant-digits (string int-start int-end frac-start frac-end)
  ;; The number of digits from the first non-zero one.
  (let ((count 0) (seen nil))
    (flet ((scan (start end)
             (do ((i start (%fx+ i 1))) ((%fx>= i end))
               (when (or seen (not (%eq (%schar string i) #\0)))
                 (setq seen t count (%fx+ count 1))))))
      (scan int-start int-end)
      (scan frac-start frac-end))
    count))

(defun %float-overflow (stream string end)
  (%reader-error stream "floating-point overflow reading ~A" (%substring string 0 end)))

;;; Symbols (CLHS 2.3.4, 2.3.5), found and made through the standard
;;; package functions (packages.lisp; at compile time, the compiler's).

(defun %token-symbol (stream length)
  (let ((first-colon nil) (last-colon nil))
    (dotimes (i length)
      (when (and (%eq (%schar *token-chars* i) #\:) (not (%token-escaped-p i)))
        (unless first-colon (setq first-colon i))
        (setq last-colon i)))
    (if (null first-colon)
        (%intern-accessible stream (%token-string 0 length) (%current-package stream))
        (let* ((double (and (%fx< (%fx+ first-colon 1) length)
                            (%eq (%schar *token-chars* (%fx+ first-colon 1)) #\:)
                            (not (%token-escaped-p (%fx+ first-colon 1)))))
               (name-start (%fx+ first-colon (if double 2 1))))
          (when (%fx>= last-colon name-start)
            (%reader-error stream "too many colons in symbol ~A" (%token-string 0 length)))
          (let ((name (%token-string name-start length)))
            (if (%fx= first-colon 0)
                (values (intern name "KEYWORD"))
                (%package-symbol stream (%token-string 0 first-colon) name double)))))))

(defun %package-symbol (stream package-name name internal)
  ;; PACKAGE::NAME, or PACKAGE:NAME which must name an external symbol.
  (let ((package (find-package package-name)))
    (cond ((null package)
           (%reader-package-error stream package-name "Package ~A does not exist."
                                  package-name))
          ((or internal (%eq package (find-package "KEYWORD")))
           (%intern-accessible stream name package))
          (t (multiple-value-bind (symbol status) (find-symbol name package)
               (cond ((%eq status :external) symbol)
                     (status
                      (%reader-package-error stream package
                                             "The symbol ~S is not external in the ~A package."
                                             name (package-name package)))
                     (t (%reader-package-error stream package
                                               "Symbol ~S not found in the ~A package."
                                               name (package-name package)))))))))

(defun %intern-accessible (stream name package)
  ;; The symbol named NAME accessible in PACKAGE, made there if there is none.
  (multiple-value-bind (symbol status) (find-symbol name package)
    (cond (status symbol)
          ((%eq package (find-package "COMMON-LISP"))
           (%reader-package-error stream package
                                  "interning ~S in package COMMON-LISP is not allowed" name))
          (t (values (intern name package))))))

(defun %current-package (stream)
  (if (packagep *package*)
      *package*
      (%reader-error stream "*PACKAGE* is not a package: ~S" *package*)))

;;; The standard macro characters (CLHS 2.4)

(defun %read-left-paren (stream char)
  (declare (ignore char))
  (%read-list stream #\) t))

(defun %read-list (stream close dotted-ok)
  ;; The objects up to the character CLOSE; a dotted list if DOTTED-OK.
  (let* ((readtable *readtable*)
         (head (cons nil nil))
         (last head))
    (tagbody
     next
       (let ((char (%next-non-whitespace stream readtable)))
         (cond ((null char) (%unterminated-list stream close))
               ((%eq char close) (go done))
               (t
                (%in-unread-char stream char)
                (let ((object (%read-maybe-nothing stream)))
                  (cond ((%eq object *no-value*))
                        ((%eq object *dot-marker*)
                         (cond ((not dotted-ok)
                                (%reader-error stream "dot context error: '.' in a list read up to ~S"
                                               close))
                               ((%eq last head)
                                (%reader-error stream "nothing appears before '.' in list")))
                         (%rplacd last (%read-dotted-tail stream close readtable))
                         (go done))
                        (t (let ((cell (cons object nil)))
                             (%rplacd last cell)
                             (setq last cell))))))))
       (go next)
     done)
    (if *read-suppress* nil (%cdr head))))

(defun %unterminated-list (stream close)
  (%reader-eof-error stream "unterminated list: expected ~S before end of file" close))

(defun %read-dotted-tail (stream close readtable)
  ;; After the dot of a list: exactly one object, then CLOSE.
  (let ((tail nil))
    (tagbody
     next
       (let ((char (%next-non-whitespace stream readtable)))
         (cond ((null char) (%unterminated-list stream close))
               ((%eq char close) (%reader-error stream "nothing appears after '.' in list"))
               (t
                (%in-unread-char stream char)
                (setq tail (%read-maybe-nothing stream))
                (cond ((%eq tail *no-value*) (go next))
                      ((%eq tail *dot-marker*)
                       (%reader-error stream "dot context error: a second '.' in list")))))))
    (when (and (%fx> *backquote-depth* 0) (%splicing-unquote-p tail))
      (%reader-error stream "a splicing comma (,@ or ,.) cannot follow '.' in a list"))
    (tagbody
     next
       (let ((char (%next-non-whitespace stream readtable)))
         (cond ((null char) (%unterminated-list stream close))
               ((%eq char close) (return-from %read-dotted-tail tail))
               (t
                (%in-unread-char stream char)
                (unless (%eq (%read-maybe-nothing stream) *no-value*)
                  (%reader-error stream "more than one object follows '.' in list"))
                (go next)))))))

(defun %read-right-paren (stream char)
  (declare (ignore char))
  (%reader-error stream "unmatched close parenthesis"))

(defun %read-quote (stream char)
  (declare (ignore char))
  (let ((object (%read-required stream "'")))
    (if *read-suppress* nil (list 'quote object))))

(defun %read-comment (stream char)
  (declare (ignore char))
  (do ((char (%in-read-char stream) (%in-read-char stream)))
      ((or (null char) (%eq char #\Newline))))
  (values))

(defun %read-string (stream char)
  ;; Characters up to the next CHAR; a single escape takes the next one.
  (let ((readtable *readtable*)
        (buffer (%make-string 16 #\Space))
        (fill 0))
    (tagbody
     next
       (let ((c (%in-read-char stream)))
         (when (null c)
           (%reader-eof-error stream "unterminated string: expected ~S before end of file" char))
         (when (%eq c char) (go done))
         (when (%fx= (%char-syntax c readtable) +single-escape+)
           (setq c (%in-read-char stream))
           (when (null c)
             (%reader-eof-error stream "unterminated string: expected ~S before end of file"
                                char)))
         (when (%fx= fill (%string-length buffer)) (setq buffer (%grow-string buffer)))
         (%set-schar buffer fill c)
         (setq fill (%fx+ fill 1))
         (go next))
     done)
    (if *read-suppress* nil (%substring buffer 0 fill))))

(defun %splicing-unquote-p (x)
  (and (consp x)
       (member (car x) '(unquote-splicing unquote-nsplicing))
       (consp (cdr x))
       (null (cddr x))))

(defun %read-backquote (stream char)
  (declare (ignore char))
  (let ((object (let ((*backquote-depth* (%fx+ *backquote-depth* 1)))
                  (%read-required stream "`"))))
    (cond (*read-suppress* nil)
          ((%splicing-unquote-p object)
           (%reader-error stream "a splicing comma (,@ or ,.) cannot come right after a backquote"))
          (t (list 'quasiquote object)))))

(defun %read-comma (stream char)
  (declare (ignore char))
  (when (and (%fx<= *backquote-depth* 0) (not *read-suppress*))
    (%reader-error stream "comma not inside a backquote"))
  (let* ((next (%in-read-char stream))
         (kind (cond ((%eq next #\@) 'unquote-splicing)
                     ((%eq next #\.) 'unquote-nsplicing)
                     (t (when next (%in-unread-char stream next))
                        'unquote)))
         (object (let ((*backquote-depth* (%fx- *backquote-depth* 1)))
                   (%read-required stream (case kind
                                            (unquote-splicing ",@")
                                            (unquote-nsplicing ",.")
                                            (t ","))))))
    (if *read-suppress* nil (list kind object))))

;;; The dispatching macro character # (CLHS 2.4.8)

(defun %read-dispatch-char (stream char)
  ;; Read the decimal argument and the sub-character, and call its function.
  (let ((readtable *readtable*)
        (argument nil)
        (sub-char nil))
    (tagbody
     next
       (setq sub-char (%in-read-char stream))
       (unless sub-char (%reader-eof-error stream "end of file after ~S" char))
       (when (%digit-code-p (%char-code sub-char))
         (setq argument (+ (* (or argument 0) 10) (%fx- (%char-code sub-char) 48)))
         (go next)))
    (let* ((table (%dispatch-table char readtable))
           (function (and table (%dispatch-function table sub-char))))
      (cond (function (funcall function stream sub-char argument))
            (*read-suppress*
             ;; As SBCL: an unknown dispatch in skipped text takes the next object.
             (%read-required stream (%sharp-syntax char sub-char))
             nil)
            (t (%reader-error stream "unknown dispatch character ~A"
                              (%sharp-syntax char sub-char)))))))

(defun %sharp-syntax (char sub-char)
  ;; "#x", for messages.
  (let ((s (%make-string 2 char))) (%set-schar s 1 sub-char) s))

(defun %sharp-backslash (stream sub-char argument)
  (declare (ignore sub-char argument))
  (let ((first (%in-read-char stream)))
    (unless first (%reader-eof-error stream "end of file after #\\"))
    ;; The first character is taken as it is, even ( or a space; constituents
    ;; after it make a character name.
    (let ((length (%read-token-after stream *readtable* nil t)))
      (cond (*read-suppress* nil)
            ((%fx= length 0) first)
            (t (let ((name (%string-concat-2 (%make-string 1 first) (%token-string 0 length))))
                 (or (name-char name)
                     (%reader-error stream "unrecognized character name ~S" name))))))))

(defun %sharp-quote (stream sub-char argument)
  (declare (ignore sub-char argument))
  (let ((object (%read-required stream "#'")))
    (if *read-suppress* nil (list 'function object))))

;;; A #n( or #n* length beyond this is taken for a typo rather than allocated.
(defconstant +max-fill-length+ 16777216)

(defun %check-fill-length (stream sub-char argument)
  (when (and argument (> argument +max-fill-length+))
    (%reader-error stream "length ~D in #~D~A is too large" argument argument sub-char)))

(defun %sharp-left-paren (stream sub-char argument)
  (let ((items (%read-list stream #\) t)))
    (unless *read-suppress*
      (%check-fill-length stream sub-char argument)
      (unless (listp (cdr (last items)))
        (%reader-error stream "improper list in #(...)"))
      (let ((length (length items)))
        (when argument
          (cond ((> length argument)
                 (%reader-error stream "vector longer than the specified length #~D(...)"
                                argument))
                ((and (%fx= length 0) (> argument 0))
                 (%reader-error stream "#~D() has no element to fill a vector of length ~D"
                                argument argument))))
        (let ((vector (%make-vector (or argument length) (car (last items))))
              (i 0))
          (dolist (item items vector)
            (%svset vector i item)
            (setq i (%fx+ i 1))))))))

(defun %sharp-star (stream sub-char argument)
  (multiple-value-bind (length escaped) (%read-token-after stream *readtable* nil nil)
    (unless *read-suppress*
      (%check-fill-length stream sub-char argument)
      (when escaped (%reader-error stream "an escape character appeared after #*"))
      (dotimes (i length)
        (unless (member (%schar *token-chars* i) '(#\0 #\1))
          (%reader-error stream "illegal element given for bit-vector: ~S"
                         (%schar *token-chars* i))))
      (when argument
        (cond ((> length argument)
               (%reader-error stream "Bit vector is longer than specified length #~A*~A"
                              argument (%token-string 0 length)))
              ((and (%fx= length 0) (> argument 0))
               (%reader-error stream "#~D* requires at least one bit of input" argument))))
      (let ((bits (%make-bit-vector (or argument length) 0)))
        (dotimes (i (or argument length) bits)
          (%set-sbit bits i (if (%eq (%schar *token-chars* (min i (%fx- length 1))) #\0) 0 1)))))))

(defun %sharp-colon (stream sub-char argument)
  (declare (ignore sub-char argument))
  (multiple-value-bind (length escaped) (%read-token-after stream *readtable* t nil)
    (cond (*read-suppress* nil)
          ((dotimes (i length nil)
             (when (and (%eq (%schar *token-chars* i) #\:) (not (%token-escaped-p i)))
               (return t)))
           (%reader-error stream "the symbol following #: contains a package marker: #:~A"
                          (%token-string 0 length)))
          ((and (not escaped) (%fx> length 0)
                (%parse-number stream *token-chars* length *read-base*))
           (%reader-error stream "the symbol following #: has numeric syntax: #:~A"
                          (%token-string 0 length)))
          (t (make-symbol (%token-string 0 length))))))

(defun %sharp-dot (stream sub-char argument)
  (declare (ignore sub-char argument))
  (cond (*read-suppress* (%read-required stream "#.") nil)
        ((not *read-eval*)
         (%reader-error stream "#. is not allowed: read-time evaluation is disabled (*READ-EVAL* is false)"))
        (t
         ;; The form is evaluated now, outside any backquote it appears in.
         (eval (let ((*backquote-depth* 0)) (%read-required stream "#."))))))

(defun %sharp-radix (stream sub-char argument)
  (let ((base (case (char-upcase sub-char)
                (#\B 2)
                (#\O 8)
                (#\X 16)
                (t (cond ((and argument (<= 2 argument 36)) argument)
                         (*read-suppress* 10)
                         ((null argument) (%reader-error stream "radix missing in #R"))
                         (t (%reader-error stream "illegal radix for #R: ~D" argument)))))))
    (let ((value (let ((*read-base* base))
                   (%read-required stream (%sharp-syntax #\# sub-char)))))
      (cond (*read-suppress* nil)
            ((rationalp value) value)
            (t (%reader-error stream "#~A (base ~D) value is not a rational: ~S"
                              sub-char base value))))))

(defun %sharp-c (stream sub-char argument)
  (declare (ignore argument))
  (let ((parts (%read-required stream (%sharp-syntax #\# sub-char))))
    (cond (*read-suppress* nil)
          ((and (consp parts) (consp (cdr parts)) (null (cddr parts))
                (realp (car parts)) (realp (cadr parts)))
           (complex (car parts) (cadr parts)))
          (t (%reader-error stream "illegal complex number format: #C~S" parts)))))

(defun %sharp-a (stream sub-char argument)
  ;; #nA contents: an array of rank n, whose dimensions are the lengths of
  ;; the nested sequences along their first elements.
  (let ((contents (%read-required stream (%sharp-syntax #\# sub-char))))
    (cond (*read-suppress* nil)
          ((null argument) (%reader-error stream "no dimensions argument to #A"))
          (t (make-array (%array-contents-dimensions stream contents argument)
                         :initial-contents contents)))))

(defun %array-contents-dimensions (stream contents rank)
  (let ((dimensions nil) (sequence contents))
    (dotimes (axis rank (nreverse dimensions))
      (unless (or (%proper-list-p sequence) (vectorp sequence))
        (%reader-error stream "#~DA axis ~D is not a sequence: ~S" rank axis sequence))
      (push (length sequence) dimensions)
      (setq sequence (if (%fx> (length sequence) 0) (elt sequence 0) nil)))))

(defun %proper-list-p (x)
  (do ((tail x (%cdr tail)))
      ((not (%consp tail)) (null tail))))

(defun %sharp-unsupported (what)
  (lambda (stream sub-char argument)
    (declare (ignore argument))
    (let ((syntax (%sharp-syntax #\# sub-char)))
      (if *read-suppress*
          (progn (%read-required stream syntax) nil)
          (%reader-error stream "~A (~A) syntax is not supported by clysm" syntax what)))))

(defun %sharp-feature (stream sub-char argument)
  ;; #+ and #-: the feature expression is read in KEYWORD, never suppressed.
  (declare (ignore argument))
  (let* ((syntax (%sharp-syntax #\# sub-char))
         (expression (let ((*package* (find-package "KEYWORD")) (*read-suppress* nil))
                       (%read-required stream syntax))))
    (if (%eq (%feature-true-p stream expression) (%eq sub-char #\+))
        (%read-required stream syntax)
        (progn (let ((*read-suppress* t)) (%read-required stream syntax))
               (values)))))

(defun %feature-true-p (stream expression)
  ;; Features are keywords in *FEATURES*; :NOT, :AND and :OR combine them.
  (cond ((symbolp expression)
         (and (keywordp expression) (member expression *features*) t))
        ((not (consp expression))
         (%reader-error stream "invalid feature expression: ~S" expression))
        ((not (%proper-list-p expression))
         (%reader-error stream "feature expression is not a proper list: ~S" expression))
        (t
         (let ((operator (car expression)) (arguments (cdr expression)))
           (case operator
             (:not
              (unless (and arguments (null (cdr arguments)))
                (%reader-error stream ":NOT in a feature expression takes exactly one argument"))
              (not (%feature-true-p stream (car arguments))))
             (:and (dolist (argument arguments t)
                     (unless (%feature-true-p stream argument) (return nil))))
             (:or (dolist (argument arguments nil)
                    (when (%feature-true-p stream argument) (return t))))
             (t (%reader-error stream "unknown operator in feature expression: ~S"
                               expression)))))))

(defun %sharp-bar (stream sub-char argument)
  ;; #| ... |#, nesting.
  (declare (ignore sub-char argument))
  (let ((depth 1) (previous nil))
    (tagbody
     next
       (let ((char (%in-read-char stream)))
         (unless char
           (%reader-eof-error stream "unterminated #| comment: expected |# before end of file"))
         (cond ((and (%eq previous #\|) (%eq char #\#))
                (setq depth (%fx- depth 1) previous nil)
                (when (%fx= depth 0) (go done)))
               ((and (%eq previous #\#) (%eq char #\|))
                (setq depth (%fx+ depth 1) previous nil))
               (t (setq previous char))))
       (go next)
     done))
  (values))

;;; #n= and #n#: shared and circular structure.  While the labelled object
;;; is being read, #n# gives a placeholder; the outermost READ replaces the
;;; placeholders when it is done.

(defun %sharp-equal (stream sub-char argument)
  (declare (ignore sub-char))
  (cond (*read-suppress* (values))
        ((null argument) (%reader-error stream "missing label number for #="))
        ((assoc argument *read-labels*)
         (%reader-error stream "label #~D= defined twice" argument))
        (t
         (let* ((placeholder (cons *label-marker* argument))
                (record (vector placeholder nil nil)))
           (push (cons argument record) *read-labels*)
           (let ((object (%read-required stream "#=")))
             (when (%eq object placeholder)
               (%reader-error stream "#~D= must label something more than just #~D#"
                              argument argument))
             (%svset record 1 object)
             (%svset record 2 t)
             object)))))

(defun %sharp-sharp (stream sub-char argument)
  (declare (ignore sub-char))
  (cond (*read-suppress* nil)
        ((null argument) (%reader-error stream "missing label number for ##"))
        (t
         (let ((entry (assoc argument *read-labels*)))
           (unless entry (%reader-error stream "reference to undefined label #~D#" argument))
           (let ((record (cdr entry)))
             (if (%svref record 2)
                 (%svref record 1)
                 (progn (setq *labels-need-patch* t)
                        (%svref record 0))))))))

(defun %label-placeholder-p (x)
  (and (%consp x) (%eq (%car x) *label-marker*)))

(defun %resolve-label (x)
  ;; The object a placeholder stands for (through chains of labels).
  (dotimes (i (%fx+ (length *read-labels*) 1) x)
    (unless (%label-placeholder-p x) (return x))
    (setq x (%svref (cdr (assoc (%cdr x) *read-labels*)) 1))))

(defun %patch-labels (root)
  ;; Replace every placeholder reachable from ROOT by its object.
  (if (not *labels-need-patch*)
      root
      (let ((root (%resolve-label root))
            (visited (%make-eq-set))
            (pending nil))
        (push root pending)
        (tagbody
         next
           (when (null pending) (go done))
           (let ((object (pop pending)))
             ;; Along the cdrs in a loop, so that long lists need no deep stack.
             (tagbody
              walk
                (cond ((not (%eq-set-add visited object)))
                      ((%consp object)
                       (%rplaca object (%resolve-label (%car object)))
                       (%rplacd object (%resolve-label (%cdr object)))
                       (push (%car object) pending)
                       (setq object (%cdr object))
                       (go walk))
                      ((%simple-vector-p object)
                       (dotimes (i (%vector-length object))
                         (%svset object i (%resolve-label (%svref object i)))
                         (push (%svref object i) pending)))
                      ((%array-header-p object) (push (%array-data object) pending)))))
           (go next)
         done)
        root)))

;;; A set of objects by identity: (count . buckets), grown as it fills.

(defun %make-eq-set () (cons 0 (%make-vector 64 nil)))

(defun %eq-set-add (set object)
  ;; Add OBJECT (a cons, simple vector or array header; other objects are
  ;; never added); true if it was not there.
  (when (or (%consp object) (%simple-vector-p object) (%array-header-p object))
    (let* ((buckets (cdr set))
           (index (%fx-logand (%object-hash object) (%fx- (%vector-length buckets) 1))))
      (unless (member object (%svref buckets index) :test #'eq)
        (%svset buckets index (cons object (%svref buckets index)))
        (rplaca set (%fx+ (car set) 1))
        (when (%fx> (car set) (%fx* 2 (%vector-length buckets)))
          (%eq-set-grow set))
        t))))

(defun %eq-set-grow (set)
  (let* ((old (cdr set))
         (new (%make-vector (%fx* 4 (%vector-length old)) nil))
         (mask (%fx- (%vector-length new) 1)))
    (dotimes (i (%vector-length old))
      (dolist (object (%svref old i))
        (let ((index (%fx-logand (%object-hash object) mask)))
          (%svset new index (cons object (%svref new index))))))
    (rplacd set new)))

(defun %sharp-illegal (stream sub-char argument)
  (declare (ignore argument))
  (if (%eq sub-char #\<)
      (%reader-error stream "#< introduces an unreadable object and cannot be read")
      (%reader-error stream "illegal sharp macro character: # followed by ~S" sub-char)))

;;; The standard readtable

(defun %make-standard-readtable ()
  (let ((readtable (%make-readtable (%make-vector 128 +constituent+) (%make-vector 128 nil)
                                    nil nil :upcase)))
    (dolist (code '(9 10 12 13 32))
      (%set-char-syntax (%code-char code) readtable +whitespace+ nil))
    (dolist (code '(8 127))
      (%set-char-syntax (%code-char code) readtable +invalid+ nil))
    (%set-char-syntax #\\ readtable +single-escape+ nil)
    (%set-char-syntax #\| readtable +multiple-escape+ nil)
    (set-macro-character #\( #'%read-left-paren nil readtable)
    (set-macro-character #\) #'%read-right-paren nil readtable)
    (set-macro-character #\' #'%read-quote nil readtable)
    (set-macro-character #\; #'%read-comment nil readtable)
    (set-macro-character #\" #'%read-string nil readtable)
    (set-macro-character #\` #'%read-backquote nil readtable)
    (set-macro-character #\, #'%read-comma nil readtable)
    (make-dispatch-macro-character #\# t readtable)
    (dolist (entry (list (cons #\\ #'%sharp-backslash)
                         (cons #\' #'%sharp-quote)
                         (cons #\( #'%sharp-left-paren)
                         (cons #\* #'%sharp-star)
                         (cons #\: #'%sharp-colon)
                         (cons #\. #'%sharp-dot)
                         (cons #\B #'%sharp-radix)
                         (cons #\O #'%sharp-radix)
                         (cons #\X #'%sharp-radix)
                         (cons #\R #'%sharp-radix)
                         (cons #\C #'%sharp-c)
                         (cons #\A #'%sharp-a)
                         (cons #\S (%sharp-unsupported "structure"))
                         (cons #\P (%sharp-unsupported "pathname"))
                         (cons #\+ #'%sharp-feature)
                         (cons #\- #'%sharp-feature)
                         (cons #\| #'%sharp-bar)
                         (cons #\= #'%sharp-equal)
                         (cons #\# #'%sharp-sharp)
                         (cons #\< #'%sharp-illegal)
                         (cons #\) #'%sharp-illegal)
                         (cons #\Space #'%sharp-illegal)
                         (cons #\Tab #'%sharp-illegal)
                         (cons #\Newline #'%sharp-illegal)
                         (cons #\Page #'%sharp-illegal)
                         (cons #\Return #'%sharp-illegal)))
      (set-dispatch-macro-character #\# (car entry) (cdr entry) readtable))
    readtable))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *standard-readtable* (%make-standard-readtable))
  (defvar *readtable* (copy-readtable *standard-readtable*)))
