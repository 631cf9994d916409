;;;; hash-table.lisp -- hash tables (CLHS 18) and SXHASH.
;;;;
;;;; A hash table is a structure, as in SBCL.  Its entries live in four
;;;; simple vectors indexed 1..size (index 0 is unused, so 0 means "none"):
;;;; KEYS, VALUES, HASHES (the key's hash, -1 for a free entry) and NEXT
;;;; (the next entry in the same bucket chain, or in the free list).  INDEX
;;;; is the bucket vector, a power of two long, holding the first entry of
;;;; each chain.  New entries take the most recently freed entry, else the
;;;; one after the high-water mark, so MAPHASH, which goes through the
;;;; entries in index order, visits them in insertion order as long as
;;;; nothing was removed, and in SBCL's order after removals.  The table
;;;; grows (SBCL's sizes: 1.5 times, rounded to suit a power-of-two bucket
;;;; count) only when every entry is in use.
;;;;
;;;; Hashing: EQ tables use the identity hash (%OBJECT-HASH: fixnums and
;;;; characters by value); EQL tables hash other numbers by value
;;;; (%NUMBER-HASH); EQUAL tables use SXHASH; EQUALP tables %EQUALP-HASH.

(in-package "CLYSM")

(defstruct (hash-table (:constructor %make-hash-table
                           (test kind size rehash-size rehash-threshold
                            keys values hashes next index))
                       (:conc-name %hash-table-)
                       (:predicate hash-table-p)
                       (:copier nil)
                       (:print-function %print-hash-table))
  test                  ; EQ, EQL, EQUAL or EQUALP
  kind                  ; the test as a fixnum: 0 EQ, 1 EQL, 2 EQUAL, 3 EQUALP
  (count 0)
  size                  ; the number of entries, SBCL's HASH-TABLE-SIZE
  rehash-size           ; as given to MAKE-HASH-TABLE, NIL for the default
  rehash-threshold      ; likewise
  keys values hashes next index
  (high-water-mark 0)   ; the last entry ever used
  (free 0))             ; the first entry of the free list

(eval-when (:compile-toplevel :load-toplevel :execute)
  (setf (layout-properties (find-layout 'hash-table)) (list :equalp '%hash-table-equalp)))

(defun %print-hash-table (table stream depth)
  (declare (ignore depth))
  (%stream-write-string stream "#<HASH-TABLE :TEST " 0 19)
  (%print-object (%hash-table-test table) t 0 stream)
  (%stream-write-string stream " :COUNT " 0 8)
  (%print-integer (%hash-table-count table) stream)
  (%stream-write-char stream #\>))

;;; Hashing.  Every hash is a non-negative fixnum.

;;; Combine a hash so far with the hash of one more part.
(defmacro %hash-mix (hash part)
  `(%fx-logxor (%fx* (%fx-logand ,hash #xFFFFF) 31) ,part))

;;; Numbers hash by value: %NUMBER-HASH (EQL-consistent) and
;;; %EQUALP-NUMBER-HASH (=-consistent) are in numbers.lisp.  Both hash a
;;; fixnum as %OBJECT-HASH does, which the fast paths below rely on.

(defun %eql-hash (object)
  (if (or (%fixnump object) (not (numberp object)))
      (%object-hash object)
      (%number-hash object)))

;;; SXHASH: strings by their characters, symbols by their names, numbers by
;;; value, conses by the hashes of up to 8 elements, 3 levels deep (EQUAL
;;; lists have EQUAL elements); other objects are EQUAL only when EQ.
(defun sxhash (object)
  (%sxhash object 3))

(defun %sxhash (object depth)
  (cond ((%stringp object) (%string-hash object))
        ((stringp object) (%string-hash (%check-string object)))
        ((bit-vector-p object) (%bit-vector-hash object))
        ((%symbolp object) (%string-hash (%symbol-name object)))
        ((%consp object) (%list-hash object depth #'%sxhash))
        ((or (%fixnump object) (not (numberp object))) (%object-hash object))
        (t (%number-hash object))))

(defun %bit-vector-hash (bit-vector)
  (let ((hash (length bit-vector)))
    (dotimes (i (length bit-vector) hash)
      (setq hash (%hash-mix hash (aref bit-vector i))))))

(defun %list-hash (list depth element-hash)
  (if (%fx<= depth 0)
      1
      (let ((hash 2) (count 0))
        (tagbody
         next
           (when (and (%consp list) (%fx< count 8))
             (setq hash (%hash-mix hash (funcall element-hash (%car list) (%fx- depth 1)))
                   list (%cdr list)
                   count (%fx+ count 1))
             (go next)))
        (if (%consp list)
            hash
            (%hash-mix hash (funcall element-hash list (%fx- depth 1)))))))

;;; EQUALP-consistent hash: characters and strings ignore case; a string
;;; hashes as the vector of its characters; structures by type and slots.
(defun %equalp-hash (object depth)
  (cond ((%symbolp object) (%object-hash object))
        ((%characterp object) (%char-code (char-upcase object)))
        ((numberp object) (%equalp-number-hash object))
        ((%consp object) (%list-hash object depth #'%equalp-hash))
        ((%stringp object)
         (let ((hash (%string-length object)))
           (dotimes (i (%string-length object) hash)
             (setq hash (%hash-mix hash (%char-code (char-upcase (%schar object i))))))))
        ((arrayp object)
         (let* ((n (if (vectorp object) (length object) (array-total-size object)))
                (hash n))
           (dotimes (i n hash)
             (setq hash (%hash-mix hash (%equalp-hash (%row-major-ref object i)
                                                      (%fx- depth 1)))))))
        ((hash-table-p object) (%hash-table-count object))
        ((%instance-of-type-p object 'structure-object)
         (let ((hash (%object-hash (layout-name (%instance-layout object)))))
           (when (%fx> depth 0)
             (dotimes (i (%instance-length object))
               (setq hash (%hash-mix hash (%equalp-hash (%instance-ref object i)
                                                        (%fx- depth 1))))))
           hash))
        (t (%object-hash object))))

;;; Tests

(defun %hash-table-test-kind (test)
  (cond ((or (eq test 'eq) (eq test #'eq)) 0)
        ((or (eq test 'eql) (eq test #'eql)) 1)
        ((or (eq test 'equal) (eq test #'equal)) 2)
        ((or (eq test 'equalp) (eq test #'equalp)) 3)
        (t (error "Unknown :TEST for MAKE-HASH-TABLE: ~S" test))))

(defun %hash-table-hash (kind key)
  (cond ((%fx= kind 0) (%object-hash key))
        ((%fx= kind 1) (%eql-hash key))
        ((%fx= kind 2) (%sxhash key 3))
        (t (%equalp-hash key 3))))

;;; The hash of KEY in a table of test KIND (both variables), open-coded
;;; for EQ tables and for fixnum keys in the others but EQUALP.
(defmacro %key-hash (kind key)
  `(if (or (%fx= ,kind 0) (and (%fixnump ,key) (%fx< ,kind 3)))
       (%object-hash ,key)
       (%hash-table-hash ,kind ,key)))

;;; Does the test compare KEY (a variable) with others by identity?  (EQL
;;; and EQUAL do for symbols, fixnums and characters; EQUALP only for
;;; symbols.)
(defmacro %identity-key-p (kind key)
  `(or (%fx= ,kind 0)
       (%symbolp ,key)
       (and (%fx< ,kind 3)
            (or (%fixnump ,key) (%characterp ,key)
                (and (%fx= ,kind 1) (not (numberp ,key)))))))

(defun %same-key-p (kind a b)
  (cond ((%fx= kind 1) (eql a b))
        ((%fx= kind 2)
         (if (and (%stringp a) (%stringp b)) (%same-string-p a b) (equal a b)))
        (t (equalp a b))))

(defun %same-string-p (a b)
  (let ((length (%string-length a)))
    (and (%fx= length (%string-length b))
         (dotimes (i length t)
           (unless (%eq (%schar a i) (%schar b i)) (return nil))))))

;;; Making tables

(defconstant +minimum-hash-table-size+ 7)

(defun %power-of-two-ceiling (n)
  (let ((power 1))
    (tagbody
     next
       (when (%fx< power n) (setq power (%fx* power 2)) (go next)))
    power))

(defun make-hash-table (&key (test 'eql) (size +minimum-hash-table-size+)
                             rehash-size rehash-threshold weakness synchronized)
  (declare (ignore weakness synchronized))
  (unless (and (%fixnump size) (%fx>= size 0))
    (%type-error size '(integer 0 *)))
  (let ((kind (%hash-table-test-kind test))
        (size (max size +minimum-hash-table-size+)))
    (%make-hash-table (svref #(eq eql equal equalp) kind) kind size
                      rehash-size rehash-threshold
                      (%make-vector (%fx+ size 1) nil)
                      (%make-vector (%fx+ size 1) nil)
                      (%make-vector (%fx+ size 1) -1)
                      (%make-vector (%fx+ size 1) 0)
                      (%make-vector (%power-of-two-ceiling size) 0))))

;;; Growing: SBCL's sizes.  The default rehash size 1.5 grows the table by
;;; half, then moves the size towards a load of 65% to 85% of the bucket
;;; count when it would be outside 55% to 90%.
(defun %next-hash-table-size (table)
  (let ((size (%hash-table-size table))
        (rehash-size (%hash-table-rehash-size table)))
    (cond ((null rehash-size)
           (let* ((new (max (%fx-truncate (%fx* size 3) 2) (%fx+ size 1)))
                  (buckets (%power-of-two-ceiling new)))
             (cond ((%fx> (%fx* new 10) (%fx* buckets 9)) (%fraction-of buckets 17 20))
                   ((%fx< (%fx* new 20) (%fx* buckets 11)) (%fraction-of buckets 13 20))
                   (t new))))
          ((%fixnump rehash-size) (%fx+ size (max rehash-size 1)))
          (t (max (values (truncate (* rehash-size size))) (%fx+ size 1))))))

(defun %fraction-of (n numerator denominator)
  ;; (floor (* n numerator) denominator) without overflowing a fixnum.
  (%fx+ (%fx* (%fx-truncate n denominator) numerator)
        (%fx-truncate (%fx* (%fx-rem n denominator) numerator) denominator)))

(defun %copy-vector-into (new old count)
  ;; Elements 0..count of OLD into NEW.
  (dotimes (i (%fx+ count 1) new)
    (%svset new i (%svref old i))))

(defun %grow-hash-table (table)
  ;; Called when every entry is in use: bigger vectors, entries in place.
  (let* ((size (%next-hash-table-size table))
         (used (%hash-table-high-water-mark table))
         (hashes (%copy-vector-into (%make-vector (%fx+ size 1) -1)
                                    (%hash-table-hashes table) used))
         (next (%make-vector (%fx+ size 1) 0))
         (index (%make-vector (%power-of-two-ceiling size) 0))
         (mask (%fx- (%vector-length index) 1)))
    (setf (%hash-table-keys table)
          (%copy-vector-into (%make-vector (%fx+ size 1) nil) (%hash-table-keys table) used))
    (setf (%hash-table-values table)
          (%copy-vector-into (%make-vector (%fx+ size 1) nil) (%hash-table-values table) used))
    ;; Chains in ascending entry order, as SBCL's rehash leaves them.
    (do ((i used (%fx- i 1)))
        ((%fx= i 0))
      (let ((bucket (%fx-logand (%svref hashes i) mask)))
        (%svset next i (%svref index bucket))
        (%svset index bucket i)))
    (setf (%hash-table-hashes table) hashes
          (%hash-table-next table) next
          (%hash-table-index table) index
          (%hash-table-size table) size)
    table))

;;; Finding an entry: its index (0 if KEY has none) and the entry before it
;;; in its chain (0 if it is first).  Entries whose hash differs are passed
;;; over without comparing keys.
(defun %hash-table-find (table key hash)
  (let* ((index (%hash-table-index table))
         (keys (%hash-table-keys table))
         (hashes (%hash-table-hashes table))
         (next (%hash-table-next table))
         (i (%svref index (%fx-logand hash (%fx- (%vector-length index) 1))))
         (previous 0)
         (kind (%hash-table-kind table)))
    (if (%identity-key-p kind key)
        (tagbody
         next
           (unless (or (%fx= i 0)
                       (and (%fx= (%svref hashes i) hash) (%eq (%svref keys i) key)))
             (setq previous i i (%svref next i))
             (go next)))
        (tagbody
         next
           (unless (or (%fx= i 0)
                       (and (%fx= (%svref hashes i) hash)
                            (%same-key-p kind (%svref keys i) key)))
             (setq previous i i (%svref next i))
             (go next))))
    (values i previous)))

(defmacro %check-hash-table (object)
  `(%check-structure ,object 'hash-table))

;;; GETHASH and (SETF GETHASH) compile to calls of these, which take no
;;; optional arguments.
(defun %gethash (key table default)
  (%check-hash-table table)
  (let* ((kind (%hash-table-kind table))
         (i (%hash-table-find table key (%key-hash kind key))))
    (if (%fx= i 0)
        (values default nil)
        (values (%svref (%hash-table-values table) i) t))))

(defun %puthash (key table value)
  (%check-hash-table table)
  (let* ((kind (%hash-table-kind table))
         (hash (%key-hash kind key))
         (i (%hash-table-find table key hash)))
    (if (%fx= i 0)
        (%hash-table-insert table key value hash)
        (%svset (%hash-table-values table) i value))
    value))

(defun %hash-table-insert (table key value hash)
  (let ((i (%hash-table-free table)))
    (if (%fx= i 0)
        (progn
          (when (%fx= (%hash-table-high-water-mark table) (%hash-table-size table))
            (%grow-hash-table table))
          (setq i (%fx+ (%hash-table-high-water-mark table) 1))
          (setf (%hash-table-high-water-mark table) i))
        (setf (%hash-table-free table) (%svref (%hash-table-next table) i)))
    (let* ((index (%hash-table-index table))
           (bucket (%fx-logand hash (%fx- (%vector-length index) 1))))
      (%svset (%hash-table-keys table) i key)
      (%svset (%hash-table-values table) i value)
      (%svset (%hash-table-hashes table) i hash)
      (%svset (%hash-table-next table) i (%svref index bucket))
      (%svset index bucket i))
    (setf (%hash-table-count table) (%fx+ (%hash-table-count table) 1))))

(defun gethash (key hash-table &optional default)
  (%gethash key hash-table default))

(defun (setf gethash) (value key hash-table &optional default)
  (declare (ignore default))
  (%puthash key hash-table value))

(define-compiler-macro gethash (&whole form &rest arguments)
  (if (and (listp arguments) (<= 2 (length arguments) 3))
      `(%gethash ,(car arguments) ,(cadr arguments) ,(caddr arguments))
      form))

(define-setf-expander gethash (key hash-table &optional default)
  (let ((k (gensym "KEY")) (table (gensym "TABLE")) (d (gensym "DEFAULT"))
        (value (gensym "NEW")))
    (values (list k table d)
            (list key hash-table default)
            (list value)
            `(%puthash ,k ,table ,value)
            `(%gethash ,k ,table ,d))))

(defun remhash (key hash-table)
  (%check-hash-table hash-table)
  (multiple-value-bind (i previous)
      (let ((kind (%hash-table-kind hash-table)))
        (%hash-table-find hash-table key (%key-hash kind key)))
    (unless (%fx= i 0)
      (let ((next (%hash-table-next hash-table)))
        ;; Out of its chain, onto the free list.
        (if (%fx= previous 0)
            (let ((index (%hash-table-index hash-table)))
              (%svset index
                      (%fx-logand (%svref (%hash-table-hashes hash-table) i)
                                  (%fx- (%vector-length index) 1))
                      (%svref next i)))
            (%svset next previous (%svref next i)))
        (%svset (%hash-table-keys hash-table) i nil)
        (%svset (%hash-table-values hash-table) i nil)
        (%svset (%hash-table-hashes hash-table) i -1)
        (%svset next i (%hash-table-free hash-table))
        (setf (%hash-table-free hash-table) i)
        (setf (%hash-table-count hash-table) (%fx- (%hash-table-count hash-table) 1))
        t))))

(defun clrhash (hash-table)
  (%check-hash-table hash-table)
  (let ((keys (%hash-table-keys hash-table))
        (values (%hash-table-values hash-table))
        (hashes (%hash-table-hashes hash-table))
        (index (%hash-table-index hash-table)))
    (do ((i (%hash-table-high-water-mark hash-table) (%fx- i 1)))
        ((%fx= i 0))
      (%svset keys i nil)
      (%svset values i nil)
      (%svset hashes i -1))
    (dotimes (i (%vector-length index))
      (%svset index i 0))
    (setf (%hash-table-count hash-table) 0
          (%hash-table-high-water-mark hash-table) 0
          (%hash-table-free hash-table) 0)
    hash-table))

;;; Iteration, in entry order.  The vectors are read again at each entry:
;;; the function may store into the table.

(defun %hash-table-next-entry (table i)
  ;; The first entry in use after entry I, or 0.
  (let ((hashes (%hash-table-hashes table))
        (last (%hash-table-high-water-mark table)))
    (tagbody
     next
       (setq i (%fx+ i 1))
       (when (%fx> i last) (return-from %hash-table-next-entry 0))
       (when (%fx< (%svref hashes i) 0) (go next)))
    i))

(defun maphash (function hash-table)
  (%check-hash-table hash-table)
  (let ((i 0))
    (tagbody
     next
       (setq i (%hash-table-next-entry hash-table i))
       (unless (%fx= i 0)
         (funcall function
                  (%svref (%hash-table-keys hash-table) i)
                  (%svref (%hash-table-values hash-table) i))
         (go next))))
  nil)

(defun %hash-table-iterator (hash-table)
  ;; A function returning (values t key value) for each entry, then NIL.
  (%check-hash-table hash-table)
  (let ((i 0))
    (lambda ()
      (let ((entry (%hash-table-next-entry hash-table i)))
        (if (%fx= entry 0)
            (progn (setq i (%hash-table-high-water-mark hash-table)) nil)
            (progn (setq i entry)
                   (values t
                           (%svref (%hash-table-keys hash-table) entry)
                           (%svref (%hash-table-values hash-table) entry))))))))

(defmacro with-hash-table-iterator ((name hash-table) &body body)
  (let ((iterator (gensym "ITERATOR")))
    `(let ((,iterator (%hash-table-iterator ,hash-table)))
       (macrolet ((,name () (list 'funcall ',iterator)))
         ,@body))))

;;; The table's properties

(defun hash-table-count (hash-table)
  (%hash-table-count (%check-hash-table hash-table)))

(defun hash-table-test (hash-table)
  (%hash-table-test (%check-hash-table hash-table)))

(defun hash-table-size (hash-table)
  (%hash-table-size (%check-hash-table hash-table)))

(defun hash-table-rehash-size (hash-table)
  (or (%hash-table-rehash-size (%check-hash-table hash-table)) 1.5))

(defun hash-table-rehash-threshold (hash-table)
  (or (%hash-table-rehash-threshold (%check-hash-table hash-table)) 1.0))

(defun hash-table-weakness (hash-table)
  (%check-hash-table hash-table)
  nil)

;;; EQUALP of two hash tables (through the layout's :EQUALP property): the
;;; same test, the same count, and every key of one is a key of the other
;;; with an EQUALP value.
(defun %hash-table-equalp (a b)
  (and (eq (%hash-table-test a) (%hash-table-test b))
       (%eq (%hash-table-count a) (%hash-table-count b))
       (block compare
         (maphash (lambda (key value)
                    (multiple-value-bind (other found) (%gethash key b nil)
                      (unless (and found (equalp value other))
                        (return-from compare nil))))
                  a)
         t)))
