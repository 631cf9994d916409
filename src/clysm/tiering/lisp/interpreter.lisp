;;;; interpreter.lisp -- Tier 1: EVAL by closure compilation.
;;;;
;;;; %PREPARE turns a form, once, into a closure of one argument, the run-time
;;;; frame (environment.lisp): macros are expanded and lexical references
;;;; resolved while preparing, so running the closure does no lookup by name.
;;;; The closures call one another in tail position where the form does, so
;;;; interpreted tail calls run in constant stack (compiled closures make
;;;; proper tail calls).  Special variables, catch tags, handlers and
;;;; unwind-protect are those of compiled code: the interpreter uses PROGV,
;;;; CATCH and UNWIND-PROTECT themselves.

(in-package "CLYSM")

(defun %constant-closure (value)
  (lambda (frame) (declare (ignore frame)) value))

(defun %prepare (form cenv)
  (cond ((symbolp form) (%prepare-symbol form cenv))
        ((atom form) (%constant-closure form))
        ((symbolp (car form)) (%prepare-operation form cenv))
        ((and (consp (car form)) (eq (caar form) 'lambda))
         (%prepare-call-of (%prepare-function-object (car form) cenv nil) (cdr form) cenv))
        (t (error 'program-error :format-control "illegal function call: ~S"
                                 :format-arguments (list form)))))

(defun %prepare-body (forms cenv)
  ;; PROGN of FORMS: the last one in tail position.
  (cond ((null forms) (%constant-closure nil))
        ((null (cdr forms)) (%prepare (car forms) cenv))
        (t (let ((first (%prepare (car forms) cenv))
                 (rest (%prepare-body (cdr forms) cenv)))
             (lambda (frame) (funcall first frame) (funcall rest frame))))))

;;; Variables

(defun %prepare-symbol (symbol cenv)
  (if (or (keywordp symbol) (eq symbol nil) (eq symbol t) (%constant-symbol-p symbol))
      (%constant-symbol-closure symbol)
      (multiple-value-bind (entry depth) (%env-variable cenv symbol)
        (case (car entry)
          (:variable (%variable-reader depth (caddr entry)))
          (:symbol-macro (%prepare (caddr entry) cenv))
          (t (multiple-value-bind (expansion found) (%symbol-macro-expansion symbol nil)
               (if (and found (null entry))
                   (%prepare expansion cenv)
                   (lambda (frame) (declare (ignore frame)) (symbol-value symbol)))))))))

(defun %constant-symbol-closure (symbol)
  ;; Constants may be redefined only by DEFCONSTANT with an EQL value: read
  ;; them at run time all the same, in case of a later DEFCONSTANT.
  (if (or (keywordp symbol) (eq symbol nil) (eq symbol t))
      (%constant-closure symbol)
      (lambda (frame) (declare (ignore frame)) (symbol-value symbol))))

(defun %variable-reader (depth index)
  (case depth
    (0 (lambda (frame) (%svref frame index)))
    (1 (lambda (frame) (%svref (%svref frame 0) index)))
    (2 (lambda (frame) (%svref (%svref (%svref frame 0) 0) index)))
    (t (lambda (frame) (%svref (%frame-at frame depth) index)))))

(defun %variable-writer (depth index value)
  (case depth
    (0 (lambda (frame) (%svset frame index (funcall value frame))))
    (1 (lambda (frame) (%svset (%svref frame 0) index (funcall value frame))))
    (t (lambda (frame) (%svset (%frame-at frame depth) index (funcall value frame))))))

(defun %prepare-setq (form cenv)
  (let ((pairs (cdr form)) (steps nil))
    (unless (evenp (%length-if-proper pairs))
      (error 'program-error :format-control "odd number of arguments to SETQ: ~S"
                            :format-arguments (list form)))
    (do ((tail pairs (cddr tail)))
        ((null tail))
      (push (%prepare-assignment (car tail) (cadr tail) cenv) steps))
    (%sequence-closures (nreverse steps))))

(defun %sequence-closures (closures)
  (cond ((null closures) (%constant-closure nil))
        ((null (cdr closures)) (car closures))
        (t (let ((first (car closures)) (rest (%sequence-closures (cdr closures))))
             (lambda (frame) (funcall first frame) (funcall rest frame))))))

(defun %prepare-assignment (symbol value-form cenv)
  (unless (symbolp symbol)
    (error 'program-error :format-control "SETQ: ~S is not a variable" :format-arguments (list symbol)))
  (multiple-value-bind (entry depth) (%env-variable cenv symbol)
    (case (car entry)
      (:variable (%variable-writer depth (caddr entry) (%prepare value-form cenv)))
      (:symbol-macro (%prepare `(setf ,(caddr entry) ,value-form) cenv))
      (t (multiple-value-bind (expansion found) (%symbol-macro-expansion symbol nil)
           (if (and found (null entry))
               (%prepare `(setf ,expansion ,value-form) cenv)
               (let ((value (%prepare value-form cenv)))
                 (when (%constant-symbol-p symbol)
                   (error 'program-error :format-control "cannot assign the constant ~S"
                                         :format-arguments (list symbol)))
                 (lambda (frame) (%set symbol (funcall value frame))))))))))

;;; Operations: special forms, macros, calls

(defun %prepare-operation (form cenv)
  (let* ((operator (car form))
         (handler (get operator '%interpreter-special-form)))
    (if handler
        (funcall handler form cenv)
        (multiple-value-bind (entry depth) (%env-function cenv operator)
          (case (car entry)
            (:function (%prepare-call-of (%variable-reader depth (caddr entry)) (cdr form) cenv))
            (:macro (%prepare (%expand-macro (caddr entry) form cenv) cenv))
            (t (let ((expander (%macro-function operator)))
                 (if expander
                     (%prepare (%expand-macro expander form cenv) cenv)
                     (%prepare-global-call operator (cdr form) cenv)))))))))

(defun %expand-macro (expander form cenv)
  (funcall *macroexpand-hook* expander form cenv))

(defmacro %define-interpreter-special-form (name (form cenv) &body body)
  `(%put ',name '%interpreter-special-form
         #'(named-lambda ,(intern (concatenate 'string "INTERPRET-" (symbol-name name)) "CLYSM")
                         (,form ,cenv)
             (declare (ignorable ,form ,cenv))
             ,@body)))

(defun %prepare-arguments (forms cenv)
  (unless (listp forms)
    (error 'program-error :format-control "malformed argument list ~S" :format-arguments (list forms)))
  (mapcar (lambda (form) (%prepare form cenv)) forms))

(defun %global-function (symbol)
  (let ((function (%symbol-function symbol)))
    (if function function (fdefinition symbol))))

(defun %prepare-global-call (name arguments cenv)
  (let ((args (%prepare-arguments arguments cenv)))
    (case (length args)
      (0 (lambda (frame) (declare (ignore frame)) (funcall (%global-function name))))
      (1 (let ((a (first args)))
           (lambda (frame) (funcall (%global-function name) (funcall a frame)))))
      (2 (let ((a (first args)) (b (second args)))
           (lambda (frame) (funcall (%global-function name) (funcall a frame) (funcall b frame)))))
      (3 (let ((a (first args)) (b (second args)) (c (third args)))
           (lambda (frame)
             (funcall (%global-function name)
                      (funcall a frame) (funcall b frame) (funcall c frame)))))
      (t (lambda (frame)
           (apply (%global-function name) (%evaluate-arguments args frame)))))))

(defun %evaluate-arguments (closures frame)
  (let ((values nil))
    (dolist (c closures (nreverse values))
      (push (funcall c frame) values))))

(defun %prepare-call-of (function-closure arguments cenv)
  ;; A call of the function FUNCTION-CLOSURE computes.
  (let ((args (%prepare-arguments arguments cenv)) (f function-closure))
    (case (length args)
      (0 (lambda (frame) (funcall (funcall f frame))))
      (1 (let ((a (first args)))
           (lambda (frame) (funcall (funcall f frame) (funcall a frame)))))
      (2 (let ((a (first args)) (b (second args)))
           (lambda (frame) (funcall (funcall f frame) (funcall a frame) (funcall b frame)))))
      (t (lambda (frame) (apply (funcall f frame) (%evaluate-arguments args frame)))))))

;;; Declarations

(defun %split-declarations (body &optional doc-allowed)
  ;; (values forms special-names): the declarations at the head of BODY.
  (multiple-value-bind (forms declarations) (%parse-body body doc-allowed)
    (let ((specials nil))
      (dolist (declaration declarations)
        (dolist (specifier (cdr declaration))
          (when (and (consp specifier) (eq (car specifier) 'special))
            (dolist (name (cdr specifier)) (push name specials)))))
      (values forms specials))))

(defun %add-free-specials (contour specials bound)
  ;; A special declaration of a name this form does not bind affects the
  ;; references in its body.
  (dolist (name specials)
    (unless (member name bound)
      (%contour-add contour (list :special name)))))

;;; Frames: a new contour with a frame, made at run time with the contour's
;;; final size (known once the whole body is prepared).

(defun %frame-maker (contour)
  (lambda (parent)
    (let ((frame (%make-vector (%contour-size contour) nil)))
      (%svset frame 0 parent)
      frame)))

(defun %slot-contour (cenv)
  ;; The innermost contour with a frame (every cenv has one: EVAL and each
  ;; function make one): block and tagbody tags get a slot there, and that
  ;; frame is the current one wherever the block is.
  (dolist (contour cenv (error "internal error: no frame contour"))
    (when (%contour-frame-p contour) (return contour))))

;;; The special forms

(%define-interpreter-special-form quote (form cenv)
  (%constant-closure (cadr form)))

(%define-interpreter-special-form if (form cenv)
  (let ((test (%prepare (cadr form) cenv))
        (then (%prepare (caddr form) cenv))
        (else (%prepare (cadddr form) cenv)))
    (lambda (frame)
      (if (funcall test frame) (funcall then frame) (funcall else frame)))))

(%define-interpreter-special-form progn (form cenv)
  (%prepare-body (cdr form) cenv))

(%define-interpreter-special-form setq (form cenv)
  (%prepare-setq form cenv))

(%define-interpreter-special-form the (form cenv)
  (%prepare (caddr form) cenv))

(%define-interpreter-special-form eval-when (form cenv)
  (if (or (member :execute (cadr form)) (member 'eval (cadr form)))
      (%prepare-body (cddr form) cenv)
      (%constant-closure nil)))

(%define-interpreter-special-form load-time-value (form cenv)
  ;; Evaluated once, when the form is prepared, in the null lexical
  ;; environment; the JIT reuses the value (expand.lisp).
  (%constant-closure (%load-time-value form)))

(defvar *load-time-values* nil)  ; alist: load-time-value form -> its value

(defun %load-time-value (form)
  (let ((known (assoc form *load-time-values* :test #'eq)))
    (if known
        (cdr known)
        (let ((value (eval (cadr form))))
          (push (cons form value) *load-time-values*)
          value))))

(%define-interpreter-special-form locally (form cenv)
  (multiple-value-bind (body specials) (%split-declarations (cdr form))
    (let ((contour (%make-contour nil)))
      (%add-free-specials contour specials nil)
      (%prepare-body body (cons contour cenv)))))

(%define-interpreter-special-form function (form cenv)
  (let ((name (cadr form)))
    (cond ((symbolp name)
           (multiple-value-bind (entry depth) (%env-function cenv name)
             (case (car entry)
               (:function (%variable-reader depth (caddr entry)))
               (:macro (error 'program-error :format-control "~S names a local macro"
                                             :format-arguments (list name)))
               (t (lambda (frame) (declare (ignore frame)) (%global-function name))))))
          ((and (consp name) (eq (car name) 'setf))
           (multiple-value-bind (entry depth) (%env-function cenv name)
             (if (eq (car entry) :function)
                 (%variable-reader depth (caddr entry))
                 (lambda (frame) (declare (ignore frame)) (fdefinition name)))))
          ((and (consp name) (member (car name) '(lambda named-lambda)))
           (%prepare-function-object name cenv nil))
          (t (error 'program-error :format-control "FUNCTION: ~S is not a function name"
                                   :format-arguments (list name))))))

(%define-interpreter-special-form named-lambda (form cenv)
  (%prepare-function-object form cenv nil))

;;; Bindings

(defun %binding-name (binding)
  (if (consp binding) (car binding) binding))

(defun %binding-init (binding)
  (if (consp binding) (cadr binding) nil))

(defun %prepare-let (form cenv sequential)
  (let ((bindings (cadr form)))
    (unless (listp bindings)
      (error 'program-error :format-control "malformed binding list in ~S" :format-arguments (list form)))
    (multiple-value-bind (body specials) (%split-declarations (cddr form))
      (let* ((contour (%make-contour t))
             (inner (cons contour cenv))
             (names (mapcar #'%binding-name bindings))
             (steps nil))
        ;; Each init is prepared where the binding form says: LET in the outer
        ;; environment, LET* after the bindings before it.
        (dolist (binding bindings)
          (let ((init (%prepare (%binding-init binding) (if sequential inner cenv))))
            (push (list :aux (%bind-target (%binding-name binding) contour specials) init)
                  steps)))
        (%add-free-specials contour specials names)
        (let ((body (%prepare-body body inner))
              (make-frame (%frame-maker contour))
              (steps (nreverse steps)))
          (if sequential
              (lambda (frame)
                (let ((new (funcall make-frame frame)))
                  (%bind-steps steps nil new nil nil (lambda () (funcall body new)))))
              (%parallel-let steps body make-frame)))))))

(defun %parallel-let (steps body make-frame)
  ;; LET: every init is evaluated in the outer frame before any binding.
  (if (every (lambda (step) (eq (car (cadr step)) :lexical)) steps)
      (let ((indexes (mapcar (lambda (step) (cadr (cadr step))) steps))
            (inits (mapcar #'caddr steps)))
        (lambda (frame)
          (let ((new (funcall make-frame frame)))
            (do ((i indexes (cdr i)) (init inits (cdr init)))
                ((null i))
              (%svset new (car i) (funcall (car init) frame)))
            (funcall body new))))
      (lambda (frame)
        (let* ((new (funcall make-frame frame))
               (values (mapcar (lambda (step) (funcall (caddr step) frame)) steps))
               (bound (mapcar (lambda (step value)
                                (list :aux (cadr step) (%constant-closure value)))
                              steps values)))
          (%bind-steps bound nil new nil nil (lambda () (funcall body new)))))))

(%define-interpreter-special-form let (form cenv) (%prepare-let form cenv nil))
(%define-interpreter-special-form let* (form cenv) (%prepare-let form cenv t))

(%define-interpreter-special-form %multiple-value-bind (form cenv)
  (destructuring-bind (vars values-form &body body) (cdr form)
    (multiple-value-bind (body specials) (%split-declarations body)
      (let* ((values-closure (%prepare values-form cenv))
             (contour (%make-contour t))
             (inner (cons contour cenv))
             (targets (mapcar (lambda (var) (%bind-target var contour specials)) vars)))
        (%add-free-specials contour specials vars)
        (let ((body (%prepare-body body inner))
              (make-frame (%frame-maker contour)))
          (lambda (frame)
            (let ((values (multiple-value-list (funcall values-closure frame)))
                  (new (funcall make-frame frame)))
              (%bind-steps (mapcar (lambda (target)
                                     (list :aux target
                                           (%constant-closure (prog1 (car values)
                                                                (setq values (cdr values))))))
                                   targets)
                           nil new nil nil (lambda () (funcall body new))))))))))

(%define-interpreter-special-form %destructuring-bind (form cenv)
  (destructuring-bind (lambda-list expression &body body) (cdr form)
    (multiple-value-bind (body specials) (%split-declarations body)
      (let* ((value (%prepare expression cenv))
             (contour (%make-contour t))
             (inner (cons contour cenv))
             (steps (%parse-lambda-list lambda-list inner contour specials :destructuring t)))
        (%add-free-specials contour specials nil)
        (let ((body (%prepare-body body inner))
              (make-frame (%frame-maker contour)))
          (lambda (frame)
            (let ((list (funcall value frame)) (new (funcall make-frame frame)))
              (%bind-steps steps list new list nil (lambda () (funcall body new))))))))))

;;; Local functions and macros

(%define-interpreter-special-form flet (form cenv) (%prepare-local-functions form cenv nil))
(%define-interpreter-special-form labels (form cenv) (%prepare-local-functions form cenv t))

(defun %prepare-local-functions (form cenv recursive)
  (multiple-value-bind (body specials) (%split-declarations (cddr form))
    (let* ((contour (%make-contour t))
           (inner (cons contour cenv))
           (definitions (cadr form))
           (indexes (mapcar (lambda (definition)
                              (let ((index (%contour-allocate contour)))
                                (when recursive
                                  (%contour-add contour (list :function (car definition) index)))
                                index))
                            definitions))
           (makers (mapcar (lambda (definition)
                             (%prepare-function-object
                              `(named-lambda ,(car definition) ,@(cdr definition))
                              (if recursive inner cenv) nil))
                           definitions)))
      (unless recursive
        (mapc (lambda (definition index)
                (%contour-add contour (list :function (car definition) index)))
              definitions indexes))
      (%add-free-specials contour specials nil)
      (let ((body (%prepare-body body inner))
            (make-frame (%frame-maker contour)))
        (lambda (frame)
          (let ((new (funcall make-frame frame))
                (home (if recursive nil frame)))
            (mapc (lambda (index maker)
                    (%svset new index (funcall maker (or home new))))
                  indexes makers)
            (funcall body new)))))))

