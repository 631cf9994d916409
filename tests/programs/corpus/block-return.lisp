;;; BLOCK and RETURN-FROM: lexical exits, nested blocks, exits from closures
;;; and across function boundaries, values through the exit.

(defun find-first-even (list)
  (block search
    (dolist (x list)
      (when (evenp x) (return-from search x)))
    :none))

(print (find-first-even '(1 3 5 6 7)))
(print (find-first-even '(1 3 5)))

;; Nested blocks with the same name: the innermost one is the target.
(print (block a
         (+ 1 (block a (return-from a 10) 20))))

;; An outer block reached from an inner one.
(print (block outer
         (block inner
           (return-from outer 'from-inner))
         'not-reached))

;; RETURN-FROM out of a closure called deeper down.
(defun call-each (function list)
  (dolist (x list) (funcall function x))
  :finished)

(defun first-over (limit list)
  (block found
    (call-each (lambda (x) (when (> x limit) (return-from found x))) list)
    nil))

(print (first-over 10 '(1 5 12 30)))
(print (first-over 100 '(1 5 12 30)))

;; The closure escapes through several frames of recursion.
(defun walk-tree (tree visit)
  (cond ((null tree))
        ((atom tree) (funcall visit tree))
        (t (walk-tree (car tree) visit) (walk-tree (cdr tree) visit))))

(defun find-symbol-in-tree (tree)
  (block walk
    (walk-tree tree (lambda (leaf) (when (symbolp leaf) (return-from walk leaf))))
    'no-symbol))

(print (find-symbol-in-tree '(1 (2 (3 4) (5 (6 hello 7))) 8)))
(print (find-symbol-in-tree '(1 (2 3))))

;; Multiple values pass through RETURN-FROM.
(print (multiple-value-list (block mv (return-from mv (values 1 2 3)) 4)))
(print (multiple-value-list (block mv (values 'a 'b))))

;; The implicit block of DEFUN, and RETURN with the NIL block.
(defun classify (n)
  (when (< n 0) (return-from classify 'negative))
  (when (= n 0) (return-from classify 'zero))
  'positive)
(print (mapcar #'classify '(-5 0 7)))

(print (dotimes (i 100) (when (= (* i i) 49) (return i))))

;; A block is entered afresh each time: the exit goes to the current one.
(defun count-down (n)
  (block nil
    (if (= n 0)
        (return 'bottom)
        (list n (count-down (- n 1))))))
(print (count-down 3))

;; Closures made inside a block remember which block they exit.
(defun make-exits ()
  (let ((results nil))
    (dotimes (i 3)
      (push (block b
              (let ((exit (lambda (v) (return-from b (* v 10)))))
                (funcall exit i)))
            results))
    (nreverse results)))
(print (make-exits))
(terpri)
