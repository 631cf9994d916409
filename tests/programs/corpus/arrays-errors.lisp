;;; Errors of the array functions: each is a Lisp condition of the standard
;;; type SBCL signals (an index out of bounds is a TYPE-ERROR).

(defvar *sink* nil)

(defmacro try (form)
  ;; The value is used, so that SBCL does not drop a call without effects.
  `(handler-case (progn (setq *sink* ,form) 'no-error)
     (type-error (e) (list 'type-error (type-error-datum e)))
     (error (e) (list 'error (princ-to-string e)))))

(defun show (label &rest values)
  (format t "~A:~{ ~S~}~%" label values))

(defvar *v* (vector 1 2 3))
(defvar *m* (make-array '(2 3)))
(defvar *f* (make-array 4 :fill-pointer 1))

(show "index" (try (aref *v* 3)) (try (aref *v* -1)) (try (aref *v* 'a))
      (try (aref "abc" 5)) (try (aref #*101 3)) (try (aref *f* 4)))
(show "index messages"
      (handler-case (aref *v* 5) (error (e) (princ-to-string e)))
      (handler-case (aref *m* 1 7) (error (e) (princ-to-string e)))
      (handler-case (char "abc" 3) (error (e) (princ-to-string e))))
(show "store" (try (setf (aref *v* 3) 0)) (try (setf (aref "abc" 0) 1))
      (try (setf (aref (copy-seq #*101) 0) 2)) (try (setf (aref *m* 2 0) 0))
      (try (setf (bit (copy-seq #*11) 1) 'x)))
(show "rank" (try (aref *v* 1 2)) (try (aref *m* 1 1 1)) (try (aref 'foo 1))
      (try (aref '(1 2) 0)))
(show "ignores fill pointer" (aref *f* 3) (try (elt *f* 1)) (try (elt *v* 3))
      (try (setf (elt *f* 2) 0)))
(show "svref" (try (svref *f* 0)) (try (svref "abc" 0)) (try (svref *v* 3)))
(show "schar" (try (schar (make-array 2 :element-type 'character :adjustable t) 0)))
(show "row-major" (try (row-major-aref *m* 6)) (try (array-row-major-index *m* 1 3))
      (try (array-row-major-index *m* 1)))
(show "dimension" (try (array-dimension *m* 2)) (try (array-rank 'x))
      (try (array-dimensions "x")) (try (length *m*)))
(show "fill pointer" (try (fill-pointer *v*)) (try (vector-push 1 *v*))
      (try (vector-push-extend 1 *v*)) (try (vector-pop *v*))
      (try (vector-pop (make-array 2 :fill-pointer 0)))
      (try (setf (fill-pointer *f*) 5)) (try (setf (fill-pointer *f*) -1)))
(show "make-array"
      (try (make-array -1)) (try (make-array 'x))
      (try (make-array 2 :initial-contents '(1 2 3)))
      (try (make-array '(2 2) :initial-contents '((1 2) (3))))
      (try (make-array '(2 2) :initial-contents '(1 2)))
      (try (make-array 3 :fill-pointer 4))
      (try (make-array '(2 2) :fill-pointer 0))
      (try (make-array 2 :element-type 'character :initial-element 1))
      (try (make-array 2 :element-type 'bit :initial-element 2))
      (try (make-array 2 :initial-element 1 :initial-contents '(1 2))))
(show "displaced"
      (try (make-array 4 :displaced-to *v*))
      (try (make-array 2 :displaced-to *v* :displaced-index-offset 2))
      (try (make-array 2 :displaced-to "abc"))
      (try (make-array 2 :displaced-to 'x)))
(show "adjust"
      (try (adjust-array *m* 4))
      (try (adjust-array (make-array 3 :fill-pointer 3 :adjustable t) 2))
      (try (adjust-array *v* 4 :fill-pointer 2))
      (try (adjust-array "ab" 4 :element-type 'bit)))
(show "bits"
      (handler-case (bit-and #*101 #*11) (simple-error () 'simple-error))
      (try (bit-ior #*101 (vector 1 0 1)))
      (try (bit-not *v*))
      (try (bit *v* 0))
      (try (sbit (make-array 2 :element-type 'bit :fill-pointer 1) 0)))
(show "strings"
      (try (char *v* 0)) (try (string-upcase 12))
      (try (with-output-to-string (s (make-string 3)) (write-char #\a s)))
      (try (format (make-string 2) "x")))
(show "reader"
      (handler-case (read-from-string "#2A(1 2)") (reader-error () 'reader-error))
      (handler-case (read-from-string "#*102") (reader-error () 'reader-error))
      (handler-case (read-from-string "#3*1111") (reader-error () 'reader-error))
      (handler-case (read-from-string "#2A((1 2) (3))") (error () 'error)))
(show "typep" (try (typep *v* '(array t (* *)))) (typep *m* '(array t (2 *))))
(let ((v (make-array 2 :element-type 'character :fill-pointer 0 :adjustable t)))
  (show "element check" (try (vector-push-extend 'x v))))
