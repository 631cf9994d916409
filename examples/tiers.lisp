;;; tiers.lisp -- tiered execution: code given to EVAL starts in the Tier 1
;;; interpreter; a function called often enough is compiled to Wasm by the
;;; same compiler (Tier 2) and patched in while the program runs.

(setf clysm:*jit-threshold* 50)   ; promote after 50 calls (NIL: never)
(setf clysm:*jit-log* t)          ; report promotions on error output

;; Definitions made at run time, as a REPL or LOAD would make them.
(eval '(defun collatz-length (n)
         (let ((steps 0))
           (loop until (= n 1)
                 do (setf n (if (evenp n) (/ n 2) (1+ (* 3 n))))
                    (incf steps))
           steps)))

(eval '(defun longest-collatz (limit)
         (let ((best 1) (best-length 0))
           (loop for n from 1 below limit
                 for length = (collatz-length n)
                 when (> length best-length)
                   do (setf best n best-length length))
           (values best best-length))))

(format t "collatz-length starts in tier ~D~%" (clysm:function-tier 'collatz-length))
(multiple-value-bind (n length) (funcall 'longest-collatz 30000)
  (format t "below 30000, ~D has the longest Collatz chain: ~D steps~%" n length))
(format t "collatz-length is now in tier ~D~%" (clysm:function-tier 'collatz-length))
(format t "JIT statistics: ~S~%" (clysm:jit-statistics))
