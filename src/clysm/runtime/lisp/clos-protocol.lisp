;;;; clos-protocol.lisp -- CLOS, part 3: DEFCLASS, MAKE-INSTANCE and the
;;;; initialization protocol, the standard generic functions (PRINT-OBJECT,
;;;; SLOT-UNBOUND, NO-APPLICABLE-METHOD, ...), WITH-SLOTS, WITH-ACCESSORS,
;;;; and types: TYPEP of classes, SUBTYPEP.

(in-package "CLYSM")

;;; DEFCLASS

(defmacro defclass (name superclasses slot-specs &rest options)
  (let ((default-initargs nil) (documentation nil) (seen nil))
    (dolist (option options)
      (case (car option)
        (:default-initargs (setq default-initargs (cdr option)))
        (:documentation (setq documentation (cadr option)))
        (:metaclass (unless (eq (cadr option) 'standard-class)
                      (error "DEFCLASS ~S: the metaclass ~S is not supported" name (cadr option))))
        (t (error "DEFCLASS ~S: unknown class option ~S" name option))))
    (dolist (spec slot-specs)
      (let ((slot-name (if (consp spec) (car spec) spec)))
        (when (member slot-name seen)
          (error 'simple-program-error
                 :format-control "DEFCLASS ~S: the slot ~S is specified more than once"
                 :format-arguments (list name slot-name)))
        (push slot-name seen)))
    (let ((parsed (mapcar (lambda (spec) (%parse-slot-specifier name spec)) slot-specs)))
      `(progn
         (eval-when (:compile-toplevel)
           ,@(mapcar (lambda (accessor) `(%note-generic-function-name ',accessor))
                     (%append-map (lambda (slot)
                                    (append (getf (cdr slot) :readers) (getf (cdr slot) :writers)))
                                  parsed)))
         (%ensure-class ',name ',superclasses
                        (list ,@(mapcar #'%slot-specifier-form parsed))
                        (list ,@(%default-initargs-forms default-initargs))
                        ',documentation)
         ,@(%append-map (lambda (slot)
                     (append
                      (mapcar (lambda (reader)
                                `(%define-slot-accessor ',reader ',name ',(car slot) :reader))
                              (getf (cdr slot) :readers))
                      (mapcar (lambda (writer)
                                `(%define-slot-accessor ',writer ',name ',(car slot) :writer))
                              (getf (cdr slot) :writers))))
                   parsed)
         (find-class ',name)))))

(defun %parse-slot-specifier (class-name spec)
  ;; (name . plist) with :initargs :initform :initform-p :readers :writers
  ;; :allocation :type :documentation.
  (if (symbolp spec)
      (list spec)
      (let ((name (car spec)) (initargs nil) (readers nil) (writers nil) (seen nil)
            (result nil))
        (do ((options (cdr spec) (cddr options)))
            ((atom options))
          (let ((option (car options)) (value (cadr options)))
            (when (and (member option '(:initform :allocation :type :documentation))
                       (member option seen))
              (error 'simple-program-error
                     :format-control "DEFCLASS ~S: the slot option ~S is given twice for ~S"
                     :format-arguments (list class-name option name)))
            (push option seen)
            (case option
              (:initarg (push value initargs))
              (:initform (setq result (list* :initform value :initform-p t result)))
              (:reader (push value readers))
              (:writer (push value writers))
              (:accessor (push value readers) (push `(setf ,value) writers))
              ((:allocation :type :documentation) (setq result (list* option value result)))
              (t (error "DEFCLASS ~S: unknown slot option ~S" class-name option)))))
        (list* name :initargs (nreverse initargs) :readers (nreverse readers)
               :writers (nreverse writers) result))))

(defun %slot-specifier-form (slot)
  (let ((plist (cdr slot)))
    `(list ',(car slot)
           :initargs ',(getf plist :initargs)
           ,@(when (getf plist :initform-p)
               `(:initform ',(getf plist :initform)
                 :initfunction (lambda () ,(getf plist :initform))))
           :readers ',(getf plist :readers)
           :writers ',(getf plist :writers)
           :allocation ',(getf plist :allocation :instance)
           :type ',(getf plist :type t)
           :documentation ',(getf plist :documentation))))

(defun %default-initargs-forms (initargs)
  (let ((result nil))
    (do ((tail initargs (cddr tail)))
        ((atom tail) (nreverse result))
      (push `(list ',(car tail) ',(cadr tail) (lambda () ,(cadr tail))) result))))

(defun %ensure-class (name superclass-names slot-specs default-initargs documentation)
  (let ((class (find-class name nil)))
    (cond ((null class)
           (setq class (%make-class-object *the-class-standard-class* name))
           (setf (find-class name) class))
          ((%forward-referenced-p class)
           (%set-instance-layout class (%class-layout *the-class-standard-class*)))
          ((not (eq (%metaclass-name class) 'standard-class))
           (error "DEFCLASS: ~S names a ~S, which DEFCLASS cannot redefine"
                  name (%metaclass-name class))))
    (%set-direct-superclasses
     class (mapcar #'%defclass-superclass (or superclass-names '(standard-object))))
    (%remove-accessor-methods class)
    (let ((old-slots (%class-direct-slots class)))
      (setf (%class-direct-slots class)
            (mapcar (lambda (spec) (%direct-slot-definition spec old-slots)) slot-specs)))
    (setf (%class-direct-default-initargs class) default-initargs
          (%class-documentation class) documentation)
    (%finalize-class class)))

(defun %defclass-superclass (name)
  (let ((class (find-class name nil)))
    (cond ((null class)
           (setf (find-class name)
                 (%make-class-object (find-class 'forward-referenced-class) name)))
          ((member (%metaclass-name class) '(standard-class forward-referenced-class)) class)
          (t (error "~S cannot be a superclass of a standard class: it is a ~S"
                    name (%metaclass-name class))))))

(defun %set-direct-superclasses (class supers)
  (dolist (old (%class-direct-superclasses class))
    (setf (%class-direct-subclasses old) (remove class (%class-direct-subclasses old))))
  (dolist (super supers)
    (unless (member class (%class-direct-subclasses super))
      (push class (%class-direct-subclasses super))))
  (setf (%class-direct-superclasses class) supers))

(defun %direct-slot-definition (spec old-slots)
  ;; A :CLASS slot keeps the cell (and so the value) it had before a
  ;; redefinition; a new one starts with its initform's value.
  (let ((slotd (apply #'%make-slotd spec)))
    (when (eq (%slotd-allocation slotd) :class)
      (let ((old (find-if (lambda (s) (and (eq (%slotd-name s) (%slotd-name slotd))
                                           (eq (%slotd-allocation s) :class)))
                          old-slots)))
        (setf (%slotd-location slotd)
              (if old
                  (%slotd-location old)
                  (list (if (%slotd-initfunction slotd)
                            (funcall (%slotd-initfunction slotd))
                            '%unbound-slot))))))
    slotd))

;;; Slot accessors: methods of generic functions, remembered by their class
;;; so that a redefinition of the class removes them.

(defun %define-slot-accessor (name class-name slot-name kind)
  (let* ((class (find-class class-name))
         (reader (eq kind :reader))
         (gf (or (let ((record (%find-generic-function-record name)))
                   (and record (%gf-function record)))
                 (ensure-generic-function
                  name :lambda-list (if reader '(object) '(new-value object)))))
         (method (%make-method (if reader (list class) (list *the-class-t* class))
                               nil
                               (if reader '(object) '(new-value object))
                               (if reader
                                   (lambda (object) (slot-value object slot-name))
                                   (lambda (value object)
                                     (setf (slot-value object slot-name) value)))
                               t nil)))
    (setf (%method-plist method) (list kind slot-name))
    (add-method gf method)
    (push method (getf (%class-plist class) :accessor-methods))
    name))

(defun %remove-accessor-methods (class)
  (dolist (method (getf (%class-plist class) :accessor-methods))
    (let ((record (%method-generic-function method)))
      (when record (%remove-method record method))))
  (setf (getf (%class-plist class) :accessor-methods) nil))

;;; MAKE-INSTANCE and initialization (CLHS 7.1).  What MAKE-INSTANCE needs
;;; to know of a class is computed once per method epoch (%CLASS-INIT-INFO*):
;;;   #(epoch valid-initargs simple-p default-shared-p plan befores afters)
;;; VALID-INITARGS is a list, or T for any.  SIMPLE-P: the methods of
;;; INITIALIZE-INSTANCE applicable to the class are the default one and
;;; :BEFORE and :AFTER methods; then MAKE-INSTANCE calls BEFORES and AFTERS
;;; (their effective method functions) itself around the default method's
;;; work.  DEFAULT-SHARED-P: only the default method of SHARED-INITIALIZE
;;; applies; then the slots are initialized by PLAN, a list of (location
;;; initargs initfunction name) for each slot, without a generic call.

(defun make-instance (class &rest initargs)
  (let ((class (if (symbolp class) (find-class class) class)))
    (unless (and (%instancep class)
                 (%eq (%instance-layout class) (%class-layout *the-class-standard-class*)))
      (error "MAKE-INSTANCE: ~S is not a standard class" class))
    (unless (%class-finalized-p class) (%ensure-finalized class))
    (let* ((info (%class-init-info* class))
           (initargs (if (%class-default-initargs class)
                         (%add-default-initargs class initargs)
                         initargs))
           (instance (progn (%check-initargs-against class initargs (%svref info 1))
                            (%allocate-standard-instance class))))
      (if (%svref info 2)
          (progn
            (dolist (before (%svref info 5)) (apply before instance initargs))
            (if (%svref info 3)
                (%initialize-slots instance (%svref info 4) t initargs)
                (apply #'shared-initialize instance t initargs))
            (dolist (after (%svref info 6)) (apply after instance initargs)))
          (apply #'initialize-instance instance initargs))
      instance)))

(defun %add-default-initargs (class initargs)
  (let ((defaults nil))
    (dolist (default (%class-default-initargs class))
      (when (eq (getf initargs (car default) '%absent) '%absent)
        (setq defaults (list* (funcall (caddr default)) (car default) defaults))))
    (if defaults (append initargs (nreverse defaults)) initargs)))

(defun %check-initargs (class initargs)
  (%check-initargs-against class initargs (%svref (%class-init-info* class) 1)))

(defun %check-initargs-against (class initargs valid)
  (let ((invalid nil))
    (do ((tail initargs (cddr tail)))
        ((atom tail))
      (unless (consp (cdr tail))
        (error 'simple-program-error
               :format-control "odd number of initialization arguments: ~S"
               :format-arguments (list initargs)))
      (unless (or (eq valid t) (%memq (car tail) valid) (eq (car tail) :allow-other-keys))
        (pushnew (car tail) invalid)))
    (when (and invalid (not (getf initargs :allow-other-keys)))
      (error 'initarg-error :class class :initargs (nreverse invalid)))))

(defun %class-init-info* (class)
  ;; #(epoch valid-initargs default-initialize-p default-shared-p plan)
  (let ((info (%class-init-info class)))
    (if (and info (eql (%svref info 0) *method-epoch*))
        info
        (setf (%class-init-info class) (%compute-class-init-info class)))))

(defun %compute-class-init-info (class)
  (let* ((info (%make-vector 7 nil))
         (record (%find-generic-function-record 'initialize-instance))
         (initialize (sort (%applicable-initialization-methods 'initialize-instance class)
                           (lambda (a b) (%method-more-specific-p a b (list class)))))
         (shared (%applicable-initialization-methods 'shared-initialize class)))
    (%svset info 0 *method-epoch*)
    (%svset info 1 (%compute-valid-initargs class))
    (%svset info 2 (and (equal (%gf-positions record) '(0))
                        (dolist (method initialize t)
                          (unless (or (eq method *default-initialize-instance-method*)
                                      (member (%method-qualifiers method) '((:before) (:after))
                                              :test #'equal))
                            (return nil)))))
    (%svset info 3 (and (null (cdr shared))
                        (eq (car shared) *default-shared-initialize-method*)))
    (%svset info 4 (mapcar (lambda (slotd)
                             (list (%slotd-location slotd) (%slotd-initargs slotd)
                                   (%slotd-initfunction slotd) (%slotd-name slotd)))
                           (%class-slots class)))
    (flet ((qualified (qualifier)
             (let ((result nil))
               (dolist (method initialize (nreverse result))
                 (when (equal (%method-qualifiers method) (list qualifier))
                   (push (%method-chain record (list method) nil) result))))))
      (%svset info 5 (qualified :before))
      (%svset info 6 (reverse (qualified :after))))
    info))

(defun %applicable-initialization-methods (name class)
  ;; The methods of NAME applicable to an instance of CLASS, whatever the
  ;; other arguments (initialization methods specialize only the instance).
  (let ((result nil))
    (dolist (method (%gf-methods (%find-generic-function-record name)) result)
      (let ((specializer (car (%method-specializers method))))
        (when (or (eq specializer *the-class-t*)
                  (and (not (%eql-specializer-p specializer))
                       (%memq specializer (%class-precedence-list class))))
          (push method result))))))

(defun %compute-valid-initargs (class)
  ;; The slots' initargs and the keys of the applicable initialization
  ;; methods, or T for any.
  (let ((valid nil))
    (dolist (slotd (%class-slots class))
      (dolist (initarg (%slotd-initargs slotd)) (pushnew initarg valid)))
    (dolist (name '(initialize-instance shared-initialize) valid)
      (dolist (method (%applicable-initialization-methods name class))
        (let ((keys (%method-keywords method)))
          (when (eq keys t) (return-from %compute-valid-initargs t))
          (dolist (key keys) (pushnew key valid)))))))

(defun %initialize-slots (instance plan slot-names initargs)
  ;; SHARED-INITIALIZE's default method, over the class's plan: a slot takes
  ;; the value of its first initarg given, else when it is to be
  ;; initialized and unbound, its initform's.
  (unless (%current-standard-layout instance)
    (%instance-locations instance))     ; an obsolete instance is updated first
  (dolist (slot plan instance)
    (let* ((location (car slot))
           (found (if (cadr slot) (%find-initarg initargs (cadr slot)) '%absent)))
      (cond ((not (eq found '%absent)) (%set-slot-location instance location found))
            ((and (caddr slot)
                  (or (eq slot-names t) (%memq (cadddr slot) slot-names))
                  (%unbound-marker-p (if (%fixnump location)
                                         (%instance-ref instance location)
                                         (%car location))))
             (%set-slot-location instance location (funcall (caddr slot))))))))

(defun %find-initarg (initargs keys)
  ;; The value of the first of KEYS given in the plist INITARGS, else %ABSENT.
  (do ((tail initargs (cddr tail)))
      ((atom tail) '%absent)
    (when (%memq (car tail) keys) (return (cadr tail)))))

(defun %set-slot-location (instance location value)
  (if (%fixnump location)
      (%instance-set instance location value)
      (%rplaca location value)))

(defgeneric initialize-instance (instance &rest initargs &key &allow-other-keys))
(defgeneric reinitialize-instance (instance &rest initargs &key &allow-other-keys))
(defgeneric shared-initialize (instance slot-names &rest initargs &key &allow-other-keys))
(defgeneric update-instance-for-redefined-class
    (instance added-slots discarded-slots property-list &rest initargs
     &key &allow-other-keys))
(defgeneric update-instance-for-different-class
    (previous current &rest initargs &key &allow-other-keys))

(defmethod initialize-instance ((instance standard-object) &rest initargs)
  (let ((info (%class-init-info* (class-of instance))))
    (if (%svref info 3)
        (%initialize-slots instance (%svref info 4) t initargs)
        (apply #'shared-initialize instance t initargs))))

(defmethod reinitialize-instance ((instance standard-object) &rest initargs)
  (%check-initargs (class-of instance) initargs)
  (apply #'shared-initialize instance nil initargs))

(defmethod shared-initialize ((instance standard-object) slot-names &rest initargs)
  (%initialize-slots instance (%svref (%class-init-info* (class-of instance)) 4)
                     slot-names initargs))

(defvar *default-initialize-instance-method*
  (find-method #'initialize-instance nil (list (find-class 'standard-object))))
(defvar *default-shared-initialize-method*
  (find-method #'shared-initialize nil (list (find-class 'standard-object) *the-class-t*)))

(defmethod update-instance-for-redefined-class ((instance standard-object) added discarded
                                                plist &rest initargs)
  (declare (ignore discarded plist))
  (apply #'shared-initialize instance added initargs))

(defmethod update-instance-for-different-class ((previous standard-object)
                                                (current standard-object) &rest initargs)
  (let ((old (%instance-locations previous)) (added nil))
    (dolist (slotd (%class-slots (class-of current)))
      (when (and (integerp (%slotd-location slotd))
                 (not (%assq (%slotd-name slotd) old)))
        (push (%slotd-name slotd) added)))
    (apply #'shared-initialize current (nreverse added) initargs)))

;;; The standard generic functions of slot access and dispatch

(defgeneric slot-unbound (class instance slot-name))
(defmethod slot-unbound ((class t) instance slot-name)
  (error 'unbound-slot :name slot-name :instance instance))

(defgeneric slot-missing (class object slot-name operation &optional new-value))
(defmethod slot-missing ((class t) object slot-name operation &optional new-value)
  (declare (ignore new-value))
  (error 'missing-slot :name slot-name :instance object :operation operation))

(defgeneric no-applicable-method (generic-function &rest arguments))
(defmethod no-applicable-method ((generic-function t) &rest arguments)
  (error 'no-applicable-method-error :generic-function generic-function :arguments arguments))

(defgeneric no-next-method (generic-function method &rest arguments))
(defmethod no-next-method ((generic-function t) method &rest arguments)
  (error 'no-next-method-error :generic-function generic-function :method method
                               :arguments arguments))

;;; PRINT-OBJECT.  The printer asks the hook first for every instance: it
;;; calls the methods unless the only one applicable is the default method
;;; on T, which leaves the instance to the printer's own code (with its
;;; *PRINT-LEVEL* depth).

(defgeneric print-object (object stream))

(defmethod print-object ((object t) stream)
  (let ((stream (%output-stream stream)))
    (if (%instancep object)
        (%print-instance-default object stream *print-escape* 0)
        (%print-object object *print-escape* 0 stream))
    object))

(defmethod print-object ((object standard-object) stream)
  (print-unreadable-object (object stream :type t :identity t)))

(defun %write-qualified-symbol (symbol stream)
  ;; As SBCL names classes and generic functions: with the package prefix
  ;; (every symbol of COMMON-LISP is external).
  (let ((package (symbol-package symbol)))
    (if (or (null package) (keywordp symbol))
        (prin1 symbol stream)
        (let ((name (package-name package)))
          (write-string name stream)
          (write-string (if (string= name "COMMON-LISP") ":" "::") stream)
          (let ((*package* package)) (prin1 symbol stream))))))

(defmethod print-object ((class class) stream)
  (print-unreadable-object (class stream :type t)
    (%write-qualified-symbol (%class-name class) stream)))

(defmethod print-object ((record generic-function-record) stream)
  (print-unreadable-object (record stream)
    (write-string "STANDARD-GENERIC-FUNCTION " stream)
    (%write-qualified-symbol (%gf-name record) stream)
    (format stream " (~D)" (length (%gf-methods record)))))

(defmethod print-object ((method standard-method) stream)
  (print-unreadable-object (method stream :type t :identity t)
    (let ((record (%method-generic-function method)))
      (when record
        (%write-qualified-symbol (%gf-name record) stream)
        (write-char #\Space stream)))
    (dolist (qualifier (%method-qualifiers method))
      (prin1 qualifier stream)
      (write-char #\Space stream))
    (prin1 (mapcar (lambda (specializer)
                     (if (%eql-specializer-p specializer)
                         (list 'eql (eql-specializer-object specializer))
                         (%class-name specializer)))
                   (%method-specializers method))
           stream)))

(defmethod print-object ((slotd slot-definition) stream)
  (print-unreadable-object (slotd stream :type t :identity t)
    (%write-qualified-symbol (%slotd-name slotd) stream)))

(defvar *print-object-record* (%find-generic-function-record 'print-object))
(defvar *default-print-object-function*
  (%method-fast-function (find-method #'print-object nil (list *the-class-t* *the-class-t*))))

(defun %print-object-by-methods (instance stream escape)
  ;; The hook of %PRINT-INSTANCE: true when a method printed INSTANCE.
  (let ((emf (%emf-for *print-object-record* (list instance stream))))
    (unless (eq emf *default-print-object-function*)
      (if (eq escape *print-escape*)
          (funcall emf instance stream)
          (let ((*print-escape* escape)) (funcall emf instance stream)))
      t)))

(setq *print-object-hook* '%print-object-by-methods)

;;; WITH-SLOTS and WITH-ACCESSORS

(defmacro with-slots (slot-entries instance-form &body body)
  (let ((instance (gensym "INSTANCE")))
    `(let ((,instance ,instance-form))
       (declare (ignorable ,instance))
       (symbol-macrolet ,(mapcar (lambda (entry)
                                   (if (symbolp entry)
                                       `(,entry (slot-value ,instance ',entry))
                                       `(,(car entry) (slot-value ,instance ',(cadr entry)))))
                                 slot-entries)
         ,@body))))

(defmacro with-accessors (entries instance-form &body body)
  (let ((instance (gensym "INSTANCE")))
    `(let ((,instance ,instance-form))
       (declare (ignorable ,instance))
       (symbol-macrolet ,(mapcar (lambda (entry) `(,(car entry) (,(cadr entry) ,instance)))
                                 entries)
         ,@body))))

;;; Types: TYPEP of a class (types.lisp calls this for class objects and
;;; the names of classes without layouts), SUBTYPEP of classes.

(defun %class-typep (object class)
  (and (%memq class (%class-precedence-list (class-of object))) t))

(defun %type-class (type)
  (cond ((classp type) type)
        ((symbolp type) (find-class type nil))
        (t nil)))

(defun %class-subtypep (type1 type2)
  ;; SUBTYPEP (subtypep.lisp) between two classes or names of classes:
  ;; (values subtype-p t); the second value is :UNKNOWN for other types.
  (let ((class1 (%type-class type1)) (class2 (%type-class type2)))
    (if (and class1 class2)
        (values (and (%memq class2 (%class-precedence-list (%ensure-finalized class1))) t) t)
        (values nil :unknown))))
