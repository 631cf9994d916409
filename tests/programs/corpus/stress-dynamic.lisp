;;; Many dynamic constructs in loops: catch frames, special bindings,
;;; unwind-protect cleanups and non-local exits entered and left hundreds of
;;; thousands of times must not accumulate.  (Fewer of the loops that throw:
;;; a Wasm exception costs about 10 microseconds in wasmtime.)

(defvar *v* 0)
(defvar *cleanups* 0)

(defun bind-once (i) (let ((*v* i)) *v*))
(print (let ((sum 0)) (dotimes (i 1000000 sum) (setq sum (logxor sum (bind-once i))))))
(print *v*)

(defun catch-once (i) (catch 'tag (if (evenp i) (throw 'tag 1) 2)))
(print (let ((sum 0)) (dotimes (i 100000 sum) (incf sum (catch-once i)))))

(defun protect-once (i)
  (block b
    (unwind-protect (when (oddp i) (return-from b 'exited))
      (incf *cleanups*))))
(print (let ((exits 0)) (dotimes (i 60000 exits) (when (protect-once i) (incf exits)))))
(print *cleanups*)

(defun go-once (i)
  (let ((n 0))
    (tagbody
       (funcall (lambda () (when (> i -1) (go out))))
       (setq n 99)
     out
       (setq n (+ n 1)))
    n))
(print (let ((sum 0)) (dotimes (i 30000 sum) (incf sum (go-once i)))))

;; Unwinding through thousands of nested frames with cleanups at once.
(defun nest (n)
  (if (= n 0)
      (throw 'deep :bottom)
      (let ((*v* n))
        (unwind-protect (nest (- n 1))
          (incf *cleanups*)))))
(setq *cleanups* 0)
(print (catch 'deep (nest 3000)))
(print (list *cleanups* *v*))

;; PROGV with many symbols many times.
(defvar *a* 'a) (defvar *b* 'b) (defvar *c* 'c)
(print (let ((r nil))
         (dotimes (i 100000 r)
           (setq r (progv '(*a* *b* *c*) (list i (* 2 i) (* 3 i)) (+ *a* *b* *c*))))))
(print (list *a* *b* *c*))
(terpri)
