;;;; packages.lisp -- packages (CLHS 11): package objects, the standard
;;;; packages, looking symbols up, and the packages dictionary.
;;;;
;;;; A package is an instance of the layout PACKAGE whose slots are its name
;;;; (NIL once deleted), nicknames, use list, used-by list, internal and
;;;; external symbols (name tables, below), shadowing symbols and
;;;; documentation.  *PACKAGE-NAMES* maps every name and nickname to its
;;;; package.
;;;;
;;;; Start-up: the symbols made before this file runs (the literals of the
;;;; runtime) were interned by the kernel in a table of its own, with their
;;;; package's name in their package field.  %ADOPT-BOOT-SYMBOLS moves them
;;;; into the packages, then %INTERN-LITERAL is defined, and from then on the
;;;; kernel's %INTERN (which compiled code calls to make its symbol literals)
;;;; calls it.  COMMON-LISP starts with the symbols the runtime refers to;
;;;; the rest of its 978 external symbols are made the first time a lookup
;;;; there misses (%COMPLETE-COMMON-LISP), so a program that reads no symbol
;;;; does not pay for them.
;;;;
;;;; A package named by compiled code but not made yet (a program's literals
;;;; are made before its DEFPACKAGE runs) is kept apart, unregistered, in
;;;; *HIDDEN-PACKAGES*; MAKE-PACKAGE of that name takes it over with its
;;;; symbols.  The pseudo-packages of setf function names (%FUNCTION-CELL in
;;;; boot.lisp) stay there for good.

(in-package "CLYSM")

;;; Name tables: the symbols of a package by name.  A table is #(count
;;; buckets), BUCKETS being a simple vector of lists of symbols whose length
;;; is a power of two; it doubles when the count passes it.

(defun %make-name-table (size)
  (let ((table (%make-vector 2 0)))
    (%svset table 1 (%make-vector size nil))
    table))

