;;; CATCH and THROW: dynamic exits across many frames, nested catchers,
;;; computed tags, multiple values.

(defun search-tree (tree target)
  (catch 'found
    (labels ((walk (node depth)
               (cond ((null node) nil)
                     ((atom node)
                      (when (eql node target) (throw 'found (list :depth depth))))
                     (t (walk (car node) (+ depth 1))
                        (walk (cdr node) depth)))))
      (walk tree 0)
      :absent)))

(print (search-tree '(1 (2 (3 (4 5))) 6) 5))
(print (search-tree '(1 (2 (3 (4 5))) 6) 9))

;; A throw 5,000 frames deep (deeper recursion: see the depth-limit report).
(defun descend (n)
  (if (= n 0)
      (throw 'bottom 'reached-the-bottom)
      (list (descend (- n 1)))))
(print (catch 'bottom (descend 5000)))

;; The innermost catcher with the tag wins; others are skipped over.
(print (catch 'a
         (catch 'b
           (catch 'a
             (throw 'a 'inner-a))
           (throw 'b 'then-b))))

(print (catch 'outer
         (catch 'inner
           (throw 'outer 'skipped-inner))
         'not-here))

;; Tags are compared with EQ and may be any object.
(let ((tag (list 'fresh)))
  (print (catch tag (throw tag 'by-cons))))

(defun thrower (tag value) (throw tag value))
(print (catch 'x (catch 'y (thrower 'x 1)) 2))

;; Multiple values survive a throw.
(print (multiple-value-list (catch 'mv (throw 'mv (values 1 2 3)))))
(print (multiple-value-list (catch 'mv (values :normal :exit))))

;; A catch body that ends normally returns its last value.
(print (catch 'unused 1 2 3))

;; Throws carry through function values stored in data structures.
(defparameter *handlers*
  (list (cons :stop (lambda (x) (throw 'dispatch (list :stopped x))))
        (cons :double (lambda (x) (* 2 x)))))

(defun dispatch (ops value)
  (catch 'dispatch
    (dolist (op ops value)
      (setq value (funcall (cdr (assoc op *handlers*)) value)))))

(print (dispatch '(:double :double) 5))
(print (dispatch '(:double :stop :double) 5))

;; Catch established in a loop: each iteration has its own catcher.
(print (let ((acc nil))
         (dotimes (i 5 (nreverse acc))
           (push (catch 'step
                   (when (oddp i) (throw 'step (- i)))
                   i)
                 acc))))

;; A generator-like early exit from a recursive enumeration.
(defun nth-permutation (list n)
  (let ((count 0))
    (catch 'done
      (labels ((perm (prefix rest)
                 (if (null rest)
                     (progn
                       (when (= count n) (throw 'done (reverse prefix)))
                       (incf count))
                     (dolist (x rest)
                       (perm (cons x prefix) (remove x rest))))))
        (perm nil list)
        nil))))
(print (nth-permutation '(a b c d) 0))
(print (nth-permutation '(a b c d) 7))
(print (nth-permutation '(a b c d) 23))
(print (nth-permutation '(a b c d) 24))
(terpri)
