;;;; repl.lisp -- the read-eval-print loop (`clysm repl`, CLHS 25.1.1), and
;;;; EXIT and QUIT.
;;;;
;;;; The loop reads forms from *STANDARD-INPUT* with the runtime's READ,
;;;; evaluates them with EVAL (Tier 1, promoted as usual) and prints their
;;;; values one per line.  An error that reaches the debugger prints the
;;;; condition and returns to the prompt; definitions and variables stay.
;;;; The loop is the same whether standard input is a pipe or a terminal
;;;; (where driver/terminal.py edits the lines and feeds them in).

(in-package "CLYSM")

;;; The REPL variables (CLHS 25.2): the form being evaluated, the last
;;; three forms, primary values and value lists.
(defvar - nil)
(defvar + nil)
(defvar ++ nil)
(defvar +++ nil)
(defvar * nil)
(defvar ** nil)
(defvar *** nil)
(defvar / nil)
(defvar // nil)
(defvar /// nil)

(defvar *repl-prompt* "* ")

(defun repl ()
  ;; Read, evaluate and print until the end of standard input.
  (let ((eof (list :eof))
        (*invoke-debugger-hook* #'%repl-debugger))
    (loop
      (when (eq (catch '%repl-top-level (%repl-step eof)) eof)
        (return nil)))))

(defun %repl-step (eof)
  ;; One round: EOF at the end of the input.
  (restart-case
      (let ((form (%repl-read eof)))
        (if (eq form eof)
            eof
            (%repl-print (%repl-eval form))))
    (abort ()
      :report "Return to the REPL."
      nil)))

(defun %repl-read (eof)
  (fresh-line)
  (write-string *repl-prompt*)
  (flet ((line-entered ()
           ;; The user's newline (echoed by the terminal) ended the line.
           (%stream-set-column (%output-stream *standard-output*) 0)))
    (prog1 (handler-bind ((error (lambda (condition)
                                   (declare (ignore condition))
                                   (line-entered)
                                   (%discard-buffered-line *standard-input*))))
             (read *standard-input* nil eof))
      (line-entered))))

(defun %discard-buffered-line (stream)
  ;; After a reading error: skip what is left of the line already read,
  ;; without waiting for more input.
  (let ((stream (%input-stream stream)))
    (loop while (if (typep stream 'fd-input-stream) (%fd-buffered-p stream) (listen stream))
          until (eql (read-char stream nil #\Newline) #\Newline))))

(defun %repl-eval (form)
  ;; The values of FORM as a list, and the REPL variables updated.
  (setq - form)
  (let ((values (multiple-value-list (eval form))))
    (setq +++ ++ ++ + + form)
    (setq /// // // / / values)
    (setq *** ** ** * * (car values))
    values))

(defun %repl-print (values)
  (fresh-line)
  (dolist (value values)
    (prin1 value)
    (terpri)))

(defun %repl-debugger (condition hook)
  ;; There is no interactive debugger: report the condition and return to
  ;; the prompt.
  (declare (ignore hook))
  (fresh-line *standard-output*)
  (let ((stream *initial-error-output*))
    (write-string ";; " stream)
    (%print-symbol (layout-name (%instance-layout condition)) t stream)
    (write-string ": " stream)
    (%report-condition condition stream)
    (terpri stream)
    (finish-output stream))
  (throw '%repl-top-level nil))

;;; Leaving the program

(defun exit (&key (code 0) abort)
  ;; End the program with exit status CODE, its output flushed (also with
  ;; ABORT, accepted for SBCL's sake).  Cleanup forms of the frames still
  ;; active do not run.
  (declare (ignore abort))
  (unless (and (integerp code) (<= 0 code 255))
    (%type-error code '(integer 0 255)))
  (%exit code))

(defun quit (&key (unix-status 0))
  (exit :code unix-status))
