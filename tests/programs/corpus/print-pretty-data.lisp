;;;; The pretty printer on data: PRINT and FORMAT break long lists, vectors
;;;; and structures at *PRINT-RIGHT-MARGIN* as SBCL does (*PRINT-PRETTY* is
;;;; true by default).

(defstruct point xxxxxxxx yyyyyyyyyy zzzzzzzzzzz)
(defstruct (box (:print-function (lambda (b s d)
                                   (declare (ignore d))
                                   (print-unreadable-object (b s :type t)
                                     (format s "~A ~A" (box-w b) (box-h b))))))
  w h)

(defun numbers (n &optional (scale 1))
  (loop for i below n collect (* i scale)))

;; Long lists, nested lists, vectors, strings
(print (numbers 40))
(print (numbers 40 1000))
(print (list "a long string of text here" "another long string of text here"
             "and a third long string"))
(print (loop repeat 5 collect (numbers 10)))
(print (list 'alpha (numbers 30) 'beta (list 'gamma (numbers 25 7)) "delta"))
(print (coerce (numbers 30 1000) 'vector))
(print (list 1 2 (vector 1 2 3) "x" #\a 1.5 2/3))
(print (vector (numbers 20 100) (vector "abc" "def") (numbers 20 100)))
(print (list "abc
def" 1 2 (list 3 "ghi
jkl" 4)))
(print '(a b . c))
(print (append (numbers 30 100) 'tail))

;; Quote forms
(print ''x)
(print '(a 'b #'c (quote d e) (function) (quote)))
(print (list 'quote (numbers 30 100)))

;; Column aware: the block starts where the list starts
(format t "~%abc ~A~%" (numbers 30 1000))
(format t "~A ~S ~A~%" "prefix" (numbers 25 1000) "suffix")
(format t "~{~A~^, ~}~%" (list (numbers 20) (numbers 20)))
(format t "~10A|~%" (numbers 30 1000))
(write-string (princ-to-string (numbers 40 1000)))
(terpri)
(write (numbers 40 1000) :right-margin 40)
(terpri)
(write (numbers 40 1000) :pretty nil)
(terpri)

;; *PRINT-RIGHT-MARGIN*
(dolist (margin '(20 40 60))
  (let ((*print-right-margin* margin))
    (format t "~&margin ~D:" margin)
    (print (numbers 25 13))
    (print (list (list 'aaaa 'bbbb) (list 'cccc (list 'dddd 'eeee 'ffff)) 'gggg 'hhhh))
    (print (make-point :xxxxxxxx 1 :yyyyyyyyyy (numbers 12) :zzzzzzzzzzz "hello"))
    (print (list 1 2 (make-box :w (list 'aaa 'bbb 'ccc 'ddd 'eee 'fff 'ggg 'hhh) :h 3)))
    (print (vector 'aaaaaaaaaa 'bbbbbbbbbbbb 'ccccccccccccc 'dddddddddddd))))

;; Structures and unreadable objects
(print (make-point :xxxxxxxx 1 :yyyyyyyyyy 2 :zzzzzzzzzzz 3))
(print (make-point :xxxxxxxx (numbers 20 1000) :yyyyyyyyyy 2 :zzzzzzzzzzz 3))
(print (make-box :w 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa :h 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb))
(print (list (make-box :w 1 :h 2) (make-box :w 3 :h 4)))

;; *PRINT-LENGTH* and *PRINT-LEVEL* under pretty printing
(let ((*print-length* 3))
  (print (numbers 10))
  (print (list '(a b c d) (vector 1 2 3 4) (make-point)))
  (print '('(a b c d) (b c d e) #'c (quote d e))))
(let ((*print-level* 2))
  (print '(1 (2 (3 (4))) 'x (quote (y (z))) #(1 #(2 #(3)))))
  (print (make-point :xxxxxxxx '(1 (2 (3))))))
(let ((*print-level* 0)) (print ''a) (print '(a)))
(let ((*print-length* 0)) (print #(1 2)) (print '(1 2)))

;; PPRINT and *PRINT-PRETTY* NIL
(pprint (numbers 30 100))
(pprint '(a b c))
(let ((*print-pretty* nil))
  (print (numbers 40 1000))
  (print ''x)
  (print (make-point :xxxxxxxx (numbers 30 100))))
(terpri)
(print (write-to-string (numbers 30 1000) :right-margin 30))
(print (prin1-to-string (list "abc" (numbers 30 1000))))
(terpri)
