;;;; tiers.lisp -- the tier of each function, and call counting.
;;;;
;;;; Every interpreted function has a tier record in its info slot:
;;;;   #(%TIER-RECORD name source closure-p count function status reason)
;;;; STATUS is :INTERPRETED, :COMPILED (promoted to Tier 2) or :FAILED (the
;;;; JIT could not compile it; REASON says why, and it is not retried).
;;;; Compiled functions (AOT or JIT) have no tier record.

(in-package "CLYSM")

(defvar *jit-threshold* nil
  "Calls after which an interpreted function is compiled, or NIL for never.")

(defvar *jit-service-started* nil)

(defun %start-jit-service ()
  ;; An empty request lets the host start its compile service now, in
  ;; parallel, so that the first promotion does not wait for it to boot.
  (unless *jit-service-started*
    (setq *jit-service-started* t)
    (%jit-compile "" nil)))

(defun %make-tier-record (name source closure-p)
  (when *jit-threshold* (%start-jit-service))
  (let ((record (%make-vector 8 nil)))
    (%svset record 0 '%tier-record)
    (%svset record 1 name)
    (%svset record 2 source)
    (%svset record 3 closure-p)
    (%svset record 4 0)
    (%svset record 6 :interpreted)
    record))

(defun %tier-record-p (x)
  (and (%simple-vector-p x) (%fx= (%vector-length x) 8) (%eq (%svref x 0) '%tier-record)))

(defun %tier-record-name (record) (%svref record 1))
(defun %tier-record-source (record) (%svref record 2))
(defun %tier-record-closure-p (record) (%svref record 3))
(defun %tier-record-function (record) (%svref record 5))
(defun %tier-record-status (record) (%svref record 6))
(defun %tier-record-set-function (record function) (%svset record 5 function))

(defun %count-call (record)
  ;; Count a call; when it makes the function hot, promote it and return
  ;; the compiled function (this very call then runs it), else NIL.
  (let ((count (%fx+ (%svref record 4) 1)))
    (%svset record 4 count)
    (let ((threshold *jit-threshold*))
      (when (and threshold (%fx>= count threshold) (%eq (%svref record 6) :interpreted))
        (%promote record)
        (and (%eq (%svref record 6) :compiled)
             (%indirect-target (%tier-record-function record)))))))

(defun %count-back-edge (record)
  ;; A loop iteration counts as a call, so that a function running one long
  ;; loop is promoted at its next call.
  (%svset record 4 (%fx+ (%svref record 4) 1)))

;;; Promotion to Tier 2 (docs/jit.md)

(defvar *jit-log* nil "True: log each promotion and failure on error output.")
(defvar *jit-promotions* 0)
(defvar *jit-failures* 0)
(defvar *jit-compile-ms* 0)

(defun jit-statistics ()
  (list :promotions *jit-promotions* :failures *jit-failures* :compile-ms *jit-compile-ms*))

(defun %promote (record)
  ;; Compile RECORD's function with the JIT and patch it in; on any failure
  ;; it stays in Tier 1 for good, with the reason recorded.
  (let ((start (%monotonic-ms)))
    (multiple-value-bind (compiled reason)
        (if (%tier-record-closure-p record)
            (values nil "a closure over interpreted bindings stays in Tier 1")
            (%jit-compile-source (%tier-record-source record)))
      (let ((ms (%fx-logand (%fx- (%monotonic-ms) start) 1073741823)))
        (setq *jit-compile-ms* (+ *jit-compile-ms* ms))
        (if compiled
            (%install-compiled record compiled ms)
            (%record-failure record reason ms))))))

(defun %jit-compile-source (source)
  ;; (values function nil) or (values nil reason).
  (handler-case
      (multiple-value-bind (form literals specials) (%jit-source source)
        (let ((compiled (%jit-compile (%jit-request-text form specials) literals)))
          (if (functionp compiled)
              (values compiled nil)
              (let ((message (%jit-error)))
                (values nil (if (string= message "")
                                "no JIT compile service on this engine"
                                message))))))
    (error (condition)
      (values nil (format nil "~A" condition)))))

(defun %jit-request-text (form specials)
  ;; Printed with every symbol's package, for the compiler's reader; on one
  ;; line (the pretty printer drops the blank of #\  at the end of a line).
  (let ((*package* (find-package "KEYWORD")) (*print-escape* t) (*print-readably* nil) (*print-base* 10)
        (*print-radix* nil) (*print-length* nil) (*print-level* nil) (*print-case* :upcase)
        (*print-gensym* t) (*print-pretty* nil) (*print-circle* nil))
    (format nil "(:specials ~S :form ~S)" specials form)))

(defun %install-compiled (record compiled ms)
  ;; Only the target changes: the function object itself stays in the name's
  ;; cell and in every place that holds it, so it stays EQ to itself.
  (let ((name (%tier-record-name record)))
    (%set-indirect-target (%tier-record-function record) compiled)
    (%svset record 6 :compiled)
    (setq *jit-promotions* (+ *jit-promotions* 1))
    (when *jit-log*
      (format *error-output* "~&;; JIT: promoted ~S (~D conses of source) in ~D ms~%"
              name (%source-size (%tier-record-source record)) ms))))

(defun %record-failure (record reason ms)
  (%svset record 6 :failed)
  (%svset record 7 reason)
  (setq *jit-failures* (+ *jit-failures* 1))
  (when *jit-log*
    (format *error-output* "~&;; JIT: ~S stays in Tier 1 (~D ms): ~A~%"
            (%tier-record-name record) ms reason)))

(defun %source-size (form)
  (if (consp form) (+ 1 (%source-size (car form)) (%source-size (cdr form))) 0))

(defun function-tier-failure (function)
  ;; Why FUNCTION stayed in Tier 1, or NIL.
  (let ((record (%function-record function)))
    (and record (eq (%tier-record-status record) :failed) (%svref record 7))))

;;; COMPILE (CLHS): Tier 2 on demand.

(defun compile (name &optional definition)
  (let* ((function (cond (definition (if (functionp definition) definition (eval definition)))
                         ((and name (fboundp name)) (fdefinition name))
                         (t (error "COMPILE: ~S has no definition" name))))
         (record (%function-record function)))
    (when (and record (eq (%tier-record-status record) :interpreted))
      (%promote record))
    (when (and name definition)
      (%fset (%function-cell name) function))
    (let ((failed (and record (not (eq (%tier-record-status record) :compiled)))))
      (values (or name function) failed failed))))

;;; Time

(defconstant internal-time-units-per-second 1000)

(defun get-internal-real-time () (%monotonic-ms))
(defun get-internal-run-time () (%monotonic-ms))

(defun %function-record (function)
  (let ((info (%function-info function)))
    (and (%tier-record-p info) info)))

(defun interpreted-function-p (function)
  (let ((record (and (functionp function) (%function-record function))))
    (and record (not (eq (%tier-record-status record) :compiled)))))

(defun function-tier (function-or-name)
  (let ((function (if (functionp function-or-name)
                      function-or-name
                      (fdefinition function-or-name))))
    (if (interpreted-function-p function) 1 2)))

(defun compiled-function-p (x)
  (and (functionp x) (not (interpreted-function-p x))))

(defun function-lambda-expression (function)
  (let ((record (%function-record function)))
    (if record
        (values (%tier-record-source record) (%tier-record-closure-p record)
                (%tier-record-name record))
        (values nil t (%function-name function)))))
