;;;; errors.lisp -- ERROR, WARN and the errors the kernel signals.
;;;;
;;;; Until the condition system comes with the runtime library, an error is
;;;; not a handleable condition yet: it is reported as SBCL reports an
;;;; unhandled one ("Unhandled TYPE: message" on error output) and the program
;;;; exits with code 1.  Every error goes through %SIGNAL-CONDITION, the one
;;;; place the condition system will take over.

(in-package "CLYSM")

(defun %getf-initarg (initargs key)
  (do ((tail initargs (cddr tail)))
      ((atom tail) nil)
    (when (%eq (car tail) key) (return (cadr tail)))))

(defun %condition-message (type initargs)
  ;; The report of a condition of TYPE made with INITARGS, as SBCL words it.
  (let ((control (%getf-initarg initargs :format-control)))
    (cond (control
           (apply #'format nil control (%getf-initarg initargs :format-arguments)))
          ((%eq type 'type-error)
           (format nil "The value~%  ~S~%is not of type~%  ~S"
                   (%getf-initarg initargs :datum) (%getf-initarg initargs :expected-type)))
          ((%eq type 'undefined-function)
           (format nil "The function ~S is undefined." (%getf-initarg initargs :name)))
          ((%eq type 'unbound-variable)
           (format nil "The variable ~S is unbound." (%getf-initarg initargs :name)))
          ((%eq type 'division-by-zero)
           (format nil "arithmetic error DIVISION-BY-ZERO signalled~@[~%Operation was (~S~{ ~S~})~]."
                   (%getf-initarg initargs :operation) (%getf-initarg initargs :operands)))
          (t (format nil "Condition of type ~S was signalled." type)))))

(defun %signal-condition (type initargs)
  (%report-unhandled type (%condition-message type initargs)))

(defun %report-unhandled (type message)
  (finish-output *initial-output*)
  (let ((stream *initial-error-output*))
    (%stream-write-string stream "Unhandled " 0 10)
    (%print-symbol type t stream)
    (%stream-write-string stream ": " 0 2)
    (%stream-write-string stream message 0 (%string-length message))
    (%stream-write-char stream #\Newline))
  (%exit 1))

(defun error (datum &rest arguments)
  (cond ((%stringp datum)
         (%signal-condition 'simple-error
                            (list :format-control datum :format-arguments arguments)))
        ((%symbolp datum) (%signal-condition datum arguments))
        (t (%type-error datum '(or string symbol)))))

(defun cerror (continue-format-control datum &rest arguments)
  (declare (ignore continue-format-control))
  (apply #'error datum arguments))

(defun warn (datum &rest arguments)
  (let ((message (if (%stringp datum)
                     (apply #'format nil datum arguments)
                     (%condition-message datum arguments))))
    (format *error-output* "~&WARNING: ~A~%" message)
    nil))

;;; The kernel's errors arrive here, as (kind message irritants).

(defun %signal-error (kind message irritants)
  (case kind
    (type-error
     (%signal-condition kind (list :datum (car irritants) :expected-type (cadr irritants))))
    (undefined-function
     (%signal-condition kind (list :name (%function-name-of-cell (car irritants)))))
    (unbound-variable
     (%signal-condition kind (list :name (car irritants))))
    (program-error
     (if (%string-prefix-p "wrong number of arguments" message)
         (%signal-condition kind (list :format-control "invalid number of arguments: ~D"
                                       :format-arguments (cdr irritants)))
         (%signal-condition kind (list :format-control "~A~{ ~S~}"
                                       :format-arguments (list message irritants)))))
    (t (%signal-condition kind (list :format-control "~A~{ ~S~}"
                                     :format-arguments (list message irritants))))))

(defun %string-prefix-p (prefix string)
  (let ((n (%string-length prefix)))
    (and (%fx>= (%string-length string) n)
         (string= prefix string :end2 n))))

(defun %function-name-of-cell (symbol)
  ;; The inverse of %FUNCTION-CELL: the symbol holding (SETF F) gives (SETF F).
  (let ((package (%symbol-package symbol)))
    (if (and package (%string-prefix-p "(SETF)" package))
        (list 'setf (%intern (%symbol-name symbol)
                             (%substring package 6 (%string-length package))))
        symbol)))
