;;; An error inside dynamic bindings and an UNWIND-PROTECT: the program
;;; still ends with an error exit after its output (cleanups are not run for
;;; an unhandled error in SBCL's --disable-debugger mode either, so nothing
;;; is printed by the cleanup here: it only sets a variable).

(defvar *state* 'initial)
(defvar *cleaned* nil)

(defun risky (n)
  (let ((*state* 'inside))
    (unwind-protect
         (progn
           (format t "state ~a, n = ~d~%" *state* n)
           (when (> n 2) (error "n is too large: ~d" n))
           (* n 10))
      (setq *cleaned* t))))

(print (risky 1))
(print (risky 2))
(print (list *state* *cleaned*))
(terpri)
(print (risky 3))
(print 'not-reached)
