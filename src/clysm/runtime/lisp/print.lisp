;;;; print.lisp -- the Lisp printer (CLHS 22.1): WRITE, PRIN1, PRINC, PRINT
;;;; and the -TO-STRING functions, for the types that exist so far.
;;;;
;;;; Output is what SBCL prints.  With *PRINT-PRETTY* (true by default, as in
;;;; SBCL) lists, vectors and structures go to the pretty printer (pprint.lisp,
;;;; pprint-dispatch.lisp), except that an object that fits on what is left of
;;;; the line is first printed flat, which is what the pretty printer would
;;;; print then, only faster.
;;;;
;;;; Macros print at compile time too (FORMAT NIL "~A-~A" ...), so the printer
;;;; variables are defined at compile time.

(in-package "CLYSM")

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *print-escape* t)
  (defvar *print-readably* nil)
  (defvar *print-pretty* t)
  (defvar *print-base* 10)
  (defvar *print-radix* nil)
  (defvar *print-case* :upcase)
  (defvar *print-length* nil)
  (defvar *print-level* nil)
  (defvar *print-circle* nil)
  (defvar *print-gensym* t)
  (defvar *print-array* t)
  (defvar *print-right-margin* nil)
  (defvar *print-miser-width* nil)
  (defvar *print-lines* nil)
  ;; The table is made in pprint-dispatch.lisp; slot 0 of a table is its
  ;; list of entries other than the standard ones.
  (defvar *print-pprint-dispatch* nil)
  ;; How many logical blocks (lists, vectors, structures) are around the
  ;; object being printed, for *PRINT-LEVEL*.
  (defvar *%current-level* 0)
  ;; How many backquotes are around the object being printed: a comma
  ;; reads back only inside one.
  (defvar *%backquote-depth* 0)
  ;; While an object is printed flat to see whether it fits on the line:
  ;; the length not to exceed.
  (defvar *%flat-limit* nil)
  ;; *PRINT-CIRCLE* (circle.lisp): the objects seen (:SEEN, :SHARED or
  ;; their label), the last label given (NIL in the pass that finds the
  ;; shared objects), the object whose label %PRINT-OBJECT has just handled.
  (defvar *%circle-table* nil)
  (defvar *%circle-counter* nil)
  (defvar *%circle-checked* nil))

;;; Integers

(defun %digit-char (weight)
  (%code-char (if (%fx< weight 10) (%fx+ 48 weight) (%fx+ 55 weight))))

