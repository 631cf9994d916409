;;; MULTIPLE-VALUE-BIND, MULTIPLE-VALUE-SETQ, MULTIPLE-VALUE-LIST, NTH-VALUE,
;;; VALUES, VALUES-LIST with functions returning several values.

(defun div-mod (a b) (floor a b))
(multiple-value-bind (q r) (div-mod 17 5)
  (format t "17 = 5*~d + ~d~%" q r))

(defun min-max (list)
  (let ((lo (car list)) (hi (car list)))
    (dolist (x (cdr list)) (when (< x lo) (setq lo x)) (when (> x hi) (setq hi x)))
    (values lo hi)))
(multiple-value-bind (lo hi) (min-max '(3 9 -2 7 4))
  (print (list lo hi (- hi lo))))

;; Integer division functions give quotient and remainder.
(print (mapcar (lambda (f) (multiple-value-list (funcall f -7 2)))
               (list #'floor #'ceiling #'truncate #'round)))
(print (mapcar (lambda (f) (multiple-value-list (funcall f 7 -2)))
               (list #'floor #'ceiling #'truncate #'round)))
(print (list (multiple-value-list (round 5 2)) (multiple-value-list (round 7 2))
             (multiple-value-list (floor 9)) (mod -7 3) (rem -7 3)))

;; MULTIPLE-VALUE-SETQ into lexical and special variables.
(defvar *quotient* nil)
(let ((r nil))
  (multiple-value-setq (*quotient* r) (truncate 100 7))
  (print (list *quotient* r)))

;; MULTIPLE-VALUE-SETQ with extra and missing variables.
(let ((a 1) (b 2) (c 3))
  (multiple-value-setq (a b c) (values 'x))
  (print (list a b c)))

;; Functions returning no values.
(defun nothing () (values))
(print (multiple-value-list (nothing)))
(print (list (nothing)))               ; NIL as the primary value
(multiple-value-bind (a b) (nothing) (print (list a b)))

;; NTH-VALUE with a computed index.
(let ((results nil))
  (dotimes (i 4) (push (nth-value i (values 'a 'b 'c)) results))
  (print (nreverse results)))

;; Values as a way to return a status with a result.
(defun safe-div (a b)
  (if (= b 0) (values nil :division-by-zero) (values (floor a b) :ok)))
(dolist (pair '((10 2) (1 0) (7 3)))
  (multiple-value-bind (result status) (apply #'safe-div pair)
    (format t "~a / ~a -> ~a (~a)~%" (first pair) (second pair) result status)))

;; Parsing with multiple values: a number and the position after it.
(defun parse-int (string start)
  (do ((i start (+ i 1)) (value 0))
      ((or (>= i (length string)) (not (digit-char-p (char string i))))
       (values value i))
    (setq value (+ (* value 10) (digit-char-p (char string i))))))
(multiple-value-bind (n end) (parse-int "1234+56" 0)
  (multiple-value-bind (m end2) (parse-int "1234+56" (+ end 1))
    (print (list n end m end2 (+ n m)))))
(terpri)
