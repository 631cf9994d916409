;;;; control.lisp -- the standard control macros (CLHS chapters 5, 6, 9)

(in-package "CLYSM")

;; First: the macros below use it in their expanders.
(defmacro multiple-value-bind (vars values-form &body body)
  `(%multiple-value-bind ,vars ,values-form ,@body))

(defmacro when (test &body body)
  `(if ,test (progn ,@body) nil))

(defmacro unless (test &body body)
  `(if ,test nil (progn ,@body)))

(defmacro and (&rest forms)
  (if (null forms)
      t
      (if (null (cdr forms))
          (car forms)
          `(if ,(car forms) (and ,@(cdr forms)) nil))))

(defmacro or (&rest forms)
  (if (null forms)
      nil
      (if (null (cdr forms))
          (car forms)
          (let ((temp (gensym "OR")))
            `(let ((,temp ,(car forms)))
               (if ,temp ,temp (or ,@(cdr forms))))))))

(defmacro cond (&rest clauses)
  (if (null clauses)
      nil
      (let ((clause (car clauses))
            (more (cdr clauses)))
        (if (atom clause)
            (error 'program-error :format-control "bad COND clause: ~S"
                                  :format-arguments (list clause)))
        (if (null (cdr clause))
            ;; (cond (test) ...) yields the test's value when true.
            `(or ,(car clause) (cond ,@more))
            (if (eq (car clause) t)
                `(progn ,@(cdr clause))
                `(if ,(car clause)
                     (progn ,@(cdr clause))
                     (cond ,@more)))))))

