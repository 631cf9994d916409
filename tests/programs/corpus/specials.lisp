;;; Special variables: DEFVAR, DEFPARAMETER, dynamic binding restored on
;;; every exit path, SYMBOL-VALUE, BOUNDP, MAKUNBOUND.

(defvar *level* 0)
(defparameter *name* "top")

(defvar *level* 99)          ; DEFVAR does not reassign
(print *level*)
(defparameter *name* "again")   ; DEFPARAMETER does
(print *name*)

(defun show-state () (list *level* *name*))

(print (let ((*level* 1) (*name* "one"))
         (list (show-state)
               (let ((*level* 2)) (show-state))
               (show-state))))
(print (show-state))

;; Restored after a THROW out of nested bindings.
(defun bind-and-throw (n)
  (let ((*level* n))
    (if (= n 5) (throw 'done (show-state)) (bind-and-throw (+ n 1)))))
(print (catch 'done (bind-and-throw 1)))
(print (show-state))

;; Restored after RETURN-FROM from a closure.
(defun call-with-level (level thunk)
  (let ((*level* level)) (funcall thunk)))
(print (block b
         (call-with-level 7 (lambda () (return-from b (show-state))))))
(print (show-state))

;; Restored after GO.
(print (let ((seen nil))
         (tagbody
            (let ((*level* 'in-tagbody))
              (setq seen (show-state))
              (go out))
          out)
         (list seen (show-state))))

;; SETQ of a dynamically bound variable changes only the binding.
(let ((*level* 100))
  (setq *level* 200)
  (print (show-state)))
(print (show-state))

;; SYMBOL-VALUE, SET and the dynamic binding.
(print (symbol-value '*level*))
(let ((*level* 'bound))
  (print (symbol-value '*level*))
  (set '*level* 'set-inside)
  (print *level*))
(print *level*)

;; BOUNDP and MAKUNBOUND
(defvar *maybe*)
(print (boundp '*maybe*))
(setf (symbol-value '*maybe*) 'now-bound)
(print (list (boundp '*maybe*) *maybe*))
(makunbound '*maybe*)
(print (boundp '*maybe*))
(print (let ((*maybe* 'temporarily)) (boundp '*maybe*)))
(print (boundp '*maybe*))

;; A local special declaration makes a binding dynamic.
(defun read-x () (declare (special x)) x)
(print (let ((x 'dynamic-x)) (declare (special x)) (read-x)))

;; A closure captures no special binding: it sees the current one.
(defvar *mode* :global)
(defun make-reader () (lambda () *mode*))
(let ((reader (let ((*mode* :when-made)) (make-reader))))
  (print (funcall reader))
  (let ((*mode* :when-called)) (print (funcall reader))))

;; Restored after an unwind-protect cleanup that itself binds.
(print (catch 'x
         (let ((*level* 'outer))
           (unwind-protect (let ((*level* 'inner)) (throw 'x (show-state)))
             (print (list 'cleanup-sees (show-state)))))))
(print (show-state))
(terpri)
