;;; DESTRUCTURING-BIND with nested patterns, &optional, &rest, &key,
;;; &body and dotted lists.

(destructuring-bind (a b c) '(1 2 3) (print (list c b a)))
(destructuring-bind (a (b c) d) '(1 (2 3) 4) (print (list a b c d)))
(destructuring-bind (a . rest) '(1 2 3) (print (list a rest)))
(destructuring-bind (a b . c) '(1 2) (print (list a b c)))
(destructuring-bind ((a . b) (c . d)) '((1 . 2) (3 . 4)) (print (list a b c d)))

(destructuring-bind (a &optional (b 'default-b) (c nil c-p)) '(1)
  (print (list a b c c-p)))
(destructuring-bind (a &optional (b 'default-b) (c nil c-p)) '(1 2 3)
  (print (list a b c c-p)))

(destructuring-bind (name &key (age 0) (city "?" city-p)) '("Ann" :city "Oslo")
  (print (list name age city city-p)))

(destructuring-bind (op &rest args) '(+ 1 2 3)
  (print (list op args (apply op args))))

(destructuring-bind (head &body body) '(when (test) (a) (b))
  (print (list head body)))

;; Deep nesting and optional nested patterns.
(destructuring-bind (a (b (c (d))) &optional ((e f) '(5 6)))
    '(1 (2 (3 (4))))
  (print (list a b c d e f)))

;; Keys with other keys allowed.
(destructuring-bind (&key x y &allow-other-keys) '(:y 2 :z 3 :x 1)
  (print (list x y)))

;; Destructuring a list of records.
(defparameter *people* '(("Ada" 36 (:lang "English"))
                         ("Grace" 85 (:lang "English" :navy t))
                         ("Kurt" 71 (:lang "German"))))
(dolist (record *people*)
  (destructuring-bind (name age (&key lang navy)) record
    (format t "~a, ~d, speaks ~a~:[~;, navy~]~%" name age lang navy)))

;; Destructuring in a loop over an alist.
(let ((total 0))
  (dolist (entry '((apples . 3) (pears . 5) (plums . 7)))
    (destructuring-bind (fruit . count) entry
      (declare (ignore fruit))
      (incf total count)))
  (print total))

;; The value of DESTRUCTURING-BIND is the value of its body.
(print (multiple-value-list
        (destructuring-bind (a b) '(7 2) (floor a b))))

;; A wrong shape ends the program with an error after this output.
(destructuring-bind (a b) '(1 2 3) (print (list a b)))
