;;; PROGV: dynamic bindings of computed symbols, restored on every exit.

(defvar *a* 'global-a)
(defvar *b* 'global-b)

(defun show () (list *a* *b*))

(print (progv '(*a* *b*) '(1 2) (show)))
(print (show))

;; Fewer values than symbols: the extra symbols become unbound.
(print (progv '(*a* *b*) '(only-a)
         (list *a* (boundp '*b*))))
(print (show))

;; More values than symbols: the extras are ignored.
(print (progv '(*a*) '(x y z) (show)))

;; Computed symbol lists.
(defun bind-all (symbols value thunk)
  (progv symbols (mapcar (lambda (s) (declare (ignore s)) value) symbols)
    (funcall thunk)))
(print (bind-all (list '*a* '*b*) 'same #'show))

;; Restored after THROW, RETURN-FROM and GO.
(print (catch 'out (progv '(*a*) '(thrown) (throw 'out (show)))))
(print (show))
(print (block b (progv '(*b*) '(returned) (return-from b (show)))))
(print (show))
(print (let ((seen nil))
         (tagbody
            (progv '(*a* *b*) '(went went)
              (setq seen (show))
              (go out))
          out)
         (list seen (show))))

;; PROGV of a symbol that was never declared special, read with SYMBOL-VALUE.
(print (progv '(fresh-symbol) '(42) (symbol-value 'fresh-symbol)))
(print (boundp 'fresh-symbol))

;; Nested PROGV and LET of the same variable.
(print (progv '(*a*) '(outer)
         (list *a*
               (let ((*a* 'let-bound))
                 (list *a* (progv '(*a*) '(inner) *a*) *a*))
               *a*)))
(print *a*)

;; Values of the body are returned.
(print (multiple-value-list (progv '(*a*) '(1) (values *a* 2 3))))

;; SETQ inside PROGV changes the binding, not the global value.
(progv '(*a*) '(start)
  (setq *a* 'changed)
  (print *a*))
(print *a*)
(terpri)
