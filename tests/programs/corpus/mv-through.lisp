;;; Multiple values through calls, BLOCK/RETURN-FROM, CATCH/THROW,
;;; UNWIND-PROTECT, MULTIPLE-VALUE-PROG1 and tail calls.

(defun three () (values 1 2 3))
(defun pass-through () (three))                      ; tail call
(defun pass-through-let () (let ((x 0)) (declare (ignorable x)) (three)))
(defun pass-through-if (flag) (if flag (three) (values :a :b)))
(defun only-first () (let ((x (three))) x))

(print (multiple-value-list (pass-through)))
(print (multiple-value-list (pass-through-let)))
(print (multiple-value-list (pass-through-if t)))
(print (multiple-value-list (pass-through-if nil)))
(print (multiple-value-list (only-first)))
(print (multiple-value-list (values (three))))        ; one value
(print (multiple-value-list (values)))

;; Through a chain of tail calls and funcall/apply in tail position.
(defun chain (n) (if (= n 0) (values 'done n :end) (chain (- n 1))))
(print (multiple-value-list (chain 1000)))
(defun via-funcall () (funcall #'three))
(defun via-apply () (apply #'values '(a b c d)))
(print (multiple-value-list (via-funcall)))
(print (multiple-value-list (via-apply)))

;; Through BLOCK and RETURN-FROM, including from a closure.
(defun early (list)
  (block scan
    (mapc (lambda (x) (when (minusp x) (return-from scan (values :negative x)))) list)
    (values :all-positive (length list))))
(print (multiple-value-list (early '(1 2 -3 4))))
(print (multiple-value-list (early '(1 2 3))))

;; Through CATCH and THROW.
(defun thrower () (throw 'mv (floor 23 5)))
(print (multiple-value-list (catch 'mv (thrower))))

;; Through UNWIND-PROTECT, normal and non-local.
(defvar *cleanups* 0)
(defun protected () (unwind-protect (three) (incf *cleanups*) (values 'x 'y)))
(print (multiple-value-list (protected)))
(print (multiple-value-list (block b (unwind-protect (return-from b (values 7 8)) (incf *cleanups*)))))
(print *cleanups*)

;; MULTIPLE-VALUE-PROG1 and MULTIPLE-VALUE-CALL together.
(print (multiple-value-call #'list
         (multiple-value-prog1 (three) (values 9 9 9 9))
         (multiple-value-prog1 (values) (three))))

;; MULTIPLE-VALUE-BIND with fewer and more variables than values.
(multiple-value-bind (a b) (three) (print (list a b)))
(multiple-value-bind (a b c d e) (three) (print (list a b c d e)))
(multiple-value-bind () (three) (print 'no-variables))

;; NTH-VALUE and MULTIPLE-VALUE-SETQ
(print (list (nth-value 0 (three)) (nth-value 2 (three)) (nth-value 5 (three))))
(let (q r)
  (print (multiple-value-setq (q r) (truncate 47 6)))
  (print (list q r)))

;; Values of a LABELS function in tail position of recursion.
(defun split-evens-odds (list)
  (labels ((walk (rest evens odds)
             (cond ((null rest) (values (nreverse evens) (nreverse odds)))
                   ((evenp (car rest)) (walk (cdr rest) (cons (car rest) evens) odds))
                   (t (walk (cdr rest) evens (cons (car rest) odds))))))
    (walk list nil nil)))
(print (multiple-value-list (split-evens-odds '(1 2 3 4 5 6 7))))

;; Values from IF, COND, CASE, AND, OR, WHEN, PROGN branches.
(defun mv-cond (x)
  (cond ((= x 0) (values 'zero 0))
        ((< x 0) (values 'neg x))
        (t (floor x 2))))
(print (mapcar (lambda (x) (multiple-value-list (mv-cond x))) '(0 -4 9)))
(print (multiple-value-list (and t (three))))
(print (multiple-value-list (or nil (three))))
(print (multiple-value-list (or (three) nil)))        ; only the primary value
(print (multiple-value-list (when t (three))))
(print (multiple-value-list (case 2 (1 :one) (2 (three)))))
(terpri)
