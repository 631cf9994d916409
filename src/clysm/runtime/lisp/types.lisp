;;;; types.lisp -- type specifiers (CLHS 4): TYPEP, TYPE-OF, DEFTYPE, COERCE,
;;;; and the macros built on them: TYPECASE, ETYPECASE, CTYPECASE,
;;;; CHECK-TYPE, ASSERT.  Covers the types that exist so far; numbers other
;;;; than fixnums, arrays of rank > 1, structures and classes come later.

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
    ((string simple-string base-string simple-base-string) (stringp object))
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
    (simple-vector (simple-vector-p object))
    ((vector array simple-array sequence) (or (vectorp object) (and (eq type 'sequence)
                                                                    (listp object))))
    (stream (streamp object))
    (package (packagep object))
    (t (if (get type '%layout)
           (%instance-of-type-p object type)
           (error "unknown type specifier: ~S" type)))))

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
    ((string simple-string)
     (and (stringp object)
          (or (null args) (eq (car args) '*) (= (length object) (car args)))))
    (simple-vector
     (and (simple-vector-p object)
          (or (null args) (eq (car args) '*) (= (length object) (car args)))))
    ((vector array simple-array) (vectorp object))
    (t (error "unknown type specifier: ~S" (cons head args)))))

(defun typep (object type &optional environment)
  (declare (ignore environment))
  (let ((type (%expand-type type)))
    (if (consp type)
        (%compound-typep object (car type) (cdr type))
        (%atomic-typep object type))))

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
        ((stringp object) (list 'simple-array 'character (list (length object))))
        ((simple-vector-p object) (list 'simple-vector (length object)))
        ((functionp object) 'compiled-function)
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
          ((member type '(vector simple-vector array))
           (apply #'vector (%sequence-to-list object)))
          ((member type '(string simple-string))
           (let* ((items (%sequence-to-list object))
                  (s (make-string (length items))) (i 0))
             (dolist (c items s) (%set-char s i c) (setq i (1+ i)))))
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
