;;;; layout.lisp -- layouts: the descriptions of instance types (conditions,
;;;; structures, streams, standard objects).  An instance's layout says its
;;;; type's name, its precedence list (for TYPEP) and its slots (for access
;;;; by name).
;;;;
;;;; A layout is itself an instance, whose layout is the symbol LAYOUT.  It
;;;; lives on its type name's plist under %LAYOUT.  The last three fields are
;;;; CLOS's (clos-classes.lisp): the class object of the type (made on
;;;; demand for structures and conditions), an alist (slot-name . location)
;;;; for SLOT-VALUE, and the names of the direct supertypes.

(in-package "CLYSM")

(defconstant +layout-size+ 11)

(defun %layout-p (x)
  (and (%instancep x) (%eq (%instance-layout x) 'layout)))

(defun layout-name (layout) (%instance-ref layout 0))
(defun layout-precedence (layout) (%instance-ref layout 1))  ; names, self first
(defun layout-slots (layout) (%instance-ref layout 2))       ; slot descriptions
(defun layout-kind (layout) (%instance-ref layout 3))        ; :condition or :structure
(defun layout-report (layout) (%instance-ref layout 4))
(defun layout-printer (layout) (%instance-ref layout 5))
(defun layout-default-initargs (layout) (%instance-ref layout 6))
(defun layout-properties (layout) (%instance-ref layout 7))
(defun layout-class (layout) (%instance-ref layout 8))
(defun layout-slot-locations (layout) (%instance-ref layout 9))
(defun layout-parents (layout) (%instance-ref layout 10))

(defun (setf layout-slots) (slots layout) (%instance-set layout 2 slots))
(defun (setf layout-report) (report layout) (%instance-set layout 4 report))
(defun (setf layout-printer) (printer layout) (%instance-set layout 5 printer))
(defun (setf layout-default-initargs) (initargs layout) (%instance-set layout 6 initargs))
(defun (setf layout-properties) (plist layout) (%instance-set layout 7 plist))
(defun (setf layout-class) (class layout) (%instance-set layout 8 class))
(defun (setf layout-slot-locations) (alist layout) (%instance-set layout 9 alist))

(defun find-layout (name &optional (errorp t))
  (or (get name '%layout)
      (and errorp (error "~S does not name a condition or structure type" name))))

;;; A slot description: (name initargs initfunction readers), initfunction
;;; being NIL when the slot has no initform.
(defun slot-description-name (slot) (car slot))
(defun slot-description-initargs (slot) (cadr slot))
(defun slot-description-initfunction (slot) (caddr slot))

(defun %precedence-list (name parents)
  ;; NAME, then each parent's precedence list in order, without repeats.
  (let ((result (list name)))
    (dolist (parent parents)
      (dolist (ancestor (layout-precedence (find-layout parent)))
        (unless (member ancestor result) (push ancestor result))))
    (nreverse result)))

(defun %inherited-slots (parents own)
  ;; The parents' slots (first parent first), then OWN; a slot named again
  ;; keeps its first place and takes the newest description.
  (let ((result nil))
    (flet ((add (slot)
             (let ((old (assoc (slot-description-name slot) result)))
               (if old
                   (setq result (%substitute-slot slot old result))
                   (push slot result)))))
      (dolist (parent parents)
        (dolist (slot (layout-slots (find-layout parent))) (add slot)))
      (dolist (slot own) (add slot)))
    (nreverse result)))

(defun %substitute-slot (new old slots)
  (mapcar (lambda (slot) (if (eq slot old) new slot)) slots))

(defun %make-layout (name precedence slots kind parents)
  (let ((layout (%make-instance 'layout +layout-size+)))
    (%instance-set layout 0 name)
    (%instance-set layout 1 precedence)
    (%instance-set layout 2 slots)
    (%instance-set layout 3 kind)
    (%instance-set layout 10 parents)
    layout))

(defun %define-layout (name parents own-slots kind)
  ;; Make (or remake) the layout of NAME; returns it.
  (let ((layout (%make-layout name (%precedence-list name parents)
                              (%inherited-slots parents own-slots) kind parents)))
    (%put name '%layout layout)
    layout))

(defun %instance-of-type-p (object name)
  ;; TYPEP for the types that layouts describe.
  (and (%instancep object)
       (let ((layout (%instance-layout object)))
         (and (%layout-p layout)
              (member name (layout-precedence layout))
              t))))

(defun %slot-index (instance slot-name)
  (let ((index 0))
    (dolist (slot (layout-slots (%instance-layout instance))
                  (error "~S has no slot named ~S" instance slot-name))
      (when (eq (slot-description-name slot) slot-name) (return index))
      (setq index (1+ index)))))

(defun %slot-value (instance slot-name)
  (%instance-ref instance (%slot-index instance slot-name)))

(defun (setf %slot-value) (value instance slot-name)
  (%instance-set instance (%slot-index instance slot-name) value))

(defun %allocate-instance (layout initargs)
  ;; A new instance of LAYOUT with slots from INITARGS, else their initforms
  ;; (the layout's default initargs count as given last).
  (let* ((slots (layout-slots layout))
         (instance (%make-instance layout (length slots)))
         (initargs (append initargs (layout-default-initargs layout)))
         (index 0))
    (dolist (slot slots instance)
      (let ((found (%initarg-value initargs (slot-description-initargs slot))))
        (%instance-set instance index
                       (cond (found (car found))
                             ((slot-description-initfunction slot)
                              (funcall (slot-description-initfunction slot)))
                             (t nil))))
      (setq index (1+ index)))))

(defun %initarg-value (initargs keys)
  ;; (value) for the first of KEYS given in INITARGS, else NIL.
  (do ((tail initargs (cddr tail)))
      ((atom tail) nil)
    (when (member (car tail) keys) (return (list (cadr tail))))))

;;; Printing instances: the printer calls this for every instance, with
;;; the escape flag and the depth (LEVEL) of the instance in the object
;;; being printed.  First PRINT-OBJECT's methods (CLOS sets the hook: a
;;; function of (instance stream escape) that returns true when a method
;;; other than the default one printed the instance), then a layout's printer, a
;;; function of (instance stream depth); without one, structures print as
;;; #S(...) (struct.lisp).
(defvar *print-object-hook* nil)

(defun %print-instance (instance stream &optional (escape *print-escape*) (level 0))
  (let ((hook *print-object-hook*))
    (unless (and hook (funcall hook instance stream escape))
      (%print-instance-default instance stream escape level))))

(defun %print-instance-default (instance stream escape level)
  (let ((layout (%instance-layout instance)))
    (cond ((not (%layout-p layout))
           (%print-unreadable "INSTANCE" stream))
          ((layout-printer layout)
           (funcall (layout-printer layout) instance stream level))
          ((eq (layout-kind layout) :condition)
           (%print-condition instance stream))
          ((eq (layout-kind layout) :structure)
           (%print-structure instance stream escape level))
          (t (%print-unreadable (symbol-name (layout-name layout)) stream)))))
