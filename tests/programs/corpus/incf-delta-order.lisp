;;; INCF/DECF evaluate the delta before reading the place, as SBCL does.
(defvar *x* 0)
(defun f () (setq *x* 10) 1)
(print (decf *x* (f)))
(print (let ((x 0)) (incf x (progn (setq x 10) 1)) x))
(print (let ((v (vector 1 2 3)) (i 0)) (incf (aref v (incf i)) (progn (incf i) 10)) (list v i)))
(print (let ((x 5)) (incf x) (decf x 3) x))
