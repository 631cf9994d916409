;;;; struct.lisp -- structures (CLHS 8): DEFSTRUCT, COPY-STRUCTURE, #S
;;;; printing, EQUALP of structures, PRINT-UNREADABLE-OBJECT.
;;;;
;;;; A structure object is an instance whose layout (layout.lisp) has kind
;;;; :STRUCTURE; slot i of the structure is slot i of the instance, the
;;;; slots of an included structure first.  Every structure type includes
;;;; STRUCTURE-OBJECT, so TYPEP, TYPE-OF and the printer find structures
;;;; through their layouts as they find conditions.
;;;;
;;;; An accessor call (point-x p) compiles inline (a compiler macro): a test
;;;; that P is an instance whose layout is named POINT, then %INSTANCE-REF
;;;; with the constant slot index.  Only an instance of an including type,
;;;; or a wrong argument, takes a function call.  SETF of an accessor is
;;;; open-coded the same way (a setf expander); the function (SETF accessor)
;;;; exists too, for FUNCALL.
;;;;
;;;; Structures of :TYPE LIST or VECTOR are plain lists and vectors: they
;;;; have no layout and are no type.
;;;;
;;;; What DEFSTRUCT knows about a structure type is its description, kept on
;;;; the type name's plist under %STRUCTURE at compile time and at run time
;;;; (for :INCLUDE):
;;;;   (name representation name-index size slots names constructor)
;;;; representation being :INSTANCE, LIST or VECTOR; name-index the index of
;;;; the name in a :NAMED typed structure (else NIL); size the number of
;;;; slots (elements of a typed structure); names an alist (index . name)
;;;; of the names a typed structure holds, its own and its included
;;;; structures'; constructor the name of the first keyword constructor
;;;; (for #S), or NIL.  A slot is described by
;;;;   (name index initform initform-p type read-only accessor)

(in-package "CLYSM")

;;; STRUCTURE-OBJECT, the supertype of every structure type.
(eval-when (:compile-toplevel :load-toplevel :execute)
  (%define-layout 'structure-object nil nil :structure))

;;; Descriptions

(defun %make-structure-description (name representation name-index size slots names
                                    constructor)
  (list name representation name-index size slots names constructor))

(defun %structure-description-name (d) (car d))
(defun %structure-representation (d) (cadr d))
(defun %structure-name-index (d) (caddr d))
(defun %structure-size (d) (cadddr d))
(defun %structure-slots (d) (car (cddddr d)))
(defun %structure-names (d) (cadr (cddddr d)))
(defun %structure-constructor (d) (caddr (cddddr d)))

(defun %find-structure-description (name)
  (or (and (symbolp name) (get name '%structure))
      (error "~S is not a defined structure type" name)))

(defun %make-dslot (name index initform initform-p type read-only accessor)
  (list name index initform initform-p type read-only accessor))

(defun %dslot-name (slot) (car slot))
(defun %dslot-index (slot) (cadr slot))
(defun %dslot-initform (slot) (caddr slot))
(defun %dslot-initform-p (slot) (cadddr slot))
(defun %dslot-type (slot) (car (cddddr slot)))
(defun %dslot-read-only (slot) (cadr (cddddr slot)))
(defun %dslot-accessor (slot) (caddr (cddddr slot)))

(defun %dslot-keyword (slot)
  (intern (symbol-name (%dslot-name slot)) "KEYWORD"))

(defun %find-dslot (name slots)
  ;; The slot of SLOTS named like the symbol NAME, or NIL.
  (dolist (slot slots nil)
    (when (string= (symbol-name (%dslot-name slot)) (symbol-name name))
      (return slot))))

;;; The layout of a structure type, found fast: constructors call this.
(defun %structure-layout (name)
  (let ((plist (%symbol-plist name)))
    (tagbody
     next
       (when (%consp plist)
         (when (%eq (%car plist) '%layout)
           (return-from %structure-layout (%car (%cdr plist))))
         (setq plist (%cdr (%cdr plist)))
         (go next)))
    (error "~S is not a defined structure type" name)))

;;; Defining a structure type: its description and, for an instance
;;; structure, its layout.  PRINTER is the layout's printer, a function of
;;; (instance stream depth), or NIL to inherit the included type's.
(defun %define-structure (description parent printer)
  (let ((name (%structure-description-name description)))
    (%put name '%structure description)
    (when (eq (%structure-representation description) :instance)
      (let ((layout (%define-layout name (list parent)
                                    (mapcar #'%dslot-layout-slot
                                            (%structure-slots description))
                                    :structure)))
        (setf (layout-printer layout) (or printer (layout-printer (find-layout parent))))))
    name))

(defun %dslot-layout-slot (slot)
  ;; The layout's description of a slot: (name initargs initfunction).
  (list (%dslot-name slot) (list (%dslot-keyword slot)) nil))

;;; Checks and slot access.  DEFSTRUCT's expansions call these functions
;;; with the type name and the slot index as constants; the compiler
;;; open-codes such calls (their compiler macros), the interpreter calls
;;; the functions.

;;; True when OBJECT (a variable) is an instance of exactly the type NAME
;;; (unevaluated).  For open-coding only: expands into intrinsics.
(defmacro %structure-of-name-p (object name)
  (let ((layout (gensym "LAYOUT")))
    `(if (%instancep ,object)
         (let ((,layout (%instance-layout ,object)))
           (if (%instancep ,layout) (%eq (%instance-ref ,layout 0) ',name) nil))
         nil)))

(defun %constant-name (form)
  ;; The symbol of a form 'SYMBOL, else NIL.
  (and (consp form) (eq (car form) 'quote) (consp (cdr form)) (null (cddr form))
       (symbolp (cadr form)) (cadr form)))

(defun %structure-typep (object name)
  (%instance-of-type-p object name))

(define-compiler-macro %structure-typep (&whole form object name)
  (let ((constant (%constant-name name)) (o (gensym "OBJECT")))
    (if constant
        `(let ((,o ,object))
           (if (%structure-of-name-p ,o ,constant) t (%instance-of-type-p ,o ,name)))
        form)))

(defun %check-structure (object name)
  ;; OBJECT, if it is a structure of type NAME.
  (if (%instance-of-type-p object name) object (%type-error object name)))

(define-compiler-macro %check-structure (&whole form object name)
  (let ((constant (%constant-name name)) (o (gensym "OBJECT")))
    (if constant
        `(let ((,o ,object))
           (if (%structure-of-name-p ,o ,constant) ,o (%check-structure-type ,o ,name)))
        form)))

(defun %check-structure-type (object name)
  (if (%instance-of-type-p object name) object (%type-error object name)))

(defun %structure-ref (object name index)
  (%instance-ref (%check-structure object name) index))

(define-compiler-macro %structure-ref (&whole form object name index)
  (if (and (%constant-name name) (fixnump index))
      `(%instance-ref (%check-structure ,object ,name) ,index)
      form))

(defun %structure-set (object name index value type)
  (%check-structure object name)
  (%instance-set object index (%check-slot-type value type)))

(define-compiler-macro %structure-set (&whole form object name index value type)
  (if (and (%constant-name name) (fixnump index))
      (let ((o (gensym "OBJECT")))
        `(let ((,o (%check-structure ,object ,name)))
           (%instance-set ,o ,index (%check-slot-type ,value ,type))))
      form))

;;; A new structure of type NAME with VALUES for its slots.
(defun %make-structure (name &rest values)
  (let* ((layout (%structure-layout name))
         (instance (%make-instance layout (length (layout-slots layout))))
         (index 0))
    (dolist (value values instance)
      (%instance-set instance index value)
      (setq index (+ index 1)))))

(define-compiler-macro %make-structure (&whole form name &rest values)
  (if (%constant-name name)
      (let ((temps (mapcar (lambda (value) (declare (ignore value)) (gensym "VALUE")) values))
            (instance (gensym "INSTANCE"))
            (index -1))
        `(let* (,@(mapcar #'list temps values)
                (,instance (%make-instance (%structure-layout ,name) ,(length values))))
           ,@(mapcar (lambda (temp) `(%instance-set ,instance ,(setq index (+ index 1)) ,temp))
                     temps)
           ,instance))
      form))

;;; Slot types are checked where a slot is stored: VALUE if it is of TYPE.
(defun %check-slot-type (value type)
  (if (or (eq type t) (typep value type)) value (%type-error value type)))

(define-compiler-macro %check-slot-type (&whole form value type)
  (let ((v (gensym "VALUE")))
    (cond ((or (eq type t) (equal type ''t)) value)
          ((and (consp type) (eq (car type) 'quote) (consp (cdr type)) (null (cddr type)))
           `(let ((,v ,value))
              (if ,(%type-test-form v (cadr type)) ,v (%type-error ,v ,type))))
          (t form))))

(defun %type-test-form (var type)
  ;; Open-coded for the commonest slot types.
  (case type
    (fixnum `(%fixnump ,var))
    (symbol `(%symbolp ,var))
    (character `(%characterp ,var))
    (cons `(%consp ,var))
    (list `(listp ,var))
    (function `(%functionp ,var))
    (simple-vector `(%simple-vector-p ,var))
    (t `(typep ,var ',type))))

(defun %checked-slot-form (form type)
  ;; FORM, wrapped in a type check unless TYPE is T.
  (if (eq type t) form `(%check-slot-type ,form ',type)))

;;; The compiler macro of a reader and the setf expander of an accessor.
(defun %define-structure-accessor (accessor name index type read-only)
  (%define-compiler-macro
   accessor
   (lambda (form env)
     (declare (ignore env))
     (if (and (consp (cdr form)) (null (cddr form)))
         `(%structure-ref ,(cadr form) ',name ,index)
         form)))
  (if read-only
      (remprop accessor '%setf-expander)
      (%put accessor '%setf-expander
            (lambda (place env)
              (declare (ignore env))
              (unless (and (consp (cdr place)) (null (cddr place)))
                (error "~S is not a valid place: ~S takes one argument" place accessor))
              (let ((object (gensym "OBJECT")) (value (gensym "NEW")))
                (values (list object) (list (cadr place)) (list value)
                        `(%structure-set ,object ',name ,index ,value ',type)
                        `(%structure-ref ,object ',name ,index))))))
  accessor)

(defun %define-structure-predicate (predicate name)
  (%define-compiler-macro
   predicate
   (lambda (form env)
     (declare (ignore env))
     (if (and (consp (cdr form)) (null (cddr form)))
         `(%structure-typep ,(cadr form) ',name)
         form)))
  predicate)

;;; DEFSTRUCT

(defmacro defstruct (name-and-options &rest slot-specs)
  (let ((name (if (consp name-and-options) (car name-and-options) name-and-options))
        (options (if (consp name-and-options)
                     (mapcar (lambda (option) (if (consp option) option (list option)))
                             (cdr name-and-options))
                     nil)))
    (unless (and name (symbolp name))
      (error "DEFSTRUCT: ~S is not a valid structure name" name))
    (dolist (option options)
      (unless (member (car option) '(:conc-name :constructor :copier :predicate :include
                                     :print-function :print-object :type :named
                                     :initial-offset))
        (error "DEFSTRUCT ~S: unknown option ~S" name option)))
    (when (stringp (car slot-specs)) (setq slot-specs (cdr slot-specs)))  ; documentation
    (%defstruct-expansion name options slot-specs)))

(defun %append-map (function &rest lists)
  ;; APPEND of the lists FUNCTION returns (MAPCAN without its NCONC).
  (apply #'append (apply #'mapcar function lists)))

(defun %symbolicate (&rest parts)
  ;; The symbol named by the concatenated names of PARTS, in *PACKAGE*.
  (let* ((strings (mapcar #'string parts))
         (name (%make-string (apply #'+ (mapcar #'length strings)) #\Space))
         (i 0))
    (dolist (string strings)
      (dotimes (j (length string))
        (%set-schar name i (%schar string j))
        (setq i (+ i 1))))
    (values (intern name))))

;;; The name an option gives, DEFAULT when the option is absent or has no
;;; argument, NIL for (:option nil).
(defun %defstruct-option-name (options key default)
  (let ((option (assoc key options)))
    (if (and option (cdr option)) (cadr option) default)))

(defun %defstruct-conc-name (name options)
  (let ((option (assoc :conc-name options)))
    (cond ((null option) (%symbolicate name "-"))
          ((null (cdr option)) nil)
          ((null (cadr option)) nil)
          (t (string (cadr option))))))

;;; The constructors: a list of (name) for a keyword constructor and (name
;;; lambda-list) for a BOA constructor.
(defun %defstruct-constructors (name options)
  (let ((default (%symbolicate "MAKE-" name))
        (result nil)
        (any nil))
    (dolist (option options)
      (when (eq (car option) :constructor)
        (setq any t)
        (cond ((null (cdr option)) (push (list default) result))
              ((null (cadr option)))
              ((null (cddr option)) (push (list (cadr option)) result))
              (t (push (list (cadr option) (caddr option)) result)))))
    (if any (nreverse result) (list (list default)))))

(defun %defstruct-representation (name options)
  (let ((option (assoc :type options)))
    (cond ((null option) :instance)
          ((eq (cadr option) 'list) 'list)
          ((or (eq (cadr option) 'vector)
               (and (consp (cadr option)) (eq (car (cadr option)) 'vector)))
           'vector)
          (t (error "DEFSTRUCT ~S: :TYPE ~S is not supported" name (cadr option))))))

(defun %parse-slot-spec (spec)
  ;; (name initform initform-p type read-only) of a slot description.
  (if (symbolp spec)
      (list spec nil nil t nil)
      (destructuring-bind (name &optional (initform nil initform-p) &key (type t) read-only
                                  documentation)
          spec
        (declare (ignore documentation))
        (list name initform initform-p type read-only))))

(defun %override-dslot (slot override conc-name)
  ;; An included slot, changed by a slot description of :INCLUDE.
  (let ((accessor (%slot-accessor-name conc-name (%dslot-name slot))))
    (if override
        (destructuring-bind (name initform initform-p type read-only) (%parse-slot-spec override)
          (declare (ignore name))
          (%make-dslot (%dslot-name slot) (%dslot-index slot) initform initform-p
                       (if (eq type t) (%dslot-type slot) type)
                       (or read-only (%dslot-read-only slot))
                       accessor))
        (%make-dslot (%dslot-name slot) (%dslot-index slot) (%dslot-initform slot)
                     (%dslot-initform-p slot) (%dslot-type slot) (%dslot-read-only slot)
                     accessor))))

(defun %slot-override (slot-name specs)
  ;; The slot description of :INCLUDE for the slot SLOT-NAME, or NIL.
  (dolist (spec specs nil)
    (when (eq (if (consp spec) (car spec) spec) slot-name) (return spec))))

(defun %slot-accessor-name (conc-name slot-name)
  (if conc-name (%symbolicate conc-name slot-name) slot-name))

(defun %defstruct-expansion (name options slot-specs)
  (let* ((representation (%defstruct-representation name options))
         (named (or (eq representation :instance) (assoc :named options)))
         (include (cdr (assoc :include options)))
         (parent (and include (%find-structure-description (car include))))
         (conc-name (%defstruct-conc-name name options))
         (offset (%defstruct-option-name options :initial-offset 0))
         (slots nil)
         (index (if parent (%structure-size parent) 0))
         (name-index nil))
    (when (and parent (not (eq (%structure-representation parent) representation)))
      (error "DEFSTRUCT ~S: ~S is not a structure of the same representation"
             name (car include)))
    ;; The included slots, then the offset, the name and the own slots.
    (when parent
      (dolist (slot (%structure-slots parent))
        (push (%override-dslot slot (%slot-override (%dslot-name slot) (cdr include)) conc-name)
              slots)))
    (unless (eq representation :instance)
      (setq index (+ index offset))
      (when named (setq name-index index index (+ index 1))))
    (dolist (spec slot-specs)
      (destructuring-bind (slot-name initform initform-p type read-only) (%parse-slot-spec spec)
        (push (%make-dslot slot-name index initform initform-p type read-only
                           (%slot-accessor-name conc-name slot-name))
              slots)
        (setq index (+ index 1))))
    (setq slots (nreverse slots))
    (let ((description (%make-structure-description
                        name representation name-index index slots
                        (append (and parent (%structure-names parent))
                                (and name-index (list (cons name-index name))))
                        (dolist (constructor (%defstruct-constructors name options) nil)
                          (unless (cdr constructor) (return (car constructor)))))))
      (if (eq representation :instance)
          (%instance-defstruct-expansion description options parent)
          (%typed-defstruct-expansion description options parent named)))))

(defun %inherited-accessor-p (slot parent)
  ;; Does the included type already define this accessor for this slot?
  (and parent
       (let ((old (%find-dslot (%dslot-name slot) (%structure-slots parent))))
         (and old (eq (%dslot-accessor old) (%dslot-accessor slot))))))

(defun %defstruct-printer-form (options)
  (let ((print-function (assoc :print-function options))
        (print-object (assoc :print-object options)))
    (flet ((function-form (designator)
             (if (symbolp designator) `',designator `(function ,designator))))
      (cond ((and print-function (cdr print-function))
             (function-form (cadr print-function)))
            ((and print-object (cdr print-object))
             (let ((object (gensym "OBJECT")) (stream (gensym "STREAM"))
                   (depth (gensym "DEPTH")))
               `(lambda (,object ,stream ,depth)
                  (declare (ignore ,depth))
                  (funcall ,(function-form (cadr print-object)) ,object ,stream))))
            (t nil)))))

(defun %instance-defstruct-expansion (description options parent)
  (let* ((name (%structure-description-name description))
         (slots (%structure-slots description))
         (predicate (%defstruct-option-name options :predicate (%symbolicate name "-P")))
         (copier (%defstruct-option-name options :copier (%symbolicate "COPY-" name))))
    `(progn
       (eval-when (:compile-toplevel :load-toplevel :execute)
         (%define-structure ',description
                            ',(if parent (%structure-description-name parent) 'structure-object)
                            ,(%defstruct-printer-form options)))
       ,@(mapcar (lambda (constructor) (%instance-constructor description constructor))
                 (%defstruct-constructors name options))
       ,@(%append-map (lambda (slot)
                        (unless (%inherited-accessor-p slot parent)
                          (%instance-accessor-definitions name slot)))
                      slots)
       ,@(when predicate
           `((eval-when (:compile-toplevel :load-toplevel :execute)
               (%define-structure-predicate ',predicate ',name))
             (defun ,predicate (object) (%structure-typep object ',name))))
       ,@(when copier
           `((defun ,copier (instance) (copy-structure (%check-structure instance ',name)))))
       ',name)))

(defun %instance-accessor-definitions (name slot)
  (let ((accessor (%dslot-accessor slot))
        (index (%dslot-index slot))
        (type (%dslot-type slot))
        (read-only (%dslot-read-only slot)))
    `((eval-when (:compile-toplevel :load-toplevel :execute)
        (%define-structure-accessor ',accessor ',name ,index ',type ',read-only))
      (defun ,accessor (instance) (%structure-ref instance ',name ,index))
      ,@(unless read-only
          `((defun (setf ,accessor) (value instance)
              (%structure-set instance ',name ,index value ',type)))))))

;;; Constructors.  Each slot's value is a variable of the lambda list, else
;;; its initform, else NIL.

(defun %keyword-constructor-lambda-list (slots)
  ;; (&key ((:slot #:var) initform) ...): the variables are fresh, so an
  ;; initform does not see the other slots' values.
  (let ((vars (mapcar (lambda (slot) (make-symbol (symbol-name (%dslot-name slot)))) slots)))
    (values (cons '&key
                  (mapcar (lambda (slot var)
                            (if (%dslot-initform-p slot)
                                `((,(%dslot-keyword slot) ,var) ,(%dslot-initform slot))
                                `((,(%dslot-keyword slot) ,var))))
                          slots vars))
            vars)))

(defun %boa-variable (item section)
  ;; The variable a BOA lambda-list item binds.
  (cond ((not (consp item)) item)
        ((and (eq section '&key) (consp (car item))) (cadr (car item)))
        (t (car item))))

(defun %boa-lambda-list (lambda-list slots)
  ;; The lambda list, where an optional or key parameter without a default
  ;; defaults to its slot's initform; and a list (slot . variable) of the
  ;; slots it sets.
  (let ((section nil) (result nil) (set nil))
    (dolist (item lambda-list)
      (if (member item lambda-list-keywords)
          (progn (setq section item) (push item result))
          (let* ((var (%boa-variable item section))
                 (slot (%find-dslot var slots)))
            (when slot (push (cons slot var) set))
            (push (if (and slot (member section '(&optional &key))
                           (or (symbolp item) (null (cdr item)))
                           (%dslot-initform-p slot))
                      (list (if (consp item) (car item) item) (%dslot-initform slot))
                      item)
                  result))))
    (values (nreverse result) set)))

(defun %slot-value-forms (slots set)
  ;; For each slot, the form of its initial value.
  (mapcar (lambda (slot)
            (let ((entry (assoc slot set)))
              (cond (entry (cdr entry))
                    ((%dslot-initform-p slot) (%dslot-initform slot))
                    (t nil))))
          slots))

(defun %constructor-lambda-list (description constructor)
  ;; (values lambda-list value-forms)
  (let ((slots (%structure-slots description)))
    (if (cdr constructor)
        (multiple-value-bind (lambda-list set) (%boa-lambda-list (cadr constructor) slots)
          (values lambda-list (%slot-value-forms slots set)))
        (multiple-value-bind (lambda-list vars) (%keyword-constructor-lambda-list slots)
          (values lambda-list vars)))))

(defun %instance-constructor (description constructor)
  (let ((name (%structure-description-name description))
        (slots (%structure-slots description)))
    (multiple-value-bind (lambda-list forms) (%constructor-lambda-list description constructor)
      `(defun ,(car constructor) ,lambda-list
         (%make-structure ',name
                          ,@(mapcar (lambda (slot form)
                                      (and form (%checked-slot-form form (%dslot-type slot))))
                                    slots forms))))))

;;; Typed structures

(defun %typed-defstruct-expansion (description options parent named)
  (let* ((name (%structure-description-name description))
         (representation (%structure-representation description))
         (slots (%structure-slots description))
         (name-index (%structure-name-index description))
         (predicate (and named
                         (%defstruct-option-name options :predicate (%symbolicate name "-P"))))
         (copier (%defstruct-option-name options :copier (%symbolicate "COPY-" name))))
    `(progn
       (eval-when (:compile-toplevel :load-toplevel :execute)
         (%define-structure ',description nil nil))
       ,@(mapcar (lambda (constructor) (%typed-constructor description constructor))
                 (%defstruct-constructors name options))
       ,@(%append-map (lambda (slot)
                        (unless (%inherited-accessor-p slot parent)
                          (%typed-accessor-definitions representation slot)))
                      slots)
       ,@(when predicate
           `((defun ,predicate (object)
               ,(if (eq representation 'list)
                    `(and (listp object) (eq (nth ,name-index object) ',name))
                    `(and (simple-vector-p object)
                          (> (length object) ,name-index)
                          (eq (svref object ,name-index) ',name))))))
       ,@(when copier
           `((defun ,copier (structure)
               ,(if (eq representation 'list) '(copy-list structure) '(copy-seq structure)))))
       ',name)))

(defun %typed-constructor (description constructor)
  (let* ((representation (%structure-representation description))
         (slots (%structure-slots description))
         (elements nil))
    (multiple-value-bind (lambda-list forms) (%constructor-lambda-list description constructor)
      ;; Each element: a slot's value, the name, or a filler (0 in vectors,
      ;; NIL in lists, as in SBCL).
      (dotimes (index (%structure-size description))
        (let ((position (%slot-position index slots)))
          (push (cond (position
                       (let ((slot (nth position slots)))
                         (%checked-slot-form (nth position forms) (%dslot-type slot))))
                      ((assoc index (%structure-names description))
                       `',(cdr (assoc index (%structure-names description))))
                      ((eq representation 'vector) 0)
                      (t nil))
                elements)))
      `(defun ,(car constructor) ,lambda-list
         (,(if (eq representation 'list) 'list 'vector) ,@(nreverse elements))))))

(defun %slot-position (index slots)
  (let ((position 0))
    (dolist (slot slots nil)
      (when (eql (%dslot-index slot) index) (return position))
      (setq position (+ position 1)))))

(defun %typed-accessor-definitions (representation slot)
  (let ((accessor (%dslot-accessor slot))
        (index (%dslot-index slot))
        (type (%dslot-type slot)))
    `((defun ,accessor (structure)
        ,(if (eq representation 'list) `(nth ,index structure) `(aref structure ,index)))
      ,@(unless (%dslot-read-only slot)
          `((defun (setf ,accessor) (value structure)
              (let ((value ,(%checked-slot-form 'value type)))
                ,(if (eq representation 'list)
                     `(rplaca (nthcdr ,index structure) value)
                     `(setf (aref structure ,index) value))
                value)))))))

;;; Structure objects

(defun copy-structure (structure)
  (%check-structure structure 'structure-object)
  (let* ((size (%instance-length structure))
         (copy (%make-instance (%instance-layout structure) size)))
    (dotimes (i size copy)
      (%instance-set copy i (%instance-ref structure i)))))

(defun %structure-equalp (a b)
  ;; EQUALP of an instance A and an object B: structures of the same type
  ;; compare slot by slot, or by their type's own EQUALP (a function under
  ;; :EQUALP in the layout's properties: hash tables).  Other instances
  ;; (conditions) are EQUALP only when EQ.
  (and (%instancep b)
       (let ((layout (%instance-layout a)))
         (and (%eq layout (%instance-layout b))
              (%layout-p layout)
              (eq (layout-kind layout) :structure)
              (let ((own (getf (layout-properties layout) :equalp)))
                (if own
                    (and (funcall own a b) t)
                    (dotimes (i (%instance-length a) t)
                      (unless (equalp (%instance-ref a i) (%instance-ref b i))
                        (return nil)))))))))

;;; Reading #S(NAME slot value ...): the structure made by NAME's keyword
;;; constructor, each slot name turned into a keyword (CLHS 2.4.8.13).  For
;;; the reader: FORM is the list read after #S.
(defun %sharp-s-structure (form)
  (unless (and (consp form) (symbolp (car form)))
    (error "#S~S is not a structure: #S needs a structure name" form))
  (let ((constructor (%structure-constructor (%find-structure-description (car form))))
        (initargs nil))
    (unless constructor
      (error "The structure ~S has no keyword constructor for #S" (car form)))
    (do ((tail (cdr form) (cddr tail)))
        ((atom tail))
      (push (intern (string (car tail)) "KEYWORD") initargs)
      (push (if (consp (cdr tail)) (cadr tail) nil) initargs))
    (apply constructor (nreverse initargs))))

;;; Printing: #S(NAME :SLOT value ...), as SBCL prints it.  LEVEL is the
;;; depth of the structure in the object printed.  The pretty printer puts
;;; each slot on a line of its own when the whole does not fit.
(defun %default-structure-p (instance)
  (let ((layout (%instance-layout instance)))
    (and (%layout-p layout)
         (eq (layout-kind layout) :structure)
         (null (layout-printer layout)))))

(defun %print-structure (instance stream escape level)
  (cond ((and *print-level* (>= level *print-level*)) (%stream-write-char stream #\#))
        ((and *print-pretty* (null *%flat-limit*))
         (let ((*%current-level* level) (*print-escape* escape))
           (%pprint-structure instance stream)))
        (t (%print-structure-flat instance stream escape level))))

(defun %print-structure-flat (instance stream escape level)
  (let ((layout (%instance-layout instance)) (count 0))
    (%stream-write-string stream "#S(" 0 3)
    (%print-object (layout-name layout) escape level stream)
    (dolist (slot (layout-slots layout))
      (when (and *print-length* (>= count *print-length*))
        (%stream-write-string stream " ..." 0 4)
        (return))
      (%stream-write-char stream #\Space)
      (%print-object (car (slot-description-initargs slot)) t (+ level 1) stream)
      (%stream-write-char stream #\Space)
      (%print-object (%instance-ref instance count) escape (+ level 1) stream)
      (setq count (+ count 1)))
    (%stream-write-char stream #\))))

;;; PRINT-UNREADABLE-OBJECT (CLHS 22.4): #<TYPE body {id}>.  The identity
;;; is the object's identity hash (SBCL prints its address).
(defmacro print-unreadable-object ((object stream &key type identity) &body body)
  `(%print-unreadable-object ,object ,stream ,type ,identity
                             ,(if body `(lambda () ,@body) nil)))

(defun %print-unreadable-object (object stream type identity body)
  (let ((stream (%output-stream stream)))
    (flet ((contents ()
             (when type
               (%print-object (type-of object) t 0 stream)
               (when body (%stream-write-char stream #\Space)))
             (when body (funcall body))
             (when identity
               (when (or type body) (%stream-write-char stream #\Space))
               (%stream-write-char stream #\{)
               (%write-integer (%object-hash object) 16 stream)
               (%stream-write-char stream #\}))))
      ;; Within a logical block when pretty printing on a pretty stream (the
      ;; body writes to the stream it was given).
      (if (and *print-pretty* (%pretty-stream-p stream))
          (%pprint-unreadable stream #'contents)
          (progn (%stream-write-string stream "#<" 0 2)
                 (contents)
                 (%stream-write-char stream #\>))))
    nil))
