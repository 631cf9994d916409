;;; Lambda lists: &optional (defaults, supplied-p), &rest, &aux, in DEFUN,
;;; LAMBDA, FLET and LABELS.

(defun opt (a &optional b (c 10) (d (+ a c) d-p))
  (list a b c d d-p))

(print (opt 1))
(print (opt 1 2))
(print (opt 1 2 3))
(print (opt 1 2 3 4))
(print (opt 1 2 3 nil))

;; Defaults may refer to earlier parameters and to special variables.
(defvar *default-width* 72)
(defun layout (text &optional (width *default-width*) (margin (floor width 8)))
  (list text width margin))
(print (layout "a"))
(print (layout "b" 40))
(print (let ((*default-width* 100)) (layout "c")))

;; Default forms are evaluated only when needed.
(defvar *evaluations* 0)
(defun counted-default (&optional (x (incf *evaluations*))) x)
(counted-default 'given)
(counted-default)
(counted-default)
(print *evaluations*)

;; &REST
(defun rest-args (a &rest others) (list a others))
(print (rest-args 1))
(print (rest-args 1 2 3))
(defun opt-and-rest (&optional (x 'dx) &rest r) (list x r))
(print (list (opt-and-rest) (opt-and-rest 1) (opt-and-rest 1 2 3)))

;; &AUX
(defun aux-demo (list &aux (n (length list)) (sum (apply #'+ list)) avg)
  (setq avg (if (> n 0) (floor sum n) 0))
  (list n sum avg))
(print (aux-demo '(2 4 6 8)))
(print (aux-demo nil))

;; The same lambda lists in LAMBDA, FLET and LABELS.
(print (funcall (lambda (a &optional (b (* a 2) b-p) &rest more) (list a b b-p more)) 5))
(print (funcall (lambda (a &optional (b (* a 2) b-p) &rest more) (list a b b-p more)) 5 6 7 8))
(print (flet ((f (x &optional (y x) &aux (z (+ x y))) (list x y z)))
         (list (f 1) (f 1 2))))
(print (labels ((sum-all (&rest numbers)
                  (if (null numbers) 0 (+ (car numbers) (apply #'sum-all (cdr numbers))))))
         (sum-all 1 2 3 4 5)))

;; Supplied-p distinguishes an explicit NIL from a missing argument.
(defun describe-arg (&optional (x nil x-supplied))
  (cond ((not x-supplied) "missing")
        ((null x) "explicit nil")
        (t (format nil "given ~s" x))))
(print (list (describe-arg) (describe-arg nil) (describe-arg 'v)))

;; A closure with optional parameters that captures its defaults' variables.
(defun make-greeter (greeting)
  (lambda (&optional (name "world") (punct "!"))
    (format nil "~a, ~a~a" greeting name punct)))
(let ((g (make-greeter "Hello")))
  (print (list (funcall g) (funcall g "Lisp") (funcall g "you" "?"))))

;; The &rest list of a function may be kept and returned.
(defun keep-rest (&rest r) r)
(let ((a (keep-rest 1 2 3)))
  (print (list a (keep-rest) (apply #'keep-rest a))))
(terpri)
