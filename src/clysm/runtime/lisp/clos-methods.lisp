;;;; clos-methods.lisp -- CLOS, part 2: generic functions, methods,
;;;; dispatch and the standard method combination (docs/object-model.md,
;;;; "CLOS").
;;;;
;;;; A generic function is an indirect function (the kind of function object
;;;; whose code Tier 2 promotion retargets) whose info slot holds its record
;;;; and whose target is its discriminating function: a closure over the
;;;; record that computes a dispatch key for each specialized argument (the
;;;; layout of an instance, the built-in class of any other object, or the
;;;; EQL specializer the argument matches), finds the effective method
;;;; function for those keys in the record's cache, and calls it with the
;;;; arguments.  A miss computes the applicable methods, sorts them,
;;;; combines them and fills the cache.  Adding or removing a method empties
;;;; the cache and installs a new discriminating function; redefining a
;;;; class empties every cache.
;;;;
;;;; Calling conventions, all with the arguments spread: an effective method
;;;; function takes the generic function's arguments; a method's function
;;;; takes them too when its body does not use CALL-NEXT-METHOD or
;;;; NEXT-METHOD-P (a "fast" function), else it takes first the effective
;;;; method function of the next methods, or when there is none the method
;;;; itself.  A generic function with only required parameters (at most 3)
;;;; gets discriminating and combined functions of that arity: a call conses
;;;; nothing.

(in-package "CLYSM")

(defconstant +gf-size+ 14)
(%define-fields
 (%gf-name 0) (%gf-function 1) (%gf-lambda-list 2) (%gf-methods 3) (%gf-cache 4)
 (%gf-positions 5) (%gf-required 6) (%gf-arity 7) (%gf-eql-tables 8)
 (%gf-documentation 9) (%gf-initial-methods 10) (%gf-optional 11) (%gf-rest-p 12)
 (%gf-plist 13))

(defconstant +method-size+ 9)
(%define-fields
 (%method-generic-function 0) (%method-specializers 1) (%method-qualifiers 2)
 (%method-lambda-list 3) (%method-function 4) (%method-fast-function 5)
 (%method-documentation 6) (%method-keywords 7) (%method-plist 8))

(define-condition no-applicable-method-error (error)
  ((generic-function :initarg :generic-function :reader %nam-generic-function)
   (arguments :initarg :arguments :reader %nam-arguments))
  (:report (lambda (condition stream)
             (format stream "There is no applicable method for the generic function~%  ~S~%~
                             when called with arguments~%  ~S."
                     (%nam-generic-function condition) (%nam-arguments condition)))))

(define-condition no-primary-method-error (no-applicable-method-error) ()
  (:report (lambda (condition stream)
             (format stream "There is no primary method for the generic function~%  ~S~%~
                             when called with arguments~%  ~S."
                     (%nam-generic-function condition) (%nam-arguments condition)))))

(define-condition no-next-method-error (error)
  ((generic-function :initarg :generic-function :reader %nnm-generic-function)
   (method :initarg :method :reader %nnm-method)
   (arguments :initarg :arguments :reader %nnm-arguments))
  (:report (lambda (condition stream)
             (format stream "There is no next method for the generic function~%  ~S~%~
                             when called from method~%  ~S~%with arguments~%  ~S."
                     (%nnm-generic-function condition) (%nnm-method condition)
                     (%nnm-arguments condition)))))

;;; Lambda lists

(defun %keyword-parameter-name (item)
  (cond ((symbolp item) (intern (symbol-name item) "KEYWORD"))
        ((consp (car item)) (caar item))
        (t (intern (symbol-name (car item)) "KEYWORD"))))

(defun %analyze-lambda-list (lambda-list)
  ;; (values required optional rest-p key-p keywords allow-other-keys-p)
  (let ((state :required) (required 0) (optional 0) (rest-p nil) (key-p nil)
        (keywords nil) (allow nil))
    (dolist (item lambda-list)
      (case item
        (&optional (setq state :optional))
        ((&rest &body) (setq state :rest rest-p t))
        (&key (setq state :key key-p t))
        (&allow-other-keys (setq allow t))
        (&aux (setq state :aux))
        (t (case state
             (:required (setq required (+ required 1)))
             (:optional (setq optional (+ optional 1)))
             (:key (push (%keyword-parameter-name item) keywords))))))
    (values required optional rest-p key-p (nreverse keywords) allow)))

(defun %accepted-keywords (lambda-list)
  ;; The keyword arguments a method accepts: T for any, else a list.
  (multiple-value-bind (required optional rest-p key-p keywords allow)
      (%analyze-lambda-list lambda-list)
    (declare (ignore required optional rest-p key-p))
    (if allow t keywords)))

