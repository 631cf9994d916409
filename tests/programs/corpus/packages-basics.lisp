;;;; Packages as objects: the standard packages, designators, DEFPACKAGE,
;;;; INTERN and FIND-SYMBOL with their second values, printing of symbols
;;;; relative to *PACKAGE*, MAKE-PACKAGE, RENAME-PACKAGE, DELETE-PACKAGE.

(defun show (&rest things) (format t "~{~S~^ ~}~%" things))

;;; The standard packages
(show *package* (packagep *package*) (type-of *package*) (typep *package* 'package))
(show (find-package "COMMON-LISP") (find-package :cl) (find-package 'cl-user))
(show (package-name :cl) (package-nicknames "COMMON-LISP") (package-nicknames :cl-user))
(show (package-name "KEYWORD") (package-nicknames :keyword) (package-use-list :keyword))
(show (eq (find-package :cl) (find-package "CL"))
      (eq (find-package :cl) (symbol-package 'car))
      (and (member (find-package :cl) (package-use-list :cl-user)) t)
      (and (member (find-package :cl-user) (package-used-by-list :cl)) t))
(show (find-package "NO-SUCH-PACKAGE") (find-package (find-package :cl)))
(show (symbol-package :key) (symbol-package 'show) (symbol-package (make-symbol "U")))
(show (keywordp :a) (keywordp 'a) (keywordp (make-symbol "A")) (keywordp "A") (keywordp nil))
(show (packagep 'cl) (packagep "CL") (packagep (find-package :cl)))

;;; INTERN and FIND-SYMBOL
(show (multiple-value-list (find-symbol "CAR")) (multiple-value-list (find-symbol "CAR" :cl)))
(show (multiple-value-list (find-symbol "SHOW")) (multiple-value-list (find-symbol "NOPE-1")))
(show (multiple-value-list (intern "NEW-ONE")) (multiple-value-list (intern "NEW-ONE")))
(show (multiple-value-list (intern "KW" :keyword)) (multiple-value-list (intern "KW" "KEYWORD")))
(show (multiple-value-list (find-symbol "NIL")) (multiple-value-list (find-symbol "T" :cl)))
(show (intern "lower case") (intern "") (intern "" :keyword) (intern "12" :keyword))
(let ((s (intern "KEY-VALUE" :keyword)))
  (show s (symbol-value s) (constantp s) (boundp s)))
(show (eq (intern "CAR") 'car) (eq (intern "CAR" :cl-user) 'cl:car))

;;; DEFPACKAGE
(defpackage :shapes
  (:use :cl)
  (:nicknames :shp :geometry)
  (:export #:area #:make-square "PERIMETER" :square-side)
  (:shadow #:float)
  (:intern #:scratch)
  (:documentation "Shapes and their measures."))
(show (find-package :shp) (find-package "GEOMETRY") (package-name :geometry))
(show (package-nicknames :shapes) (package-shadowing-symbols :shapes))
(show (mapcar #'package-name (package-use-list :shapes)))
(show (multiple-value-list (find-symbol "AREA" :shapes))
      (multiple-value-list (find-symbol "SCRATCH" :shapes))
      (multiple-value-list (find-symbol "FLOAT" :shapes))
      (multiple-value-list (find-symbol "LIST" :shapes)))
(show 'shapes:area 'shp:perimeter 'geometry::scratch 'shapes::float 'shapes::list)
(show (eq 'shapes::list 'list) (eq 'shapes::float 'float))

;;; Printing relative to *PACKAGE*
(let ((*package* (find-package :shapes)))
  (show 'shapes:area 'shapes::scratch 'shapes::float 'cl:float 'car 'show :k
        (make-symbol "G")))
(let ((*package* (find-package :keyword)))
  (show 'car 'shapes:area 'shapes::scratch :k))
(show (format nil "~S ~A" 'shapes::scratch 'shapes::scratch)
      (prin1-to-string 'shapes:area) (princ-to-string 'shapes:area))
(let ((*print-case* :downcase))
  (show 'shapes:area 'shapes::scratch 'car :key))
(show (intern "odd Name" :shapes) (intern "WITH:COLON" :shapes))

;;; Code in another package
(in-package :shapes)
(cl-user::show *package* 'area 'scratch 'float 'cl-user::show)
(defun float (x) (list :not-a-float x))
(defun make-square (side) (list 'square side))
(defun square-side (square) (second square))
(defun area (square) (* (square-side square) (square-side square)))
(defun perimeter (square) (* 4 (square-side square)))
(cl-user::show (area (make-square 3)) (perimeter (make-square 3)) (float 2) (cl:float 2))
(cl-user::show (make-square 5) (symbol-package 'square) (symbol-package 'area))
(in-package :cl-user)
(show (shapes:area (shapes:make-square 4)) (shapes:make-square 1) (shapes::float 1))
(show *package*)

;;; MAKE-PACKAGE, RENAME-PACKAGE, DELETE-PACKAGE
(let ((p (make-package "TEMP-PKG" :nicknames '("TP1" "TP2") :use '(:cl))))
  (show p (package-name p) (package-nicknames p) (mapcar #'package-name (package-use-list p)))
  (show (multiple-value-list (find-symbol "CONS" p)) (intern "MINE" p))
  (show (rename-package p "TEMP-RENAMED" '("TR")) (find-package "TEMP-PKG")
        (find-package "TP1") (package-nicknames p) (find-package :tr))
  (let ((mine (find-symbol "MINE" p)))
    (show mine (delete-package p) (package-name p) (find-package "TEMP-RENAMED")
          (symbol-package mine) (delete-package p))
    (show mine (member p (list-all-packages)))))
(show (not (member (find-package :shapes) (list-all-packages))))
(show (make-package #\Q) (package-name #\Q) (find-package #\Q))
(show (package-use-list (make-package "BARE")))

;;; GENTEMP
(let ((a (gentemp)) (b (gentemp "PRE")) (c (gentemp "PRE" :shapes)))
  (show (symbol-package a) (symbol-package c)
        (string= "T" (symbol-name a) :end2 1) (string= "PRE" (symbol-name b) :end2 3)
        (not (eq b c)) (multiple-value-list (find-symbol (symbol-name c) :shapes))))
