;;;; subtypep.lisp -- SUBTYPEP (CLHS 4.2.3) over the types that exist: the
;;;; standard atomic types as a hierarchy, integer ranges, array types
;;;; (by their upgraded element types, as TYPEP sees them), structure and
;;;; condition types by their layouts, and the combinations OR, AND,
;;;; MEMBER and EQL.  Where the answer is not known the second value is
;;;; NIL, as the standard allows.

(in-package "CLYSM")

;;; The standard atomic types and their direct supertypes; ATOM and T are
;;; above them all but the list types.
(defconstant +type-supertypes+
  '((fixnum integer) (bignum integer) (integer rational) (ratio rational) (rational real)
    (single-float float) (double-float float) (float real) (real number) (complex number)
    (number atom)
    (standard-char base-char) (base-char character) (extended-char character)
    (character atom)
    (keyword symbol) (boolean symbol) (null boolean list) (symbol atom)
    (cons list) (list sequence) (sequence t)
    (compiled-function function) (function atom)
    (hash-table atom) (stream atom) (random-state atom) (package atom) (pathname atom)
    (structure-object atom) (condition atom) (atom t)))

(defun %type-ancestors (type)
  ;; TYPE and every type above it in the table, or NIL if TYPE is not there.
  (let ((entry (assoc type +type-supertypes+)))
    (when entry
      (let ((result (list type)))
        (dolist (parent (cdr entry) result)
          (dolist (ancestor (%type-ancestors parent))
            (pushnew ancestor result)))))))