;;; Generic function records

(defvar *generic-function-records* nil)

(defun %find-generic-function-record (name)
  (let ((cell (%function-cell name)))
    (unless cell (error 'type-error :datum name :expected-type '(or symbol (cons (eql setf)))))
    (let ((function (%symbol-function cell)))
      (and function (%generic-function-record function)))))

(defun %make-generic-function (name lambda-list)
  (let ((record (%make-instance *generic-function-record-layout* +gf-size+)))
    (setf (%gf-name record) name
          (%gf-methods record) nil)
    (%set-generic-lambda-list record lambda-list)
    (let ((function (%make-indirect-function (%make-discriminator record) name)))
      (%set-function-info function record)
      (setf (%gf-function record) function)
      (push record *generic-function-records*)
      (%fset (%function-cell name) function)
      record)))

(defun %set-generic-lambda-list (record lambda-list)
  (multiple-value-bind (required optional rest-p key-p) (%analyze-lambda-list lambda-list)
    (setf (%gf-lambda-list record) lambda-list
          (%gf-required record) required
          (%gf-optional record) optional
          (%gf-rest-p record) (or rest-p key-p)
          (%gf-arity record) (if (or (> optional 0) rest-p key-p) nil required))))

(defun %check-generic-function-name (name)
  ;; NAME may not name a macro, a special operator or an ordinary function.
  (let ((cell (%function-cell name)))
    (when (or (and (symbolp name) (or (special-operator-p name) (macro-function name)))
              (and cell (%symbol-function cell)))
      (error 'simple-program-error
             :format-control "~S already names an ordinary function or a macro."
             :format-arguments (list name)))))

(defun ensure-generic-function (name &key (lambda-list nil lambda-list-p) documentation
                                       &allow-other-keys)
  (let ((record (%find-generic-function-record name)))
    (cond (record
           (when lambda-list-p (%change-generic-lambda-list record lambda-list)))
          (t (%check-generic-function-name name)
             (setq record (%make-generic-function name lambda-list))))
    (when documentation (setf (%gf-documentation record) documentation))
    (%gf-function record)))

(defun %change-generic-lambda-list (record lambda-list)
  (unless (equal lambda-list (%gf-lambda-list record))
    (%set-generic-lambda-list record lambda-list)
    (dolist (method (%gf-methods record))
      (%check-congruence record (%method-lambda-list method)))
    (%methods-changed record)))

(defun %defgeneric (name lambda-list documentation)
  ;; DEFGENERIC: methods defined by the previous DEFGENERIC's :METHOD
  ;; options go away (CLHS DEFGENERIC).
  (let ((function (ensure-generic-function name :lambda-list lambda-list))
        (record (%find-generic-function-record name)))
    (dolist (method (%gf-initial-methods record))
      (remove-method function method))
    (setf (%gf-initial-methods record) nil
          (%gf-documentation record) documentation)
    function))

(defun %note-initial-method (name method)
  (push method (%gf-initial-methods (%find-generic-function-record name)))
  method)

