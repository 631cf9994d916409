;;;; clos-classes.lisp -- CLOS, part 1: class objects, FIND-CLASS and
;;;; CLASS-OF, class precedence lists, slots, standard instances and slot
;;;; access (docs/object-model.md, "CLOS").
;;;;
;;;; A standard object is an instance, like a structure or a condition,
;;;; whose layout has kind :STANDARD-OBJECT.  Its slots hold the values of
;;;; its class's :INSTANCE slots; an unbound slot holds the symbol
;;;; %UNBOUND-SLOT.  The layout of a standard class lists the names of the
;;;; class precedence list (so TYPEP and TYPE-OF work as for structures),
;;;; points back to the class (LAYOUT-CLASS) and maps slot names to
;;;; locations (LAYOUT-SLOT-LOCATIONS): an index into the instance, or the
;;;; cons whose car holds a class slot's value.  Redefining a class gives it
;;;; a new layout; an instance of an old layout is updated when a slot of it
;;;; is next accessed.
;;;;
;;;; Class objects are standard objects too, instances of STANDARD-CLASS,
;;;; BUILT-IN-CLASS, STRUCTURE-CLASS or CONDITION-CLASS with the fields
;;;; below.  Structure and condition types get their class objects on
;;;; demand, from their layouts.

(in-package "CLYSM")

;;; Unchecked field accessors of metaobjects, for the library's own use.
(defsetf %instance-ref %instance-set)

(defmacro %define-fields (&rest specs)
  `(progn
     ,@(mapcar (lambda (spec)
                 `(defmacro ,(car spec) (object) (list '%instance-ref object ,(cadr spec))))
               specs)))

(defconstant +class-size+ 14)
(%define-fields
 (%class-name 0) (%class-layout 1) (%class-direct-superclasses 2)
 (%class-direct-subclasses 3) (%class-precedence-list 4) (%class-direct-slots 5)
 (%class-slots 6) (%class-direct-default-initargs 7) (%class-default-initargs 8)
 (%class-finalized-p 9) (%class-documentation 10) (%class-instance-size 11)
 (%class-init-info 12) (%class-plist 13))

;;; Slot definitions, direct and effective.  A direct :CLASS slot's location
;;; is the cons holding its value.
(defconstant +slotd-size+ 10)
(%define-fields
 (%slotd-name 0) (%slotd-initargs 1) (%slotd-initform 2) (%slotd-initfunction 3)
 (%slotd-readers 4) (%slotd-writers 5) (%slotd-allocation 6) (%slotd-type 7)
 (%slotd-documentation 8) (%slotd-location 9))

(defmacro %unbound-marker-p (value) `(%eq ,value '%unbound-slot))

(defmacro %memq (item list)
  ;; MEMBER with EQ, open-coded: the tail of LIST that starts with ITEM.
  (let ((tail (gensym "TAIL")) (x (gensym "ITEM")))
    `(let ((,x ,item) (,tail ,list))
       (loop
         (when (atom ,tail) (return nil))
         (when (%eq (%car ,tail) ,x) (return ,tail))
         (setq ,tail (%cdr ,tail))))))

(defmacro %symbol-property (symbol indicator)
  ;; GET without a default, open-coded.
  (let ((plist (gensym "PLIST")) (key (gensym "KEY")))
    `(let ((,plist (%symbol-plist ,symbol)) (,key ,indicator))
       (loop
         (when (atom ,plist) (return nil))
         (when (%eq (%car ,plist) ,key) (return (%car (%cdr ,plist))))
         (setq ,plist (%cdr (%cdr ,plist)))))))

(defmacro %assq (item alist)
  ;; The first pair of ALIST whose car is ITEM (compared with EQ).
  (let ((tail (gensym "TAIL")) (x (gensym "ITEM")))
    `(let ((,x ,item) (,tail ,alist))
       (loop
         (when (atom ,tail) (return nil))
         (when (%eq (%car (%car ,tail)) ,x) (return (%car ,tail)))
         (setq ,tail (%cdr ,tail))))))

