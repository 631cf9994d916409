;;;; The JIT benchmark (`clysm bench jit`): run by clysm AOT on node, where
;;;; the compile service is present.
;;;;
;;;; 1. Promotion latency: *FUNCTIONS* different generated functions of
;;;;    *LINES* statements (one line each when printed) are defined with EVAL
;;;;    (Tier 1), called once, then promoted with COMPILE; the time from the
;;;;    call of COMPILE to its return covers the whole promotion: expansion
;;;;    in the runtime, the request, compiling in the service, validating and
;;;;    instantiating the module, and patching the function.  A small function
;;;;    is promoted first, so that any one-time start-up is reported apart.
;;;; 2. Tier 2 / Tier 1 speed-up on fib and tak, and AOT for comparison.
;;;;
;;;; Each result line is "KEY VALUE...", read by src/clysm/bench/jit.py, which
;;;; also compiles the printed first definition in-process, phase by phase.

(defvar *functions* 5)
(defvar *lines* 1000)
(defvar *fib-n* 25)
(defvar *seed* 1)
(defvar *print-definition* nil "True: print the first generated definition.")

(defun next-random (limit)
  (setf *seed* (mod (+ (* *seed* 75) 74) 65537))
  (mod *seed* limit))

(defun statement ()
  (let ((k (1+ (next-random 97))))
    (case (next-random 6)
      (0 `(setq a (mod (+ a (* b ,k)) 1000003)))
      (1 `(when (> a ,(* k 1000)) (setq b (- b ,k))))
      (2 `(if (evenp a) (setq c (+ c ,k)) (setq c (- c 1))))
      (3 `(dotimes (i ,(mod k 4)) (setq a (mod (+ a i c) 1000003))))
      (4 `(let ((tmp (+ a c ,k))) (setq c (mod tmp 9973))))
      (t `(cond ((< a b) (setq a (+ a ,k)))
                ((> b c) (setq b (- b 1)))
                (t (setq c (+ c 1))))))))

(defun generated-definition (name lines)
  `(defun ,name (x)
     (let ((a x) (b 1) (c 2))
       ,@(loop repeat lines collect (statement))
       (+ a b c))))

(defun now () (get-internal-real-time))

(defun milliseconds (start)
  (round (* 1000 (- (now) start)) internal-time-units-per-second))

(defun promote (name)
  "Promote NAME with COMPILE; print its latency and whether it worked."
  (let ((before (funcall name 5))
        (start (now)))
    (compile name)
    (let ((ms (milliseconds start))
          (after (funcall name 5)))
      (format t "~A ~D ~A~%"
              (if (and (eql (clysm:function-tier name) 2) (eql before after)) "ok" "failed")
              ms
              (or (clysm:function-tier-failure (symbol-function name)) "")))))

(defun measure-promotions ()
  (eval '(defun warm-up (x) (+ x 1)))
  (format t "first-promotion ")
  (promote 'warm-up)
  (dotimes (i *functions*)
    (let* ((name (intern (format nil "GENERATED-~D" i)))
           (definition (generated-definition name *lines*)))
      (when (and *print-definition* (zerop i))
        (let ((*print-pretty* nil))
          (format t "definition ~S~%" definition)))
      (eval definition)
      (format t "promotion ~A ~D " name *lines*)
      (promote name))))

(defun per-call-ms (function argument minimum-ms)
  "Milliseconds per call of FUNCTION, calling it for at least MINIMUM-MS."
  (let ((start (now)) (calls 0))
    (loop do (funcall function argument)
             (incf calls)
          until (>= (milliseconds start) minimum-ms))
    (/ (float (milliseconds start) 1d0) calls)))

(defun aot-fib (n) (if (< n 2) n (+ (aot-fib (- n 1)) (aot-fib (- n 2)))))
(defun aot-tak (x y z)
  (if (not (< y x)) z (aot-tak (aot-tak (1- x) y z) (aot-tak (1- y) z x) (aot-tak (1- z) x y))))
(defun run-aot-tak (n) (aot-tak (+ 18 (mod n 2)) 12 6))

(defun measure-speed-up ()
  (eval '(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
  (eval '(defun tak (x y z)
          (if (not (< y x)) z (tak (tak (1- x) y z) (tak (1- y) z x) (tak (1- z) x y)))))
  (eval '(defun run-tak (n) (tak (+ 18 (mod n 2)) 12 6)))
  (let ((fib-1 (per-call-ms 'fib *fib-n* 1000))
        (tak-1 (per-call-ms 'run-tak 0 1000)))
    (compile 'fib)
    (compile 'tak)
    (compile 'run-tak)
    (format t "speed-up fib ~D ~,3F ~,3F ~,3F~%" *fib-n* fib-1
            (per-call-ms 'fib *fib-n* 1000) (per-call-ms #'aot-fib *fib-n* 1000))
    (format t "speed-up tak 18-12-6 ~,3F ~,3F ~,3F~%" tak-1
            (per-call-ms 'run-tak 0 1000) (per-call-ms #'run-aot-tak 0 1000))
    (format t "tiers ~D ~D ~D~%"
            (clysm:function-tier 'fib) (clysm:function-tier 'tak) (clysm:function-tier 'run-tak))
    (format t "statistics ~S~%" (clysm:jit-statistics))))

(measure-promotions)
(measure-speed-up)