(%define-interpreter-special-form macrolet (form cenv)
  (multiple-value-bind (body specials) (%split-declarations (cddr form))
    (let ((contour (%make-contour nil)))
      (dolist (definition (cadr form))
        (%contour-add contour
                      (list :macro (car definition)
                            (%evaluate-in-macro-environment
                             `(%macro-lambda ,(car definition) ,@(cdr definition)) cenv))))
      (%add-free-specials contour specials nil)
      (%prepare-body body (cons contour cenv)))))

(defun %evaluate-in-macro-environment (form cenv)
  ;; Macro definitions see the local macros and symbol macros around them,
  ;; but no variables or functions (CLHS MACROLET).
  (let ((macros (%make-contour nil)) (base (%make-contour t)))
    (dolist (contour (reverse cenv))
      (dolist (entry (reverse (%contour-entries contour)))
        (when (member (car entry) '(:macro :symbol-macro))
          (%contour-add macros entry))))
    (let ((closure (%prepare form (list macros base))))
      (funcall closure (funcall (%frame-maker base) nil)))))

(%define-interpreter-special-form symbol-macrolet (form cenv)
  (multiple-value-bind (body specials) (%split-declarations (cddr form))
    (let ((contour (%make-contour nil)))
      (dolist (definition (cadr form))
        (when (or (member (car definition) specials) (%globally-special-p (car definition)))
          (error 'program-error :format-control "SYMBOL-MACROLET: ~S is a special variable"
                                :format-arguments (list (car definition))))
        (%contour-add contour (list :symbol-macro (car definition) (cadr definition))))
      (%add-free-specials contour specials nil)
      (%prepare-body body (cons contour cenv)))))

(%define-interpreter-special-form %macro-lambda (form cenv)
  ;; (%macro-lambda name lambda-list . body): an expander (form env).
  (destructuring-bind (name lambda-list &body body) (cdr form)
    (multiple-value-bind (body specials) (%split-declarations body t)
      (let* ((contour (%make-contour t))
             (inner (cons contour cenv))
             (whole-index (%contour-allocate contour))
             (steps (%parse-lambda-list lambda-list inner contour specials :destructuring t))
             (body (progn (%add-free-specials contour specials nil)
                          (%prepare-body `((block ,name ,@body)) inner)))
             (make-frame (%frame-maker contour)))
        (lambda (frame)
          (lambda (whole environment)
            (let ((new (funcall make-frame frame)))
              (%svset new whole-index whole)
              (%bind-steps steps (cdr whole) new whole environment
                           (lambda () (funcall body new))))))))))

