;;; Non-local exits and special forms in the middle of argument evaluation:
;;; pending arguments are dropped, values are not mixed up.

(defun f3 (a b c) (list a b c))

(print (block b (f3 1 (return-from b 'left-early) 3)))
(print (catch 'c (f3 1 2 (throw 'c 'thrown))))
(print (let ((x 0))
         (tagbody
            (f3 (setq x 1) (go skip) (setq x 99))
          skip)
         x))

;; Special forms as arguments.
(print (f3 (block a 1) (catch 'k 2) (unwind-protect 3 4)))
(print (f3 (if nil 1 (progn 2)) (let ((y 5)) (* y y)) (tagbody)))
(print (list (multiple-value-prog1 1 2) (multiple-value-call #'+ (values 1 2) 3) (progv nil nil 7)))
(print (+ 1 (block b (+ 10 (return-from b 100))) 1000))

;; Exits from within MULTIPLE-VALUE-CALL arguments.
(print (block b (multiple-value-call #'list (values 1 2) (return-from b (values 'x 'y)) 3)))
(print (multiple-value-list
        (block b (multiple-value-call #'list (values 1 2) (return-from b (values 'x 'y)) 3))))

;; A GO from the test of an IF inside a loop body.
(print (let ((i 0) (hits nil))
         (tagbody
          top
            (when (if (> i 5) (go done) (evenp i)) (push i hits))
            (incf i)
            (go top)
          done)
         (nreverse hits)))

;; RETURN-FROM the function being defined from inside nested argument lists.
(defun find-pair (list target)
  (dolist (a list)
    (dolist (b list)
      (list (+ a b) (when (= (+ a b) target) (return-from find-pair (cons a b))))))
  nil)
(print (find-pair '(1 4 6 9) 13))
(print (find-pair '(1 2) 100))

;; SETQ whose value form exits: the variable keeps its old value.
(print (let ((v 'old))
         (catch 'x (setq v (throw 'x nil)))
         v))

;; LET whose init forms exit part-way: no binding is left behind.
(defvar *s* 'global)
(print (catch 'x (let ((*s* 'first) (y (throw 'x *s*))) (list *s* y))))
(print *s*)

;; Arguments are evaluated left to right even when some are special forms.
(let ((order nil))
  (f3 (progn (push 1 order) 'a)
      (block b (push 2 order) (return-from b 'b))
      (catch 'c (push 3 order) (throw 'c 'c)))
  (print (nreverse order)))

;; An UNWIND-PROTECT cleanup sees values computed in its protected form.
(print (let ((x 1))
         (list (unwind-protect (setq x (* x 10)) (setq x (+ x 1))) x)))
(terpri)
