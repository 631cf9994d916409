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
  ;; X as a simple string (a copy of the active characters of a string
  ;; that is not simple): for the functions that only read a string.
  (cond ((%stringp x) x)
        ((stringp x) (%simple-string-copy x))
        (t (%type-error x 'string))))

(defun %simple-string-copy (string)
  (let* ((n (length string)) (copy (%make-string n #\Space)))
    (dotimes (i n copy) (%set-schar copy i (%aref1 string i)))))

(defun %check-fixnum (x)
  (if (%fixnump x) x (%type-error x 'fixnum)))

(defun %check-character (x)
  (if (%characterp x) x (%type-error x 'character)))

(defun %check-array-index (array index bound)
  ;; INDEX, when it is an integer in [0, BOUND); otherwise the error SBCL
  ;; signals (the condition type is defined in array.lisp).
  (if (and (%fixnump index) (%fx>= index 0) (%fx< index bound))
      index
      (error 'invalid-array-index-error :array array :bound bound :datum index
                                        :expected-type (list 'integer 0 (list bound)))))

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
  ;; The kernel and packages.lisp set the keyword flag (16) of every symbol
  ;; whose home package is KEYWORD.
  (and (%symbolp x) (%fx= (%fx-logand (%symbol-flags x) 16) 16)))
(defun stringp (x) (or (%stringp x) (%non-simple-string-p x)))
(defun %non-simple-string-p (x) (and (%array-header-p x) (%header-string-p x)))
(defun characterp (x) (%characterp x))
(defun functionp (x) (%functionp x))
(defun simple-vector-p (x) (%simple-vector-p x))
(defun vectorp (x)
  (or (%simple-vector-p x) (%stringp x) (%bit-vector-p x)
      (and (%array-header-p x) (%header-vector-p x))))
(defun arrayp (x)
  (or (%simple-vector-p x) (%stringp x) (%bit-vector-p x) (%array-header-p x)))
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
        ((%bit-vector-p sequence) (%bit-vector-length sequence))
        ((and (%array-header-p sequence) (%header-vector-p sequence))
         (or (%array-fill-pointer sequence) (%array-total-size sequence)))
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
;;; characters.  The ASCII ones are here, the others in charnames.lisp.

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
          (t (%unicode-char-name code)))))

(defconstant +character-name-aliases+
  '(("Null" . 0) ("Bs" . 8) ("Ht" . 9) ("Linefeed" . 10) ("Lf" . 10) ("Nl" . 10)
    ("Form" . 12) ("Formfeed" . 12) ("Ff" . 12) ("Np" . 12) ("Cr" . 13) ("Escape" . 27)
    ("Altmode" . 27) ("Alt" . 27) ("Sp" . 32) ("Delete" . 127) ("Del" . 127)))

(defun name-char (name)
  ;; The character named NAME (case-insensitive), or NIL.
  (let ((name (%simple-string-designator name)))
    (or (%caret-name-char name)
        (let ((alias (assoc name +character-name-aliases+ :test #'string-equal)))
          (and alias (%code-char (cdr alias))))
        (%ascii-name-char name)
        (%unicode-name-char name))))

(defun %ascii-name-char (name)
  ;; The ASCII character CHAR-NAME calls NAME (case-insensitively), or NIL.
  (flet ((after (prefix)
           ;; The rest of NAME after PREFIX, or NIL.
           (let ((n (%string-length prefix)))
             (and (%fx> (%string-length name) n) (string-equal name prefix :end1 n)
                  (subseq name n)))))
    (let ((digit (after "DIGIT_")) (capital (after "LATIN_CAPITAL_LETTER_"))
          (small (after "LATIN_SMALL_LETTER_")))
      (cond ((string-equal name "Rubout") (%code-char 127))
            (digit (dotimes (i 10 nil)
                     (when (string-equal digit (svref +digit-names+ i))
                       (return (%code-char (%fx+ 48 i))))))
            ((and capital (%fx= (%string-length capital) 1) (alpha-char-p (char capital 0))
                  (%fx< (char-code (char capital 0)) 128))
             (char-upcase (char capital 0)))
            ((and small (%fx= (%string-length small) 1) (alpha-char-p (char small 0))
                  (%fx< (char-code (char small 0)) 128))
             (char-downcase (char small 0)))
            (t (or (dotimes (code 33 nil)
                     (when (string-equal name (svref +control-character-names+ code))
                       (return (%code-char code))))
                   (let ((entry (rassoc name +ascii-punctuation-names+ :test #'string-equal)))
                     (and entry (%code-char (car entry))))))))))

(defun %caret-name-char (name)
  ;; ^@, ^A ... ^_ name the controls 0-31.
  (when (and (%fx= (%string-length name) 2) (%eq (%schar name 0) #\^))
    (let ((code (%fx- (char-code (char-upcase (%schar name 1))) 64)))
      (and (%fx>= code 0) (%fx< code 32) (%code-char code)))))

(defun %upper-case-code-p (code) (and (%fx>= code 65) (%fx<= code 90)))
(defun %lower-case-code-p (code) (and (%fx>= code 97) (%fx<= code 122)))
(defun %digit-code-p (code) (and (%fx>= code 48) (%fx<= code 57)))

;;; Strings and simple vectors

(defun make-string (size &key (initial-element (%code-char 0)) element-type)
  (declare (ignore element-type))  ; every string holds characters
  (%check-fixnum size)
  (%make-string size (%check-character initial-element)))

(defun %check-non-simple-string (x)
  (if (%non-simple-string-p x) x (%type-error x 'string)))

;;; CHAR and SCHAR are AREF on a checked string (like AREF, they ignore
;;; fill pointers).  Their compiler macros (transforms.lisp) and SETF
;;; expansions (setf.lisp) expand to the same.
(defun %string-argument (x) (if (%stringp x) x (%check-non-simple-string x)))
(defun %simple-string-argument (x) (if (%stringp x) x (%type-error x 'simple-string)))

(defun char (string index) (%aref1 (%string-argument string) index))
(defun schar (string index) (%aref1 (%simple-string-argument string) index))

(defun %set-char (string index character)
  (%aset1 (%string-argument string) index (%check-character character)))

(defun %set-schar-checked (string index character)
  (%aset1 (%simple-string-argument string) index (%check-character character)))

(defun string (designator)
  (cond ((stringp designator) designator)
        ((%symbolp designator) (%symbol-name designator))
        ((%characterp designator) (%make-string 1 designator))
        (t (%type-error designator '(or string symbol character)))))

(defun string= (string1 string2 &key (start1 0) end1 (start2 0) end2)
  (let* ((a (%simple-string-designator string1)) (b (%simple-string-designator string2))
         (end1 (or end1 (%string-length a)))
         (end2 (or end2 (%string-length b))))
    (and (%fx= (%fx- end1 start1) (%fx- end2 start2))
         (do ((i start1 (%fx+ i 1)) (j start2 (%fx+ j 1)))
             ((%fx>= i end1) t)
           (unless (%eq (%schar a i) (%schar b j)) (return nil))))))

(defun %simple-string-designator (designator)
  ;; The characters of a string designator, as a simple string.
  (if (%stringp designator) designator (%check-string (string designator))))

(defun %string-concat (&rest strings)
  (let ((result ""))
    (dolist (s strings result) (setq result (%string-concat-2 result s)))))

(defun vector (&rest objects)
  (let ((v (%make-vector (length objects) nil)) (i 0))
    (dolist (x objects v) (%svset v i x) (setq i (%fx+ i 1)))))

(defun svref (vector index)
  (unless (%simple-vector-p vector) (%type-error vector 'simple-vector))
  (%svref vector (%check-array-index vector index (%vector-length vector))))

(defun %svset-checked (vector index value)
  (unless (%simple-vector-p vector) (%type-error vector 'simple-vector))
  (%svset vector (%check-array-index vector index (%vector-length vector)) value))

;;; The places of these accessors: SETF calls the function (SETF name).
;;; The other array accessors are in array.lisp.
(defun (setf svref) (value vector index) (%svset-checked vector index value))
(defun (setf char) (character string index) (%set-char string index character))
(defun (setf schar) (character string index) (%set-schar-checked string index character))

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
