;;; Lambda list corner cases: defaults referring to earlier parameters and
;;; supplied-p variables, &rest with &key, keyword order, odd keyword lists.

(defun chain (a &optional (b (list a)) (c (list a b) c-p) &aux (d (list a b c c-p)))
  d)
(print (chain 1))
(print (chain 1 2))
(print (chain 1 2 3))

(defun key-defaults (&key (a 1 a-p) (b (if a-p (* a 10) 'no-a)) (c (list a b)))
  (list a a-p b c))
(print (key-defaults))
(print (key-defaults :a 5))
(print (key-defaults :b 7 :a 5))
(print (key-defaults :c 'given))

;; Duplicate keywords: the first wins, and supplied-p is still true.
(defun dup (&key (x 'default x-p)) (list x x-p))
(print (dup :x 1 :x 2))
(print (dup :x nil :x 2))

;; :ALLOW-OTHER-KEYS NIL given explicitly, then T later: the first counts.
(defun permissive (&key a &allow-other-keys) a)
(print (permissive :a 1 :b 2 :allow-other-keys nil))
(defun strict-keys (&key a) a)
(print (strict-keys :a 1 :allow-other-keys t :allow-other-keys nil :zzz 3))

;; &REST and &KEY together: the rest list includes the keywords.
(defun both (&rest all &key a b) (list all a b))
(print (both))
(print (both :b 2))
(print (both :a 1 :b 2 :a 3))

;; Optional parameters with defaults evaluated in the scope of the
;; function's closure environment.
(let ((base 100))
  (defun offset (x &optional (delta base)) (+ x delta))
  (setq base 200))
(print (list (offset 1) (offset 1 2)))

;; Recursion through optional parameters.
(defun sum-to (n &optional (acc 0))
  (if (= n 0) acc (sum-to (- n 1) (+ acc n))))
(print (sum-to 10000))

;; A function with many parameters of each kind called through APPLY and
;; FUNCALL with the same results.
(defun many (a b c &optional d (e 5) &rest r &key (k1 :k1) k2 &allow-other-keys)
  (list a b c d e r k1 k2))
(print (many 1 2 3))
(print (many 1 2 3 4))
(print (many 1 2 3 4 6 :k2 8))
(print (apply #'many 1 2 3 4 6 '(:k1 7 :other 9)))
(print (funcall #'many 1 2 3 4 6 :k1 7))

;; Local functions with &optional and &key, called from closures.
(print (labels ((walk (tree &key (depth 0) (acc nil))
                  (if (atom tree)
                      (cons (list tree depth) acc)
                      (let ((acc acc))
                        (dolist (x tree acc)
                          (setq acc (walk x :depth (1+ depth) :acc acc)))))))
         (reverse (walk '(a (b (c)) d)))))

;; Lambda lists of LAMBDA expressions in function position.
(print ((lambda (x &optional (y 2) &key z) (list x y z)) 1))
(print ((lambda (&rest args) (reverse args)) 1 2 3))
(print ((lambda (&key ((:alpha a) 'none)) a) :alpha 'given))
(terpri)

;; An odd number of keyword arguments is an error.
(print (key-defaults :a))
