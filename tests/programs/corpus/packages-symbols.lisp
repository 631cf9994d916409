;;;; The symbols of packages: EXPORT, UNEXPORT, IMPORT, SHADOW,
;;;; SHADOWING-IMPORT, USE-PACKAGE, UNUSE-PACKAGE, UNINTERN, name conflicts,
;;;; package errors, iteration (DO-SYMBOLS, DO-EXTERNAL-SYMBOLS,
;;;; DO-ALL-SYMBOLS, WITH-PACKAGE-ITERATOR) and the reader with packages.
;;;; Symbols whose package changes at run time are found with FIND-SYMBOL,
;;;; not read: a compiled file reads its forms before any of them runs.

(defun show (&rest things) (format t "~{~S~^ ~}~%" things))
(defun status (name package) (multiple-value-list (find-symbol name package)))
(defmacro try (form)
  `(handler-case (show :ok ,form)
     (package-error (e)
       (let ((p (package-error-package e)))
         (show :package-error (if (packagep p) (package-name p) (string p)))))
     (error (e) (show :error (typep e 'reader-error)))))
(defun sorted (symbols) (sort (copy-list symbols) #'string< :key #'symbol-name))

(defpackage :lib (:use :cl) (:export #:run #:stop))
(defpackage :app (:use :cl :lib))
(defpackage :other (:use) (:export #:run))

;;; EXPORT and UNEXPORT
(show (status "RUN" :app) (status "RUN" :lib) (status "HELPER" :lib))
(let ((helper (intern "HELPER" :lib)))
  (show (export helper :lib) (status "HELPER" :lib) (status "HELPER" :app))
  (show (unexport helper :lib) (status "HELPER" :lib) (status "HELPER" :app))
  (show (export (list helper 'lib:run) :lib) (status "HELPER" :app)))
(try (export (intern "LOOSE" :other) :lib))            ; not accessible in LIB
(try (export 'car :lib))                                ; inherited: exported too
(show (status "CAR" :lib) (status "CAR" :app))
(try (unexport 'cl-user::nothing-here :lib))

;;; Conflicts: exporting over a symbol of a user, importing, using
(intern "CLASH" :app)
(try (export (intern "CLASH" :lib) :lib))
(show (status "CLASH" :app) (status "CLASH" :lib))
(try (use-package :other :app))                        ; OTHER:RUN against LIB:RUN
(try (import 'other:run :app))
(show (status "RUN" :app))
(shadowing-import 'other:run :app)
(show (status "RUN" :app) (package-shadowing-symbols :app)
      (symbol-package (find-symbol "RUN" :app)))
(try (use-package :other :app))
(show (sort (mapcar #'package-name (package-use-list :app)) #'string<)
      (mapcar #'package-name (package-used-by-list :other)))
(show (unuse-package :other :app) (package-used-by-list :other) (status "RUN" :app))

;;; IMPORT, SHADOW, UNINTERN
(let ((g (make-symbol "GIVEN")))
  (show (import g :app) (symbol-package g) (status "GIVEN" :app) (eq g (find-symbol "GIVEN" :app))))
(import 'lib:stop :app)
(show (status "STOP" :app) (symbol-package 'app::stop))
(show (shadow '("CAR" #:cdr) :app) (status "CAR" :app) (status "CDR" :app))
(show (sorted (package-shadowing-symbols :app)))
(show (eq (find-symbol "CAR" :app) 'car) (symbol-package (find-symbol "CAR" :app)))
(let ((sym (intern "TEMPORARY" :app)))
  (show (unintern sym :app) (symbol-package sym) (status "TEMPORARY" :app) sym
        (unintern sym :app)))
(show (unintern 'lib:stop :app) (symbol-package 'lib:stop) (status "STOP" :app))
(show (unintern 'lib:stop :lib) (status "STOP" :lib) (symbol-package 'lib::run))

;;; Package errors
(try (find-symbol "X" :no-such-package))
(try (intern "X" "NO-SUCH-PACKAGE"))
(try (make-package :lib))
(try (make-package "NEW" :nicknames '("APP")))
(try (rename-package :other :lib))
(try (use-package :keyword :app))
(try (in-package :no-such-package))
(try (defpackage :broken (:import-from :cl #:no-such-symbol)))
(try (package-name "NO-SUCH-PACKAGE"))
(show (handler-case (delete-package :no-such-package) (package-error () :signalled)))
(try (find-package 42))

;;; The reader and packages
(try (read-from-string "lib:run"))
(try (read-from-string "lib::helper"))
(try (read-from-string "lib:never-made"))                ; no such external symbol
(try (read-from-string "lib:car"))                      ; inherited, so not external
(try (read-from-string "no-such-package:x"))
(try (read-from-string "no-such-package::x"))
(show (handler-case (read-from-string "lib:secret") (reader-error () :reader-error)))
(show (handler-case (read-from-string "lib:secret") (package-error () :package-error)))
(let ((*package* (find-package :app)))
  (show (read-from-string "(run stop car cdr cl:car lib:run :key #:g)"))
  (show (symbol-package (read-from-string "fresh-symbol")) (status "FRESH-SYMBOL" :app)))
(show (read-from-string "app::fresh-symbol") (read-from-string "|APP|::|lower|")
      (read-from-string "app::|with space|"))

;;; Iteration
(defpackage :small (:use) (:export #:e1 #:e2) (:intern #:i1))
(defpackage :user-of-small (:use :small) (:intern #:own))
(let (all ext)
  (do-symbols (s :small) (pushnew s all))
  (do-external-symbols (s :small) (push s ext))
  (show (sorted all) (sorted ext)))
(let (all)
  (do-symbols (s :user-of-small) (pushnew s all))
  (show (sorted all)))
(show (do-symbols (s :small :done) (declare (ignorable s))) (do-external-symbols (s :small) s))
(let ((n 0))
  (do-symbols (s :small) (declare (ignore s)) (incf n) (when (= n 2) (return)))
  (show n))
(let (found)
  (do-all-symbols (s)
    (when (member (package-name (symbol-package s)) '("SMALL" "USER-OF-SMALL") :test #'string=)
      (pushnew s found)))
  (show (sorted found)))
(show (sorted (remove-if-not (lambda (s) (member (package-name (symbol-package s))
                                                  '("SMALL" "USER-OF-SMALL" "APP")
                                                  :test #'string=))
                             (find-all-symbols "E1")))
      (length (find-all-symbols :own)))
(let (entries)
  (with-package-iterator (next '(:small :user-of-small) :internal :external :inherited)
    (loop (multiple-value-bind (more sym kind package) (next)
            (unless more (return))
            (push (list (symbol-name sym) kind (package-name package)) entries))))
  (show (sort entries #'string< :key (lambda (e) (format nil "~{~A~}" e)))))
(with-package-iterator (next :small :external)
  (show (length (loop repeat 5 collect (multiple-value-list (next))))))
