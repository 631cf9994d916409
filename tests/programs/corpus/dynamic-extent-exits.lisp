;;; Calls in the body of a dynamic binding, an UNWIND-PROTECT or a CATCH are
;;; not tail calls: the binding must be undone and the cleanup run after the
;;; call returns, with its values kept.

(defvar *x* 'global)
(defvar *log* nil)

(defun read-x () *x*)
(defun values-of-x () (values *x* 'second 'third))

(defun bound-tail () (let ((*x* 'bound)) (read-x)))
(print (list (bound-tail) *x*))

(defun bound-values () (let ((*x* 'bound)) (values-of-x)))
(print (multiple-value-list (bound-values)))
(print *x*)

(defun protected-tail ()
  (unwind-protect (values-of-x) (push 'cleanup *log*)))
(print (multiple-value-list (protected-tail)))
(print *log*)

(defun caught-tail () (catch 'tag (values-of-x)))
(print (multiple-value-list (caught-tail)))

(defun progv-tail () (progv '(*x*) '(progv-bound) (values-of-x)))
(print (multiple-value-list (progv-tail)))
(print *x*)

;; Recursion through a dynamic binding: each level sees its own value and
;; the binding is gone afterwards.
(defvar *depth* 0)
(defun nested (n)
  (if (= n 0)
      (list *depth*)
      (let ((*depth* (+ *depth* 1)))
        (cons *depth* (nested (- n 1))))))
(print (nested 5))
(print *depth*)

;; Values survive the unbinding of several specials at once.
(defvar *a* 1)
(defvar *b* 2)
(print (multiple-value-list (let ((*a* 10) (*b* 20)) (values *a* *b* (+ *a* *b*)))))
(print (list *a* *b*))

;; A special bound in a function that then tail-calls itself many times in
;; a loop body (the loop is the tail call, the binding is outside it).
(defun count-with-binding (n)
  (let ((*depth* 'inside))
    (labels ((spin (i acc) (if (= i 0) (list acc *depth*) (spin (- i 1) (+ acc 1)))))
      (spin n 0))))
(print (count-with-binding 100000))
(print *depth*)

;; A block exit through a special binding and an unwind-protect inside a
;; closure called from a tail position.
(defun exit-through (f) (funcall f))
(print (block done
         (let ((*x* 'inner))
           (exit-through (lambda ()
                           (unwind-protect (return-from done (list 'left *x*))
                             (push (list 'unwound *x*) *log*)))))))
(print (list *x* (first *log*)))

;; Catch tags established in a loop, thrown to from a deeper function.
(defun maybe-throw (i) (when (evenp i) (throw 'skip (list :skipped i))) (list :kept i))
(print (loop for i from 0 below 6 collect (catch 'skip (maybe-throw i))))

;; THROW with multiple values through several UNWIND-PROTECTs that bind
;; specials in their cleanups.
(print (multiple-value-list
        (catch 'out
          (unwind-protect
               (unwind-protect (throw 'out (values 1 2 3))
                 (let ((*x* 'cleanup-1)) (push *x* *log*)))
            (let ((*x* 'cleanup-2)) (push *x* *log*))))))
(print (list *x* (subseq *log* 0 2)))
(terpri)