(defmacro prog1 (first &body rest)
  (let ((temp (gensym "PROG1")))
    `(let ((,temp ,first))
       ,@rest
       ,temp)))

(defmacro prog2 (first second &body rest)
  `(progn ,first (prog1 ,second ,@rest)))

(defmacro return (&optional value)
  `(return-from nil ,value))

(defmacro psetq (&rest pairs)
  ;; Evaluate all values first, then assign: through PSETF so that
  ;; symbol macros are handled like SETQ handles them.
  `(psetf ,@pairs))

;;; CASE and friends

(defun %case-clause-test (key-var keys)
  (cond ((or (eq keys t) (eq keys 'otherwise)) t)
        ((listp keys) `(or ,@(mapcar (lambda (key) `(eql ,key-var ',key)) keys)))
        (t `(eql ,key-var ',keys))))

(defun %expand-case (keyform clauses error-kind)
  (let ((key-var (gensym "KEY"))
        (all-keys nil))
    `(let ((,key-var ,keyform))
       (cond
         ,@(mapcar (lambda (clause)
                     (let ((keys (car clause)))
                       (when (and error-kind (or (eq keys t) (eq keys 'otherwise)))
                         (error "~S is not allowed in ~S" keys error-kind))
                       (setq all-keys (append all-keys (if (listp keys) keys (list keys))))
                       `(,(%case-clause-test key-var keys) nil ,@(cdr clause))))
                   clauses)
         ,@(when error-kind
             `((t (error 'type-error :datum ,key-var
                                     :expected-type '(member ,@all-keys)))))))))

(defmacro case (keyform &body clauses)
  (%expand-case keyform clauses nil))

(defmacro ecase (keyform &body clauses)
  (%expand-case keyform clauses 'ecase))

;;; Iteration

(defun %do-bindings (specs)
  (mapcar (lambda (spec) (if (consp spec) (list (car spec) (cadr spec)) (list spec nil)))
          specs))

(defmacro dolist-simple ((var list) &body body)
  ;; A DOLIST for use before DOLIST exists (no result form, no declarations).
  ;; Gensyms for the tags too: a GO in BODY must not reach them.
  (let ((tail (gensym "TAIL")) (next (gensym "NEXT")) (done (gensym "DONE")))
    `(let ((,tail ,list))
       (tagbody
        ,next
          (if (null ,tail) (go ,done))
          (let ((,var (car ,tail))) ,@body)
          (setq ,tail (cdr ,tail))
          (go ,next)
        ,done))))

(defun %do-steps (specs)
  (let ((steps nil))
    (dolist-simple (spec specs)
      (when (and (consp spec) (cddr spec))
        (setq steps (append steps (list (car spec) (caddr spec))))))
    steps))

;;; Assign the step values: in parallel through temporaries (DO), or in
;;; sequence (DO*).  Not through PSETQ, which needs SETF, defined later.
(defun %do-step-form (steps parallel)
  (if (or (not parallel) (null (cddr steps)))
      `(setq ,@steps)
      (let ((temps nil) (assignments nil))
        (dolist-simple (pair (%pairs steps))
          (let ((temp (gensym "STEP")))
            (setq temps (cons (list temp (cadr pair)) temps))
            (setq assignments (cons (car pair) (cons temp assignments)))))
        `(let ,(nreconc temps nil) (setq ,@assignments)))))

(defun %pairs (plist)
  (if (null plist) nil (cons (list (car plist) (cadr plist)) (%pairs (cddr plist)))))

(defun %expand-do (specs end-clause body parallel)
  (let ((loop-tag (gensym "LOOP"))
        (end-tag (gensym "END")))
    (multiple-value-bind (forms decls) (%parse-body body nil)
      `(block nil
         (,(if parallel 'let 'let*) ,(%do-bindings specs)
          ,@decls
          (tagbody
             ,loop-tag
             (when ,(car end-clause) (go ,end-tag))
             ,@forms
             ,(%do-step-form (%do-steps specs) parallel)
             (go ,loop-tag)
             ,end-tag)
          (return-from nil (progn ,@(cdr end-clause))))))))

(defmacro do (specs end-clause &body body)
  (%expand-do specs end-clause body t))

(defmacro do* (specs end-clause &body body)
  (%expand-do specs end-clause body nil))

(defmacro dolist ((var list-form &optional result) &body body)
  (let ((tail (gensym "TAIL")) (next (gensym "NEXT")) (done (gensym "DONE")))
    (multiple-value-bind (forms decls) (%parse-body body nil)
      `(block nil
         (let ((,tail ,list-form))
           (tagbody
            ,next
              (if (null ,tail) (go ,done))
              (let ((,var (car ,tail)))
                ,@decls
                (tagbody ,@forms))
              (setq ,tail (cdr ,tail))
              (go ,next)
            ,done)
           ;; VAR is bound to NIL while RESULT is evaluated.
           (let ((,var nil))
             (declare (ignorable ,var))
             ,result))))))

(defmacro dotimes ((var count-form &optional result) &body body)
  (let ((count (gensym "COUNT")) (next (gensym "NEXT")) (done (gensym "DONE")))
    (multiple-value-bind (forms decls) (%parse-body body nil)
      `(block nil
         (let ((,count ,count-form)
               (,var 0))
           ,@decls
           (tagbody
            ,next
              (if (>= ,var ,count) (go ,done))
              (tagbody ,@forms)
              (setq ,var (1+ ,var))
              (go ,next)
            ,done)
           ,result)))))

(defmacro prog (bindings &body body)
  (multiple-value-bind (forms decls) (%parse-body body nil)
    `(block nil (let ,bindings ,@decls (tagbody ,@forms)))))

(defmacro prog* (bindings &body body)
  (multiple-value-bind (forms decls) (%parse-body body nil)
    `(block nil (let* ,bindings ,@decls (tagbody ,@forms)))))

;;; Multiple values

(defmacro multiple-value-list (form)
  `(multiple-value-call #'list ,form))

(defmacro nth-value (n form)
  `(nth ,n (multiple-value-list ,form)))

(defmacro multiple-value-setq (vars form)
  (let ((temps (mapcar (lambda (v) (declare (ignore v)) (gensym "V")) vars)))
    `(multiple-value-bind ,temps ,form
       ,@(mapcar (lambda (v tmp) `(setq ,v ,tmp)) vars temps)
       ,(car temps))))

;;; Definitions of global variables and constants

(defmacro defvar (name &optional (value nil value-p) documentation)
  (declare (ignore documentation))
  `(progn
     (eval-when (:compile-toplevel :load-toplevel :execute)
       (proclaim '(special ,name)))
     ,@(when value-p
         `((unless (boundp ',name) (set ',name ,value))))
     ',name))

(defmacro defparameter (name value &optional documentation)
  (declare (ignore documentation))
  `(progn
     (eval-when (:compile-toplevel :load-toplevel :execute)
       (proclaim '(special ,name)))
     (set ',name ,value)
     ',name))

(defmacro defconstant (name value &optional documentation)
  (declare (ignore documentation))
  `(progn
     (eval-when (:compile-toplevel :load-toplevel :execute)
       (%defconstant ',name ,value))
     ',name))

(defmacro define-symbol-macro (name expansion)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (%define-symbol-macro ',name ',expansion)
     ',name))

(defmacro declaim (&rest specs)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     ,@(mapcar (lambda (spec) `(proclaim ',spec)) specs)))

(defmacro in-package (name)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     (setq *package* (%find-package-or-lose ,(string name)))))