;;; The errors of the object system (SBCL's condition types).

(define-condition simple-program-error (simple-condition program-error) ())

(define-condition class-not-found-error (cell-error) ()
  (:report (lambda (condition stream)
             (format stream "There is no class named ~S." (cell-error-name condition)))))

(define-condition missing-slot (cell-error)
  ((instance :initarg :instance :reader %missing-slot-instance)
   (operation :initarg :operation :reader %missing-slot-operation))
  (:report (lambda (condition stream)
             (format stream "When attempting to ~A, the slot ~S is missing from the object ~S."
                     (case (%missing-slot-operation condition)
                       (slot-value "read the slot's value (slot-value)")
                       (setf "set the slot's value (setf of slot-value)")
                       (slot-boundp "test to see if slot is bound (slot-boundp)")
                       (t "make the slot unbound (slot-makunbound)"))
                     (cell-error-name condition) (%missing-slot-instance condition)))))

(define-condition initarg-error (program-error)
  ((class :initarg :class :reader %initarg-error-class)
   (initargs :initarg :initargs :reader %initarg-error-initargs))
  (:report (lambda (condition stream)
             (format stream "Invalid initialization argument~P:~{~%  ~S~}~%in call for class ~S."
                     (length (%initarg-error-initargs condition))
                     (%initarg-error-initargs condition) (%initarg-error-class condition)))))

;;; Classes by name

(defun find-class (symbol &optional (errorp t) environment)
  (declare (ignore environment))
  (or (and (symbolp symbol)
           (or (%symbol-property symbol '%class)
               (let ((layout (%symbol-property symbol '%layout)))
                 (and layout (not (eq (layout-kind layout) :standard-object))
                      (%class-for-layout layout)))))
      (and errorp (error 'class-not-found-error :name symbol))))

(defun (setf find-class) (class symbol &optional errorp environment)
  (declare (ignore errorp environment))
  (if class
      (progn (%check-class class) (%put symbol '%class class))
      (remprop symbol '%class))
  class)

(defun %designated-class (designator)
  (if (symbolp designator) (find-class designator) (%check-class designator)))

;;; Making class objects

(defvar *the-class-standard-class* nil)
(defvar *the-class-built-in-class* nil)
(defvar *the-class-t* nil)

(defun %make-class-object (metaclass name)
  (let ((class (%make-instance (%class-layout metaclass) +class-size+)))
    (setf (%class-name class) name)
    class))

(defun classp (object)
  (and (%instancep object)
       (let ((layout (%instance-layout object)))
         (and (%layout-p layout) (%memq 'class (layout-precedence layout)) t))))

(defun %check-class (object)
  (if (classp object) object (%type-error object 'class)))

(defun %metaclass-name (class)
  (%class-name (class-of class)))

;;; Class precedence lists (CLHS 4.3.5): a topological sort of the class
;;; and its superclasses under the local precedence orders, a tie going to
;;; the candidate that is a direct superclass of the rightmost class
;;; already placed.

(defun %all-superclasses (class)
  (let ((result nil))
    (labels ((walk (c)
               (unless (member c result)
                 (push c result)
                 (dolist (super (%class-direct-superclasses c)) (walk super)))))
      (walk class))
    (nreverse result)))

(defun %local-precedence-pairs (classes)
  ;; (before . after) for each class and its direct superclasses in order.
  (let ((pairs nil))
    (dolist (c classes pairs)
      (let ((previous c))
        (dolist (super (%class-direct-superclasses c))
          (push (cons previous super) pairs)
          (setq previous super))))))

(defun %compute-class-precedence-list (class)
  (let* ((remaining (%all-superclasses class))
         (pairs (%local-precedence-pairs remaining))
         (result nil))
    (loop
      (when (null remaining) (return (nreverse result)))
      (let ((candidates
              (remove-if (lambda (c)
                           (dolist (pair pairs nil)
                             (when (and (eq (cdr pair) c) (member (car pair) remaining))
                               (return t))))
                         remaining)))
        (when (null candidates)
          (error "Inconsistent precedence graph: no class precedence list for ~S"
                 (%class-name class)))
        (let ((next (if (null (cdr candidates))
                        (car candidates)
                        (%precedence-tie-break candidates result))))
          (push next result)
          (setq remaining (remove next remaining)))))))

(defun %precedence-tie-break (candidates placed)
  ;; PLACED is the precedence list so far, most recent first.
  (dolist (c placed (car candidates))
    (dolist (super (%class-direct-superclasses c))
      (when (member super candidates) (return-from %precedence-tie-break super)))))

;;; Slot definitions

(defun %make-slotd (name &key initargs initform initfunction readers writers
                           (allocation :instance) (type t) documentation)
  (let ((slotd (%make-instance (%class-layout (find-class 'standard-direct-slot-definition))
                               +slotd-size+)))
    (setf (%slotd-name slotd) name
          (%slotd-initargs slotd) initargs
          (%slotd-initform slotd) initform
          (%slotd-initfunction slotd) initfunction
          (%slotd-readers slotd) readers
          (%slotd-writers slotd) writers
          (%slotd-allocation slotd) allocation
          (%slotd-type slotd) type
          (%slotd-documentation slotd) documentation)
    slotd))

(defun %effective-slotd (name direct-slotds)
  ;; The effective slot NAME from its direct definitions, most specific
  ;; first (CLHS 7.5.3).
  (let ((slotd (%make-instance (%class-layout (find-class 'standard-effective-slot-definition))
                               +slotd-size+))
        (first (car direct-slotds))
        (initargs nil))
    (dolist (direct direct-slotds)
      (dolist (initarg (%slotd-initargs direct))
        (unless (member initarg initargs) (push initarg initargs))))
    (setf (%slotd-name slotd) name
          (%slotd-initargs slotd) (nreverse initargs)
          (%slotd-allocation slotd) (%slotd-allocation first)
          (%slotd-type slotd) (%slotd-type first))
    (let ((with-initform (find-if #'%slotd-initfunction* direct-slotds))
          (with-documentation (find-if #'%slotd-documentation* direct-slotds)))
      (when with-initform
        (setf (%slotd-initform slotd) (%slotd-initform with-initform)
              (%slotd-initfunction slotd) (%slotd-initfunction with-initform)))
      (when with-documentation
        (setf (%slotd-documentation slotd) (%slotd-documentation with-documentation))))
    (when (eq (%slotd-allocation first) :class)
      (setf (%slotd-location slotd) (%slotd-location first)))
    slotd))

(defun %slotd-initfunction* (slotd) (%slotd-initfunction slotd))
(defun %slotd-documentation* (slotd) (%slotd-documentation slotd))

(defun %compute-slots (class)
  ;; The effective slots: names in the order of their first definition,
  ;; from the least specific class on (as SBCL orders them).
  (let ((cpl (%class-precedence-list class)) (names nil))
    (dolist (c (reverse cpl))
      (dolist (direct (%class-direct-slots c))
        (unless (member (%slotd-name direct) names) (push (%slotd-name direct) names))))
    (mapcar (lambda (name)
              (%effective-slotd
               name
               (let ((directs nil))
                 (dolist (c cpl (nreverse directs))
                   (dolist (direct (%class-direct-slots c))
                     (when (eq (%slotd-name direct) name) (push direct directs)))))))
            (nreverse names))))

(defun %compute-default-initargs (class)
  ;; (key form function) of each default initarg, most specific class first.
  (let ((result nil))
    (dolist (c (%class-precedence-list class) (nreverse result))
      (dolist (initarg (%class-direct-default-initargs c))
        (unless (assoc (car initarg) result) (push initarg result))))))

;;; Finalization: the precedence list, the effective slots and a new
;;; layout.  Subclasses are finalized again, their precedence lists and
;;; slots depending on this class.

(defvar *class-redefinition-hooks* nil
  "Functions called with no argument after an existing class is redefined.")

(defun %forward-referenced-p (class)
  (eq (%metaclass-name class) 'forward-referenced-class))

(defun %finalizable-p (class)
  (dolist (c (%all-superclasses class) t)
    (when (%forward-referenced-p c) (return nil))))

(defun %finalize-class (class)
  (when (%finalizable-p class)
    (let ((redefined (%class-layout class)))
      (setf (%class-precedence-list class) (%compute-class-precedence-list class))
      (setf (%class-slots class) (%compute-slots class))
      (setf (%class-default-initargs class) (%compute-default-initargs class))
      (%make-class-layout class)
      (setf (%class-finalized-p class) t
            (%class-init-info class) nil)
      (when redefined (dolist (hook *class-redefinition-hooks*) (funcall hook)))))
  (dolist (sub (%class-direct-subclasses class))
    (%finalize-class sub))
  class)

(defun %make-class-layout (class)
  (let ((index 0) (locations nil) (layout-slots nil))
    (dolist (slotd (%class-slots class))
      (if (eq (%slotd-allocation slotd) :class)
          (push (cons (%slotd-name slotd) (%slotd-location slotd)) locations)
          (progn
            (setf (%slotd-location slotd) index)
            (push (cons (%slotd-name slotd) index) locations)
            (push (list (%slotd-name slotd) (%slotd-initargs slotd) nil) layout-slots)
            (setq index (+ index 1)))))
    (let ((layout (%make-layout (%class-name class)
                                (mapcar (lambda (c) (%class-name c))
                                        (%class-precedence-list class))
                                (nreverse layout-slots) :standard-object
                                (mapcar (lambda (c) (%class-name c))
                                        (%class-direct-superclasses class)))))
      (setf (layout-class layout) class
            (layout-slot-locations layout) (nreverse locations)
            (%class-instance-size class) index
            (%class-layout class) layout)
      (when (eq (find-class (%class-name class) nil) class)
        (%put (%class-name class) '%layout layout))
      layout)))

;;; Classes of structure, condition and other layout types, on demand.

(defun %class-for-layout (layout)
  (let* ((name (layout-name layout))
         (class (get name '%class)))
    (unless class
      (setq class (%make-class-object (%metaclass-for-kind (layout-kind layout)) name))
      (%put name '%class class))
    (when (and (eq (get name '%layout) layout) (not (eq (%class-layout class) layout)))
      (%adopt-layout class layout))
    (setf (layout-class layout) class)
    class))

(defun %metaclass-for-kind (kind)
  (find-class (case kind
                (:structure 'structure-class)
                (:condition 'condition-class)
                (t 'built-in-class))))

(defun %adopt-layout (class layout)
  ;; CLASS describes the layout type LAYOUT (new, or redefined).
  (let ((supers (mapcar #'find-class
                        (or (layout-parents layout)
                            (case (layout-kind layout)
                              (:structure (if (eq (layout-name layout) 'structure-object)
                                              '(t)
                                              '(structure-object)))
                              (:stream '(stream))
                              (t '(t)))))))
    (dolist (old (%class-direct-superclasses class))
      (setf (%class-direct-subclasses old) (remove class (%class-direct-subclasses old))))
    (dolist (super supers) (push class (%class-direct-subclasses super)))
    (setf (%class-layout class) layout
          (%class-direct-superclasses class) supers
          (%class-precedence-list class) (%compute-class-precedence-list class)
          (%class-slots class) (mapcar (lambda (slot)
                                         (%make-slotd (slot-description-name slot)
                                                      :initargs (slot-description-initargs slot)))
                                       (layout-slots layout))
          (%class-finalized-p class) t)))

;;; Built-in classes, found by type tests.

(defvar *class-fixnum*) (defvar *class-bignum*) (defvar *class-ratio*)
(defvar *class-single-float*) (defvar *class-double-float*) (defvar *class-complex*)
(defvar *class-cons*) (defvar *class-null*) (defvar *class-symbol*)
(defvar *class-character*) (defvar *class-string*) (defvar *class-simple-vector*)
(defvar *class-vector*) (defvar *class-function*) (defvar *class-generic-function*)
(defvar *class-stream*) (defvar *class-general-string*) (defvar *class-simple-bit-vector*)
(defvar *class-bit-vector*) (defvar *class-simple-array*) (defvar *class-array*)

(defun %built-in-class-of (x)
  (cond ((%fixnump x) *class-fixnum*)
        ((%consp x) *class-cons*)
        ((%symbolp x) (if (%eq x nil) *class-null* *class-symbol*))
        ((%stringp x) *class-string*)
        ((%characterp x) *class-character*)
        ((%functionp x) (if (%generic-function-record x)
                            *class-generic-function*
                            *class-function*))
        ((%double-float-p x) *class-double-float*)
        ((%single-float-p x) *class-single-float*)
        ((%output-stream-p x) *class-stream*)
        ((%simple-vector-p x) *class-simple-vector*)
        ((%bignump x) *class-bignum*)
        ((%ratiop x) *class-ratio*)
        ((%complexp x) *class-complex*)
        ((%bit-vector-p x) *class-simple-bit-vector*)
        ;; The arrays left are array headers (array.lisp): not simple
        ;; strings, bit vectors and vectors, and arrays of other ranks.
        ((stringp x) *class-general-string*)
        ((bit-vector-p x) *class-bit-vector*)
        ((vectorp x) *class-vector*)
        ((arrayp x) (if (%simple-array-p x) *class-simple-array* *class-array*))
        (t *the-class-t*)))

(defun class-of (object)
  (if (%instancep object)
      (let ((layout (%instance-layout object)))
        (if (%layout-p layout)
            (or (%instance-ref layout 8) (%class-for-layout layout))
            (or (and (symbolp layout) (find-class layout nil)) *the-class-t*)))
      (%built-in-class-of object)))

;;; The generic function record of a function, or NIL (clos-methods.lisp
;;; makes them; a generic function is an indirect function whose info slot
;;; holds its record).
(defun %generic-function-record (function)
  (let ((info (%function-info function)))
    (and (%instancep info)
         (let ((layout (%instance-layout info)))
           (and (%layout-p layout) (%eq (%instance-ref layout 0) 'generic-function-record)))
         info)))

;;; Standard instances

(defun %allocate-standard-instance (class)
  (let* ((size (%class-instance-size class))
         (instance (%make-instance (%class-layout class) size)))
    (dotimes (i size instance)
      (%instance-set instance i '%unbound-slot))))

(defun allocate-instance (class &rest initargs)
  (declare (ignore initargs))
  (let ((class (%designated-class class)))
    (unless (eq (%metaclass-name class) 'standard-class)
      (error "Cannot allocate an instance of ~S." class))
    (%ensure-finalized class)
    (%allocate-standard-instance class)))

(defun %ensure-finalized (class)
  (unless (%class-finalized-p class)
    (%finalize-class class)
    (unless (%class-finalized-p class)
      (error "~S has undefined superclasses: ~S" class
             (mapcar (lambda (c) (%class-name c))
                     (remove-if-not #'%forward-referenced-p (%all-superclasses class))))))
  class)

;;; The slot locations of an instance: an alist (name . location).  An
;;; instance of an obsolete layout is updated first.
(defun %instance-locations (instance)
  (let ((layout (%instance-layout instance)))
    (cond ((not (%layout-p layout)) nil)
          ((%eq (layout-kind layout) :standard-object)
           (let ((class (%instance-ref layout 8)))
             (unless (%eq (%class-layout class) layout)
               (setq layout (%update-obsolete-instance instance layout)))
             (layout-slot-locations layout)))
          (t (or (layout-slot-locations layout)
                 (let ((index -1))
                   (setf (layout-slot-locations layout)
                         (mapcar (lambda (slot) (cons (car slot) (setq index (+ index 1))))
                                 (layout-slots layout)))))))))

(defmacro %current-standard-layout (object)
  ;; OBJECT's layout, if OBJECT is a standard object of an up-to-date layout.
  (let ((layout (gensym "LAYOUT")))
    `(and (%instancep ,object)
          (let ((,layout (%instance-layout ,object)))
            (and (%instancep ,layout)
                 (%eq (%instance-layout ,layout) 'layout)
                 (%eq (%instance-ref ,layout 3) :standard-object)
                 (%eq (%class-layout (%instance-ref ,layout 8)) ,layout)
                 ,layout)))))

(defun %slot-location (object slot-name)
  (let ((layout (%current-standard-layout object)))
    (if layout
        (cdr (%assq slot-name (%instance-ref layout 9)))
        (and (%instancep object)
             (cdr (%assq slot-name (%instance-locations object)))))))

(defun %direct-slot-index (object slot-name)
  ;; The index of the instance slot SLOT-NAME of OBJECT, if OBJECT is a
  ;; standard object of an up-to-date layout; else NIL.
  (let ((layout (%current-standard-layout object)))
    (and layout
         (let ((location (cdr (%assq slot-name (%instance-ref layout 9)))))
           (and (%fixnump location) location)))))

;;; SLOT-VALUE of a constant slot name: each call site keeps the last
;;; layout it saw and the slot's index in it (a cons made at load time).
(define-compiler-macro slot-value (&whole form object slot-name)
  (if (%constant-name slot-name)
      `(%slot-value-cached ,object ,slot-name (load-time-value (cons nil nil)))
      form))

(defun %slot-value-cached (object slot-name cache)
  (let ((value (if (and (%instancep object)
                        (%eq (%instance-layout object) (%car cache))
                        ;; and the class was not redefined since
                        (%eq (%class-layout (%instance-ref (%car cache) 8)) (%car cache)))
                   (%instance-ref object (%cdr cache))
                   (let ((index (%direct-slot-index object slot-name)))
                     (if index
                         (progn (%rplaca cache (%instance-layout object))
                                (%rplacd cache index)
                                (%instance-ref object index))
                         '%unbound-slot)))))
    (if (%unbound-marker-p value) (slot-value object slot-name) value)))

(defun slot-value (object slot-name)
  (let* ((location (%slot-location object slot-name))
         (value (cond ((%fixnump location) (%instance-ref object location))
                      ((%consp location) (%car location))
                      (t (return-from slot-value
                           (values (slot-missing (class-of object) object slot-name
                                                 'slot-value)))))))
    (if (%unbound-marker-p value)
        (values (slot-unbound (class-of object) object slot-name))
        value)))

(defun (setf slot-value) (value object slot-name)
  (let ((location (%slot-location object slot-name)))
    (cond ((%fixnump location) (%instance-set object location value))
          ((%consp location) (%rplaca location value) value)
          (t (slot-missing (class-of object) object slot-name 'setf value) value))))

(defun slot-boundp (object slot-name)
  (let ((location (%slot-location object slot-name)))
    (cond ((%fixnump location) (not (%unbound-marker-p (%instance-ref object location))))
          ((%consp location) (not (%unbound-marker-p (%car location))))
          (t (and (slot-missing (class-of object) object slot-name 'slot-boundp) t)))))

(defun slot-makunbound (object slot-name)
  (let ((location (%slot-location object slot-name)))
    (cond ((%fixnump location) (%instance-set object location '%unbound-slot))
          ((%consp location) (%rplaca location '%unbound-slot))
          (t (slot-missing (class-of object) object slot-name 'slot-makunbound)))
    object))

(defun slot-exists-p (object slot-name)
  (and (%slot-location object slot-name) t))

;;; Updating an instance to a new layout of its class (CLHS 4.3.6), and
;;; changing its class (CHANGE-CLASS): the instance keeps its identity and
;;; takes the slot storage of a fresh instance.

(defun %update-obsolete-instance (instance old-layout)
  (let* ((class (layout-class old-layout))
         (new (%allocate-standard-instance class))
         (new-layout (%instance-layout new))
         (old-locations (layout-slot-locations old-layout))
         (added nil) (discarded nil))
    (dolist (entry (layout-slot-locations new-layout))
      (when (%fixnump (cdr entry))
        (let ((old (%assq (car entry) old-locations)))
          (cond ((null old) (push (car entry) added))
                ((%fixnump (cdr old))
                 (%instance-set new (cdr entry) (%instance-ref instance (cdr old))))
                (t (%instance-set new (cdr entry) (%car (cdr old))))))))
    (dolist (old old-locations)
      (let ((entry (%assq (car old) (layout-slot-locations new-layout))))
        (when (and (%fixnump (cdr old)) (not (and entry (%fixnump (cdr entry)))))
          (let ((value (%instance-ref instance (cdr old))))
            (unless (%unbound-marker-p value)
              (setq discarded (list* (car old) value discarded)))))))
    (%set-instance-layout instance new-layout)
    (%instance-take-slots instance new)
    (update-instance-for-redefined-class instance (nreverse added)
                                         (mapcar #'car (%plist-pairs discarded)) discarded)
    new-layout))

(defun %plist-pairs (plist)
  (do ((tail plist (cddr tail)) (result nil (cons (list (car tail) (cadr tail)) result)))
      ((atom tail) (nreverse result))))

(defun change-class (instance new-class &rest initargs)
  (let* ((new-class (%designated-class new-class))
         (old-locations (%instance-locations instance))
         (previous (%make-instance (%instance-layout instance) 0))
         (new (allocate-instance new-class)))
    (%instance-take-slots previous instance)
    (dolist (entry (layout-slot-locations (%instance-layout new)))
      (let ((old (%assq (car entry) old-locations)))
        (when (and old (%fixnump (cdr entry)))
          (%instance-set new (cdr entry)
                         (if (%fixnump (cdr old))
                             (%instance-ref previous (cdr old))
                             (%car (cdr old)))))))
    (%set-instance-layout instance (%instance-layout new))
    (%instance-take-slots instance new)
    (apply #'update-instance-for-different-class previous instance initargs)
    instance))

;;; The classes defined at start-up: the metaobjects, then the built-in
;;; classes of the standard types.

(defun %bootstrap-class (name metaclass supers)
  ;; A class named NAME, an instance of METACLASS (a class object), with
  ;; superclasses SUPERS (names); a standard class gets its layout.
  (let ((class (or (get name '%class) (%make-class-object metaclass name)))
        (supers (mapcar #'find-class supers)))
    (%put name '%class class)
    (setf (%class-direct-superclasses class) supers)
    (dolist (super supers) (push class (%class-direct-subclasses super)))
    (setf (%class-precedence-list class) (%compute-class-precedence-list class)
          (%class-finalized-p class) t)
    (when (eq metaclass *the-class-standard-class*)
      (%make-class-layout class))
    class))

(defun %bootstrap-metaobject-classes ()
  ;; STANDARD-CLASS is an instance of itself, and T of BUILT-IN-CLASS, a
  ;; subclass of STANDARD-OBJECT: the first classes are made with a
  ;; provisional layout, and take their metaclass's layout at the end.
  (let* ((layout (%make-layout 'standard-class nil nil :standard-object nil))
         (standard-class (%make-instance layout +class-size+))
         (early nil))
    (setf (%class-name standard-class) 'standard-class
          (%class-layout standard-class) layout
          (layout-class layout) standard-class
          *the-class-standard-class* standard-class)
    (%put 'standard-class '%class standard-class)
    (let ((class-t (%make-class-object standard-class 't)))
      (setf (%class-precedence-list class-t) (list class-t)
            (%class-finalized-p class-t) t
            *the-class-t* class-t)
      (%put 't '%class class-t))
    (dolist (spec '((standard-object t) (class standard-object) (standard-class class)))
      (push (%bootstrap-class (car spec) standard-class (cdr spec)) early))
    (setq *the-class-built-in-class* (%bootstrap-class 'built-in-class standard-class '(class)))
    (dolist (class early)
      (%set-instance-layout class (%class-layout standard-class)))
    (%set-instance-layout *the-class-t* (%class-layout *the-class-built-in-class*))
    (dolist (spec '((structure-class class) (condition-class class)
                    (forward-referenced-class class)
                    (method standard-object) (standard-method method)
                    (eql-specializer standard-object)
                    (slot-definition standard-object)
                    (standard-direct-slot-definition slot-definition)
                    (standard-effective-slot-definition slot-definition)
                    (generic-function-record standard-object)))
      (%bootstrap-class (car spec) standard-class (cdr spec)))))

(defconstant +built-in-classes+
  '((number t) (real number) (rational real) (integer rational) (fixnum integer)
    (bignum integer) (ratio rational) (float real) (single-float float)
    (double-float float) (complex number) (character t) (symbol t) (sequence t)
    (list sequence) (cons list) (null symbol list) (array t) (simple-array array)
    (vector array sequence) (string vector) (simple-string string simple-array)
    (simple-vector vector simple-array) (bit-vector vector)
    (simple-bit-vector bit-vector simple-array) (function t) (generic-function function)
    (standard-generic-function generic-function) (stream t) (restart t)))

(defun %bootstrap-built-in-classes ()
  (dolist (spec +built-in-classes+)
    (%bootstrap-class (car spec) *the-class-built-in-class* (cdr spec)))
  (setq *class-fixnum* (find-class 'fixnum) *class-bignum* (find-class 'bignum)
        *class-ratio* (find-class 'ratio) *class-single-float* (find-class 'single-float)
        *class-double-float* (find-class 'double-float) *class-complex* (find-class 'complex)
        *class-cons* (find-class 'cons) *class-null* (find-class 'null)
        *class-symbol* (find-class 'symbol) *class-character* (find-class 'character)
        *class-string* (find-class 'simple-string)
        *class-simple-vector* (find-class 'simple-vector) *class-vector* (find-class 'vector)
        *class-function* (find-class 'function)
        *class-generic-function* (find-class 'standard-generic-function)
        *class-stream* (find-class 'stream) *class-general-string* (find-class 'string)
        *class-simple-bit-vector* (find-class 'simple-bit-vector)
        *class-bit-vector* (find-class 'bit-vector)
        *class-simple-array* (find-class 'simple-array) *class-array* (find-class 'array)))

(%bootstrap-metaobject-classes)
(%bootstrap-built-in-classes)
(defvar *generic-function-record-layout*
  (%class-layout (find-class 'generic-function-record)))

;;; Public readers of classes and slot definitions

(defun class-name (class) (%class-name (%check-class class)))
(defun (setf class-name) (name class) (setf (%class-name (%check-class class)) name))
(defun class-direct-superclasses (class) (%class-direct-superclasses (%check-class class)))
(defun class-direct-subclasses (class) (%class-direct-subclasses (%check-class class)))
(defun class-precedence-list (class)
  (%class-precedence-list (%ensure-finalized (%check-class class))))
(defun class-direct-slots (class) (%class-direct-slots (%check-class class)))
(defun class-slots (class) (%class-slots (%ensure-finalized (%check-class class))))
(defun class-finalized-p (class) (%class-finalized-p (%check-class class)))
(defun finalize-inheritance (class) (%ensure-finalized (%check-class class)))
(defun class-default-initargs (class) (%class-default-initargs (%check-class class)))
(defun class-direct-default-initargs (class)
  (%class-direct-default-initargs (%check-class class)))
(defun slot-definition-name (slotd) (%slotd-name slotd))
(defun slot-definition-initargs (slotd) (%slotd-initargs slotd))
(defun slot-definition-initform (slotd) (%slotd-initform slotd))
(defun slot-definition-initfunction (slotd) (%slotd-initfunction slotd))
(defun slot-definition-allocation (slotd) (%slotd-allocation slotd))
(defun slot-definition-type (slotd) (%slotd-type slotd))
(defun slot-definition-readers (slotd) (%slotd-readers slotd))
(defun slot-definition-writers (slotd) (%slotd-writers slotd))
(defun slot-definition-location (slotd) (%slotd-location slotd))
