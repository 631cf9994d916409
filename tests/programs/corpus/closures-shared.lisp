;;; Closures sharing assigned captured variables.

(defun make-account (balance)
  (list :deposit (lambda (amount) (incf balance amount))
        :withdraw (lambda (amount)
                    (if (> amount balance)
                        :insufficient
                        (decf balance amount)))
        :balance (lambda () balance)))

(let ((account (make-account 100)))
  (flet ((op (name &rest args) (apply (getf account name) args)))
    (print (list (op :deposit 50) (op :withdraw 30) (op :withdraw 500) (op :balance)))))

;; Two accounts do not share state.
(let ((a (make-account 10)) (b (make-account 20)))
  (funcall (getf a :deposit) 5)
  (print (list (funcall (getf a :balance)) (funcall (getf b :balance)))))

;; A generator of fresh counters, each with its own state.
(defun make-counter (&optional (start 0) (step 1))
  (lambda () (prog1 start (setq start (+ start step)))))
(let ((c1 (make-counter)) (c2 (make-counter 100 10)))
  (print (list (funcall c1) (funcall c1) (funcall c2) (funcall c1) (funcall c2))))

;; Closures made in a loop over a variable bound per iteration vs shared.
(defun per-iteration ()
  (let ((fns nil))
    (dolist (x '(a b c))
      (let ((y x)) (push (lambda () y) fns)))
    (mapcar #'funcall (nreverse fns))))
(print (per-iteration))

(defun shared-variable ()
  (let ((fns nil) (shared 0))
    (dotimes (i 3)
      (push (lambda () shared) fns)
      (setq shared (+ shared 10)))
    (mapcar #'funcall fns)))
(print (shared-variable))

;; An accumulator modified by one closure and read by another, captured
;; through two levels of nesting.
(defun make-accumulator ()
  (let ((total 0) (history nil))
    (values (lambda (x)
              (let ((before total))
                (setq total (+ total x))
                (push (list before x total) history)
                total))
            (lambda () (reverse history)))))
(multiple-value-bind (add history) (make-accumulator)
  (funcall add 5)
  (funcall add 7)
  (funcall add -2)
  (print (funcall history)))

;; A closure that captures a variable and a parameter, and is stored.
(defvar *callbacks* nil)
(defun register (name)
  (let ((calls 0))
    (push (cons name (lambda () (incf calls) (list name calls))) *callbacks*)))
(register 'first)
(register 'second)
(dolist (entry *callbacks*) (funcall (cdr entry)))
(print (mapcar (lambda (entry) (funcall (cdr entry))) (reverse *callbacks*)))

;; Memoization with a captured association list.
(defun memoize (function)
  (let ((cache nil) (misses 0))
    (values (lambda (n)
              (let ((hit (assoc n cache)))
                (if hit
                    (cdr hit)
                    (let ((value (funcall function n)))
                      (incf misses)
                      (push (cons n value) cache)
                      value))))
            (lambda () misses))))
(multiple-value-bind (sq misses) (memoize (lambda (n) (* n n)))
  (print (list (funcall sq 4) (funcall sq 5) (funcall sq 4) (funcall sq 4) (funcall misses))))

;; A captured variable assigned inside a LABELS function and read outside.
(defun count-leaves (tree)
  (let ((n 0))
    (labels ((walk (x) (cond ((null x)) ((atom x) (incf n)) (t (walk (car x)) (walk (cdr x))))))
      (walk tree))
    n))
(print (count-leaves '((a b) (c (d e f)) g)))

;; Closures over loop variables of DO: the step rebinds or assigns.
(defun do-closures ()
  (let ((fns nil))
    (do ((i 0 (+ i 1))) ((= i 3))
      (let ((j i)) (push (lambda () (* j j)) fns)))
    (mapcar #'funcall (nreverse fns))))
(print (do-closures))
(terpri)
