;;; COND, AND, OR, WHEN, UNLESS, CASE, ECASE: values and evaluation order.

(defun grade (score)
  (cond ((>= score 90) 'a)
        ((>= score 80) 'b)
        ((>= score 70) 'c)
        (t 'f)))
(print (mapcar #'grade '(95 85 75 10)))

;; A clause with only a test returns the test's value.
(print (cond ((member 3 '(1 2 3 4))) (t 'no)))
(print (cond (nil 1)))
(print (cond))
(print (cond ((= 1 1) 'first 'second 'last)))

;; AND / OR return values, not just T.
(print (list (and) (and 1) (and 1 2 3) (and 1 nil 3)))
(print (list (or) (or nil) (or nil 2 3) (or nil nil)))
(let ((calls nil))
  (flet ((note (x) (push x calls) x))
    (or (note nil) (note 'second) (note 'third))
    (and (note 1) (note nil) (note 'never))
    (print (reverse calls))))

;; WHEN and UNLESS return NIL when they do not run their body.
(print (list (when t 1 2) (when nil 1) (unless nil 3 4) (unless t 5)))

;; CASE with lists of keys, characters, symbols, T and OTHERWISE.
(defun kind (x)
  (case x
    ((1 2 3) 'small)
    ((10 20) 'round)
    (#\a 'letter-a)
    ((nil) 'the-nil)
    ((t) 'the-t)
    (red 'colour)
    (otherwise 'unknown)))
(print (mapcar #'kind (list 2 20 #\a nil t 'red 'blue 99)))

(defun vowel-p (c)
  (case c ((#\a #\e #\i #\o #\u) t) (t nil)))
(print (remove-if-not #'vowel-p (coerce "programming language" 'list)))

;; The key form is evaluated once.
(let ((n 0))
  (print (case (incf n) (1 'one) (2 'two)))
  (print n))

;; CASE without a matching clause returns NIL.
(print (case 'z (a 1) (b 2)))

;; ECASE matching.
(defun op-name (op)
  (ecase op
    (+ "plus")
    (- "minus")
    ((* x) "times")))
(print (mapcar #'op-name '(+ - * x)))

;; Nested conditionals in a function computing a value table.
(defun fizzbuzz (n)
  (let ((result nil))
    (dotimes (i n (nreverse result))
      (let ((k (+ i 1)))
        (push (cond ((= 0 (mod k 15)) 'fizzbuzz)
                    ((= 0 (mod k 3)) 'fizz)
                    ((= 0 (mod k 5)) 'buzz)
                    (t k))
              result)))))
(print (fizzbuzz 20))

;; TYPECASE-free dispatch on the type of a value using COND.
(defun describe-value (x)
  (cond ((null x) "nil")
        ((integerp x) (if (evenp x) "even integer" "odd integer"))
        ((stringp x) (format nil "string of ~d" (length x)))
        ((characterp x) "character")
        ((symbolp x) "symbol")
        ((consp x) "cons")
        ((simple-vector-p x) "vector")
        (t "other")))
(print (mapcar #'describe-value (list nil 4 7 "abc" #\z 'foo '(1) (vector 1))))
(terpri)

;; ECASE with no match ends the program with an error, after the output.
(print (op-name '/))
