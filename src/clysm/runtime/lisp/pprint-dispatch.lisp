;;;; pprint-dispatch.lisp -- pprint dispatch tables (CLHS 22.2.1.4) and the
;;;; standard way of pretty printing lists, vectors and code.
;;;;
;;;; A table holds only the entries given to SET-PPRINT-DISPATCH; the
;;;; standard entries are the fallback of every table: QUOTE and FUNCTION
;;;; forms print as 'X and #'X, forms whose operator has a standard layout
;;;; (LET, DEFUN, IF, ...) print with it, other lists whose car names a
;;;; function or macro print as calls, other lists and vectors fill their
;;;; lines.  A table with no entries of its own prints as the standard
;;;; table, and the printer takes its fast path (flat when it fits).

(in-package "CLYSM")

;;; Tables.  ENTRIES must be slot 0 (print.lisp tests it): a list of
;;; (type-specifier priority function), highest priority first.
(defstruct (%pprint-table (:constructor %make-pprint-table (entries)))
  entries)

(defun %check-pprint-table (table)
  (unless (%pprint-table-p table) (%type-error table 'pprint-dispatch-table))
  table)

(defun copy-pprint-dispatch (&optional (table *print-pprint-dispatch*))
  (%make-pprint-table (and table (copy-list (%pprint-table-entries
                                             (%check-pprint-table table))))))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (setq *print-pprint-dispatch* (%make-pprint-table nil)))

(defun set-pprint-dispatch (type-specifier function &optional (priority 0)
                                                      (table *print-pprint-dispatch*))
  (%check-pprint-table table)
  (unless (realp priority) (%type-error priority 'real))
  (let ((entries (remove type-specifier (%pprint-table-entries table)
                         :key #'car :test #'equal)))
    (when function
      (let ((entry (list type-specifier priority function)))
        ;; After the entries of the same or higher priority.
        (setq entries (merge 'list entries (list entry) #'> :key #'cadr))))
    (setf (%pprint-table-entries table) entries)
    nil))

(defun %pprint-custom-function (object)
  ;; The function of the first entry of the current table whose type
  ;; OBJECT is of, or NIL.
  (let ((table *print-pprint-dispatch*))
    (when table
      (dolist (entry (%pprint-table-entries table) nil)
        (when (typep object (car entry)) (return (caddr entry)))))))

(defun pprint-dispatch (object &optional (table *print-pprint-dispatch*))
  (let* ((table (if table (%check-pprint-table table) (%make-pprint-table nil)))
         (custom (let ((*print-pprint-dispatch* table)) (%pprint-custom-function object))))
    (cond (custom (values custom t))
          ((%standard-pprint-function object) (values (%standard-pprint-function object) t))
          (t (values (lambda (stream object) (%print-plain-object object *print-escape*
                                                                  *%current-level*
                                                                  (%output-stream stream)))
                     nil)))))

;;; From the printer

(defun %pretty-print-object (object escape level stream)
  (let ((*%current-level* level))
    (if (eq escape *print-escape*)
        (%pretty-print-1 object level stream)
        (let ((*print-escape* escape)) (%pretty-print-1 object level stream)))))

(defun %pretty-print-1 (object level stream)
  (let ((custom (%pprint-custom-function object)))
    (cond (custom (funcall custom stream object))
          ((and (not (%pretty-stream-p stream)) (null *%circle-table*)
                (let ((table *print-pprint-dispatch*))
                  (or (null table) (null (%pprint-table-entries table))))
                (%print-flat object level stream)))
          (t (let ((standard (%standard-pprint-function object)))
               (if standard
                   (funcall standard stream object)
                   (%print-plain-object object *print-escape* level stream)))))))

;;; Flat first: printed without line breaks into a scratch stream, OBJECT
;;; is written as it is if it fits on the rest of the line (the pretty
;;; printer would print the same).  Anything that may run the user's code
;;; (instances with a printer of their own) stops the attempt, and so does
;;; going past the end of the line.

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *%flat-buffer* (make-string-output-stream)))

(defun %check-flat-limit (stream)
  (when (> (%svref stream 3) *%flat-limit*) (throw '%flat-overflow nil)))

(defun %flat-abort () (throw '%flat-overflow nil))

(defun %print-flat (object level stream)
  (let ((room (- (%line-length stream) (%stream-column stream)))
        (buffer *%flat-buffer*))
    (when (and (> room 0) (null *print-lines*))
      (%svset buffer 3 0)
      (when (catch '%flat-overflow
              (let ((*%flat-limit* room))
                (%print-plain-object object *print-escape* level buffer)
                (%check-flat-limit buffer))
              t)
        (let ((text (%svref buffer 2)) (n (%svref buffer 3)))
          (unless (dotimes (i n nil) (when (eq (%schar text i) #\Newline) (return t)))
            (%stream-write-string stream text 0 n)
            t))))))

;;; The standard entries

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *%standard-form-printers* (make-hash-table :test 'eq)))

(defun %standard-pprint-function (object)
  (cond ((consp object)
         (let ((head (car object)))
           (cond ((not (symbolp head)) #'pprint-fill)
                 ((gethash head *%standard-form-printers*))
                 ((or (fboundp head) (assoc head +standard-body-positions+))
                  #'%pprint-operator-form)
                 (t #'pprint-fill))))
        ((and (simple-vector-p object) (not (%output-stream-p object))) #'%pprint-vector)
        ((and (arrayp object) (not (stringp object)) (not (bit-vector-p object)) *print-array*)
         (if (vectorp object) #'%pprint-vector #'%pprint-array))
        (t nil)))

(defun %pprint-vector (stream vector)
  ;; Up to the fill pointer, if any.
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream nil :prefix "#(" :suffix ")")
      (dotimes (i (length vector))
        (unless (= i 0)
          (%stream-write-char stream #\Space)
          (pprint-newline :fill stream))
        (pprint-pop)
        (%write-object (aref vector i) stream)))))

(defun %pprint-array (stream array)
  ;; #nA and the elements as nested lists, each a logical block.
  (let ((stream (%output-stream stream)) (dimensions (array-dimensions array)))
    (%stream-write-char stream #\#)
    (%write-integer (length dimensions) 10 stream)
    (%stream-write-char stream #\A)
    (%pprint-array-contents stream array dimensions 0)))

(defun %pprint-array-contents (stream array dimensions index)
  ;; The elements from row-major INDEX, DIMENSIONS being those left.
  (if (null dimensions)
      (%write-object (row-major-aref array index) stream)
      (let ((stride (reduce #'* (cdr dimensions))))
        (pprint-logical-block (stream nil :prefix "(" :suffix ")")
          (dotimes (i (car dimensions))
            (unless (= i 0)
              (%stream-write-char stream #\Space)
              (pprint-newline :fill stream))
            (pprint-pop)
            (%pprint-array-contents stream array (cdr dimensions) (+ index (* i stride))))))))

(defun %pprint-call-form (stream list)
  ;; (operator arg ...): the arguments fill lines, aligned on the first.
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (pprint-exit-if-list-exhausted)
      (%write-object (pprint-pop) stream)
      (pprint-exit-if-list-exhausted)
      (%stream-write-char stream #\Space)
      (pprint-newline :fill stream)
      (pprint-indent :current 0 stream)
      (loop
        (%write-object (pprint-pop) stream)
        (pprint-exit-if-list-exhausted)
        (%stream-write-char stream #\Space)
        (pprint-newline :fill stream)))))

(defun %pprint-quote (stream list)
  (let ((prefix (%quote-form-prefix list)) (stream (%output-stream stream)))
    (if prefix
        (progn (%stream-write-string stream prefix 0 (%string-length prefix))
               (let ((*%backquote-depth* (%fx+ *%backquote-depth* (%quote-form-depth prefix))))
                 (%write-object (cadr list) stream)))
        (pprint-fill stream list))))

;;; The standard layouts of code.  Most are FORMAT control strings of
;;; logical blocks, as in SBCL; ~/CLYSM::%PPRINT-LAMBDA-LIST/ prints a lambda
;;; list.

(defun %pprint-with (control)
  (lambda (stream list) (format stream control list)))

(defun %pprint-lambda-list (stream list &rest ignore)
  ;; Lambda list keywords start a line when the list does not fit, other
  ;; parameters fill lines; required parameters that are lists (destructuring)
  ;; and the specs of optional, key and aux parameters are broken one
  ;; element a line.  As in SBCL, the first parameter has its newline too.
  (declare (ignore ignore))
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (let ((state :required) (first t))
        (loop
          (pprint-exit-if-list-exhausted)
          (unless first (%stream-write-char stream #\Space))
          (let* ((parameter (pprint-pop))
                 (keyword (member parameter lambda-list-keywords)))
            (pprint-newline (if keyword :linear :fill) stream)
            (cond (keyword
                   (setq state (case parameter
                                 ((&optional &aux) :optional)
                                 (&key :key)
                                 (t :required)))
                   (%write-object parameter stream))
                  ((eq state :required) (pprint-linear stream parameter))
                  (t (%pprint-parameter-spec stream parameter))))
          (setq first nil))))))

(defun %pprint-defmethod (stream list)
  ;; With qualifiers, the first one follows the name.
  (if (and (consp (cdr list)) (consp (cddr list)) (listp (caddr list)))
      (format stream "~:<~^~W~^ ~@_~:I~W~^ ~:_~/CLYSM::%PPRINT-LAMBDA-LIST/~1I~@{ ~_~W~}~:>" list)
      (format stream "~:<~^~W~^ ~@_~:I~W~^ ~W~^ ~:_~/CLYSM::%PPRINT-LAMBDA-LIST/~1I~@{ ~_~W~}~:>"
              list)))

(defun %pprint-parameter-spec (stream spec)
  ;; (var init supplied-p), ((keyword var) init supplied-p)
  (pprint-logical-block (stream spec :prefix "(" :suffix ")")
    (pprint-exit-if-list-exhausted)
    (let ((first (pprint-pop)))
      (if (consp first) (%pprint-parameter-spec stream first) (%write-object first stream)))
    (loop
      (pprint-exit-if-list-exhausted)
      (%stream-write-char stream #\Space)
      (pprint-newline :linear stream)
      (%write-object (pprint-pop) stream))))

(defmacro %tagbody-rest (stream)
  ;; In a PPRINT-LOGICAL-BLOCK: the rest of the list as a tagbody, tags one
  ;; column left of the forms, each on its line when they do not all fit.
  `(loop
     (pprint-exit-if-list-exhausted)
     (%stream-write-char ,stream #\Space)
     (let ((form-or-tag (pprint-pop)))
       (pprint-indent :block (if (atom form-or-tag) 0 1) ,stream)
       (pprint-newline :linear ,stream)
       (%write-object form-or-tag ,stream))))

(defun %pprint-tagbody (stream list)
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (pprint-exit-if-list-exhausted)
      (%write-object (pprint-pop) stream)
      (%tagbody-rest stream))))

(defun %pprint-prog (stream list)
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (pprint-exit-if-list-exhausted)
      (%write-object (pprint-pop) stream)
      (pprint-exit-if-list-exhausted)
      (%stream-write-char stream #\Space)
      (unless (listp (cdr list)) (%stream-write-string stream ". " 0 2)) ; (SETQ . X)
      (pprint-newline :miser stream)
      (pprint-fill stream (pprint-pop))
      (%tagbody-rest stream))))

(defun %pprint-do (stream list)
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (pprint-exit-if-list-exhausted)
      (%write-object (pprint-pop) stream)
      (pprint-exit-if-list-exhausted)
      (%stream-write-char stream #\Space)
      (pprint-indent :current 0 stream)
      (format stream "~:<~@{~:<~^~W~^ ~@_~:I~W~@{ ~_~W~}~:>~^~:@_~}~:>" (pprint-pop))
      (pprint-exit-if-list-exhausted)
      (%stream-write-char stream #\Space)
      (pprint-newline :linear stream)
      (pprint-linear stream (pprint-pop))
      (%tagbody-rest stream))))

(defun %pprint-dolist (stream list)
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (pprint-exit-if-list-exhausted)
      (%write-object (pprint-pop) stream)
      (pprint-exit-if-list-exhausted)
      (pprint-indent :block 3 stream)
      (%stream-write-char stream #\Space)
      (pprint-newline :fill stream)
      (format stream "~:<~^~W~^ ~:_~:I~W~@{ ~_~W~}~:>" (pprint-pop))
      (%tagbody-rest stream))))

(defun %pprint-setq (stream list)
  ;; Pairs on lines of their own, the value under the variable (+ 2) when
  ;; it does not fit after it.
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (pprint-exit-if-list-exhausted)
      (%write-object (pprint-pop) stream)
      (pprint-exit-if-list-exhausted)
      (%stream-write-char stream #\Space)
      (unless (listp (cdr list)) (%stream-write-string stream ". " 0 2)) ; (SETQ . X)
      (pprint-newline :miser stream)
      (pprint-logical-block (stream (cdr list) :prefix "" :suffix "")
        (loop
          (pprint-indent :block 2 stream)
          (%write-object (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (%stream-write-char stream #\Space)
          (pprint-newline :fill stream)
          (pprint-indent :block 0 stream)
          (%write-object (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (%stream-write-char stream #\Space)
          (pprint-newline :mandatory stream))))))

(defconstant +loop-clause-starts+
  '("WITH" "FOR" "INITIALLY" "FINALLY" "DO" "DOING" "COLLECT" "COLLECTING" "APPEND"
    "APPENDING" "NCONC" "NCONCING" "COUNT" "COUNTING" "SUM" "SUMMING" "MAXIMIZE"
    "MAXIMIZING" "MINIMIZE" "MINIMIZING" "WHEN" "IF" "UNLESS" "END" "AND" "WHILE" "UNTIL"
    "REPEAT" "ALWAYS" "NEVER" "THEREIS"))

(defun %pprint-loop (stream list)
  ;; An extended LOOP: each clause on its line, under the first; a simple
  ;; LOOP: each form on its line.
  (let ((stream (%output-stream stream)))
    (if (or (atom (cdr list)) (consp (cadr list)))
        (format stream "~:<~^~W~^ ~:I~@{~W~^ ~:@_~}~:>" list)
        (pprint-logical-block (stream list :prefix "(" :suffix ")")
          (%write-object (pprint-pop) stream)
          (pprint-exit-if-list-exhausted)
          (%stream-write-char stream #\Space)
          (pprint-indent :current 0 stream)
          (%write-object (pprint-pop) stream)
          (loop
            (pprint-exit-if-list-exhausted)
            (%stream-write-char stream #\Space)
            (let ((thing (pprint-pop)))
              (when (and (symbolp thing)
                         (member (symbol-name thing) +loop-clause-starts+ :test #'string=))
                (pprint-newline :mandatory stream))
              (%write-object thing stream)))))))

;;; Macros with a body that have no layout of their own: the parameters
;;; before the body under each other, the body indented by 2, each form on
;;; its line.  For the standard macros, the number of parameters before the
;;; body is SBCL's; for the user's, DEFMACRO records it (boot.lisp).

(defconstant +standard-body-positions+
  '((handler-bind . 1) (restart-bind . 1) (restart-case . 1) (define-condition . 3)
    (defgeneric . 2) (with-standard-io-syntax . 0) (with-slots . 2) (with-accessors . 2)
    (define-compiler-macro . 2) (with-condition-restarts . 2) (defclass . nil)
    (define-method-combination . nil)))

(defun %macro-body-position (symbol)
  (if (%eq (%symbol-package symbol) (find-package "COMMON-LISP"))
      (cdr (assoc symbol +standard-body-positions+))
      (and (macro-function symbol) (get symbol '%body-position))))

(defun %pprint-macro-with-body (stream list position)
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream list :prefix "(" :suffix ")")
      (%write-object (pprint-pop) stream)
      (pprint-exit-if-list-exhausted)
      (pprint-indent :block 3 stream)
      (dotimes (i position)
        (%stream-write-char stream #\Space)
        (unless (= i 0) (pprint-newline :mandatory stream))
        (%write-object (pprint-pop) stream)
        (pprint-exit-if-list-exhausted))
      (pprint-indent :block 1 stream)
      (loop
        (%stream-write-char stream #\Space)
        (pprint-newline :mandatory stream)
        (%write-object (pprint-pop) stream)
        (pprint-exit-if-list-exhausted)))))

(defun %pprint-operator-form (stream list)
  ;; A list whose car names a function or macro with no layout of its own.
  (let ((position (%macro-body-position (car list))))
    (if position
        (%pprint-macro-with-body stream list position)
        (%pprint-call-form stream list))))

(defun %pprint-flet (stream list)
  (if (and (consp (cdr list)) (consp (cddr list)))
      (format stream "~:<~^~W~^ ~@_~:<~@{~:<~^~W~^~3I ~:_~/CLYSM::%PPRINT-LAMBDA-LIST/~1I~:@_~@{~W~^ ~_~}~:>~^ ~_~}~:>~1I~:@_~@{~W~^ ~_~}~:>" list)
      ;; Without a body (and function names like (FLET F)).
      (format stream "~:<~^~W~^ ~@_~@{~W~^ ~@_~}~:>" list)))

(defun %define-form-printer (function &rest operators)
  (dolist (operator operators)
    (setf (gethash operator *%standard-form-printers*) function)))

(defun %form-may-break-p (list)
  ;; May LIST, a form whose car is a symbol, print on several lines even
  ;; when it would fit on one?  (Then it is not printed flat.)
  (let* ((head (car list)) (printer (gethash head *%standard-form-printers*)))
    (if printer
        (not (eq printer #'%pprint-quote))
        (and (%macro-body-position head) t))))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (%define-form-printer #'%pprint-quote 'quote 'function 'quasiquote 'unquote
                        'unquote-splicing 'unquote-nsplicing)
  (%define-form-printer (%pprint-with "~:<~^~W~^~3I ~:_~W~1I~@{ ~_~W~}~:>")
                        'block 'catch 'defconstant 'defparameter 'defstruct 'defvar
                        'eval-when 'multiple-value-call 'multiple-value-prog1
                        'multiple-value-setq 'pprint-logical-block 'print-unreadable-object
                        'prog1 'return-from 'throw 'unless 'unwind-protect 'when
                        'with-compilation-unit 'with-hash-table-iterator 'with-input-from-string
                        'with-open-file 'with-open-stream 'with-output-to-string
                        'with-package-iterator 'with-simple-restart)
  (%define-form-printer (%pprint-with "~:<~^~W~@{ ~_~W~}~:>")
                        'locally 'progn 'step 'time 'with-standard-io-syntax)
  (%define-form-printer (%pprint-with "~:<~^~W~^~3I ~:_~W~^ ~_~W~^~1I~@{ ~_~W~}~:>")
                        'multiple-value-bind 'prog2)
  (%define-form-printer (%pprint-with "~:<~^~W~^~3I ~_~W~^ ~_~W~^~1I~@{ ~_~W~}~:>") 'progv)
  (%define-form-printer (%pprint-with "~:<~^~W~^ ~:I~W~^ ~:@_~@{~W~^ ~:@_~}~:>") 'if)
  (%define-form-printer
   (%pprint-with "~:<~^~W~^ ~@_~:<~@{~:<~^~W~@{ ~_~W~}~:>~^ ~_~}~:>~1I~^~:@_~@{~W~^ ~_~}~:>")
   'let 'let* 'symbol-macrolet)
  (%define-form-printer #'%pprint-flet 'flet 'labels 'macrolet)
  (%define-form-printer
   (%pprint-with "~:<~^~W~^ ~@_~:I~W~^ ~:_~/CLYSM::%PPRINT-LAMBDA-LIST/~1I~@{ ~_~W~}~:>")
   'defun 'defmacro 'deftype 'defsetf 'define-setf-expander 'define-modify-macro)
  (%define-form-printer #'%pprint-defmethod 'defmethod)
  (%define-form-printer
   (%pprint-with "~:<~^~W~^~3I ~:_~/CLYSM::%PPRINT-LAMBDA-LIST/~1I~@{ ~_~W~}~:>") 'lambda)
  (%define-form-printer
   (%pprint-with "~:<~^~W~^~3I ~_~/CLYSM::%PPRINT-LAMBDA-LIST/~^ ~_~W~^~1I~@{ ~_~W~}~:>")
   'destructuring-bind)
  (%define-form-printer
   (%pprint-with "~:<~^~W~^ ~3I~:_~W~1I~@{ ~_~:<~^~:/PPRINT-FILL/~^~@{ ~_~W~}~:>~}~:>")
   'case 'ccase 'ecase)
  (%define-form-printer
   (%pprint-with "~:<~^~W~^ ~3I~:_~W~1I~@{ ~_~:<~^~W~^~@{ ~_~W~}~:>~}~:>")
   'typecase 'ctypecase 'etypecase)
  (%define-form-printer (%pprint-with "~:<~W~^ ~:_~:I~@{~W~^ ~:@_~}~:>") 'declare 'declaim)
  (%define-form-printer #'%pprint-tagbody 'tagbody)
  (%define-form-printer #'%pprint-prog 'prog 'prog*)
  (%define-form-printer #'%pprint-do 'do 'do*)
  (%define-form-printer #'%pprint-dolist 'dolist 'dotimes 'do-symbols 'do-external-symbols
                        'do-all-symbols)
  (%define-form-printer #'%pprint-setq 'setq 'setf 'psetq 'psetf)
  (%define-form-printer #'%pprint-loop 'loop))

;;; Structures and unreadable objects (struct.lisp calls these when pretty
;;; printing)

(defun %pprint-structure (instance stream)
  (let ((layout (%instance-layout instance)))
    (pprint-logical-block (stream nil :prefix "#S(" :suffix ")")
      (%write-object (layout-name layout) stream)
      (let ((index 0))
        (dolist (slot (layout-slots layout))
          (%stream-write-char stream #\Space)
          (pprint-newline :linear stream)
          (pprint-pop)
          (let ((*print-escape* t))
            (%write-object (car (slot-description-initargs slot)) stream))
          (%stream-write-char stream #\Space)
          (pprint-newline :miser stream)
          (%write-object (%instance-ref instance index) stream)
          (setq index (+ index 1)))))))

(defun %pprint-unreadable (stream contents)
  (pprint-logical-block (stream nil :prefix "#<" :suffix ">") (funcall contents)))
