;;;; array.lisp -- the arrays dictionary (CLHS 15): MAKE-ARRAY, AREF and the
;;;; array accessors, fill pointers, VECTOR-PUSH-EXTEND, ADJUST-ARRAY,
;;;; displaced arrays, bit arrays.
;;;;
;;;; Representation (docs/object-model.md): a simple vector, simple string
;;;; or simple bit vector is its own storage.  Every other array -- of rank
;;;; other than 1, or adjustable, or with a fill pointer, or displaced -- is
;;;; a header (%ARRAY-HEADER-P) whose data is the storage holding its
;;;; elements in row-major order, or, for a displaced array, the array it is
;;;; displaced to, its element 0 being element OFFSET there.  Element types
;;;; upgrade to CHARACTER, BIT or T, the three kinds of storage.
;;;;
;;;; As in SBCL, an array with a header that is not simple is adjustable,
;;;; whether or not :ADJUSTABLE was given (VECTOR-PUSH-EXTEND grows any
;;;; vector with a fill pointer).

(in-package "CLYSM")

;;; Flag bits of a header.
(defconstant +array-adjustable+ 1)
(defconstant +array-displaced+ 2)

;;; Errors

(define-condition invalid-array-index-error (type-error)
  ((array :initarg :array :reader %invalid-index-array)
   (bound :initarg :bound :reader %invalid-index-bound))
  (:report (lambda (condition stream)
             (format stream "Invalid index ~S for ~S, should be a non-negative integer below ~D."
                     (type-error-datum condition)
                     (type-of (%invalid-index-array condition))
                     (%invalid-index-bound condition)))))

