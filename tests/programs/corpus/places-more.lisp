;;; More places: GETF with PUSH and POP, POP of a CDR, subforms evaluated once,
;;; DEFSETF with &optional, symbol macros as places for ROTATEF, SHIFTF, PSETF
;;; and MULTIPLE-VALUE-SETQ, SUBSEQ and ELT as places, c[ad]r places.

(let ((plist nil)) (push 'a (getf plist :k)) (push 'b (getf plist :k)) (print plist) (print (pop (getf plist :k))) (print plist))
(let ((x (list 1 2 3))) (print (pop (cdr x))) (print x))
(let ((v (vector 0 0 0)) (i -1)) (incf (aref v (incf i)) 5) (incf (aref v (incf i)) 7) (print (list v i)))
(defun opt-get (l &optional (n 0)) (nth n l))
(defsetf opt-get (l &optional (n 0)) (new) `(setf (nth ,n ,l) ,new))
(let ((l (list 1 2 3))) (setf (opt-get l) 'a) (setf (opt-get l 2) 'c) (print l))
(let ((s (list 1 2 3))) (symbol-macrolet ((x (car s)) (y (cadr s))) (rotatef x y) (shiftf x y 'z) (psetf x 'px y 'py) (print s)))
(let ((a 1) (b 2)) (symbol-macrolet ((sa a)) (multiple-value-setq (sa b) (values 10 20)) (print (list a b))))
(defvar *cell* (list 0))
(define-symbol-macro cell-value (car *cell*))
(incf cell-value 5) (print *cell*)
(let ((l (list 1 2 3 4))) (setf (subseq l 1 3) '(x y)) (print l))
(let ((s (copy-seq "hello"))) (setf (subseq s 0 2) "HE") (print s))
(let ((v (vector 1 2 3))) (setf (elt v 0) 'e) (print v))
(let ((x (cons 1 2))) (setf (car x) 'a (cdr x) 'b) (print x))
(let ((l (list (list 1 2) (list 3 4)))) (setf (caar l) 'x (cadadr l) 'y) (print l))
(let ((a 'a) (b 'b)) (print (multiple-value-list (shiftf a b 'c))) (print (list a b)))
(let ((l (list 1 2 3))) (setf (first l) 10 (second l) 20 (third l) 30) (print l))
(terpri)
