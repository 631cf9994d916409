;;;; expand.lisp -- full macroexpansion of a function's source, for the JIT.
;;;;
;;;; The compiler runs on the host and knows only the library's macros, not
;;;; the ones defined while the program runs, so what the runtime sends it is
;;;; expanded here, with the macros and symbol macros of the running image:
;;;; what is left are special forms, the internal operators, function calls
;;;; and lambdas.  On the way the walker
;;;; - replaces constants whose identity matters (conses, vectors, strings
;;;;   inside quoted data, numbers other than fixnums, uninterned symbols,
;;;;   functions...) by (SVREF %JIT-LITERALS i): the objects themselves are
;;;;   handed to the compiled code, so EQ holds between tiers;
;;;; - renames uninterned symbols used as names (variables, blocks, tags,
;;;;   local functions) to fresh symbols of package CLYSM-JIT, so that the
;;;;   printed form reads back with the same identities;
;;;; - collects the symbols that are special variables in the running image.
;;;;
;;;; A loop promoted while it runs (loop promotion, docs/jit.md) is expanded
;;;; inside the interpreter's environment of the running frame
;;;; (*JIT-OUTER-CENV*): a reference to a name bound out there becomes an
;;;; access to the interpreter's frame, so both tiers share the variables,
;;;; local functions, blocks and go tags.

(in-package "CLYSM")

(defvar *jit-literals* nil)   ; the literal objects, in reverse order
(defvar *jit-renamed* nil)    ; alist: uninterned symbol -> its stand-in
(defvar *jit-specials* nil)   ; special variables the form refers to
(defvar *jit-rename-counter* 0)
(defvar *jit-outer-cenv* :none) ; the interpreter's environment around a promoted loop

