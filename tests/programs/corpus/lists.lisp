;;; List functions: construction, access, association lists, property
;;; lists, sets, trees, mapping.

(print (list (list 1 2) (list* 1 2 '(3 4)) (make-list 3 :initial-element 'x) (cons 1 2)))
(print (list (first '(1 2 3)) (second '(1 2 3)) (third '(1 2 3)) (fifth '(1 2 3 4 5 6))
             (tenth '(1 2 3 4 5 6 7 8 9 10 11)) (rest '(1 2 3))))
(print (list (caddr '(1 2 3)) (cdadr '(1 (2 3))) (caar '((a) b)) (cddddr '(1 2 3 4 5))))
(print (list (last '(1 2 3)) (last '(1 2 3) 2) (butlast '(1 2 3)) (butlast '(1 2 3) 2)
             (nthcdr 2 '(a b c d)) (nth 1 '(a b c))))
(print (list (append '(1) '(2 3) nil '(4)) (append) (append '(1) 2)
             (revappend '(3 2 1) '(4 5)) (nconc (list 1 2) nil (list 3))))
(print (list (length '(1 2 3)) (list-length '(1 2)) (endp nil) (tailp nil '(1 2))))
(let* ((l (list 1 2 3 4)) (tail (cddr l)))
  (print (list (ldiff l tail) (tailp tail l) (nbutlast (list 1 2 3 4) 2))))

;; Association lists
(defparameter *alist* '((apple . 3) (banana . 5) (cherry . 7)))
(print (list (assoc 'banana *alist*) (rassoc 7 *alist*) (assoc 'kiwi *alist*)
             (assoc-if (lambda (k) (char= (char (symbol-name k) 0) #\C)) *alist*)
             (rassoc-if #'evenp '((a . 1) (b . 2)))))
(print (assoc "b" '(("a" . 1) ("b" . 2)) :test #'string=))
(print (acons 'date 9 *alist*))
(print (pairlis '(x y z) '(1 2 3)))
(print (copy-alist '((a . 1) (b . 2))))
(defun update-count (alist key)
  (let ((entry (assoc key alist)))
    (if entry
        (progn (incf (cdr entry)) alist)
        (acons key 1 alist))))
(let ((counts nil))
  (dolist (w '(a b a c b a)) (setq counts (update-count counts w)))
  (print (sort counts #'> :key #'cdr)))

;; Property lists
(let ((plist (list :name "Ada" :born 1815)))
  (print (list (getf plist :name) (getf plist :died 'unknown)))
  (setf (getf plist :died) 1852)
  (print plist)
  (print (remf plist :born))
  (print plist)
  (print (remf plist :missing))
  (print (multiple-value-list (get-properties plist '(:died :x)))))

;; Membership and sets
(print (list (member 3 '(1 2 3 4)) (member 5 '(1 2)) (member "b" '("a" "b") :test #'equal)
             (member-if #'evenp '(1 3 4 5)) (member-if-not #'evenp '(2 4 5 6))
             (member 2 '((1) (2) (3)) :key #'car)))
(print (list (union '(a b c) '(b c d)) (intersection '(a b c d) '(d c x b))
             (set-difference '(a b c d) '(d x b)) (set-exclusive-or '(1 2 3) '(3 4))
             (subsetp '(a b) '(b a c)) (subsetp '(a z) '(a b))))
(print (adjoin 'a '(b c)))
(print (adjoin 'b '(b c)))
(print (union '((a . 1)) '((a . 2) (b . 3)) :key #'car))

;; Trees
(defparameter *tree* '(a (b c) (d (e f)) g))
(print (subst 'x 'e *tree*))
(print (subst-if 'leaf #'atom '(1 (2 3))))
(print (sublis '((a . 1) (g . 7)) *tree*))
(print (copy-tree *tree*))
(print (list (tree-equal *tree* (copy-tree *tree*)) (eq *tree* (copy-tree *tree*))
             (equal *tree* (copy-tree *tree*)) (tree-equal '(1 (2)) '(1 (3)))))
(defun flatten (tree)
  (cond ((null tree) nil)
        ((atom tree) (list tree))
        (t (mapcan #'flatten tree))))
(print (flatten *tree*))
(defun depth (tree)
  (if (atom tree) 0 (1+ (reduce #'max (mapcar #'depth tree)))))
(print (depth *tree*))

;; Mapping functions
(print (mapcar #'+ '(1 2 3) '(10 20 30 40)))
(print (maplist #'length '(a b c)))
(print (mapcan (lambda (x) (if (evenp x) (list x (* x x)) nil)) '(1 2 3 4)))
(print (mapcon (lambda (tail) (list (length tail))) '(a b c)))
(let ((seen nil))
  (mapc (lambda (x y) (push (cons x y) seen)) '(1 2) '(a b))
  (mapl (lambda (tail) (push (length tail) seen)) '(p q r))
  (print (nreverse seen)))

;; Destructive operations on fresh lists
(let ((l (list 3 1 2)))
  (setf (cdr (last l)) (list 4))
  (print l)
  (rplaca l 'first)
  (rplacd (cdr l) '(end))
  (print l))

;; A circularity-free LIST-LENGTH and equality functions
(print (list (eql 'a 'a) (eql 1 1) (eql "a" "a") (equal "a" "a") (equal '(1 (2)) '(1 (2)))
             (equalp "ABC" "abc") (equalp #(1 2) #(1 2)) (equal #(1 2) #(1 2))))
(terpri)
