;;; THROW to a CATCH in the thrower's direct caller (compiled as a return
;;; plus a check at the call site), mixed with special bindings, cleanups,
;;; nested catches, handlers, APPLY, EVAL and stack exhaustion.

(defvar *level* :top)
(defvar *log* nil)
(defun note (x) (push x *log*))
(defun opaque (x) x)

(defun thrower (tag value) (throw tag value))
(defun thrower-mv (tag) (throw tag (values 1 2 3)))
(defun thrower-bound (tag)
  (let ((*level* :in-thrower))
    (throw tag *level*)))
(defun thrower-protected (tag value)
  (unwind-protect (throw tag value)
    (note (list :thrower-cleanup *level*))))

;; Values, argument positions and effect positions.
(print (catch 'x (thrower 'x 1)))
(print (catch 'x (list 1 2 (thrower 'x 3) 4)))
(print (catch 'x (thrower 'x 5) 6))
(print (multiple-value-list (catch 'x (thrower-mv 'x))))
(print (multiple-value-list (catch 'x (+ 100 (thrower-mv 'x)))))
(print (catch 'x (apply #'thrower '(x 7))))
(print (catch 'x (funcall 'thrower 'x 8)))
(print (catch 'x (labels ((f (n) (throw 'x (* n 2)))) (+ 1 (f 9)))))
(print (catch 'x (throw 'x 10)))

;; Special bindings in both frames are undone.
(print (list (catch 'x (let ((*level* :in-catch)) (thrower-bound 'x)))
             *level*))
(print (catch 'x
         (let ((*level* :outer))
           (list (catch 'y (let ((*level* :inner)) (thrower-bound 'y)))
                 *level*))))

;; Cleanups in the thrower and in the catching frame run, in order.
(setq *log* nil)
(print (catch 'x
         (let ((*level* :catching))
           (unwind-protect (thrower-protected 'x :thrown)
             (note (list :catcher-cleanup *level*))))))
(print (reverse *log*))

;; Nested catches in one function: the throw goes past the inner one.
(defun nested (tag)
  (catch 'outer
    (list :outer-body
          (catch 'inner
            (unwind-protect (thrower tag tag)
              (note :nested-cleanup))))))
(setq *log* nil)
(print (list (nested 'inner) (nested 'outer) (reverse *log*)))

;; A cleanup that throws again, to an outer catch, during a throw.
(defun rethrower ()
  (unwind-protect (throw 'b :from-body)
    (throw 'a :from-cleanup)))
(print (catch 'a (catch 'b (rethrower))))
(print (catch 'a (list (catch 'b (unwind-protect (thrower 'b :b)
                                   (thrower 'a :a-in-cleanup))))))

;; A binding whose old value is the tag is not a catch.
(defvar *holder* 'missing)
(print (handler-case (let ((*holder* 2)) (thrower 'missing 1))
         (control-error () :no-catch)))
(print (catch 'missing (let ((*holder* 3)) (thrower 'missing *holder*))))

;; Handlers run by the condition system throw to the signalling frame.
(print (catch 'x
         (handler-bind ((type-error (lambda (c) (declare (ignore c))
                                      (throw 'x :car-handled))))
           (car (opaque 5)))))
(print (catch 'x
         (handler-bind ((type-error (lambda (c) (declare (ignore c))
                                      (throw 'x :plus-handled))))
           (+ (opaque 'a) 1))))
(print (catch 'x
         (handler-bind ((error (lambda (c)
                                 (throw 'x (list :error-handled
                                                 (simple-condition-format-control c))))))
           (error "boom ~a" 1))))
(print (catch 'x
         (handler-bind ((error #'(lambda (c) (declare (ignore c)) (thrower 'x :via-thrower))))
           (list (aref (opaque (vector 1 2)) (opaque 5))))))

;; EVAL: interpreted throws to compiled catches and back.
(print (catch 'x (eval '(throw 'x :interpreted-throw))))
(print (eval '(catch 'x (thrower 'x :compiled-throw))))
(print (eval '(catch 'x (+ 1 (catch 'y (thrower 'x 2))))))
(print (catch 'x (eval '(funcall (lambda () (thrower 'x :nested-eval))))))

;; Throw to a catch that no longer exists.
(print (handler-case (thrower 'gone 1) (control-error () :control-error)))
(defun make-late-thrower () (catch 'late (lambda () (throw 'late 1))))
(print (handler-case (funcall (make-late-thrower)) (control-error () :late)))

;; After stack exhaustion catches still work.
(defun deep (n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
(print (catch 'x
         (handler-case (deep 100000)
           (storage-condition () :exhausted))
         (list (catch 'y (thrower 'y :after))
               (thrower 'x :outer-after))))

;; Takeuchi with catch and throw.
(defun ctak (x y z) (catch 'ctak (ctak-aux x y z)))
(defun ctak-aux (x y z)
  (if (not (< y x))
      (throw 'ctak z)
      (ctak-aux (catch 'ctak (ctak-aux (1- x) y z))
                (catch 'ctak (ctak-aux (1- y) z x))
                (catch 'ctak (ctak-aux (1- z) x y)))))
(print (ctak 12 8 4))
(print (list *level* *holder*))
