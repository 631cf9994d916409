;;; Functions as data: FUNCALL and APPLY of symbols and function objects,
;;; (SETF SYMBOL-FUNCTION), FDEFINITION, FMAKUNBOUND, redefinition at run
;;; time, functions with many parameters in tail position.

(defun my-fn (x) x)
(print (list #'car #'my-fn #'list (symbol-function 'my-fn) #'(setf car)))
(print (list (eq #'car #'car) (eq #'my-fn (symbol-function 'my-fn))))
(let ((cell (list 1 2)))
  (funcall #'(setf car) 'a cell)
  (funcall #'(setf nth) 'b 1 cell)
  (print cell))
(print (funcall 'car '(1 2)))
(print (apply '+ 1 2 '(3 4)))
(print (mapcar 'string-upcase '("a" "b")))
(print (funcall #'funcall #'list 1 2))
(print (apply #'apply #'list 1 '((2 3))))

(defun greet () "hello")
(print (funcall (symbol-function 'greet)))
(print (funcall (fdefinition 'greet)))
(setf (symbol-function 'greet) (lambda () "replaced"))
(print (greet))
(setf (fdefinition 'shout) (lambda (s) (string-upcase s)))
(print (shout "quiet"))
(print (list (not (null (fboundp 'shout))) (fboundp 'no-such-function)
             (not (null (fboundp 'car))) (not (null (fboundp 'when)))
             (not (null (special-operator-p 'if))) (special-operator-p 'car)))

;; A function that redefines another at run time; callers see the change.
(defun version () 1)
(defun caller () (version))
(defun upgrade () (defun version () 2))
(print (caller))
(upgrade)
(print (caller))

;; Functions stored in a table and dispatched on.
(defparameter *ops* (list (cons 'add #'+) (cons 'mul #'*) (cons 'neg #'-)
                          (cons 'max 'max)))
(defun run-op (name &rest args) (apply (cdr (assoc name *ops*)) args))
(print (list (run-op 'add 1 2 3) (run-op 'mul 2 3 4) (run-op 'neg 5) (run-op 'max 3 9 2)))

;; Many parameters (beyond the fast entries) in a tail-recursive loop.
(defun six (a b c d e f n)
  (if (= n 0)
      (list a b c d e f)
      (six b c d e f a (- n 1))))
(print (six 1 2 3 4 5 6 1000003))

(defun rest-loop (n &rest acc)
  (if (= n 0) (length acc) (apply #'rest-loop (- n 1) (if (> (length acc) 3) nil (cons n acc)))))
(print (rest-loop 100001))

(defun key-loop (&key (n 0) (sum 0))
  (if (= n 0) sum (key-loop :n (- n 1) :sum (+ sum 2))))
(print (key-loop :n 200000))

;; FMAKUNBOUND then calling is an undefined-function error: done last.
(defun doomed () 'alive)
(print (doomed))
(fmakunbound 'doomed)
(print (fboundp 'doomed))
(terpri)
(print (funcall 'doomed))
