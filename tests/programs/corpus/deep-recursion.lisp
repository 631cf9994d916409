;;; Non-tail recursion 1,000,000 deep exhausts the stack: the program must
;;; end with an error exit (SBCL: control stack exhausted), not an engine
;;; crash, and the output before it must be kept.

(defun depth (n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))

(print (depth 1000))
(format t "~%going deep~%")
(print (depth 1000000))
(print 'not-reached)