(defun %jit-outer-entry-p (entry cenv)
  ;; Whether ENTRY, found in CENV, lives in the interpreter's frames around
  ;; a promoted loop rather than in the code being expanded.
  (and entry
       (not (%eq *jit-outer-cenv* :none))
       (do ((tail cenv (cdr tail)))
           ((%eq tail *jit-outer-cenv*) t)
         (when (member entry (%contour-entries (car tail)) :test #'eq)
           (return nil)))))

(defun %jit-frame (depth)
  ;; The form for the frame DEPTH levels out of the promoted loop's frame
  ;; (the parameter %LOOP-FRAME); slot 0 of a frame is its parent.
  (let ((frame '%loop-frame))
    (dotimes (i depth frame)
      (setq frame (list '%svref frame 0)))))

(defun %jit-frame-slot (depth index)
  (list '%svref (%jit-frame depth) index))

(defun %jit-literal-reference (object)
  (let ((index (length *jit-literals*)))
    (push object *jit-literals*)
    (list 'svref '%jit-literals index)))

(defun %jit-simple-constant-p (object)
  ;; Constants that print and read back as the same object.
  (or (%fixnump object) (characterp object)
      (and (symbolp object) (symbol-package object))))

(defun %jit-constant (object)
  ;; A form evaluating to OBJECT in the compiled code.
  (cond ((%jit-simple-constant-p object)
         (if (and (symbolp object) (not (keywordp object)) (not (eq object nil))
                  (not (eq object t)))
             (list 'quote object)
             object))
        (t (%jit-literal-reference object))))

(defun %jit-name (symbol)
  ;; Uninterned names become interned stand-ins, the same for each use.
  (cond ((not (symbolp symbol)) symbol)
        ((symbol-package symbol) symbol)
        (t (let ((known (assoc symbol *jit-renamed*)))
             (if known
                 (cdr known)
                 (let ((stand-in (%intern (%string-concat (symbol-name symbol) "-"
                                                          (%fixnum-to-string
                                                           (setq *jit-rename-counter*
                                                                 (%fx+ *jit-rename-counter* 1))))
                                          "CLYSM-JIT")))
                   (push (cons symbol stand-in) *jit-renamed*)
                   stand-in))))))

(defun %jit-note-special (symbol)
  (when (and (%globally-special-p symbol) (not (member symbol *jit-specials*)))
    (push symbol *jit-specials*)))

(defun %expand-all (form cenv)
  (cond ((symbolp form) (%expand-symbol form cenv))
        ((atom form) (%jit-constant form))
        ((symbolp (car form)) (%expand-operation form cenv))
        ((and (consp (car form)) (eq (caar form) 'lambda))
         (cons (%expand-lambda (car form) cenv) (%expand-list (cdr form) cenv)))
        (t (error 'program-error :format-control "illegal function call: ~S"
                                 :format-arguments (list form)))))

(defun %expand-list (forms cenv)
  (mapcar (lambda (form) (%expand-all form cenv)) forms))

(defun %expand-symbol (symbol cenv)
  (if (or (keywordp symbol) (eq symbol nil) (eq symbol t))
      symbol
      (multiple-value-bind (entry depth) (%env-variable cenv symbol)
        (cond ((and entry (eq (car entry) :symbol-macro))
               (%expand-all (caddr entry) cenv))
              ((%jit-outer-entry-p entry cenv)
               (if (eq (car entry) :variable)
                   (%jit-frame-slot depth (caddr entry))
                   (list 'symbol-value (list 'quote symbol))))  ; declared special out there
              (t (multiple-value-bind (expansion found) (%symbol-macro-expansion symbol nil)
                   (if (and found (null entry))
                       (%expand-all expansion cenv)
                       (progn (%jit-note-special symbol) (%jit-name symbol)))))))))

(defun %expand-operation (form cenv)
  (let ((operator (car form)))
    (case operator
      (quote (%jit-constant (cadr form)))
      (function (%expand-function-form (cadr form) cenv))
      ((let let*) (%expand-let form cenv))
      (setq (%expand-setq form cenv))
      ((flet labels) (%expand-local-functions form cenv))
      (macrolet (%expand-macrolet form cenv))
      (symbol-macrolet (%expand-symbol-macrolet form cenv))
      (block (%expand-block form cenv))
      (return-from (%expand-return-from form cenv))
      (tagbody (%expand-tagbody form cenv))
      (go (%expand-go form cenv))
      (locally (%expand-locally form cenv))
      (the (list 'the (cadr form) (%expand-all (caddr form) cenv)))
      (eval-when (list* 'eval-when (cadr form) (%expand-list (cddr form) cenv)))
      (load-time-value (%jit-constant (%load-time-value form)))
      (%multiple-value-bind
       (destructuring-bind (vars values-form &body body) (cdr form)
         (multiple-value-bind (body declarations) (%expand-body-parts body)
           (let ((inner (%variables-contour vars cenv)))
             `(%multiple-value-bind ,(mapcar #'%jit-name vars)
                  ,(%expand-all values-form cenv)
                ,@(%expand-declarations declarations)
                ,@(%expand-list body inner))))))
      (%destructuring-bind
       (destructuring-bind (lambda-list expression &body body) (cdr form)
         (multiple-value-bind (body declarations) (%expand-body-parts body)
           (let ((inner (%variables-contour (%lambda-list-variables lambda-list) cenv)))
             `(%destructuring-bind ,(%expand-lambda-list lambda-list inner)
                  ,(%expand-all expression cenv)
                ,@(%expand-declarations declarations)
                ,@(%expand-list body inner))))))
      (%macro-lambda
       (destructuring-bind (name lambda-list &body body) (cdr form)
         (multiple-value-bind (body declarations) (%expand-body-parts body)
           (let ((inner (%variables-contour (%lambda-list-variables lambda-list) cenv)))
             `(%macro-lambda ,name ,(%expand-lambda-list lambda-list inner)
                ,@(%expand-declarations declarations)
                ,@(%expand-list body inner))))))
      (named-lambda (%expand-lambda form cenv))
      ((if progn catch throw unwind-protect progv multiple-value-call multiple-value-prog1)
       (cons operator (%expand-list (cdr form) cenv)))
      (t (%expand-call form cenv)))))

(defun %expand-call (form cenv)
  (let ((operator (car form)))
    (multiple-value-bind (entry depth) (%env-function cenv operator)
      (cond ((and entry (eq (car entry) :macro))
             (%expand-all (%expand-macro (caddr entry) form cenv) cenv))
            ((%jit-outer-entry-p entry cenv)
             (list* 'funcall (%jit-frame-slot depth (caddr entry))
                    (%expand-list (cdr form) cenv)))
            (entry (cons (%jit-name operator) (%expand-list (cdr form) cenv)))
            ((%macro-function operator)
             (%expand-all (%expand-macro (%macro-function operator) form cenv) cenv))
            (t (cons operator (%expand-list (cdr form) cenv)))))))

(defun %expand-function-form (name cenv)
  (cond ((symbolp name)
         (multiple-value-bind (entry depth) (%env-function cenv name)
           (if (%jit-outer-entry-p entry cenv)
               (%jit-frame-slot depth (caddr entry))
               (list 'function (if entry (%jit-name name) name)))))
        ((and (consp name) (member (car name) '(lambda named-lambda)))
         (list 'function (%expand-lambda name cenv)))
        (t (list 'function name))))

;;; Blocks and tags: the expansion's own are recorded in contours (without
;;; frame) so that an exit to a block or tag of a promoted loop's
;;; surroundings is told apart and becomes a THROW to the interpreter's catch
;;; tag, kept in its frame (interpreter.lisp, BLOCK and TAGBODY).

(defun %expand-block (form cenv)
  (let ((contour (%make-contour nil)))
    (%contour-add contour (list :block (cadr form) 0 t))
    (list* 'block (%jit-name (cadr form)) (%expand-list (cddr form) (cons contour cenv)))))

(defun %expand-return-from (form cenv)
  (multiple-value-bind (entry depth) (%env-block cenv (cadr form))
    (if (%jit-outer-entry-p entry cenv)
        (list 'throw (%jit-frame-slot depth (caddr entry)) (%expand-all (caddr form) cenv))
        (list* 'return-from (%jit-name (cadr form)) (%expand-list (cddr form) cenv)))))

(defun %expand-tagbody (form cenv)
  (let* ((contour (%make-contour nil))
         (inner (cons contour cenv)))
    (dolist (item (cdr form))
      (when (or (symbolp item) (integerp item))
        (%contour-add contour (list :tag item 0 0 t))))
    (cons 'tagbody (mapcar (lambda (item)
                             (if (or (symbolp item) (integerp item))
                                 (%jit-name item)
                                 (%expand-all item inner)))
                           (cdr form)))))

(defun %expand-go (form cenv)
  ;; A GO out of a promoted loop throws the tag's position (its segment) to
  ;; the interpreter's tagbody, which goes on from there.
  (multiple-value-bind (entry depth) (%env-tag cenv (cadr form))
    (if (%jit-outer-entry-p entry cenv)
        (list 'throw (%jit-frame-slot depth (caddr entry)) (cadddr entry))
        (list 'go (%jit-name (cadr form))))))

;;; Binding forms: a contour (without frame) records what is bound, so that
;;; bound names shadow symbol macros and macros as they should.

(defun %variables-contour (names cenv)
  (let ((contour (%make-contour nil)))
    (dolist (name names)
      (when (symbolp name)
        (%jit-note-special name)
        (%contour-add contour (list :variable name 0))))
    (cons contour cenv)))

(defun %expand-body-parts (body &optional doc-allowed)
  ;; (values forms declarations)
  (multiple-value-bind (forms declarations) (%parse-body body doc-allowed)
    (values forms declarations)))

(defun %expand-declarations (declarations)
  ;; Declarations keep their meaning; only uninterned names are renamed.
  (mapcar (lambda (declaration)
            (cons 'declare
                  (mapcar (lambda (specifier)
                            (if (and (consp specifier)
                                     (member (car specifier) '(special ignore ignorable
                                                               dynamic-extent)))
                                (cons (car specifier) (mapcar #'%jit-name (cdr specifier)))
                                specifier))
                          (cdr declaration))))
          declarations))

(defun %expand-let (form cenv)
  (let ((sequential (eq (car form) 'let*)) (scope cenv) (bindings nil))
    (multiple-value-bind (body declarations) (%expand-body-parts (cddr form))
      (dolist (binding (cadr form))
        (let ((name (%binding-name binding)))
          (push (list (%jit-name name) (%expand-all (%binding-init binding) scope)) bindings)
          (when sequential (setq scope (%variables-contour (list name) scope)))))
      (let ((inner (%variables-contour (mapcar #'%binding-name (cadr form)) cenv)))
        `(,(car form) ,(nreverse bindings)
          ,@(%expand-declarations declarations)
          ,@(%expand-list body inner))))))

(defun %expand-setq (form cenv)
  ;; A SETQ of a symbol macro is a SETF of its expansion.
  (let ((pairs nil))
    (do ((tail (cdr form) (cddr tail)))
        ((null tail))
      (let ((place (car tail)) (value (cadr tail)))
        (multiple-value-bind (entry depth) (%env-variable cenv place)
          (multiple-value-bind (expansion found)
              (cond ((and entry (eq (car entry) :symbol-macro)) (values (caddr entry) t))
                    (entry (values nil nil))
                    (t (%symbol-macro-expansion place nil)))
            (push (cond (found (%expand-all `(setf ,expansion ,value) cenv))
                        ((%jit-outer-entry-p entry cenv)
                         (if (eq (car entry) :variable)
                             (list '%svset (%jit-frame depth) (caddr entry)
                                   (%expand-all value cenv))
                             (list 'set (list 'quote place) (%expand-all value cenv))))
                        (t (%jit-note-special place)
                           `(setq ,(%jit-name place) ,(%expand-all value cenv))))
                  pairs)))))
    (if (and pairs (null (cdr pairs))) (car pairs) (cons 'progn (nreverse pairs)))))

(defun %expand-locally (form cenv)
  (multiple-value-bind (body declarations) (%expand-body-parts (cdr form))
    `(locally ,@(%expand-declarations declarations) ,@(%expand-list body cenv))))

(defun %functions-contour (names cenv)
  (let ((contour (%make-contour nil)))
    (dolist (name names)
      (%contour-add contour (list :function name 0)))
    (cons contour cenv)))

(defun %expand-local-functions (form cenv)
  (let* ((names (mapcar #'car (cadr form)))
         (inner (%functions-contour names cenv))
         (definition-env (if (eq (car form) 'labels) inner cenv)))
    (multiple-value-bind (body declarations) (%expand-body-parts (cddr form))
      `(,(car form)
        ,(mapcar (lambda (definition)
                   (let ((lambda-form (%expand-lambda `(named-lambda ,@definition)
                                                      definition-env)))
                     ;; (named-lambda name ll . body) -> (name ll . body)
                     (cons (%jit-name (car definition)) (cddr lambda-form))))
                 (cadr form))
        ,@(%expand-declarations declarations)
        ,@(%expand-list body inner)))))

(defun %expand-macrolet (form cenv)
  (let ((contour (%make-contour nil)))
    (dolist (definition (cadr form))
      (%contour-add contour
                    (list :macro (car definition)
                          (%evaluate-in-macro-environment
                           `(%macro-lambda ,(car definition) ,@(cdr definition)) cenv))))
    (%expand-locally (cons 'locally (cddr form)) (cons contour cenv))))

(defun %expand-symbol-macrolet (form cenv)
  (let ((contour (%make-contour nil)))
    (dolist (definition (cadr form))
      (%contour-add contour (list :symbol-macro (car definition) (cadr definition))))
    (%expand-locally (cons 'locally (cddr form)) (cons contour cenv))))

;;; Lambdas

(defun %lambda-list-variables (lambda-list)
  ;; Every variable a (possibly destructuring) lambda list binds.
  (let ((names nil))
    (labels ((spec-names (item)
               ;; (var [init [supplied]]) or ((:keyword var) [init [supplied]])
               (let ((var (car item)))
                 (push (if (consp var) (cadr var) var) names)
                 (when (cddr item) (push (caddr item) names))))
             (walk (list required)
               (tagbody
                next
                  (cond ((null list))
                        ((atom list) (push list names))
                        (t (let ((item (car list)))
                             (cond ((%lambda-list-keyword-p item)
                                    (when (member item '(&optional &key &aux))
                                      (setq required nil)))
                                   ((symbolp item) (push item names))
                                   (required (walk item t))  ; a nested pattern
                                   (t (spec-names item))))
                           (setq list (cdr list))
                           (go next))))))
      (walk lambda-list t))
    names))

(defun %expand-lambda-list (lambda-list cenv &optional (required t))
  ;; Names renamed, default forms expanded (in CENV, which binds every
  ;; parameter already: a default sees only the ones before it, and the
  ;; renaming is the same either way).
  (cond ((null lambda-list) nil)
        ((atom lambda-list) (%jit-name lambda-list))
        (t (let* ((item (car lambda-list))
                  (still-required (and required
                                       (not (member item '(&optional &key &aux))))))
             (cons (cond ((%lambda-list-keyword-p item) item)
                         ((symbolp item) (%jit-name item))
                         (required (%expand-lambda-list item cenv t))  ; nested pattern
                         (t (list* (if (consp (car item))
                                       (list (caar item) (%jit-name (cadar item)))
                                       (%jit-name (car item)))
                                   (%expand-all (cadr item) cenv)
                                   (and (cddr item) (list (%jit-name (caddr item)))))))
                   (%expand-lambda-list (cdr lambda-list) cenv still-required))))))

(defun %expand-lambda (lambda-form cenv)
  ;; (lambda ll . body) or (named-lambda name ll . body), expanded.
  (let* ((named (eq (car lambda-form) 'named-lambda))
         (lambda-list (if named (caddr lambda-form) (cadr lambda-form)))
         (body (if named (cdddr lambda-form) (cddr lambda-form)))
         (inner (%variables-contour (%lambda-list-variables lambda-list) cenv)))
    (multiple-value-bind (forms declarations) (%expand-body-parts body t)
      (let ((expanded `(,(%expand-lambda-list lambda-list inner)
                        ,@(%expand-declarations declarations)
                        ,@(%expand-list forms inner))))
        (if named
            (list* 'named-lambda (cadr lambda-form) expanded)
            (cons 'lambda expanded))))))

(defun %jit-source (source)
  ;; (values expanded-form literals specials) for a function's source.
  (let ((*jit-literals* nil) (*jit-renamed* nil) (*jit-specials* nil))
    (let ((expanded (%expand-lambda source nil)))
      (values expanded (apply #'vector (reverse *jit-literals*)) *jit-specials*))))

(defun %jit-loop-source (tagbody cenv)
  ;; (values expanded-form literals specials) for a TAGBODY running in the
  ;; interpreter in CENV: a function of the frame and of the segment to
  ;; start at (0 before the first tag, I after the Ith tag), which runs the
  ;; loop to its end.
  (let ((*jit-literals* nil) (*jit-renamed* nil) (*jit-specials* nil)
        (*jit-outer-cenv* cenv))
    (let* ((expanded (%expand-tagbody tagbody cenv))
           (tags (remove-if-not (lambda (item) (or (symbolp item) (integerp item)))
                                (cdr expanded)))
           (dispatch nil)
           (position (length tags)))
      (dolist (tag (reverse tags))
        (setq dispatch `(if (eq %loop-start ,position) (go ,tag) ,dispatch)
              position (%fx- position 1)))
      (values `(named-lambda %promoted-loop (%loop-frame %loop-start)
                 (tagbody ,@(and dispatch (list dispatch)) ,@(cdr expanded))
                 nil)
              (apply #'vector (reverse *jit-literals*))
              *jit-specials*))))
