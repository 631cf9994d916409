;;; CLOS: methods specialized on the built-in array classes (VECTOR, ARRAY,
;;; STRING) applied to simple and non-simple arrays, strings and bit
;;; vectors; CLASS-OF of arrays.
(defclass point () ((x :initarg :x :accessor px) (y :initarg :y :initform 0 :accessor py)))
(defgeneric describe-it (o))
(defmethod describe-it ((o point)) (format nil "point ~A ~A" (px o) (py o)))
(defmethod describe-it ((o vector)) (format nil "vector of ~D" (length o)))
(defmethod describe-it ((o array)) (format nil "array ~A" (array-dimensions o)))
(defmethod describe-it ((o string)) (format nil "string ~S" o))
(defmethod describe-it ((o t)) (format nil "other ~S" o))
(dolist (x (list (make-instance 'point :x 3) #(1 2) (make-array 3 :fill-pointer 2) (make-array '(2 3))
                 "abc" (make-array 2 :element-type 'character :initial-element #\z :adjustable t) #*101 (find-package :cl) 42))
  (print (describe-it x)))
(print (class-name (class-of #*1)))
(print (class-name (class-of (make-array '(2 2)))))
(print (type-of (make-array 3 :fill-pointer 1)))
