;;;; list.lisp -- the conses dictionary (CLHS chapter 14), the part the
;;;; standard macros need.  The rest of the dictionary comes with the runtime
;;;; library issue.

(in-package "CLYSM")

(defun caar (x) (car (car x)))
(defun cadr (x) (car (cdr x)))
(defun cdar (x) (cdr (car x)))
(defun cddr (x) (cdr (cdr x)))
(defun caaar (x) (car (caar x)))
(defun caadr (x) (car (cadr x)))
(defun cadar (x) (car (cdar x)))
(defun caddr (x) (car (cddr x)))
(defun cdaar (x) (cdr (caar x)))
(defun cdadr (x) (cdr (cadr x)))
(defun cddar (x) (cdr (cdar x)))
(defun cdddr (x) (cdr (cddr x)))
(defun caaaar (x) (car (caaar x)))
(defun caaadr (x) (car (caadr x)))
(defun caadar (x) (car (cadar x)))
(defun caaddr (x) (car (caddr x)))
(defun cadaar (x) (car (cdaar x)))
(defun cadadr (x) (car (cdadr x)))
(defun caddar (x) (car (cddar x)))
(defun cadddr (x) (car (cdddr x)))
(defun cdaaar (x) (cdr (caaar x)))
(defun cdaadr (x) (cdr (caadr x)))
(defun cdadar (x) (cdr (cadar x)))
(defun cdaddr (x) (cdr (caddr x)))
(defun cddaar (x) (cdr (cdaar x)))
(defun cddadr (x) (cdr (cdadr x)))
(defun cdddar (x) (cdr (cddar x)))
(defun cddddr (x) (cdr (cdddr x)))
(defun first (x) (car x))
(defun second (x) (cadr x))
(defun third (x) (caddr x))
(defun fourth (x) (cadddr x))
(defun fifth (x) (car (cddddr x)))
(defun sixth (x) (cadr (cddddr x)))
(defun seventh (x) (caddr (cddddr x)))
(defun eighth (x) (cadddr (cddddr x)))
(defun ninth (x) (car (cddddr (cddddr x))))
(defun tenth (x) (cadr (cddddr (cddddr x))))
(defun rest (x) (cdr x))

