;;;; sequence.lisp -- the sequences dictionary (CLHS 17) over lists and
;;;; vectors (simple or not: the length of a vector with a fill pointer is
;;;; its fill pointer); the string functions of CLHS 16; the places ELT,
;;;; SUBSEQ and GETF.
;;;;
;;;; The functions walk lists and index vectors directly (%DO-SUBSEQUENCE;
;;;; AREF of a simple vector, string or bit vector is open-coded); a few
;;;; rarely hot ones (MAP with several sequences, REMOVE-DUPLICATES, SORT on
;;;; vectors, MERGE) work on a fresh list of the elements and make the result
;;;; from it.  Where two results are both allowed by the standard (the order
;;;; of REMOVE-DUPLICATES, the tie-breaking of SORT), the result is SBCL's.

(in-package "CLYSM")

;;; Arguments

(defun %check-sequence (x)
  (if (or (listp x) (vectorp x)) x (%type-error x 'sequence)))

(defun %check-bounds (sequence start end)
  ;; The end index to use (END, or the length when END is NIL); an error
  ;; unless 0 <= START <= END <= length.
  (let ((length (length sequence)))
    (unless end (setq end length))
    (unless (and (fixnump start) (fixnump end) (<= 0 start end length))
      (error "the bounding indices ~S and ~S are bad for a sequence of length ~D"
             start end length))
    end))

(defun %key (key x) (if key (funcall key x) x))

(defun %test-pair (a b test test-not)
  ;; The two-argument test of the sequence functions, EQL by default.
  (cond (test (funcall test a b))
        (test-not (not (funcall test-not a b)))
        (t (eql a b))))

;;; Walking subsequences

(defmacro %do-subsequence ((element index sequence start end &optional result) &body body)
  ;; BODY with ELEMENT bound to each element of SEQUENCE (a list or a
  ;; vector, bounds already checked) from START below END in order, and
  ;; INDEX to its index; then RESULT.  Lists are walked, vectors indexed.
  (let ((seq (gensym "SEQUENCE")) (limit (gensym "END")) (tail (gensym "TAIL")))
    `(let ((,seq ,sequence) (,limit ,end))
       (if (listp ,seq)
           (do ((,index ,start (1+ ,index))
                (,tail (nthcdr ,start ,seq) (cdr ,tail)))
               ((>= ,index ,limit) ,result)
             (let ((,element (car ,tail)))
               ,@body))
           (do ((,index ,start (1+ ,index)))
               ((>= ,index ,limit) ,result)
             (let ((,element (aref ,seq ,index)))
               ,@body))))))

(defun %make-vector-like (vector size)
  ;; A simple vector of SIZE elements of VECTOR's element type.
  (let ((element-type (%array-element-type vector)))
    (%make-storage element-type size (%default-element element-type))))

(defun %kind-element-type (kind)
  (case kind (:string 'character) (:bit-vector 'bit) (t t)))

;;; Between sequences and lists

(defun %sequence-list (sequence start end)
  ;; A fresh list of the elements of SEQUENCE from START below END.
  (let ((result nil))
    (if (listp sequence)
        (let ((tail (nthcdr start sequence)))
          (dotimes (i (- end start))
            (push (car tail) result)
            (setq tail (cdr tail)))
          (nreverse result))
        (do ((i (1- end) (1- i)))
            ((< i start) result)
          (push (aref sequence i) result)))))

(defun %whole-list (sequence)
  (if (listp sequence)
      sequence
      (%sequence-list (%check-sequence sequence) 0 (length sequence))))

(defun %fill-from-list (vector list)
  (let ((i 0))
    (dolist (x list vector)
      (setf (aref vector i) x)
      (incf i))))

(defun %list-to-string (list)
  (%fill-from-list (make-string (length list)) list))

(defun %list-to-vector (list)
  (%fill-from-list (make-array (length list)) list))

(defun %list-to-bit-vector (list)
  (%fill-from-list (make-array (length list) :element-type 'bit) list))

(defun %like (sequence list)
  ;; A simple sequence of the kind of SEQUENCE holding the elements of LIST.
  (if (listp sequence)
      list
      (case (%array-element-type sequence)
        (character (%list-to-string list))
        (bit (%list-to-bit-vector list))
        (t (%list-to-vector list)))))

(defun %sequence-kind (type)
  ;; :LIST, :STRING, :BIT-VECTOR or :VECTOR, the kind of sequence the type
  ;; specifier names.
  (let* ((type (%expand-type type))
         (head (if (consp type) (car type) type)))
    (case head
      ((list cons null) :list)
      ((string simple-string base-string simple-base-string) :string)
      ((bit-vector simple-bit-vector) :bit-vector)
      (simple-vector :vector)
      ((vector array simple-array)
       (case (if (consp type) (%upgrade-element-type (cadr type)) t)
         (character :string)
         (bit :bit-vector)
         (t :vector)))
      (t (error "~S is not a sequence type that exists yet" type)))))

(defun %list-to-type (list type)
  (case (%sequence-kind type)
    (:list list)
    (:string (%list-to-string list))
    (:bit-vector (%list-to-bit-vector list))
    (t (%list-to-vector list))))

;;; Elements and subsequences

(defun %check-list-index (index)
  (if (and (fixnump index) (>= index 0)) index (%type-error index 'unsigned-byte)))

(defun %check-vector-index (vector index)
  ;; ELT's index: below the length, which respects the fill pointer.
  (%check-array-index vector index (length vector)))

(defun elt (sequence index)
  (if (listp sequence)
      (let ((tail (nthcdr (%check-list-index index) sequence)))
        (if (consp tail)
            (car tail)
            (%type-error index (list 'integer 0 (1- (length sequence))))))
      (aref sequence (%check-vector-index (%check-sequence sequence) index))))

(defun (setf elt) (value sequence index)
  (if (listp sequence)
      (let ((tail (nthcdr (%check-list-index index) sequence)))
        (if (consp tail)
            (rplaca tail value)
            (%type-error index (list 'integer 0 (1- (length sequence))))))
      (setf (aref sequence (%check-vector-index (%check-sequence sequence) index)) value))
  value)

(defun %vector-subseq (vector start end)
  (if (%stringp vector)
      (%substring vector start end)
      (%general-vector-subseq vector start end)))

(defun %general-vector-subseq (vector start end)
  (let ((result (%make-vector-like vector (- end start))))
    (do ((i start (1+ i))
         (j 0 (1+ j)))
        ((>= i end) result)
      (setf (aref result j) (aref vector i)))))

(defun subseq (sequence start &optional end)
  (let ((end (%check-bounds (%check-sequence sequence) start end)))
    (if (listp sequence)
        (%sequence-list sequence start end)
        (%vector-subseq sequence start end))))

(defun (setf subseq) (new sequence start &optional end)
  (replace sequence new :start1 start :end1 end)
  new)

(defun copy-seq (sequence) (subseq sequence 0))

(defun make-sequence (type size &key (initial-element nil initial-element-p))
  (case (%sequence-kind type)
    (:list (make-list size :initial-element initial-element))
    (:string (if initial-element-p
                 (make-string size :initial-element initial-element)
                 (make-string size)))
    (:bit-vector (make-array size :element-type 'bit :initial-element (or initial-element 0)))
    (t (if initial-element-p
           (make-array size :initial-element initial-element)
           (make-array size)))))

;;; These replace the list-only REVERSE and NREVERSE of list.lisp.
(defun reverse (sequence)
  (if (listp sequence)
      (reverse-list sequence)
      (let* ((n (length (%check-sequence sequence)))
             (result (%make-vector-like sequence n)))
        (dotimes (i n result)
          (setf (aref result (- n i 1)) (aref sequence i))))))

(defun nreverse (sequence)
  (if (listp sequence)
      (nreverse-list sequence)
      (do ((i 0 (1+ i))
           (j (1- (length sequence)) (1- j)))
          ((>= i j) sequence)
        (rotatef (aref sequence i) (aref sequence j)))))

(defun %concatenate-vector (element-type sequences)
  (let ((result (%make-storage element-type
                               (let ((n 0))
                                 (dolist (s sequences n)
                                   (incf n (length (%check-sequence s)))))
                               (%default-element element-type)))
        (i 0))
    (dolist (s sequences result)
      (%do-subsequence (x j s 0 (length s))
        (setf (aref result i) x)
        (incf i)))))

(defun concatenate (result-type &rest sequences)
  (let ((kind (%sequence-kind result-type)))
    (if (eq kind :list)
        (mapcan (lambda (s) (copy-list (%whole-list s))) sequences)
        (%concatenate-vector (%kind-element-type kind) sequences))))

;;; Mapping

(defun map (result-type function sequence &rest more-sequences)
  (let ((results (apply #'mapcar function (mapcar #'%whole-list (cons sequence more-sequences)))))
    (and result-type (%list-to-type results result-type))))

(defun map-into (result-sequence function &rest sequences)
  ;; A vector's fill pointer is ignored, then set to the number of
  ;; elements stored.
  (let* ((lists (mapcar #'%whole-list sequences))
         (fill-pointer-p (and (vectorp result-sequence)
                              (array-has-fill-pointer-p result-sequence)))
         (n (if fill-pointer-p (array-dimension result-sequence 0) (length result-sequence)))
         (stored 0))
    (dotimes (i n)
      (let ((arguments (%cars-or-end lists)))
        (when (eq arguments :end) (return))
        (if (listp result-sequence)
            (setf (elt result-sequence i) (apply function arguments))
            (setf (aref result-sequence i) (apply function arguments)))
        (setq lists (mapcar #'cdr lists) stored (1+ stored))))
    (when fill-pointer-p (setf (fill-pointer result-sequence) stored))
    result-sequence))

(defun %map-until (function sequences stop-p)
  ;; Apply FUNCTION to successive elements of SEQUENCES until STOP-P is true
  ;; of its value; returns (values value stopped).
  (let ((lists (mapcar #'%whole-list sequences)))
    (tagbody
     next
       (let ((arguments (%cars-or-end lists)))
         (unless (eq arguments :end)
           (let ((value (apply function arguments)))
             (when (funcall stop-p value) (return-from %map-until (values value t))))
           (setq lists (mapcar #'cdr lists))
           (go next))))
    (values nil nil)))

(defun %some-1 (predicate sequence)
  (%do-subsequence (x i sequence 0 (length (%check-sequence sequence)) nil)
    (let ((value (funcall predicate x)))
      (when value (return value)))))

(defun %every-1 (predicate sequence)
  (%do-subsequence (x i sequence 0 (length (%check-sequence sequence)) t)
    (unless (funcall predicate x) (return nil))))

(defun some (predicate sequence &rest more)
  (if (null more)
      (%some-1 predicate sequence)
      (values (%map-until predicate (cons sequence more) #'identity))))

(defun every (predicate sequence &rest more)
  (if (null more)
      (%every-1 predicate sequence)
      (not (nth-value 1 (%map-until predicate (cons sequence more) #'not)))))

(defun notany (predicate sequence &rest more)
  (not (apply #'some predicate sequence more)))

(defun notevery (predicate sequence &rest more)
  (not (apply #'every predicate sequence more)))

(defun %reduce-vector (function vector key from-end start end initial-value initial-value-p)
  (cond ((>= start end) (if initial-value-p initial-value (funcall function)))
        (from-end
         (let ((result (if initial-value-p
                           initial-value
                           (%key key (aref vector (decf end))))))
           (do ((i (1- end) (1- i)))
               ((< i start) result)
             (setq result (funcall function (%key key (aref vector i)) result)))))
        (t
         (let ((result (if initial-value-p
                           initial-value
                           (%key key (aref vector (1- (incf start)))))))
           (do ((i start (1+ i)))
               ((>= i end) result)
             (setq result (funcall function result (%key key (aref vector i)))))))))

(defun reduce (function sequence &key key from-end (start 0) end
                                      (initial-value nil initial-value-p))
  (let ((end (%check-bounds (%check-sequence sequence) start end)))
    (if (listp sequence)
        (%reduce-list function sequence key from-end start end initial-value initial-value-p)
        (%reduce-vector function sequence key from-end start end
                        initial-value initial-value-p))))

(defun %reduce-list (function list key from-end start end initial-value initial-value-p)
  (let ((items (%sequence-list list start end)))
    (when key (setq items (mapcar key items)))
    (when from-end (setq items (nreverse items)))
    (if (null items)
        (if initial-value-p initial-value (funcall function))
        (let ((result (if initial-value-p initial-value (pop items))))
          (dolist (x items result)
            (setq result (if from-end
                             (funcall function x result)
                             (funcall function result x))))))))

;;; Searching for one element

(defun %find-if (predicate sequence from-end start end key)
  ;; The element satisfying PREDICATE (through KEY) and its index: the first
  ;; one, or the last one when FROM-END.  (values nil nil) when none does.
  (let ((end (%check-bounds (%check-sequence sequence) start end)))
    (if (and from-end (not (listp sequence)))
        (do ((i (1- end) (1- i)))
            ((< i start) (values nil nil))
          (let ((x (aref sequence i)))
            (when (funcall predicate (%key key x))
              (return (values x i)))))
        (let ((found nil) (found-index nil))
          (%do-subsequence (x i sequence start end)
            (when (funcall predicate (%key key x))
              (setq found x found-index i)
              (unless from-end (return))))
          (values found found-index)))))

(defun %item-predicate (item test test-not)
  (lambda (x) (%test-pair item x test test-not)))

(defun %complement (predicate)
  (lambda (x) (not (funcall predicate x))))

(defun find-if (predicate sequence &key from-end (start 0) end key)
  (values (%find-if predicate sequence from-end start end key)))

(defun find-if-not (predicate sequence &key from-end (start 0) end key)
  (values (%find-if (%complement predicate) sequence from-end start end key)))

(defun find (item sequence &key from-end test test-not (start 0) end key)
  (values (%find-if (%item-predicate item test test-not) sequence from-end start end key)))

(defun position-if (predicate sequence &key from-end (start 0) end key)
  (nth-value 1 (%find-if predicate sequence from-end start end key)))

(defun position-if-not (predicate sequence &key from-end (start 0) end key)
  (nth-value 1 (%find-if (%complement predicate) sequence from-end start end key)))

(defun position (item sequence &key from-end test test-not (start 0) end key)
  (nth-value 1 (%find-if (%item-predicate item test test-not) sequence from-end start end key)))

(defun count-if (predicate sequence &key from-end (start 0) end key)
  (declare (ignore from-end))
  (let ((end (%check-bounds (%check-sequence sequence) start end))
        (n 0))
    (%do-subsequence (x i sequence start end n)
      (when (funcall predicate (%key key x)) (incf n)))))

(defun count-if-not (predicate sequence &key from-end (start 0) end key)
  (count-if (%complement predicate) sequence :from-end from-end :start start :end end :key key))

(defun count (item sequence &key from-end test test-not (start 0) end key)
  (count-if (%item-predicate item test test-not) sequence
            :from-end from-end :start start :end end :key key))

;;; Removing and substituting: first the indexes of the elements concerned.

(defun %matching-indexes (predicate sequence from-end start end count key)
  ;; The ascending indexes of the elements from START below END that satisfy
  ;; PREDICATE; at most COUNT of them, the last ones when FROM-END.
  (let ((end (%check-bounds (%check-sequence sequence) start end))
        (limit (if (and count (not from-end)) (max count 0) nil))
        (n 0)
        (hits nil))
    (unless (eql limit 0)
      (%do-subsequence (x i sequence start end)
        (when (funcall predicate (%key key x))
          (push i hits)
          (when (eql (incf n) limit) (return)))))
    (setq hits (nreverse hits))
    (if (and count from-end)
        (last hits (max count 0))
        hits)))

(defun %remove-indexes (sequence indexes)
  ;; A sequence like SEQUENCE without the elements at INDEXES (ascending).
  (cond ((null indexes) sequence)
        ((listp sequence)
         (let ((kept nil) (index 0))
           (dolist (x sequence)
             (if (and indexes (= index (car indexes)))
                 (pop indexes)
                 (push x kept))
             (incf index))
           (nreverse kept)))
        (t
         (let* ((n (length sequence))
                (result (%make-vector-like sequence (- n (length indexes))))
                (j 0))
           (dotimes (i n result)
             (if (and indexes (= i (car indexes)))
                 (pop indexes)
                 (progn (setf (aref result j) (aref sequence i))
                        (incf j))))))))

(defun %delete-indexes (sequence indexes)
  ;; Like %REMOVE-INDEXES, but a list loses its cells at INDEXES in place.
  (if (listp sequence)
      (let* ((head (cons nil sequence))
             (previous head)
             (index 0))
        (do ((tail sequence (cdr tail)))
            ((null indexes) (cdr head))
          (if (= index (car indexes))
              (progn (rplacd previous (cdr tail))
                     (pop indexes))
              (setq previous tail))
          (incf index)))
      (%remove-indexes sequence indexes)))

(defun remove-if (predicate sequence &key from-end (start 0) end count key)
  (%remove-indexes sequence (%matching-indexes predicate sequence from-end start end count key)))

(defun remove-if-not (predicate sequence &key from-end (start 0) end count key)
  (remove-if (%complement predicate) sequence
             :from-end from-end :start start :end end :count count :key key))

(defun remove (item sequence &key from-end test test-not (start 0) end count key)
  (remove-if (%item-predicate item test test-not) sequence
             :from-end from-end :start start :end end :count count :key key))

;;; The DELETE functions splice the deleted cells out of a list, as SBCL
;;; does; a vector is not changed (the result is a fresh vector).
(defun delete-if (predicate sequence &key from-end (start 0) end count key)
  (%delete-indexes sequence (%matching-indexes predicate sequence from-end start end count key)))

(defun delete-if-not (predicate sequence &key from-end (start 0) end count key)
  (delete-if (%complement predicate) sequence
             :from-end from-end :start start :end end :count count :key key))

(defun delete (item sequence &key from-end test test-not (start 0) end count key)
  (delete-if (%item-predicate item test test-not) sequence
             :from-end from-end :start start :end end :count count :key key))

(defun %duplicate-indexes (sequence from-end test test-not start end key)
  ;; The elements from START below END that have a match (by TEST on their
  ;; keys) later on -- or earlier on, when FROM-END.
  (let* ((end (%check-bounds (%check-sequence sequence) start end))
         (keys (mapcar (lambda (x) (%key key x)) (%sequence-list sequence start end)))
         (index start)
         (hits nil)
         (earlier nil))
    (do ((tail keys (cdr tail)))
        ((endp tail) (nreverse hits))
      (let ((k (car tail)))
        (when (if from-end
                  (member-if (lambda (e) (%test-pair e k test test-not)) earlier)
                  (member-if (lambda (l) (%test-pair k l test test-not)) (cdr tail)))
          (push index hits))
        (push k earlier)
        (incf index)))))

(defun remove-duplicates (sequence &key from-end test test-not (start 0) end key)
  (%remove-indexes sequence (%duplicate-indexes sequence from-end test test-not start end key)))

(defun delete-duplicates (sequence &key from-end test test-not (start 0) end key)
  (remove-duplicates sequence :from-end from-end :test test :test-not test-not
                              :start start :end end :key key))

(defun %replace-indexes (sequence indexes new)
  ;; Store NEW at INDEXES (ascending) of SEQUENCE, in place.
  (if (listp sequence)
      (let ((index 0))
        (do ((tail sequence (cdr tail)))
            ((or (endp tail) (null indexes)))
          (when (= index (car indexes))
            (rplaca tail new)
            (pop indexes))
          (incf index)))
      (dolist (i indexes) (setf (aref sequence i) new)))
  sequence)

(defun nsubstitute-if (new predicate sequence &key from-end (start 0) end count key)
  (%replace-indexes sequence
                    (%matching-indexes predicate sequence from-end start end count key)
                    new))

(defun nsubstitute-if-not (new predicate sequence &key from-end (start 0) end count key)
  (nsubstitute-if new (%complement predicate) sequence
                  :from-end from-end :start start :end end :count count :key key))

(defun nsubstitute (new old sequence &key from-end test test-not (start 0) end count key)
  (nsubstitute-if new (%item-predicate old test test-not) sequence
                  :from-end from-end :start start :end end :count count :key key))

(defun substitute-if (new predicate sequence &key from-end (start 0) end count key)
  (nsubstitute-if new predicate (copy-seq sequence)
                  :from-end from-end :start start :end end :count count :key key))

(defun substitute-if-not (new predicate sequence &key from-end (start 0) end count key)
  (substitute-if new (%complement predicate) sequence
                 :from-end from-end :start start :end end :count count :key key))

(defun substitute (new old sequence &key from-end test test-not (start 0) end count key)
  (substitute-if new (%item-predicate old test test-not) sequence
                 :from-end from-end :start start :end end :count count :key key))

;;; Filling and copying in place

(defun fill (sequence item &key (start 0) end)
  (let ((end (%check-bounds (%check-sequence sequence) start end)))
    (if (listp sequence)
        (let ((tail (nthcdr start sequence)))
          (dotimes (i (- end start))
            (rplaca tail item)
            (setq tail (cdr tail))))
        (do ((i start (1+ i))) ((>= i end))
          (setf (aref sequence i) item)))
    sequence))

(defun replace (sequence1 sequence2 &key (start1 0) end1 (start2 0) end2)
  (let* ((end1 (%check-bounds (%check-sequence sequence1) start1 end1))
         (end2 (%check-bounds (%check-sequence sequence2) start2 end2))
         (n (min (- end1 start1) (- end2 start2))))
    (if (and (eq sequence1 sequence2) (> start1 start2))
        (%replace-overlapping sequence1 start1 start2 n)
        (%replace-forward sequence1 start1 sequence2 start2 (+ start2 n)))
    sequence1))

(defun %replace-forward (sequence1 start1 sequence2 start2 end2)
  ;; Copy SEQUENCE2's elements from START2 below END2 to SEQUENCE1 from
  ;; START1 on, first to last (right when they are the same sequence and
  ;; START1 <= START2).
  (if (listp sequence1)
      (let ((tail (nthcdr start1 sequence1)))
        (%do-subsequence (x i sequence2 start2 end2)
          (rplaca tail x)
          (setq tail (cdr tail))))
      (let ((j start1))
        (%do-subsequence (x i sequence2 start2 end2)
          (setf (aref sequence1 j) x)
          (incf j)))))

(defun %replace-overlapping (sequence start1 start2 n)
  ;; Move N elements of SEQUENCE from START2 to START1 > START2.
  (if (listp sequence)
      (let ((tail (nthcdr start1 sequence)))
        (dolist (x (%sequence-list sequence start2 (+ start2 n)))
          (rplaca tail x)
          (setq tail (cdr tail))))
      (do ((k (1- n) (1- k)))
          ((< k 0))
        (setf (aref sequence (+ start1 k)) (aref sequence (+ start2 k))))))

;;; Comparing subsequences

(defun %elements-match-p (a b key test test-not)
  (%test-pair (%key key a) (%key key b) test test-not))

(defun mismatch (sequence1 sequence2 &key from-end test test-not key
                                          (start1 0) end1 (start2 0) end2)
  ;; The index in SEQUENCE1 where the two subsequences first differ (with
  ;; FROM-END: one past the last place they differ), or NIL if they do not.
  (let* ((end1 (%check-bounds (%check-sequence sequence1) start1 end1))
         (end2 (%check-bounds (%check-sequence sequence2) start2 end2))
         (items1 (%sequence-list sequence1 start1 end1))
         (items2 (%sequence-list sequence2 start2 end2)))
    (when from-end
      (setq items1 (nreverse items1) items2 (nreverse items2)))
    (do ((i 0 (1+ i))
         (a items1 (cdr a))
         (b items2 (cdr b)))
        ((or (endp a) (endp b)
             (not (%elements-match-p (car a) (car b) key test test-not)))
         (cond ((and (endp a) (endp b)) nil)
               (from-end (- end1 i))
               (t (+ start1 i)))))))

(defun %subsequences-match-p (s1 i1 s2 i2 n key test test-not)
  ;; Whether N elements of S1 from I1 match N elements of S2 from I2; a
  ;; list is given as the tail where its elements start.
  (dotimes (k n t)
    (unless (%elements-match-p (if (listp s1) (pop s1) (aref s1 (+ i1 k)))
                               (if (listp s2) (pop s2) (aref s2 (+ i2 k)))
                               key test test-not)
      (return nil))))

(defun %string-search (pattern start1 end1 string start2 end2)
  ;; SEARCH of characters by EQL in two simple strings.
  (let ((n (- end1 start1)))
    (do ((i start2 (1+ i)))
        ((> (+ i n) end2) nil)
      (when (do ((j start1 (1+ j))
                 (k i (1+ k)))
                ((>= j end1) t)
              (unless (eq (schar pattern j) (schar string k)) (return nil)))
        (return i)))))

(defun search (sequence1 sequence2 &key from-end test test-not key
                                        (start1 0) end1 (start2 0) end2)
  ;; The index in SEQUENCE2 where the subsequence of SEQUENCE1 starts: the
  ;; leftmost one, or the rightmost one when FROM-END.
  (let* ((end1 (%check-bounds (%check-sequence sequence1) start1 end1))
         (end2 (%check-bounds (%check-sequence sequence2) start2 end2))
         (n (- end1 start1))
         (pattern (if (listp sequence1) (nthcdr start1 sequence1) sequence1)))
    (cond ((and (%stringp sequence1) (%stringp sequence2)
                (not (or from-end test test-not key)))
           (%string-search sequence1 start1 end1 sequence2 start2 end2))
          ((and from-end (not (listp sequence2)))
           (do ((i (- end2 n) (1- i)))
               ((< i start2) nil)
             (when (%subsequences-match-p pattern start1 sequence2 i n key test test-not)
               (return i))))
          (t
           (let ((found nil))
             (do ((i start2 (1+ i))
                  (tail (if (listp sequence2) (nthcdr start2 sequence2) sequence2)
                        (if (listp tail) (cdr tail) tail)))
                 ((> (+ i n) end2) found)
               (when (%subsequences-match-p pattern start1 tail i n key test test-not)
                 (setq found i)
                 (unless from-end (return found)))))))))

;;; Sorting and merging: a stable merge sort on lists.

(defun %merge-lists (list1 list2 predicate key)
  ;; Destructively merge two sorted lists; on ties LIST1's element comes first.
  (let* ((head (list nil)) (tail head))
    (tagbody
     next
       (when (and list1 list2)
         (if (funcall predicate (%key key (car list2)) (%key key (car list1)))
             (progn (rplacd tail list2) (setq tail list2 list2 (cdr list2)))
             (progn (rplacd tail list1) (setq tail list1 list1 (cdr list1))))
         (go next)))
    (rplacd tail (or list1 list2))
    (cdr head)))

(defun %merge-sort (list predicate key)
  (let ((n (length list)))
    (if (< n 2)
        list
        (let* ((middle (nthcdr (1- (floor n 2)) list))
               (second-half (cdr middle)))
          (rplacd middle nil)
          (%merge-lists (%merge-sort list predicate key)
                        (%merge-sort second-half predicate key)
                        predicate key)))))

(defun stable-sort (sequence predicate &key key)
  (if (listp sequence)
      (%merge-sort sequence predicate key)
      (%fill-from-list (%check-sequence sequence)
                       (%merge-sort (%whole-list sequence) predicate key))))

(defun sort (sequence predicate &key key)
  (stable-sort sequence predicate :key key))

(defun merge (result-type sequence1 sequence2 predicate &key key)
  (%list-to-type (%merge-lists (copy-list (%whole-list sequence1))
                               (copy-list (%whole-list sequence2))
                               predicate key)
                 result-type))

;;; Strings (CLHS 16)

(defun %string-arg (designator) (string designator))

(defun %map-string-case (string start end function)
  ;; A copy of STRING with FUNCTION applied to the characters in the range.
  (let* ((string (copy-seq (%string-arg string)))
         (end (%check-bounds string start end)))
    (do ((i start (1+ i))) ((>= i end) string)
      (setf (char string i) (funcall function (char string i))))))

(defun string-upcase (string &key (start 0) end)
  (%map-string-case string start end #'char-upcase))

(defun string-downcase (string &key (start 0) end)
  (%map-string-case string start end #'char-downcase))

(defun string-capitalize (string &key (start 0) end)
  ;; Each word -- a run of letters and digits -- gets an upper-case first
  ;; character and lower-case others.
  (let ((in-word nil))
    (%map-string-case string start end
                      (lambda (c)
                        (prog1 (if in-word (char-downcase c) (char-upcase c))
                          (setq in-word (alphanumericp c)))))))

(defun %nstring-case (string start end function)
  (let ((result (funcall function string :start start :end end)))
    (replace string result)))

(defun nstring-upcase (string &key (start 0) end)
  (%nstring-case string start end #'string-upcase))

(defun nstring-downcase (string &key (start 0) end)
  (%nstring-case string start end #'string-downcase))

(defun nstring-capitalize (string &key (start 0) end)
  (%nstring-case string start end #'string-capitalize))

(defun %trim (bag string left right)
  (let* ((string (%string-arg string))
         (start 0)
         (end (length string)))
    (when left
      (do () ((or (>= start end) (not (find (char string start) bag))))
        (incf start)))
    (when right
      (do () ((or (<= end start) (not (find (char string (1- end)) bag))))
        (decf end)))
    (subseq string start end)))

(defun string-trim (character-bag string) (%trim character-bag string t t))
(defun string-left-trim (character-bag string) (%trim character-bag string t nil))
(defun string-right-trim (character-bag string) (%trim character-bag string nil t))

(defun %string-compare (string1 string2 start1 end1 start2 end2 fold)
  ;; Compare the two substrings character by character (case-folded when
  ;; FOLD); returns the index in STRING1 where they differ, and :LESS,
  ;; :EQUAL or :GREATER.
  (let* ((a (%string-arg string1))
         (b (%string-arg string2))
         (end1 (%check-bounds a start1 end1))
         (end2 (%check-bounds b start2 end2)))
    (do ((i start1 (1+ i))
         (j start2 (1+ j)))
        ((or (>= i end1) (>= j end2))
         (values i (cond ((and (>= i end1) (>= j end2)) :equal)
                         ((>= i end1) :less)
                         (t :greater))))
      (let ((c1 (char-code (if fold (char-downcase (char a i)) (char a i))))
            (c2 (char-code (if fold (char-downcase (char b j)) (char b j)))))
        (cond ((< c1 c2) (return (values i :less)))
              ((> c1 c2) (return (values i :greater))))))))

(defmacro %define-string-comparison (name fold &rest outcomes)
  ;; NAME returns the mismatch index when the comparison's outcome is one of
  ;; OUTCOMES, else NIL.
  `(defun ,name (string1 string2 &key (start1 0) end1 (start2 0) end2)
     (multiple-value-bind (index outcome)
         (%string-compare string1 string2 start1 end1 start2 end2 ,fold)
       (if (member outcome ',outcomes) index nil))))

(%define-string-comparison string/= nil :less :greater)
(%define-string-comparison string< nil :less)
(%define-string-comparison string> nil :greater)
(%define-string-comparison string<= nil :less :equal)
(%define-string-comparison string>= nil :greater :equal)
(%define-string-comparison string-not-equal t :less :greater)
(%define-string-comparison string-lessp t :less)
(%define-string-comparison string-greaterp t :greater)
(%define-string-comparison string-not-greaterp t :less :equal)
(%define-string-comparison string-not-lessp t :greater :equal)

(defun string-equal (string1 string2 &key (start1 0) end1 (start2 0) end2)
  (eq (nth-value 1 (%string-compare string1 string2 start1 end1 start2 end2 t)) :equal))

(defun %whitespace-char-p (c)
  (member c '(#\Space #\Tab #\Newline #\Return #\Page)))

;;; PARSE-INTEGER signals SBCL's SIMPLE-PARSE-ERROR with SBCL's messages.
(define-condition simple-parse-error (simple-condition parse-error) ())

(defun parse-integer (string &key (start 0) end (radix 10) junk-allowed)
  ;; The integer written in STRING (surrounded by whitespace) and the index
  ;; where parsing stopped.
  (let* ((end (%check-bounds (%check-string string) start end))
         (i start)
         (minus nil)
         (value nil))
    (flet ((fail (control)
             (error 'simple-parse-error :format-control control
                                        :format-arguments (list string))))
      (do () ((or (>= i end) (not (%whitespace-char-p (char string i))))) (incf i))
      (when (>= i end)
        (if junk-allowed
            (return-from parse-integer (values nil end))
            (fail "no non-whitespace characters in string ~S.")))
      (when (member (char string i) '(#\+ #\-))
        (setq minus (char= (char string i) #\-))
        (incf i))
      (do () ((>= i end))
        (let ((weight (digit-char-p (char string i) radix)))
          (cond (weight (setq value (+ (* (or value 0) radix) weight)))
                (junk-allowed (return))
                ((%whitespace-char-p (char string i))
                 (do () ((>= (incf i) end))
                   (unless (%whitespace-char-p (char string i)) (fail "junk in string ~S")))
                 (return))
                (t (fail "junk in string ~S"))))
        (incf i))
      (values (cond (value (if minus (- value) value))
                    (junk-allowed nil)
                    (t (fail "no digits in string ~S")))
              i))))

;;; Places

(defun %getf-put (plist indicator value)
  ;; PLIST with INDICATOR's value set to VALUE: changed in place when the
  ;; indicator is there, else a new entry in front.
  (do ((tail plist (cddr tail)))
      ((endp tail) (list* indicator value plist))
    (when (eq (car tail) indicator)
      (rplaca (cdr tail) value)
      (return plist))))

(define-setf-expander getf (place indicator &optional default &environment env)
  (multiple-value-bind (temps values stores store-form access-form)
      (get-setf-expansion place env)
    (let ((indicator-var (gensym "INDICATOR"))
          (default-var (gensym "DEFAULT"))
          (store (gensym "NEW")))
      (values `(,@temps ,indicator-var ,default-var)
              `(,@values ,indicator ,default)
              (list store)
              `(let ((,(car stores) (%getf-put ,access-form ,indicator-var ,store)))
                 ,store-form
                 ,store)
              `(getf ,access-form ,indicator-var ,default-var)))))

(defmacro remf (&environment env place indicator)
  ;; Remove INDICATOR from the property list in PLACE; true if it was there.
  (multiple-value-bind (temps values stores store-form access-form)
      (get-setf-expansion place env)
    (let ((indicator-var (gensym "INDICATOR"))
          (plist (gensym "PLIST"))
          (removed (gensym "REMOVED")))
      `(let* (,@(mapcar #'list temps values)
              (,indicator-var ,indicator)
              (,plist ,access-form))
         (multiple-value-bind (,(car stores) ,removed) (%remf ,plist ,indicator-var)
           ,store-form
           ,removed)))))

(defun %remf (plist indicator)
  ;; PLIST without INDICATOR's entry (spliced out in place), and whether
  ;; there was one.
  (do ((tail plist (cddr tail))
       (previous nil tail))
      ((endp tail) (values plist nil))
    (when (eq (car tail) indicator)
      (if previous
          (rplacd (cdr previous) (cddr tail))
          (setq plist (cddr tail)))
      (return (values plist t)))))
