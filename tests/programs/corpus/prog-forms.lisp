;;; PROG1, PROG2, PROG, PROG*, RETURN, and the implicit blocks.

(let ((x 1))
  (print (prog1 x (setq x 2) (setq x 3)))
  (print x))
(print (prog2 'first 'second 'third))
(print (multiple-value-list (prog1 (values 1 2) 3)))   ; only the primary value

;; PROG binds in parallel and has a tagbody body and a NIL block.
(print (prog ((i 0) (acc nil))
        top
          (when (= i 4) (return (nreverse acc)))
          (push (* i i) acc)
          (setq i (+ i 1))
          (go top)))

(print (let ((x 'outer))
         (prog ((x 'inner) (y x))
           (return (list x y)))))
(print (let ((x 'outer))
         (prog* ((x 'inner) (y x))
           (return (list x y)))))

;; PROG with no RETURN returns NIL.
(print (prog ((n 3)) loop (when (> n 0) (setq n (- n 1)) (go loop))))

;; PROG with declarations.
(print (prog ((total 0))
          (declare (fixnum total))
          (dotimes (i 5) (setq total (+ total i)))
          (return total)))

;; RETURN inside nested constructs returns from the innermost NIL block.
(print (prog ()
          (dolist (x '(1 2 3))
            (when (= x 2) (return 'inner-return)))
          (return 'outer-return)))

;; A small tokenizer written with PROG and GO.
(defun split-words (string)
  (prog ((i 0) (n (length string)) (words nil) (start nil))
   scan
     (when (>= i n)
       (when start (push (subseq string start i) words))
       (return (nreverse words)))
     (if (char= (char string i) #\Space)
         (when start
           (push (subseq string start i) words)
           (setq start nil))
         (unless start (setq start i)))
     (setq i (+ i 1))
     (go scan)))
(print (split-words "  the quick  brown fox "))
(print (split-words ""))

;; PROG1 used to pop from a list.
(defvar *queue* (list 'a 'b 'c))
(defun take () (prog1 (car *queue*) (setq *queue* (cdr *queue*))))
(print (list (take) (take) *queue*))
(terpri)