;;; Their places.  (SETF C...R) stores into the car or the cdr of the cons
;;; the rest of the path leads to.  (setf.lisp expands SETF of the most
;;; common ones inline; the functions exist too, as in SBCL.)
(defun (setf car) (v x) (rplaca x v) v)
(defun (setf cdr) (v x) (rplacd x v) v)
(defun (setf first) (v x) (rplaca x v) v)
(defun (setf rest) (v x) (rplacd x v) v)
(defun (setf second) (v x) (rplaca (cdr x) v) v)
(defun (setf third) (v x) (rplaca (cddr x) v) v)
(defun (setf nth) (v n x) (rplaca (nthcdr n x) v) v)
(defun (setf caar) (v x) (rplaca (car x) v) v)
(defun (setf cadr) (v x) (rplaca (cdr x) v) v)
(defun (setf cdar) (v x) (rplacd (car x) v) v)
(defun (setf cddr) (v x) (rplacd (cdr x) v) v)
(defun (setf caaar) (v x) (rplaca (caar x) v) v)
(defun (setf caadr) (v x) (rplaca (cadr x) v) v)
(defun (setf cadar) (v x) (rplaca (cdar x) v) v)
(defun (setf caddr) (v x) (rplaca (cddr x) v) v)
(defun (setf cdaar) (v x) (rplacd (caar x) v) v)
(defun (setf cdadr) (v x) (rplacd (cadr x) v) v)
(defun (setf cddar) (v x) (rplacd (cdar x) v) v)
(defun (setf cdddr) (v x) (rplacd (cddr x) v) v)
(defun (setf caaaar) (v x) (rplaca (caaar x) v) v)
(defun (setf caaadr) (v x) (rplaca (caadr x) v) v)
(defun (setf caadar) (v x) (rplaca (cadar x) v) v)
(defun (setf caaddr) (v x) (rplaca (caddr x) v) v)
(defun (setf cadaar) (v x) (rplaca (cdaar x) v) v)
(defun (setf cadadr) (v x) (rplaca (cdadr x) v) v)
(defun (setf caddar) (v x) (rplaca (cddar x) v) v)
(defun (setf cadddr) (v x) (rplaca (cdddr x) v) v)
(defun (setf cdaaar) (v x) (rplacd (caaar x) v) v)
(defun (setf cdaadr) (v x) (rplacd (caadr x) v) v)
(defun (setf cdadar) (v x) (rplacd (cadar x) v) v)
(defun (setf cdaddr) (v x) (rplacd (caddr x) v) v)
(defun (setf cddaar) (v x) (rplacd (cdaar x) v) v)
(defun (setf cddadr) (v x) (rplacd (cdadr x) v) v)
(defun (setf cdddar) (v x) (rplacd (cddar x) v) v)
(defun (setf cddddr) (v x) (rplacd (cdddr x) v) v)
(defun (setf fourth) (v x) (rplaca (cdddr x) v) v)
(defun (setf fifth) (v x) (rplaca (cddddr x) v) v)
(defun (setf sixth) (v x) (rplaca (cdr (cddddr x)) v) v)
(defun (setf seventh) (v x) (rplaca (cddr (cddddr x)) v) v)
(defun (setf eighth) (v x) (rplaca (cdddr (cddddr x)) v) v)
(defun (setf ninth) (v x) (rplaca (cddddr (cddddr x)) v) v)
(defun (setf tenth) (v x) (rplaca (cdr (cddddr (cddddr x))) v) v)

(defun %map1 (function list)
  (let ((result nil))
    (dolist (item list (nreverse-list result))
      (setq result (cons (funcall function item) result)))))

(defun %cars-or-end (lists)
  ;; The cars of LISTS, or :END when one of them is exhausted.
  (let ((cars nil))
    (dolist (list lists (nreverse-list cars))
      (when (endp list) (return :end))
      (setq cars (cons (car list) cars)))))

