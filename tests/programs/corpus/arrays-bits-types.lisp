;;; Bit arrays and their operations; TYPEP, SUBTYPEP and TYPE-OF on array
;;; types; EQUAL, EQUALP and hash tables on arrays.

(defun show (label &rest values)
  (format t "~A:~{ ~S~}~%" label values))

;;; Bit operations
(let ((a #*1100) (b #*1010))
  (show "and ior xor" (bit-and a b) (bit-ior a b) (bit-xor a b))
  (show "eqv nand nor" (bit-eqv a b) (bit-nand a b) (bit-nor a b))
  (show "andc orc" (bit-andc1 a b) (bit-andc2 a b) (bit-orc1 a b) (bit-orc2 a b))
  (show "not" (bit-not a) a))
(let ((a (copy-seq #*1100)) (b #*0110) (r (make-array 4 :element-type 'bit)))
  (show "result t" (bit-and a b t) a)
  (show "result array" (bit-ior a b r) r (eq r (bit-ior a b r)))
  (show "not into" (bit-not a a) a))
(let ((m (make-array '(2 2) :element-type 'bit :initial-contents '((1 0) (0 1))))
      (n (make-array '(2 2) :element-type 'bit :initial-contents '((1 1) (0 0)))))
  (show "bit matrices" (bit-and m n) (bit-xor m n) (bit-not m) (bit m 1 1) (sbit n 0 1))
  (setf (bit m 0 1) 1 (sbit n 1 0) 1)
  (show "set bits" m n))
(let ((counts (make-array 10 :element-type 'bit)))
  ;; A sieve: bit i is 1 for the composite numbers below 10.
  (loop for i from 2 below 10
        when (zerop (bit counts i))
          do (loop for j from (* i i) below 10 by i do (setf (bit counts j) 1)))
  (show "sieve" counts (loop for i from 2 below 10 when (zerop (sbit counts i)) collect i)))

;;; TYPEP
(defvar *things*
  (list (vector 1 2) "str" #*101 #2A((1 2)) #0A1
        (make-array 3 :fill-pointer 1)
        (make-array 2 :element-type 'character :adjustable t)
        (make-array 2 :element-type 'bit :fill-pointer 0)
        (make-array '(2 2) :adjustable t)
        (make-array 2 :displaced-to (vector 1 2 3))
        '(1 2) 'sym 42))

(dolist (type '(array simple-array vector simple-vector string simple-string bit-vector
                simple-bit-vector sequence atom (vector t) (vector character) (vector bit)
                (array t 2) (array * (* *)) (array * (1 2)) (simple-array t (*))
                (simple-array * 0) (vector * 2) (string 3) (simple-string 3) (simple-vector 2)
                (bit-vector 3) (simple-bit-vector 3) (array character) (and vector (not string))))
  (format t "~S:~{ ~A~}~%" type
          (mapcar (lambda (x) (if (typep x type) 1 0)) *things*)))

(show "predicates"
      (mapcar (lambda (x) (list (if (arrayp x) 1 0) (if (vectorp x) 1 0) (if (stringp x) 1 0)
                                (if (bit-vector-p x) 1 0) (if (simple-vector-p x) 1 0)
                                (if (simple-string-p x) 1 0) (if (simple-bit-vector-p x) 1 0)))
              *things*))

;;; TYPE-OF
(dolist (x *things*)
  (when (arrayp x) (format t "type-of ~S~%" (type-of x))))
(show "type-of more" (type-of (make-array '(2 3) :element-type 'character))
      (type-of (make-array '(2 3) :element-type 'bit)) (type-of (make-array 0))
      (type-of (make-array 4 :element-type 'bit :adjustable t))
      (type-of (make-array '(1 2 3) :fill-pointer nil :adjustable t)))

;;; SUBTYPEP
(dolist (pair '((string vector) (simple-string string) (string simple-string)
                ((vector character) string) (bit-vector (vector bit))
                ((simple-array bit (*)) simple-bit-vector) ((simple-bit-vector 8) bit-vector)
                ((simple-array t (*)) simple-vector) (simple-vector (vector t))
                ((array t (2 3)) (array t (* *))) ((array t (2 3)) (array * 2))
                ((array t (2 3)) (simple-array t (2 3))) (vector sequence) (array sequence)
                ((vector t 3) (vector t 4)) (string array) (simple-array array)
                (bit-vector simple-bit-vector) (string atom) (cons list) (null list)
                (fixnum integer) (integer fixnum) (bit (integer 0 1)) ((mod 256) (unsigned-byte 8))
                (keyword symbol) (character string) ((member 1 2) fixnum) (nil string)
                (type-error error) (error type-error) ((or fixnum bignum) integer)
                (integer (or string integer)) (single-float float) (ratio real)
                ((integer 0 10) (integer 0 *)) ((integer 0 10) unsigned-byte)
                ((integer 0 10) (integer * 20)) ((integer -1 10) (integer 0))))
  (format t "~S ~S -> ~{~S~^ ~}~%" (first pair) (second pair)
          (multiple-value-list (subtypep (first pair) (second pair)))))

;;; CHECK-TYPE, TYPECASE
(show "typecase"
      (mapcar (lambda (x)
                (typecase x
                  (simple-string 'simple-string)
                  (string 'string)
                  (simple-bit-vector 'simple-bits)
                  (bit-vector 'bits)
                  (simple-vector 'simple-vector)
                  (vector 'vector)
                  (array 'array)
                  (t 'other)))
              *things*))
(let ((v (make-array 3 :fill-pointer 0)))
  (check-type v (vector t))
  (show "check-type" (handler-case (check-type v simple-vector)
                       (type-error (e) (list 'type-error (type-error-expected-type e))))))

;;; EQUAL and EQUALP
(let ((fs (make-array 5 :element-type 'character :fill-pointer 3 :initial-contents "abcde"))
      (fv (make-array 5 :fill-pointer 2 :initial-contents '(1 2 3 4 5))))
  (show "equal" (equal fs "abc") (equal "abc" fs) (equal fs "abcde") (equal #*101 #*101)
        (equal #*101 #*1010) (equal fv #(1 2)) (equal #2A((1)) #2A((1))))
  (show "equalp" (equalp fs "ABC") (equalp fv #(1 2)) (equalp fv #(1 2 3))
        (equalp #2A((1 2) (3 4)) #2A((1 2) (3 4))) (equalp #2A((1 2)) #2A((1) (2)))
        (equalp #2A((1 2)) #(1 2)) (equalp #*101 #(1 0 1)) (equalp #0A5 #0A5.0)))
(let ((table (make-hash-table :test 'equal)))
  (setf (gethash "key" table) 1 (gethash #*1011 table) 2)
  (show "equal table" (gethash (make-array 3 :element-type 'character :initial-contents "key"
                                             :adjustable t)
                               table)
        (gethash (copy-seq #*1011) table) (gethash #*1010 table)))
(let ((table (make-hash-table :test 'equalp)))
  (setf (gethash #2A((1 2) (3 4)) table) 'matrix (gethash #(a "b") table) 'vector)
  (show "equalp table" (gethash (make-array '(2 2) :initial-contents '((1 2) (3 4))) table)
        (gethash (make-array 2 :fill-pointer 2 :initial-contents '(a "B")) table)
        (gethash #2A((1 2)) table)))
