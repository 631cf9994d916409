;;; CLOS: classes, accessors, generic functions with methods on several
;;; classes, MAKE-INSTANCE with initforms and default initargs,
;;; INITIALIZE-INSTANCE :AFTER, class slots, PRINT-OBJECT for classes and
;;; structures, generic functions as function objects.
(defclass shape ()
  ((name :initarg :name :initform "shape" :accessor shape-name)
   (count :initform 0 :allocation :class :accessor shape-count))
  (:documentation "Something with an area."))

(defclass circle (shape)
  ((radius :initarg :radius :initform 1 :reader radius))
  (:default-initargs :name "circle"))

(defclass rectangle (shape)
  ((width :initarg :width :accessor width)
   (height :initarg :height :accessor height))
  (:default-initargs :name "rectangle" :height 1))

(defclass square (rectangle) ()
  (:default-initargs :name "square"))

(defmethod initialize-instance :after ((s shape) &key)
  (incf (shape-count s)))

(defmethod initialize-instance :after ((s square) &key side)
  (when side
    (setf (width s) side (height s) side)))

(defgeneric area (shape)
  (:documentation "The area of SHAPE.")
  (:method ((c circle)) (* 355/113 (radius c) (radius c))))

(defmethod area ((r rectangle))
  (* (width r) (height r)))

(defgeneric perimeter (shape))
(defmethod perimeter ((c circle)) (* 2 355/113 (radius c)))
(defmethod perimeter ((r rectangle)) (* 2 (+ (width r) (height r))))

(defmethod print-object ((s shape) stream)
  (print-unreadable-object (s stream :type t)
    (format stream "~A area ~A" (shape-name s) (area s))))

(defparameter *shapes*
  (list (make-instance 'circle :radius 2)
        (make-instance 'rectangle :width 3 :height 4)
        (make-instance 'rectangle :width 5)
        (make-instance 'square :side 6)
        (make-instance 'circle)))

(print (mapcar #'area *shapes*))
(print (mapcar #'perimeter *shapes*))
(print (mapcar #'shape-name *shapes*))
(print (shape-count (first *shapes*)))
(print (reduce #'+ (mapcar #'area *shapes*)))
(print (first *shapes*))
(format t "~%~A|~S~%" (second *shapes*) (fourth *shapes*))
(print (princ-to-string (car (last *shapes*))))
(print (sort (copy-list *shapes*) #'< :key #'area))
(print (find-if (lambda (s) (typep s 'square)) *shapes*))
(print (count-if (lambda (s) (typep s 'rectangle)) *shapes*))
(print (list (funcall #'area (make-instance 'square :side 2))
             (apply #'perimeter (list (make-instance 'square :side 2)))))

;;; Accessors are SETF-able generic functions.
(let ((r (make-instance 'rectangle :width 2 :height 3)))
  (setf (width r) 10)
  (incf (height r) 2)
  (print (list (width r) (height r) (area r)))
  (setf (shape-name r) "renamed")
  (print r)
  (print (funcall #'(setf width) 7 r))
  (print (area r)))

;;; PRINT-OBJECT on a structure, and a structure class dispatching.
(defstruct vec x y)
(defmethod print-object ((v vec) stream)
  (format stream "<~A ~A>" (vec-x v) (vec-y v)))
(defgeneric norm2 (v))
(defmethod norm2 ((v vec)) (+ (* (vec-x v) (vec-x v)) (* (vec-y v) (vec-y v))))
(defmethod norm2 ((v list)) (reduce #'+ (mapcar (lambda (x) (* x x)) v)))
(defmethod norm2 ((v vector)) (norm2 (coerce v 'list)))
(print (make-vec :x 1 :y 2))
(print (list (make-vec :x 3 :y 4) (make-vec)))
(format t "~%~A ~S~%" (make-vec :x 0 :y 0) (make-vec :x 'a :y "b"))
(print (mapcar #'norm2 (list (make-vec :x 3 :y 4) '(1 2 3) #(2 2))))

;;; A structure without a PRINT-OBJECT method still prints as #S.
(defstruct plain a)
(print (make-plain :a 1))

;;; Generic functions in higher-order code.
(defgeneric combine (a b))
(defmethod combine ((a number) (b number)) (+ a b))
(defmethod combine ((a string) (b string)) (concatenate 'string a b))
(defmethod combine ((a list) (b list)) (append a b))
(defmethod combine (a b) (list a b))
(print (reduce #'combine '(1 2 3 4)))
(print (reduce #'combine '("a" "b" "c")))
(print (mapcar #'combine '(1 "x" (1) a) '(2 "y" (2) b)))
(print (type-of (first *shapes*)))
(print (list (typep (first *shapes*) 'shape) (typep (first *shapes*) 'rectangle)
             (typep (fourth *shapes*) 'rectangle) (typep 3 'shape)))
(print (list (find-class 'square) (class-of 1) (class-of 'sym) #'area #'perimeter))
(format t "~%~A ~A~%" (find-class 'circle) #'combine)
