;;;; types.lisp -- type specifiers (CLHS 4): TYPEP, TYPE-OF, DEFTYPE, COERCE,
;;;; and the macros built on them: TYPECASE, ETYPECASE, CTYPECASE,
;;;; CHECK-TYPE, ASSERT.  Covers the types that exist so far (classes come
;;;; later).  Element types of array types mean their upgraded element
;;;; type, CHARACTER, BIT or T (array.lisp).

(in-package "CLYSM")

;;; Implementation limits.  Multiple values travel in a buffer of 1024;
;;; argument lists and arrays are limited by memory and fixnum indices.
(defconstant multiple-values-limit 1024)
(defconstant call-arguments-limit most-positive-fixnum)
(defconstant lambda-parameters-limit most-positive-fixnum)
(defconstant array-dimension-limit most-positive-fixnum)
(defconstant array-total-size-limit most-positive-fixnum)
(defconstant char-code-limit 1114112)

(defconstant lambda-list-keywords
  '(&optional &rest &key &allow-other-keys &aux &body &whole &environment))

;;; DEFTYPE: the expander lives on the name's plist.

(defmacro deftype (name lambda-list &body body)
  (let ((form (gensym "FORM")))
    `(eval-when (:compile-toplevel :load-toplevel :execute)
       (%put ',name '%type-expander
             (lambda (,form)
               (destructuring-bind ,(%optional-defaults-to-star lambda-list)
                   (cdr ,form)
                 ,@body)))
       ',name)))

(defun %optional-defaults-to-star (lambda-list)
  ;; In DEFTYPE an &optional parameter without a default defaults to *.
  (let ((optional nil) (result nil))
    (dolist (item lambda-list (nreverse result))
      (cond ((member item '(&optional &key)) (setq optional t) (push item result))
            ((member item lambda-list-keywords) (setq optional nil) (push item result))
            ((and optional (symbolp item)) (push (list item ''*) result))
            (t (push item result))))))

(defun %expand-type (type)
  ;; Expand DEFTYPE definitions at the head of TYPE until none is left.
  (tagbody
   next
     (let* ((name (if (consp type) (car type) type))
            (expander (and (symbolp name) (get name '%type-expander))))
       (when expander
         (setq type (funcall expander (if (consp type) type (list type))))
         (go next))))
  type)

;;; TYPEP

(defun %in-range-p (x low high)
  (and (or (eq low '*) (if (consp low) (> x (car low)) (>= x low)))
       (or (eq high '*) (if (consp high) (< x (car high)) (<= x high)))))

(defun %atomic-typep (object type)
  (case type
    ((t) t)
    ((nil) nil)
    (null (null object))
    (cons (consp object))
    (list (listp object))
    (atom (atom object))
    (symbol (symbolp object))
    (keyword (keywordp object))
    (boolean (or (eq object t) (eq object nil)))
    ((character base-char) (characterp object))
    (standard-char (and (characterp object)
                        (let ((code (char-code object)))
                          (or (= code 10) (<= 32 code 126)))))
    ((function compiled-function) (functionp object))
    (fixnum (fixnump object))
    (bignum (%bignump object))
    ((integer signed-byte) (integerp object))
    (rational (rationalp object))
    (real (realp object))
    (number (numberp object))
    (float (floatp object))
    ((single-float short-float) (%single-float-p object))
    ((double-float long-float) (%double-float-p object))
    (ratio (%ratiop object))
    (complex (complexp object))
    (random-state (random-state-p object))
    (bit (and (fixnump object) (<= 0 object 1)))
    (unsigned-byte (and (integerp object) (>= object 0)))
    (sequence (or (listp object) (vectorp object)))
    (stream (streamp object))
    (package (packagep object))
    (t (cond ((%array-type-name-p type) (%array-typep object type nil))
             ((get type '%layout) (%instance-of-type-p object type))
             ((get type '%class) (%class-typep object (get type '%class)))  ; CLOS
             (t (error "unknown type specifier: ~S" type))))))

(defun %compound-typep (object head args)
  (case head
    (or (dolist (type args nil) (when (typep object type) (return t))))
    (and (dolist (type args t) (unless (typep object type) (return nil))))
    (not (not (typep object (car args))))
    (member (and (member object args) t))
    (eql (eql object (car args)))
    (satisfies (and (funcall (car args) object) t))
    ((integer rational real float single-float double-float short-float long-float)
     (and (%atomic-typep object head)
          (%in-range-p object (if args (car args) '*) (if (cdr args) (cadr args) '*))))
    (mod (and (integerp object) (<= 0 object) (< object (car args))))
    (unsigned-byte (and (integerp object) (>= object 0)
                        (or (null args) (eq (car args) '*)
                            (<= (integer-length object) (car args)))))
    (signed-byte (and (integerp object)
                      (or (null args) (eq (car args) '*)
                          (< (integer-length object) (car args)))))
    (complex (and (complexp object)
                  (or (null args) (eq (car args) '*)
                      (and (typep (realpart object) (car args))
                           (typep (imagpart object) (car args))))))
    (cons (and (consp object)
               (or (null args) (eq (car args) '*) (typep (car object) (car args)))
               (or (null (cdr args)) (eq (cadr args) '*) (typep (cdr object) (cadr args)))))
    (t (if (%array-type-name-p head)
           (%array-typep object head args)
           (error "unknown type specifier: ~S" (cons head args))))))

;;; Array types.  Each array type specifier is (ARRAY element-type
;;; dimensions), simple or not: %ARRAY-TYPE-PARTS takes it apart.

(defun %array-type-name-p (name)
  (member name '(array simple-array vector simple-vector string simple-string base-string
                 simple-base-string bit-vector simple-bit-vector)))

(defun %array-type-parts (head args)
  ;; (values simple-p element-type dimensions) of the array type (HEAD . ARGS).
  (flet ((arg (n) (if (nthcdr n args) (nth n args) '*)))
    (case head
      (array (values nil (arg 0) (arg 1)))
      (simple-array (values t (arg 0) (arg 1)))
      (vector (values nil (arg 0) (list (arg 1))))
      (simple-vector (values t t (list (arg 0))))
      ((string base-string) (values nil 'character (list (arg 0))))
      ((simple-string simple-base-string) (values t 'character (list (arg 0))))
      (bit-vector (values nil 'bit (list (arg 0))))
      (simple-bit-vector (values t 'bit (list (arg 0)))))))

(defun %dimensions-match-p (dimensions spec)
  ;; Do DIMENSIONS (a list) fit the dimension spec of an array type?
  (cond ((eq spec '*) t)
        ((integerp spec) (= (length dimensions) spec))
        (t (and (= (length dimensions) (length spec))
                (every (lambda (s d) (or (eq s '*) (eql s d))) spec dimensions)))))

(defun %array-typep (object head args)
  (and (arrayp object)
       (multiple-value-bind (simple element-type dimensions) (%array-type-parts head args)
         (and (or (not simple) (%simple-array-p object))
              (or (eq element-type '*)
                  (eq (%upgrade-element-type element-type) (%array-element-type object)))
              (%dimensions-match-p (array-dimensions object) dimensions)))))

(defun %array-type-of (array)
  ;; TYPE-OF of an array, as SBCL writes it.
  (let ((element-type (%array-element-type array))
        (dimensions (array-dimensions array)))
    (cond ((%simple-vector-p array) (list 'simple-vector (car dimensions)))
          ((%bit-vector-p array) (list 'simple-bit-vector (car dimensions)))
          ((%simple-array-p array) (list 'simple-array element-type dimensions))
          ((null (cdr dimensions))
           (if (eq element-type 'bit)
               (list 'bit-vector (car dimensions))
               (list 'vector element-type (car dimensions))))
          (t (list 'array element-type dimensions)))))

(defun typep (object type &optional environment)
  (declare (ignore environment))
  (let ((type (%expand-type type)))
    (cond ((consp type) (%compound-typep object (car type) (cdr type)))
          ((%instancep type) (%class-typep object type))  ; a class object
          (t (%atomic-typep object type)))))

(defun type-of (object)
  (cond ((null object) 'null)
        ((eq object t) 'boolean)
        ((keywordp object) 'keyword)
        ((symbolp object) 'symbol)
        ((consp object) 'cons)
        ((fixnump object) (cond ((<= 0 object 1) 'bit)
                                ((plusp object) (list 'integer 0 most-positive-fixnum))
                                (t 'fixnum)))
        ((%bignump object) (if (plusp object) (list 'integer (1+ most-positive-fixnum)) 'bignum))
        ((%ratiop object) 'ratio)
        ((%single-float-p object) 'single-float)
        ((%double-float-p object) 'double-float)
        ((complexp object)
         (let* ((r (realpart object)) (i (imagpart object)))
           (list 'complex (list (cond ((floatp r) (type-of r))
                                      ((and (integerp r) (integerp i)) 'integer)
                                      (t 'rational))
                                (min r i) (max r i)))))
        ((characterp object) (if (typep object 'standard-char) 'standard-char 'character))
        ((arrayp object) (%array-type-of object))
        ((functionp object)
         (if (%generic-function-record object) 'standard-generic-function 'compiled-function))
        ((streamp object) 'stream)
        ((and (%instancep object) (%layout-p (%instance-layout object)))
         (layout-name (%instance-layout object)))
        (t t)))

;;; COERCE

(defun %sequence-to-list (sequence)
  (if (listp sequence)
      sequence
      (let ((result nil))
        (dotimes (i (length sequence) (nreverse result))
          (push (aref sequence i) result)))))

(defun coerce (object type)
  (let ((type (%expand-type type)))
    (cond ((typep object type) object)
          ((member type '(list cons)) (%sequence-to-list object))
          ((and (%sequence-type-p type) (or (listp object) (vectorp object)))
           (%coerce-sequence (%sequence-to-list object) type))
          ((eq type 'character)
           (if (and (or (stringp object) (symbolp object)) (= (length (string object)) 1))
               (char (string object) 0)
               (%type-error object 'character)))
          ((eq type 'function)
           (if (symbolp object) (fdefinition object) (%type-error object 'function)))
          ((and (member type '(float single-float short-float double-float long-float))
                (realp object))
           (case type
             (float (float object))
             ((single-float short-float) (%to-single object))
             (t (%to-double object))))
          ((and (eq type 'complex) (numberp object))
           (if (floatp object) (complex object) object))
          ((eq type t) object)
          (t (%type-error object type)))))

(defun %sequence-type-p (type)
  (let ((head (if (consp type) (car type) type)))
    (and (%array-type-name-p head)
         (multiple-value-bind (simple element-type dimensions)
             (%array-type-parts head (if (consp type) (cdr type) nil))
           (declare (ignore simple element-type))
           (or (eq dimensions '*) (eql dimensions 1)
               (and (consp dimensions) (null (cdr dimensions))))))))

(defun %coerce-sequence (items type)
  ;; A vector of TYPE holding ITEMS; its length must match the type's.
  (let ((result (%list-to-type items type)))
    (unless (typep result type) (%type-error result type))
    result))

;;; The macros

(defun %typecase-clauses (key clauses)
  (mapcar (lambda (clause)
            (if (member (car clause) '(t otherwise))
                `(t ,@(cdr clause))
                `((typep ,key ',(car clause)) ,@(cdr clause))))
          clauses))

(defmacro typecase (keyform &body clauses)
  (let ((key (gensym "KEY")))
    `(let ((,key ,keyform))
       (cond ,@(%typecase-clauses key clauses)))))

(defmacro etypecase (keyform &body clauses)
  (let ((key (gensym "KEY")))
    `(let ((,key ,keyform))
       (cond ,@(%typecase-clauses key clauses)
             (t (error 'type-error :datum ,key
                                   :expected-type '(or ,@(mapcar #'car clauses))))))))

(defmacro ctypecase (keyform &body clauses)
  `(etypecase ,keyform ,@clauses))

(defmacro check-type (place type &optional type-string)
  (declare (ignore type-string))
  (let ((value (gensym "VALUE")))
    `(let ((,value ,place))
       (unless (typep ,value ',type)
         (error 'type-error :datum ,value :expected-type ',type))
       nil)))

(defmacro assert (test-form &optional places datum &rest arguments)
  (declare (ignore places))
  `(unless ,test-form
     ,(if datum
          `(error ,datum ,@arguments)
          `(error "The assertion ~S failed." ',test-form))))
