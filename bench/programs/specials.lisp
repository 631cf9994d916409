;;;; specials: special variables bound in loops and read deep inside the
;;;; calls they are bound around -- LET of specials, PROGV, SYMBOL-VALUE,
;;;; and a binding undone by a non-local exit.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 200000 test 10

(defvar *size* 2000000)

(defvar *depth* 0)
(defvar *scale* 1)
(defvar *trail* '())

(defun leaf ()
  (* *depth* *scale*))

(defun descend (n)
  (if (zerop n)
      (leaf)
      (let ((*depth* (1+ *depth*)))
        (+ (leaf) (descend (1- n))))))

(defun scaled-descent (scale)
  (let ((*scale* scale))
    (descend 5)))

(defun with-progv (i)
  (progv '(*scale* *depth*) (list (mod i 4) (mod i 3))
    (+ (leaf) (symbol-value '*depth*))))

(defun escaping (i)
  "A binding of *TRAIL* undone when the throw leaves its extent."
  (catch 'out
    (let ((*trail* (cons i *trail*)))
      (when (oddp i)
        (throw 'out (length *trail*)))
      (length *trail*))))

(defun run-specials (rounds)
  (let ((sum 0))
    (dotimes (i rounds)
      (setf sum (mod (+ sum (scaled-descent (mod i 5)) (with-progv i) (escaping i))
                     1000003)))
    (+ sum (length *trail*) *depth*)))

(format t "specials ~d~%" (run-specials *size*))
