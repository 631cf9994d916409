;;;; backquote.lisp -- the expansion of `x, ,x ,@x and ,.x
;;;;
;;;; The reader turns `x into (QUASIQUOTE x), ,x into (UNQUOTE x), ,@x into
;;;; (UNQUOTE-SPLICING x) and ,.x into (UNQUOTE-NSPLICING x), all symbols of
;;;; package CLYSM.  QUASIQUOTE is the macro below.  Nested backquotes work by
;;;; depth: only unquotes at depth 1 are evaluated; deeper ones are rebuilt as
;;;; data so that the inner backquote can expand them later (CLHS 2.4.6).

(in-package "CLYSM")

(defun %qq-operator-p (x operator)
  (if (consp x) (if (eq (car x) operator) (consp (cdr x)) nil) nil))

(defun %qq-splicing-p (x)
  (if (%qq-operator-p x 'unquote-splicing) t (%qq-operator-p x 'unquote-nsplicing)))

;;; Does X contain an unquote that is evaluated at DEPTH?
(defun %qq-has-unquote (x depth)
  (if (atom x)
      (if (vectorp x)
          (if (stringp x) nil (%qq-has-unquote (coerce x 'list) depth))
          nil)
      (if (if (%qq-operator-p x 'unquote) t (%qq-splicing-p x))
          (if (= depth 1) t (%qq-has-unquote (car (cdr x)) (- depth 1)))
          (if (%qq-operator-p x 'quasiquote)
              (%qq-has-unquote (car (cdr x)) (+ depth 1))
              (if (%qq-has-unquote (car x) depth) t (%qq-has-unquote (cdr x) depth))))))

(defun %qq-quote (x)
  (if (if (symbolp x) (not (keywordp x)) (consp x))
      (if (if (eq x nil) t (eq x t)) x (list 'quote x))
      x))

;;; The form that builds X at nesting DEPTH.
(defun %qq-expand (x depth)
  (if (not (%qq-has-unquote x depth))
      (%qq-quote x)
      (if (atom x)
          ;; Only a vector can hold an unquote here.
          (list 'coerce (%qq-expand (coerce x 'list) depth) ''simple-vector)
          (if (%qq-operator-p x 'unquote)
              (if (= depth 1)
                  (car (cdr x))
                  (list 'list ''unquote (%qq-expand (car (cdr x)) (- depth 1))))
              (if (%qq-operator-p x 'quasiquote)
                  (list 'list ''quasiquote (%qq-expand (car (cdr x)) (+ depth 1)))
                  (%qq-expand-list x depth))))))

;;; A list: collect segments, each a form producing a list, then join them.
(defun %qq-expand-list (x depth)
  (let ((segments nil) (tail ''nil))
    (tagbody
     next
       (if (null x) (go done))
       (if (atom x) (progn (setq tail (%qq-expand x depth)) (go done)))
       ;; (a . ,b) reads as (a unquote b): the tail is an unquote form.
       (if (if (%qq-operator-p x 'unquote) t (%qq-splicing-p x))
           (progn
             (if (%qq-splicing-p x)
                 (if (= depth 1) (error ",@ after a dot in ~S" x)))
             (setq tail (%qq-expand x depth))
             (go done)))
       (let ((item (car x)))
         (if (%qq-splicing-p item)
             (if (= depth 1)
                 (setq segments (cons (car (cdr item)) segments))
                 (setq segments
                       (cons (list 'list (list 'list (list 'quote (car item))
                                               (%qq-expand (car (cdr item)) (- depth 1))))
                             segments)))
             (setq segments (cons (list 'list (%qq-expand item depth)) segments))))
       (setq x (cdr x))
       (go next)
     done)
    (%qq-join (nreconc segments nil) tail)))

;;; Is FORM the constant form 'NIL?
(defun %qq-nil-form-p (form)
  (if (consp form)
      (if (eq (car form) 'quote) (if (consp (cdr form)) (null (car (cdr form))) nil) nil)
      nil))

;;; Join segment forms (each (LIST ...) or a spliced form) and a tail form.
(defun %qq-join (segments tail)
  (let ((items nil) (groups nil))
    ;; Merge runs of (LIST ...) segments into one (LIST ...).
    (tagbody
     next
       (if (null segments) (go done))
       (if (if (consp (car segments)) (eq (car (car segments)) 'list) nil)
           (setq items (append items (cdr (car segments))))
           (progn
             (if items (setq groups (cons (cons 'list items) groups)))
             (setq items nil)
             (setq groups (cons (car segments) groups))))
       (setq segments (cdr segments))
       (go next)
     done)
    (if (%qq-nil-form-p tail)
        (progn
          (if items (setq groups (cons (cons 'list items) groups)))
          (setq groups (nreconc groups nil))
          (if (null groups)
              nil
              (if (null (cdr groups))
                  (car groups)
                  (cons 'append groups))))
        (progn
          (if items (setq groups (cons (cons 'list* (append items (list tail))) groups))
              (setq groups (cons tail groups)))
          (setq groups (nreconc groups nil))
          (if (null (cdr groups)) (car groups) (cons 'append groups))))))

(defmacro quasiquote (x)
  (%qq-expand x 1))
