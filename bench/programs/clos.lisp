;;;; clos: generic function dispatch -- a simulation of shapes and bodies
;;;; through generic functions with methods on several classes (polymorphic
;;;; call sites), slot accessors, :BEFORE/:AFTER/:AROUND methods,
;;;; CALL-NEXT-METHOD, EQL specializers, and MAKE-INSTANCE with
;;;; INITIALIZE-INSTANCE :AFTER.  *SIZE* is the number of rounds.
;;;; sizes: quick 6000 test 3

(defvar *size* 60000)

(defclass body () ((x :initarg :x :accessor x) (y :initarg :y :accessor y)
                   (moves :initform 0 :accessor moves)))
(defclass disc (body) ((r :initarg :r :reader r)))
(defclass box (body) ((w :initarg :w :reader w) (h :initarg :h :reader h)))
(defclass cube (box) ())
(defclass ring (disc) ((inner :initarg :inner :reader inner)))

(defvar *made* 0)
(defmethod initialize-instance :after ((b body) &key)
  (incf *made*))

(defgeneric area (b))
(defmethod area ((d disc)) (* 3 (r d) (r d)))
(defmethod area ((b box)) (* (w b) (h b)))
(defmethod area ((c cube)) (* 6 (call-next-method)))
(defmethod area ((r ring)) (- (call-next-method) (* 3 (inner r) (inner r))))

(defgeneric move (b dx dy))
(defmethod move ((b body) dx dy)
  (incf (x b) dx)
  (incf (y b) dy)
  b)
(defmethod move :before ((b box) dx dy)
  (declare (ignore dx dy))
  (incf (moves b)))
(defmethod move :around ((d disc) dx dy)
  (if (> (abs dx) 100) d (call-next-method)))

(defgeneric weight (b kind))
(defmethod weight ((b body) kind) (declare (ignore kind)) 1)
(defmethod weight ((b body) (kind (eql :heavy))) (* 10 (call-next-method)))
(defmethod weight ((b box) (kind (eql :light))) 0)

(defun make-bodies (n seed)
  (let ((bodies nil))
    (dotimes (i n bodies)
      (setq seed (mod (+ (* seed 1103) 12345) 65536))
      (push (case (mod seed 4)
              (0 (make-instance 'disc :x i :y 0 :r (mod seed 7)))
              (1 (make-instance 'box :x 0 :y i :w (mod seed 5) :h (mod seed 3)))
              (2 (make-instance 'cube :x i :y i :w 2 :h 2))
              (t (make-instance 'ring :x 1 :y 1 :r 5 :inner (mod seed 4))))
            bodies))))

(defun one-round (bodies round)
  (let ((sum 0))
    (dolist (b bodies)
      (move b (mod round 7) 1)
      (setq sum (+ sum (area b) (weight b :heavy) (weight b :light) (x b))))
    sum))

(defun run (rounds)
  (let ((bodies (make-bodies 40 rounds)) (checksum 0))
    (dotimes (round rounds)
      (setq checksum (mod (+ (* checksum 31) (one-round bodies round)) 1000000007)))
    (+ checksum *made* (reduce #'+ (mapcar #'moves bodies)))))

(format t "clos ~d~%" (run *size*))