;;; Control

(%define-interpreter-special-form block (form cenv)
  (let* ((contour (%slot-contour cenv))
         (index (%contour-allocate contour))
         (inner (cons (%make-contour nil) cenv))
         ;; (:block name index used-p): RETURN-FROM sets used-p.
         (entry (%contour-add (car inner) (list :block (cadr form) index nil)))
         (body (%prepare-body (cddr form) inner)))
    (if (cadddr entry)
        (lambda (frame)
          (let ((tag (list (cadr form))))
            (%svset frame index tag)
            (catch tag (funcall body frame))))
        ;; No RETURN-FROM: no catch, so calls in tail position stay tail calls.
        body)))

(%define-interpreter-special-form return-from (form cenv)
  (multiple-value-bind (entry depth) (%env-block cenv (cadr form))
    (unless entry
      (error 'program-error :format-control "RETURN-FROM: no block named ~S is visible"
                            :format-arguments (list (cadr form))))
    (setf (cadddr entry) t)
    (let ((index (caddr entry)) (value (%prepare (caddr form) cenv)))
      (lambda (frame)
        (throw (%svref (%frame-at frame depth) index) (funcall value frame))))))

;;; A TAGBODY's statements are prepared in segments: those before the first
;;; tag, then one segment per tag.  A GO is a THROW to the tagbody's catch
;;; tag, except a GO to one of its own tags written as a statement of the
;;; tagbody itself (the back edge of DOTIMES, DOLIST and DO): that is
;;; prepared as the fixnum position of the target segment, and the loop
;;; running the segments jumps there without an exception.

