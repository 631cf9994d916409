;;;; boot.lisp -- the first macros of clysm, written with special forms only.
;;;;
;;;; Nothing here may use a macro before this file defines it.  The only
;;;; operators available at the start are the special operators, the kernel
;;;; functions (car, cdr, cons, eq, list, ...) and the two definers
;;;; %DEFUN and %DEFMACRO.  By the end of the file we have LAMBDA, DEFUN,
;;;; DEFMACRO (with full destructuring lambda lists), DESTRUCTURING-BIND and
;;;; backquote.

(in-package "CLYSM")

;;; LAMBDA as a macro: (lambda ...) => #'(lambda ...).
(%defmacro 'lambda
  #'(lambda (form env)
      (declare (ignore env))
      (list 'function form)))

;;; The list functions the definers below need, written without macros.

(%defun 'revappend
  #'(lambda (list tail)
      (tagbody
       next
         (if (consp list)
             (progn (setq tail (cons (car list) tail))
                    (setq list (cdr list))
                    (go next))))
      tail))

(%defun 'nreconc
  #'(lambda (list tail)
      (tagbody
       next
         (if (consp list)
             (let ((next (cdr list)))
               (rplacd list tail)
               (setq tail list)
               (setq list next)
               (go next))))
      tail))

(%defun 'append
  #'(lambda (&rest lists)
      (if (null lists)
          nil
          (if (null (cdr lists))
              (car lists)
              (revappend (revappend (car lists) nil) (apply #'append (cdr lists)))))))

(%defun '%memq
  #'(lambda (item list)
      (block %memq
        (tagbody
         next
           (if (null list) (return-from %memq nil))
           (if (eq item (car list)) (return-from %memq list))
           (setq list (cdr list))
           (go next)))))

;;; Splitting a body into declarations, docstring and forms.

(%defun '%declaration-p
  #'(lambda (form)
      (if (consp form) (eq (car form) 'declare) nil)))

;;; Returns (values forms declarations docstring).  A string is a docstring
;;; only when DOC-ALLOWED and it is not the last form.
(%defun '%parse-body
  #'(lambda (body doc-allowed)
      (let ((decls nil) (doc nil))
        (tagbody
         next
           (if (null body) (go done))
           (if (%declaration-p (car body))
               (progn (setq decls (cons (car body) decls))
                      (setq body (cdr body))
                      (go next)))
           (if (if doc-allowed (if (stringp (car body)) (if (null doc) (cdr body) nil) nil) nil)
               (progn (setq doc (car body))
                      (setq body (cdr body))
                      (go next)))
         done)
        (values body (nreconc decls nil) doc))))

;;; The name of the implicit block of a function named NAME: FOO or (SETF FOO) => FOO.
(%defun '%function-block-name
  #'(lambda (name)
      (if (consp name) (car (cdr name)) name)))

;;; (DEFUN name lambda-list . body)
(%defmacro 'defun
  #'(lambda (form env)
      (declare (ignore env))
      (let ((name (car (cdr form)))
            (lambda-list (car (cdr (cdr form)))))
        (multiple-value-call
            #'(lambda (forms decls doc)
                (declare (ignore doc))
                (list 'progn
                      (list '%defun (list 'quote name)
                            (list 'function
                                  (cons 'lambda
                                        (cons lambda-list
                                              (append decls
                                                      (list (cons 'block
                                                                  (cons (%function-block-name name)
                                                                        forms))))))))
                      (list 'quote name)))
          (%parse-body (cdr (cdr (cdr form))) t)))))

;;; ------------------------------------------------------------------
;;; Destructuring lambda lists (for DEFMACRO and DESTRUCTURING-BIND).
;;;
;;; %DESTRUCTURE returns a list of LET* bindings that bind the variables of
;;; PATTERN to the parts of the value of the variable WHOLE-VAR, signalling
;;; an error when the list does not match.  CONTEXT names the construct for
;;; error messages.

(defun %lambda-list-keyword-p (x)
  (if (symbolp x)
      (if (%memq x '(&optional &rest &body &key &allow-other-keys &aux &whole &environment))
          t
          nil)
      nil))

;;; Run-time support for destructuring: find KEY in the property list PLIST;
;;; the result is the tail starting at the key, or NIL.
(defun %dl-key-tail (plist key)
  (tagbody
   next
     (if (null plist) (return-from %dl-key-tail nil))
     (if (eq (car plist) key) (return-from %dl-key-tail plist))
     (setq plist (cdr (cdr plist)))
     (go next)))

(defun %dl-check-keys (plist valid context)
  (if (cdr (%dl-key-tail plist :allow-other-keys))
      (return-from %dl-check-keys nil))
  (let ((tail plist))
    (tagbody
     next
       (if (null tail) (return-from %dl-check-keys nil))
       (if (null (cdr tail))
           (error 'program-error
                  :format-control "odd number of keyword arguments in ~S"
                  :format-arguments (list context)))
       (if (not (%memq (car tail) valid))
           (if (not (eq (car tail) :allow-other-keys))
               (error 'program-error
                      :format-control "unknown keyword ~S in ~S; expected one of ~S"
                      :format-arguments (list (car tail) context valid))))
       (setq tail (cdr (cdr tail)))
       (go next))))

(defun %dl-error (message context object)
  (error 'program-error
         :format-control "~A in ~S: ~S"
         :format-arguments (list message context object)))

;;; The binding list for PATTERN against variable WHOLE-VAR.
(defun %destructure (pattern whole-var context)
  (let ((bindings nil)
        (rest-var (gensym "REST"))
        (mode 'required)
        (key-names nil)
        (allow-other-keys nil)
        (rest-seen nil))
    (setq bindings (list (list rest-var whole-var)))
    ;; &WHOLE must come first.
    (if (if (consp pattern) (eq (car pattern) '&whole) nil)
        (progn
          (setq bindings (append (%destructure-var (car (cdr pattern)) whole-var context)
                                 bindings))
          (setq pattern (cdr (cdr pattern)))))
    (tagbody
     next
       (if (null pattern) (go done))
       (if (atom pattern)
           ;; A dotted tail: (a b . rest)
           (progn (setq bindings (append bindings (%destructure-var pattern rest-var context)))
                  (setq rest-seen t)
                  (go done)))
       (let ((item (car pattern)))
         (setq pattern (cdr pattern))
         (if (%lambda-list-keyword-p item)
             (progn
               (if (eq item '&environment)
                   ;; Handled by DEFMACRO itself; skip the variable.
                   (progn (setq pattern (cdr pattern)) (go next)))
               (if (if (eq item '&rest) t (eq item '&body))
                   (progn
                     (setq bindings (append bindings
                                            (%destructure-var (car pattern) rest-var context)))
                     (setq rest-seen t)
                     (setq pattern (cdr pattern))
                     (go next)))
               (if (eq item '&allow-other-keys)
                   (progn (setq allow-other-keys t) (go next)))
               (if (eq item '&key) (setq rest-seen t))
               (setq mode item)
               (go next)))
         (if (eq mode 'required)
             (let ((part (gensym "PART")))
               (setq bindings
                     (append bindings
                             (list (list part
                                         (list 'if rest-var
                                               (list 'car rest-var)
                                               (list '%dl-error "too few elements"
                                                     (list 'quote context)
                                                     whole-var)))
                                   (list rest-var (list 'cdr rest-var)))
                             (%destructure-var item part context)))
               (go next)))
         (if (eq mode '&optional)
             (let ((var (if (consp item) (car item) item))
                   (default (if (consp item) (car (cdr item)) nil))
                   (supplied (if (consp item) (car (cdr (cdr item))) nil))
                   (part (gensym "PART")))
               (setq bindings
                     (append bindings
                             (if supplied (list (list supplied (list 'if rest-var t nil))) nil)
                             (list (list part (list 'if rest-var (list 'car rest-var) default))
                                   (list rest-var (list 'cdr rest-var)))
                             (%destructure-var var part context)))
               (go next)))
         (if (eq mode '&key)
             (let* ((spec (if (consp item) (car item) item))
                    (var (if (consp spec) (car (cdr spec)) spec))
                    (key (if (consp spec) (car spec) (intern (symbol-name var) "KEYWORD")))
                    (default (if (consp item) (car (cdr item)) nil))
                    (supplied (if (consp item) (car (cdr (cdr item))) nil))
                    (tail (gensym "KEY"))
                    (part (gensym "PART")))
               (setq key-names (cons key key-names))
               (setq bindings
                     (append bindings
                             (list (list tail (list '%dl-key-tail rest-var (list 'quote key))))
                             (if supplied (list (list supplied (list 'if tail t nil))) nil)
                             (list (list part (list 'if tail (list 'car (list 'cdr tail)) default)))
                             (%destructure-var var part context)))
               (go next)))
         (if (eq mode '&aux)
             (progn
               (setq bindings
                     (append bindings
                             (list (if (consp item)
                                       (list (car item) (car (cdr item)))
                                       (list item nil)))))
               (go next))))
     done)
    (if (eq mode '&key)
        (if (not allow-other-keys)
            (setq bindings
                  (append bindings
                          (list (list (gensym "CHECK")
                                      (list '%dl-check-keys rest-var
                                            (list 'quote key-names)
                                            (list 'quote context)))))))
        (if (not rest-seen)
            (setq bindings
                  (append bindings
                          (list (list (gensym "CHECK")
                                      (list 'if rest-var
                                            (list '%dl-error "too many elements"
                                                  (list 'quote context)
                                                  whole-var)
                                            nil)))))))
    bindings))

;;; Bind VAR, a symbol or a nested pattern, to the value of variable SOURCE.
(defun %destructure-var (var source context)
  (if (symbolp var)
      (list (list var source))
      (%destructure var source context)))

;;; The variables a binding list made by %DESTRUCTURE binds that are gensyms:
;;; they are declared ignorable so that unused parts don't warn.
(defun %destructure-temporaries (bindings)
  (let ((result nil))
    (tagbody
     next
       (if (null bindings) (go done))
       (if (null (symbol-package (car (car bindings))))
           (setq result (cons (car (car bindings)) result)))
       (setq bindings (cdr bindings))
       (go next)
     done)
    result))

;;; The &environment variable of a macro lambda list, or NIL.
(defun %environment-var (lambda-list)
  (tagbody
   next
     (if (atom lambda-list) (return-from %environment-var nil))
     (if (eq (car lambda-list) '&environment)
         (return-from %environment-var (car (cdr lambda-list))))
     (setq lambda-list (cdr lambda-list))
     (go next)))

;;; (DESTRUCTURING-BIND pattern expression . body)
(%defmacro 'destructuring-bind
  #'(lambda (form env)
      (declare (ignore env))
      (let ((pattern (car (cdr form)))
            (expression (car (cdr (cdr form))))
            (body (cdr (cdr (cdr form))))
            (whole (gensym "WHOLE")))
        (multiple-value-call
            #'(lambda (forms decls doc)
                (declare (ignore doc))
                (let ((bindings (%destructure pattern whole 'destructuring-bind)))
                  (list 'let (list (list whole expression))
                        (cons 'let*
                              (cons bindings
                                    (cons (list 'declare
                                                (cons 'ignorable
                                                      (%destructure-temporaries bindings)))
                                          (append decls forms)))))))
          (%parse-body body nil)))))

;;; (DEFMACRO name lambda-list . body).  The expander takes (form env); the
;;; lambda list destructures the cdr of the form, &whole the whole form.
(%defmacro 'defmacro
  #'(lambda (form env)
      (declare (ignore env))
      (let* ((name (car (cdr form)))
             (lambda-list (car (cdr (cdr form))))
             (form-var (gensym "FORM"))
             (env-var (let ((e (%environment-var lambda-list))) (if e e (gensym "ENV"))))
             (args-var (gensym "ARGS"))
             (whole-binding nil))
        ;; &whole binds the entire form, not just the arguments.
        (if (if (consp lambda-list) (eq (car lambda-list) '&whole) nil)
            (progn
              (setq whole-binding (%destructure-var (car (cdr lambda-list)) form-var name))
              (setq lambda-list (cdr (cdr lambda-list)))))
        (multiple-value-call
            #'(lambda (forms decls doc)
                (declare (ignore doc))
                (let ((bindings (append whole-binding
                                        (list (list args-var (list 'cdr form-var)))
                                        (%destructure lambda-list args-var name))))
                  (list 'eval-when '(:compile-toplevel :load-toplevel :execute)
                        (list '%defmacro (list 'quote name)
                              (list 'function
                                    (list 'lambda (list form-var env-var)
                                          (list 'declare (list 'ignorable env-var))
                                          (cons 'let*
                                                (cons bindings
                                                      (cons (list 'declare
                                                                  (cons 'ignorable
                                                                        (%destructure-temporaries
                                                                         bindings)))
                                                            (append decls
                                                                    (list (cons 'block
                                                                                (cons name
                                                                                      forms))))))))))
                        (list 'quote name))))
          (%parse-body (cdr (cdr (cdr form))) t)))))
