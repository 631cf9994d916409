;;; PUSH, POP, PUSHNEW, INCF, DECF, SETF of standard places.

(let ((stack nil))
  (push 1 stack)
  (push 2 stack)
  (push 3 stack)
  (print stack)
  (print (list (pop stack) (pop stack)))
  (print stack)
  (print (pop stack))
  (print (pop stack))
  (print stack))

(let ((set nil))
  (pushnew 'a set)
  (pushnew 'b set)
  (pushnew 'a set)
  (print set)
  (pushnew "x" set :test #'equal)
  (pushnew "x" set :test #'equal)
  (print set)
  (pushnew 3 set :key (lambda (x) (if (numberp x) (mod x 2) x)))
  (print set))

(let ((n 10))
  (incf n)
  (incf n 5)
  (decf n 2)
  (decf n)
  (print n)
  (print (list (incf n 100) (decf n 1000))))

;; Places inside conses, lists and vectors.
(let ((cell (list 1 2 3 4)) (v (vector 0 0 0)))
  (incf (car cell) 10)
  (push 'x (cdr cell))
  (setf (cadr cell) 'y)
  (setf (nth 3 cell) 'third)
  (incf (svref v 1) 7)
  (setf (aref v 2) (list 'a))
  (push 'b (aref v 2))
  (print cell)
  (print v))

;; SETF on several pairs returns the last value; subforms evaluated once.
(let ((list (list 0 0 0)) (i 0))
  (print (setf (nth (incf i) list) 'one (car list) 'zero))
  (print (list list i))
  (incf (nth (incf i) list) 0)
  (print i))

;; Property lists with GETF and GET.
(let ((plist (list :a 1)))
  (setf (getf plist :b) 2)
  (setf (getf plist :a) 10)
  (incf (getf plist :c 0) 5)
  (print plist)
  (print (list (getf plist :a) (getf plist :b) (getf plist :missing 'default))))

(setf (get 'widget 'color) 'blue)
(setf (get 'widget 'size) 3)
(incf (get 'widget 'size))
(print (list (get 'widget 'color) (get 'widget 'size) (get 'widget 'weight 'none)))
(remprop 'widget 'color)
(print (get 'widget 'color))

;; Strings are places through CHAR and SCHAR.
(let ((s (make-string 5 :initial-element #\-)))
  (setf (char s 0) #\H)
  (setf (schar s 4) #\!)
  (print s))

;; SETF of SYMBOL-VALUE and of a special variable.
(defvar *counter* 0)
(setf (symbol-value '*counter*) 41)
(incf *counter*)
(print *counter*)

;; POP and PUSH on a special variable through a function.
(defvar *stack* nil)
(defun stack-push (x) (push x *stack*))
(defun stack-pop () (pop *stack*))
(stack-push 1) (stack-push 2)
(print (list (stack-pop) (stack-pop) (stack-pop)))
(terpri)