(defmacro %name-bucket (name buckets)
  `(%fx-logand (%string-hash ,name) (%fx- (%vector-length ,buckets) 1)))

(defun %name-table-find (table name)
  ;; The cons whose car is the symbol named NAME in TABLE, or NIL.
  (let ((buckets (%svref table 1)))
    (do ((tail (%svref buckets (%name-bucket name buckets)) (%cdr tail)))
        ((%eq tail nil) nil)
      (when (%string= (%symbol-name (%car tail)) name) (return tail)))))

(defun %name-table-add (table symbol)
  ;; Add SYMBOL, whose name is in no symbol of TABLE yet; returns SYMBOL.
  (let ((count (%fx+ (%svref table 0) 1))
        (buckets (%svref table 1)))
    (%svset table 0 count)
    (when (%fx> count (%vector-length buckets))
      (setq buckets (%grow-name-table table)))
    (let ((i (%name-bucket (%symbol-name symbol) buckets)))
      (%svset buckets i (%cons symbol (%svref buckets i))))
    symbol))

(defun %grow-name-table (table)
  (let* ((old (%svref table 1))
         (new (%make-vector (%fx* 2 (%vector-length old)) nil)))
    (dotimes (i (%vector-length old))
      (dolist (symbol (%svref old i))
        (let ((j (%name-bucket (%symbol-name symbol) new)))
          (%svset new j (%cons symbol (%svref new j))))))
    (%svset table 1 new)
    new))

(defun %name-table-remove (table symbol)
  ;; Remove SYMBOL from TABLE; true if it was there.
  (let* ((buckets (%svref table 1))
         (i (%name-bucket (%symbol-name symbol) buckets)))
    (do ((tail (%svref buckets i) (%cdr tail))
         (previous nil tail))
        ((%eq tail nil) nil)
      (when (%eq (%car tail) symbol)
        (if previous
            (%rplacd previous (%cdr tail))
            (%svset buckets i (%cdr tail)))
        (%svset table 0 (%fx- (%svref table 0) 1))
        (return t)))))

(defun %name-table-entries (table status tail)
  ;; ((symbol . STATUS) ...) for the symbols of TABLE, consed onto TAIL.
  (let ((buckets (%svref table 1)))
    (dotimes (i (%vector-length buckets) tail)
      (dolist (symbol (%svref buckets i))
        (setq tail (%cons (%cons symbol status) tail))))))

;;; Package objects

(defsetf %instance-ref %instance-set)

(defmacro %pkg-name (package) `(%instance-ref ,package 0))
(defmacro %pkg-nicknames (package) `(%instance-ref ,package 1))
(defmacro %pkg-use-list (package) `(%instance-ref ,package 2))
(defmacro %pkg-used-by (package) `(%instance-ref ,package 3))
(defmacro %pkg-internals (package) `(%instance-ref ,package 4))
(defmacro %pkg-externals (package) `(%instance-ref ,package 5))
(defmacro %pkg-shadowing (package) `(%instance-ref ,package 6))
(defmacro %pkg-documentation (package) `(%instance-ref ,package 7))

(defvar *package-layout* (%define-layout 'package nil nil :package))

(defun packagep (object)
  (and (%instancep object) (%eq (%instance-layout object) *package-layout*)))

(defun %make-package-object (name internals-size externals-size)
  (let ((package (%make-instance *package-layout* 8)))
    (%instance-set package 0 name)
    (%instance-set package 4 (%make-name-table internals-size))
    (%instance-set package 5 (%make-name-table externals-size))
    package))

(defun %print-package (package stream depth)
  (declare (ignore depth))
  (if (%pkg-name package)
      (format stream "#<PACKAGE ~S>" (%pkg-name package))
      (write-string "#<PACKAGE (deleted)>" stream)))

(setf (layout-printer *package-layout*) #'%print-package)

;;; The registry: (name . package) for every name and nickname, newest
;;; first; hidden packages: (name . package), unregistered.

(defvar *package-names* nil)
(defvar *hidden-packages* nil)

(defun %registered-package (name)
  (dolist (entry *package-names* nil)
    (when (%string= (%car entry) name) (return (%cdr entry)))))

(defun %register-package (package)
  (dolist (name (cons (%pkg-name package) (%pkg-nicknames package)) package)
    (push (%cons name package) *package-names*)))

(defun %unregister-package (package)
  (setq *package-names*
        (delete package *package-names* :key #'cdr :test #'eq)))

(defun %hidden-package (name)
  ;; The hidden package of that name, made if there is none.
  (dolist (entry *hidden-packages*
                 (let ((package (%make-package-object name 16 16)))
                   (push (%cons name package) *hidden-packages*)
                   package))
    (when (%string= (%car entry) name) (return (%cdr entry)))))

(defun %take-hidden-package (name)
  ;; The hidden package named NAME, removed from the hidden ones, or NIL.
  (unless (%string-prefix-p "(SETF)" name)
    (let ((entry (assoc name *hidden-packages* :test #'string=)))
      (when entry
        (setq *hidden-packages* (delete entry *hidden-packages* :test #'eq))
        (%cdr entry)))))

;;; The standard packages

(defvar *common-lisp-package* (%make-package-object "COMMON-LISP" 16 2048))
(defvar *keyword-package* (%make-package-object "KEYWORD" 16 512))
(defvar *clysm-package* (%make-package-object "CLYSM" 4096 16))
(defvar *common-lisp-user-package* (%make-package-object "COMMON-LISP-USER" 64 16))
(defvar *common-lisp-complete* nil) ; are all 978 symbols of COMMON-LISP present?

(defun %set-up-standard-packages ()
  (setf (%pkg-nicknames *common-lisp-package*) (list "CL"))
  (setf (%pkg-nicknames *common-lisp-user-package*) (list "CL-USER"))
  (%register-package *common-lisp-package*)
  (%register-package *keyword-package*)
  (%register-package *clysm-package*)
  (%register-package *common-lisp-user-package*)
  (setf (%pkg-use-list *clysm-package*) (list *common-lisp-package*))
  (setf (%pkg-use-list *common-lisp-user-package*)
        (list *common-lisp-package* *clysm-package*))
  (setf (%pkg-used-by *common-lisp-package*)
        (list *clysm-package* *common-lisp-user-package*))
  (setf (%pkg-used-by *clysm-package*) (list *common-lisp-user-package*)))

(defun %make-keyword (symbol)
  ;; A keyword is a constant whose value is itself (flags: 2 constant, 16 keyword).
  (%set symbol symbol)
  (%set-symbol-flags symbol (%fx-logior (%symbol-flags symbol) 18)))

(defun %adopt-boot-symbols ()
  ;; Move the symbols the kernel made during start-up into their packages.
  ;; The kernel's table is a vector of buckets by the low bits of the name's
  ;; hash, so each cons of a bucket moves to its package's table as it is,
  ;; with no new hashing (while that table is not larger).
  (let* ((boot (%boot-symbols)) (size (%vector-length boot))
         (last-name "") (last-package nil))
    (dotimes (i size)
      (let ((cell (%svref boot i)))
        (%svset boot i nil)
        (tagbody
         next
           (when (%consp cell)
             (let* ((rest (%cdr cell)) (symbol (%car cell)) (name (%symbol-package symbol)))
               (unless (or (%eq name last-name) (%string= name last-name))
                 (setq last-name name
                       last-package (or (%registered-package name) (%hidden-package name))))
               (%set-symbol-package symbol last-package)
               (%adopt-cell cell i size (if (or (%eq last-package *common-lisp-package*)
                                                (%eq last-package *keyword-package*))
                                            (%pkg-externals last-package)
                                            (%pkg-internals last-package)))
               (setq cell rest)
               (go next))))))))

(defun %adopt-cell (cell hash-bits bits-limit table)
  ;; Link CELL, whose car is a symbol whose name hashes to HASH-BITS modulo
  ;; BITS-LIMIT, into TABLE.
  (let* ((buckets (%svref table 1)) (n (%vector-length buckets)) (count (%svref table 0)))
    (if (and (%fx<= n bits-limit) (%fx< count n))
        (let ((j (%fx-logand hash-bits (%fx- n 1))))
          (%rplacd cell (%svref buckets j))
          (%svset buckets j cell)
          (%svset table 0 (%fx+ count 1)))
        (%name-table-add table (%car cell)))))

(%set-up-standard-packages)
(%adopt-boot-symbols)

(defun %make-present-symbol (name package external)
  ;; A new symbol named NAME whose home is PACKAGE, present there.
  (let ((symbol (%make-symbol name)))
    (%set-symbol-package symbol package)
    (when (%eq package *keyword-package*) (%make-keyword symbol))
    (%name-table-add (if external (%pkg-externals package) (%pkg-internals package)) symbol)))

(defun %intern-literal (package-name name)
  ;; The symbol named NAME whose home package is named PACKAGE-NAME: how
  ;; compiled code (and the kernel's %INTERN) makes its symbols.
  (let* ((package (or (%registered-package package-name) (%hidden-package package-name)))
         (entry (or (%name-table-find (%pkg-externals package) name)
                    (%name-table-find (%pkg-internals package) name))))
    (if entry
        (%car entry)
        (%make-present-symbol name package (or (%eq package *keyword-package*)
                                               (%eq package *common-lisp-package*))))))

;;; The external symbols of CLYSM (the API of tiered execution), as
;;; CLYSM_EXTERNAL_SYMBOLS in src/clysm/lisp/packages.py says.
(dolist (name '("FUNCTION-TIER" "FUNCTION-TIER-FAILURE" "*JIT-THRESHOLD*" "*JIT-LOG*"
                "JIT-STATISTICS" "EXIT" "QUIT"))
  (let ((symbol (%intern name "CLYSM")))
    (%name-table-remove (%pkg-internals *clysm-package*) symbol)
    (%name-table-add (%pkg-externals *clysm-package*) symbol)))

(defvar *package* *common-lisp-user-package*)

;;; The names of the 978 external symbols of COMMON-LISP (CLHS 1.9).
;;; (Several strings: a literal string is limited to 10,000 characters.)

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

(defun %complete-common-lisp ()
  ;; Make the external symbols of COMMON-LISP that are not present yet.
  (setq *common-lisp-complete* t)
  (let ((externals (%pkg-externals *common-lisp-package*)))
    (dolist (names +cl-external-names+)
      (let ((start 0) (n (%string-length names)))
        (dotimes (i (%fx+ n 1))
          (when (or (%fx= i n) (%fx<= (%char-code (%schar names i)) 32))
            (when (%fx> i start)
              (let ((name (%substring names start i)))
                (unless (%name-table-find externals name)
                  (%make-present-symbol name *common-lisp-package* t))))
            (setq start (%fx+ i 1))))))))

;;; Conditions

(define-condition simple-package-error (simple-condition package-error) ())
(define-condition package-does-not-exist (simple-package-error) ())
(define-condition name-conflict (simple-package-error) ())

(defun %package-error (package control &rest arguments)
  (error 'simple-package-error :package package
                               :format-control control :format-arguments arguments))

(defun %no-such-package (designator)
  (error 'package-does-not-exist
         :package designator
         :format-control "The name ~S does not designate any package."
         :format-arguments (list designator)))

(defun %name-conflict (package operation object symbols)
  (error 'name-conflict
         :package package
         :format-control "~A ~S causes name-conflicts in ~S between the following symbols: ~{~S~^, ~}"
         :format-arguments (list operation object package symbols)))

;;; Designators

(defun %name-string (designator)
  ;; The simple string a string designator names.
  (cond ((%stringp designator) designator)
        ((%symbolp designator) (%symbol-name designator))
        ((%characterp designator) (%make-string 1 designator))
        ((stringp designator) (coerce designator 'simple-string))
        (t (%type-error designator '(or string symbol character)))))

(defun %package-name-string (designator)
  (if (or (%stringp designator) (%symbolp designator) (%characterp designator)
          (stringp designator))
      (%name-string designator)
      (%type-error designator '(or string symbol character package))))

(defun find-package (name)
  (if (packagep name)
      name
      (%registered-package (%package-name-string name))))

(defun %the-package (designator)
  ;; The undeleted package DESIGNATOR designates, or a PACKAGE-ERROR.
  (let ((package (find-package designator)))
    (cond ((null package) (%no-such-package (%package-name-string designator)))
          ((null (%pkg-name package))
           (%package-error package "~S has been deleted." package))
          (t package))))

(defun %the-packages (designators)
  ;; A list of packages from a designator for a list of package designators.
  (mapcar #'%the-package (if (listp designators) designators (list designators))))

(defun %the-symbols (symbols)
  (let ((list (if (listp symbols) symbols (list symbols))))
    (dolist (symbol list list) (%check-symbol symbol))))

(defun %the-names (names)
  (mapcar #'%name-string (if (listp names) names (list names))))

(defun %check-name (name)
  ;; The name of a symbol to find or make: a string.
  (cond ((%stringp name) name)
        ((stringp name) (coerce name 'simple-string))
        (t (%type-error name 'string))))

;;; Finding and making symbols

(defun %external-entry (package name)
  ;; The cons holding the external symbol NAME of PACKAGE, or NIL.
  (or (%name-table-find (%pkg-externals package) name)
      (and (%eq package *common-lisp-package*)
           (not *common-lisp-complete*)
           (progn (%complete-common-lisp)
                  (%name-table-find (%pkg-externals package) name)))))

(defun %present-entry (package name)
  (or (%name-table-find (%pkg-internals package) name)
      (%external-entry package name)))

(defun %find-symbol (name package)
  ;; (values symbol status); status NIL when no symbol named NAME is
  ;; accessible in PACKAGE.
  (let ((entry (%external-entry package name)))
    (if entry
        (values (%car entry) :external)
        (let ((entry (%name-table-find (%pkg-internals package) name)))
          (if entry
              (values (%car entry) :internal)
              (dolist (used (%pkg-use-list package) (values nil nil))
                (let ((entry (%external-entry used name)))
                  (when entry (return (values (%car entry) :inherited))))))))))

(defun find-symbol (string &optional (package *package*))
  (%find-symbol (%check-name string) (%the-package package)))

(defun %intern-in (name package)
  ;; INTERN of a simple string in a package, without copying the name.
  (multiple-value-bind (symbol status) (%find-symbol name package)
    (if status
        (values symbol status)
        (values (%make-present-symbol name package (%eq package *keyword-package*)) nil))))

(defun intern (string &optional (package *package*))
  (let ((package (%the-package package)) (name (%check-name string)))
    (multiple-value-bind (symbol status) (%find-symbol name package)
      (if status
          (values symbol status)
          (values (%make-present-symbol (%substring name 0 (%string-length name)) package
                                        (%eq package *keyword-package*))
                  nil)))))

(defun %external-in-home-p (symbol)
  (let ((entry (%external-entry (%symbol-package symbol) (%symbol-name symbol))))
    (and entry (%eq (%car entry) symbol))))

(defun %accessible-p (symbol package)
  (multiple-value-bind (found status) (%find-symbol (%symbol-name symbol) package)
    (and status (%eq found symbol))))

(defun %shadowing-p (symbol package)
  (and (member symbol (%pkg-shadowing package) :test #'eq) t))

(defun %add-present (symbol package)
  ;; Make SYMBOL present in PACKAGE (external in KEYWORD); an uninterned
  ;; symbol gets PACKAGE as its home.
  (let ((keyword (%eq package *keyword-package*)))
    (%name-table-add (if keyword (%pkg-externals package) (%pkg-internals package)) symbol)
    (unless (%symbol-package symbol)
      (%set-symbol-package symbol package)
      (when keyword (%make-keyword symbol)))))

(defun %remove-present (symbol package)
  ;; SYMBOL is no longer present in PACKAGE; if it was its home, it has none.
  (or (%name-table-remove (%pkg-internals package) symbol)
      (%name-table-remove (%pkg-externals package) symbol))
  (setf (%pkg-shadowing package) (remove symbol (%pkg-shadowing package) :test #'eq))
  (when (%eq (%symbol-package symbol) package)
    (%set-symbol-package symbol nil)
    (%set-symbol-flags symbol (%fx-logand (%symbol-flags symbol) -17))))

(defun unintern (symbol &optional (package *package*))
  (let ((package (%the-package package)))
    (%check-symbol symbol)
    (let ((entry (%present-entry package (%symbol-name symbol))))
      (when (and entry (%eq (%car entry) symbol))
        (%remove-present symbol package)
        t))))

(defvar *gentemp-counter* 0)

(defun gentemp (&optional (prefix "T") (package *package*))
  (let ((package (%the-package package)) (prefix (%check-name prefix)))
    (do () (nil)
      (setq *gentemp-counter* (1+ *gentemp-counter*))
      (let ((name (%string-concat-2 prefix (%fixnum-to-string *gentemp-counter*))))
        (unless (nth-value 1 (%find-symbol name package))
          (return (values (%intern-in name package))))))))

;;; Exporting, importing, shadowing

(defun %check-export-conflicts (symbol package)
  ;; Exporting SYMBOL from PACKAGE must not hide another symbol of its name
  ;; in a package that uses PACKAGE (CLHS 11.1.1.2.5).
  (dolist (user (%pkg-used-by package))
    (multiple-value-bind (found status) (%find-symbol (%symbol-name symbol) user)
      (when (and status (not (%eq found symbol)) (not (%shadowing-p found user)))
        (%name-conflict user 'export symbol (list symbol found))))))

(defun export (symbols &optional (package *package*))
  (let ((package (%the-package package)) (symbols (%the-symbols symbols)) (missing nil))
    (dolist (symbol symbols)
      (unless (%accessible-p symbol package) (push symbol missing)))
    (when missing
      (%package-error package "These symbols are not accessible in the ~A package:~%  ~S"
                      (%pkg-name package) (nreverse missing)))
    (dolist (symbol symbols) (%check-export-conflicts symbol package))
    (dolist (symbol symbols t)
      (unless (%name-table-find (%pkg-externals package) (%symbol-name symbol))
        (%name-table-remove (%pkg-internals package) symbol)
        (%name-table-add (%pkg-externals package) symbol)))))

(defun unexport (symbols &optional (package *package*))
  (let ((package (%the-package package)) (symbols (%the-symbols symbols)))
    (dolist (symbol symbols)
      (unless (%accessible-p symbol package)
        (%package-error package "~S is not accessible in the ~A package."
                        symbol (%pkg-name package))))
    (dolist (symbol symbols t)
      (when (%name-table-remove (%pkg-externals package) symbol)
        (%name-table-add (%pkg-internals package) symbol)))))

(defun import (symbols &optional (package *package*))
  (let ((package (%the-package package)) (symbols (%the-symbols symbols)))
    (dolist (symbol symbols)
      (multiple-value-bind (found status) (%find-symbol (%symbol-name symbol) package)
        (when (and status (not (%eq found symbol)))
          (%name-conflict package 'import symbol (list symbol found)))))
    (dolist (symbol symbols t)
      (multiple-value-bind (found status) (%find-symbol (%symbol-name symbol) package)
        (declare (ignore found))
        (when (or (null status) (%eq status :inherited))
          (%add-present symbol package))))))

(defun %add-shadowing (symbol package)
  (unless (%shadowing-p symbol package)
    (push symbol (%pkg-shadowing package))))

(defun shadowing-import (symbols &optional (package *package*))
  (let ((package (%the-package package)))
    (dolist (symbol (%the-symbols symbols) t)
      (let ((entry (%present-entry package (%symbol-name symbol))))
        (unless (and entry (%eq (%car entry) symbol))
          (when entry (%remove-present (%car entry) package))
          (%add-present symbol package))
        (%add-shadowing symbol package)))))

(defun shadow (symbol-names &optional (package *package*))
  (let ((package (%the-package package)))
    (dolist (name (%the-names symbol-names) t)
      (let ((entry (%present-entry package name)))
        (%add-shadowing (if entry
                            (%car entry)
                            (%make-present-symbol (%substring name 0 (%string-length name))
                                                  package nil))
                        package)))))

;;; Using packages

(defun %check-use-conflicts (used package)
  ;; Every symbol accessible in PACKAGE must be the external symbol of its
  ;; name in USED, if any, unless it shadows it.
  (flet ((check (symbol)
           (let ((entry (%external-entry used (%symbol-name symbol))))
             (when (and entry (not (%eq (%car entry) symbol)) (not (%shadowing-p symbol package)))
               (%name-conflict package 'use-package used (list (%car entry) symbol))))))
    (dolist (entry (%package-symbol-list package '(:internal :external :inherited)))
      (check (%car entry)))))

(defun use-package (packages-to-use &optional (package *package*))
  (let ((package (%the-package package)))
    (dolist (used (%the-packages packages-to-use) t)
      (when (%eq used *keyword-package*)
        (%package-error package "Can't use the KEYWORD package."))
      (unless (member used (%pkg-use-list package) :test #'eq)
        (%check-use-conflicts used package)
        (push used (%pkg-use-list package))
        (push package (%pkg-used-by used))))))

(defun unuse-package (packages-to-unuse &optional (package *package*))
  (let ((package (%the-package package)))
    (dolist (used (%the-packages packages-to-unuse) t)
      (setf (%pkg-use-list package) (remove used (%pkg-use-list package) :test #'eq))
      (setf (%pkg-used-by used) (remove package (%pkg-used-by used) :test #'eq)))))

;;; Making, naming and deleting packages

(defun %check-names-free (name nicknames package)
  ;; No package but PACKAGE may have NAME or one of NICKNAMES.
  (let ((owner (%registered-package name)))
    (when (and owner (not (%eq owner package)))
      (%package-error name "A package named ~S already exists." name)))
  (dolist (nickname nicknames)
    (let ((owner (%registered-package nickname)))
      (when (and owner (not (%eq owner package)))
        (%package-error name "~S is a package name, so it cannot be a nickname for ~S."
                        nickname name)))))

(defun make-package (name &key nicknames use)
  (let ((name (%package-name-string name))
        (nicknames (mapcar #'%package-name-string nicknames)))
    (%check-names-free name nicknames nil)
    (let ((package (or (%take-hidden-package name) (%make-package-object name 16 16))))
      (setf (%pkg-name package) (%substring name 0 (%string-length name)))
      (setf (%pkg-nicknames package) (reverse nicknames))
      (%register-package package)
      (use-package use package)
      package)))

(defun rename-package (package new-name &optional new-nicknames)
  (let* ((package (%the-package package))
         (name (if (packagep new-name) (%pkg-name new-name) (%package-name-string new-name)))
         (nicknames (mapcar #'%package-name-string new-nicknames)))
    (%check-names-free name nicknames package)
    (%unregister-package package)
    (setf (%pkg-name package) name)
    (setf (%pkg-nicknames package) nicknames)
    (%register-package package)))

(defun delete-package (package)
  (let ((found (find-package package)))
    (cond ((null found)
           (cerror "Ignore it." 'package-does-not-exist
                   :package package
                   :format-control "There is no package named ~S."
                   :format-arguments (list package))
           nil)
          ((null (%pkg-name found)) nil)
          (t (%delete-package found) t))))

(defun %delete-package (package)
  (when (%pkg-used-by package)
    (cerror "Remove dependency in other packages." 'simple-package-error
            :package package
            :format-control "Package ~S is used by package(s):~%  ~S"
            :format-arguments (list (%pkg-name package) (%pkg-used-by package))))
  (dolist (user (%pkg-used-by package)) (unuse-package package user))
  (unuse-package (%pkg-use-list package) package)
  (dolist (entry (%package-symbol-list package '(:internal :external)))
    (%remove-present (%car entry) package))
  (%unregister-package package)
  (setf (%pkg-name package) nil)
  (setf (%pkg-nicknames package) nil))

;;; Package attributes

(defun package-name (package)
  (%pkg-name (or (find-package package) (%no-such-package package))))

(defun package-nicknames (package) (copy-list (%pkg-nicknames (%the-package package))))
(defun package-use-list (package) (copy-list (%pkg-use-list (%the-package package))))
(defun package-used-by-list (package) (copy-list (%pkg-used-by (%the-package package))))
(defun package-shadowing-symbols (package)
  (copy-list (%pkg-shadowing (%the-package package))))

(defun list-all-packages ()
  (let ((packages nil))
    (dolist (entry *package-names* packages)
      (unless (member (%cdr entry) packages :test #'eq)
        (push (%cdr entry) packages)))))

(defun %set-package-documentation (package documentation)
  (setf (%pkg-documentation (%the-package package)) documentation))

;;; Iteration

(defun %package-symbol-list (package types)
  ;; ((symbol . status) ...) for the symbols accessible in PACKAGE whose
  ;; status (:INTERNAL, :EXTERNAL or :INHERITED) is in TYPES.
  (let ((package (%the-package package)) (entries nil))
    (when (member :internal types)
      (setq entries (%name-table-entries (%pkg-internals package) :internal entries)))
    (when (member :external types)
      (when (and (%eq package *common-lisp-package*) (not *common-lisp-complete*))
        (%complete-common-lisp))
      (setq entries (%name-table-entries (%pkg-externals package) :external entries)))
    (when (member :inherited types)
      (dolist (used (%pkg-use-list package))
        (dolist (entry (%package-symbol-list used '(:external)))
          (when (%eq (%find-symbol (%symbol-name (%car entry)) package) (%car entry))
            (push (%cons (%car entry) :inherited) entries)))))
    entries))

(defun %expand-do-symbols (var package result body types)
  (let ((entry (gensym "ENTRY")))
    (multiple-value-bind (forms decls) (%parse-body body nil)
      `(block nil
         (dolist (,entry (%package-symbol-list ,package ',types))
           (let ((,var (car ,entry)))
             ,@decls
             (tagbody ,@forms)))
         (let ((,var nil))
           (declare (ignorable ,var))
           ,result)))))

