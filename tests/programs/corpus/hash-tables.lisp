;;; Hash tables: the four tests, GETHASH/SETF/REMHASH/CLRHASH, MAPHASH and
;;; WITH-HASH-TABLE-ITERATOR (in SBCL's order), counts, sizes, printing.
;;; SBCL prints a hash table's address, as in #<HASH-TABLE :TEST EQL :COUNT 0
;;; {1001A0B7D3}>; clysm prints no address.  Show the rest.
(defun show (table)
  (let* ((text (prin1-to-string table)) (brace (search " {" text)))
    (if brace (concatenate 'string (subseq text 0 brace) ">") text)))

(defun entries (table)
  (let ((result nil))
    (maphash (lambda (k v) (push (list k v) result)) table)
    (nreverse result)))

(let ((h (make-hash-table)))
  (print (show h))
  (print (list (hash-table-p h) (hash-table-p 3) (hash-table-count h)
               (hash-table-test h) (hash-table-size h) (type-of h)))
  (setf (gethash 'apple h) 3 (gethash 'pear h) 5 (gethash 10 h) "ten" (gethash #\c h) 'char)
  (print (multiple-value-list (gethash 'apple h)))
  (print (multiple-value-list (gethash 'banana h)))
  (print (multiple-value-list (gethash 'banana h 'none)))
  (print (multiple-value-list (gethash 10 h)))
  (print (multiple-value-list (gethash #\c h)))
  (print (gethash "apple" h))
  (print (hash-table-count h))
  (print (show h))
  (print (list (show (make-hash-table :test 'equal)) (show (make-hash-table :test #'equalp))))
  (incf (gethash 'apple h))
  (incf (gethash 'kiwi h 0) 10)
  (push 'x (gethash 'list h))
  (push 'y (gethash 'list h))
  (print (entries h))
  (print (list (remhash 'pear h) (remhash 'pear h) (hash-table-count h)))
  (setf (gethash 'fig h) 1)
  (print (entries h))
  (print (eq (clrhash h) h))
  (print (list (hash-table-count h) (entries h) (gethash 'apple h))))

;;; EQ, EQL, EQUAL and EQUALP, given as symbols or functions.
(dolist (test (list 'eq 'eql 'equal 'equalp #'eq #'eql #'equal #'equalp))
  (let ((h (make-hash-table :test test)))
    (setf (gethash "key" h) 1
          (gethash (list 1 2) h) 2
          (gethash #\a h) 3
          (gethash 42 h) 4
          (gethash 'sym h) 5
          (gethash (vector 1 2) h) 6)
    (print (list (hash-table-test h)
                 (gethash "key" h) (gethash "KEY" h) (gethash (list 1 2) h)
                 (gethash #\a h) (gethash #\A h) (gethash 42 h) (gethash 'sym h)
                 (gethash (vector 1 2) h) (hash-table-count h)))))

;;; EQUAL keys: strings and lists by contents.
(let ((h (make-hash-table :test 'equal)))
  (dolist (word '("the" "cat" "sat" "on" "the" "mat" "the" "end"))
    (incf (gethash (copy-seq word) h 0)))
  (print (entries h))
  (setf (gethash '(a (b c) "d") h) 'nested)
  (print (gethash (list 'a (list 'b 'c) "d") h))
  (print (gethash '(a (b c) "D") h)))

;;; EQUALP keys: case-insensitive strings, vectors, structures.
(defstruct pos row col)
(let ((h (make-hash-table :test 'equalp)))
  (setf (gethash "Hello" h) 1)
  (setf (gethash (make-pos :row 1 :col 2) h) 'one-two)
  (setf (gethash #(1 "a" #\b) h) 'vec)
  (print (list (gethash "HELLO" h) (gethash "hello" h)
               (gethash (make-pos :row 1 :col 2) h) (gethash (make-pos :row 2 :col 1) h)
               (gethash (vector 1 "A" #\B) h)))
  (setf (gethash "HELLO" h) 2)
  (print (entries h)))

;;; WITH-HASH-TABLE-ITERATOR
(let ((h (make-hash-table)))
  (dotimes (i 5) (setf (gethash i h) (* i i)))
  (with-hash-table-iterator (next h)
    (loop (multiple-value-bind (more k v) (next)
            (unless more (return))
            (format t "~a=~a " k v))))
  (terpri))

;;; Order after removals: freed entries are reused, most recent first.
(let ((h (make-hash-table)))
  (dotimes (i 10) (setf (gethash i h) t))
  (remhash 3 h)
  (remhash 7 h)
  (setf (gethash 100 h) t (gethash 101 h) t (gethash 102 h) t)
  (print (mapcar #'car (entries h)))
  (dotimes (i 20) (setf (gethash (+ 200 i) h) t))
  (print (list (hash-table-count h) (hash-table-size h)))
  (print (mapcar #'car (entries h))))

;;; Removing during MAPHASH the entry being visited is allowed.
(let ((h (make-hash-table)))
  (dotimes (i 10) (setf (gethash i h) i))
  (maphash (lambda (k v) (when (oddp v) (remhash k h))) h)
  (maphash (lambda (k v) (setf (gethash k h) (* 10 v))) h)
  (print (entries h)))

;;; Sizes grow as in SBCL.
(let ((h (make-hash-table)) (sizes nil))
  (dotimes (i 500)
    (setf (gethash i h) i)
    (unless (eql (hash-table-size h) (car sizes)) (push (hash-table-size h) sizes)))
  (print (reverse sizes)))
(print (list (hash-table-size (make-hash-table :size 100))
             (hash-table-size (make-hash-table :size 3))))
(let ((h (make-hash-table :size 10 :rehash-size 5)) (sizes nil))
  (dotimes (i 40)
    (setf (gethash i h) i)
    (unless (eql (hash-table-size h) (car sizes)) (push (hash-table-size h) sizes)))
  (print (reverse sizes)))

;;; SXHASH agrees with EQUAL.
(print (list (= (sxhash "abc") (sxhash (copy-seq "abc")))
             (= (sxhash (list 1 "two" 'three)) (sxhash (list 1 (copy-seq "two") 'three)))
             (= (sxhash 12345) (sxhash 12345))
             (= (sxhash 'foo) (sxhash 'foo))
             (typep (sxhash (list 1 2 3)) 'fixnum)
             (>= (sxhash "x") 0)))

;;; EQUALP of hash tables.
(let ((a (make-hash-table)) (b (make-hash-table)) (c (make-hash-table :test 'equal)))
  (setf (gethash 1 a) "one" (gethash 2 a) "two")
  (setf (gethash 2 b) "TWO" (gethash 1 b) "ONE")
  (setf (gethash 1 c) "one" (gethash 2 c) "two")
  (print (list (equalp a b) (equal a b) (equalp a c)))
  (setf (gethash 3 b) "three")
  (print (equalp a b)))

;;; Errors
(print (handler-case (gethash 1 'not-a-table)
         (type-error (e) (list 'type-error (type-error-datum e) (type-error-expected-type e)))))
(print (handler-case (hash-table-count (list 1))
         (type-error (e) (list 'type-error (type-error-expected-type e)))))

;;; Hash tables in structures; a table of lists.
(defstruct graph (edges (make-hash-table)))
(defun add-edge (g from to) (push to (gethash from (graph-edges g))))
(let ((g (make-graph)))
  (add-edge g 1 2) (add-edge g 1 3) (add-edge g 2 3) (add-edge g 3 1)
  (print (entries (graph-edges g)))
  (print (hash-table-count (graph-edges g))))
(print (funcall #'(setf gethash) 'v 'k (make-hash-table)))
(let ((h (make-hash-table)))
  (print (list (setf (gethash 'a h) 1) (gethash 'a h)))
  (print (multiple-value-list (setf (gethash 'b h) (values 2 3)))))
