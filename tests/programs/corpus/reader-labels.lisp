;;; #n= and #n# read at run time: shared and circular structure.
(let ((x (read-from-string "(#1=(a b) #1# #1#)")))
  (print x)
  (print (list (eq (first x) (second x)) (eq (second x) (third x)))))

(let ((x (read-from-string "#1=(a b . #1#)")))
  ;; A circular list: the cddr is the list itself.
  (print (list (car x) (cadr x) (eq (cddr x) x) (caddr x) (nth 7 x))))

(let ((x (read-from-string "#1=(#1# . #1#)")))
  (print (list (eq (car x) x) (eq (cdr x) x))))

(let ((x (read-from-string "#5=#(1 #5# 3)")))
  (print (list (svref x 0) (eq (svref x 1) x) (svref x 2))))

(let ((x (read-from-string "(#1=#(p q) #2=(r #1#) #2#)")))
  (print (list (eq (first x) (second (second x)))
               (eq (second x) (third x)))))

(let ((x (read-from-string "((#1=x #2=\"s\") (#1# #2#))")))
  (print x)
  (print (list (eq (first (first x)) (first (second x)))
               (eq (second (first x)) (second (second x))))))

(let ((x (read-from-string "#1=(a #2=(b #1# #2#))")))
  (print (list (eq (caddr (cadr x)) (cadr x)) (eq (cadr (cadr x)) x))))

;;; Labels belong to one outermost READ: each read has its own.
(with-input-from-string (s "#1=(x) #1=(y)")
  (print (list (read s) (read s))))

;;; 200 labels in one list, and a long list with a label at its end.
(let* ((text (with-output-to-string (out)
               (write-string "(" out)
               (dotimes (i 200) (format out "#~D=(~D) " i i))
               (dotimes (i 200) (format out "#~D# " i))
               (write-string ")" out)))
       (x (read-from-string text)))
  (print (length x))
  (print (every #'eq (subseq x 0 200) (subseq x 200))))

(let* ((text (with-output-to-string (out)
               (write-string "#1=(" out)
               (dotimes (i 10000) (format out "~D " i))
               (write-string ". #1#)" out)))
       (x (read-from-string text)))
  (print (list (nth 9999 x) (nth 10000 x) (eq (nthcdr 10000 x) x))))
