;;;; boot.lisp -- the first macros of clysm, written with special forms only.
;;;;
;;;; Nothing here may use a macro before this file defines it.  The only
;;;; operators available at the start are the special operators (and the
;;;; front end's internal operators NAMED-LAMBDA, %MACRO-LAMBDA and
;;;; %DESTRUCTURING-BIND), the kernel functions (car, cdr, cons, eq, list, ...)
;;;; and the two definers %DEFUN and %DEFMACRO.  By the end of the file we
;;;; have LAMBDA, DEFUN, DEFMACRO and DESTRUCTURING-BIND.

(in-package "CLYSM")

;;; The definers DEFUN and DEFMACRO expand into.  At compile time the host
;;; kernel provides them; these are their run-time definitions, written with
;;; intrinsics only because they run before any other function exists.

;;; Concatenation of two strings.
(%fset '%string-concat-2
  #'(lambda (a b)
      (let* ((na (%string-length a))
             (result (%make-string (%fx+ na (%string-length b)) (%code-char 0)))
             (i 0))
        (tagbody
         copy-a
           (if (%fx< i na)
               (progn (%set-schar result i (%schar a i))
                      (setq i (%fx+ i 1))
                      (go copy-a)))
           (setq i 0)
         copy-b
           (if (%fx< i (%string-length b))
               (progn (%set-schar result (%fx+ na i) (%schar b i))
                      (setq i (%fx+ i 1))
                      (go copy-b))))
        result)))

;;; The symbol whose function cell holds the function named NAME.  The
;;; function (SETF F) lives in a symbol of F's name in the pseudo-package
;;; "(SETF)P", P being the name of F's home package; the compiler names the
;;; same symbol.
(%fset '%function-cell
  #'(lambda (name)
      (if (%symbolp name)
          name
          (if (%consp name)
              (if (%eq (%car name) 'setf)
                  (if (%consp (%cdr name))
                      (if (%symbolp (%car (%cdr name)))
                          (if (%eq (%cdr (%cdr name)) nil)
                              (%intern (%symbol-name (%car (%cdr name)))
                                       (%string-concat-2
                                        "(SETF)"
                                        (%home-package-name (%car (%cdr name)))))))))))))

;;; The name of a symbol's home package.  During start-up the kernel keeps
;;; package names in symbols; packages.lisp then puts packages there.
(%fset '%home-package-name
  #'(lambda (symbol)
      ((lambda (package) (if (%stringp package) package (package-name package)))
       (%symbol-package symbol))))

(%fset '%defun
  #'(lambda (name function)
      (%fset (%function-cell name) function)
      name))

;;; Store VALUE under INDICATOR on SYMBOL's plist (what %PUT does, before
;;; %PUT exists).
(%defun '%plist-put
  #'(lambda (symbol indicator value)
      (let ((plist (%symbol-plist symbol)))
        (tagbody
         next
           (if (%consp plist)
               (if (%eq (%car plist) indicator)
                   (%rplaca (%cdr plist) value)
                   (progn (setq plist (%cdr (%cdr plist)))
                          (go next)))
               (%set-symbol-plist
                symbol (%cons indicator (%cons value (%symbol-plist symbol)))))))
      value))

;;; A macro's expander lives on its symbol's plist, so that its function cell
;;; stays empty (calling a macro as a function is an undefined-function error).
(%fset '%defmacro
  #'(lambda (name expander)
      (%plist-put name '%macro-function expander)
      (%fmakunbound name)
      name))

(%fset '%define-compiler-macro
  #'(lambda (name expander)
      (%plist-put name '%compiler-macro expander)
      name))

;;; LAMBDA as a macro: (lambda ...) => #'(lambda ...).
(eval-when (:compile-toplevel :load-toplevel :execute)
  (%defmacro 'lambda
    #'(lambda (form env)
        (declare (ignore env))
        (list 'function form))))

;;; The list functions the first macros need, written without macros.

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

;;; (DEFUN name lambda-list . body).  NAMED-LAMBDA gives the function its
;;; name and its implicit block (FOO for both FOO and (SETF FOO)).
(eval-when (:compile-toplevel :load-toplevel :execute)
  (%defmacro 'defun
    #'(lambda (form env)
        (declare (ignore env))
        (let ((name (car (cdr form))))
          (list 'progn
                (list '%defun (list 'quote name)
                      (list 'function
                            (cons 'named-lambda (cons name (cdr (cdr form))))))
                (list 'quote name))))))

;;; Destructuring lambda lists are parsed by the compiler's front end, the one
;;; definition of destructuring: %MACRO-LAMBDA makes a (form env) expander
;;; from a macro lambda list, %DESTRUCTURING-BIND binds a destructuring
;;; lambda list.

;;; The number of parameters before &BODY in a macro lambda list, NIL if it
;;; has no &BODY: the pretty printer lays out calls of the macro by it.
(%defun '%body-position
  #'(lambda (lambda-list)
      (if (atom lambda-list)
          nil
          (let ((head (car lambda-list)))
            (if (eq head '&body)
                0
                (if (if (eq head '&whole) t (eq head '&environment))
                    (%body-position (cdr (cdr lambda-list)))
                    (if (eq head '&optional)
                        (%body-position (cdr lambda-list))
                        (if (if (eq head '&rest) t (if (eq head '&key) t (eq head '&aux)))
                            nil
                            (let ((n (%body-position (cdr lambda-list))))
                              (if n (%fx+ n 1) nil))))))))))

;;; (DEFMACRO name lambda-list . body)
(eval-when (:compile-toplevel :load-toplevel :execute)
  (%defmacro 'defmacro
    #'(lambda (form env)
        (declare (ignore env))
        (let ((name (car (cdr form))))
          (list 'progn
                (list 'eval-when '(:compile-toplevel :load-toplevel :execute)
                      (list '%defmacro (list 'quote name)
                            (cons '%macro-lambda (cdr form))))
                (list 'eval-when '(:load-toplevel :execute)
                      (list '%plist-put (list 'quote name) ''%body-position
                            (list 'quote (%body-position (car (cdr (cdr form)))))))
                (list 'quote name))))))

;;; (DEFINE-COMPILER-MACRO name lambda-list . body): the compiler calls the
;;; expander on each call of NAME it compiles (unless NAME is declared
;;; NOTINLINE); returning the form unchanged declines.
(defmacro define-compiler-macro (name lambda-list &body body)
  (list 'eval-when '(:compile-toplevel :load-toplevel :execute)
        (list '%define-compiler-macro (list 'quote name)
              (cons '%macro-lambda (cons name (cons lambda-list body))))
        (list 'quote name)))

;;; (DESTRUCTURING-BIND pattern expression . body)
(defmacro destructuring-bind (&whole form pattern expression &body body)
  (declare (ignore pattern expression body))
  (cons '%destructuring-bind (cdr form)))

;;; The &environment variable of a macro lambda list, or NIL
;;; (DEFINE-SETF-EXPANDER needs it).
(defun %environment-var (lambda-list)
  (tagbody
   next
     (if (atom lambda-list) (return-from %environment-var nil))
     (if (eq (car lambda-list) '&environment)
         (return-from %environment-var (car (cdr lambda-list))))
     (setq lambda-list (cdr lambda-list))
     (go next)))
