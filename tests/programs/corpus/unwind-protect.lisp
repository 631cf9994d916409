;;; UNWIND-PROTECT: the cleanup runs on every exit -- normal return, THROW,
;;; RETURN-FROM and GO -- and the protected form's values are kept.

(defvar *log* nil)
(defun note (x) (push x *log*))
(defun show-log (label)
  (format t "~a: ~s~%" label (reverse *log*))
  (setq *log* nil))

;; Normal exit, values preserved.
(print (multiple-value-list
        (unwind-protect (values 1 2 3)
          (note 'cleanup-normal))))
(show-log "normal")

;; THROW through two cleanups, innermost first.
(print (catch 'tag
         (unwind-protect
              (unwind-protect
                   (progn (note 'body) (throw 'tag 'thrown) (note 'not-reached))
                (note 'inner-cleanup))
           (note 'outer-cleanup))))
(show-log "throw")

;; RETURN-FROM out of a protected form.
(defun leave-early ()
  (block b
    (unwind-protect
         (progn (note 'in-body) (return-from b 'early))
      (note 'cleanup-return))
    'late))
(print (leave-early))
(show-log "return-from")

;; GO out of a protected form.
(print (let ((n 0))
         (tagbody
          again
            (unwind-protect
                 (when (< n 3) (incf n) (go again))
              (note (list 'cleanup n))))
         n))
(show-log "go")

;; RETURN-FROM from a closure, through a function, out of the protected form.
(defun run-with-cleanup (thunk)
  (unwind-protect (funcall thunk)
    (note 'run-with-cleanup-done)))
(defun closure-exit ()
  (block outer
    (run-with-cleanup (lambda () (return-from outer 'escaped)))
    'not-escaped))
(print (closure-exit))
(show-log "closure exit")

;; The cleanup forms run with the values of the protected form saved,
;; even when the cleanup itself calls functions returning several values.
(print (multiple-value-list
        (unwind-protect (values 'a 'b)
          (floor 17 5)
          (note (multiple-value-list (floor 17 5))))))
(show-log "values kept")

;; A cleanup can itself transfer control: the later exit wins.
(print (catch 'first
         (catch 'second
           (unwind-protect (throw 'first 1)
             (note 'redirect)
             (throw 'second 2)))))
(show-log "redirect")

;; Cleanups in a loop with throws, counting how many ran.
(defun risky (i)
  (when (= (mod i 3) 0) (throw 'skip i))
  i)
(let ((cleanups 0) (skipped nil) (done nil))
  (dotimes (i 10)
    (let ((r (catch 'skip
               (unwind-protect (progn (risky i) (push i done) nil)
                 (incf cleanups)))))
      (when r (push r skipped))))
  (format t "cleanups=~d skipped=~s done=~s~%" cleanups (reverse skipped) (reverse done)))

;; Nested protected forms in recursion, unwound by one throw from the bottom.
(defun nest (n)
  (if (= n 0)
      (throw 'unwind :bottom)
      (unwind-protect (nest (- n 1))
        (note n))))
(print (catch 'unwind (nest 6)))
(show-log "nested")
