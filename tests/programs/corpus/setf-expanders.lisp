;;; User-defined places: DEFSETF (short and long), DEFINE-SETF-EXPANDER,
;;; (DEFUN (SETF name) ...), and their use by SETF, INCF, PUSH, ROTATEF, ...

;; A (SETF name) function.
(defun middle (list) (nth (floor (length list) 2) list))
(defun (setf middle) (new list)
  (setf (nth (floor (length list) 2) list) new))

(let ((l (list 1 2 3 4 5)))
  (setf (middle l) 'mid)
  (print l)
  (print (funcall #'(setf middle) 'again l))
  (print l))

;; Short DEFSETF.
(defvar *registers* (vector 0 0 0 0))
(defun reg (i) (svref *registers* i))
(defun set-reg (i value) (setf (svref *registers* i) value))
(defsetf reg set-reg)
(setf (reg 0) 5)
(incf (reg 0) 10)
(incf (reg 1))
(print *registers*)

;; Long DEFSETF with several arguments.
(defun matrix-ref (m i j) (svref (svref m i) j))
(defsetf matrix-ref (m i j) (value)
  `(setf (svref (svref ,m ,i) ,j) ,value))
(let ((m (vector (vector 1 2) (vector 3 4))))
  (setf (matrix-ref m 0 1) 20)
  (incf (matrix-ref m 1 0) 30)
  (rotatef (matrix-ref m 0 0) (matrix-ref m 1 1))
  (print m))

;; DEFINE-SETF-EXPANDER: a place that is the last element of a list.
(defun lastcar (list) (car (last list)))
(define-setf-expander lastcar (list-form)
  (let ((list-var (gensym "LIST")) (store (gensym "STORE")))
    (values (list list-var)
            (list list-form)
            (list store)
            `(progn (setf (car (last ,list-var)) ,store) ,store)
            `(lastcar ,list-var))))
(let ((l (list 1 2 3)))
  (setf (lastcar l) 30)
  (incf (lastcar l) 3)
  (push 'x (lastcar l))
  (print l))

;; The argument subforms of a place are evaluated once, left to right.
(let ((v (vector 10 20 30)) (log nil))
  (flet ((idx (i) (push i log) i))
    (incf (svref v (idx 1)) 5)
    (setf (svref v (idx 2)) (progn (push 'value log) 99)))
  (print v)
  (print (reverse log)))

;; A place with DEFSETF used by PUSH and POP.
(defvar *slots* (list :items nil))
(defun items () (getf *slots* :items))
(defun set-items (new) (setf (getf *slots* :items) new))
(defsetf items set-items)
(push 'a (items))
(push 'b (items))
(print (pop (items)))
(print *slots*)

;; A (SETF name) function with extra arguments, called through SETF.
(defun cell-at (grid row col) (nth col (nth row grid)))
(defun (setf cell-at) (value grid row col)
  (setf (nth col (nth row grid)) value))
(let ((grid (list (list 0 0) (list 0 0))))
  (setf (cell-at grid 1 0) 'x)
  (incf (cell-at grid 0 1) 4)
  (print grid))

;; GET-SETF-EXPANSION of a variable.
(multiple-value-bind (temps vals stores store-form access) (get-setf-expansion 'var)
  (print (list temps vals (length stores) (car store-form) access)))
(terpri)