(defun %wrong-rank-error (array rank)
  (%type-error array (list 'array '* (make-list rank :initial-element '*))))

(defun %check-array (x) (if (arrayp x) x (%type-error x 'array)))

;;; Storage and headers

(defun %simple-storage-p (x)
  (or (%simple-vector-p x) (%stringp x) (%bit-vector-p x)))

(defun %simple-length (storage)
  (cond ((%simple-vector-p storage) (%vector-length storage))
        ((%stringp storage) (%string-length storage))
        (t (%bit-vector-length storage))))

(defun %header-vector-p (header)
  (let ((dimensions (%array-dimensions header)))
    (and (%consp dimensions) (null (%cdr dimensions)))))

(defun %array-storage (array)
  ;; The simple vector, string or bit vector that finally holds ARRAY's elements.
  (tagbody
   next
     (when (%array-header-p array)
       (setq array (%array-data array))
       (go next)))
  array)

(defun %storage-element-type (storage)
  (cond ((%stringp storage) 'character)
        ((%bit-vector-p storage) 'bit)
        (t t)))

(defun %array-element-type (array)
  (%storage-element-type (%array-storage array)))

(defun %header-string-p (header)
  (and (%header-vector-p header) (%stringp (%array-storage header))))

(defun %header-bit-vector-p (header)
  (and (%header-vector-p header) (%bit-vector-p (%array-storage header))))

(defun %simple-header-p (header)
  (%fx= (%array-flags header) 0))

(defun %make-storage (element-type size initial-element)
  (case element-type
    (character (%make-string size initial-element))
    (bit (%make-bit-vector size initial-element))
    (t (%make-vector size initial-element))))

(defun %default-element (element-type)
  (if (%eq element-type 'character) (%code-char 0) 0))

(defun %check-element (element-type value)
  (case element-type
    (character (unless (%characterp value) (%type-error value 'character)))
    (bit (unless (or (%eq value 0) (%eq value 1)) (%type-error value 'bit))))
  value)

;;; Upgrading element types

(defun %upgrade-element-type (type)
  (cond ((%eq type t) t)
        ((member type '(character base-char standard-char)) 'character)
        ((%eq type 'bit) 'bit)
        ((null type) t)
        ((subtypep type 'character) 'character)
        ((subtypep type 'bit) 'bit)
        (t t)))

(defun upgraded-array-element-type (typespec &optional environment)
  (declare (ignore environment))
  (%upgrade-element-type typespec))

;;; Row-major access.  INDEX is in range for ARRAY; the storage at the end
;;; of a displacement chain checks its own bounds (the array displaced to
;;; may have shrunk since).

(defun %row-major-ref (array index)
  (tagbody
   next
     (when (%array-header-p array)
       (setq index (%fx+ index (%array-offset array)) array (%array-data array))
       (go next)))
  (%aref1 array index))

(defun %row-major-set (array index value)
  (tagbody
   next
     (when (%array-header-p array)
       (setq index (%fx+ index (%array-offset array)) array (%array-data array))
       (go next)))
  (%aset1 array index value))

;;; The out-of-line part of %AREF1 and %ASET1 (AREF with one subscript).

(defun %aref1-slow (array index)
  (cond ((%array-header-p array)
         (unless (%header-vector-p array) (%wrong-rank-error array 1))
         (%row-major-ref array (%check-array-index array index (%array-total-size array))))
        ((%simple-storage-p array)
         (%aref1 array (%check-array-index array index (%simple-length array))))
        (t (%type-error array 'vector))))

(defun %aset1-slow (array index value)
  (cond ((%array-header-p array)
         (unless (%header-vector-p array) (%wrong-rank-error array 1))
         (%row-major-set array (%check-array-index array index (%array-total-size array))
                         value))
        ((%simple-storage-p array)
         (%check-array-index array index (%simple-length array))
         (%aset1 array index (%check-element (%storage-element-type array) value)))
        (t (%type-error array 'vector))))

(defun %row-major-index (array subscripts)
  ;; The row-major index of the element of ARRAY at SUBSCRIPTS, checked.
  (if (%array-header-p array)
      (let ((dimensions (%array-dimensions array)) (index 0))
        (unless (%fx= (%list-length-or-error subscripts) (length dimensions))
          (%wrong-rank-error array (length subscripts)))
        (dolist (d dimensions index)
          (setq index (%fx+ (%fx* index d) (%check-array-index array (%car subscripts) d))
                subscripts (%cdr subscripts))))
      (progn
        (unless (and (%consp subscripts) (null (%cdr subscripts)))
          (%wrong-rank-error (%check-array array) (%list-length-or-error subscripts)))
        (%check-array-index array (%car subscripts) (%simple-length array)))))

(defun aref (array &rest subscripts)
  (if (and (%consp subscripts) (null (%cdr subscripts)))
      (%aref1 array (%car subscripts))
      (%row-major-ref array (%row-major-index (%check-array array) subscripts))))

(defun (setf aref) (value array &rest subscripts)
  (if (and (%consp subscripts) (null (%cdr subscripts)))
      (%aset1 array (%car subscripts) value)
      (%row-major-set array (%row-major-index (%check-array array) subscripts) value)))

(defun %matrix-index (array i j)
  ;; The row-major index of (I J) in the two-dimensional ARRAY, checked.
  (let ((dimensions (and (%array-header-p array) (%array-dimensions array))))
    (if (and (%consp (%cdr dimensions)) (null (%cdr (%cdr dimensions))))
        (let ((columns (%car (%cdr dimensions))))
          (%fx+ (%fx* (%check-array-index array i (%car dimensions)) columns)
                (%check-array-index array j columns)))
        (%row-major-index (%check-array array) (list i j)))))

;;; The intrinsics that the compiler macro of AREF and the SETF expansion
;;; of AREF produce are functions too, for the interpreter.
(defun %aref1 (array index) (%aref1 array index))
(defun %aset1 (array index value) (%aset1 array index value))

;;; AREF with two subscripts (the compiler macro in transforms.lisp).
(defun %aref2 (array i j) (%row-major-ref array (%matrix-index array i j)))
(defun %aset2 (array i j value) (%row-major-set array (%matrix-index array i j) value))

(defun row-major-aref (array index)
  (%row-major-ref array (%check-array-index array index (array-total-size array))))

(defun (setf row-major-aref) (value array index)
  (%row-major-set array (%check-array-index array index (array-total-size array)) value))

(defun array-row-major-index (array &rest subscripts)
  (%row-major-index (%check-array array) subscripts))

;;; MAKE-ARRAY

(defun %dimension-list (dimensions)
  (let ((list (if (listp dimensions) dimensions (list dimensions))))
    (dolist (d list list)
      (unless (and (%fixnump d) (%fx>= d 0))
        (%type-error d (list 'integer 0 array-dimension-limit))))))

(defun %total-size (dimensions)
  (let ((size 1))
    (dolist (d dimensions size)
      (setq size (* size d))
      (unless (%fixnump size)
        (error "The array dimensions ~S make too many elements." dimensions)))))

(defun %initial-fill-pointer (fill-pointer dimensions size)
  (cond ((null fill-pointer) nil)
        ((not (and (%consp dimensions) (null (%cdr dimensions))))
         (error "Only vectors can have fill pointers."))
        ((%eq fill-pointer t) size)
        ((and (%fixnump fill-pointer) (%fx>= fill-pointer 0) (%fx<= fill-pointer size))
         fill-pointer)
        (t (error "Can't supply a value for :FILL-POINTER (~S) that is larger than the size of the vector (~S)"
                  fill-pointer size))))

(defun %make-displaced-header (dimensions size element-type target offset fill-pointer)
  (unless (arrayp target) (%type-error target 'array))
  (unless (%eq (%array-element-type target) element-type)
    (error "Can't displace an array of type ~S into another of type ~S"
           element-type (%array-element-type target)))
  (unless (and (%fixnump offset) (%fx>= offset 0)) (%type-error offset '(integer 0)))
  (when (> (+ offset size) (array-total-size target))
    (error "The :DISPLACED-TO array is too small."))
  (%make-array-header target dimensions fill-pointer size offset
                      (logior +array-adjustable+ +array-displaced+)))

(defun make-array (dimensions &key (element-type t) (initial-element nil initial-element-p)
                                   (initial-contents nil initial-contents-p)
                                   adjustable fill-pointer displaced-to
                                   (displaced-index-offset 0))
  (let* ((dimensions (%dimension-list dimensions))
         (type (%upgrade-element-type element-type))
         (size (%total-size dimensions))
         (fill (%initial-fill-pointer fill-pointer dimensions size)))
    (when (and initial-element-p initial-contents-p)
      (error "Can't specify both :INITIAL-ELEMENT and :INITIAL-CONTENTS"))
    (when (and displaced-to (or initial-element-p initial-contents-p))
      (error "Neither :INITIAL-ELEMENT nor :INITIAL-CONTENTS may be specified with :DISPLACED-TO"))
    (if displaced-to
        (%make-displaced-header dimensions size type displaced-to displaced-index-offset fill)
        (let* ((storage (%make-storage type size (if initial-element-p
                                                     (%check-element type initial-element)
                                                     (%default-element type))))
               (array (if (or adjustable fill-pointer
                              (not (and (%consp dimensions) (null (%cdr dimensions)))))
                          (%make-array-header storage dimensions fill size 0
                                              (if (or adjustable fill-pointer)
                                                  +array-adjustable+
                                                  0))
                          storage)))
          (when initial-contents-p
            (%fill-initial-contents array dimensions initial-contents))
          array))))

(defun %fill-initial-contents (array dimensions contents)
  ;; Store the elements of the nested sequences CONTENTS into ARRAY in
  ;; row-major order; their lengths must be the DIMENSIONS.
  (let ((index 0) (axis 0))
    (labels ((fill-axis (contents dimensions)
               (if (null dimensions)
                   (progn (%row-major-set array index contents)
                          (setq index (%fx+ index 1)))
                   (let ((n (car dimensions)))
                     (unless (and (or (listp contents) (vectorp contents))
                                  (eql (length contents) n))
                       (%malformed-contents contents n axis (cdr dimensions)))
                     (setq axis (%fx+ axis 1))
                     (if (listp contents)
                         (dolist (x contents) (fill-axis x (cdr dimensions)))
                         (dotimes (i n) (fill-axis (aref contents i) (cdr dimensions))))
                     (setq axis (%fx- axis 1))))))
      (fill-axis contents dimensions))))

(defun %malformed-contents (contents n axis more-dimensions)
  (cond ((not (or (listp contents) (vectorp contents)))
         (error "malformed :INITIAL-CONTENTS: ~S is not a sequence, but ~D more layer~:P needed."
                contents (1+ (length more-dimensions))))
        ((and (%fx= axis 0) (null more-dimensions))
         (error "There are ~D elements in the :INITIAL-CONTENTS, but the vector length is ~D."
                (length contents) n))
        (t (error "malformed :INITIAL-CONTENTS: Dimension of axis ~D is ~D, but ~S is ~D long."
                  axis n contents (length contents)))))

;;; Array attributes

(defun array-rank (array)
  (if (%array-header-p (%check-array array)) (length (%array-dimensions array)) 1))

(defun array-dimensions (array)
  (if (%array-header-p (%check-array array))
      (copy-list (%array-dimensions array))
      (list (%simple-length array))))

(defun array-dimension (array axis-number)
  (let ((dimensions (if (%array-header-p (%check-array array))
                        (%array-dimensions array)
                        (list (%simple-length array)))))
    (unless (and (%fixnump axis-number) (%fx>= axis-number 0)
                 (%fx< axis-number (length dimensions)))
      (error "Axis number ~S is too big; ~S only has ~D dimension~:P."
             axis-number array (length dimensions)))
    (nth axis-number dimensions)))

(defun array-total-size (array)
  (if (%array-header-p (%check-array array)) (%array-total-size array) (%simple-length array)))

(defun array-element-type (array)
  (%array-element-type (%check-array array)))

(defun array-in-bounds-p (array &rest subscripts)
  (let ((dimensions (array-dimensions array)))
    (unless (%fx= (length subscripts) (length dimensions))
      (error "Wrong number of subscripts, ~D, for array of rank ~D."
             (length subscripts) (length dimensions)))
    (every (lambda (i d) (and (integerp i) (<= 0 i) (< i d))) subscripts dimensions)))

(defun adjustable-array-p (array)
  (and (%array-header-p (%check-array array))
       (not (%fx= 0 (%fx-logand (%array-flags array) +array-adjustable+)))))

(defun %displaced-p (array)
  (and (%array-header-p array)
       (not (%fx= 0 (%fx-logand (%array-flags array) +array-displaced+)))))

(defun array-displacement (array)
  (if (%displaced-p (%check-array array))
      (values (%array-data array) (%array-offset array))
      (values nil 0)))

(defun array-has-fill-pointer-p (array)
  (and (%array-header-p (%check-array array)) (%array-fill-pointer array) t))

(defun simple-string-p (x) (%stringp x))
(defun simple-bit-vector-p (x) (%bit-vector-p x))
(defun bit-vector-p (x)
  (or (%bit-vector-p x) (and (%array-header-p x) (%header-bit-vector-p x))))

(defun %simple-array-p (x)
  (or (%simple-storage-p x) (and (%array-header-p x) (%simple-header-p x))))

;;; EQUAL and EQUALP (list.lisp) on arrays

(defun %bit-vectors-equal (a b)
  (and (bit-vector-p a) (bit-vector-p b)
       (%fx= (length a) (length b))
       (dotimes (i (length a) t)
         (unless (%eq (aref a i) (aref b i)) (return nil)))))

(defun %arrays-equalp (a b)
  ;; Same dimensions (vectors: same length) and EQUALP elements.
  (let ((n (if (vectorp a) (length a) (array-total-size a))))
    (and (if (vectorp a)
             (and (vectorp b) (%fx= n (length b)))
             (equal (array-dimensions a) (array-dimensions b)))
         (dotimes (i n t)
           (unless (equalp (%row-major-ref a i) (%row-major-ref b i)) (return nil))))))

;;; Fill pointers

(defun %fill-pointer-or-error (vector)
  (let ((fill (and (%array-header-p vector) (%array-fill-pointer vector))))
    (or fill
        (error 'simple-type-error
               :datum vector :expected-type '(and vector (satisfies array-has-fill-pointer-p))
               :format-control "~S is not an array with a fill pointer."
               :format-arguments (list vector)))))

(defun fill-pointer (vector) (%fill-pointer-or-error vector))

(defun (setf fill-pointer) (new-fill-pointer vector)
  (%fill-pointer-or-error vector)
  (let ((size (%array-total-size vector)))
    (unless (and (%fixnump new-fill-pointer) (%fx>= new-fill-pointer 0)
                 (%fx<= new-fill-pointer size))
      (error 'simple-type-error
             :datum new-fill-pointer :expected-type (list 'integer 0 size)
             :format-control "The new fill pointer, ~S, is larger than the length of the vector (~S.)"
             :format-arguments (list new-fill-pointer size)))
    (%set-array-fill-pointer vector new-fill-pointer)))

(defun vector-push (new-element vector)
  (let ((fill (%fill-pointer-or-error vector)))
    (when (%fx< fill (%array-total-size vector))
      (%row-major-set vector fill new-element)
      (%set-array-fill-pointer vector (%fx+ fill 1))
      fill)))

(defun vector-push-extend (new-element vector &optional min-extension)
  (let ((fill (%fill-pointer-or-error vector)))
    (when (%fx>= fill (%array-total-size vector))
      (%resize-vector vector (+ fill (or min-extension (max fill 1)))))
    (%row-major-set vector fill new-element)
    (%set-array-fill-pointer vector (%fx+ fill 1))
    fill))

(defun vector-pop (vector)
  (let ((fill (%fill-pointer-or-error vector)))
    (when (%fx= fill 0) (error "There is nothing left to pop."))
    (%set-array-fill-pointer vector (%fx- fill 1))
    (%row-major-ref vector (%fx- fill 1))))

(defun %resize-vector (vector size)
  ;; Give the one-dimensional header VECTOR storage of its own of SIZE
  ;; elements, keeping the elements it has (no longer displaced).
  (let* ((type (%array-element-type vector))
         (storage (%make-storage type size (%default-element type)))
         (n (min size (%array-total-size vector))))
    (dotimes (i n) (%aset1 storage i (%row-major-ref vector i)))
    (%set-array-data vector storage)
    (%set-array-dimensions vector (list size))
    (%set-array-total-size vector size)
    (%set-array-offset vector 0)
    (%set-array-flags vector +array-adjustable+)
    vector))

;;; ADJUST-ARRAY

(defun %copy-common-elements (from from-dimensions to to-dimensions)
  ;; Copy the elements whose subscripts are valid in both arrays.
  (labels ((copy-axis (common from-dimensions to-dimensions from-index to-index)
             ;; FROM-INDEX and TO-INDEX: the row-major indexes of the
             ;; subscripts fixed so far.
             (if (null common)
                 (%row-major-set to to-index (%row-major-ref from from-index))
                 (dotimes (i (car common))
                   (copy-axis (cdr common) (cdr from-dimensions) (cdr to-dimensions)
                              (+ (* from-index (car from-dimensions)) i)
                              (+ (* to-index (car to-dimensions)) i))))))
    (copy-axis (mapcar #'min from-dimensions to-dimensions) from-dimensions to-dimensions 0 0)))

(defun %adjusted-fill-pointer (array fill-pointer size)
  (cond ((null fill-pointer)
         (when (array-has-fill-pointer-p array)
           (when (> (fill-pointer array) size)
             (error "can't adjust vector ~S to a size (~S) smaller than its current fill pointer (~S)"
                    array size (fill-pointer array)))
           (fill-pointer array)))
        ((not (array-has-fill-pointer-p array))
         (%type-error array '(satisfies array-has-fill-pointer-p)))
        ((%eq fill-pointer t) size)
        ((and (%fixnump fill-pointer) (%fx>= fill-pointer 0) (%fx<= fill-pointer size))
         fill-pointer)
        (t (error "Can't supply a value for :FILL-POINTER (~S) that is larger than the new size of the vector (~S)"
                  fill-pointer size))))

(defun adjust-array (array new-dimensions &key (element-type nil element-type-p)
                                               (initial-element nil initial-element-p)
                                               (initial-contents nil initial-contents-p)
                                               fill-pointer displaced-to
                                               (displaced-index-offset 0))
  (let* ((dimensions (%dimension-list new-dimensions))
         (type (%array-element-type (%check-array array)))
         (size (%total-size dimensions))
         (fill (%adjusted-fill-pointer array fill-pointer size)))
    (when (and element-type-p (not (%eq (%upgrade-element-type element-type) type)))
      (error "The new element type, ~S, is incompatible with old type, ~S."
             element-type (array-element-type array)))
    (unless (%fx= (length dimensions) (array-rank array))
      (error "Expected ~D new dimension~:P for array, but received ~D."
             (array-rank array) (length dimensions)))
    (let ((new (cond (displaced-to
                      (%make-displaced-header dimensions size type displaced-to
                                              displaced-index-offset fill))
                     (t (let ((new (make-array dimensions
                                               :element-type type
                                               :initial-element (if initial-element-p
                                                                    initial-element
                                                                    (%default-element type))
                                               :fill-pointer fill)))
                          (if initial-contents-p
                              (%fill-initial-contents new dimensions initial-contents)
                              (%copy-common-elements array (array-dimensions array)
                                                     new dimensions))
                          new)))))
      (if (adjustable-array-p array)
          (%become array new)
          new))))

(defun %become (header new)
  ;; Make the adjustable HEADER the array NEW is (NEW's storage is fresh).
  (if (%array-header-p new)
      (progn
        (%set-array-data header (%array-data new))
        (%set-array-offset header (%array-offset new))
        (%set-array-flags header (%fx-logior +array-adjustable+ (%array-flags new)))
        (%set-array-fill-pointer header (%array-fill-pointer new)))
      (progn
        (%set-array-data header new)
        (%set-array-offset header 0)
        (%set-array-flags header +array-adjustable+)
        (%set-array-fill-pointer header nil)))
  (%set-array-dimensions header (array-dimensions new))
  (%set-array-total-size header (array-total-size new))
  header)

;;; Bit arrays

(defun %check-bit-array (x)
  (if (and (arrayp x) (%eq (%array-element-type x) 'bit))
      x
      (%type-error x '(array bit))))

(defun bit (bit-array &rest subscripts)
  (apply #'aref (%check-bit-array bit-array) subscripts))

(defun (setf bit) (bit bit-array &rest subscripts)
  (apply #'(setf aref) bit (%check-bit-array bit-array) subscripts))

(defun %check-simple-bit-array (x)
  (if (and (%simple-array-p x) (%eq (%array-element-type x) 'bit))
      x
      (%type-error x '(simple-array bit))))

(defun sbit (simple-bit-array &rest subscripts)
  (apply #'aref (%check-simple-bit-array simple-bit-array) subscripts))

(defun (setf sbit) (bit simple-bit-array &rest subscripts)
  (apply #'(setf aref) bit (%check-simple-bit-array simple-bit-array) subscripts))

(defun %bit-result (bit-array result)
  ;; The array receiving a bit operation on BIT-ARRAY: a fresh one for NIL,
  ;; BIT-ARRAY itself for T, else RESULT (of the same dimensions).
  (cond ((null result) (make-array (array-dimensions bit-array) :element-type 'bit))
        ((%eq result t) bit-array)
        (t (%check-bit-array result))))

(defun %same-dimensions-or-error (arrays)
  (let ((dimensions (array-dimensions (car arrays))))
    (dolist (a (cdr arrays))
      (unless (equal (array-dimensions a) dimensions)
        (error "Argument and/or result bit arrays are not the same length:~{~%  ~S~}"
               arrays)))))

(defun %bit-operation (table bit-array-1 bit-array-2 result)
  ;; Element by element: the bit of TABLE (4 bits) at 2a + b.
  (%check-bit-array bit-array-1)
  (%check-bit-array bit-array-2)
  (let ((result (%bit-result bit-array-1 result)))
    (%same-dimensions-or-error (list bit-array-1 bit-array-2 result))
    (dotimes (i (array-total-size result) result)
      (let ((a (%row-major-ref bit-array-1 i)) (b (%row-major-ref bit-array-2 i)))
        (%row-major-set result i (if (logbitp (%fx+ (%fx+ a a) b) table) 1 0))))))

(defmacro %define-bit-operation (name table)
  `(defun ,name (bit-array-1 bit-array-2 &optional result)
     (%bit-operation ,table bit-array-1 bit-array-2 result)))

(%define-bit-operation bit-and #b1000)
(%define-bit-operation bit-ior #b1110)
(%define-bit-operation bit-xor #b0110)
(%define-bit-operation bit-eqv #b1001)
(%define-bit-operation bit-nand #b0111)
(%define-bit-operation bit-nor #b0001)
(%define-bit-operation bit-andc1 #b0010)
(%define-bit-operation bit-andc2 #b0100)
(%define-bit-operation bit-orc1 #b1011)
(%define-bit-operation bit-orc2 #b1101)

(defun bit-not (bit-array &optional result)
  (%check-bit-array bit-array)
  (let ((result (%bit-result bit-array result)))
    (%same-dimensions-or-error (list bit-array result))
    (dotimes (i (array-total-size result) result)
      (%row-major-set result i (%fx- 1 (%row-major-ref bit-array i))))))