(defun %generic-lambda-list-for (method-lambda-list)
  ;; The lambda list of a generic function made by DEFMETHOD (CLHS 7.6.4).
  (multiple-value-bind (required optional rest-p key-p) (%analyze-lambda-list method-lambda-list)
    (let ((result nil))
      (dotimes (k required) (push (%numbered-symbol "ARG" k) result))
      (when (> optional 0)
        (push '&optional result)
        (dotimes (k optional) (push (%numbered-symbol "OPTIONAL" k) result)))
      (cond (key-p (push '&key result))
            (rest-p (push '&rest result) (push 'rest result)))
      (nreverse result))))

(defun %numbered-symbol (prefix n)
  (intern (format nil "~A~D" prefix n) "CLYSM"))

(defun %check-congruence (record lambda-list)
  (multiple-value-bind (required optional rest-p key-p) (%analyze-lambda-list lambda-list)
    (unless (and (= required (%gf-required record))
                 (= optional (%gf-optional record))
                 (eq (and (or rest-p key-p) t) (and (%gf-rest-p record) t)))
      (error "The lambda list ~S is not congruent with the lambda list ~S of the generic function ~S."
             lambda-list (%gf-lambda-list record) (%gf-name record)))))

;;; Methods

(defvar *eql-specializers* (make-hash-table :test 'eql))

(defun intern-eql-specializer (object)
  (or (gethash object *eql-specializers*)
      (let ((specializer (%make-instance (%class-layout (find-class 'eql-specializer)) 1)))
        (%instance-set specializer 0 object)
        (setf (gethash object *eql-specializers*) specializer))))

(defun %eql-specializer-p (x)
  (and (%instancep x) (%eq (%instance-layout x) (%class-layout (find-class 'eql-specializer)))))

(defun eql-specializer-object (specializer) (%instance-ref specializer 0))

(defun %specializer (designator)
  (cond ((symbolp designator) (find-class designator))
        ((and (consp designator) (eq (car designator) 'eql))
         (intern-eql-specializer (cadr designator)))
        (t designator)))

(defun %make-method (specializers qualifiers lambda-list function fast-p documentation)
  (let ((method (%make-instance (%class-layout (find-class 'standard-method)) +method-size+)))
    (setf (%method-specializers method) specializers
          (%method-qualifiers method) qualifiers
          (%method-lambda-list method) lambda-list
          (%method-documentation method) documentation
          (%method-keywords method) (%accepted-keywords lambda-list))
    (if fast-p
        (setf (%method-fast-function method) function)
        (setf (%method-function method) function))
    method))

(defun %defmethod (name qualifiers specializers lambda-list function fast-p documentation)
  (let* ((record (or (%find-generic-function-record name)
                     (progn (ensure-generic-function
                             name :lambda-list (%generic-lambda-list-for lambda-list))
                            (%find-generic-function-record name))))
         (method (%make-method (mapcar #'%specializer specializers) qualifiers lambda-list
                               function fast-p documentation)))
    (%add-method record method)
    method))

(defun %same-method-p (method qualifiers specializers)
  (and (equal (%method-qualifiers method) qualifiers)
       (do ((a (%method-specializers method) (cdr a)) (b specializers (cdr b)))
           ((or (null a) (null b)) (and (null a) (null b)))
         (unless (eq (car a) (car b)) (return nil)))))

(defun %add-method (record method)
  (%check-congruence record (%method-lambda-list method))
  (let ((old (find-if (lambda (m)
                        (%same-method-p m (%method-qualifiers method)
                                        (%method-specializers method)))
                      (%gf-methods record))))
    (when old
      (setf (%gf-methods record) (remove old (%gf-methods record))
            (%method-generic-function old) nil))
    (setf (%method-generic-function method) record)
    (push method (%gf-methods record))
    (%methods-changed record)
    method))

(defun %remove-method (record method)
  (when (member method (%gf-methods record))
    (setf (%gf-methods record) (remove method (%gf-methods record))
          (%method-generic-function method) nil)
    (%methods-changed record)))

(defvar *method-epoch* 0
  "Counts method changes; make-instance's initarg checks are valid for one epoch.")

(defun %methods-changed (record)
  ;; The dispatch positions and EQL tables follow the methods; the cache
  ;; starts empty under a new discriminating function.
  (let ((positions nil) (tables nil))
    (dotimes (i (%gf-required record))
      (let ((table nil) (specialized nil))
        (dolist (method (%gf-methods record))
          (let ((specializer (nth i (%method-specializers method))))
            (unless (eq specializer *the-class-t*) (setq specialized t))
            (when (and (%eql-specializer-p specializer)
                       (not (assoc (eql-specializer-object specializer) table)))
              (push (cons (eql-specializer-object specializer) specializer) table))))
        (when specialized
          (push i positions)
          (push table tables))))
    (setf (%gf-positions record) (nreverse positions)
          (%gf-eql-tables record) (nreverse tables)))
  (%clear-cache record)
  (setq *method-epoch* (+ *method-epoch* 1))
  (%set-indirect-target (%gf-function record) (%make-discriminator record)))

(defun %clear-cache (record)
  (setf (%gf-cache record)
        (if (member (length (%gf-positions record)) '(1 2)) (%make-vector 12 nil) nil)))

(defun %clear-all-caches ()
  (dolist (record *generic-function-records*) (%clear-cache record)))

(push '%clear-all-caches *class-redefinition-hooks*)

;;; Dispatch keys and the cache

(defmacro %class-key (x)
  `(if (%instancep ,x) (%instance-layout ,x) (%built-in-class-of ,x)))

(defmacro %dispatch-key (x table)
  ;; TABLE: the alist (object . eql-specializer) of the argument's position.
  `(if ,table (%eql-or-class-key ,x ,table) (%class-key ,x)))

(defun %eql-or-class-key (x table)
  ;; ASSOC's EQL, open-coded: a call of ASSOC goes through its :TEST and :KEY.
  (dolist (entry table (%class-key x))
    (when (eql (car entry) x) (return (cdr entry)))))

(defmacro %probe-cache-1 (cache key)
  ;; CACHE: a vector of (key emf) pairs, NIL keys at the end, at least 12
  ;; long.  The first six pairs are probed without a loop.
  (let ((c (gensym "CACHE")) (k (gensym "KEY")) (i (gensym "I")) (n (gensym "N")))
    `(let ((,c ,cache) (,k ,key))
       (cond ,@(loop for j from 0 below 12 by 2
                     collect `((%eq (%svref ,c ,j) ,k) (%svref ,c ,(+ j 1))))
             ((%eq (%svref ,c 10) nil) nil)
             (t (let ((,i 12) (,n (%vector-length ,c)))
                  (loop
                    (when (%fx>= ,i ,n) (return nil))
                    (let ((entry-key (%svref ,c ,i)))
                      (when (%eq entry-key ,k) (return (%svref ,c (%fx+ ,i 1))))
                      (when (%eq entry-key nil) (return nil)))
                    (setq ,i (%fx+ ,i 2)))))))))

(defmacro %probe-cache-2 (cache key1 key2)
  ;; CACHE: a vector of (key1 key2 emf) triples, at least 12 long; the first
  ;; four are probed without a loop.
  (let ((c (gensym "CACHE")) (k1 (gensym "KEY")) (k2 (gensym "KEY")) (i (gensym "I"))
        (n (gensym "N")))
    `(let ((,c ,cache) (,k1 ,key1) (,k2 ,key2))
       (cond ,@(loop for j from 0 below 12 by 3
                     collect `((if (%eq (%svref ,c ,j) ,k1) (%eq (%svref ,c ,(+ j 1)) ,k2) nil)
                               (%svref ,c ,(+ j 2))))
             ((%eq (%svref ,c 9) nil) nil)
             (t (let ((,i 12) (,n (%vector-length ,c)))
                  (loop
                    (when (%fx>= ,i ,n) (return nil))
                    (let ((entry-key (%svref ,c ,i)))
                      (when (and (%eq entry-key ,k1) (%eq (%svref ,c (%fx+ ,i 1)) ,k2))
                        (return (%svref ,c (%fx+ ,i 2))))
                      (when (%eq entry-key nil) (return nil)))
                    (setq ,i (%fx+ ,i 3)))))))))

(defun %cache-store (record keys emf)
  (case (length keys)
    (0 (setf (%gf-cache record) emf))
    ((1 2) (setf (%gf-cache record) (%vector-cache-store (%gf-cache record) keys emf)))
    (t (push (cons keys emf) (%gf-cache record)))))

(defun %vector-cache-store (cache keys emf)
  ;; CACHE with an entry for KEYS added, grown when full.
  (let* ((width (+ (length keys) 1))
         (n (%vector-length cache))
         (free (do ((i 0 (+ i width))) ((>= i n) nil)
                 (when (null (%svref cache i)) (return i)))))
    (unless free
      (let ((bigger (%make-vector (* n 2) nil)))
        (dotimes (i n) (%svset bigger i (%svref cache i)))
        (setq free n cache bigger)))
    (dolist (key keys) (%svset cache free key) (setq free (+ free 1)))
    (%svset cache free emf)
    cache))

(defun %dispatch-keys (record args)
  (let ((keys nil))
    (do ((positions (%gf-positions record) (cdr positions))
         (tables (%gf-eql-tables record) (cdr tables)))
        ((null positions) (nreverse keys))
      (let ((arg (nth (car positions) args)))
        (push (%dispatch-key arg (car tables)) keys)))))

(defun %emf-for (record args)
  ;; The effective method function for ARGS, from the cache or computed.
  (let ((cache (%gf-cache record))
        (positions (%gf-positions record))
        (tables (%gf-eql-tables record)))
    (or (cond ((null positions) cache)
              ((null (cdr positions))
               (%probe-cache-1 cache (%dispatch-key (nth (car positions) args) (car tables))))
              ((null (cddr positions))
               (%probe-cache-2 cache
                               (%dispatch-key (nth (car positions) args) (car tables))
                               (%dispatch-key (nth (cadr positions) args) (cadr tables))))
              (t (cdr (assoc (%dispatch-keys record args) cache :test #'equal))))
        (%dispatch-miss record args))))

(defun %dispatch-miss (record args)
  (let* ((methods (%sorted-applicable-methods record args))
         (emf (or (%slot-accessor-function methods args)
                  (%keyword-checking record methods
                                     (%compute-effective-method-function record methods)))))
    (%cache-store record (%dispatch-keys record args) emf)
    emf))

;;; A slot accessor method alone (no qualified method applicable) on an
;;; instance of a current standard layout: the effective method reads or
;;; writes the slot's index directly, the cache key being that layout.
(defun %slot-accessor-function (methods args)
  (let ((method (car methods)))
    (when (and method
               (dolist (m methods t) (when (%method-qualifiers m) (return nil))))
      (let ((slot-name (cadr (%method-plist method))))
        (case (car (%method-plist method))
          (:reader (let ((index (%direct-slot-index (car args) slot-name)))
                     (and index (%direct-slot-reader index slot-name))))
          (:writer (let ((index (%direct-slot-index (cadr args) slot-name)))
                     (and index (lambda (value object) (%instance-set object index value))))))))))

(defun %direct-slot-reader (index slot-name)
  (lambda (object)
    (let ((value (%instance-ref object index)))
      (if (%unbound-marker-p value) (slot-value object slot-name) value))))

;;; Discriminating functions

(defun %make-discriminator (record)
  (let ((positions (%gf-positions record))
        (table (car (%gf-eql-tables record)))
        (arity (%gf-arity record)))
    (cond ((null (%gf-methods record))
           (lambda (&rest args)
             (%check-argument-count record args)
             (apply #'no-applicable-method (%gf-function record) args)))
          ((and (eql arity 1) (equal positions '(0)))
           (lambda (a)
             (let ((emf (%probe-cache-1 (%gf-cache record) (%dispatch-key a table))))
               (if emf
                   (funcall emf a)
                   (funcall (%dispatch-miss record (list a)) a)))))
          ((and (eql arity 2) (equal positions '(0)))
           (lambda (a b)
             (let ((emf (%probe-cache-1 (%gf-cache record) (%dispatch-key a table))))
               (if emf
                   (funcall emf a b)
                   (funcall (%dispatch-miss record (list a b)) a b)))))
          ((and (eql arity 2) (equal positions '(1)))
           (lambda (a b)
             (let ((emf (%probe-cache-1 (%gf-cache record) (%dispatch-key b table))))
               (if emf
                   (funcall emf a b)
                   (funcall (%dispatch-miss record (list a b)) a b)))))
          ((and (eql arity 2) (equal positions '(0 1)))
           (let ((table2 (cadr (%gf-eql-tables record))))
             (lambda (a b)
               (let ((emf (%probe-cache-2 (%gf-cache record) (%dispatch-key a table)
                                          (%dispatch-key b table2))))
                 (if emf
                     (funcall emf a b)
                     (funcall (%dispatch-miss record (list a b)) a b))))))
          ((and (eql arity 3) (equal positions '(0)))
           (lambda (a b c)
             (let ((emf (%probe-cache-1 (%gf-cache record) (%dispatch-key a table))))
               (if emf
                   (funcall emf a b c)
                   (funcall (%dispatch-miss record (list a b c)) a b c)))))
          (t
           (lambda (&rest args)
             (%check-argument-count record args)
             (apply (%emf-for record args) args))))))

(defun %check-argument-count (record args)
  (let ((count (length args)) (required (%gf-required record)))
    (when (or (< count required)
              (and (not (%gf-rest-p record)) (> count (+ required (%gf-optional record)))))
      (error 'simple-program-error :format-control "invalid number of arguments: ~D"
                                   :format-arguments (list count)))))

;;; Applicable methods, most specific first (CLHS 7.6.6.1)

(defun %specializer-matches-p (specializer arg)
  (cond ((eq specializer *the-class-t*) t)
        ((%eql-specializer-p specializer) (eql (eql-specializer-object specializer) arg))
        (t (and (%memq specializer (%class-precedence-list (class-of arg))) t))))

(defun %method-applicable-p (method args)
  (do ((specializers (%method-specializers method) (cdr specializers))
       (args args (cdr args)))
      ((null specializers) t)
    (unless (%specializer-matches-p (car specializers) (car args)) (return nil))))

(defun %method-more-specific-p (a b classes)
  ;; Is method A more specific than method B for arguments of CLASSES?
  (do ((sa (%method-specializers a) (cdr sa))
       (sb (%method-specializers b) (cdr sb))
       (classes classes (cdr classes)))
      ((null sa) nil)
    (let ((x (car sa)) (y (car sb)))
      (unless (eq x y)
        (return (cond ((%eql-specializer-p x) t)
                      ((%eql-specializer-p y) nil)
                      (t (and (%memq y (cdr (%memq x (%class-precedence-list (car classes)))))
                              t))))))))

(defun %sorted-applicable-methods (record args)
  (let ((classes (mapcar #'class-of args)))
    (sort (let ((applicable nil))  ; fresh: SORT is destructive
            (dolist (method (%gf-methods record) applicable)
              (when (%method-applicable-p method args) (push method applicable))))
          (lambda (a b) (%method-more-specific-p a b classes)))))

(defun compute-applicable-methods (generic-function arguments)
  (%sorted-applicable-methods (%check-generic-function generic-function) arguments))

;;; Keyword arguments (CLHS 7.6.5): a call may give the keys of the generic
;;; function's lambda list and of any applicable method's, unless one of
;;; them has &ALLOW-OTHER-KEYS or the call gives :ALLOW-OTHER-KEYS true.

(defun %keyword-checking (record methods emf)
  (multiple-value-bind (required optional rest-p key-p keywords allow)
      (%analyze-lambda-list (%gf-lambda-list record))
    (declare (ignore rest-p))
    (if (or (not key-p) allow (null methods))
        emf
        (let ((valid keywords) (skip (+ required optional)))
          (dolist (method methods)
            (let ((accepted (%method-keywords method)))
              (when (eq accepted t) (return-from %keyword-checking emf))
              (setq valid (append accepted valid))))
          (lambda (&rest args)
            (%check-generic-keywords (nthcdr skip args) valid)
            (apply emf args))))))

(defun %check-generic-keywords (keys valid)
  (unless (evenp (length keys))
    (error 'simple-program-error :format-control "odd number of &KEY arguments"))
  (unless (getf keys :allow-other-keys)
    (do ((tail keys (cddr tail)))
        ((null tail))
      (unless (or (%memq (car tail) valid) (eq (car tail) :allow-other-keys))
        (error 'simple-program-error
               :format-control "Invalid keyword argument: ~S (valid keys are: ~{~S~^, ~})."
               :format-arguments (list (car tail) valid))))))

;;; The standard method combination (CLHS 7.6.6.2)

(defun %compute-effective-method-function (record methods)
  (if (null methods)
      (lambda (&rest args) (apply #'no-applicable-method (%gf-function record) args))
      (let ((around nil) (before nil) (primary nil) (after nil))
        (dolist (method methods)
          (let ((qualifiers (%method-qualifiers method)))
            (cond ((null qualifiers) (push method primary))
                  ((equal qualifiers '(:around)) (push method around))
                  ((equal qualifiers '(:before)) (push method before))
                  ((equal qualifiers '(:after)) (push method after))
                  (t (error "The method ~S has qualifiers ~S, which the standard method ~
                             combination does not accept." method qualifiers)))))
        ;; AFTER stays least specific first; the others go back in order.
        (setq around (nreverse around) before (nreverse before) primary (nreverse primary))
        (if (null primary)
            (lambda (&rest args)
              (error 'no-primary-method-error :generic-function (%gf-function record)
                                              :arguments args))
            (let ((main (if (or before after)
                            (%before-after-function record before
                                                    (%method-chain record primary nil)
                                                    after)
                            (%method-chain record primary nil))))
              (if around (%method-chain record around main) main))))))

(defun %method-chain (record methods final)
  ;; The effective method function calling METHODS in turn through
  ;; CALL-NEXT-METHOD, then FINAL (an effective method function or NIL).
  (if (null methods)
      final
      (let ((method (car methods)))
        (or (%method-fast-function method)
            (%bind-next record (%method-function method)
                        (or (%method-chain record (cdr methods) final) method))))))

(defun %bind-next (record function next)
  (case (%gf-arity record)
    (1 (lambda (a) (funcall function next a)))
    (2 (lambda (a b) (funcall function next a b)))
    (3 (lambda (a b c) (funcall function next a b c)))
    (t (lambda (&rest args) (apply function next args)))))

(defun %before-after-function (record before main after)
  (let ((before (mapcar (lambda (m) (%method-chain record (list m) nil)) before))
        (after (mapcar (lambda (m) (%method-chain record (list m) nil)) after)))
    (if (null after)
        (%before-function (%gf-arity record) before main)
        (case (%gf-arity record)
          (1 (lambda (a)
               (dolist (f before) (funcall f a))
               (multiple-value-prog1 (funcall main a)
                 (dolist (f after) (funcall f a)))))
          (2 (lambda (a b)
               (dolist (f before) (funcall f a b))
               (multiple-value-prog1 (funcall main a b)
                 (dolist (f after) (funcall f a b)))))
          (3 (lambda (a b c)
               (dolist (f before) (funcall f a b c))
               (multiple-value-prog1 (funcall main a b c)
                 (dolist (f after) (funcall f a b c)))))
          (t (lambda (&rest args)
               (dolist (f before) (apply f args))
               (multiple-value-prog1 (apply main args)
                 (dolist (f after) (apply f args)))))))))

(defun %before-function (arity before main)
  ;; Without :AFTER methods the primary methods' values need no saving.
  (case arity
    (1 (lambda (a) (dolist (f before) (funcall f a)) (funcall main a)))
    (2 (lambda (a b) (dolist (f before) (funcall f a b)) (funcall main a b)))
    (3 (lambda (a b c) (dolist (f before) (funcall f a b c)) (funcall main a b c)))
    (t (lambda (&rest args) (dolist (f before) (apply f args)) (apply main args)))))

;;; CALL-NEXT-METHOD and NEXT-METHOD-P in method bodies call these.  NEXT
;;; is the next effective method function, or the method itself when it has
;;; no next method.

(defun %call-next-method (next args)
  (if (functionp next)
      (apply next args)
      (%no-next-method next args)))

(defun %no-next-method (method args)
  (apply #'no-next-method (%gf-function (%method-generic-function method)) method args))

;;; The public interface to generic functions and methods

(defun %check-generic-function (function)
  (or (and (functionp function) (%generic-function-record function))
      (%type-error function 'generic-function)))

(defun generic-function-p (object)
  (and (functionp object) (%generic-function-record object) t))

(defun generic-function-name (gf) (%gf-name (%check-generic-function gf)))
(defun generic-function-methods (gf) (%gf-methods (%check-generic-function gf)))
(defun generic-function-lambda-list (gf) (%gf-lambda-list (%check-generic-function gf)))
(defun method-qualifiers (method) (%method-qualifiers method))
(defun method-specializers (method) (%method-specializers method))
(defun method-lambda-list (method) (%method-lambda-list method))
(defun method-generic-function (method)
  (let ((record (%method-generic-function method)))
    (and record (%gf-function record))))

(defun add-method (generic-function method)
  (when (%method-generic-function method)
    (error "~S is already a method of ~S." method (method-generic-function method)))
  (%add-method (%check-generic-function generic-function) method)
  generic-function)

(defun remove-method (generic-function method)
  (%remove-method (%check-generic-function generic-function) method)
  generic-function)

(defun find-method (generic-function qualifiers specializers &optional (errorp t))
  (let* ((record (%check-generic-function generic-function))
         (specializers (mapcar #'%specializer specializers)))
    (unless (= (length specializers) (%gf-required record))
      (error "The generic function ~S takes ~D required argument~:P; ~
              was asked to find a method with specializers ~S"
             generic-function (%gf-required record) specializers))
    (or (find-if (lambda (m) (%same-method-p m qualifiers specializers)) (%gf-methods record))
        (and errorp
             (error "There is no method on ~S with qualifiers ~S and specializers ~S."
                    generic-function qualifiers specializers)))))

;;; DEFGENERIC and DEFMETHOD

(defun %note-generic-function-name (name)
  ;; At compile time: the compiler knows NAME as a function, though no
  ;; DEFUN defines it (driver/compile.py looks for the mark).
  (if (consp name)
      (%put (cadr name) '%setf-generic-function t)
      (%put name '%generic-function t))
  name)

(defmacro defgeneric (name lambda-list &rest options)
  (let ((methods nil) (documentation nil))
    (dolist (option options)
      (case (car option)
        (:method (push `(%note-initial-method ',name (defmethod ,name ,@(cdr option))) methods))
        (:documentation (setq documentation (cadr option)))
        (:method-combination
         (unless (eq (cadr option) 'standard)
           (error "DEFGENERIC ~S: only the standard method combination is supported" name)))
        ((declare :argument-precedence-order :generic-function-class :method-class))
        (t (error "DEFGENERIC ~S: unknown option ~S" name option))))
    `(progn
       (eval-when (:compile-toplevel) (%note-generic-function-name ',name))
       (%defgeneric ',name ',lambda-list ',documentation)
       ,@(nreverse methods)
       (function ,name))))

(defmacro defmethod (name &rest rest)
  (let ((qualifiers nil))
    (loop
      (if (and (car rest) (atom (car rest)))
          (push (pop rest) qualifiers)
          (return)))
    (multiple-value-bind (lambda-list specializers required)
        (%parse-specialized-lambda-list (car rest))
      (multiple-value-bind (forms declarations documentation) (%parse-body (cdr rest) t)
        (multiple-value-bind (function fast-p)
            (%method-lambda name lambda-list required specializers forms declarations)
          `(progn
             (eval-when (:compile-toplevel) (%note-generic-function-name ',name))
             (%defmethod ',name ',(nreverse qualifiers)
                         (list ,@(mapcar #'%specializer-form specializers))
                         ',lambda-list (function ,function) ,fast-p ',documentation)))))))

(defun %parse-specialized-lambda-list (specialized)
  ;; (values lambda-list specializer-designators required-variables)
  (let ((required nil) (specializers nil) (tail specialized))
    (loop
      (when (or (atom tail) (member (car tail) lambda-list-keywords)) (return))
      (let ((parameter (car tail)))
        (if (consp parameter)
            (progn (push (car parameter) required) (push (cadr parameter) specializers))
            (progn (push parameter required) (push t specializers))))
      (setq tail (cdr tail)))
    (values (append (reverse required) tail) (nreverse specializers) (nreverse required))))

(defun %specializer-form (designator)
  (if (and (consp designator) (eq (car designator) 'eql))
      `(list 'eql ,(cadr designator))
      `',designator))

(defun %mentions-symbol-p (tree symbols)
  (cond ((symbolp tree) (and (member tree symbols) t))
        ((consp tree) (or (%mentions-symbol-p (car tree) symbols)
                          (%mentions-symbol-p (cdr tree) symbols)))
        (t nil)))

(defun %only-plain-calls-p (tree name)
  ;; Whether every NAME in TREE is the operator of a call without arguments.
  ;; Conservative: NAME anywhere else (#'NAME, data) makes it false.
  (cond ((not (consp tree)) (not (eq tree name)))
        ((eq (car tree) name) (null (cdr tree)))
        (t (and (%only-plain-calls-p (car tree) name)
                (do ((tail (cdr tree) (cdr tail)))
                    ((atom tail) (not (eq tail name)))
                  (unless (%only-plain-calls-p (car tail) name) (return nil)))))))

(defun %method-lambda-list-accepting-keys (lambda-list)
  ;; A method accepts the keys of its generic function's other methods.
  (if (and (member '&key lambda-list) (not (member '&allow-other-keys lambda-list)))
      (let ((aux (member '&aux lambda-list)))
        (append (ldiff lambda-list aux) '(&allow-other-keys) aux))
      lambda-list))

(defun %method-lambda (name lambda-list required specializers forms declarations)
  ;; (values lambda-expression fast-p): the method's function.
  (let* ((body `(block ,(if (consp name) (cadr name) name) ,@forms))
         (specialized (let ((result nil))
                        (do ((vars required (cdr vars)) (specs specializers (cdr specs)))
                            ((null vars) (nreverse result))
                          (unless (eq (car specs) t) (push (car vars) result)))))
         (ignorable `(declare (ignorable ,@specialized)))
         (lambda-list (%method-lambda-list-accepting-keys lambda-list))
         (next (gensym "NEXT")))
    (cond ((not (%mentions-symbol-p forms '(call-next-method next-method-p)))
           (values `(lambda ,lambda-list ,ignorable ,@declarations ,body) t))
          ((= (length lambda-list) (length required))
           (let* ((args (mapcar (lambda (var) (gensym (symbol-name var))) required))
                  (call-next `(if (functionp ,next)
                                  (funcall ,next ,@args)
                                  (%no-next-method ,next (list ,@args))))
                  (functions
                    (append
                     (when (%mentions-symbol-p forms '(call-next-method))
                       ;; Without arguments (the common case) the local
                       ;; function takes none: no &REST list per call.
                       (if (%only-plain-calls-p forms 'call-next-method)
                           `((call-next-method () ,call-next))
                           `((call-next-method (&rest arguments)
                               (if arguments (%call-next-method ,next arguments) ,call-next)))))
                     (when (%mentions-symbol-p forms '(next-method-p))
                       `((next-method-p () (functionp ,next)))))))
             (values
              `(lambda (,next ,@args)
                 (let ,(mapcar #'list required args)
                   ,ignorable
                   ,@declarations
                   (flet ,functions
                     (declare (ignorable ,@(mapcar (lambda (f) `(function ,(car f))) functions)))
                     ,body)))
              nil)))
          (t
           (let ((args (gensym "ARGS")))
             (values
              `(lambda (,next &rest ,args)
                 (flet ((call-next-method (&rest arguments)
                          (%call-next-method ,next (or arguments ,args)))
                        (next-method-p () (functionp ,next)))
                   (declare (ignorable (function call-next-method) (function next-method-p)))
                   (apply (lambda ,lambda-list ,ignorable ,@declarations ,body) ,args)))
              nil))))))
