;;;; loop.lisp -- the LOOP macro (CLHS 6.1)
;;;;
;;;; A loop expands into
;;;;
;;;;   (block NAME
;;;;     (let (accumulators) (let (clause variables) ...
;;;;       (macrolet ((loop-finish () '(go %loop-end)))
;;;;       (tagbody
;;;;          initially forms, then the first-iteration code of the FOR clauses
;;;;        %loop-next
;;;;          body (DO, collect, WHEN, ...)
;;;;          stepping code of the FOR clauses
;;;;          (go %loop-next)
;;;;        %loop-end
;;;;          finally forms
;;;;          (return-from NAME result))))))
;;;;
;;;; Each WITH or FOR clause gets its own LET, nested in the order written, so
;;;; a later clause's forms see the variables of the earlier ones; clauses
;;;; joined by AND share one LET (parallel binding).
;;;;
;;;; The parser reads the clauses left to right from *LOOP-TOKENS* and fills
;;;; the special variables below, one per section of the expansion.  Loop
;;;; keywords are recognised by symbol name, in any package (CLHS 6.1.1.2).
;;;;
;;;; Not supported yet: FOR ... BEING the symbols of packages, which signals
;;;; an error naming the clause.  Type specs are accepted; they only choose
;;;; the initial value of a variable that has no other (0, 0.0 or NIL).

(in-package "CLYSM")

;;; Parser state, bound afresh by each expansion.

(defvar *loop-tokens* nil "The clauses not read yet.")
(defvar *loop-clause-start* nil "The tail of the tokens where the current clause starts.")
(defvar *loop-name* nil "The name of the loop's block.")
(defvar *loop-frames* nil "Binding lists of the nested LETs, outermost first.")
(defvar *loop-accumulator-bindings* nil "Bindings of the accumulation variables.")
(defvar *loop-accumulators* nil "Alist: INTO variable (NIL: the loop's value) -> accumulator.")
(defvar *loop-variables* nil "The user variables bound so far, to catch duplicates.")
(defvar *loop-prologue* nil "INITIALLY forms.")
(defvar *loop-first* nil "Code that starts the first iteration.")
(defvar *loop-body* nil "The loop body.")
(defvar *loop-steps* nil "Code that starts every later iteration.")
(defvar *loop-epilogue* nil "FINALLY forms.")
(defvar *loop-body-started* nil "True once a body clause was read.")
(defvar *loop-boolean* nil "ALWAYS, NEVER or THEREIS when one was used.")
(defvar *loop-it* nil "In a conditional: (variable . used-p) for IT.")

;;; Tokens

(defun %loop-keyword-p (token name)
  (and (symbolp token) (string= (symbol-name token) name)))

(defun %loop-keyword-in-p (token names)
  (dolist (name names nil)
    (when (%loop-keyword-p token name) (return t))))

(defun %loop-next-is-p (name)
  (and *loop-tokens* (%loop-keyword-p (car *loop-tokens*) name)))

(defun %loop-pop ()
  (pop *loop-tokens*))

;;; The clause being read, for error messages: the tokens read so far and
;;; the next one.
(defun %loop-clause-text ()
  (let ((text nil))
    (do ((tail *loop-clause-start* (cdr tail)))
        ((or (atom tail) (eq tail *loop-tokens*)))
      (push (car tail) text))
    (when (consp *loop-tokens*)
      (push (car *loop-tokens*) text))
    (nreverse text)))

;;; Signal a syntax error.  CONTROL ends with "in clause ~S", which receives
;;; the clause text after ARGUMENTS.
(defun %loop-error (control &rest arguments)
  (error 'program-error
         :format-control control
         :format-arguments (append arguments (list (%loop-clause-text)))))

(defun %loop-pop-form (after)
  (when (null *loop-tokens*)
    (%loop-error "LOOP: a form is missing after ~S in clause ~S" after))
  (%loop-pop))

;;; A form where IT may stand for the test of the enclosing conditional.
(defun %loop-pop-form-or-it (after)
  (let ((form (%loop-pop-form after)))
    (cond ((and *loop-it* (%loop-keyword-p form "IT"))
           (rplacd *loop-it* t)
           (car *loop-it*))
          (t form))))

;;; One or more compound forms (DO, INITIALLY, FINALLY).  An atom ends them:
;;; it is the next loop keyword.
(defun %loop-pop-compound-forms (keyword)
  (unless (consp (car *loop-tokens*))
    (%loop-error "LOOP: ~S needs at least one compound form in clause ~S" keyword))
  (let ((forms nil))
    (do () ((not (consp (car *loop-tokens*))))
      (push (%loop-pop) forms))
    (nreverse forms)))

;;; Variables and destructuring

(defun %loop-declare-variable (var)
  (when (member var *loop-variables*)
    (%loop-error "LOOP: the variable ~S is bound twice in clause ~S" var))
  (push var *loop-variables*))

(defun %loop-check-pattern (pattern)
  (cond ((null pattern) nil)
        ((consp pattern)
         (%loop-check-pattern (car pattern))
         (%loop-check-pattern (cdr pattern)))
        ((and (symbolp pattern) (not (keywordp pattern)) (not (eq pattern t)))
         (%loop-declare-variable pattern))
        (t (%loop-error "LOOP: ~S cannot be a variable in clause ~S" pattern))))

;;; A variable or a destructuring pattern: (a . b), nested, NIL to skip.
(defun %loop-pop-pattern (after)
  (let ((pattern (%loop-pop-form after)))
    (%loop-check-pattern pattern)
    pattern))

(defun %loop-pattern-variables (pattern)
  (cond ((null pattern) nil)
        ((consp pattern)
         (append (%loop-pattern-variables (car pattern))
                 (%loop-pattern-variables (cdr pattern))))
        (t (list pattern))))

(defun %loop-nil-bindings (pattern)
  (mapcar (lambda (var) (list var nil)) (%loop-pattern-variables pattern)))

;;; (variable form) pairs that store the parts of FORM's value in PATTERN.
;;; FORM is evaluated once per variable, so it must be a variable or a
;;; cheap access such as (CAR tail).  Missing parts give NIL (CLHS 6.1.1.7).
(defun %loop-destructure-pairs (pattern form)
  (cond ((null pattern) nil)
        ((consp pattern)
         (append (%loop-destructure-pairs (car pattern) `(car ,form))
                 (%loop-destructure-pairs (cdr pattern) `(cdr ,form))))
        (t (list (list pattern form)))))

;;; Types

;;; [OF-TYPE type] or one of the simple types FIXNUM, FLOAT, T, NIL.
(defun %loop-parse-type-spec ()
  (cond ((%loop-next-is-p "OF-TYPE")
         (%loop-pop-form (%loop-pop)))
        ((and *loop-tokens* (member (car *loop-tokens*) '(fixnum float t nil)))
         (%loop-pop))
        (t nil)))

;;; The value of a variable of TYPE that has no initial value.
(defun %loop-type-default (type)
  (let ((name (if (consp type) (car type) type)))
    (cond ((member name '(float single-float short-float)) 0.0)
          ((member name '(double-float long-float)) 0.0d0)
          ((member name '(fixnum integer number real rational bit mod
                          signed-byte unsigned-byte))
           0)
          (t nil))))

;;; Bindings of the variables of PATTERN to the defaults of TYPE, a type
;;; or a tree of types shaped like the pattern.
(defun %loop-default-bindings (pattern type)
  (cond ((null pattern) nil)
        ((consp pattern)
         (append (%loop-default-bindings (car pattern) (if (consp type) (car type) type))
                 (%loop-default-bindings (cdr pattern) (if (consp type) (cdr type) type))))
        (t (list (list pattern (%loop-type-default type))))))

;;; Sections of the expansion

(defun %loop-add-frame (bindings)
  (when bindings
    (setq *loop-frames* (append *loop-frames* (list bindings)))))

(defun %loop-emit-body (forms)
  (setq *loop-body-started* t)
  (setq *loop-body* (append *loop-body* forms)))

;;; Code that runs at the start of each iteration, among the FOR clauses.
(defun %loop-add-iteration-code (first steps)
  (setq *loop-first* (append *loop-first* first))
  (setq *loop-steps* (append *loop-steps* steps)))

;;; A termination test: before any body code it is part of the iteration
;;; code (it runs between the FOR clauses around it); after, it is body code.
(defun %loop-add-termination-test (form)
  (if *loop-body-started*
      (%loop-emit-body (list form))
      (%loop-add-iteration-code (list form) (list form))))

;;; The clause tables: (names parser . extra arguments).  A parser receives
;;; the keyword token first.  Selectable clauses may follow WHEN/IF/UNLESS
;;; and return body forms; the others record what they need themselves.
;;; The expander reads the tables at compile time, hence the EVAL-WHENs.

(eval-when (:compile-toplevel :load-toplevel :execute)
(defparameter *loop-selectable-clauses*
  '((("DO" "DOING") %loop-parse-do)
    (("RETURN") %loop-parse-return)
    (("COLLECT" "COLLECTING") %loop-parse-accumulation :collect)
    (("APPEND" "APPENDING") %loop-parse-accumulation :append)
    (("NCONC" "NCONCING") %loop-parse-accumulation :nconc)
    (("COUNT" "COUNTING") %loop-parse-accumulation :count)
    (("SUM" "SUMMING") %loop-parse-accumulation :sum)
    (("MAXIMIZE" "MAXIMIZING") %loop-parse-accumulation :maximize)
    (("MINIMIZE" "MINIMIZING") %loop-parse-accumulation :minimize)
    (("WHEN" "IF") %loop-parse-conditional nil)
    (("UNLESS") %loop-parse-conditional t))))

(eval-when (:compile-toplevel :load-toplevel :execute)
(defparameter *loop-other-clauses*
  '((("WITH") %loop-parse-with)
    (("FOR" "AS") %loop-parse-for)
    (("INITIALLY") %loop-parse-initially)
    (("FINALLY") %loop-parse-finally)
    (("WHILE") %loop-parse-while nil)
    (("UNTIL") %loop-parse-while t)
    (("REPEAT") %loop-parse-repeat)
    (("ALWAYS") %loop-parse-boolean :always)
    (("NEVER") %loop-parse-boolean :never)
    (("THEREIS") %loop-parse-boolean :thereis)
    (("NAMED") %loop-parse-named-late))))

(defun %loop-find-clause (token table)
  (dolist (entry table nil)
    (when (%loop-keyword-in-p token (car entry))
      (return entry))))

(defun %loop-call-parser (entry token)
  (apply (cadr entry) token (cddr entry)))

(defun %loop-parse-clause ()
  (setq *loop-clause-start* *loop-tokens*)
  (let* ((token (%loop-pop))
         (selectable (%loop-find-clause token *loop-selectable-clauses*))
         (other (%loop-find-clause token *loop-other-clauses*)))
    (cond (selectable (%loop-emit-body (%loop-call-parser selectable token)))
          (other (%loop-call-parser other token))
          ((symbolp token) (%loop-error "LOOP: unknown keyword ~S in clause ~S" token))
          (t (%loop-error "LOOP: a loop keyword was expected, not the form ~S, in clause ~S"
                          token)))))

;;; A clause allowed after WHEN/IF/UNLESS, ELSE and AND: returns its forms.
(defun %loop-parse-selectable (after)
  (let ((entry (%loop-find-clause (car *loop-tokens*) *loop-selectable-clauses*)))
    (unless (and *loop-tokens* entry)
      (%loop-error "LOOP: DO, RETURN, an accumulation or a conditional must follow ~S in clause ~S"
                   after))
    (%loop-call-parser entry (%loop-pop))))

;;; NAMED, WITH, INITIALLY, FINALLY

(defun %loop-parse-named-late (keyword)
  (declare (ignore keyword))
  (%loop-error "LOOP: NAMED must be the first clause, in clause ~S"))

(defun %loop-parse-named ()
  (when (%loop-next-is-p "NAMED")
    (setq *loop-clause-start* *loop-tokens*)
    (let ((name (%loop-pop-form (%loop-pop))))
      (unless (symbolp name)
        (%loop-error "LOOP: the loop name ~S is not a symbol in clause ~S" name))
      (setq *loop-name* name))))

;;; WITH var [type] [= form] {AND var [type] [= form]}*.  The AND group is
;;; bound in parallel; destructured values go through temporaries, taken
;;; apart in a second LET.
(defun %loop-parse-with (keyword)
  (let ((bindings nil) (parts nil))
    (tagbody
     next
       (let* ((pattern (%loop-pop-pattern keyword))
              (type (%loop-parse-type-spec)))
         (cond ((not (%loop-next-is-p "="))
                (setq bindings (append bindings (%loop-default-bindings pattern type))))
               ((and pattern (symbolp pattern))
                (let ((form (%loop-pop-form (%loop-pop))))
                  (setq bindings (append bindings (list (list pattern form))))))
               (t
                (let ((form (%loop-pop-form (%loop-pop)))
                      (temp (gensym "WITH")))
                  (setq bindings (append bindings (list (list temp form))))
                  (setq parts (append parts (%loop-destructure-pairs pattern temp)))))))
       (when (%loop-next-is-p "AND")
         (setq keyword (%loop-pop))
         (go next)))
    (%loop-add-frame bindings)
    (%loop-add-frame parts)))

(defun %loop-parse-initially (keyword)
  (setq *loop-prologue* (append *loop-prologue* (%loop-pop-compound-forms keyword))))

(defun %loop-parse-finally (keyword)
  (setq *loop-epilogue* (append *loop-epilogue* (%loop-pop-compound-forms keyword))))

;;; FOR and AS
;;;
;;; Each FOR subclause is a driver, a plist:
;;;   :bindings  its variables (one LET per FOR clause)
;;;   :init      (variable form) pairs giving the first values
;;;   :pre       (variable form) pairs stepping to the next values
;;;   :tests     forms, any of them true ends the loop
;;;   :post      (variable form) pairs that run after the tests
;;; The first iteration runs INIT, TESTS, POST; every later one PRE, TESTS,
;;; POST.  Subclauses joined by AND step in parallel: all their PRE pairs,
;;; then all the tests, then all their POST pairs.

(defun %loop-driver (&key bindings init pre tests post)
  (list :bindings bindings :init init :pre pre :tests tests :post post))

(defun %loop-drivers-part (drivers key)
  (let ((all nil))
    (dolist (driver drivers all)
      (setq all (append all (getf driver key))))))

(defun %loop-assignment (pairs parallel)
  (when pairs
    (list (cons (if parallel 'psetq 'setq) (apply #'append pairs)))))

(defun %loop-end-tests (tests)
  (mapcar (lambda (test) `(when ,test (go %loop-end))) tests))

(defun %loop-iteration-code (drivers start-key)
  (let ((parallel (consp (cdr drivers))))
    (append (%loop-assignment (%loop-drivers-part drivers start-key) parallel)
            (%loop-end-tests (%loop-drivers-part drivers :tests))
            (%loop-assignment (%loop-drivers-part drivers :post) parallel))))

(defun %loop-parse-for (keyword)
  (when *loop-body-started*
    (%loop-error "LOOP: the iteration clause ~S follows body code in clause ~S" keyword))
  (let ((drivers (list (%loop-parse-for-subclause keyword))))
    (do () ((not (%loop-next-is-p "AND")))
      (setq drivers (append drivers (list (%loop-parse-for-subclause (%loop-pop))))))
    (%loop-add-frame (%loop-drivers-part drivers :bindings))
    (%loop-add-iteration-code (%loop-iteration-code drivers :init)
                              (%loop-iteration-code drivers :pre))))

(eval-when (:compile-toplevel :load-toplevel :execute)
(defparameter *loop-arithmetic-keywords*
  '("FROM" "UPFROM" "DOWNFROM" "TO" "UPTO" "BELOW" "DOWNTO" "ABOVE" "BY")))

(defun %loop-parse-for-subclause (keyword)
  (let ((pattern (%loop-pop-pattern keyword)))
    ;; Types are accepted and play no part in stepping.
    (%loop-parse-type-spec)
    (let ((token (car *loop-tokens*)))
      (cond ((null *loop-tokens*)
             (%loop-error "LOOP: ~S ~S needs IN, ON, =, ACROSS or FROM/TO/BELOW..., in clause ~S"
                          keyword pattern))
            ((%loop-keyword-p token "IN") (%loop-for-in pattern (%loop-pop)))
            ((%loop-keyword-p token "ON") (%loop-for-on pattern (%loop-pop)))
            ((%loop-keyword-p token "=") (%loop-for-equals pattern (%loop-pop)))
            ((%loop-keyword-p token "ACROSS") (%loop-for-across pattern (%loop-pop)))
            ((%loop-keyword-in-p token *loop-arithmetic-keywords*) (%loop-for-arithmetic pattern))
            ((%loop-keyword-p token "BEING")
             (%loop-pop)
             (%loop-for-being pattern))
            (t
             (%loop-pop)
             (%loop-error
              "LOOP: ~S is not a FOR keyword (IN, ON, =, ACROSS, FROM, TO, ...) in clause ~S"
              token))))))

;;; [BY function] after IN or ON: returns (values bindings operator), the
;;; step form being (,@operator tail).  #'name is called directly.
(defun %loop-parse-list-stepper ()
  (if (%loop-next-is-p "BY")
      (let ((function (%loop-pop-form (%loop-pop))))
        (if (and (consp function) (eq (car function) 'function)
                 (consp (cdr function)) (symbolp (cadr function)) (null (cddr function)))
            (values nil (list (cadr function)))
            (let ((var (gensym "STEP")))
              (values (list (list var function)) (list 'funcall var)))))
      (values nil '(cdr))))

;;; FOR pattern IN list [BY function]: ENDP ends it, as for DOLIST.
(defun %loop-for-in (pattern keyword)
  (let ((tail (gensym "TAIL"))
        (list-form (%loop-pop-form keyword)))
    (multiple-value-bind (step-bindings operator) (%loop-parse-list-stepper)
      (%loop-driver :bindings (append (%loop-nil-bindings pattern)
                                      (list (list tail list-form))
                                      step-bindings)
                    :pre (list (list tail (append operator (list tail))))
                    :tests (list `(endp ,tail))
                    :post (%loop-destructure-pairs pattern `(car ,tail))))))

;;; FOR pattern ON list [BY function]: the variable takes the successive
;;; tails, while they are conses.
(defun %loop-for-on (pattern keyword)
  (let ((tail (gensym "TAIL"))
        (list-form (%loop-pop-form keyword)))
    (multiple-value-bind (step-bindings operator) (%loop-parse-list-stepper)
      (%loop-driver :bindings (append (%loop-nil-bindings pattern)
                                      (list (list tail list-form))
                                      step-bindings)
                    :pre (list (list tail (append operator (list tail))))
                    :tests (list `(atom ,tail))
                    :post (%loop-destructure-pairs pattern tail)))))

;;; FOR pattern = form [THEN form]: without THEN, FORM is evaluated on every
;;; iteration.
(defun %loop-for-equals (pattern keyword)
  (let* ((first (%loop-pop-form keyword))
         (then (if (%loop-next-is-p "THEN") (%loop-pop-form (%loop-pop)) first)))
    (if (and pattern (symbolp pattern))
        (%loop-driver :bindings (list (list pattern nil))
                      :init (list (list pattern first))
                      :pre (list (list pattern then)))
        (let ((temp (gensym "VALUE")))
          (%loop-driver :bindings (cons (list temp nil) (%loop-nil-bindings pattern))
                        :init (list (list temp first))
                        :pre (list (list temp then))
                        :post (%loop-destructure-pairs pattern temp))))))

;;; FOR pattern ACROSS vector.
(defun %loop-for-across (pattern keyword)
  (let ((vector (gensym "VECTOR"))
        (index (gensym "INDEX"))
        (vector-form (%loop-pop-form keyword)))
    (%loop-driver :bindings (append (%loop-nil-bindings pattern)
                                    (list (list vector vector-form) (list index 0)))
                  :pre (list (list index `(1+ ,index)))
                  :tests (list `(>= ,index (length ,vector)))
                  :post (%loop-destructure-pairs pattern `(aref ,vector ,index)))))

;;; FOR pattern BEING {EACH | THE} {HASH-KEY[S] | HASH-VALUE[S]} {IN | OF}
;;; table [USING ({HASH-VALUE | HASH-KEY} var)]: the entries in the table's
;;; iteration order (hash-table.lisp).
(defun %loop-for-being (pattern)
  (unless (or (%loop-next-is-p "EACH") (%loop-next-is-p "THE"))
    (%loop-error "LOOP: BEING must be followed by EACH or THE in clause ~S"))
  (%loop-pop)
  (let ((kind (%loop-pop-form "BEING")))
    (cond ((%loop-keyword-in-p kind '("HASH-KEY" "HASH-KEYS"))
           (%loop-for-hash-table pattern :keys))
          ((%loop-keyword-in-p kind '("HASH-VALUE" "HASH-VALUES"))
           (%loop-for-hash-table pattern :values))
          ((%loop-keyword-in-p kind '("SYMBOL" "SYMBOLS" "PRESENT-SYMBOL" "PRESENT-SYMBOLS"
                                       "EXTERNAL-SYMBOL" "EXTERNAL-SYMBOLS"))
           (%loop-error "LOOP: iteration over the symbols of a package is not supported yet, in clause ~S"))
          (t (%loop-error "LOOP: ~S is not a kind of BEING iteration (HASH-KEYS, HASH-VALUES, SYMBOLS ...) in clause ~S"
                          kind)))))

(defun %loop-check-hash-table (object)
  (%check-hash-table object)
  object)

(defun %loop-for-hash-table (pattern what)
  (unless (or (%loop-next-is-p "IN") (%loop-next-is-p "OF"))
    (%loop-error "LOOP: a hash table iteration needs IN or OF in clause ~S"))
  (let* ((table (gensym "TABLE"))
         (index (gensym "INDEX"))
         (table-form (%loop-pop-form (%loop-pop)))
         (other (%loop-parse-hash-using (if (eq what :keys) "HASH-VALUE" "HASH-KEY")))
         (keys `(svref (%hash-table-keys ,table) ,index))
         (values `(svref (%hash-table-values ,table) ,index))
         (step (list index `(%hash-table-next-entry ,table ,index))))
    (%loop-driver :bindings (append (%loop-nil-bindings pattern)
                                    (and other (list (list other nil)))
                                    (list (list table `(%loop-check-hash-table ,table-form))
                                          (list index 0)))
                  :init (list step)
                  :pre (list step)
                  :tests (list `(eql ,index 0))
                  :post (append (%loop-destructure-pairs pattern (if (eq what :keys) keys values))
                                (and other
                                     (list (list other (if (eq what :keys) values keys))))))))

(defun %loop-parse-hash-using (other-kind)
  ;; The variable of USING (HASH-VALUE var) (or HASH-KEY), or NIL.
  (when (%loop-next-is-p "USING")
    (%loop-pop)
    (let ((spec (%loop-pop-form "USING")))
      (unless (and (consp spec) (%loop-keyword-p (car spec) other-kind)
                   (consp (cdr spec)) (symbolp (cadr spec)) (null (cddr spec)))
        (%loop-error "LOOP: USING needs (~A var), not ~S, in clause ~S" other-kind spec))
      (%loop-declare-variable (cadr spec))
      (cadr spec))))

;;; FOR var {FROM | UPFROM | DOWNFROM} start {TO | UPTO | BELOW | DOWNTO |
;;; ABOVE} end BY step, the three parts optional and in any order.  Their
;;; forms are evaluated once, in the order written; numbers stay inline.
(defun %loop-for-arithmetic (var)
  (unless (symbolp var)
    (%loop-error "LOOP: a counting variable must be a symbol, not ~S, in clause ~S" var))
  (let ((var (or var (gensym "COUNTER")))
        (bindings nil) (start-keyword nil) (end-keyword nil) (end nil) (step nil))
    (flet ((once (form name)
             (if (numberp form)
                 form
                 (let ((temp (gensym name)))
                   (push (list temp form) bindings)
                   temp))))
      (do () ((not (%loop-keyword-in-p (car *loop-tokens*) *loop-arithmetic-keywords*)))
        (let* ((keyword (%loop-pop))
               (form (%loop-pop-form keyword)))
          (cond ((%loop-keyword-in-p keyword '("FROM" "UPFROM" "DOWNFROM"))
                 (when start-keyword
                   (%loop-error "LOOP: ~S after ~S in clause ~S" keyword start-keyword))
                 (setq start-keyword keyword)
                 (push (list var form) bindings))
                ((%loop-keyword-p keyword "BY")
                 (when step (%loop-error "LOOP: BY given twice in clause ~S"))
                 (setq step (once form "STEP")))
                (t
                 (when end-keyword
                   (%loop-error "LOOP: ~S after ~S in clause ~S" keyword end-keyword))
                 (setq end-keyword keyword)
                 (setq end (once form "END")))))))
    (let ((down (%loop-counts-down-p start-keyword end-keyword)))
      (unless start-keyword
        (when down
          (%loop-error "LOOP: counting down needs a start value (FROM or DOWNFROM) in clause ~S"))
        (push (list var 0) bindings))
      (%loop-driver :bindings (nreverse bindings)
                    :pre (list (list var (list (if down '- '+) var (or step 1))))
                    :tests (when end-keyword
                             (list (%loop-limit-test var end end-keyword down)))))))

(defun %loop-counts-down-p (start-keyword end-keyword)
  (let ((up (or (%loop-keyword-p start-keyword "UPFROM")
                (%loop-keyword-in-p end-keyword '("UPTO" "BELOW"))))
        (down (or (%loop-keyword-p start-keyword "DOWNFROM")
                  (%loop-keyword-in-p end-keyword '("DOWNTO" "ABOVE")))))
    (when (and up down)
      (%loop-error "LOOP: ~S and ~S count in opposite directions in clause ~S"
                   start-keyword end-keyword))
    down))

;;; The test that ends the loop when VAR has passed END.
(defun %loop-limit-test (var end end-keyword down)
  (let ((inclusive (not (%loop-keyword-in-p end-keyword '("BELOW" "ABOVE")))))
    (list (if down (if inclusive '< '<=) (if inclusive '> '>=)) var end)))

;;; Termination tests

(defun %loop-parse-while (keyword negate)
  (let ((test (%loop-pop-form keyword)))
    (%loop-add-termination-test
     (if negate `(when ,test (go %loop-end)) `(unless ,test (go %loop-end))))))

;;; REPEAT counts iterations, not passes through its place in the body: its
;;; test is iteration code wherever it is written.
(defun %loop-parse-repeat (keyword)
  (let ((count (gensym "COUNT")))
    (%loop-add-frame (list (list count (%loop-pop-form keyword))))
    (let ((test `(if (<= ,count 0) (go %loop-end) (setq ,count (1- ,count)))))
      (%loop-add-iteration-code (list test) (list test)))))

;;; ALWAYS, NEVER and THEREIS return at once, skipping FINALLY (CLHS 6.1.4),
;;; and give the loop's value, so no accumulation may give it too.
(defun %loop-parse-boolean (keyword kind)
  (let ((form (%loop-pop-form keyword)))
    (when (assoc nil *loop-accumulators*)
      (%loop-error "LOOP: ~S cannot be used with an accumulation that has no INTO, in clause ~S"
                   keyword))
    (setq *loop-boolean* kind)
    (%loop-emit-body
     (list (case kind
             (:always `(unless ,form (return-from ,*loop-name* nil)))
             (:never `(when ,form (return-from ,*loop-name* nil)))
             (t (let ((value (gensym "VALUE")))
                  `(let ((,value ,form))
                     (when ,value (return-from ,*loop-name* ,value))))))))))

;;; DO, RETURN

(defun %loop-parse-do (keyword)
  (%loop-pop-compound-forms keyword))

(defun %loop-parse-return (keyword)
  (list `(return-from ,*loop-name* ,(%loop-pop-form-or-it keyword))))

;;; Accumulation
;;;
;;; An accumulator is (class variable helper keyword): class :list (COLLECT,
;;; APPEND, NCONC), :sum (SUM, COUNT) or :extreme (MAXIMIZE, MINIMIZE);
;;; helper is the tail of the list for :list, and for :extreme a flag that
;;; is true until the first value; keyword is the clause that made it.
;;; Clauses with the same INTO variable (or none) share one accumulator and
;;; must be of one class.

(defun %loop-accumulation-class (kind)
  (case kind
    ((:collect :append :nconc) :list)
    ((:sum :count) :sum)
    (t :extreme)))

(defun %loop-new-accumulator (into class type keyword)
  (let ((var (or into (gensym "RESULT")))
        (helper (case class
                  (:list (gensym "TAIL"))
                  (:extreme (gensym "FIRST"))
                  (t nil)))
        (zero (or (%loop-type-default type) 0)))
    (when into (%loop-declare-variable into))
    (setq *loop-accumulator-bindings*
          (append *loop-accumulator-bindings*
                  (list (list var (if (eq class :list) nil zero)))
                  (when helper (list (list helper (eq class :extreme))))))
    (list class var helper keyword)))

(defun %loop-accumulator (into kind type keyword)
  (let ((class (%loop-accumulation-class kind))
        (entry (assoc into *loop-accumulators*)))
    (cond (entry
           (unless (eq (car (cdr entry)) class)
             (%loop-error "LOOP: ~S and ~S cannot accumulate into the same value, in clause ~S"
                          (cadddr (cdr entry)) keyword))
           (cdr entry))
          (t
           (when (and (null into) *loop-boolean*)
             (%loop-error
              "LOOP: ~S without INTO cannot be used with ALWAYS, NEVER or THEREIS, in clause ~S"
              keyword))
           (let ((accumulator (%loop-new-accumulator into class type keyword)))
             (push (cons into accumulator) *loop-accumulators*)
             accumulator)))))

(defun %loop-parse-into ()
  (when (%loop-next-is-p "INTO")
    (let ((var (%loop-pop-form (%loop-pop))))
      (unless (and var (symbolp var) (not (keywordp var)) (not (eq var t)))
        (%loop-error "LOOP: INTO needs a variable, not ~S, in clause ~S" var))
      var)))

(defun %loop-parse-accumulation (keyword kind)
  (let* ((form (%loop-pop-form-or-it keyword))
         (into (%loop-parse-into))
         (type (unless (eq (%loop-accumulation-class kind) :list)
                 (%loop-parse-type-spec))))
    (list (%loop-accumulate kind (%loop-accumulator into kind type keyword) form))))

;;; The form that adds VALUE-FORM's value to ACCUMULATOR.  Lists grow at
;;; their tail, so collecting is constant time.
(defun %loop-accumulate (kind accumulator value-form)
  (let ((var (cadr accumulator))
        (helper (caddr accumulator))
        (value (gensym "VALUE")))
    (case kind
      (:collect
       `(let ((,value (list ,value-form)))
          (if ,helper (rplacd ,helper ,value) (setq ,var ,value))
          (setq ,helper ,value)))
      ((:append :nconc)
       `(let ((,value ,(if (eq kind :append) `(copy-list ,value-form) value-form)))
          (when ,value
            (if ,helper (rplacd ,helper ,value) (setq ,var ,value))
            (setq ,helper (last ,value)))))
      (:count `(when ,value-form (setq ,var (1+ ,var))))
      (:sum `(setq ,var (+ ,var ,value-form)))
      (t
       `(let ((,value ,value-form))
          (when (or ,helper (,(if (eq kind :maximize) '> '<) ,value ,var))
            (setq ,var ,value ,helper nil)))))))

;;; Conditionals: {WHEN | IF | UNLESS} form clause {AND clause}*
;;; [ELSE clause {AND clause}*] [END].  ELSE and END belong to the innermost
;;; open conditional.  IT in a RETURN or accumulation names the test value.

(defun %loop-parse-clause-group (after)
  (let ((forms (%loop-parse-selectable after)))
    (do () ((not (%loop-next-is-p "AND")) forms)
      (setq forms (append forms (%loop-parse-selectable (%loop-pop)))))))

(defun %loop-parse-conditional (keyword negate)
  (let* ((test (%loop-pop-form keyword))
         (*loop-it* (cons (gensym "IT") nil))
         (then (%loop-parse-clause-group keyword))
         (else (when (%loop-next-is-p "ELSE")
                 (%loop-parse-clause-group (%loop-pop)))))
    (when (%loop-next-is-p "END") (%loop-pop))
    (let* ((it-used (cdr *loop-it*))
           (test-form (if it-used (car *loop-it*) test))
           (form (if negate
                     (%loop-if test-form else then)
                     (%loop-if test-form then else))))
      (list (if it-used `(let ((,(car *loop-it*) ,test)) ,form) form)))))

(defun %loop-if (test then else)
  (cond ((null else) `(when ,test ,@then))
        ((null then) `(unless ,test ,@else))
        (t `(if ,test (progn ,@then) (progn ,@else)))))

;;; The whole loop

;;; The value of a loop that ends normally: the accumulation without INTO,
;;; else T after ALWAYS or NEVER, else NIL.
(defun %loop-result-form ()
  (let ((entry (assoc nil *loop-accumulators*)))
    (cond (entry (cadr (cdr entry)))
          ((member *loop-boolean* '(:always :never)) t)
          (t nil))))

(defun %loop-wrap-frames (frames body)
  (if (null frames)
      body
      `(let ,(car frames) ,(%loop-wrap-frames (cdr frames) body))))

(defun %loop-assemble ()
  `(block ,*loop-name*
     ,(%loop-wrap-frames
       (if *loop-accumulator-bindings*
           (cons *loop-accumulator-bindings* *loop-frames*)
           *loop-frames*)
       `(macrolet ((loop-finish () '(go %loop-end)))
          (tagbody
              ,@*loop-prologue*
              ,@*loop-first*
            %loop-next
              ,@*loop-body*
              ,@*loop-steps*
              (go %loop-next)
            %loop-end
              ,@*loop-epilogue*
              (return-from ,*loop-name* ,(%loop-result-form)))))))

(defun %loop-expand-extended (clauses)
  (let ((*loop-tokens* clauses)
        (*loop-clause-start* clauses)
        (*loop-name* nil)
        (*loop-frames* nil)
        (*loop-accumulator-bindings* nil)
        (*loop-accumulators* nil)
        (*loop-variables* nil)
        (*loop-prologue* nil)
        (*loop-first* nil)
        (*loop-body* nil)
        (*loop-steps* nil)
        (*loop-epilogue* nil)
        (*loop-body-started* nil)
        (*loop-boolean* nil)
        (*loop-it* nil))
    (%loop-parse-named)
    (do () ((null *loop-tokens*))
      (%loop-parse-clause))
    (%loop-assemble)))

(defun %loop-all-compound-p (forms)
  (dolist (form forms t)
    (unless (consp form) (return nil))))

(defmacro loop (&rest forms)
  (if (%loop-all-compound-p forms)
      ;; The simple loop: the forms, again and again.
      (let ((top (gensym "LOOP")))
        `(block nil (tagbody ,top ,@forms (go ,top))))
      (%loop-expand-extended forms)))

;;; Each extended loop defines LOOP-FINISH locally (MACROLET) to end it
;;; normally: FINALLY runs and the loop's value is returned.  This global
;;; definition is only reached outside a loop.
(defmacro loop-finish ()
  (error 'program-error :format-control "LOOP-FINISH is used outside a LOOP"
                        :format-arguments nil))
