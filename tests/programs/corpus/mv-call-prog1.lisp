;;; MULTIPLE-VALUE-CALL and MULTIPLE-VALUE-PROG1.

(print (multiple-value-call #'list (values 1 2) (values) (values 3) 4))
(print (multiple-value-call #'+ (floor 17 5) (truncate 10 3)))
(print (multiple-value-call #'list))
(print (multiple-value-call (lambda (&optional a b c) (list a b c)) (values 'x 'y)))
(print (multiple-value-call (lambda (&rest all) (length all))
         (values 1 2 3) (values 4 5 6) (values 7 8 9)))

;; Each argument form is evaluated in order.
(let ((order nil))
  (print (multiple-value-call #'list
           (progn (push 1 order) (values 'a 'b))
           (progn (push 2 order) 'c)
           (progn (push 3 order) (values))))
  (print (reverse order)))

;; MULTIPLE-VALUE-PROG1 keeps the first form's values.
(let ((x 0))
  (print (multiple-value-list
          (multiple-value-prog1 (values 1 2 3)
            (setq x 10)
            (values 4 5))))
  (print x))
(print (multiple-value-list (multiple-value-prog1 (values))))
(print (multiple-value-prog1 'single (values 'other 'values)))

;; The saved values survive function calls that return other values.
(defun noisy () (values 'noise 'noise 'noise))
(print (multiple-value-list
        (multiple-value-prog1 (values 'kept 'too)
          (noisy)
          (multiple-value-call #'list (noisy)))))

;; MULTIPLE-VALUE-CALL with a function computed at run time.
(defun pick (op) (if (eq op :sum) #'+ #'list))
(print (multiple-value-call (pick :sum) (values 1 2) (values 3 4)))
(print (multiple-value-call (pick :list) (values 1 2) (values 3 4)))

;; Forwarding all values through a wrapper.
(defun wrap (function &rest args)
  (multiple-value-prog1 (apply function args)
    (format t "~&called with ~s~%" args)))
(print (multiple-value-list (wrap #'floor 23 4)))
(print (multiple-value-list (wrap #'values)))
(terpri)
