;;; Many arguments and many values: APPLY with thousands of arguments,
;;; VALUES-LIST, hundreds of values.

(defun iota (n &optional (start 0))
  (let ((result nil))
    (dotimes (i n (nreverse result))
      (push (+ start i) result))))

(defparameter *big* (iota 5000))

(print (apply #'+ *big*))
(print (apply #'max *big*))
(print (apply #'min 3 1 *big*))
(print (length (apply #'list *big*)))
(print (length (apply #'list 'a 'b *big*)))
(print (apply #'+ 1 2 3 '(4 5)))

(defun count-args (&rest args) (length args))
(print (apply #'count-args *big*))
(print (apply #'count-args 1 2 *big*))
(print (funcall (lambda (&rest args) (reduce-sum args)) 1 2 3))
(defun reduce-sum (list) (let ((s 0)) (dolist (x list s) (incf s x))))

;; A function with required and optional parameters plus a rest list.
(defun head-and-rest (a b &optional (c :no-c) &rest more)
  (list a b c (length more) (car (last more))))
(print (apply #'head-and-rest *big*))
(print (apply #'head-and-rest '(1 2)))

;; &KEY with an applied argument list.
(defun keys (&key (x 0) (y 0)) (list x y))
(print (apply #'keys '(:y 2 :x 1)))

;; VALUES-LIST and MULTIPLE-VALUE-LIST of hundreds of values.
(defparameter *values* (iota 300 1))
(print (length (multiple-value-list (values-list *values*))))
(print (multiple-value-call #'+ (values-list *values*)))
(print (equal *values* (multiple-value-list (values-list *values*))))
(print (multiple-value-list (values-list nil)))

(defun hundred-values () (values-list (iota 100)))
(multiple-value-bind (a b c) (hundred-values)
  (print (list a b c)))
(print (nth-value 99 (hundred-values)))
(print (length (multiple-value-list (apply #'values (iota 200)))))

;; Many values passed through MULTIPLE-VALUE-PROG1 and a CATCH.
(print (length (multiple-value-list
                (multiple-value-prog1 (values-list (iota 250))
                  (values 1 2)))))
(print (length (multiple-value-list (catch 'many (throw 'many (values-list (iota 120)))))))

;; MAPCAR over long lists and APPLY of the result.
(print (apply #'+ (mapcar #'* *big* *big*)))
(print (apply #'+ (mapcar (lambda (x y z) (- (+ x y) z)) *big* *big* *big*)))
(terpri)

;; Hundreds of thousands of arguments through APPLY.
(print (length (apply #'list (iota 100000))))
(print (apply #'max (iota 100000)))
(print (apply #'count-args (iota 200000)))
(print (length (multiple-value-list (values-list (iota 1000)))))