(defun mapcar (function list &rest more-lists)
  (if (null more-lists)
      (%map1 function list)
      (let ((lists (cons list more-lists)) (result nil))
        (tagbody
         next
           (let ((cars (%cars-or-end lists)))
             (unless (eq cars :end)
               (setq result (cons (apply function cars) result))
               (setq lists (%map1 #'cdr lists))
               (go next))))
        (nreverse-list result))))

(defun endp (x)
  (cond ((null x) t)
        ((consp x) nil)
        (t (error 'type-error :datum x :expected-type 'list))))

(defun nthcdr (n list)
  (dotimes (i n list)
    (setq list (cdr list))))

(defun nth (n list)
  (car (nthcdr n list)))

(defun last (list &optional (n 1))
  (let ((tail list) (lead (nthcdr n list)))
    (tagbody
     next
       (when (consp lead)
         (setq lead (cdr lead) tail (cdr tail))
         (go next)))
    tail))

(defun copy-list (list)
  (if (atom list)
      list
      (let* ((head (cons (car list) nil)) (tail head))
        (setq list (cdr list))
        (tagbody
         next
           (when (consp list)
             (let ((cell (cons (car list) nil)))
               (rplacd tail cell)
               (setq tail cell list (cdr list)))
             (go next)))
        (rplacd tail list)
        head)))

(defun reverse-list (list)
  (revappend list nil))

;;; REVERSE and NREVERSE on lists; the sequence versions replace these with
;;; the runtime library's sequence functions.
(defun reverse (sequence) (reverse-list sequence))
(defun nreverse (sequence) (nreverse-list sequence))

(defun nreverse-list (list)
  (nreconc list nil))

(defun nconc (&rest lists)
  (let ((result nil) (tail nil))
    (dolist (list lists result)
      (when (consp list)
        (if tail
            (rplacd (last tail) list)
            (setq result list))
        (setq tail list)))))

(defun list-length (list)
  (do ((n 0 (+ n 2))
       (fast list (cddr fast))
       (slow list (cdr slow)))
      (nil)
    (when (endp fast) (return n))
    (when (endp (cdr fast)) (return (+ n 1)))
    (when (and (eq fast slow) (> n 0)) (return nil))))

(defun %test-fn (test test-not)
  (cond (test test)
        (test-not (lambda (a b) (not (funcall test-not a b))))
        (t #'eql)))

(defun member (item list &key key test test-not)
  (let ((test (%test-fn test test-not)))
    (do ((tail list (cdr tail)))
        ((endp tail) nil)
      (when (funcall test item (if key (funcall key (car tail)) (car tail)))
        (return tail)))))

(defun assoc (item alist &key key test test-not)
  (let ((test (%test-fn test test-not)))
    (dolist (pair alist nil)
      (when (and pair (funcall test item (if key (funcall key (car pair)) (car pair))))
        (return pair)))))

(defun mapc (function list &rest more-lists)
  (apply #'mapcar function list more-lists)
  list)

(defun mapcan (function list &rest more-lists)
  (apply #'nconc (apply #'mapcar function list more-lists)))

(defun getf (plist indicator &optional default)
  (do ((tail plist (cddr tail)))
      ((endp tail) default)
    (when (eq (car tail) indicator)
      (return (cadr tail)))))

(defun equal (a b)
  (cond ((eql a b) t)
        ((consp a) (and (consp b) (equal (car a) (car b)) (equal (cdr a) (cdr b))))
        ((stringp a) (and (stringp b) (string= a b)))
        ((%bit-vector-like-p a) (%bit-vectors-equal a b))  ; array.lisp
        (t nil)))

(defun %bit-vector-like-p (x)
  ;; A bit vector, or maybe one: any array header.
  (or (%bit-vector-p x) (%array-header-p x)))

;;; More of the conses dictionary.  Written with the control macros only:
;;; this file is loaded before SETF exists.

(defun make-list (size &key initial-element)
  (unless (and (%fixnump size) (%fx>= size 0)) (%type-error size '(integer 0)))
  (let ((result nil))
    (dotimes (i size result)
      (setq result (cons initial-element result)))))

(defun copy-alist (alist)
  (mapcar (lambda (entry) (if (consp entry) (cons (car entry) (cdr entry)) entry))
          alist))

;;; The tree functions recurse on the cars and iterate along the cdrs, so
;;; that a long list is no deeper than its deepest element.

(defun copy-tree (tree)
  (if (atom tree)
      tree
      (let* ((head (cons (copy-tree (car tree)) nil)) (tail head))
        (do ((rest (cdr tree) (cdr rest)))
            ((atom rest) (rplacd tail rest) head)
          (let ((cell (cons (copy-tree (car rest)) nil)))
            (rplacd tail cell)
            (setq tail cell))))))

(defun %key-test (item x key test test-not)
  ;; Does X (through KEY) satisfy the test against ITEM?  EQL by default.
  (let ((k (if key (funcall key x) x)))
    (cond (test (funcall test item k))
          (test-not (not (funcall test-not item k)))
          (t (eql item k)))))

(defun tree-equal (tree1 tree2 &key test test-not)
  (do ((a tree1 (cdr a)) (b tree2 (cdr b)))
      ((or (atom a) (atom b))
       (and (atom a) (atom b) (%key-test a b nil test test-not)))
    (unless (tree-equal (car a) (car b) :test test :test-not test-not)
      (return nil))))

(defun %map-tree (replace tree)
  ;; TREE with each subtree for which REPLACE returns true as its second
  ;; value replaced by its first value, tried from the root down; the parts
  ;; with nothing replaced are shared with TREE.
  (let ((spine nil) (node tree) (result nil))
    (tagbody
     next
       (multiple-value-bind (new replaced) (funcall replace node)
         (cond (replaced (setq result new))
               ((atom node) (setq result node))
               (t (setq spine (cons node spine) node (cdr node))
                  (go next)))))
    (dolist (cell spine result)
      (let ((a (%map-tree replace (car cell))))
        (setq result (if (and (eq a (car cell)) (eq result (cdr cell)))
                         cell
                         (cons a result)))))))

(defun subst-if (new predicate tree &key key)
  (%map-tree (lambda (x) (values new (funcall predicate (if key (funcall key x) x))))
             tree))

(defun subst-if-not (new predicate tree &key key)
  (subst-if new (lambda (x) (not (funcall predicate x))) tree :key key))

(defun subst (new old tree &key key test test-not)
  (subst-if new (lambda (x) (%key-test old x nil test test-not)) tree :key key))

(defun nsubst (new old tree &key key test test-not)
  (subst new old tree :key key :test test :test-not test-not))
(defun nsubst-if (new predicate tree &key key) (subst-if new predicate tree :key key))

(defun sublis (alist tree &key key test test-not)
  (%map-tree (lambda (x)
               (let ((pair (assoc (if key (funcall key x) x) alist
                                  :test test :test-not test-not)))
                 (values (cdr pair) pair)))
             tree))

(defun nsublis (alist tree &key key test test-not)
  (sublis alist tree :key key :test test :test-not test-not))

(defun acons (key datum alist) (cons (cons key datum) alist))

(defun pairlis (keys data &optional alist)
  ;; Each new pair goes on the front, so the last key comes first (as SBCL).
  (do ((k keys (cdr k)) (d data (cdr d)))
      ((and (endp k) (endp d)) alist)
    (when (or (endp k) (endp d))
      (error "the lists of keys and data are of unequal length"))
    (setq alist (acons (car k) (car d) alist))))

(defun assoc-if (predicate alist &key key)
  (dolist (pair alist nil)
    (when (and pair (funcall predicate (if key (funcall key (car pair)) (car pair))))
      (return pair))))

(defun assoc-if-not (predicate alist &key key)
  (assoc-if (lambda (x) (not (funcall predicate x))) alist :key key))

(defun rassoc (item alist &key key test test-not)
  (dolist (pair alist nil)
    (when (and pair (%key-test item (cdr pair) key test test-not))
      (return pair))))

(defun rassoc-if (predicate alist &key key)
  (dolist (pair alist nil)
    (when (and pair (funcall predicate (if key (funcall key (cdr pair)) (cdr pair))))
      (return pair))))

(defun rassoc-if-not (predicate alist &key key)
  (rassoc-if (lambda (x) (not (funcall predicate x))) alist :key key))

(defun member-if (predicate list &key key)
  (do ((tail list (cdr tail)))
      ((endp tail) nil)
    (when (funcall predicate (if key (funcall key (car tail)) (car tail)))
      (return tail))))

(defun member-if-not (predicate list &key key)
  (member-if (lambda (x) (not (funcall predicate x))) list :key key))

;;; Sets.  The orders of the results are those of SBCL's definitions for
;;; short lists.

(defun %set-member-p (element list key test test-not)
  (member (if key (funcall key element) element) list
          :key key :test test :test-not test-not))

(defun union (list1 list2 &key key test test-not)
  (let* ((list2-shorter (not (< (length list1) (length list2))))
         (short (if list2-shorter list2 list1))
         (long (if list2-shorter list1 list2))
         (result short))
    (dolist (element long result)
      (unless (%set-member-p element short key test test-not)
        (setq result (cons element result))))))

(defun nunion (list1 list2 &key key test test-not)
  (union list1 list2 :key key :test test :test-not test-not))

(defun intersection (list1 list2 &key key test test-not)
  (let ((result nil))
    (dolist (element list1 result)
      (when (%set-member-p element list2 key test test-not)
        (setq result (cons element result))))))

(defun nintersection (list1 list2 &key key test test-not)
  (intersection list1 list2 :key key :test test :test-not test-not))

(defun set-difference (list1 list2 &key key test test-not)
  (if (null list2)
      list1
      (let ((result nil))
        (dolist (element list1 result)
          (unless (%set-member-p element list2 key test test-not)
            (setq result (cons element result)))))))

(defun nset-difference (list1 list2 &key key test test-not)
  (set-difference list1 list2 :key key :test test :test-not test-not))

(defun set-exclusive-or (list1 list2 &key key test test-not)
  (let ((result nil))
    (dolist (element list1)
      (unless (%set-member-p element list2 key test test-not)
        (setq result (cons element result))))
    ;; The test sees its arguments in the order (element-of-1 element-of-2).
    (let ((swapped-test (and test (lambda (x y) (funcall test y x))))
          (swapped-test-not (and test-not (lambda (x y) (funcall test-not y x)))))
      (dolist (element list2 result)
        (unless (%set-member-p element list1 key swapped-test swapped-test-not)
          (setq result (cons element result)))))))

(defun subsetp (list1 list2 &key key test test-not)
  (dolist (element list1 t)
    (unless (%set-member-p element list2 key test test-not)
      (return nil))))

;;; Tails

(defun tailp (object list)
  (do ((tail list (cdr tail)))
      ((atom tail) (eql tail object))
    (when (eql tail object) (return t))))

(defun ldiff (list object)
  (let ((result nil))
    (do ((tail list (cdr tail)))
        ((or (atom tail) (eql tail object))
         (let ((head (nreverse-list result)))
           ;; A dotted end other than OBJECT is kept.
           (unless (or (eql tail object) (null tail))
             (if head (rplacd (last head) tail) (setq head tail)))
           head))
      (setq result (cons (car tail) result)))))

(defun nbutlast (list &optional (n 1))
  (let ((length (length list)))
    (if (<= length n)
        nil
        (progn (rplacd (nthcdr (- length n 1) list) nil)
               list))))

;;; Mapping over tails

(defun %tails-or-end (lists)
  (dolist (list lists lists)
    (when (endp list) (return :end))))

(defun mapl (function list &rest more-lists)
  (let ((lists (cons list more-lists)))
    (tagbody
     next
       (unless (eq (%tails-or-end lists) :end)
         (apply function lists)
         (setq lists (%map1 #'cdr lists))
         (go next)))
    list))

(defun maplist (function list &rest more-lists)
  (let ((lists (cons list more-lists)) (result nil))
    (tagbody
     next
       (unless (eq (%tails-or-end lists) :end)
         (setq result (cons (apply function lists) result))
         (setq lists (%map1 #'cdr lists))
         (go next)))
    (nreverse-list result)))

(defun mapcon (function list &rest more-lists)
  (apply #'nconc (apply #'maplist function list more-lists)))

(defun get-properties (plist indicators)
  (do ((tail plist (cddr tail)))
      ((endp tail) (values nil nil nil))
    (when (member (car tail) indicators)
      (return (values (car tail) (cadr tail) tail)))))

(defun equalp (a b)
  ;; EQUAL, but characters and strings compare case-insensitively,
  ;; numbers with =, and vectors element by element.
  (cond ((eq a b) t)
        ((characterp a) (and (characterp b) (char-equal a b)))
        ((numberp a) (and (numberp b) (= a b)))
        ((consp a) (and (consp b) (equalp (car a) (car b)) (equalp (cdr a) (cdr b))))
        ((arrayp a) (and (arrayp b) (%arrays-equalp a b)))  ; array.lisp
        ((%instancep a) (%structure-equalp a b))  ; struct.lisp
        (t nil)))
