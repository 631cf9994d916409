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

(defvar *jit-loop-promotions* 0)

(defun jit-statistics ()
  (list :promotions *jit-promotions* :loop-promotions *jit-loop-promotions*
        :failures *jit-failures* :compile-ms *jit-compile-ms*))

(defun %promote (record)
  ;; Compile RECORD's function with the JIT and patch it in; on any failure
  ;; it stays in Tier 1 for good, with the reason recorded.
  (let ((start (%monotonic-ms)))
    (multiple-value-bind (compiled reason closure-free)
        (if (%tier-record-closure-p record)
            (values nil "a closure over interpreted bindings stays in Tier 1")
            (%jit-compile-source (%tier-record-source record)))
      (let ((ms (%fx-logand (%fx- (%monotonic-ms) start) 1073741823)))
        (setq *jit-compile-ms* (+ *jit-compile-ms* ms))
        (if compiled
            (%install-compiled record compiled closure-free ms)
            (%record-failure record reason ms))))))

(defun %jit-compile-source (source)
  ;; (values function nil closure-free) or (values nil reason).
  (handler-case
      (multiple-value-bind (form literals specials) (%jit-source source)
        (%jit-compile-form form literals specials))
    (error (condition)
      (values nil (format nil "~A" condition)))))

(defun %jit-compile-form (form literals specials)
  ;; Sends an expanded form to the compile service: (values function nil
  ;; closure-free) or (values nil reason).  The compiled function closes
  ;; over the literal vector when it has literals, else over nothing.
  (let ((compiled (%jit-compile (%jit-request-text form specials) literals)))
    (if (functionp compiled)
        (values compiled nil (%fx= (length literals) 0))
        (let ((message (%jit-error)))
          (values nil (if (string= message "")
                          "no JIT compile service on this engine"
                          message))))))

(defun %install-compiled (record compiled closure-free ms)
  ;; Only the code changes: the function object itself stays in the name's
  ;; cell and in every place that holds it, so it stays EQ to itself.  Code
  ;; closing over nothing is adopted by the object, so calls go straight to
  ;; it; other code is reached through the object's forwarding entries.
  (let ((name (%tier-record-name record)) (function (%tier-record-function record)))
    (if closure-free
        (%adopt-code function compiled)
        (%set-indirect-target function compiled))
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

;;; Loop promotion: a TAGBODY with back edges that runs long in the
;;; interpreter is compiled on its own, as a function of the interpreter's
;;; frame and of the segment to go on at (expand.lisp, %JIT-LOOP-SOURCE),
;;; and the running frame continues in it at its next back edge.  A loop
;;; record, one per prepared TAGBODY, is
;;;   #(%LOOP-RECORD tagbody cenv count status compiled function-name)

(defun %make-loop-record (tagbody cenv function-name)
  (let ((record (%make-vector 7 nil)))
    (%svset record 0 '%loop-record)
    (%svset record 1 tagbody)
    (%svset record 2 cenv)
    (%svset record 3 0)
    (%svset record 4 :interpreted)
    (%svset record 6 function-name)
    record))

(defun %loop-back-edge (loop)
  ;; The compiled loop to go on in, or NIL to go on interpreting.
  (when loop
    (or (%svref loop 5)
        (let ((threshold *jit-threshold*))
          ;; No counting with the JIT off, nor once the loop has failed.
          (when (and threshold (%eq (%svref loop 4) :interpreted))
            (let ((count (%fx+ (%svref loop 3) 1)))
              (%svset loop 3 count)
              (when (%fx>= count threshold)
                (%promote-loop loop))))))))

(defun %promote-loop (loop)
  (let ((start (%monotonic-ms)))
    (multiple-value-bind (compiled reason)
        (handler-case
            (multiple-value-bind (form literals specials)
                (%jit-loop-source (%svref loop 1) (%svref loop 2))
              (%jit-compile-form form literals specials))
          (error (condition) (values nil (format nil "~A" condition))))
      (let ((ms (%fx-logand (%fx- (%monotonic-ms) start) 1073741823)))
        (setq *jit-compile-ms* (+ *jit-compile-ms* ms))
        (if compiled
            (progn (%svset loop 4 :compiled)
                   (%svset loop 5 compiled)
                   (setq *jit-loop-promotions* (+ *jit-loop-promotions* 1)))
            (progn (%svset loop 4 :failed)
                   (setq *jit-failures* (+ *jit-failures* 1))))
        (when *jit-log*
          (if compiled
              (format *error-output* "~&;; JIT: promoted a loop~@[ in ~S~] (~D conses of source) in ~D ms~%"
                      (%svref loop 6) (%source-size (%svref loop 1)) ms)
              (format *error-output* "~&;; JIT: a loop~@[ in ~S~] stays in Tier 1 (~D ms): ~A~%"
                      (%svref loop 6) ms reason)))
        compiled))))

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
