;;;; A program in several packages: DEFPACKAGE and IN-PACKAGE at the top of
;;;; the file, then code in each package; macros, structures and special
;;;; variables across packages; INTERN, READ-FROM-STRING and the printer
;;;; working relative to the current package at run time.

(defpackage :inventory.core
  (:use :cl)
  (:nicknames :inv)
  (:intern #:registry-size)
  (:export #:item #:make-item #:item-name #:item-count #:*registry*
           #:register #:with-items #:total #:describe-item))

(defpackage :inventory.report
  (:use :cl :inventory.core)
  (:shadow #:format)
  (:import-from :inventory.core #:registry-size)
  (:export #:summary))

(in-package :inventory.core)

(defvar *registry* nil)
(defstruct item name (count 0))

(defun register (name count)
  (push (make-item :name name :count count) *registry*)
  (registry-size))

(defun registry-size () (length *registry*))

(defmacro with-items ((var) &body body)
  `(dolist (,var (reverse *registry*)) ,@body))

(defun total ()
  (let ((sum 0))
    (with-items (i) (incf sum (item-count i)))
    sum))

(defun describe-item (item)
  (cl:format nil "~A x~D (~S)" (item-name item) (item-count item) (type-of item)))

(print (list *package* 'item 'make-item 'registry-size :done))
(print (list (register 'widget 3) (register "gadget" 5) (register :gizmo 7)))

(in-package "INVENTORY.REPORT")

(defun format (&rest args) (list* 'my-format args))

(defun summary ()
  (let ((lines nil))
    (with-items (i) (push (describe-item i) lines))
    (list (nreverse lines) (total) (registry-size) (format 1 2))))

(print (summary))
(print (list 'summary 'format 'cl:format 'item 'inventory.core::registry-size
             'registry-size (find-symbol "REGISTRY-SIZE")))
(print (mapcar #'symbol-package '(summary format item registry-size)))

;;; *PACKAGE* at run time: INTERN, READ-FROM-STRING and printing follow it.
(defun make-name (string) (intern (string-upcase string)))
(print (list (make-name "fresh") (symbol-package (make-name "fresh"))))
(print (let ((*package* (find-package :inv))) (list (make-name "fresh") 'summary)))
(print (read-from-string "(summary item cl-user::local :k)"))
(print (let ((*package* (find-package :cl-user)))
         (list (read-from-string "summary") (read-from-string "item")
               (prin1-to-string 'summary) (prin1-to-string 'item))))

(in-package :cl-user)

(defun format-it () (format nil "~S ~S" 'inv:item 'inventory.report::format))
(print (format-it))
(print (list (inv:total) (inventory.report:summary)))
(print (list (inv:item-name (first inv:*registry*))
             (inv:describe-item (first inv:*registry*))))
(print (let ((*package* (find-package :inventory.report)))
         (format nil "~S ~S ~S ~S" 'inv:item 'inventory.report::format 'cl:format 'format-it)))
(print (inventory.core:with-items (i) (print (inv:item-count i))))

;;; Keywords, uninterned symbols and symbols of no accessible package.
(print (list :k 'inv::item (make-symbol "LOOSE") (intern "X" :keyword)))
(let ((*print-gensym* nil)) (print (list (make-symbol "LOOSE") :k)))
(print (list (eq 'inv:item 'inventory.core::item) (eq :k (intern "K" "KEYWORD"))))
