;;; DEFSTRUCT: constructors with defaults, accessors and their places,
;;; predicates, copiers, TYPEP/TYPE-OF, EQUALP, #S printing.
(defstruct point x (y 0) (label "p"))

(let ((p (make-point :x 1)))
  (print p)
  (princ p) (terpri)
  (format t "~a ~s~%" p p)
  (print (list (point-x p) (point-y p) (point-label p)))
  (setf (point-x p) 10)
  (incf (point-y p) 5)
  (push 'a (point-label p))
  (print p)
  (print (list (point-p p) (point-p 3) (point-p nil) (type-of p)
               (typep p 'point) (typep p 'structure-object) (typep 3 'point)))
  (let ((q (copy-point p)))
    (print (list (eq p q) (equal p q) (equalp p q)))
    (setf (point-y q) 99)
    (print (list p q (equalp p q))))
  (print (funcall #'(setf point-y) 7 p))
  (print (mapcar #'point-y (list p (make-point :y 3))))
  (print (copy-structure p)))

;;; Structures inside lists and vectors, printed.
(print (list (make-point :x 'sym :label #\c) (vector (make-point :x '|odd name|)) "s"))
(print (make-point :x (make-point :x (list 1 2 "three")) :y (make-point)))

;;; EQUALP compares slots with EQUALP: strings and characters ignore case.
(print (equalp (make-point :x "ABC" :label #\a) (make-point :x "abc" :label #\A)))
(print (equalp (make-point :x 1) (make-point :x 2)))
(print (equalp (list (make-point)) (list (make-point))))

;;; Options: conc-name, predicate, copier, several constructors.
(defstruct (account (:conc-name acct-)
                    (:constructor open-account (owner &optional (balance 0)))
                    (:constructor make-account)
                    (:predicate is-account)
                    (:copier clone-account))
  "A bank account."
  owner
  (balance 0 :type fixnum)
  (history nil :type list))

(defun deposit (account amount)
  (push (list :deposit amount) (acct-history account))
  (incf (acct-balance account) amount))

(let ((a (open-account "ann")))
  (deposit a 100)
  (deposit a 25)
  (print a)
  (print (is-account a))
  (print (fboundp 'account-p))
  (print (clone-account a))
  (print (make-account :owner "bob" :balance 3)))

;;; Typed slots are checked when stored.
(print (handler-case (make-account :owner "x" :balance "lots")
         (type-error (e) (list 'type-error (type-error-datum e) (type-error-expected-type e)))))
(print (handler-case (setf (acct-balance (open-account "c")) 'none)
         (type-error (e) (list 'type-error (type-error-datum e) (type-error-expected-type e)))))

;;; Accessors check their argument.
(print (handler-case (point-x (open-account "d"))
         (type-error (e) (list 'type-error (type-error-expected-type e)))))
(print (handler-case (point-x 42)
         (type-error (e) (list 'type-error (type-error-datum e) (type-error-expected-type e)))))

;;; No conc-name; read-only slots.
(defstruct (rgb (:conc-name nil)) (red 0 :read-only t) (green 0) (blue 0))
(let ((c (make-rgb :red 255 :blue 10)))
  (setf (green c) 128)
  (print (list (red c) (green c) (blue c)))
  (print c))

;;; An empty structure and a structure with a slot named like a function.
(defstruct empty)
(print (make-empty))
(print (list (empty-p (make-empty)) (equalp (make-empty) (make-empty))))
(defstruct wrapper (list nil) (car 1))
(print (wrapper-list (make-wrapper :list '(1 2))))
(print (make-wrapper :car 2))

;;; Initforms are evaluated at each construction, in order.
(defvar *counter* 0)
(defstruct ticket (number (incf *counter*)) (issued-after (* 10 *counter*)))
(print (list (make-ticket) (make-ticket) (make-ticket :number 100) *counter*))

;;; Accessors as functions.
(print (mapcar #'point-x (list (make-point :x 1) (make-point :x 2))))
(print (reduce #'+ (mapcar #'acct-balance (list (open-account "a" 5) (open-account "b" 6)))))
(print (apply #'make-point '(:x 5 :label "five")))
(print (sort (list (make-point :x 3) (make-point :x 1) (make-point :x 2)) #'< :key #'point-x))
