;;;; *PRINT-CIRCLE*: #n= and #n# for shared and circular conses, vectors,
;;;; strings, uninterned symbols and structures, in PRINT, FORMAT ~S ~A ~W,
;;;; with and without pretty printing; the reader reads them back.

(defstruct node val next)

(defun circular (n)
  (let ((l (loop for i below n collect i)))
    (setf (cdr (last l)) l)
    l))

(setq *print-circle* t)
(let ((s "ab")) (print (list s s)))
(let ((g (make-symbol "G"))) (print (list g g)))
(let ((x (list 1 2))) (print (list x x)))
(let ((x (list 1 2))) (let ((*print-length* 1)) (print (list x x))))
(print (circular 3))
(print (circular 30))
(let ((tail (list 2 3))) (print (list (cons 1 tail) tail)))
(let ((v (vector 1 2))) (setf (aref v 1) v) (print v))
(let ((v (vector 1 2))) (print (list v v)))
(let ((n (make-node :val 1))) (setf (node-next n) n) (print n))
(let ((n (make-node :val 1))) (print (list n n)))
(let ((x (list 'a))) (format t "~%~S ~A ~W" (list x x) (list x x) (list x x)))
(let ((x (list 'a))) (print (list x (list x (list x)))))
(let ((x (list 1 2))) (print (list 'quote x)) (print (list x (list 'quote x))))
(let ((x (list 1 2))) (print (list x x x x x x x x x x x x x x x x x x x x x x x x x)))
(let ((x (list 1 2))) (setf (car x) x) (print x))
(print (let ((x (list 1))) (list x (cons 2 x))))
(let ((x (list 1 2)) (*print-right-margin* 20))
  (print (list x (list 'aaaa 'bbbb x 'cccc 'dddd) x)))

;; Without pretty printing
(let ((*print-pretty* nil))
  (let ((x (list 1 2))) (print (list x x)))
  (print (circular 5))
  (let ((tail (list 2 3))) (print (list (cons 1 tail) tail)))
  (let ((n (make-node :val 1))) (setf (node-next n) (list n)) (print n)))

;; Printed objects read back with their sharing
(let* ((x (list 1 2))
       (text (prin1-to-string (list x x (circular 2))))
       (back (read-from-string text)))
  (print text)
  (print (eq (first back) (second back)))
  (print (eq (third back) (cddr (third back))))
  (print back))
(print (read-from-string "(#1=(a b) #1# #2=#(x #2#))"))

;; Sharing is not shown without *PRINT-CIRCLE*
(setq *print-circle* nil)
(let ((x (list 1 2))) (print (list x x)))
(let ((*print-length* 8)) (print (circular 3)))
(terpri)