(defmacro do-symbols ((var &optional (package '*package*) result) &body body)
  (%expand-do-symbols var package result body '(:internal :external :inherited)))

(defmacro do-external-symbols ((var &optional (package '*package*) result) &body body)
  (%expand-do-symbols var package result body '(:external)))

(defmacro do-all-symbols ((var &optional result) &body body)
  (let ((package (gensym "PACKAGE")))
    `(block nil
       (dolist (,package (list-all-packages))
         ,(%expand-do-symbols var package nil body '(:internal :external)))
       (let ((,var nil))
         (declare (ignorable ,var))
         ,result))))

(defun find-all-symbols (string)
  (let ((name (%name-string string)) (found nil))
    (dolist (package (list-all-packages) found)
      (let ((entry (%present-entry package name)))
        (when (and entry (not (member (%car entry) found :test #'eq)))
          (push (%car entry) found))))))

(defun %package-iterator-entries (packages types)
  ;; ((symbol status . package) ...) for WITH-PACKAGE-ITERATOR.
  (let ((entries nil))
    (dolist (package (%the-packages packages) (nreverse entries))
      (dolist (entry (%package-symbol-list package types))
        (push (list* (%car entry) (%cdr entry) package) entries)))))

(defmacro with-package-iterator ((name package-list-form &rest symbol-types) &body body)
  (let* ((entries (gensym "ENTRIES")) (entry (gensym "ENTRY"))
         (next `(if ,entries
                    (let ((,entry (car ,entries)))
                      (setq ,entries (cdr ,entries))
                      (values t (car ,entry) (cadr ,entry) (cddr ,entry)))
                    nil)))
    `(let ((,entries (%package-iterator-entries ,package-list-form ',symbol-types)))
       (macrolet ((,name () ',next))
         ,@body))))

;;; DEFPACKAGE and IN-PACKAGE

(defun %defpackage-options (options)
  ;; (nicknames documentation use shadow shadowing-import-from import-from
  ;; intern export) of DEFPACKAGE's options, every name a string.
  (let ((nicknames nil) (documentation nil) (use nil) (shadow nil) (shadowing-imports nil)
        (imports nil) (interns nil) (exports nil))
    (dolist (option options)
      (let ((args (cdr option)))
        (case (car option)
          (:nicknames (setq nicknames (append nicknames (%the-names args))))
          (:documentation (setq documentation (car args)))
          (:use (setq use (append use (%the-names args))))
          (:shadow (setq shadow (append shadow (%the-names args))))
          (:shadowing-import-from
           (push (cons (%name-string (car args)) (%the-names (cdr args))) shadowing-imports))
          (:import-from
           (push (cons (%name-string (car args)) (%the-names (cdr args))) imports))
          (:intern (setq interns (append interns (%the-names args))))
          (:export (setq exports (append exports (%the-names args))))
          ((:size :lock))
          (t (error 'program-error :format-control "unknown DEFPACKAGE option: ~S"
                                   :format-arguments (list option))))))
    (list nicknames documentation use shadow (nreverse shadowing-imports)
          (nreverse imports) interns exports)))

(defmacro defpackage (name &rest options)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (%defpackage ,(%name-string name) ',(%defpackage-options options))))

(defun %defpackage-symbols (from names)
  ;; The symbols named NAMES accessible in the package FROM.
  (let ((package (or (find-package from) (%no-such-package from))))
    (mapcar (lambda (name)
              (multiple-value-bind (symbol status) (find-symbol name package)
                (unless status
                  (%package-error package "The symbol ~A is not present in package ~A."
                                  name (package-name package)))
                symbol))
            names)))

(defun %defpackage (name options)
  (destructuring-bind (nicknames documentation use shadow shadowing-imports imports
                       interns exports)
      options
    (let ((package (find-package name)))
      (if package
          (rename-package package name nicknames)
          (setq package (make-package name :nicknames nicknames :use nil)))
      (shadow shadow package)
      (dolist (spec shadowing-imports)
        (shadowing-import (%defpackage-symbols (car spec) (cdr spec)) package))
      (use-package use package)
      (dolist (spec imports)
        (import (%defpackage-symbols (car spec) (cdr spec)) package))
      (dolist (name interns) (intern name package))
      (export (mapcar (lambda (name) (intern name package)) exports) package)
      (%set-package-documentation package documentation)
      package)))

(defun %literal-package (name)
  ;; A package that compiled code refers to (it may be made later).
  (or (%registered-package name) (%hidden-package name)))

(defun %find-package-or-lose (name)
  ;; What IN-PACKAGE makes current.
  (or (find-package name) (%no-such-package name)))
