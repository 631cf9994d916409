;;;; conditions.lisp -- the condition system (CLHS 9): condition types,
;;;; signalling, handlers and restarts.
;;;;
;;;; Conditions are instances whose layout has kind :CONDITION.  Handlers and
;;;; restarts are kept in two special variables, a list of clusters each:
;;;; binding them is what HANDLER-BIND and RESTART-BIND do, so every exit
;;;; path restores them.  Handlers run in the dynamic context of the signal,
;;;; with only the clusters outside their own active (CLHS 9.1.4.1).

(in-package "CLYSM")

;;; Condition types

(defmacro define-condition (name parent-types slot-specs &rest options)
  (let ((slots (mapcar #'%condition-slot-description slot-specs))
        (report (cadr (assoc :report options)))
        (default-initargs (cdr (assoc :default-initargs options))))
    `(progn
       (eval-when (:compile-toplevel :load-toplevel :execute)
         (%define-condition-type ',name
                                 ',(or parent-types (if (eq name 'condition) nil '(condition)))
                                 (list ,@(mapcar #'%slot-description-form slots))))
       ,@(when report
           `((setf (layout-report (find-layout ',name))
                   ,(if (stringp report) report `(function ,report)))))
       ,@(when default-initargs
           `((setf (layout-default-initargs (find-layout ',name))
                   (list ,@default-initargs))))
       ,@(mapcan #'%slot-accessor-definitions slots)
       ',name)))

(defun %condition-slot-description (spec)
  ;; (name initargs initform-or-nil initform-p readers writers)
  (let ((spec (if (symbolp spec) (list spec) spec)))
    (let ((name (car spec)) (initargs nil) (initform nil) (initform-p nil)
          (readers nil) (writers nil))
      (do ((options (cdr spec) (cddr options)))
          ((null options))
        (case (car options)
          (:initarg (push (cadr options) initargs))
          (:initform (setq initform (cadr options) initform-p t))
          (:reader (push (cadr options) readers))
          (:writer (push (cadr options) writers))
          (:accessor (push (cadr options) readers)
                     (push `(setf ,(cadr options)) writers))
          ((:type :documentation :allocation))
          (t (error "DEFINE-CONDITION: unknown slot option ~S" (car options)))))
      (list name (nreverse initargs) initform initform-p readers writers))))

(defun %slot-description-form (slot)
  (destructuring-bind (name initargs initform initform-p readers writers) slot
    (declare (ignore readers writers))
    `(list ',name ',initargs ,(if initform-p `(lambda () ,initform) nil))))

(defun %slot-accessor-definitions (slot)
  (destructuring-bind (name initargs initform initform-p readers writers) slot
    (declare (ignore initargs initform initform-p))
    (append
     (mapcar (lambda (reader)
               `(defun ,reader (condition) (%slot-value condition ',name)))
             readers)
     (mapcar (lambda (writer)
               `(defun ,writer (value condition)
                  (setf (%slot-value condition ',name) value)))
             writers))))

(defun %define-condition-type (name parents slots)
  (let ((old (get name '%layout)))
    (let ((layout (%define-layout name parents slots :condition)))
      ;; A redefinition keeps the report unless the new definition gives one.
      (when old (setf (layout-report layout) (layout-report old)))
      layout)))

(defun make-condition (type &rest initargs)
  (let ((layout (find-layout type)))
    (unless (eq (layout-kind layout) :condition)
      (error "~S is not a condition type" type))
    (%allocate-instance layout initargs)))

(defun conditionp (x) (%instance-of-type-p x 'condition))

;;; Reports

(defun %condition-report-string (condition)
  (let ((stream (make-string-output-stream)))
    (%report-condition condition stream)
    (get-output-stream-string stream)))

(defun %report-condition (condition stream)
  (let ((report (dolist (name (layout-precedence (%instance-layout condition)))
                  (let ((r (layout-report (find-layout name))))
                    (when r (return r))))))
    (cond ((stringp report) (write-string report stream))
          (report (funcall report condition stream))
          (t (format stream "Condition of type ~S was signalled."
                     (layout-name (%instance-layout condition)))))))

(defun %print-condition (condition stream)
  (if *print-escape*
      (progn (write-string "#<" stream)
             (%print-symbol (layout-name (%instance-layout condition)) t stream)
             (write-string ">" stream))
      (%report-condition condition stream)))

;;; Turning ERROR's arguments into a condition (CLHS 9.1.2.1)

(defun %coerce-to-condition (datum arguments default-type)
  (cond ((conditionp datum) datum)
        ((symbolp datum) (apply #'make-condition datum arguments))
        ((or (stringp datum) (functionp datum))
         (make-condition default-type :format-control datum :format-arguments arguments))
        (t (error 'type-error :datum datum
                              :expected-type '(or condition symbol string function)))))

;;; Handlers

(defvar *handler-clusters* nil)
(defvar *break-on-signals* nil)

(defmacro handler-bind (bindings &body body)
  `(let ((*handler-clusters*
           (cons (list ,@(mapcar (lambda (binding)
                                   `(cons ',(car binding) ,(cadr binding)))
                                 bindings))
                 *handler-clusters*)))
     ,@body))

(defun signal (datum &rest arguments)
  (let ((condition (%coerce-to-condition datum arguments 'simple-condition)))
    (%signal condition)
    nil))

(defun %signal (condition)
  ;; Run every applicable handler, innermost first, each with only the
  ;; clusters outside its own active.
  (do ((clusters *handler-clusters* (cdr clusters)))
      ((null clusters) nil)
    (dolist (binding (car clusters))
      (when (typep condition (car binding))
        (let ((*handler-clusters* (cdr clusters)))
          (funcall (cdr binding) condition))))))

(defmacro handler-case (form &rest clauses)
  (let ((no-error (assoc :no-error clauses))
        (clauses (mapcan (lambda (c) (if (eq (car c) :no-error) nil (list c))) clauses))
        (block (gensym "HANDLER-CASE"))
        (datum (gensym "CONDITION")))
    (if no-error
        (let ((normal (gensym "NORMAL")))
          `(block ,normal
             (multiple-value-call (lambda ,(cadr no-error) ,@(cddr no-error))
               (block ,block
                 (return-from ,normal (handler-case ,form ,@clauses))))))
        (let ((tags (mapcar (lambda (c) (declare (ignore c)) (gensym "CLAUSE")) clauses)))
          `(block ,block
             (let ((,datum nil))
               (declare (ignorable ,datum))
               (tagbody
                  (return-from ,block
                    (handler-bind ,(mapcar (lambda (clause tag)
                                             `(,(car clause)
                                               (lambda (c) (setq ,datum c) (go ,tag))))
                                           clauses tags)
                      ,form))
                  ,@(mapcan (lambda (clause tag)
                              (destructuring-bind (type (&optional var) &body body) clause
                                (declare (ignore type))
                                (list tag
                                      `(return-from ,block
                                         ,(if var
                                              `(let ((,var ,datum)) ,@body)
                                              `(locally ,@body))))))
                            clauses tags))))))))

(defmacro ignore-errors (&body forms)
  `(handler-case (progn ,@forms)
     (error (condition) (values nil condition))))

;;; Restarts

(defvar *restart-clusters* nil)

(defun %make-restart (name function report interactive test)
  (let ((restart (%make-instance 'restart 5)))
    (%instance-set restart 0 name)
    (%instance-set restart 1 function)
    (%instance-set restart 2 report)
    (%instance-set restart 3 interactive)
    (%instance-set restart 4 test)
    restart))

(defun restartp (x) (and (%instancep x) (eq (%instance-layout x) 'restart)))
(defun restart-name (restart) (%instance-ref restart 0))
(defun %restart-function (restart) (%instance-ref restart 1))

(defmacro restart-bind (bindings &body body)
  `(let ((*restart-clusters*
           (cons (list ,@(mapcar (lambda (binding)
                                   (destructuring-bind (name function &key report-function
                                                          interactive-function test-function)
                                       binding
                                     `(%make-restart ',name ,function ,report-function
                                                     ,interactive-function ,test-function)))
                                 bindings))
                 *restart-clusters*)))
     ,@body))

(defun compute-restarts (&optional condition)
  (let ((result nil))
    (dolist (cluster *restart-clusters* (nreverse result))
      (dolist (restart cluster)
        (let ((test (%instance-ref restart 4)))
          (when (or (null condition) (null test) (funcall test condition))
            (push restart result)))))))

(defun find-restart (identifier &optional condition)
  (dolist (restart (compute-restarts condition) nil)
    (when (or (eq restart identifier) (eq (restart-name restart) identifier))
      (return restart))))

(defun invoke-restart (restart &rest arguments)
  (let ((found (if (restartp restart) restart (find-restart restart))))
    (unless found
      (error 'control-error :format-control "No restart ~S is active."
                            :format-arguments (list restart)))
    (apply (%restart-function found) arguments)))

(defun invoke-restart-interactively (restart)
  (let ((found (if (restartp restart) restart (find-restart restart))))
    (unless found
      (error 'control-error :format-control "No restart ~S is active."
                            :format-arguments (list restart)))
    (let ((interactive (%instance-ref found 3)))
      (apply (%restart-function found) (and interactive (funcall interactive))))))

(defmacro restart-case (form &rest clauses)
  (let ((block (gensym "RESTART-CASE"))
        (arguments (gensym "ARGUMENTS"))
        (tags (mapcar (lambda (c) (declare (ignore c)) (gensym "RESTART")) clauses)))
    (flet ((parse (clause)
             ;; (name lambda-list [:report r] [:interactive i] [:test t] . body)
             (let ((name (car clause)) (lambda-list (cadr clause)) (rest (cddr clause))
                   (report nil) (interactive nil) (test nil))
               (tagbody
                next
                  (case (car rest)
                    (:report (setq report (cadr rest) rest (cddr rest)) (go next))
                    (:interactive (setq interactive (cadr rest) rest (cddr rest)) (go next))
                    (:test (setq test (cadr rest) rest (cddr rest)) (go next))))
               (list name lambda-list report interactive test rest))))
      (let ((parsed (mapcar #'parse clauses)))
        `(block ,block
           (let ((,arguments nil))
             (tagbody
                (return-from ,block
                  (restart-bind
                      ,(mapcar (lambda (p tag)
                                 (destructuring-bind (name ll report interactive test body) p
                                   (declare (ignore ll body))
                                   `(,name (lambda (&rest args) (setq ,arguments args) (go ,tag))
                                           ,@(when report
                                               `(:report-function
                                                 ,(if (stringp report)
                                                      `(lambda (s) (write-string ,report s))
                                                      `(function ,report))))
                                           ,@(when interactive
                                               `(:interactive-function (function ,interactive)))
                                           ,@(when test `(:test-function (function ,test))))))
                               parsed tags)
                    ,form))
                ,@(mapcan (lambda (p tag)
                            (destructuring-bind (name ll report interactive test body) p
                              (declare (ignore name report interactive test))
                              (list tag `(return-from ,block
                                           (apply (lambda ,ll ,@body) ,arguments)))))
                          parsed tags))))))))

(defmacro with-simple-restart ((name format-control &rest format-arguments) &body forms)
  `(restart-case (progn ,@forms)
     (,name ()
       :report (lambda (stream) (format stream ,format-control ,@format-arguments))
       (values nil t))))

(defun %invoke-named-restart (name condition arguments)
  (let ((restart (find-restart name condition)))
    (when restart (apply #'invoke-restart restart arguments))))

(defun abort (&optional condition)
  (%invoke-named-restart 'abort condition nil)
  (error 'control-error :format-control "No ABORT restart is active."))

(defun continue (&optional condition) (%invoke-named-restart 'continue condition nil))

(defun muffle-warning (&optional condition)
  (%invoke-named-restart 'muffle-warning condition nil)
  (error 'control-error :format-control "No MUFFLE-WARNING restart is active."))

(defun use-value (value &optional condition)
  (%invoke-named-restart 'use-value condition (list value)))

(defun store-value (value &optional condition)
  (%invoke-named-restart 'store-value condition (list value)))

;;; Signalling errors and warnings

(defvar *debugger-hook* nil)
(defvar *invoke-debugger-hook* nil
  "Like *DEBUGGER-HOOK*, but also run by INVOKE-DEBUGGER, after it: the
REPL's own debugger (tiering/lisp/repl.lisp).")

(defun error (datum &rest arguments)
  (let ((condition (%coerce-to-condition datum arguments 'simple-error)))
    (%signal condition)
    (invoke-debugger condition)))

(defun cerror (continue-format-control datum &rest arguments)
  (with-simple-restart (continue "~?" continue-format-control arguments)
    (apply #'error datum arguments))
  nil)

(defun warn (datum &rest arguments)
  (let ((condition (%coerce-to-condition datum arguments 'simple-warning)))
    (restart-case (progn
                    (%signal condition)
                    (format *error-output* "~&WARNING: ~A~%" condition))
      (muffle-warning () nil))
    nil))

(defun invoke-debugger (condition)
  ;; No interactive debugger: report the condition as SBCL reports an
  ;; unhandled one and exit with code 1.
  (let ((hook *debugger-hook*))
    (when hook
      (let ((*debugger-hook* nil)) (funcall hook condition hook))))
  (let ((hook *invoke-debugger-hook*))
    (when hook
      (let ((*invoke-debugger-hook* nil)) (funcall hook condition hook))))
  (finish-output *initial-output*)
  (let ((stream *initial-error-output*))
    (write-string "Unhandled " stream)
    (%print-symbol (layout-name (%instance-layout condition)) t stream)
    (write-string ": " stream)
    (%report-condition condition stream)
    (terpri stream))
  (%exit 1))

(defun break (&optional (format-control "Break") &rest format-arguments)
  (error 'simple-error :format-control format-control :format-arguments format-arguments))

;;; The kernel's errors arrive here, as (kind message irritants).

(defun %signal-error (kind message irritants)
  (case kind
    (type-error
     (error kind :datum (car irritants) :expected-type (cadr irritants)))
    (undefined-function
     (error kind :name (%function-name-of-cell (car irritants))))
    (unbound-variable
     (error kind :name (car irritants)))
    (program-error
     (if (%string-prefix-p "wrong number of arguments" message)
         (error kind :format-control "invalid number of arguments: ~D"
                     :format-arguments (cdr irritants))
         (error kind :format-control "~A~{ ~S~}" :format-arguments (list message irritants))))
    (t (error kind :format-control "~A~{ ~S~}" :format-arguments (list message irritants)))))

(defun %string-prefix-p (prefix string)
  (let ((n (%string-length prefix)))
    (and (%fx>= (%string-length string) n)
         (string= prefix string :end2 n))))

(defun %function-name-of-cell (symbol)
  ;; The inverse of %FUNCTION-CELL: the symbol holding (SETF F) gives (SETF F).
  (let ((package (and (%symbol-package symbol) (%home-package-name symbol))))
    (if (and package (%string-prefix-p "(SETF)" package))
        (list 'setf (%intern (%symbol-name symbol)
                             (%substring package 6 (%string-length package))))
        symbol)))

;;; The standard condition types (CLHS 9.1.1)

(define-condition condition () ())
(define-condition warning (condition) ())
(define-condition style-warning (warning) ())
(define-condition serious-condition (condition) ())
(define-condition error (serious-condition) ())

(define-condition simple-condition (condition)
  ((format-control :initarg :format-control :initform nil
                   :reader simple-condition-format-control)
   (format-arguments :initarg :format-arguments :initform nil
                     :reader simple-condition-format-arguments))
  (:report (lambda (condition stream)
             (apply #'format stream (simple-condition-format-control condition)
                    (simple-condition-format-arguments condition)))))

(define-condition simple-warning (simple-condition warning) ())
(define-condition simple-error (simple-condition error) ())
(define-condition storage-condition (serious-condition) ()
  (:report (lambda (condition stream)
             (declare (ignore condition))
             (write-string "Control stack exhausted (no more space for function call frames)." stream))))

(define-condition type-error (error)
  ((datum :initarg :datum :reader type-error-datum)
   (expected-type :initarg :expected-type :reader type-error-expected-type))
  (:report (lambda (condition stream)
             (format stream "The value~%  ~S~%is not of type~%  ~S"
                     (type-error-datum condition) (type-error-expected-type condition)))))

(define-condition simple-type-error (simple-condition type-error) ())
(define-condition program-error (error) ())
(define-condition control-error (error) ())
(define-condition parse-error (error) ())
(define-condition print-not-readable (error)
  ((object :initarg :object :reader print-not-readable-object)))

(define-condition cell-error (error)
  ((name :initarg :name :reader cell-error-name)))

(define-condition unbound-variable (cell-error) ()
  (:report (lambda (condition stream)
             (format stream "The variable ~S is unbound." (cell-error-name condition)))))

(define-condition undefined-function (cell-error) ()
  (:report (lambda (condition stream)
             (format stream "The function ~S is undefined." (cell-error-name condition)))))

(define-condition unbound-slot (cell-error)
  ((instance :initarg :instance :reader unbound-slot-instance))
  (:report (lambda (condition stream)
             (format stream "The slot ~S is unbound in the object ~S."
                     (cell-error-name condition) (unbound-slot-instance condition)))))

(define-condition arithmetic-error (error)
  ((operation :initarg :operation :initform nil :reader arithmetic-error-operation)
   (operands :initarg :operands :initform nil :reader arithmetic-error-operands))
  (:report (lambda (condition stream)
             (format stream "arithmetic error ~S signalled"
                     (layout-name (%instance-layout condition)))
             (when (arithmetic-error-operation condition)
               (format stream "~%Operation was (~S~{ ~S~})."
                       (arithmetic-error-operation condition)
                       (arithmetic-error-operands condition))))))

(define-condition division-by-zero (arithmetic-error) ())
(define-condition floating-point-overflow (arithmetic-error) ())
(define-condition floating-point-underflow (arithmetic-error) ())
(define-condition floating-point-inexact (arithmetic-error) ())
(define-condition floating-point-invalid-operation (arithmetic-error) ())

(define-condition stream-error (error)
  ((stream :initarg :stream :reader stream-error-stream)))
(define-condition end-of-file (stream-error) ())
(define-condition reader-error (parse-error stream-error) ())
(define-condition file-error (error)
  ((pathname :initarg :pathname :reader file-error-pathname)))
(define-condition package-error (error)
  ((package :initarg :package :reader package-error-package)))
