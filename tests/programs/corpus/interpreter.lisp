;;; A small interpreter for a Lisp subset (numbers, symbols, quote, if,
;;; lambda, let, define, begin, set!), with environments as association
;;; lists of mutable cells and closures as data.

(defvar *global-env* nil)

(defun make-env (names values parent)
  (cons (mapcar (lambda (n v) (cons n v)) names values) parent))

(defun env-lookup-cell (name env)
  (cond ((null env) (or (assoc name *global-env*) (error "unbound: ~a" name)))
        ((assoc name (car env)))
        (t (env-lookup-cell name (cdr env)))))

(defun define-global (name value)
  (let ((cell (assoc name *global-env*)))
    (if cell (setf (cdr cell) value) (push (cons name value) *global-env*))
    name))

(defun make-closure (params body env) (list :closure params body env))
(defun closurep (x) (and (consp x) (eq (car x) :closure)))

(defun interpret (expr env)
  (cond ((integerp expr) expr)
        ((stringp expr) expr)
        ((symbolp expr) (cdr (env-lookup-cell expr env)))
        (t (case (car expr)
             (quote (second expr))
             (if (if (interpret (second expr) env)
                     (interpret (third expr) env)
                     (interpret (fourth expr) env)))
             (lambda (make-closure (second expr) (cddr expr) env))
             (let (interpret-body (cddr expr)
                                  (make-env (mapcar #'first (second expr))
                                            (mapcar (lambda (b) (interpret (second b) env))
                                                    (second expr))
                                            env)))
             (define (define-global (second expr) (interpret (third expr) env)))
             (set! (setf (cdr (env-lookup-cell (second expr) env))
                         (interpret (third expr) env)))
             (begin (interpret-body (cdr expr) env))
             (t (apply-procedure (interpret (car expr) env)
                                 (mapcar (lambda (e) (interpret e env)) (cdr expr))))))))

(defun interpret-body (body env)
  (let ((result nil))
    (dolist (e body result) (setq result (interpret e env)))))

(defun apply-procedure (f args)
  (cond ((functionp f) (apply f args))
        ((closurep f)
         (destructuring-bind (params body env) (cdr f)
           (interpret-body body (make-env params args env))))
        (t (error "not a procedure: ~s" f))))

(dolist (primitive (list (cons '+ #'+) (cons '- #'-) (cons '* #'*) (cons '< #'<)
                         (cons '= #'=) (cons 'cons #'cons) (cons 'car #'car)
                         (cons 'cdr #'cdr) (cons 'null? #'null) (cons 'list #'list)))
  (define-global (car primitive) (cdr primitive)))

(defun run (program)
  (let ((result nil))
    (dolist (form program result)
      (setq result (interpret form nil))
      (format t "~s~%  => ~s~%" form (if (closurep result) '<closure> result)))))

(run '((define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))
       (fact 10)
       (define make-counter
         (lambda () (let ((n 0)) (lambda () (set! n (+ n 1)) n))))
       (define c (make-counter))
       (c) (c) (c)
       (define map1 (lambda (f l) (if (null? l) (quote ()) (cons (f (car l)) (map1 f (cdr l))))))
       (map1 (lambda (x) (* x x)) (list 1 2 3 4 5))
       (define compose (lambda (f g) (lambda (x) (f (g x)))))
       ((compose (lambda (x) (+ x 1)) (lambda (x) (* x 2))) 20)
       (let ((x 1) (y 2)) (begin (set! x (+ x y)) (list x y)))
       (define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
       (fib 15)))

;; Errors inside the interpreted program are Lisp errors: the last one ends
;; the run with an error exit.
(run '((car (quote (1 2))) (undefined-variable)))
