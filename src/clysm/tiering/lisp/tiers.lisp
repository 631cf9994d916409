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

(defun %make-tier-record (name source closure-p)
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
  (let ((count (%fx+ (%svref record 4) 1)))
    (%svset record 4 count)
    (let ((threshold *jit-threshold*))
      (when (and threshold (%fx>= count threshold) (%eq (%svref record 6) :interpreted))
        (%promote record)))))

(defun %promote (record)
  ;; Tier 2 comes with the JIT; until then a function stays in Tier 1.
  (%svset record 6 :failed)
  (%svset record 7 "no JIT compiler in this runtime"))

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
