;;; Programs that use structures and hash tables together: a graph with
;;; breadth-first search, an inventory, and memoization.
(defstruct (graph (:constructor make-graph ())) (adjacency (make-hash-table :test 'equal)))

(defun add-edge (graph from to)
  (push to (gethash from (graph-adjacency graph)))
  (push from (gethash to (graph-adjacency graph))))

(defstruct (queue (:constructor make-queue ())) (head nil) (tail nil))
(defun enqueue (queue item)
  (let ((cell (list item)))
    (if (queue-tail queue)
        (setf (cdr (queue-tail queue)) cell (queue-tail queue) cell)
        (setf (queue-head queue) cell (queue-tail queue) cell))))
(defun dequeue (queue)
  (let ((item (pop (queue-head queue))))
    (unless (queue-head queue) (setf (queue-tail queue) nil))
    item))

(defun shortest-path (graph start goal)
  (let ((previous (make-hash-table :test 'equal)) (queue (make-queue)))
    (setf (gethash start previous) :start)
    (enqueue queue start)
    (loop while (queue-head queue)
          do (let ((node (dequeue queue)))
               (when (equal node goal)
                 (return-from shortest-path
                   (let ((path nil))
                     (do ((n goal (gethash n previous))) ((eq n :start) path)
                       (push n path)))))
               (dolist (next (reverse (gethash node (graph-adjacency graph))))
                 (unless (nth-value 1 (gethash next previous))
                   (setf (gethash next previous) node)
                   (enqueue queue next)))))
    nil))

(let ((g (make-graph)))
  (dolist (edge '(("a" "b") ("b" "c") ("c" "d") ("a" "e") ("e" "d") ("d" "f") ("x" "y")))
    (add-edge g (first edge) (second edge)))
  (print (shortest-path g "a" "f"))
  (print (shortest-path g "f" "a"))
  (print (shortest-path g "a" "y"))
  (print (hash-table-count (graph-adjacency g))))

;;; An inventory: items by name, totals by category.
(defstruct item name category (price 0 :type fixnum) (quantity 0 :type fixnum))
(defvar *inventory* (make-hash-table :test 'equal))
(dolist (spec '(("apple" fruit 3 10) ("pear" fruit 4 5) ("hammer" tool 25 2)
                ("saw" tool 30 1) ("kiwi" fruit 2 12)))
  (destructuring-bind (name category price quantity) spec
    (setf (gethash name *inventory*)
          (make-item :name name :category category :price price :quantity quantity))))
(decf (item-quantity (gethash "apple" *inventory*)) 4)
(remhash "saw" *inventory*)
(let ((totals (make-hash-table)))
  (maphash (lambda (name item)
             (declare (ignore name))
             (incf (gethash (item-category item) totals 0)
                   (* (item-price item) (item-quantity item))))
           *inventory*)
  (maphash (lambda (category total) (format t "~a: ~d~%" category total)) totals))
(print (gethash "apple" *inventory*))
(print (sort (loop for item in (list (gethash "kiwi" *inventory*) (gethash "pear" *inventory*)
                                     (gethash "hammer" *inventory*))
                   collect (item-name item))
             #'string<))

;;; Memoization with an EQUAL table keyed by argument lists.
(defvar *memo* (make-hash-table :test 'equal))
(defun paths (rows cols)
  (let ((key (list rows cols)))
    (multiple-value-bind (value found) (gethash key *memo*)
      (if found
          value
          (setf (gethash key *memo*)
                (if (or (= rows 0) (= cols 0))
                    1
                    (mod (+ (paths (- rows 1) cols) (paths rows (- cols 1))) 1000007)))))))
(print (paths 16 16))
(print (paths 60 60))
(print (hash-table-count *memo*))

;;; Counting characters with an EQL table, case folded with EQUALP.
(let ((counts (make-hash-table)) (folded (make-hash-table :test 'equalp)))
  (loop for c across "Hello, World! Hello!"
        when (alpha-char-p c)
          do (incf (gethash c counts 0))
             (incf (gethash c folded 0)))
  (let ((result nil))
    (maphash (lambda (c n) (push (cons c n) result)) counts)
    (print (nreverse result)))
  (let ((result nil))
    (maphash (lambda (c n) (push (cons c n) result)) folded)
    (print (nreverse result))))
