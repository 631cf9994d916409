;;;; circle.lisp -- *PRINT-CIRCLE* (CLHS 22.1.3.1.1 and 2.4.8.15-16): #n= and
;;;; #n# labels for shared and circular structure.
;;;;
;;;; As in SBCL, the printer runs twice: the first pass prints to a null
;;;; stream and notes every object it meets (so that what *PRINT-LENGTH* or
;;;; *PRINT-LEVEL* leaves out, or what a print function does not print, is
;;;; not counted); an object met twice is shared.  The second pass gives a
;;;; shared object a label where it is printed first (#n=) and prints #n#
;;;; for it afterwards.  The tails of lists are checked too, so that a
;;;; shared tail prints as . #n#.

(in-package "CLYSM")

(defun %circle-candidate-p (object)
  ;; Numbers, characters and interned symbols print as what they are; any
  ;; other object may need a label.
  (not (or (%fixnump object)
           (%characterp object)
           (and (%symbolp object) (%symbol-package object))
           (%number-kind object))))

(defun %null-output-stream (column)
  (let ((stream (%make-output-stream :null 256)))
    (%svset stream 4 column)
    stream))

(defun %call-with-circle-passes (stream function)
  ;; FUNCTION prints on the stream it is given: first on a null stream to
  ;; find the shared objects, then on STREAM.
  (let ((*%circle-table* (make-hash-table :test 'eq))
        (*%circle-counter* nil)
        (*%circle-checked* nil))
    (funcall function (%null-output-stream (%stream-column stream)))
    (setq *%circle-counter* 0)
    (funcall function stream)))

(defun %print-with-circle-detection (object stream)
  (flet ((print-it (stream)
           (%print-object object (or *print-escape* *print-readably*) *%current-level* stream)))
    (if (or *%circle-table* (not (%circle-candidate-p object)))
        (print-it stream)
        (%call-with-circle-passes stream #'print-it))))

(defun %write-label (n terminator stream)
  (%stream-write-char stream #\#)
  (%write-integer n 10 stream)
  (%stream-write-char stream terminator))

(defun %circle-check (object stream)
  ;; Note OBJECT where it is printed; true if it must not be printed (again):
  ;; in the first pass, when it was met before; in the second, when #n#
  ;; has been written for it.  Writes #n= where a shared object first
  ;; appears.
  (let ((state (gethash object *%circle-table*)))
    (cond ((null *%circle-counter*)
           (setf (gethash object *%circle-table*) (if state :shared :seen))
           (and state t))
          ((eq state :shared)
           (let ((n (setq *%circle-counter* (1+ *%circle-counter*))))
             (setf (gethash object *%circle-table*) n)
             (%write-label n #\= stream)
             nil))
          ((integerp state) (%write-label state #\# stream) t)
          (t nil))))

(defun %circle-tail-label-p (list)
  ;; Is the tail LIST of a list being printed shared, so that it must be
  ;; printed as . #n= (...) or . #n#?
  (let ((table *%circle-table*))
    (and table
         (let ((state (gethash list table)))
           (if (null *%circle-counter*)
               (progn (setf (gethash list table) (if state :shared :seen))
                      (and state t))
               (or (eq state :shared) (integerp state)))))))

(defun %circle-reference-written-p (object stream)
  ;; For PPRINT-LOGICAL-BLOCK: the label check of its list, unless
  ;; %PRINT-OBJECT has just made it.
  (and *%circle-table* (consp object) (not (eq object *%circle-checked*))
       (%circle-check object stream)))
