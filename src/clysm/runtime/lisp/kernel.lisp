;;;; kernel.lisp -- the run-time definitions of the kernel functions.
;;;;
;;;; At compile time the host kernel (Python) provides these functions to
;;;; macro expanders, and a host primitive keeps its Python definition when
;;;; this file is compiled.  At run time these Lisp definitions, written over
;;;; the compiler's intrinsics, are the only ones.  Arguments are checked here
;;;; because the intrinsics assume their types.
;;;;
;;;; The numbers are in numbers.lisp, bignum.lisp, float.lisp and irrat.lisp.

(in-package "CLYSM")

;;; Errors signalled by this file.  ERROR itself is in errors.lisp.

(defun %type-error (datum expected-type)
  (error 'type-error :datum datum :expected-type expected-type))

(defun %check-symbol (x)
  (if (%symbolp x) x (%type-error x 'symbol)))

(defun %check-string (x)
  (if (%stringp x) x (%type-error x 'string)))

(defun %check-fixnum (x)
  (if (%fixnump x) x (%type-error x 'fixnum)))

(defun %check-character (x)
  (if (%characterp x) x (%type-error x 'character)))

(defun %check-index (index length)
  (if (and (%fixnump index) (%fx<= 0 index) (%fx< index length))
      index
      (%type-error index (list 'integer 0 (%fx- length 1)))))

;;; Proclamations, needed first: DEFVAR and DEFCONSTANT forms run them as
;;; this file loads.  The flag bits are +FLAG-SPECIAL+ and +FLAG-CONSTANT+.

(defun proclaim (declaration-specifier)
  (when (and (%consp declaration-specifier) (%eq (car declaration-specifier) 'special))
    (dolist (name (cdr declaration-specifier))
      (%set-symbol-flags name (%fx-logior (%symbol-flags (%check-symbol name))
                                          1))))
  nil)

(defun %defconstant (name value)
  (%set (%check-symbol name) value)
  (%set-symbol-flags name (%fx-logior (%symbol-flags name) 2))
  name)

;;; Types and identity

(defun eq (x y) (%eq x y))
(defun eql (x y)
  ;; Numbers of one type and value are EQL (%EQL-NUMBERS in numbers.lisp).
  (if (%eq x y) t (if (%fixnump x) nil (%eql-numbers x y))))
(defun not (x) (%eq x nil))
(defun null (x) (%eq x nil))
(defun identity (x) x)
(defun consp (x) (%consp x))
(defun atom (x) (not (%consp x)))
(defun listp (x) (or (%consp x) (%eq x nil)))
(defun symbolp (x) (%symbolp x))
(defun keywordp (x)
  (and (%symbolp x) (string= (%symbol-package-name x) "KEYWORD")))
(defun stringp (x) (%stringp x))
(defun characterp (x) (%characterp x))
(defun functionp (x) (%functionp x))
(defun simple-vector-p (x) (%simple-vector-p x))
(defun vectorp (x) (or (%simple-vector-p x) (%stringp x)))
(defun arrayp (x) (vectorp x))
(defun fixnump (x) (%fixnump x))

;;; Conses

(defun cons (car cdr) (%cons car cdr))
(defun car (list)
  (if (%consp list) (%car list) (if (%eq list nil) nil (%type-error list 'list))))
(defun cdr (list)
  (if (%consp list) (%cdr list) (if (%eq list nil) nil (%type-error list 'list))))
(defun rplaca (cons object)
  (if (%consp cons) (%rplaca cons object) (%type-error cons 'cons)))
(defun rplacd (cons object)
  (if (%consp cons) (%rplacd cons object) (%type-error cons 'cons)))

(defun list (&rest objects) objects)

(defun list* (object &rest more)
  (if (null more)
      object
      (let* ((head (cons object nil)) (tail head))
        (tagbody
         next
           (if (%consp (%cdr more))
               (progn (let ((cell (cons (%car more) nil)))
                        (%rplacd tail cell)
                        (setq tail cell))
                      (setq more (%cdr more))
                      (go next))))
        (%rplacd tail (%car more))
        head)))

(defun %list-length-or-error (list)
  (let ((n 0))
    (tagbody
     next
       (if (%consp list)
           (progn (setq n (%fx+ n 1) list (%cdr list))
                  (go next))))
    (if (%eq list nil) n (%type-error list 'list))))

(defun length (sequence)
  (cond ((listp sequence) (%list-length-or-error sequence))
        ((%stringp sequence) (%string-length sequence))
        ((%simple-vector-p sequence) (%vector-length sequence))
        (t (%type-error sequence 'sequence))))

;;; Numbers: numbers.lisp (generic arithmetic) and bignum.lisp.

;;; Characters

(defun char-code (character) (%char-code (%check-character character)))

(defun code-char (code)
  (if (and (%fixnump code) (%fx>= code 0) (%fx< code 1114112))
      (%code-char code)
      (%type-error code '(integer 0 1114111))))

(defun %char-compare (test characters)
  ;; True when TEST holds between the codes of every adjacent pair.
  (let ((previous (%char-code (%check-character (car characters)))))
    (dolist (c (cdr characters) t)
      (let ((code (%char-code (%check-character c))))
        (unless (funcall test previous code) (return nil))
        (setq previous code)))))

(defun char= (character &rest more)
  (%char-compare #'(lambda (a b) (%fx= a b)) (cons character more)))
(defun char< (character &rest more)
  (%char-compare #'(lambda (a b) (%fx< a b)) (cons character more)))
(defun char> (character &rest more)
  (%char-compare #'(lambda (a b) (%fx> a b)) (cons character more)))
(defun char<= (character &rest more)
  (%char-compare #'(lambda (a b) (%fx<= a b)) (cons character more)))
(defun char>= (character &rest more)
  (%char-compare #'(lambda (a b) (%fx>= a b)) (cons character more)))

(defun char/= (character &rest more)
  ;; True when no two characters are the same.
  (let ((characters (cons character more)))
    (dolist (c characters t)
      (%check-character c)
      (when (member c (cdr characters)) (return nil))
      (setq characters (cdr characters)))))

;;; Case and character classes: characters.lisp.

(defun digit-char (weight &optional (radix 10))
  (and (%fixnump weight) (%fx>= weight 0) (%fx< weight radix)
       (%code-char (if (%fx< weight 10) (%fx+ 48 weight) (%fx+ 55 weight)))))

(defun graphic-char-p (character)
  (let ((code (char-code character)))
    (or (and (%fx>= code 32) (%fx< code 127)) (%fx> code 159))))

(defun %char-equal-compare (test characters)
  ;; Case-insensitive: lower-case codes compared, as SBCL does.
  (%char-compare test (mapcar #'char-downcase characters)))

(defun char-equal (character &rest more)
  (%char-equal-compare #'(lambda (a b) (%fx= a b)) (cons character more)))
(defun char-lessp (character &rest more)
  (%char-equal-compare #'(lambda (a b) (%fx< a b)) (cons character more)))
(defun char-greaterp (character &rest more)
  (%char-equal-compare #'(lambda (a b) (%fx> a b)) (cons character more)))

;;; Character names: SBCL's, which are the Unicode names beyond the control
;;; characters (only the ASCII ones exist so far).

(defconstant +control-character-names+
  #("Nul" "Soh" "Stx" "Etx" "Eot" "Enq" "Ack" "Bel" "Backspace" "Tab" "Newline" "Vt"
    "Page" "Return" "So" "Si" "Dle" "Dc1" "Dc2" "Dc3" "Dc4" "Nak" "Syn" "Etb" "Can" "Em"
    "Sub" "Esc" "Fs" "Gs" "Rs" "Us" "Space"))

(defconstant +digit-names+
  #("ZERO" "ONE" "TWO" "THREE" "FOUR" "FIVE" "SIX" "SEVEN" "EIGHT" "NINE"))

(defconstant +ascii-punctuation-names+
  '((33 . "EXCLAMATION_MARK") (34 . "QUOTATION_MARK") (35 . "NUMBER_SIGN")
    (36 . "DOLLAR_SIGN") (37 . "PERCENT_SIGN") (38 . "AMPERSAND") (39 . "APOSTROPHE")
    (40 . "LEFT_PARENTHESIS") (41 . "RIGHT_PARENTHESIS") (42 . "ASTERISK")
    (43 . "PLUS_SIGN") (44 . "COMMA") (45 . "HYPHEN-MINUS") (46 . "FULL_STOP")
    (47 . "SOLIDUS") (58 . "COLON") (59 . "SEMICOLON") (60 . "LESS-THAN_SIGN")
    (61 . "EQUALS_SIGN") (62 . "GREATER-THAN_SIGN") (63 . "QUESTION_MARK")
    (64 . "COMMERCIAL_AT") (91 . "LEFT_SQUARE_BRACKET") (92 . "REVERSE_SOLIDUS")
    (93 . "RIGHT_SQUARE_BRACKET") (94 . "CIRCUMFLEX_ACCENT") (95 . "LOW_LINE")
    (96 . "GRAVE_ACCENT") (123 . "LEFT_CURLY_BRACKET") (124 . "VERTICAL_LINE")
    (125 . "RIGHT_CURLY_BRACKET") (126 . "TILDE")))

(defun char-name (character)
  (let ((code (char-code character)))
    (cond ((%fx<= code 32) (svref +control-character-names+ code))
          ((%fx= code 127) "Rubout")
          ((%digit-code-p code)
           (%string-concat "DIGIT_" (svref +digit-names+ (%fx- code 48))))
          ((%upper-case-code-p code)
           (%string-concat "LATIN_CAPITAL_LETTER_" (%make-string 1 character)))
          ((%lower-case-code-p code)
           (%string-concat "LATIN_SMALL_LETTER_" (%make-string 1 (char-upcase character))))
          ((%fx< code 127) (cdr (assoc code +ascii-punctuation-names+)))
          (t nil))))

(defconstant +character-name-aliases+
  '(("Linefeed" . 10) ("Lf" . 10) ("Null" . 0) ("Escape" . 27) ("Altmode" . 27)
    ("Del" . 127) ("Delete" . 127) ("Bs" . 8) ("Cr" . 13)))

(defun name-char (name)
  ;; The character named NAME (case-insensitive), or NIL.
  (let ((name (string name)))
    (cond ((and (%fx> (%string-length name) 2) (char-equal (char name 0) #\U)
                (%eq (char name 1) #\+))
           (let ((code (parse-integer name :start 2 :radix 16 :junk-allowed t)))
             (and code (code-char code))))
          ((cdr (assoc name +character-name-aliases+ :test #'string-equal))
           (%code-char (cdr (assoc name +character-name-aliases+ :test #'string-equal))))
          (t (dotimes (code 128 nil)
               (let ((c (%code-char code)))
                 (when (string-equal name (char-name c)) (return c))))))))

(defun %upper-case-code-p (code) (and (%fx>= code 65) (%fx<= code 90)))
(defun %lower-case-code-p (code) (and (%fx>= code 97) (%fx<= code 122)))
(defun %digit-code-p (code) (and (%fx>= code 48) (%fx<= code 57)))

;;; Strings and simple vectors

(defun make-string (size &key (initial-element (%code-char 0)))
  (%check-fixnum size)
  (%make-string size (%check-character initial-element)))

(defun char (string index)
  (%check-string string)
  (%schar string (%check-index index (%string-length string))))

(defun schar (string index) (char string index))

(defun %set-char (string index character)
  (%check-string string)
  (%set-schar string (%check-index index (%string-length string))
              (%check-character character)))

(defun string (designator)
  (cond ((%stringp designator) designator)
        ((%symbolp designator) (%symbol-name designator))
        ((%characterp designator) (%make-string 1 designator))
        (t (%type-error designator '(or string symbol character)))))

(defun string= (string1 string2 &key (start1 0) end1 (start2 0) end2)
  (let* ((a (string string1)) (b (string string2))
         (end1 (or end1 (%string-length a)))
         (end2 (or end2 (%string-length b))))
    (and (%fx= (%fx- end1 start1) (%fx- end2 start2))
         (do ((i start1 (%fx+ i 1)) (j start2 (%fx+ j 1)))
             ((%fx>= i end1) t)
           (unless (%eq (%schar a i) (%schar b j)) (return nil))))))

(defun %string-concat (&rest strings)
  (let ((result ""))
    (dolist (s strings result) (setq result (%string-concat-2 result s)))))

(defun %character-type-p (type)
  (member type '(character base-char standard-char)))

(defun make-array (dimensions &key (element-type t) (initial-element nil initial-element-p)
                                   (initial-contents nil initial-contents-p)
                                   adjustable fill-pointer displaced-to)
  ;; One-dimensional simple arrays only, until arrays come with the library:
  ;; strings for a character element type, simple vectors otherwise (filled
  ;; with 0 by default, as in SBCL).
  (when (or adjustable fill-pointer displaced-to)
    (error "adjustable, fill-pointered and displaced arrays are not implemented yet"))
  (let ((size (if (%consp dimensions)
                  (if (null (cdr dimensions))
                      (car dimensions)
                      (error "arrays of rank ~D are not implemented yet" (length dimensions)))
                  dimensions)))
    (unless (and (%fixnump size) (%fx>= size 0)) (%type-error size '(integer 0)))
    (let ((array (if (%character-type-p element-type)
                     (%make-string size (if initial-element-p
                                            (%check-character initial-element)
                                            (%code-char 0)))
                     (%make-vector size (if initial-element-p initial-element 0)))))
      (when initial-contents-p
        (unless (%fx= (length initial-contents) size)
          (error "~S has ~D elements, not the ~D of the array" initial-contents
                 (length initial-contents) size))
        (replace array initial-contents))
      array)))

(defun %check-array (x) (if (vectorp x) x (%type-error x 'array)))
(defun array-rank (array) (%check-array array) 1)
(defun array-dimensions (array) (list (length (%check-array array))))
(defun array-total-size (array) (length (%check-array array)))
(defun array-dimension (array axis)
  (unless (eql axis 0) (%type-error axis '(integer 0 0)))
  (length (%check-array array)))
(defun array-element-type (array)
  (if (%stringp (%check-array array)) 'character t))
(defun array-in-bounds-p (array index)
  (and (%fixnump index) (%fx>= index 0) (%fx< index (length (%check-array array)))))
(defun adjustable-array-p (array) (%check-array array) nil)
(defun array-has-fill-pointer-p (array) (%check-array array) nil)

(defun vector (&rest objects)
  (let ((v (%make-vector (length objects) nil)) (i 0))
    (dolist (x objects v) (%svset v i x) (setq i (%fx+ i 1)))))

(defun svref (vector index)
  (unless (%simple-vector-p vector) (%type-error vector 'simple-vector))
  (%svref vector (%check-index index (%vector-length vector))))

(defun %svset-checked (vector index value)
  (unless (%simple-vector-p vector) (%type-error vector 'simple-vector))
  (%svset vector (%check-index index (%vector-length vector)) value))

(defun aref (array index)
  (if (%stringp array) (char array index) (svref array index)))

(defun %aset (array index value)
  (if (%stringp array) (%set-char array index value) (%svset-checked array index value)))

;;; The places of these accessors: SETF calls the function (SETF name).
(defun (setf svref) (value vector index) (%svset-checked vector index value))
(defun (setf aref) (value array index) (%aset array index value))
(defun (setf char) (character string index) (%set-char string index character))
(defun (setf schar) (character string index) (%set-char string index character))

;;; Functions

(defun funcall (function &rest arguments) (apply function arguments))

(defun constantly (value) (lambda (&rest arguments) (declare (ignore arguments)) value))

(defun complement (function)
  (lambda (&rest arguments) (not (apply function arguments))))

(defun %spread-arguments (arguments)
  ;; APPLY's arguments: all but the last, then the elements of the last.
  (if (%consp (%cdr arguments))
      (cons (%car arguments) (%spread-arguments (%cdr arguments)))
      (%car arguments)))

(defun apply (function argument &rest more)
  (if more
      (apply function (%spread-arguments (cons argument more)))
      (apply function argument)))

(defun values-list (list)
  (when (%fx> (%list-length-or-error list) 1024)
    (error "VALUES-LIST: more than ~D values" 1024))
  (%values-list list))

(defun values (&rest objects) (%values-list objects))

(defun fdefinition (name)
  (let ((function (%symbol-function (%function-cell name))))
    (if (%functionp function)
        function
        (error 'undefined-function :name name))))

(defun symbol-function (symbol) (fdefinition (%check-symbol symbol)))

(defun fboundp (name)
  (or (%functionp (%symbol-function (%function-cell name)))
      (and (%symbolp name)
           (or (%macro-function name) (special-operator-p name))
           t)))

(defun fmakunbound (name) (%fmakunbound (%function-cell name)) name)

(defun %fset-checked (name function)
  (unless (%functionp function) (%type-error function 'function))
  (%fset (%function-cell name) function))

(defun (setf fdefinition) (function name) (%fset-checked name function))
(defun (setf symbol-function) (function symbol)
  (%fset-checked (%check-symbol symbol) function))


;;; Symbols: cells and property lists

(defconstant +flag-special+ 1)
(defconstant +flag-constant+ 2)

(defun symbol-name (symbol) (%symbol-name (%check-symbol symbol)))

(defun %symbol-package-name (symbol)
  ;; Until packages are objects, a symbol's package is its package's name.
  (%symbol-package symbol))

(defun symbol-package (symbol) (%symbol-package (%check-symbol symbol)))

(defun %constant-symbol-p (symbol)
  (or (%eq symbol nil) (%eq symbol t) (keywordp symbol)
      (%fx= (%fx-logand (%symbol-flags symbol) +flag-constant+) +flag-constant+)))

(defun symbol-value (symbol)
  (%check-symbol symbol)
  (if (or (%eq symbol nil) (%eq symbol t) (keywordp symbol))
      symbol
      (%symbol-value symbol)))

(defun set (symbol value)
  (%check-symbol symbol)
  (when (%constant-symbol-p symbol)
    (error "cannot set the constant ~S" symbol))
  (%set symbol value))

(defun (setf symbol-value) (value symbol) (set symbol value))

(defun boundp (symbol)
  (%check-symbol symbol)
  (or (%constant-symbol-p symbol) (%boundp symbol)))

(defun makunbound (symbol) (%makunbound (%check-symbol symbol)))

(defun symbol-plist (symbol) (%symbol-plist (%check-symbol symbol)))
(defun (setf symbol-plist) (plist symbol) (%set-symbol-plist (%check-symbol symbol) plist))

(defun get (symbol indicator &optional default)
  (do ((plist (%symbol-plist (%check-symbol symbol)) (cddr plist)))
      ((atom plist) default)
    (when (%eq (car plist) indicator) (return (cadr plist)))))

(defun %put (symbol indicator value)
  (do ((plist (%symbol-plist (%check-symbol symbol)) (cddr plist)))
      ((atom plist)
       (%set-symbol-plist symbol (list* indicator value (%symbol-plist symbol)))
       value)
    (when (%eq (car plist) indicator)
      (rplaca (cdr plist) value)
      (return value))))

(defun remprop (symbol indicator)
  (do ((plist (%symbol-plist (%check-symbol symbol)) (cddr plist))
       (previous nil plist))
      ((atom plist) nil)
    (when (%eq (car plist) indicator)
      (if previous
          (rplacd (cdr previous) (cddr plist))
          (%set-symbol-plist symbol (cddr plist)))
      (return t))))

(defun make-symbol (name) (%make-symbol (%check-string name)))

(defvar *gensym-counter* 1)

(defun %fixnum-to-string (n)
  ;; Decimal digits of a fixnum.
  (if (%fx< n 0)
      (%string-concat-2 "-" (%fixnum-to-string (%fx- 0 n)))
      (let ((digits nil))
        (tagbody
         next
           (setq digits (cons (%code-char (%fx+ 48 (%fx-rem n 10))) digits))
           (setq n (%fx-truncate n 10))
           (if (%fx> n 0) (go next)))
        (let ((s (%make-string (length digits) #\0)) (i 0))
          (dolist (c digits s) (%set-schar s i c) (setq i (%fx+ i 1)))))))

(defun gensym (&optional (x "G"))
  (let ((n *gensym-counter*) (prefix x))
    (if (%fixnump x)
        (setq n x prefix "G")
        (setq *gensym-counter* (%fx+ n 1)))
    (%make-symbol (%string-concat-2 (%check-string prefix) (%fixnum-to-string n)))))

;;; Packages, by name until the package system exists.

(defun %package-name-of (designator)
  (let ((name (string designator)))
    (cond ((or (string= name "CL") (string= name "COMMON-LISP")) "COMMON-LISP")
          ((or (string= name "CL-USER") (string= name "COMMON-LISP-USER"))
           "COMMON-LISP-USER")
          ((string= name "KEYWORD") "KEYWORD")
          ((string= name "CLYSM") "CLYSM")
          (t nil))))

(defun find-package (name)
  (%package-name-of name))

(defvar *package* "COMMON-LISP-USER")

(defun package-name (package) package)

(defun intern (name &optional (package *package*))
  (let ((package-name (%package-name-of package)))
    (unless package-name (error "there is no package named ~S" package))
    (%check-string name)
    (let ((home (%inherited-from name package-name)))
      (cond (home (values (%intern name home) :inherited))
            ((%external-name-p name package-name)
             (values (%intern name package-name) :external))
            (t (values (%intern name package-name) nil))))))

;;; The names of the 978 external symbols of COMMON-LISP (CLHS 1.9), which
;;; every standard package but KEYWORD inherits.  Until the package system
;;; exists, INTERN and the reader look names up here, so that reading CAR in
;;; COMMON-LISP-USER gives COMMON-LISP:CAR.  (Several strings: a literal
;;; string is limited to 10,000 characters.)

(defconstant +cl-external-names+
  '(
    "&ALLOW-OTHER-KEYS &AUX &BODY &ENVIRONMENT &KEY &OPTIONAL &REST &WHOLE * ** ***
*BREAK-ON-SIGNALS* *COMPILE-FILE-PATHNAME* *COMPILE-FILE-TRUENAME* *COMPILE-PRINT*
*COMPILE-VERBOSE* *DEBUG-IO* *DEBUGGER-HOOK* *DEFAULT-PATHNAME-DEFAULTS* *ERROR-OUTPUT*
*FEATURES* *GENSYM-COUNTER* *LOAD-PATHNAME* *LOAD-PRINT* *LOAD-TRUENAME* *LOAD-VERBOSE*
*MACROEXPAND-HOOK* *MODULES* *PACKAGE* *PRINT-ARRAY* *PRINT-BASE* *PRINT-CASE*
*PRINT-CIRCLE* *PRINT-ESCAPE* *PRINT-GENSYM* *PRINT-LENGTH* *PRINT-LEVEL* *PRINT-LINES*
*PRINT-MISER-WIDTH* *PRINT-PPRINT-DISPATCH* *PRINT-PRETTY* *PRINT-RADIX*
*PRINT-READABLY* *PRINT-RIGHT-MARGIN* *QUERY-IO* *RANDOM-STATE* *READ-BASE*
*READ-DEFAULT-FLOAT-FORMAT* *READ-EVAL* *READ-SUPPRESS* *READTABLE* *STANDARD-INPUT*
*STANDARD-OUTPUT* *TERMINAL-IO* *TRACE-OUTPUT* + ++ +++ - / // /// /= 1+ 1- < <= = > >=
ABORT ABS ACONS ACOS ACOSH ADD-METHOD ADJOIN ADJUST-ARRAY ADJUSTABLE-ARRAY-P
ALLOCATE-INSTANCE ALPHA-CHAR-P ALPHANUMERICP AND APPEND APPLY APROPOS APROPOS-LIST AREF
ARITHMETIC-ERROR ARITHMETIC-ERROR-OPERANDS ARITHMETIC-ERROR-OPERATION ARRAY
ARRAY-DIMENSION ARRAY-DIMENSION-LIMIT ARRAY-DIMENSIONS ARRAY-DISPLACEMENT
ARRAY-ELEMENT-TYPE ARRAY-HAS-FILL-POINTER-P ARRAY-IN-BOUNDS-P ARRAY-RANK
ARRAY-RANK-LIMIT ARRAY-ROW-MAJOR-INDEX ARRAY-TOTAL-SIZE ARRAY-TOTAL-SIZE-LIMIT ARRAYP
ASH ASIN ASINH ASSERT ASSOC ASSOC-IF ASSOC-IF-NOT ATAN ATANH ATOM BASE-CHAR BASE-STRING
BIGNUM BIT BIT-AND BIT-ANDC1 BIT-ANDC2 BIT-EQV BIT-IOR BIT-NAND BIT-NOR BIT-NOT BIT-ORC1
BIT-ORC2 BIT-VECTOR BIT-VECTOR-P BIT-XOR BLOCK BOOLE BOOLE-1 BOOLE-2 BOOLE-AND
BOOLE-ANDC1 BOOLE-ANDC2 BOOLE-C1 BOOLE-C2 BOOLE-CLR BOOLE-EQV BOOLE-IOR BOOLE-NAND
BOOLE-NOR BOOLE-ORC1 BOOLE-ORC2 BOOLE-SET BOOLE-XOR BOOLEAN BOTH-CASE-P BOUNDP BREAK
BROADCAST-STREAM BROADCAST-STREAM-STREAMS BUILT-IN-CLASS BUTLAST BYTE BYTE-POSITION
BYTE-SIZE CAAAAR CAAADR CAAAR CAADAR CAADDR CAADR CAAR CADAAR CADADR CADAR CADDAR CADDDR
CADDR CADR CALL-ARGUMENTS-LIMIT CALL-METHOD CALL-NEXT-METHOD CAR CASE CATCH CCASE CDAAAR
CDAADR CDAAR CDADAR CDADDR CDADR CDAR CDDAAR CDDADR CDDAR CDDDAR CDDDDR CDDDR CDDR CDR
CEILING CELL-ERROR CELL-ERROR-NAME CERROR CHANGE-CLASS CHAR CHAR-CODE CHAR-CODE-LIMIT
CHAR-DOWNCASE CHAR-EQUAL CHAR-GREATERP CHAR-INT CHAR-LESSP CHAR-NAME CHAR-NOT-EQUAL
CHAR-NOT-GREATERP CHAR-NOT-LESSP CHAR-UPCASE CHAR/= CHAR< CHAR<= CHAR= CHAR> CHAR>=
CHARACTER CHARACTERP CHECK-TYPE CIS CLASS CLASS-NAME CLASS-OF CLEAR-INPUT CLEAR-OUTPUT
CLOSE CLRHASH CODE-CHAR COERCE COMPILATION-SPEED COMPILE COMPILE-FILE
COMPILE-FILE-PATHNAME COMPILED-FUNCTION COMPILED-FUNCTION-P COMPILER-MACRO
COMPILER-MACRO-FUNCTION COMPLEMENT COMPLEX COMPLEXP COMPUTE-APPLICABLE-METHODS
COMPUTE-RESTARTS CONCATENATE CONCATENATED-STREAM CONCATENATED-STREAM-STREAMS COND
CONDITION CONJUGATE CONS CONSP CONSTANTLY CONSTANTP CONTINUE CONTROL-ERROR COPY-ALIST
COPY-LIST COPY-PPRINT-DISPATCH COPY-READTABLE COPY-SEQ COPY-STRUCTURE COPY-SYMBOL
COPY-TREE COS COSH COUNT COUNT-IF COUNT-IF-NOT CTYPECASE DEBUG DECF DECLAIM DECLARATION
DECLARE DECODE-FLOAT DECODE-UNIVERSAL-TIME DEFCLASS DEFCONSTANT DEFGENERIC
DEFINE-COMPILER-MACRO DEFINE-CONDITION DEFINE-METHOD-COMBINATION DEFINE-MODIFY-MACRO
DEFINE-SETF-EXPANDER DEFINE-SYMBOL-MACRO DEFMACRO DEFMETHOD DEFPACKAGE DEFPARAMETER
DEFSETF DEFSTRUCT DEFTYPE DEFUN DEFVAR DELETE DELETE-DUPLICATES DELETE-FILE DELETE-IF
DELETE-IF-NOT DELETE-PACKAGE DENOMINATOR DEPOSIT-FIELD DESCRIBE DESCRIBE-OBJECT
DESTRUCTURING-BIND DIGIT-CHAR DIGIT-CHAR-P DIRECTORY DIRECTORY-NAMESTRING DISASSEMBLE
DIVISION-BY-ZERO DO DO* DO-ALL-SYMBOLS DO-EXTERNAL-SYMBOLS DO-SYMBOLS DOCUMENTATION
DOLIST DOTIMES DOUBLE-FLOAT DOUBLE-FLOAT-EPSILON DOUBLE-FLOAT-NEGATIVE-EPSILON DPB
DRIBBLE DYNAMIC-EXTENT ECASE ECHO-STREAM ECHO-STREAM-INPUT-STREAM
ECHO-STREAM-OUTPUT-STREAM ED EIGHTH ELT ENCODE-UNIVERSAL-TIME END-OF-FILE ENDP
ENOUGH-NAMESTRING ENSURE-DIRECTORIES-EXIST ENSURE-GENERIC-FUNCTION EQ EQL EQUAL EQUALP
ERROR ETYPECASE EVAL EVAL-WHEN EVENP EVERY EXP EXPORT EXPT EXTENDED-CHAR FBOUNDP
FCEILING FDEFINITION FFLOOR FIFTH FILE-AUTHOR"
    "FILE-ERROR FILE-ERROR-PATHNAME FILE-LENGTH FILE-NAMESTRING FILE-POSITION FILE-STREAM
FILE-STRING-LENGTH FILE-WRITE-DATE FILL FILL-POINTER FIND FIND-ALL-SYMBOLS FIND-CLASS
FIND-IF FIND-IF-NOT FIND-METHOD FIND-PACKAGE FIND-RESTART FIND-SYMBOL FINISH-OUTPUT
FIRST FIXNUM FLET FLOAT FLOAT-DIGITS FLOAT-PRECISION FLOAT-RADIX FLOAT-SIGN
FLOATING-POINT-INEXACT FLOATING-POINT-INVALID-OPERATION FLOATING-POINT-OVERFLOW
FLOATING-POINT-UNDERFLOW FLOATP FLOOR FMAKUNBOUND FORCE-OUTPUT FORMAT FORMATTER FOURTH
FRESH-LINE FROUND FTRUNCATE FTYPE FUNCALL FUNCTION FUNCTION-KEYWORDS
FUNCTION-LAMBDA-EXPRESSION FUNCTIONP GCD GENERIC-FUNCTION GENSYM GENTEMP GET
GET-DECODED-TIME GET-DISPATCH-MACRO-CHARACTER GET-INTERNAL-REAL-TIME
GET-INTERNAL-RUN-TIME GET-MACRO-CHARACTER GET-OUTPUT-STREAM-STRING GET-PROPERTIES
GET-SETF-EXPANSION GET-UNIVERSAL-TIME GETF GETHASH GO GRAPHIC-CHAR-P HANDLER-BIND
HANDLER-CASE HASH-TABLE HASH-TABLE-COUNT HASH-TABLE-P HASH-TABLE-REHASH-SIZE
HASH-TABLE-REHASH-THRESHOLD HASH-TABLE-SIZE HASH-TABLE-TEST HOST-NAMESTRING IDENTITY IF
IGNORABLE IGNORE IGNORE-ERRORS IMAGPART IMPORT IN-PACKAGE INCF INITIALIZE-INSTANCE
INLINE INPUT-STREAM-P INSPECT INTEGER INTEGER-DECODE-FLOAT INTEGER-LENGTH INTEGERP
INTERACTIVE-STREAM-P INTERN INTERNAL-TIME-UNITS-PER-SECOND INTERSECTION
INVALID-METHOD-ERROR INVOKE-DEBUGGER INVOKE-RESTART INVOKE-RESTART-INTERACTIVELY ISQRT
KEYWORD KEYWORDP LABELS LAMBDA LAMBDA-LIST-KEYWORDS LAMBDA-PARAMETERS-LIMIT LAST LCM LDB
LDB-TEST LDIFF LEAST-NEGATIVE-DOUBLE-FLOAT LEAST-NEGATIVE-LONG-FLOAT
LEAST-NEGATIVE-NORMALIZED-DOUBLE-FLOAT LEAST-NEGATIVE-NORMALIZED-LONG-FLOAT
LEAST-NEGATIVE-NORMALIZED-SHORT-FLOAT LEAST-NEGATIVE-NORMALIZED-SINGLE-FLOAT
LEAST-NEGATIVE-SHORT-FLOAT LEAST-NEGATIVE-SINGLE-FLOAT LEAST-POSITIVE-DOUBLE-FLOAT
LEAST-POSITIVE-LONG-FLOAT LEAST-POSITIVE-NORMALIZED-DOUBLE-FLOAT
LEAST-POSITIVE-NORMALIZED-LONG-FLOAT LEAST-POSITIVE-NORMALIZED-SHORT-FLOAT
LEAST-POSITIVE-NORMALIZED-SINGLE-FLOAT LEAST-POSITIVE-SHORT-FLOAT
LEAST-POSITIVE-SINGLE-FLOAT LENGTH LET LET* LISP-IMPLEMENTATION-TYPE
LISP-IMPLEMENTATION-VERSION LIST LIST* LIST-ALL-PACKAGES LIST-LENGTH LISTEN LISTP LOAD
LOAD-LOGICAL-PATHNAME-TRANSLATIONS LOAD-TIME-VALUE LOCALLY LOG LOGAND LOGANDC1 LOGANDC2
LOGBITP LOGCOUNT LOGEQV LOGICAL-PATHNAME LOGICAL-PATHNAME-TRANSLATIONS LOGIOR LOGNAND
LOGNOR LOGNOT LOGORC1 LOGORC2 LOGTEST LOGXOR LONG-FLOAT LONG-FLOAT-EPSILON
LONG-FLOAT-NEGATIVE-EPSILON LONG-SITE-NAME LOOP LOOP-FINISH LOWER-CASE-P
MACHINE-INSTANCE MACHINE-TYPE MACHINE-VERSION MACRO-FUNCTION MACROEXPAND MACROEXPAND-1
MACROLET MAKE-ARRAY MAKE-BROADCAST-STREAM MAKE-CONCATENATED-STREAM MAKE-CONDITION
MAKE-DISPATCH-MACRO-CHARACTER MAKE-ECHO-STREAM MAKE-HASH-TABLE MAKE-INSTANCE
MAKE-INSTANCES-OBSOLETE MAKE-LIST MAKE-LOAD-FORM MAKE-LOAD-FORM-SAVING-SLOTS MAKE-METHOD
MAKE-PACKAGE MAKE-PATHNAME MAKE-RANDOM-STATE MAKE-SEQUENCE MAKE-STRING
MAKE-STRING-INPUT-STREAM MAKE-STRING-OUTPUT-STREAM MAKE-SYMBOL MAKE-SYNONYM-STREAM
MAKE-TWO-WAY-STREAM MAKUNBOUND MAP MAP-INTO MAPC MAPCAN MAPCAR MAPCON MAPHASH MAPL
MAPLIST MASK-FIELD MAX MEMBER MEMBER-IF MEMBER-IF-NOT MERGE MERGE-PATHNAMES METHOD
METHOD-COMBINATION METHOD-COMBINATION-ERROR METHOD-QUALIFIERS MIN MINUSP MISMATCH MOD
MOST-NEGATIVE-DOUBLE-FLOAT MOST-NEGATIVE-FIXNUM MOST-NEGATIVE-LONG-FLOAT
MOST-NEGATIVE-SHORT-FLOAT MOST-NEGATIVE-SINGLE-FLOAT MOST-POSITIVE-DOUBLE-FLOAT
MOST-POSITIVE-FIXNUM MOST-POSITIVE-LONG-FLOAT MOST-POSITIVE-SHORT-FLOAT
MOST-POSITIVE-SINGLE-FLOAT MUFFLE-WARNING MULTIPLE-VALUE-BIND MULTIPLE-VALUE-CALL
MULTIPLE-VALUE-LIST MULTIPLE-VALUE-PROG1 MULTIPLE-VALUE-SETQ MULTIPLE-VALUES-LIMIT
NAME-CHAR NAMESTRING NBUTLAST NCONC NEXT-METHOD-P NIL NINTERSECTION NINTH
NO-APPLICABLE-METHOD NO-NEXT-METHOD NOT NOTANY NOTEVERY NOTINLINE NRECONC NREVERSE
NSET-DIFFERENCE NSET-EXCLUSIVE-OR NSTRING-CAPITALIZE NSTRING-DOWNCASE NSTRING-UPCASE
NSUBLIS NSUBST NSUBST-IF NSUBST-IF-NOT NSUBSTITUTE NSUBSTITUTE-IF NSUBSTITUTE-IF-NOT NTH
NTH-VALUE NTHCDR NULL NUMBER NUMBERP NUMERATOR NUNION ODDP OPEN OPEN-STREAM-P OPTIMIZE
OR"
    "OTHERWISE OUTPUT-STREAM-P PACKAGE PACKAGE-ERROR PACKAGE-ERROR-PACKAGE PACKAGE-NAME
PACKAGE-NICKNAMES PACKAGE-SHADOWING-SYMBOLS PACKAGE-USE-LIST PACKAGE-USED-BY-LIST
PACKAGEP PAIRLIS PARSE-ERROR PARSE-INTEGER PARSE-NAMESTRING PATHNAME PATHNAME-DEVICE
PATHNAME-DIRECTORY PATHNAME-HOST PATHNAME-MATCH-P PATHNAME-NAME PATHNAME-TYPE
PATHNAME-VERSION PATHNAMEP PEEK-CHAR PHASE PI PLUSP POP POSITION POSITION-IF
POSITION-IF-NOT PPRINT PPRINT-DISPATCH PPRINT-EXIT-IF-LIST-EXHAUSTED PPRINT-FILL
PPRINT-INDENT PPRINT-LINEAR PPRINT-LOGICAL-BLOCK PPRINT-NEWLINE PPRINT-POP PPRINT-TAB
PPRINT-TABULAR PRIN1 PRIN1-TO-STRING PRINC PRINC-TO-STRING PRINT PRINT-NOT-READABLE
PRINT-NOT-READABLE-OBJECT PRINT-OBJECT PRINT-UNREADABLE-OBJECT PROBE-FILE PROCLAIM PROG
PROG* PROG1 PROG2 PROGN PROGRAM-ERROR PROGV PROVIDE PSETF PSETQ PUSH PUSHNEW QUOTE
RANDOM RANDOM-STATE RANDOM-STATE-P RASSOC RASSOC-IF RASSOC-IF-NOT RATIO RATIONAL
RATIONALIZE RATIONALP READ READ-BYTE READ-CHAR READ-CHAR-NO-HANG READ-DELIMITED-LIST
READ-FROM-STRING READ-LINE READ-PRESERVING-WHITESPACE READ-SEQUENCE READER-ERROR
READTABLE READTABLE-CASE READTABLEP REAL REALP REALPART REDUCE REINITIALIZE-INSTANCE REM
REMF REMHASH REMOVE REMOVE-DUPLICATES REMOVE-IF REMOVE-IF-NOT REMOVE-METHOD REMPROP
RENAME-FILE RENAME-PACKAGE REPLACE REQUIRE REST RESTART RESTART-BIND RESTART-CASE
RESTART-NAME RETURN RETURN-FROM REVAPPEND REVERSE ROOM ROTATEF ROUND ROW-MAJOR-AREF
RPLACA RPLACD SAFETY SATISFIES SBIT SCALE-FLOAT SCHAR SEARCH SECOND SEQUENCE
SERIOUS-CONDITION SET SET-DIFFERENCE SET-DISPATCH-MACRO-CHARACTER SET-EXCLUSIVE-OR
SET-MACRO-CHARACTER SET-PPRINT-DISPATCH SET-SYNTAX-FROM-CHAR SETF SETQ SEVENTH SHADOW
SHADOWING-IMPORT SHARED-INITIALIZE SHIFTF SHORT-FLOAT SHORT-FLOAT-EPSILON
SHORT-FLOAT-NEGATIVE-EPSILON SHORT-SITE-NAME SIGNAL SIGNED-BYTE SIGNUM SIMPLE-ARRAY
SIMPLE-BASE-STRING SIMPLE-BIT-VECTOR SIMPLE-BIT-VECTOR-P SIMPLE-CONDITION
SIMPLE-CONDITION-FORMAT-ARGUMENTS SIMPLE-CONDITION-FORMAT-CONTROL SIMPLE-ERROR
SIMPLE-STRING SIMPLE-STRING-P SIMPLE-TYPE-ERROR SIMPLE-VECTOR SIMPLE-VECTOR-P
SIMPLE-WARNING SIN SINGLE-FLOAT SINGLE-FLOAT-EPSILON SINGLE-FLOAT-NEGATIVE-EPSILON SINH
SIXTH SLEEP SLOT-BOUNDP SLOT-EXISTS-P SLOT-MAKUNBOUND SLOT-MISSING SLOT-UNBOUND
SLOT-VALUE SOFTWARE-TYPE SOFTWARE-VERSION SOME SORT SPACE SPECIAL SPECIAL-OPERATOR-P
SPEED SQRT STABLE-SORT STANDARD STANDARD-CHAR STANDARD-CHAR-P STANDARD-CLASS
STANDARD-GENERIC-FUNCTION STANDARD-METHOD STANDARD-OBJECT STEP STORAGE-CONDITION
STORE-VALUE STREAM STREAM-ELEMENT-TYPE STREAM-ERROR STREAM-ERROR-STREAM
STREAM-EXTERNAL-FORMAT STREAMP STRING STRING-CAPITALIZE STRING-DOWNCASE STRING-EQUAL
STRING-GREATERP STRING-LEFT-TRIM STRING-LESSP STRING-NOT-EQUAL STRING-NOT-GREATERP
STRING-NOT-LESSP STRING-RIGHT-TRIM STRING-STREAM STRING-TRIM STRING-UPCASE STRING/=
STRING< STRING<= STRING= STRING> STRING>= STRINGP STRUCTURE STRUCTURE-CLASS
STRUCTURE-OBJECT STYLE-WARNING SUBLIS SUBSEQ SUBSETP SUBST SUBST-IF SUBST-IF-NOT
SUBSTITUTE SUBSTITUTE-IF SUBSTITUTE-IF-NOT SUBTYPEP SVREF SXHASH SYMBOL SYMBOL-FUNCTION
SYMBOL-MACROLET SYMBOL-NAME SYMBOL-PACKAGE SYMBOL-PLIST SYMBOL-VALUE SYMBOLP
SYNONYM-STREAM SYNONYM-STREAM-SYMBOL T TAGBODY TAILP TAN TANH TENTH TERPRI THE THIRD
THROW TIME TRACE TRANSLATE-LOGICAL-PATHNAME TRANSLATE-PATHNAME TREE-EQUAL TRUENAME
TRUNCATE TWO-WAY-STREAM TWO-WAY-STREAM-INPUT-STREAM TWO-WAY-STREAM-OUTPUT-STREAM TYPE
TYPE-ERROR TYPE-ERROR-DATUM TYPE-ERROR-EXPECTED-TYPE TYPE-OF TYPECASE TYPEP UNBOUND-SLOT
UNBOUND-SLOT-INSTANCE UNBOUND-VARIABLE UNDEFINED-FUNCTION UNEXPORT UNINTERN UNION UNLESS
UNREAD-CHAR UNSIGNED-BYTE UNTRACE UNUSE-PACKAGE UNWIND-PROTECT
UPDATE-INSTANCE-FOR-DIFFERENT-CLASS UPDATE-INSTANCE-FOR-REDEFINED-CLASS
UPGRADED-ARRAY-ELEMENT-TYPE UPGRADED-COMPLEX-PART-TYPE UPPER-CASE-P USE-PACKAGE
USE-VALUE USER-HOMEDIR-PATHNAME VALUES VALUES-LIST VARIABLE VECTOR VECTOR-POP
VECTOR-PUSH VECTOR-PUSH-EXTEND VECTORP WARN WARNING WHEN WILD-PATHNAME-P WITH-ACCESSORS
WITH-COMPILATION-UNIT WITH-CONDITION-RESTARTS WITH-HASH-TABLE-ITERATOR"
    "WITH-INPUT-FROM-STRING WITH-OPEN-FILE WITH-OPEN-STREAM WITH-OUTPUT-TO-STRING
WITH-PACKAGE-ITERATOR WITH-SIMPLE-RESTART WITH-SLOTS WITH-STANDARD-IO-SYNTAX WRITE
WRITE-BYTE WRITE-CHAR WRITE-LINE WRITE-SEQUENCE WRITE-STRING WRITE-TO-STRING Y-OR-N-P
YES-OR-NO-P ZEROP"))

(eval-when (:compile-toplevel :load-toplevel :execute)
  ;; The compile-time image needs it too: macros may call the reader.
  (defvar *cl-external-name-table* nil))

(defun %cl-external-name-table ()
  ;; A vector of buckets (lists of names) by string hash, made on first use;
  ;; the names are separated by spaces and newlines.
  (or *cl-external-name-table*
      (let ((table (%make-vector 1024 nil)))
        (dolist (names +cl-external-names+)
          (let ((start 0) (n (%string-length names)))
            (dotimes (i (%fx+ n 1))
              (when (or (%fx= i n) (%fx<= (%char-code (%schar names i)) 32))
                (when (%fx> i start)
                  (let* ((name (%substring names start i))
                         (bucket (%fx-logand (%string-hash name) 1023)))
                    (%svset table bucket (cons name (%svref table bucket)))))
                (setq start (%fx+ i 1))))))
        (setq *cl-external-name-table* table))))

(defun %cl-external-name-p (name)
  (dolist (candidate (%svref (%cl-external-name-table) (%fx-logand (%string-hash name) 1023))
                     nil)
    (when (string= candidate name) (return t))))

;;; The external symbols of CLYSM (the API of tiered execution), as
;;; CLYSM_EXTERNAL_SYMBOLS in src/clysm/lisp/packages.py says.
(defconstant +clysm-external-names+
  '("FUNCTION-TIER" "FUNCTION-TIER-FAILURE" "*JIT-THRESHOLD*" "*JIT-LOG*" "JIT-STATISTICS"
    "EXIT" "QUIT"))

(defun %external-name-p (name package-name)
  ;; Is NAME the name of an external symbol of the package PACKAGE-NAME?
  ;; (Only COMMON-LISP and CLYSM export symbols.)
  (cond ((string= package-name "COMMON-LISP") (%cl-external-name-p name))
        ((string= package-name "CLYSM")
         (dolist (candidate +clysm-external-names+ nil)
           (when (string= candidate name) (return t))))
        (t nil)))

(defun %inherited-from (name package-name)
  ;; The name of the package whose external symbol NAME the package
  ;; PACKAGE-NAME inherits, or NIL: COMMON-LISP-USER uses COMMON-LISP and
  ;; CLYSM, CLYSM uses COMMON-LISP.
  (cond ((or (string= package-name "KEYWORD") (string= package-name "COMMON-LISP")) nil)
        ((%cl-external-name-p name) "COMMON-LISP")
        ((and (string= package-name "COMMON-LISP-USER") (%external-name-p name "CLYSM"))
         "CLYSM")
        (t nil)))

;;; Declarations and definitions at run time

(defun %define-symbol-macro (name expansion)
  (%put name '%symbol-macro (list expansion))
  name)

(defun %macro-function (symbol) (get symbol '%macro-function))

(defun macro-function (symbol &optional environment)
  ;; ENVIRONMENT, when given, is a lexical environment of the interpreter
  ;; (tiering/lisp/environment.lisp): its local functions and macros shadow
  ;; the global definitions.
  (%check-symbol symbol)
  (multiple-value-bind (local found)
      (if environment (%lexical-macro-function environment symbol) (values nil nil))
    (if found local (%macro-function symbol))))

(defun %symbol-macro-expansion (symbol environment)
  ;; (values expansion found-p) for a symbol macro visible in ENVIRONMENT.
  (multiple-value-bind (local kind)
      (if environment (%lexical-symbol-macro environment symbol) (values nil nil))
    (cond ((eq kind :symbol-macro) (values local t))
          (kind (values nil nil))  ; a lexical variable hides global symbol macros
          ((get symbol '%symbol-macro) (values (car (get symbol '%symbol-macro)) t))
          (t (values nil nil)))))

(defvar *macroexpand-hook* 'funcall)

(defconstant +special-operators+
  '(block catch eval-when flet function go if labels let let* load-time-value locally
    macrolet multiple-value-call multiple-value-prog1 progn progv quote return-from
    setq symbol-macrolet tagbody the throw unwind-protect))

(defun special-operator-p (symbol)
  (and (member (%check-symbol symbol) +special-operators+) t))

(defun macroexpand-1 (form &optional environment)
  (cond ((and (%consp form) (%symbolp (car form)))
         (let ((expander (macro-function (car form) environment)))
           (if expander
               (values (funcall *macroexpand-hook* expander form environment) t)
               (values form nil))))
        ((%symbolp form)
         (multiple-value-bind (expansion found) (%symbol-macro-expansion form environment)
           (if found (values expansion t) (values form nil))))
        (t (values form nil))))

(defun macroexpand (form &optional environment)
  (let ((expanded-once nil))
    (tagbody
     next
       (multiple-value-bind (expansion expanded) (macroexpand-1 form environment)
         (when expanded
           (setq form expansion expanded-once t)
           (go next))))
    (values form expanded-once)))

(defun constantp (form &optional environment)
  (declare (ignore environment))
  (cond ((%symbolp form) (%constant-symbol-p form))
        ((%consp form) (%eq (car form) 'quote))
        (t t)))
