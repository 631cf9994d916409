;;;; lambda-list.lisp -- lambda lists in the Tier 1 interpreter: ordinary
;;;; lambda lists (functions) and destructuring ones (%MACRO-LAMBDA,
;;;; %DESTRUCTURING-BIND).
;;;;
;;;; A lambda list is parsed once, at preprocessing time, into a list of
;;;; binding steps; every default form is prepared in the environment of the
;;;; parameters before it.  At run time %BIND-STEPS binds the arguments into
;;;; the function's frame, with PROGV for special parameters, each binding
;;;; visible to the defaults after it.
;;;;
;;;; Steps:  (:required target)  (:optional target default supplied)
;;;;         (:rest target)  (:keys allow-other-keys valid-keywords)
;;;;         (:key target keyword default supplied)  (:aux target init)
;;;;         (:whole target)  (:environment target)
;;;; A target is (:lexical index), (:special symbol) or, in destructuring
;;;; lambda lists, (:pattern steps) for a nested pattern.

(in-package "CLYSM")

(defun %lambda-list-keyword-p (x)
  (member x '(&optional &rest &body &key &allow-other-keys &aux &whole &environment)))

(defun %bind-target (name contour specials)
  ;; Declare parameter NAME in CONTOUR; returns its target.
  (unless (symbolp name)
    (error 'program-error :format-control "~S is not a variable name" :format-arguments (list name)))
  (when (or (constantp name) (keywordp name))
    (error 'program-error :format-control "~S names a constant and cannot be bound"
                          :format-arguments (list name)))
  (if (or (member name specials) (%globally-special-p name))
      (progn (%contour-add contour (list :special name))
             (list :special name))
      (let ((index (%contour-allocate contour)))
        (%contour-add contour (list :variable name index))
        (list :lexical index))))

(defun %globally-special-p (symbol)
  (%fx= (%fx-logand (%symbol-flags symbol) 1) 1))

(defun %parse-lambda-list (lambda-list cenv contour specials &key destructuring)
  ;; The binding steps of LAMBDA-LIST; the parameters are added to CONTOUR
  ;; (the innermost contour of CENV) as they are parsed.
  (let ((steps nil) (state :required) (key-p nil) (allow-other-keys nil)
        (list lambda-list))
    (flet ((target (x)
             (if (and destructuring (consp x))
                 (list :pattern (%parse-lambda-list x cenv contour specials :destructuring t))
                 (%bind-target x contour specials)))
           (prepare (form) (%prepare form cenv)))
      (tagbody
       next
         (when (null list) (go done))
         (when (atom list)
           ;; A dotted tail in a destructuring lambda list is &rest.
           (unless destructuring
             (error 'program-error :format-control "malformed lambda list ~S"
                                   :format-arguments (list lambda-list)))
           (push (list :rest (target list)) steps)
           (go done))
         (let ((item (car list)))
           (setq list (cdr list))
           (cond ((eq item '&optional) (setq state :optional))
                 ((or (eq item '&rest) (eq item '&body))
                  (push (list :rest (target (car list))) steps)
                  (setq list (cdr list)))
                 ((eq item '&key)
                  (setq state :key key-p (list :keys nil nil))
                  (push key-p steps))
                 ((eq item '&allow-other-keys) (setq allow-other-keys t))
                 ((eq item '&aux) (setq state :aux))
                 ((eq item '&whole)
                  (push (list :whole (target (car list))) steps)
                  (setq list (cdr list)))
                 ((eq item '&environment)
                  (push (list :environment (target (car list))) steps)
                  (setq list (cdr list)))
                 ((eq state :required) (push (list :required (target item)) steps))
                 ((eq state :optional)
                  (let* ((spec (if (consp item) item (list item)))
                         (default (prepare (cadr spec)))
                         (var (target (car spec)))
                         (supplied (and (cddr spec) (target (caddr spec)))))
                    (push (list :optional var default supplied) steps)))
                 ((eq state :key)
                  (let* ((spec (if (consp item) item (list item)))
                         (name-spec (car spec))
                         (keyword (if (consp name-spec)
                                      (car name-spec)
                                      (intern (symbol-name name-spec) "KEYWORD")))
                         (default (prepare (cadr spec)))
                         (var (target (if (consp name-spec) (cadr name-spec) name-spec)))
                         (supplied (and (cddr spec) (target (caddr spec)))))
                    (push (list :key var keyword default supplied) steps)))
                 ((eq state :aux)
                  (let* ((spec (if (consp item) item (list item)))
                         (init (prepare (cadr spec))))
                    (push (list :aux (target (car spec)) init) steps)))))
         (go next)
       done)
      (when key-p
        ;; The &key marker step learns the valid keywords and &allow-other-keys.
        (setf (cadr key-p) allow-other-keys)
        (setf (caddr key-p)
              (mapcan (lambda (step) (and (eq (car step) :key) (list (caddr step)))) steps)))
      (nreverse steps))))

(defun %steps-simple-arity (steps)
  ;; The number of parameters when STEPS are only lexical required ones,
  ;; at most 4 (so that a fixed-arity entry can take them); else NIL.
  (let ((n 0))
    (dolist (step steps (and (%fx<= n 4) n))
      (unless (and (eq (car step) :required) (eq (car (cadr step)) :lexical))
        (return nil))
      (setq n (%fx+ n 1)))))

;;; Binding at run time

(defun %argument-count-error (count)
  (error 'program-error :format-control "invalid number of arguments: ~D"
                        :format-arguments (list count)))

(defun %bind-value (target value frame continuation)
  (case (car target)
    (:lexical (%svset frame (cadr target) value) (funcall continuation))
    (:special (progv (list (cadr target)) (list value) (funcall continuation)))
    (t ;; (:pattern steps)
     (unless (listp value)
       (error 'program-error :format-control "~S does not match a destructuring pattern"
                             :format-arguments (list value)))
     (%bind-steps (cadr target) value frame value nil continuation))))

(defun %bind-steps (steps args frame whole environment continuation)
  ;; Bind STEPS to the argument list ARGS in FRAME, then call CONTINUATION.
  ;; WHOLE is what &WHOLE gets, ENVIRONMENT what &ENVIRONMENT gets.
  (%bind-from steps args nil frame (%length-if-proper args) whole environment continuation))

(defun %bind-from (steps rest keys frame count whole environment continuation)
  ;; REST: the positional arguments not yet bound, or :TAKEN once &REST or
  ;; &KEY took them; KEYS: the keyword arguments.
  (if (null steps)
      (if (and rest (not (eq rest :taken)))
          (%argument-count-error count)
          (funcall continuation))
      (let ((step (car steps)) (more (cdr steps)))
        (flet ((next (rest keys)
                 (lambda ()
                   (%bind-from more rest keys frame count whole environment continuation))))
          (case (car step)
            (:required
             (unless (consp rest) (%argument-count-error count))
             (%bind-value (cadr step) (car rest) frame (next (cdr rest) keys)))
            (:optional
             (let* ((supplied (consp rest))
                    (value (if supplied (car rest) (funcall (caddr step) frame)))
                    (after (next (if supplied (cdr rest) rest) keys))
                    (supplied-target (cadddr step)))
               (%bind-value (cadr step) value frame
                            (if supplied-target
                                (lambda () (%bind-value supplied-target supplied frame after))
                                after))))
            (:rest
             (%bind-value (cadr step) rest frame (next :taken rest)))
            (:keys
             (let ((keys (if (eq rest :taken) keys rest)))
               (%check-keyword-arguments keys (cadr step) (caddr step) count)
               (funcall (next :taken keys))))
            (:key
             (let* ((cell (%find-keyword-argument (caddr step) keys))
                    (value (if cell (cadr cell) (funcall (cadddr step) frame)))
                    (after (next rest keys))
                    (supplied-target (car (cddddr step))))
               (%bind-value (cadr step) value frame
                            (if supplied-target
                                (lambda () (%bind-value supplied-target (and cell t) frame after))
                                after))))
            (:whole (%bind-value (cadr step) whole frame (next rest keys)))
            (:environment (%bind-value (cadr step) environment frame (next rest keys)))
            (:aux
             (%bind-value (cadr step) (funcall (caddr step) frame) frame (next rest keys))))))))

(defun %length-if-proper (list)
  (let ((n 0))
    (tagbody
     next
       (when (consp list) (setq n (%fx+ n 1) list (cdr list)) (go next)))
    n))

(defun %find-keyword-argument (keyword keys)
  ;; The first (keyword value ...) tail of KEYS for KEYWORD, or NIL.
  (do ((tail keys (cddr tail)))
      ((atom tail) nil)
    (when (eq (car tail) keyword) (return tail))))

(defun %check-keyword-arguments (keys allow-other-keys valid count)
  (declare (ignore count))
  (unless (evenp (%length-if-proper keys))
    (error 'program-error :format-control "odd number of &KEY arguments"))
  (unless (or allow-other-keys
              (let ((cell (%find-keyword-argument :allow-other-keys keys)))
                (and cell (cadr cell))))
    (do ((tail keys (cddr tail)))
        ((atom tail))
      (unless (or (member (car tail) valid) (eq (car tail) :allow-other-keys))
        (error 'program-error :format-control "unknown &KEY argument: ~S"
                              :format-arguments (list (car tail)))))))
