;;; Generated forms (fixed once, from a seeded generator) nesting BLOCK,
;;; RETURN-FROM, CATCH, THROW, UNWIND-PROTECT, TAGBODY/GO, special bindings,
;;; closures, FLET, MULTIPLE-VALUE-CALL/PROG1 at random; each result is shown
;;; with the log of cleanups and the special variable's value afterwards.
;;; Second half; the first is control-flow-calls.lisp.  Split so that each file's text
;;; stays under 10,000 characters, which the Tier 1 and JIT corpus modes need
;;; for now (a longer string literal fails on V8).

(defvar *log* nil)
(defvar *s* 'global)
(defvar *n* 0)
(defun note (x) (push x *log*) x)
(defun helper (thunk) (list :helper (funcall thunk)))
(defun show (i form-result)
  (format t "~d: ~s ~s ~s~%" i form-result (reverse *log*) *s*)
  (setq *log* nil))
(show 20 (let ((x 0)) (multiple-value-list (catch 't52 (let ((k 0)) (tagbody g53 (incf k) (when (> k 2) (go g54)) (block b55 (helper (lambda () (multiple-value-call #'list (multiple-value-call #'list (let ((k 0)) (tagbody g56 (incf k) (when (> k 2) (go g57)) (incf *n*) (note k) g57) k) (helper (lambda () 'a))) (let ((k 0)) (tagbody g58 (incf k) (when (> k 2) (go g59)) 2 (note k) g59) k)))) (let ((x (let ((*s* (multiple-value-call #'list (multiple-value-list (multiple-value-prog1 x 2)) (block b60 2 1)))) (list *s* (note 'leaf))))) (list x (return-from b55 (throw 't52 (block b61 (values 7 8) (incf *n*))))))) (note k) g54) k)))))
(show 21 (let ((x 0)) (multiple-value-list (progn *s* (note 'leaf)))))
(show 22 (let ((x 0)) (multiple-value-list (catch 't62 (unwind-protect (progn (setq x (helper (lambda () (values 7 8)))) (note 'leaf)) (note 'cleanup))))))
(show 23 (let ((x 0)) (multiple-value-list (flet ((f (x) (funcall (lambda () (setq x (unwind-protect (values 7 8) (note 'cleanup))))))) (f (setq x (let ((*s* (unwind-protect x (note 'cleanup)))) (list *s* (flet ((f (x) (incf *n*))) (f 1))))))))))
(show 24 (let ((x 0)) (multiple-value-list (flet ((f (x) (flet ((f (x) (if (values 7 8) (values 7 8) (incf *n*)))) (f *s*)))) (f (progn (unwind-protect (note 'leaf) (note 'cleanup)) (note 'leaf)))))))
(show 25 (let ((x 0)) (multiple-value-list (multiple-value-call #'list 2 (flet ((f (x) (unwind-protect (funcall (lambda () (note 'leaf))) (note 'cleanup)))) (f (multiple-value-call #'list (let ((k 0)) (tagbody g63 (incf k) (when (> k 2) (go g64)) (note 'leaf) (note k) g64) k) (multiple-value-list x))))))))
(show 26 (let ((x 0)) (multiple-value-list (let ((*s* (note 'leaf))) (list *s* (let ((x (funcall (lambda () 2)))) (list x (let ((k 0)) (tagbody g65 (incf k) (when (> k 2) (go g66)) (unwind-protect (multiple-value-call #'list (values 7 8) (incf *n*)) (note 'cleanup)) (note k) g66) k))))))))
(show 27 (let ((x 0)) (multiple-value-list (multiple-value-list (if (setq x 'a) (let ((*s* (if (unwind-protect (helper (lambda () (incf *n*))) (note 'cleanup)) (unwind-protect (funcall (lambda () (values 7 8))) (note 'cleanup)) (multiple-value-list (let ((*s* 1)) (list *s* (note 'leaf))))))) (list *s* (multiple-value-call #'list (flet ((f (x) (values 7 8))) (f (multiple-value-list (multiple-value-prog1 (note 'leaf) (incf *n*))))) (let ((k 0)) (tagbody g67 (incf k) (when (> k 2) (go g68)) 1 (note k) g68) k)))) (unwind-protect (multiple-value-call #'list (progn (let ((x x)) (list x (values 7 8))) (let ((*s* 2)) (list *s* (values 7 8)))) *s*) (note 'cleanup)))))))
(show 28 (let ((x 0)) (multiple-value-list (let ((x x)) (list x (let ((x (let ((*s* (helper (lambda () 1)))) (list *s* (if 1 (incf *n*) 1))))) (list x (multiple-value-call #'list (block b69 (values 7 8) *s*) (block b70 (incf *n*) (values 7 8))))))))))
(show 29 (let ((x 0)) (multiple-value-list (unwind-protect (if (setq x (helper (lambda () (if (multiple-value-list (let ((*s* (incf *n*))) (list *s* 2))) (values 7 8) (values 7 8))))) (let ((*s* (let ((x (setq x (setq x (setq x (incf *n*)))))) (list x (let ((k 0)) (tagbody g71 (incf k) (when (> k 2) (go g72)) (funcall (lambda () (flet ((f (x) 1)) (f (values 7 8))))) (note k) g72) k))))) (list *s* (multiple-value-list (block b73 (if (let ((*s* 1)) (list *s* (note 'leaf))) (funcall (lambda () (values 7 8))) *s*) (helper (lambda () 2)))))) x) (note 'cleanup)))))
(show 30 (let ((x 0)) (multiple-value-list x)))
(show 31 (let ((x 0)) (multiple-value-list (funcall (lambda () (catch 't74 (unwind-protect 'a (note 'cleanup))))))))
(show 32 (let ((x 0)) (multiple-value-list (funcall (lambda () (progn (let ((k 0)) (tagbody g75 (incf k) (when (> k 2) (go g76)) (let ((k 0)) (tagbody g77 (incf k) (when (> k 2) (go g78)) (if x (let ((x 2)) (list x (incf *n*))) *s*) (note k) g78) k) (note k) g76) k) (note 'leaf)))))))
(show 33 (let ((x 0)) (multiple-value-list (let ((*s* (multiple-value-list (unwind-protect (if (let ((x (multiple-value-call #'list 2 (setq x (funcall (lambda () *s*)))))) (list x (setq x (let ((*s* (catch 't79 (note 'leaf)))) (list *s* (let ((k 0)) (tagbody g80 (incf k) (when (> k 2) (go g81)) (incf *n*) (note k) g81) k)))))) (multiple-value-call #'list 'a (let ((*s* 'a)) (list *s* x))) (multiple-value-list (multiple-value-prog1 (let ((k 0)) (tagbody g82 (incf k) (when (> k 2) (go g83)) (funcall (lambda () 2)) (note k) g83) k) (multiple-value-list (helper (lambda () 2)))))) (note 'cleanup))))) (list *s* (let ((k 0)) (tagbody g84 (incf k) (when (> k 2) (go g85)) (funcall (lambda () (if (multiple-value-list (go g84)) (multiple-value-call #'list (unwind-protect (multiple-value-call #'list (let ((k 0)) (tagbody g86 (incf k) (when (> k 2) (go g87)) 'a (note k) g87) k) (multiple-value-list (multiple-value-prog1 'a 1))) (note 'cleanup)) (helper (lambda () (if (values 7 8) x *s*)))) (multiple-value-list (block b88 (helper (lambda () 2)) (flet ((f (x) (multiple-value-list 2))) (f (let ((*s* x)) (list *s* (incf *n*)))))))))) (note k) g85) k))))))
(show 34 (let ((x 0)) (multiple-value-list (flet ((f (x) 'a)) (f (setq x 2))))))
(show 35 (let ((x 0)) (multiple-value-list (let ((k 0)) (tagbody g89 (incf k) (when (> k 2) (go g90)) (let ((k 0)) (tagbody g91 (incf k) (when (> k 2) (go g92)) (unwind-protect (catch 't93 x) (note 'cleanup)) (note k) g92) k) (note k) g90) k))))
(show 36 (let ((x 0)) (multiple-value-list (unwind-protect (funcall (lambda () (catch 't94 (let ((k 0)) (tagbody g95 (incf k) (when (> k 2) (go g96)) (if (let ((*s* (unwind-protect 1 (note 'cleanup)))) (list *s* (multiple-value-list (multiple-value-prog1 'a *s*)))) 1 (setq x (block b97 x (values 7 8)))) (note k) g96) k)))) (note 'cleanup)))))
(show 37 (let ((x 0)) (multiple-value-list *s*)))
(show 38 (let ((x 0)) (multiple-value-list (multiple-value-list (unwind-protect 2 (note 'cleanup))))))
(show 39 (let ((x 0)) (multiple-value-list (multiple-value-call #'list (multiple-value-call #'list (block b98 (progn *s* *s*) (helper (lambda () 1))) (helper (lambda () (flet ((f (x) 'a)) (f (setq x *s*)))))) (let ((*s* (progn *s* (multiple-value-call #'list (funcall (lambda () (note 'leaf))) (setq x (values 7 8)))))) (list *s* 2))))))
