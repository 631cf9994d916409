"""A bootstrap prelude for front-end tests.

The real macros live in the Lisp runtime library; until it exists, tests
define the few standard macros they use here, written only with special
forms, the front end's internal operators and host-kernel functions.  Test
programs then use plain CL, so SBCL can run the very same text.
"""

from __future__ import annotations

from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_load import load_source

PRELUDE = r"""
(clysm::%defmacro 'defmacro
  (clysm::%macro-lambda defmacro (name lambda-list &body body)
    (list 'eval-when '(:compile-toplevel :load-toplevel :execute)
          (list 'clysm::%defmacro (list 'quote name)
                (list* 'clysm::%macro-lambda name lambda-list body)))))

(defmacro lambda (&whole whole &rest args)
  (list 'function whole))

;; Backquote: enough for these tests (no nested backquotes, no vectors).
(clysm::%defun 'qq-expand
  #'(lambda (x)
      (if (consp x)
          (if (eq (car x) 'clysm::unquote)
              (car (cdr x))
              (qq-expand-list x))
          (if (if (symbolp x) (not (keywordp x)) nil)
              (list 'quote x)
              (if (consp x) (list 'quote x) x)))))

(clysm::%defun 'qq-expand-list
  #'(lambda (x)
      (if (consp x)
          (if (eq (car x) 'clysm::unquote)
              (car (cdr x))
              (if (if (consp (car x)) (eq (car (car x)) 'clysm::unquote-splicing) nil)
                  (list 'append (car (cdr (car x))) (qq-expand-list (cdr x)))
                  (list 'cons (qq-expand (car x)) (qq-expand-list (cdr x)))))
          (list 'quote x))))

(defmacro clysm::quasiquote (x) (qq-expand x))

(defmacro defun (name lambda-list &body body)
  `(clysm::%defun ',name #'(clysm::named-lambda ,name ,lambda-list ,@body)))

(defmacro when (test &body body) `(if ,test (progn ,@body) nil))
(defmacro unless (test &body body) `(if ,test nil (progn ,@body)))

(defmacro cond (&rest clauses)
  (if clauses
      (let ((clause (car clauses)))
        (if (cdr clause)
            `(if ,(car clause) (progn ,@(cdr clause)) (cond ,@(cdr clauses)))
            (let ((g (gensym)))
              `(let ((,g ,(car clause))) (if ,g ,g (cond ,@(cdr clauses)))))))
      nil))

(defmacro and (&rest forms)
  (if forms
      (if (cdr forms) `(if ,(car forms) (and ,@(cdr forms)) nil) (car forms))
      t))

(defmacro or (&rest forms)
  (if forms
      (let ((g (gensym)))
        `(let ((,g ,(car forms))) (if ,g ,g (or ,@(cdr forms)))))
      nil))

(defmacro return (&optional value) `(return-from nil ,value))

(defmacro setf (place value)
  (cond ((symbolp place) `(setq ,place ,value))
        ((eq (car place) 'car) `(car (rplaca ,(car (cdr place)) ,value)))
        ((eq (car place) 'cdr) `(cdr (rplacd ,(car (cdr place)) ,value)))
        ((eq (car place) 'get)
         `(clysm::%put ,(car (cdr place)) ,(car (cdr (cdr place))) ,value))
        (t (error "SETF of ~S is not supported by the test prelude" place))))

(defmacro incf (place &optional (delta 1)) `(setf ,place (+ ,place ,delta)))
(defmacro decf (place &optional (delta 1)) `(setf ,place (- ,place ,delta)))
(defmacro push (item place) `(setf ,place (cons ,item ,place)))

(defmacro dotimes ((var count &optional result) &body body)
  (let ((n (gensym)) (top (gensym)))
    `(block nil
       (let ((,var 0) (,n ,count))
         (tagbody ,top
            (if (< ,var ,n) (progn ,@body (setq ,var (1+ ,var)) (go ,top))))
         ,result))))

(defmacro dolist ((var list &optional result) &body body)
  (let ((l (gensym)) (top (gensym)))
    `(block nil
       (let ((,l ,list))
         (tagbody ,top
            (if ,l (let ((,var (car ,l))) ,@body (setq ,l (cdr ,l)) (go ,top))))
         ,result))))

(defmacro multiple-value-bind (vars form &body body)
  `(clysm::%multiple-value-bind ,vars ,form ,@body))

(defmacro multiple-value-list (form) `(multiple-value-call #'list ,form))

(defmacro destructuring-bind (lambda-list form &body body)
  `(clysm::%destructuring-bind ,lambda-list ,form ,@body))

(defmacro prog1 (first &body rest)
  (let ((g (gensym))) `(let ((,g ,first)) ,@rest ,g)))

(defmacro defvar (name &optional (value nil value-p))
  `(progn (eval-when (:compile-toplevel :load-toplevel :execute)
            (proclaim '(special ,name)))
          ,@(when value-p `((unless (boundp ',name) (set ',name ,value))))
          ',name))

(defmacro defparameter (name value)
  `(progn (eval-when (:compile-toplevel :load-toplevel :execute)
            (proclaim '(special ,name)))
          (set ',name ,value)
          ',name))

(defmacro declaim (&rest specs)
  `(eval-when (:compile-toplevel :load-toplevel :execute)
     ,@(let ((forms nil))
         (dolist (s specs) (push `(proclaim ',s) forms))
         (nreverse forms))))
"""


def prelude_image() -> HostEnv:
    """A fresh image with the kernel and the prelude's macros."""
    image = HostEnv.standard()
    load_source(PRELUDE, image, "prelude.lisp")
    return image
