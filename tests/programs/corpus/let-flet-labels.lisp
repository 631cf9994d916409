;;; LET, LET*, FLET and LABELS: scoping, shadowing, mutual recursion.

(let ((x 1) (y 2))
  (let ((x y) (y x))                    ; parallel: swaps
    (print (list x y)))
  (let* ((x y) (y x))                   ; sequential: both 2
    (print (list x y))))

(let ((a 10))
  (let ((a (+ a 1)) (b a))
    (print (list a b))))

(print (let () 'empty-let))
(print (let (x (y) (z 3)) (list x y z)))

;; FLET functions do not see themselves; LABELS functions do.
(defun helper (x) (list :global x))
(print (flet ((helper (x) (list :local (helper x))))
         (helper 1)))
(print (labels ((fact (n) (if (< n 2) 1 (* n (fact (- n 1))))))
         (fact 10)))

;; Mutual recursion in LABELS.
(defun parity (n)
  (labels ((ev (n) (if (= n 0) :even (od (- n 1))))
           (od (n) (if (= n 0) :odd (ev (- n 1)))))
    (ev n)))
(print (mapcar #'parity '(0 1 10 17)))

;; Local functions close over variables and can be returned.
(defun make-stack ()
  (let ((items nil))
    (flet ((push-item (x) (push x items) x)
           (pop-item () (pop items))
           (size () (length items)))
      (list #'push-item #'pop-item #'size))))

(destructuring-bind (push-item pop-item size) (make-stack)
  (funcall push-item 'a)
  (funcall push-item 'b)
  (funcall push-item 'c)
  (print (list (funcall size) (funcall pop-item) (funcall pop-item) (funcall size))))

;; A local function shadows a global one, also for #'.
(defun twice (x) (* 2 x))
(print (flet ((twice (x) (list x x)))
         (list (twice 3) (funcall #'twice 4) (mapcar #'twice '(5)))))
(print (twice 3))

;; LABELS: a tree walker with an accumulator in the enclosing scope.
(defun leaves (tree)
  (let ((acc nil))
    (labels ((walk (x)
               (cond ((null x))
                     ((atom x) (push x acc))
                     (t (walk (car x)) (walk (cdr x))))))
      (walk tree))
    (nreverse acc)))
(print (leaves '((a b) (c (d e)) f)))

;; Nested LABELS referring to outer local functions.
(print (labels ((square (x) (* x x)))
         (labels ((sum-squares (list)
                    (if (null list) 0 (+ (square (car list)) (sum-squares (cdr list))))))
           (sum-squares '(1 2 3 4)))))

;; LET* with initforms calling local functions.
(print (flet ((inc (x) (+ x 1)))
         (let* ((a (inc 0)) (b (inc a)) (c (inc b)))
           (list a b c))))

;; A special variable bound by LET is seen by called functions.
(defvar *depth* 0)
(defun current-depth () *depth*)
(print (list (current-depth)
             (let ((*depth* 1)) (list (current-depth) (let ((*depth* 2)) (current-depth))))
             (current-depth)))
(terpri)