(%define-interpreter-special-form tagbody (form cenv)
  (let* ((contour (%slot-contour cenv))
         (index (%contour-allocate contour))
         (tags-contour (%make-contour nil))
         (inner (cons tags-contour cenv))
         (segments (list (list :start)))
         (position 0))
    ;; Tag entries are (:tag tag index position used-p); GO sets used-p.
    (dolist (item (cdr form))
      (if (or (symbolp item) (integerp item))
          (progn (setq position (%fx+ position 1))
                 (%contour-add tags-contour (list :tag item index position nil))
                 (push (list item) segments))
          (push item (car segments))))
    (let* ((prepared (mapcar (lambda (segment)
                               (mapcar (lambda (statement)
                                         (%prepare-tagbody-statement statement tags-contour inner))
                                       (reverse (butlast segment))))
                             (reverse segments)))
           (vector (apply #'vector prepared))
           (count (length prepared))
           (counter (%back-edge-counter cenv))
           ;; A loop can be promoted while it runs (tiers.lisp).
           (loop (and (some (lambda (segment) (some #'integerp segment)) prepared)
                      (%make-loop-record form cenv (%enclosing-function-name cenv)))))
      (unless (some (lambda (entry) (car (cddddr entry))) (%contour-entries tags-contour))
        ;; No GO: the statements in order, no catch.
        (let ((statements (%sequence-closures (apply #'append prepared))))
          (return-from interpret-tagbody
            (lambda (frame) (funcall statements frame) nil))))
      (lambda (frame)
        (let ((compiled (and loop (%svref loop 5))))
          (if compiled
              ;; Promoted: the compiled loop runs from its start.
              (funcall compiled frame 0)
              (let ((tag (list 'tagbody)) (start 0))
                (%svset frame index tag)
                (tagbody
                 again
                   (setq start (catch tag (%run-tagbody-segments vector count start counter
                                                                 loop frame)))
                   (unless (eq start :done) (go again)))))
          nil)))))

(defun %prepare-tagbody-statement (statement tags-contour cenv)
  ;; A closure, or the target position of a GO to one of TAGS-CONTOUR's tags.
  (let ((entry (and (consp statement) (eq (car statement) 'go)
                    (consp (cdr statement)) (null (cddr statement))
                    (find-if (lambda (entry) (eql (cadr entry) (cadr statement)))
                             (%contour-entries tags-contour)))))
    (if entry
        (progn (setf (car (cddddr entry)) t)
               (cadddr entry))
        (%prepare statement cenv))))

(defun %run-tagbody-segments (vector count start counter loop frame)
  ;; Runs the segments from START; :DONE when the last one is finished.  At
  ;; a back edge, once the loop is promoted, its compiled code runs the rest.
  (let ((i start))
    (tagbody
     next-segment
       (when (%fx>= i count) (return-from %run-tagbody-segments :done))
       (dolist (statement (%svref vector i))
         (when (%fixnump statement)
           (when counter (funcall counter frame))
           (let ((compiled (%loop-back-edge loop)))
             (when compiled
               (funcall compiled frame statement)
               (return-from %run-tagbody-segments :done)))
           (setq i statement)
           (go next-segment))
         (funcall statement frame))
       (setq i (%fx+ i 1))
       (go next-segment))))

(defun %enclosing-function-name (cenv)
  (let ((entry (%env-lookup cenv '(:function-record) nil)))
    (and entry (cadddr entry))))

(defun %back-edge-counter (cenv)
  ;; Inside a function: a closure of the frame that counts a jump for
  ;; promotion (tiers.lisp); NIL elsewhere.
  (multiple-value-bind (record-entry record-depth) (%env-lookup cenv '(:function-record) nil)
    (when record-entry
      (let ((record-index (caddr record-entry)))
        (lambda (frame)
          (%count-back-edge (%svref (%frame-at frame record-depth) record-index)))))))

(%define-interpreter-special-form go (form cenv)
  (multiple-value-bind (entry depth) (%env-tag cenv (cadr form))
    (unless entry
      (error 'program-error :format-control "GO: no tag named ~S is visible"
                            :format-arguments (list (cadr form))))
    (setf (car (cddddr entry)) t)
    (let ((index (caddr entry)) (position (cadddr entry)))
      (let ((counter (%back-edge-counter cenv)))
        (if counter
            ;; Inside a function: count the jump for promotion.
            (lambda (frame)
              (funcall counter frame)
              (throw (%svref (%frame-at frame depth) index) position))
            (lambda (frame)
              (throw (%svref (%frame-at frame depth) index) position)))))))

(%define-interpreter-special-form catch (form cenv)
  (let ((tag (%prepare (cadr form) cenv)) (body (%prepare-body (cddr form) cenv)))
    (lambda (frame) (catch (funcall tag frame) (funcall body frame)))))

(%define-interpreter-special-form throw (form cenv)
  (let ((tag (%prepare (cadr form) cenv)) (value (%prepare (caddr form) cenv)))
    (lambda (frame) (throw (funcall tag frame) (funcall value frame)))))

(%define-interpreter-special-form unwind-protect (form cenv)
  (let ((protected (%prepare (cadr form) cenv)) (cleanup (%prepare-body (cddr form) cenv)))
    (lambda (frame)
      (unwind-protect (funcall protected frame) (funcall cleanup frame)))))

(%define-interpreter-special-form progv (form cenv)
  (let ((symbols (%prepare (cadr form) cenv))
        (values (%prepare (caddr form) cenv))
        (body (%prepare-body (cdddr form) cenv)))
    (lambda (frame)
      (progv (funcall symbols frame) (funcall values frame) (funcall body frame)))))

(%define-interpreter-special-form multiple-value-call (form cenv)
  (let ((function (%prepare (cadr form) cenv))
        (arguments (%prepare-arguments (cddr form) cenv)))
    (lambda (frame)
      (let ((f (funcall function frame)) (values nil))
        (dolist (argument arguments)
          (setq values (revappend (multiple-value-list (funcall argument frame)) values)))
        (apply f (nreverse values))))))

(%define-interpreter-special-form multiple-value-prog1 (form cenv)
  (let ((first (%prepare (cadr form) cenv)) (rest (%prepare-body (cddr form) cenv)))
    (lambda (frame)
      (multiple-value-prog1 (funcall first frame) (funcall rest frame)))))

;;; Interpreted functions
;;;
;;; An interpreted function is an indirect function (a function object whose
;;; code can be retargeted) whose target runs the prepared body.  Its info
;;; slot holds a tier record (tiers.lisp) with its source and its call count.

(defun %lambda-block-name (name)
  (cond ((symbolp name) name)
        ((and (consp name) (eq (car name) 'setf)) (cadr name))
        (t nil)))

(defun %prepare-function-object (lambda-form cenv name)
  ;; LAMBDA-FORM is (lambda ll . body) or (named-lambda name ll . body); the
  ;; result is a closure making the function in a given frame.
  (let* ((named (eq (car lambda-form) 'named-lambda))
         (name (if named (cadr lambda-form) name))
         (lambda-list (if named (caddr lambda-form) (cadr lambda-form)))
         (body (if named (cdddr lambda-form) (cddr lambda-form))))
    (unless (listp lambda-list)
      (error 'program-error :format-control "malformed lambda list ~S"
                            :format-arguments (list lambda-list)))
    (multiple-value-bind (body specials) (%split-declarations body t)
      (let* ((contour (%make-contour t))
             (inner (cons contour cenv))
             (steps (%parse-lambda-list lambda-list inner contour specials))
             ;; The tier record of the running function, for loop counting.
             (record-index (let ((index (%contour-allocate contour)))
                             (%contour-add contour (list :function-record nil index name))
                             index))
             (block-name (and named (%lambda-block-name name)))
             (body (progn
                     (%add-free-specials contour specials nil)
                     (%prepare-body (if block-name `((block ,block-name ,@body)) body) inner)))
             (make-frame (%frame-maker contour))
             (arity (%steps-simple-arity steps))
             ;; A function made where lexical variables exist closes over them.
             (closure-p (%lexical-bindings-p cenv)))
        (lambda (frame)
          (%make-interpreted-function name lambda-form closure-p arity steps body
                                      (%recording-frame-maker make-frame record-index)
                                      frame))))))

(defun %recording-frame-maker (make-frame record-index)
  ;; Frames of a function's body hold its tier record (for loop counting).
  (lambda (parent record)
    (let ((frame (funcall make-frame parent)))
      (%svset frame record-index record)
      frame)))

(defun %lexical-bindings-p (cenv)
  (dolist (contour cenv nil)
    (dolist (entry (%contour-entries contour))
      (when (member (car entry) '(:variable :function :block :tag :macro :symbol-macro))
        (return-from %lexical-bindings-p t)))))

(defun %make-interpreted-function (name source closure-p arity steps body make-frame frame)
  (let* ((record (%make-tier-record name source closure-p))
         (function (%make-indirect-function
                    (%interpreter-entry record arity steps body make-frame frame)
                    name)))
    (%set-function-info function record)
    (%tier-record-set-function record function)
    function))

(defun %interpreter-entry (record arity steps body make-frame frame)
  ;; The Tier 1 code of a function: count the call (a call that makes the
  ;; function hot runs the compiled code at once), bind, run the body.
  (case arity
    (0 (lambda ()
         (let ((compiled (%count-call record)))
           (if compiled
               (funcall compiled)
               (funcall body (funcall make-frame frame record))))))
    (1 (lambda (a)
         (let ((compiled (%count-call record)))
           (if compiled
               (funcall compiled a)
               (let ((new (funcall make-frame frame record)))
                 (%svset new 1 a)
                 (funcall body new))))))
    (2 (lambda (a b)
         (let ((compiled (%count-call record)))
           (if compiled
               (funcall compiled a b)
               (let ((new (funcall make-frame frame record)))
                 (%svset new 1 a)
                 (%svset new 2 b)
                 (funcall body new))))))
    (3 (lambda (a b c)
         (let ((compiled (%count-call record)))
           (if compiled
               (funcall compiled a b c)
               (let ((new (funcall make-frame frame record)))
                 (%svset new 1 a)
                 (%svset new 2 b)
                 (%svset new 3 c)
                 (funcall body new))))))
    (t (lambda (&rest arguments)
         (let ((compiled (%count-call record)))
           (if compiled
               (apply compiled arguments)
               (let ((new (funcall make-frame frame record)))
                 (%bind-steps steps arguments new arguments nil
                              (lambda () (funcall body new))))))))))

;;; EVAL
;;;
;;; As in other implementations, EVAL processes PROGN, LOCALLY, MACROLET,
;;; SYMBOL-MACROLET and EVAL-WHEN forms one subform at a time, so that a
;;; macro defined by one subform is seen by the next (as a file's top-level
;;; forms see each other, CLHS 3.2.3.1).

(defun eval (form)
  (%eval-sequentially form nil))

(defun %eval-sequentially (form cenv)
  (let ((form (%expand-toplevel form cenv)))
    (if (consp form)
        (case (car form)
          (progn (%eval-forms (cdr form) cenv))
          (locally
           (multiple-value-bind (body specials) (%split-declarations (cdr form))
             (let ((contour (%make-contour nil)))
               (%add-free-specials contour specials nil)
               (%eval-forms body (cons contour cenv)))))
          ((macrolet symbol-macrolet)
           ;; The definitions, then the body form by form in their scope.
           (let ((contour nil))
             (funcall (get (car form) '%interpreter-special-form)
                      (list (car form) (cadr form)
                            (list '%capture-contour (lambda (c) (setq contour c))))
                      cenv)
             (%eval-forms (cddr form) (cons contour cenv))))
          (eval-when
           (if (or (member :execute (cadr form)) (member 'eval (cadr form)))
               (%eval-forms (cddr form) cenv)
               nil))
          (t (%eval-prepared form cenv)))
        (%eval-prepared form cenv))))

(defun %eval-forms (forms cenv)
  (if (null forms)
      nil
      (progn
        (tagbody
         next
           (when (cdr forms)
             (%eval-sequentially (car forms) cenv)
             (setq forms (cdr forms))
             (go next)))
        (%eval-sequentially (car forms) cenv))))

(defun %expand-toplevel (form cenv)
  ;; Expand macros at the head of FORM (not special forms).
  (tagbody
   next
     (when (and (consp form) (symbolp (car form))
                (not (get (car form) '%interpreter-special-form)))
       (multiple-value-bind (expansion expanded) (macroexpand-1 form cenv)
         (when expanded (setq form expansion) (go next)))))
  form)

(defun %eval-prepared (form cenv)
  (let* ((contour (%make-contour t))
         (closure (%prepare form (cons contour cenv))))
    (funcall closure (funcall (%frame-maker contour) nil))))

;;; (%capture-contour function): used by %EVAL-SEQUENTIALLY to obtain the
;;; contour that MACROLET or SYMBOL-MACROLET made for their definitions.
(%define-interpreter-special-form %capture-contour (form cenv)
  (funcall (cadr form) (car cenv))
  (%constant-closure nil))
