;;; MACROLET, SYMBOL-MACROLET and DEFINE-SYMBOL-MACRO.

(print (macrolet ((double (x) `(* 2 ,x)))
         (double (double 5))))

;; A local macro shadows a global function of the same name.
(defun square (x) (* x x))
(print (macrolet ((square (x) `(list 'squared ,x)))
         (square 3)))
(print (square 3))

;; Local macros may use each other and destructuring.
(print (macrolet ((my-swap ((a b)) `(list ,b ,a))
                  (swap-twice (pair) `(my-swap ,pair)))
         (swap-twice (1 2))))

;; A macro defined by MACROLET expanding into another MACROLET.
(print (macrolet ((with-adder ((name n) &body body)
                    `(macrolet ((,name (x) `(+ ,x ,',n)))
                       ,@body)))
         (with-adder (add10 10)
           (add10 5))))

;; SYMBOL-MACROLET: a symbol standing for a place.
(let ((pair (cons 1 2)))
  (symbol-macrolet ((left (car pair)) (right (cdr pair)))
    (setq left 10)
    (setf right (+ left 5))
    (incf left)
    (print (list left right pair))))

;; A symbol macro is shadowed by a LET binding of the same name.
(print (symbol-macrolet ((x 'expanded))
         (list x (let ((x 'bound)) x) x)))

;; SYMBOL-MACROLET inside a function, with a vector element as a place.
(defun rotate-vector (v)
  (symbol-macrolet ((first-el (svref v 0))
                    (last-el (svref v (- (length v) 1))))
    (rotatef first-el last-el)
    v))
(print (rotate-vector (vector 1 2 3 4)))

;; DEFINE-SYMBOL-MACRO at top level.
(defvar *config* (list :width 80 :height 24))
(define-symbol-macro config-width (getf *config* :width))
(print config-width)
(setf config-width 120)
(print *config*)

;; MACROLET sees the lexical environment of the expansion, not of the macro.
(print (let ((x 1))
         (macrolet ((get-x () 'x))
           (let ((x 2))
             (get-x)))))

;; MACROLET inside a DEFUN body and in a loop.
(defun sum-of-squares (list)
  (let ((sum 0))
    (macrolet ((accumulate (form) `(setq sum (+ sum ,form))))
      (dolist (x list) (accumulate (* x x))))
    sum))
(print (sum-of-squares '(1 2 3 4 5)))

;; MACROLET with &body and a generated binding.
(print (macrolet ((with-counter ((var) &body body)
                    `(let ((,var 0))
                       (flet ((bump () (incf ,var)))
                         ,@body
                         ,var))))
         (with-counter (n) (bump) (bump) (bump))))
(terpri)
