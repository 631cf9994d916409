;;; More special variable behaviour: specials as loop variables, special
;;; parameters, DEFVAR inside functions, special declarations shadowing.

(defvar *i* 'global-i)
(defun read-i () *i*)

;; DOTIMES and DOLIST over a special variable bind it dynamically.
(print (let ((seen nil)) (dotimes (*i* 3) (push (read-i) seen)) (nreverse seen)))
(print (let ((seen nil)) (dolist (*i* '(a b)) (push (read-i) seen)) (nreverse seen)))
(print (read-i))

;; A special variable as a function parameter.
(defun with-param (*i*) (read-i))
(print (list (with-param 'param) (read-i)))
(defun with-optional (&optional (*i* 'default-i)) (read-i))
(print (list (with-optional) (with-optional 'given) (read-i)))
(defun with-key (&key ((:value *i*) 'key-default)) (read-i))
(print (list (with-key) (with-key :value 'from-key) (read-i)))

;; A lambda parameter declared special.
(print (funcall (lambda (x) (declare (special x)) (funcall (lambda () (declare (special x)) x)))
                'lambda-special))

;; A special declaration inside does not affect an inner lexical binding.
(defun shadowing ()
  (let ((v 'dynamic))
    (declare (special v))
    (let ((v 'lexical))
      (list v (locally (declare (special v)) v)))))
(print (shadowing))

;; DEFVAR and DEFPARAMETER in a non-top-level position.
(defun define-at-run-time ()
  (defparameter *made-later* 'made)
  (symbol-value '*made-later*))
(print (define-at-run-time))

;; Binding many specials in a PROGV computed from data, nested with LET.
(defvar *p* 0)
(defvar *q* 0)
(defun sum-pq () (+ *p* *q*))
(print (let ((results nil))
         (dolist (binding '((1 2) (10 20) (100 200)) (nreverse results))
           (progv '(*p* *q*) binding
             (let ((*q* (* *q* 2)))
               (push (sum-pq) results))))))
(print (sum-pq))

;; SET and SYMBOL-VALUE on a variable that is dynamically bound in an outer
;; frame change that binding, not the global value.
(defun setter () (set '*p* 'set-in-callee))
(print (let ((*p* 'outer)) (setter) *p*))
(print *p*)

;; Special variables holding closures that see their own bindings.
(defvar *handler* (lambda (x) (list :default x)))
(defun handle (x) (funcall *handler* x))
(print (list (handle 1)
             (let ((*handler* (lambda (x) (list :override x (handle-outer x)))))
               (handle 2))))
(defun handle-outer (x) (declare (ignore x)) :outer-called)

;; A recursive function rebinding a special at each level and reading the
;; previous level's value through a closure.
(defvar *stack-depth* 0)
(defun descend (n)
  (let ((parent *stack-depth*))
    (let ((*stack-depth* (1+ *stack-depth*)))
      (if (= n 0)
          (list parent *stack-depth*)
          (descend (1- n))))))
(print (descend 50))
(print *stack-depth*)
(terpri)
