;;; RETURN-FROM through a closure after its block has been exited is a
;;; control error: the program ends with an error exit after its output.

(defun make-escape ()
  (block b
    (lambda (x) (return-from b x))))

(defun make-go ()
  (tagbody
     (return-from make-go (lambda () (go there)))
   there))

(print (functionp (make-escape)))
(print (functionp (make-go)))
(format t "~&calling the stale escape~%")
(print (funcall (make-escape) 'too-late))
(print 'not-reached)