(defun %write-integer (n base stream)
  (when (%fx< n 0)
    (%stream-write-char stream #\-)
    ;; Negate digit by digit: -most-negative-fixnum is not a fixnum.
    (let ((q (%fx-truncate n base)))
      (unless (%fx= q 0) (%write-integer (%fx- 0 q) base stream))
      (%stream-write-char stream (%digit-char (%fx- 0 (%fx-rem n base))))
      (return-from %write-integer n)))
  (let ((q (%fx-truncate n base)))
    (unless (%fx= q 0) (%write-integer q base stream))
    (%stream-write-char stream (%digit-char (%fx-rem n base)))
    n))

(defun %print-integer (n stream)
  (unless (%fixnump n)
    (return-from %print-integer (%print-number n stream)))
  (let ((base *print-base*))
    (when *print-radix*
      (case base
        (2 (%stream-write-string stream "#b" 0 2))
        (8 (%stream-write-string stream "#o" 0 2))
        (16 (%stream-write-string stream "#x" 0 2))
        (10)
        (t (%stream-write-char stream #\#)
           (%write-integer base 10 stream)
           (%stream-write-char stream #\r))))
    (%write-integer n base stream)
    (when (and *print-radix* (%fx= base 10)) (%stream-write-char stream #\.))))

;;; Symbols


(defun %potential-number-p (name base)
  ;; Could the reader take NAME for a number (a "potential number", CLHS
  ;; 2.3.1.1), reading in BASE?  Digits, signs, ratio markers, decimal
  ;; points, extension characters and letters (number markers, never two in
  ;; a row); at least one digit; not starting with a letter nor ending with a
  ;; sign.  Letters are digits of BASE only in tokens without a decimal point.
  (let* ((n (%string-length name))
         (base (if (find #\. name) 10 base))
         (digits nil)
         (previous-letter nil))
    (and (%fx> n 0)
         (dotimes (i n t)
           (let* ((c (%schar name i))
                  (digit (digit-char-p c base))
                  (letter (and (not digit) (alpha-char-p c))))
             (cond (digit (setq digits t))
                   (letter (when previous-letter (return nil)))
                   ((member c '(#\+ #\- #\/ #\. #\^ #\_)))
                   (t (return nil)))
             (setq previous-letter letter)))
         digits
         (let ((first (%schar name 0)))
           (or (digit-char-p first base) (member first '(#\+ #\- #\. #\^ #\_))))
         (not (member (%schar name (%fx- n 1)) '(#\+ #\-))))))

(defun %symbol-name-needs-bars-p (name)
  (let ((n (%string-length name)))
    (or (%fx= n 0)
        (%potential-number-p name *print-base*)
        (dotimes (i n t) (unless (%eq (%schar name i) #\.) (return nil)))
        (dotimes (i n nil)
          (let* ((c (%schar name i)) (code (%char-code c)))
            (when (or (%lower-case-code-p code)
                      (%fx<= code 32)
                      ;; SBCL also escapes a # anywhere in the name.
                      (member c '(#\( #\) #\' #\" #\; #\` #\, #\| #\\ #\: #\#)))
              (return t)))))))

(defun %write-symbol-name (name escape stream)
  (if (and escape (%symbol-name-needs-bars-p name))
      (progn
        (%stream-write-char stream #\|)
        (dotimes (i (%string-length name))
          (let ((c (%schar name i)))
            (when (or (%eq c #\|) (%eq c #\\)) (%stream-write-char stream #\\))
            (%stream-write-char stream c)))
        (%stream-write-char stream #\|))
      (%write-cased-name name stream)))

(defun %write-cased-name (name stream)
  (let ((case *print-case*) (word-start t))
    (dotimes (i (%string-length name))
      (let* ((c (%schar name i)) (code (%char-code c)))
        (cond ((and (%upper-case-code-p code)
                    (or (%eq case :downcase)
                        (and (%eq case :capitalize) (not word-start))))
               (setq c (%code-char (%fx+ code 32))))
              (t nil))
        (setq word-start (not (or (%upper-case-code-p code) (%lower-case-code-p code)
                                  (%digit-code-p code))))
        (%stream-write-char stream c)))))

(defun %symbol-accessible-p (symbol)
  ;; Is SYMBOL the symbol its name finds in *PACKAGE* (present or inherited)?
  (let ((package *package*))
    (and (packagep package)
         (multiple-value-bind (found status) (%find-symbol (%symbol-name symbol) package)
           (and status (%eq found symbol))))))

(defun %print-symbol (symbol escape stream)
  ;; The package prefix is the home package's name: one colon when SYMBOL
  ;; is external there (packages.lisp).
  (let ((name (%symbol-name symbol)) (home (%symbol-package symbol)))
    (when escape
      (cond ((null home)
             (when *print-gensym* (%stream-write-string stream "#:" 0 2)))
            ((keywordp symbol) (%stream-write-char stream #\:))
            ((%stringp home)              ; during start-up (packages.lisp)
             (%write-symbol-name home t stream)
             (%stream-write-string stream "::" 0 2))
            ((%symbol-accessible-p symbol))
            (t (%write-symbol-name (package-name home) t stream)
               (if (%external-in-home-p symbol)
                   (%stream-write-char stream #\:)
                   (%stream-write-string stream "::" 0 2)))))
    (%write-symbol-name name escape stream)))

;;; Characters and strings

(defun %print-character (char escape stream)
  ;; #\ and the character, or its name when it is not a graphic ASCII
  ;; character; SBCL writes the space as itself.
  (if escape
      (let* ((code (%char-code char))
             (name (and (or (%fx< code 32) (%fx>= code 127)) (char-name char))))
        (%stream-write-string stream "#\\" 0 2)
        (if name
            (%stream-write-string stream name 0 (%string-length name))
            (%stream-write-char stream char)))
      (%stream-write-char stream char)))

(defun %print-string (string escape stream)
  (if escape
      (progn
        (%stream-write-char stream #\")
        (dotimes (i (%string-length string))
          (let ((c (%schar string i)))
            (when (or (%eq c #\") (%eq c #\\)) (%stream-write-char stream #\\))
            (%stream-write-char stream c)))
        (%stream-write-char stream #\"))
      (%stream-write-string stream string 0 (%string-length string))))

;;; Lists and vectors

(defun %quote-form-prefix (list)
  ;; The abbreviation of (QUOTE X) and (FUNCTION X) when pretty printing,
  ;; of the reader's backquote forms always (commas only inside a
  ;; backquote, where they read back); they add no level.
  (and (%consp (%cdr list)) (null (%cdr (%cdr list)))
       (let ((head (%car list)))
         (cond ((%eq head 'quasiquote)
                ;; `,@X does not read back: it prints as a list.
                (and (not (%splice-form-p (%car (%cdr list)))) "`"))
               ((%fx= *%backquote-depth* 0) (%pretty-quote-prefix head))
               ((%eq head 'unquote) ",")
               ((%eq head 'unquote-splicing) ",@")
               ((%eq head 'unquote-nsplicing) ",.")
               (t (%pretty-quote-prefix head))))))

(defun %pretty-quote-prefix (head)
  (cond ((not *print-pretty*) nil)
        ((%eq head 'quote) "'")
        ((%eq head 'function) "#'")
        (t nil)))

(defun %splice-form-p (object)
  (and (%consp object)
       (or (%eq (%car object) 'unquote-splicing) (%eq (%car object) 'unquote-nsplicing))
       (%consp (%cdr object)) (null (%cdr (%cdr object)))))

(defun %quote-form-depth (prefix)
  ;; How the backquote depth changes inside a form printed with PREFIX.
  (let ((first (%schar prefix 0)))
    (cond ((%eq first #\`) 1)
          ((%eq first #\,) -1)
          (t 0))))

(defun %unquote-tail-p (list)
  ;; `(A . ,B) reads as (QUASIQUOTE (A UNQUOTE B)): that tail prints as . ,B
  (and (%fx> *%backquote-depth* 0)
       (%eq (%car list) 'unquote) (%consp (%cdr list)) (null (%cdr (%cdr list)))))

(defun %print-list (list escape level stream)
  ;; LEVEL is that of the elements.
  (%stream-write-char stream #\()
  (let ((count 0))
    (tagbody
     next
       (when (and *print-length* (%fx>= count *print-length*))
         (%stream-write-string stream "..." 0 3)
         (go done))
       (%print-object (%car list) escape level stream)
       (setq count (%fx+ count 1) list (%cdr list))
       (cond ((and (%consp list) (not (%unquote-tail-p list))
                   (not (and *%circle-table* (%circle-tail-label-p list))))
              (%stream-write-char stream #\Space)
              (go next))
             ((null list))
             (t (%stream-write-string stream " . " 0 3)
                (%print-object list escape level stream)))
     done))
  (%stream-write-char stream #\)))

(defun %print-vector (vector escape level stream)
  ;; The active elements of any vector but a string or bit vector.
  (%stream-write-string stream "#(" 0 2)
  (dotimes (i (length vector))
    (unless (%fx= i 0) (%stream-write-char stream #\Space))
    (when (and *print-length* (%fx>= i *print-length*))
      (%stream-write-string stream "..." 0 3)
      (return))
    (%print-object (aref vector i) escape (%fx+ level 1) stream))
  (%stream-write-char stream #\)))

(defun %print-bit-vector (vector stream)
  (%stream-write-string stream "#*" 0 2)
  (dotimes (i (length vector))
    (%stream-write-char stream (if (%eq (aref vector i) 0) #\0 #\1))))

(defun %print-array-contents (array dimensions index escape level stream)
  ;; The elements of ARRAY from row-major INDEX with DIMENSIONS left, as
  ;; nested lists, each nesting one level deeper.
  (if (null dimensions)
      (%print-object (row-major-aref array index) escape level stream)
      (if (and *print-level* (%fx>= level *print-level*))
          (%stream-write-char stream #\#)
          (let ((stride (reduce #'* (cdr dimensions))))
            (%stream-write-char stream #\()
            (dotimes (i (car dimensions))
              (unless (%fx= i 0) (%stream-write-char stream #\Space))
              (when (and *print-length* (%fx>= i *print-length*))
                (%stream-write-string stream "..." 0 3)
                (return))
              (%print-array-contents array (cdr dimensions) (%fx+ index (%fx* i stride))
                                     escape (%fx+ level 1) stream))
            (%stream-write-char stream #\))))))

(defun %print-array (array escape level stream)
  ;; Any array: strings always as strings; the others as #(...), #*...
  ;; and #nA(...), or unreadably when *PRINT-ARRAY* is false.
  (cond ((stringp array) (%print-string (%check-string array) escape stream))
        ((not *print-array*) (%print-unreadable-object array stream t t nil))
        ((bit-vector-p array) (%print-bit-vector array stream))
        ((vectorp array)
         (if (and *print-level* (%fx>= level *print-level*))
             (%stream-write-char stream #\#)
             (%print-vector array escape level stream)))
        (t (let ((dimensions (array-dimensions array)))
             (%stream-write-char stream #\#)
             (%write-integer (length dimensions) 10 stream)
             (%stream-write-char stream #\A)
             (%print-array-contents array dimensions 0 escape level stream)))))

(defun %print-unreadable (text stream)
  (%stream-write-string stream "#<" 0 2)
  (%stream-write-string stream text 0 (%string-length text))
  (%stream-write-char stream #\>))

(defun %print-function (function stream)
  ;; A generic function prints as its record (an instance: CLOS).
  (when (%instancep (%function-info function))
    (return-from %print-function (%print-instance (%function-info function) stream)))
  (let ((name (%function-name function)))
    (%stream-write-string stream "#<FUNCTION " 0 11)
    (cond ((and name (%symbolp name)) (%print-symbol name t stream))
          ((%consp name) (let ((*print-pretty* nil)) (%print-object name t 0 stream))) ; (SETF F)
          (t (%stream-write-string stream "(LAMBDA)" 0 8)))
    (%stream-write-char stream #\>)))

(defun %print-cons (list escape level stream)
  ;; Printing flat gives up on forms the pretty printer always breaks.
  (when (and *%flat-limit* (%symbolp (%car list)) (%form-may-break-p list)) (%flat-abort))
  (let ((prefix (%quote-form-prefix list)))
    (cond (prefix
           (%stream-write-string stream prefix 0 (%string-length prefix))
           (let ((*%backquote-depth* (%fx+ *%backquote-depth* (%quote-form-depth prefix))))
             (%print-object (%car (%cdr list)) escape level stream)))
          ((and *print-level* (%fx>= level *print-level*)) (%stream-write-char stream #\#))
          (t (%print-list list escape (%fx+ level 1) stream)))))

(defun %print-plain-object (object escape level stream)
  ;; OBJECT without line breaks.
  (cond ((%fixnump object) (%print-integer object stream))
        ((%symbolp object) (%print-symbol object escape stream))
        ((%consp object) (%print-cons object escape level stream))
        ((%stringp object) (%print-string object escape stream))
        ((%characterp object) (%print-character object escape stream))
        ((%output-stream-p object) (%print-unreadable "STREAM" stream))
        ((or (%simple-vector-p object) (%bit-vector-p object) (%array-header-p object))
         (%print-array object escape level stream))
        ((%functionp object) (%print-function object stream))
        ((%instancep object)
         ;; Printing flat runs no printer of the user's.
         (when (and *%flat-limit* (not (%default-structure-p object))) (%flat-abort))
         (%print-instance object stream escape level))
        ((%number-kind object) (%print-number object stream))
        (t (%print-unreadable "object of a type the printer does not know yet" stream))))

(defun %pretty-printed-p (object)
  ;; Does OBJECT go to the pretty printer when *PRINT-PRETTY* is true?
  (or (%consp object)
      (and (%simple-vector-p object) (not (%output-stream-p object)))
      (and (%array-header-p object) *print-array*
           (not (stringp object)) (not (bit-vector-p object)))
      (and (%instancep object) (%default-structure-p object))
      (let ((table *print-pprint-dispatch*)) (and table (%instance-ref table 0)))))

(defun %print-object (object escape level stream)
  (if (and *%circle-table* (%circle-candidate-p object))
      ;; #n= before it, or #n# instead of it.
      (unless (%circle-check object stream)
        (let ((*%circle-checked* object))
          (%print-object-1 object escape level stream)))
      (%print-object-1 object escape level stream))
  object)

(defun %print-object-1 (object escape level stream)
  (cond ((and *print-pretty* (null *%flat-limit*) (%pretty-printed-p object))
         (%pretty-print-object object escape level stream))
        (t (%print-plain-object object escape level stream)
           (when *%flat-limit* (%check-flat-limit stream)))))

;;; The standard entry points

(defun write (object &key (stream nil) (escape *print-escape*) (readably *print-readably*)
                          (base *print-base*) (radix *print-radix*) (case *print-case*)
                          (length *print-length*) (level *print-level*)
                          (pretty *print-pretty*) (circle *print-circle*)
                          (gensym *print-gensym*) (array *print-array*)
                          (lines *print-lines*) (right-margin *print-right-margin*)
                          (miser-width *print-miser-width*)
                          (pprint-dispatch *print-pprint-dispatch*))
  (let ((*print-escape* escape) (*print-readably* readably) (*print-base* base)
        (*print-radix* radix) (*print-case* case) (*print-length* length)
        (*print-level* level) (*print-pretty* pretty) (*print-circle* circle)
        (*print-gensym* gensym) (*print-array* array) (*print-lines* lines)
        (*print-right-margin* right-margin) (*print-miser-width* miser-width)
        (*print-pprint-dispatch* pprint-dispatch))
    (%output-object object (%output-stream stream))))

(defun %output-object (object stream)
  ;; What every printing function does: OBJECT as the printer variables say.
  (if *print-circle*
      (%print-with-circle-detection object stream)
      (%print-object object (or *print-escape* *print-readably*) *%current-level* stream)))

(defun prin1 (object &optional stream)
  (let ((*print-escape* t))
    (%output-object object (%output-stream stream))))

(defun princ (object &optional stream)
  (let ((*print-escape* nil) (*print-readably* nil))
    (%output-object object (%output-stream stream))))

(defun print (object &optional stream)
  (let ((stream (%output-stream stream)) (*print-escape* t))
    (%stream-write-char stream #\Newline)
    (%output-object object stream)
    (%stream-write-char stream #\Space)
    object))

(defun write-to-string (object &rest keys)
  (let ((stream (make-string-output-stream)))
    (apply #'write object :stream stream keys)
    (get-output-stream-string stream)))

(defun prin1-to-string (object)
  (let ((stream (make-string-output-stream)))
    (prin1 object stream)
    (get-output-stream-string stream)))

(defun princ-to-string (object)
  (let ((stream (make-string-output-stream)))
    (princ object stream)
    (get-output-stream-string stream)))
