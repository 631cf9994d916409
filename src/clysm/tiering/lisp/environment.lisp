;;;; environment.lisp -- lexical environments of the Tier 1 interpreter.
;;;;
;;;; The interpreter preprocesses each form once, in a compile-time
;;;; environment (a "cenv") that knows every lexical name in scope.  A cenv is
;;;; a list of contours, innermost first.  A contour whose FRAME-P is true has
;;;; a run-time frame: a simple vector whose slot 0 is the enclosing frame and
;;;; whose other slots hold the contour's variables, local functions, block
;;;; and tagbody tags.  A lexical reference is thus resolved once, to a frame
;;;; depth and a slot index.
;;;;
;;;; The same cenv is the &ENVIRONMENT object that macro functions receive at
;;;; run time: MACRO-FUNCTION, MACROEXPAND-1 and friends consult it.

(in-package "CLYSM")

;;; A contour: #(%CONTOUR entries frame-p size).  Entries, newest first:
;;;   (:variable name index)        a lexical variable in the frame
;;;   (:special name)               a special binding or declaration
;;;   (:symbol-macro name expansion)
;;;   (:function name index)        a local function in the frame
;;;   (:macro name expander)        a local macro
;;;   (:block name index)           the block's exit tag is in the frame
;;;   (:tag tag index position)     a go tag of a tagbody whose catch tag is in the frame

(defun %make-contour (frame-p)
  (let ((contour (%make-vector 4 nil)))
    (%svset contour 0 '%contour)
    (%svset contour 1 nil)
    (%svset contour 2 frame-p)
    (%svset contour 3 1)  ; slot 0 is the parent frame
    contour))

(defun %contour-p (x)
  (and (%simple-vector-p x) (%fx= (%vector-length x) 4) (%eq (%svref x 0) '%contour)))

(defun %contour-entries (contour) (%svref contour 1))
(defun %contour-frame-p (contour) (%svref contour 2))
(defun %contour-size (contour) (%svref contour 3))

(defun %contour-add (contour entry)
  (%svset contour 1 (cons entry (%svref contour 1)))
  entry)

(defun %contour-allocate (contour)
  ;; A fresh slot index in the contour's frame.
  (let ((index (%svref contour 3)))
    (%svset contour 3 (%fx+ index 1))
    index))

(defun %interpreter-env-p (x)
  (or (null x) (and (consp x) (%contour-p (car x)))))

;;; Lookups.  Each returns the entry and the number of frames between the
;;; innermost contour and the entry's contour (the run-time frame depth).

(defun %env-lookup (cenv kinds name)
  (let ((depth 0))
    (dolist (contour cenv (values nil nil))
      (dolist (entry (%contour-entries contour))
        (when (and (member (car entry) kinds) (eq (cadr entry) name))
          (return-from %env-lookup (values entry depth))))
      (when (%contour-frame-p contour) (setq depth (%fx+ depth 1))))))

(defun %env-variable (cenv name)
  ;; (:variable ...), (:special ...), (:symbol-macro ...) or NIL (free).
  (%env-lookup cenv '(:variable :special :symbol-macro) name))

(defun %env-function (cenv name)
  ;; (:function ...), (:macro ...) or NIL (global).
  (%env-lookup cenv '(:function :macro) name))

(defun %env-block (cenv name) (%env-lookup cenv '(:block) name))

(defun %env-tag (cenv tag)
  (let ((depth 0))
    (dolist (contour cenv (values nil nil))
      (dolist (entry (%contour-entries contour))
        (when (and (eq (car entry) :tag) (eql (cadr entry) tag))
          (return-from %env-tag (values entry depth))))
      (when (%contour-frame-p contour) (setq depth (%fx+ depth 1))))))

(defun %env-special-declared-p (cenv name)
  ;; Is NAME declared special in CENV, as a lexical reference would see it?
  (let ((entry (%env-variable cenv name)))
    (and entry (eq (car entry) :special))))

;;; Access to frames at run time.

(defun %frame-at (frame depth)
  (tagbody
   next
     (when (%fx> depth 0)
       (setq frame (%svref frame 0) depth (%fx- depth 1))
       (go next)))
  frame)

;;; The environment protocol of macros, for interpreter environments.

(defun %lexical-macro-function (cenv name)
  ;; (values expander found-p): found-p when a local function or macro of
  ;; NAME shadows the global one.
  (let ((entry (%env-function cenv name)))
    (cond ((null entry) (values nil nil))
          ((eq (car entry) :macro) (values (caddr entry) t))
          (t (values nil t)))))

(defun %lexical-symbol-macro (cenv name)
  ;; (values expansion kind): kind :SYMBOL-MACRO, or :VARIABLE when a
  ;; lexical binding of NAME hides any global symbol macro, or NIL.
  (let ((entry (%env-variable cenv name)))
    (cond ((null entry) (values nil nil))
          ((eq (car entry) :symbol-macro) (values (caddr entry) :symbol-macro))
          (t (values nil :variable)))))
