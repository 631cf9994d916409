;;; A bank queue simulation with a FIFO queue (head and tail pointers), a
;;; stack of free tellers and a deterministic pseudo-random generator.

(defvar *seed* 12345)
(defun next-random (n)
  ;; A linear congruential generator kept within fixnums.
  (setq *seed* (mod (+ (* *seed* 1103) 12345) 65536))
  (mod *seed* n))

;; A queue is a cons (head . tail) of a list.
(defun make-queue () (cons nil nil))
(defun queue-empty-p (q) (null (car q)))
(defun enqueue (q item)
  (let ((cell (list item)))
    (if (null (car q))
        (setf (car q) cell (cdr q) cell)
        (setf (cdr (cdr q)) cell (cdr q) cell))
    item))
(defun dequeue (q)
  (let ((item (car (car q))))
    (setf (car q) (cdr (car q)))
    (when (null (car q)) (setf (cdr q) nil))
    item))
(defun queue-length (q) (length (car q)))

(defun simulate (minutes tellers)
  (let ((queue (make-queue))
        (free (let ((s nil)) (dotimes (i tellers s) (push i s))))
        (busy nil)                      ; list of (finish-time teller customer)
        (served 0) (total-wait 0) (max-queue 0) (next-customer 0))
    (dotimes (now minutes)
      ;; Tellers who finish now become free again.
      (dolist (job busy)
        (when (= (first job) now)
          (push (second job) free)
          (incf served)))
      (setq busy (remove now busy :key #'first))
      ;; New arrivals.
      (dotimes (k (next-random 3))
        (enqueue queue (cons (incf next-customer) now)))
      (setq max-queue (max max-queue (queue-length queue)))
      ;; Free tellers take customers.
      (do () ((or (null free) (queue-empty-p queue)))
        (let* ((customer (dequeue queue))
               (teller (pop free))
               (duration (+ 1 (next-random 4))))
          (incf total-wait (- now (cdr customer)))
          (push (list (+ now duration) teller (car customer)) busy))))
    (list :served served :waiting (queue-length queue) :in-service (length busy)
          :max-queue max-queue :total-wait total-wait
          :average-wait (if (> served 0) (floor total-wait served) 0))))

(let ((q (make-queue)))
  (dolist (x '(a b c)) (enqueue q x))
  (print (list (dequeue q) (dequeue q)))
  (enqueue q 'd)
  (print (list (dequeue q) (dequeue q) (queue-empty-p q))))

(dolist (tellers '(1 2 3 4))
  (setq *seed* 12345)
  (format t "~&~d teller~:p: ~s~%" tellers (simulate 200 tellers)))

;; A stack machine evaluating postfix expressions.
(defun run-postfix (tokens)
  (let ((stack nil))
    (dolist (token tokens (pop stack))
      (if (integerp token)
          (push token stack)
          (let ((b (pop stack)) (a (pop stack)))
            (push (ecase token (+ (+ a b)) (- (- a b)) (* (* a b)) (/ (floor a b))) stack))))))
(print (run-postfix '(3 4 + 2 *)))
(print (run-postfix '(100 7 / 3 - 5 5 * +)))
(terpri)
