;;; Sorting with hand-written algorithms: merge sort on lists, quicksort and
;;; insertion sort on vectors, checked against each other and SORT.

(defun split-list (list)
  ;; Two halves, by walking a slow and a fast pointer.
  (do ((slow list (cdr slow))
       (fast (cdr list) (cddr fast))
       (front nil (cons (car slow) front)))
      ((or (null fast) (null (cdr fast)))
       (values (nreverse (cons (car slow) front)) (cdr slow)))))

(defun merge-lists (a b less)
  (cond ((null a) b)
        ((null b) a)
        ((funcall less (car b) (car a)) (cons (car b) (merge-lists a (cdr b) less)))
        (t (cons (car a) (merge-lists (cdr a) b less)))))

(defun merge-sort (list less)
  (if (or (null list) (null (cdr list)))
      list
      (multiple-value-bind (a b) (split-list list)
        (merge-lists (merge-sort a less) (merge-sort b less) less))))

(defun quicksort (v &optional (lo 0) (hi (- (length v) 1)))
  (when (< lo hi)
    (let ((pivot (svref v (floor (+ lo hi) 2))) (i lo) (j hi))
      (partition-and-sort v pivot i j lo hi)))
  v)

(defun partition-and-sort (v pivot i j lo hi)
  (do () ((> i j))
    (do () ((>= (svref v i) pivot)) (incf i))
    (do () ((<= (svref v j) pivot)) (decf j))
    (when (<= i j)
      (rotatef (svref v i) (svref v j))
      (incf i)
      (decf j)))
  (quicksort v lo j)
  (quicksort v i hi))

(defun insertion-sort (v)
  (do ((i 1 (+ i 1))) ((>= i (length v)) v)
    (let ((x (svref v i)) (j (- i 1)))
      (do () ((or (< j 0) (<= (svref v j) x)))
        (setf (svref v (+ j 1)) (svref v j))
        (decf j))
      (setf (svref v (+ j 1)) x))))

(defvar *seed* 42)
(defun random-list (n)
  (let ((result nil))
    (dotimes (i n result)
      (setq *seed* (mod (+ (* *seed* 1021) 7) 10007))
      (push (mod *seed* 1000) result))))

(defparameter *data* (random-list 400))
(print (subseq *data* 0 20))

(let* ((by-merge (merge-sort *data* #'<))
       (by-quick (coerce (quicksort (coerce *data* 'vector)) 'list))
       (by-insertion (coerce (insertion-sort (coerce *data* 'vector)) 'list))
       (by-sort (sort (copy-list *data*) #'<)))
  (print (subseq by-merge 0 20))
  (print (last by-merge 5))
  (print (list (equal by-merge by-quick) (equal by-merge by-insertion) (equal by-merge by-sort)
               (length by-merge))))

;; Stability of merge sort: records with equal keys keep their order.
(defparameter *records* '((3 . a) (1 . b) (3 . c) (2 . d) (1 . e) (3 . f)))
(print (merge-sort *records* (lambda (x y) (< (car x) (car y)))))
(print (merge-sort '("delta" "alpha" "charlie" "bravo") #'string<))
(print (merge-sort (list 5 4 3 2 1) #'>))

;; Sorting a long list takes O(n log n) comparisons.
(let ((comparisons 0))
  (merge-sort (random-list 1000) (lambda (a b) (incf comparisons) (< a b)))
  (print (< comparisons 12000)))
(terpri)
