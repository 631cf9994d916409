;;; Structures and hash tables used by macros at expansion time.
(defstruct spec name (args nil) (arity 0))

(defmacro defspec (name &rest args)
  (let ((s (make-spec :name name :args args)))
    (setf (spec-arity s) (length (spec-args s)))
    `(list ',(spec-name s) ,(spec-arity s) ',(spec-args s) ,(spec-p s) ',(type-of s)
           ,(typep s 'structure-object) ,(equalp s (copy-spec s)))))

(print (defspec foo 1 2 3))
(print (defspec bar))

(defmacro count-keys (&rest keys)
  (let ((h (make-hash-table :test 'equal)))
    (dolist (k keys) (incf (gethash k h 0)))
    (let ((result nil))
      (maphash (lambda (k v) (push (list k v) result)) h)
      `',(nreverse result))))

(print (count-keys "a" "b" "a" (1 2) (1 2) c))

;;; A structure defined inside EVAL-WHEN, used by a macro and at run time.
(eval-when (:compile-toplevel :load-toplevel :execute)
  (defstruct (field (:constructor field (name type))) name type))

(defmacro defrecord (name &rest fields)
  (let ((parsed (mapcar (lambda (f) (field (car f) (cadr f))) fields)))
    `(progn
       (defstruct ,name ,@(mapcar (lambda (f) `(,(field-name f) nil :type (or null ,(field-type f))))
                                  parsed))
       ',(mapcar #'field-name parsed))))

(print (defrecord employee (name string) (age fixnum)))
(print (make-employee :name "Ann" :age 41))
(print (handler-case (make-employee :age "old")
         (type-error (e) (list 'type-error (type-error-datum e)))))
(print (field-type (field 'x 'integer)))
