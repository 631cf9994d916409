;;; TAGBODY and GO: loops, state machines, GO out of closures and through
;;; function calls.

(defun sum-to (n)
  (let ((i 0) (sum 0))
    (tagbody
     top
       (when (> i n) (go end))
       (setq sum (+ sum i))
       (setq i (+ i 1))
       (go top)
     end)
    sum))

(print (sum-to 100))

;; A state machine that counts runs of equal elements.
(defun runs (list)
  (let ((result nil) (current nil) (count 0))
    (tagbody
     start
       (when (null list) (go finish))
       (setq current (car list) count 0)
     same
       (when (and list (eql (car list) current))
         (setq count (+ count 1) list (cdr list))
         (go same))
       (push (list current count) result)
       (go start)
     finish)
    (nreverse result)))

(print (runs '(a a b c c c a d d)))

;; Integer tags and a TAGBODY returns NIL.
(print (let ((x 0))
         (tagbody
          10 (setq x (+ x 1))
          20 (when (< x 5) (go 10))
          30)
         x))
(print (tagbody (go skip) (print 'not-printed) skip))

;; GO from a closure, through a function that calls it.
(defun apply-until-negative (function list)
  (let ((seen nil))
    (tagbody
       (dolist (x list)
         (funcall function x (lambda () (go stop)))
         (push x seen))
     stop)
    (nreverse seen)))

(print (apply-until-negative
        (lambda (x escape) (when (< x 0) (funcall escape)))
        '(1 2 3 -4 5 6)))

;; GO out of a nested function, several frames deep.
(defun deep-call (n thunk)
  (if (= n 0) (funcall thunk) (+ 1 (deep-call (- n 1) thunk))))

(defun escape-from-depth ()
  (let ((log nil))
    (tagbody
       (push 'before log)
       (deep-call 50 (lambda () (go out)))
       (push 'not-reached log)
     out
       (push 'after log))
    (nreverse log)))
(print (escape-from-depth))

;; A tagbody re-entered many times via GO from inside closures in a loop.
(defun retry-count ()
  (let ((attempts 0) (results nil))
    (tagbody
     retry
       (setq attempts (+ attempts 1))
       (mapc (lambda (x)
               (when (and (= x 3) (< attempts 4))
                 (push attempts results)
                 (go retry)))
             '(1 2 3 4)))
    (list attempts (nreverse results))))
(print (retry-count))

;; Nested tagbodies with the same tag name.
(print (let ((trace nil))
         (tagbody
            (tagbody
               (go a)
             a
               (push 'inner-a trace))
            (go a)
            (push 'skipped trace)
          a
            (push 'outer-a trace))
         (nreverse trace)))
(terpri)

;; GOs forward and back whose loops and blocks cross (the dispatch loop) or
;; nest (structured), out of special bindings and UNWIND-PROTECT.
(defvar *depth* 0)
(defvar *cleanups* nil)
(defun crossing (n)
  (let ((i 0) (out nil))
    (tagbody
     a (push (list 'a i) out)
       (when (> i 3) (go d))
     b (incf i)
       (when (evenp i) (go a))
     c (push 'c out)
       (if (< i n) (go b) (go a))
     d (push 'd out))
    (nreverse out)))
(defun rebinding (n)
  (let ((seen nil))
    (tagbody
     top
       (let ((*depth* (1+ *depth*)))
         (push *depth* seen)
         (when (< (length seen) n) (go top)))
       (push *depth* seen))
    seen))
(defun protected (n)
  (let ((i 0))
    (tagbody
     top
       (unwind-protect (progn (incf i) (when (< i n) (go top)))
         (push i *cleanups*)))
    (list i (reverse *cleanups*))))
(defun numbered (x)
  (let ((r nil))
    (tagbody
       (go 2)
     1 (push 1 r) (go 3)
     2 (push 2 r) (if (> x 0) (progn (decf x) (go 2)) (go 1))
     3 (push 3 r))
    r))
(print (list (crossing 6) (rebinding 4) *depth* (protected 3) (numbered 2)
             (tagbody (go end) end)
             (prog ((k 0)) again (incf k) (if (< k 5) (go again) (return k)))))
