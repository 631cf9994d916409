;;; Simple vectors: MAKE-ARRAY (initial element and contents, character
;;; arrays), VECTOR, SVREF, AREF, array queries, and a few vector algorithms
;;; (prefix sums, in-place reversal, a ring buffer, matrix as vector of
;;; vectors).

(print (list (make-array 3) (make-array '(2) :initial-element 'x)
             (make-array 3 :initial-contents '(a b c)) (vector) (vector 1 'two "three")))
(print (list (make-array 4 :element-type 'character :initial-element #\z)
             (make-array 2 :element-type 'character :initial-contents "hi")))
(print (list (array-rank #(1 2)) (array-dimensions #(1 2 3)) (array-dimension "abcd" 0)
             (array-total-size #()) (array-element-type "x") (array-element-type #(1))
             (array-in-bounds-p #(1 2) 1) (array-in-bounds-p #(1 2) 2)))
(print (list (vectorp #(1)) (vectorp "s") (vectorp '(1)) (simple-vector-p #(1))
             (simple-vector-p "s") (arrayp #()) (length #(a b c))))

(defun prefix-sums (v)
  (let ((result (make-array (length v))) (sum 0))
    (dotimes (i (length v) result)
      (setf (svref result i) (incf sum (svref v i))))))
(print (prefix-sums #(1 2 3 4 5)))

(defun vector-reverse! (v)
  (let ((n (length v)))
    (dotimes (i (floor n 2) v)
      (rotatef (aref v i) (aref v (- n i 1))))))
(print (vector-reverse! (vector 1 2 3 4 5 6)))
(print (vector-reverse! (copy-seq "abcdef")))

;; A fixed-size ring buffer.
(defun make-ring (size) (vector (make-array size :initial-element nil) 0 0))
(defun ring-push (ring x)
  (let ((items (svref ring 0)))
    (setf (svref items (mod (svref ring 1) (length items))) x)
    (incf (svref ring 1))
    (setf (svref ring 2) (min (1+ (svref ring 2)) (length items)))
    x))
(defun ring-contents (ring)
  (let* ((items (svref ring 0)) (n (length items)) (count (svref ring 2)) (next (svref ring 1)))
    (loop for i from (- next count) below next collect (svref items (mod i n)))))
(let ((ring (make-ring 4)))
  (dotimes (i 10) (ring-push ring (* i i)))
  (print (ring-contents ring)))

;; A matrix as a vector of row vectors, transposed and multiplied.
(defun make-matrix (rows cols &optional (init 0))
  (let ((m (make-array rows)))
    (dotimes (i rows m) (setf (svref m i) (make-array cols :initial-element init)))))
(defun mref (m i j) (svref (svref m i) j))
(defun (setf mref) (value m i j) (setf (svref (svref m i) j) value))
(defun transpose (m)
  (let* ((rows (length m)) (cols (length (svref m 0))) (result (make-matrix cols rows)))
    (dotimes (i rows result)
      (dotimes (j cols)
        (setf (mref result j i) (mref m i j))))))
(defun mat* (a b)
  (let* ((n (length a)) (k (length b)) (m (length (svref b 0))) (c (make-matrix n m)))
    (dotimes (i n c)
      (dotimes (j m)
        (dotimes (x k)
          (incf (mref c i j) (* (mref a i x) (mref b x j))))))))
(let ((a (make-matrix 2 3)))
  (dotimes (i 2) (dotimes (j 3) (setf (mref a i j) (+ (* i 3) j 1))))
  (print a)
  (print (transpose a))
  (print (mat* a (transpose a))))

;; Vectors of characters versus strings.
(print (coerce #(#\a #\b) 'string))
(print (coerce "ab" 'vector))
(print (map 'vector #'char-code "AZ"))
(print (mapcar (constantly 7) '(1 2 3)))
(print (remove-if (complement #'evenp) #(1 2 3 4)))

;; Out-of-range access is an error: the program ends here.
(print (svref (vector 1 2 3) 3))
