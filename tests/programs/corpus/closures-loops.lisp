;;; Closures made inside DOLIST, DOTIMES, DO, LOOP and recursion: which
;;; bindings they share.

(defun collect-closures (make)
  (let ((fns nil))
    (funcall make (lambda (f) (push f fns)))
    (mapcar #'funcall (nreverse fns))))

(print (collect-closures (lambda (add) (dolist (x '(a b c)) (funcall add (lambda () x))))))
(print (collect-closures (lambda (add) (dolist (x '(a b c)) (let ((y x)) (funcall add (lambda () y)))))))
(print (collect-closures (lambda (add) (dotimes (i 3) (let ((j i)) (funcall add (lambda () j)))))))
(print (collect-closures (lambda (add) (do ((i 0 (1+ i))) ((= i 3)) (let ((k (* i i))) (funcall add (lambda () k)))))))
(print (collect-closures (lambda (add) (loop for i from 1 to 3 do (let ((i i)) (funcall add (lambda () (* 10 i))))))))

;; Closures that modify their shared binding.
(defun make-cells (n)
  (let ((cells nil))
    (dotimes (i n)
      (let ((value i))
        (push (cons (lambda () value) (lambda (v) (setq value v))) cells)))
    (nreverse cells)))
(let ((cells (make-cells 3)))
  (funcall (cdr (second cells)) 'changed)
  (print (mapcar (lambda (c) (funcall (car c))) cells)))

;; Closures over a variable of an enclosing function, from nested levels.
(defun make-nested ()
  (let ((a 0))
    (lambda ()
      (let ((b 0))
        (lambda ()
          (incf a)
          (incf b 10)
          (list a b))))))
(let* ((outer (make-nested)) (inner1 (funcall outer)) (inner2 (funcall outer)))
  (print (list (funcall inner1) (funcall inner1) (funcall inner2) (funcall inner1))))

;; A captured variable assigned after the closure was made.
(print (let ((x 1))
         (let ((get (lambda () x)))
           (setq x 2)
           (funcall get))))

;; A closure capturing a function parameter and a LABELS function.
(defun make-power-fn (n)
  (labels ((pow (b e) (if (= e 0) 1 (* b (pow b (- e 1))))))
    (lambda (b) (pow b n))))
(print (mapcar (make-power-fn 3) '(1 2 3 4)))

;; Closures kept in a vector, each over its own binding, then called in
;; reverse order.
(let ((v (make-array 5)))
  (dotimes (i 5)
    (let ((n i))
      (setf (svref v i) (lambda (x) (+ x (* n 100))))))
  (print (loop for i from 4 downto 0 collect (funcall (svref v i) i))))

;; Recursive closure generation: a chain of adders.
(defun adder-chain (n)
  (if (= n 0)
      #'identity
      (let ((rest (adder-chain (- n 1))))
        (lambda (x) (funcall rest (+ x n))))))
(print (funcall (adder-chain 100) 0))

;; Closures capturing &optional, &key and &rest parameters.
(defun capture-params (a &optional (b 2) &rest more &key (c 3) &allow-other-keys)
  (lambda () (list a b c more)))
(print (funcall (capture-params 1)))
(print (funcall (capture-params 1 20 :c 30 :d 40)))
(terpri)