(defun %canonical-type (type)
  ;; TYPE with its DEFTYPE definitions expanded, and the synonyms SBCL has.
  (let ((type (%expand-type type)))
    (case type
      (short-float 'single-float)
      (long-float 'double-float)
      (signed-byte 'integer)
      (t type))))

;;; Integer ranges: (low . high), either bound possibly * (unbounded).

(defun %integer-range (type)
  ;; The range of an integer type, or NIL if TYPE is not one.
  (let ((head (if (consp type) (car type) type))
        (args (if (consp type) (cdr type) nil)))
    (flet ((bound (x) (cond ((or (null x) (eq x '*)) '*)
                            ((integerp x) x)
                            ((and (consp x) (integerp (car x))) (car x))  ; exclusive
                            (t nil))))
      (case head
        (integer
         (let ((low (bound (car args))) (high (bound (cadr args))))
           (when (and low high)
             (cons (if (consp (car args)) (1+ low) low)
                   (if (consp (cadr args)) (1- high) high)))))
        (fixnum (cons most-negative-fixnum most-positive-fixnum))
        (bit (cons 0 1))
        (mod (and (integerp (car args)) (cons 0 (1- (car args)))))
        (unsigned-byte (if (integerp (car args)) (cons 0 (1- (expt 2 (car args)))) (cons 0 '*)))
        (signed-byte (if (integerp (car args))
                         (cons (- (expt 2 (1- (car args)))) (1- (expt 2 (1- (car args)))))
                         (cons '* '*)))
        (t nil)))))

(defun %range-within-p (inner outer)
  (and (or (eq (car outer) '*) (and (not (eq (car inner) '*)) (>= (car inner) (car outer))))
       (or (eq (cdr outer) '*) (and (not (eq (cdr inner) '*)) (<= (cdr inner) (cdr outer))))))

;;; Array types (types.lisp takes them apart).

(defun %array-type-p (type)
  (%array-type-name-p (if (consp type) (car type) type)))

(defun %array-parts (type)
  (if (consp type) (%array-type-parts (car type) (cdr type)) (%array-type-parts type nil)))

(defun %dimension-spec-list (spec)
  (if (integerp spec) (make-list spec :initial-element '*) spec))

(defun %dimensions-within-p (inner outer)
  (let ((inner (%dimension-spec-list inner)) (outer (%dimension-spec-list outer)))
    (cond ((eq outer '*) t)
          ((eq inner '*) nil)
          (t (and (= (length inner) (length outer))
                  (every (lambda (i o) (or (eq o '*) (and (not (eq i '*)) (eql i o))))
                         inner outer))))))

(defun %array-subtypep (type1 type2)
  (multiple-value-bind (simple1 element1 dimensions1) (%array-parts type1)
    (multiple-value-bind (simple2 element2 dimensions2) (%array-parts type2)
      (and (or simple1 (not simple2))
           (or (eq element2 '*)
               (and (not (eq element1 '*))
                    (eq (%upgrade-element-type element1) (%upgrade-element-type element2))))
           (%dimensions-within-p dimensions1 dimensions2)))))

(defun %array-ancestor-p (array-type type)
  ;; Is the atomic TYPE above every array of ARRAY-TYPE?
  (or (member type '(t atom))
      (and (eq type 'sequence)
           (let ((dimensions (nth-value 2 (%array-parts array-type))))
             (or (eql dimensions 1) (and (consp dimensions) (null (cdr dimensions))))))))

;;; Known types: the answer NIL is certain between them.

(defun %known-type-p (type)
  (and (or (%type-ancestors type) (%integer-range type) (%array-type-p type)
           (and (symbolp type) (find-layout type nil)))
       t))

(defun %layout-ancestors (type)
  (let ((layout (and (symbolp type) (find-layout type nil))))
    (and layout
         (append (layout-precedence layout)
                 (if (eq (layout-kind layout) :condition) '(condition atom t) '(atom t))))))

(defun %atomic-subtypep (type1 type2)
  ;; (values subtype-p certain) for types that are not combinations.
  (let ((range1 (%integer-range type1)) (range2 (%integer-range type2)))
    (cond ((and range1 range2) (values (%range-within-p range1 range2) t))
          ((and (%array-type-p type1) (%array-type-p type2))
           (values (%array-subtypep type1 type2) t))
          ((%array-type-p type1) (values (and (%array-ancestor-p type1 type2) t)
                                         (%known-type-p type2)))
          (t (multiple-value-bind (subtype-p certain) (%class-subtypep type1 type2)
               (if (eq certain :unknown)
                   (%ancestor-subtypep type1 type2 range1)
                   (values subtype-p certain)))))))

(defun %ancestor-subtypep (type1 type2 range1)
  ;; Types that are neither ranges nor arrays nor classes (CLOS,
  ;; %CLASS-SUBTYPEP): by the hierarchy of atomic types and of layouts.
  (let ((ancestors (cond (range1 (%type-ancestors 'integer))
                         ((not (symbolp type1)) nil)
                         ((%type-ancestors type1))
                         (t (%layout-ancestors type1)))))
    (if (member type2 ancestors)
        (values t t)
        (values nil (and ancestors (%known-type-p type2) t)))))

(defun %subtypep (type1 type2)
  (let ((type1 (%canonical-type type1)) (type2 (%canonical-type type2)))
    (flet ((head (type) (if (consp type) (car type) nil)))
      (cond ((or (equal type1 type2) (eq type2 t) (null type1)) (values t t))
            ((eq (head type1) 'or) (%subtypep-all (cdr type1) type2))
            ((member (head type1) '(member eql))
             (values (every (lambda (x) (typep x type2)) (cdr type1)) t))
            ((eq (head type2) 'and)
             (%subtypep-every type1 (cdr type2)))
            ((eq (head type1) 'and)
             (if (some (lambda (type) (%subtypep type type2)) (cdr type1))
                 (values t t)
                 (values nil nil)))
            ((eq (head type2) 'or)
             (if (some (lambda (type) (%subtypep type1 type)) (cdr type2))
                 (values t t)
                 (values nil nil)))
            ((or (member (head type1) '(not satisfies)) (member (head type2) '(not satisfies member eql))
                 (null type2))
             (values nil nil))
            (t (%atomic-subtypep type1 type2))))))

(defun %subtypep-all (types type2)
  ;; Every one of TYPES below TYPE2.
  (let ((certain t))
    (dolist (type types (values certain certain))
      (multiple-value-bind (subtype-p known) (%subtypep type type2)
        (cond ((and (not subtype-p) known) (return (values nil t)))
              ((not subtype-p) (setq certain nil)))))))

(defun %subtypep-every (type1 types)
  ;; TYPE1 below every one of TYPES.
  (let ((certain t))
    (dolist (type types (values certain certain))
      (multiple-value-bind (subtype-p known) (%subtypep type1 type)
        (cond ((and (not subtype-p) known) (return (values nil t)))
              ((not subtype-p) (setq certain nil)))))))

(defun subtypep (type1 type2 &optional environment)
  (declare (ignore environment))
  (%subtypep type1 type2))
