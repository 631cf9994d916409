;;; DEFSTRUCT :INCLUDE (with slot overrides), BOA constructors, printers,
;;; and structures of :TYPE LIST and VECTOR.
(defstruct animal (name "?" :read-only t) (legs 4) (sound nil))
(defstruct (dog (:include animal (legs 4) (sound "woof") (name "dog"))) (breed 'mutt))
(defstruct (puppy (:include dog (breed 'unknown))) (age 0 :type fixnum))

(let ((d (make-dog :breed 'collie)) (p (make-puppy :age 1 :legs 3)))
  (print d)
  (print p)
  (print (list (animal-name d) (dog-name d) (animal-legs p) (dog-breed p) (puppy-age p)))
  (print (list (animal-p d) (dog-p d) (puppy-p d) (animal-p p) (dog-p p) (puppy-p p)))
  (print (list (type-of d) (type-of p) (typep p 'animal) (typep d 'puppy)
               (typep p 'structure-object)))
  (setf (animal-legs p) 5)
  (incf (dog-legs p))
  (print (list (puppy-legs p) (animal-legs p)))
  (print (copy-dog p))
  (print (type-of (copy-animal p)))
  (print (equalp d (make-dog :breed 'collie)))
  (print (equalp (make-animal :name "dog" :sound "woof") (make-dog :breed 'mutt))))

(print (handler-case (dog-breed (make-animal))
         (type-error (e) (list 'type-error (type-error-expected-type e)))))
(print (handler-case (make-puppy :age 'old)
         (type-error (e) (list 'type-error (type-error-datum e) (type-error-expected-type e)))))

;;; BOA constructors: &optional, &rest, &key, &aux; a parameter without a
;;; default takes the slot's initform.
(defstruct (boa (:constructor make-boa (a &optional b (c 'cc) &rest r
                                        &key (d 'dd) ((:ee e) 'ex) &allow-other-keys
                                        &aux (f (list a b)) (g (length r)))))
  (a 1) (b 2) (c 3) (d 4) (e 5) (f 6) (g 7) (h 8) (r nil))
(print (make-boa 0))
(print (make-boa 0 1))
(print (make-boa 0 1 2 :d 3 :ee 4 :zz 5))

(defstruct (interval (:constructor interval (low high))
                     (:constructor point-interval (low &aux (high low))))
  low high)
(defun interval-length (i) (- (interval-high i) (interval-low i)))
(print (list (interval 3 10) (point-interval 4) (interval-length (interval 3 10))))

;;; Printers: :print-function (with depth) and :print-object, inherited by
;;; an including type.
(defstruct (node (:print-function
                  (lambda (n stream depth)
                    (declare (ignore depth))
                    (format stream "<node ~a>" (node-value n)))))
  value (children nil))
(defstruct (leaf (:include node)) (weight 1))
(print (make-node :value 1 :children (list (make-node :value 2))))
(print (list (make-leaf :value 'x) (make-leaf :value "y")))
(format t "~a and ~s~%" (make-node :value "str") (make-node :value "str"))
(print (node-children (make-node :value 1 :children (list (make-leaf :value 3)))))

(defstruct (vec2 (:print-object (lambda (v stream)
                                  (format stream "#<VEC2 ~a,~a>" (vec2-x v) (vec2-y v)))))
  (x 0) (y 0))
(print (list (make-vec2 :x 1 :y 2) (make-vec2)))
(princ (make-vec2 :x "a")) (terpri)

(defun print-money (m stream depth)
  (declare (ignore depth))
  (format stream "$~d.~2,'0d" (floor (money-cents m) 100) (mod (money-cents m) 100)))
(defstruct (money (:print-function print-money)) (cents 0))
(print (list (make-money :cents 12345) (make-money :cents 7)))

(defstruct (thing (:print-function
                   (lambda (obj stream depth)
                     (declare (ignore depth))
                     (print-unreadable-object (obj stream :type t)
                       (format stream "~a" (thing-id obj))))))
  (id 0))
(print (make-thing :id 42))

;;; Structures of :TYPE LIST and VECTOR.
(defstruct (pt (:type list) :named) x y)
(defstruct (pt3 (:type list) :named (:include pt)) z)
(defstruct (pair (:type list)) left right)
(defstruct (rec (:type vector) :named) id (tags nil))
(defstruct (raw (:type vector) (:initial-offset 2)) a b)
(let ((p (make-pt :x 1 :y 2)) (p3 (make-pt3 :x 1 :z 3)) (r (make-rec :id 7)))
  (print (list p p3 (make-pair :left 'l :right 'r) r (make-raw :a 1)))
  (print (list (pt-p p) (pt-p p3) (pt-p '(x)) (pt3-p p) (rec-p r) (rec-p #(1 2 3))))
  (setf (pt-y p) 20 (pt3-z p3) 30 (rec-tags r) '(a b))
  (push 'c (rec-tags r))
  (print (list p p3 r (pt-x p3) (pt3-x p3)))
  (print (copy-pt p))
  (print (pair-right (make-pair :left 1 :right 2))))
