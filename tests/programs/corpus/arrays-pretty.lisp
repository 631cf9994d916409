;;; Pretty printing of arrays: multi-dimensional arrays as nested logical
;;; blocks that break like SBCL's, vectors with fill pointers, rank 0,
;;; *PRINT-LENGTH* and *PRINT-LEVEL*.
(defvar *m* (make-array '(2 3)))
(print (list 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa *m*))
(print (make-array '(2 3 2) :initial-element 'x))
(print (make-array '(10 10) :initial-element 12345))
(print (make-array '() :initial-element 5))
(print (make-array '(0 3)))
(print (make-array 30 :fill-pointer 25 :initial-element 'abc))
(let ((*print-length* 2)) (print (make-array '(3 3) :initial-element 1)) (print (make-array 5 :fill-pointer 4)))
(let ((*print-level* 1)) (print (make-array '(2 2) :initial-element 1)) (print (list (make-array '(2 2)))))
(pprint (make-array '(4 4) :initial-contents '((a b c d) (e f g h) (i j k l) (m n o p))))
