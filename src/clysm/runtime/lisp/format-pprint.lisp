;;;; format-pprint.lisp -- the FORMAT directives of the pretty printer and
;;;; justification (CLHS 22.3.5, 22.3.6): ~< ~> and ~< ~:> (logical blocks),
;;;; ~_ ~I ~:T ~W and ~/name/.  format.lisp dispatches to these.

(in-package "CLYSM")

(defun %format-segments (control start)
  ;; The segments of ~< ... ~> from START: a list of (start end separator),
  ;; SEPARATOR being the ~; directive that ends the segment (NIL for the
  ;; last), and the closing directive.
  (let ((segments nil))
    (loop
      (multiple-value-bind (i d) (%find-directive control start '(#\; #\>))
        (unless i (%format-error control start "~< without ~>"))
        (if (eq (%directive-char d) #\>)
            (return (values (nreverse (cons (list start i nil) segments)) d))
            (push (list start i d) segments))
        (setq start (%directive-end d))))))

(defun %format-angle (stream control d)
  ;; ~< ... ~> or ~< ... ~:>; returns the index after the closing directive.
  (multiple-value-bind (segments close) (%format-segments control (%directive-end d))
    (if (%directive-colon close)
        (%format-logical-block stream control d segments close)
        (%format-justification stream control d segments))
    (%directive-end close)))

;;; ~< ... ~:>

(defun %segment-text (control segment)
  (let ((text (%substring control (car segment) (cadr segment))))
    (when (find #\~ text)
      (%format-error control (car segment) "a prefix or suffix of ~< ~:> has a directive"))
    text))

(defun %format-logical-block (stream control d segments close)
  (let* ((n (length segments))
         (body (if (= n 1) (car segments) (cadr segments)))
         (prefix (cond ((> n 1) (%segment-text control (car segments)))
                       ((%directive-colon d) "(")
                       (t "")))
         (per-line-p (and (> n 1) (%directive-at (caddr (car segments)))))
         (suffix (cond ((> n 2) (%segment-text control (caddr segments)))
                       ((%directive-colon d) ")")
                       (t "")))
         (fill-p (%directive-at close))
         (list (if (%directive-at d)
                   (prog1 *format-arguments* (setq *format-arguments* nil))
                   (%next-argument control (%directive-end d)))))
    (when (> n 3) (%format-error control (car (car segments)) "too many segments in ~< ~:>"))
    (%pprint-logical-block
     stream list prefix per-line-p suffix
     (lambda (stream list)
       (let* ((*format-arguments* list) (*format-all-arguments* list) (count 0)
              (*%format-pop*
                (lambda ()
                  (let ((rest *format-arguments*))
                    (when (null rest)
                      (%format-error control (car body) "no more arguments"))
                    (unless (%pprint-pop-p stream rest count)
                      (throw '%format-block-exit nil))
                    (setq count (1+ count) *format-arguments* (cdr rest))
                    (car rest)))))
         (catch '%format-block-exit
           (catch '%format-up-and-out
             (%format-segment stream control (car body) (cadr body) fill-p))))))))

;;; ~< ... ~>: the segments are formatted each on its own, then laid out
;;; in a field of MINCOL (+ k COLINC) columns with padding between them.

(defun %format-justification (stream control d segments)
  (let* ((first-separator (caddr (car segments)))
         (overflow (and first-separator (%directive-colon first-separator)))
         (texts nil)
         (overflow-text nil))
    (catch '%format-up-and-out
      (dolist (segment segments)
        (let ((text (with-output-to-string (s)
                      (%format-segment s control (car segment) (cadr segment)))))
          (if (and overflow (null overflow-text))
              (setq overflow-text text)
              (push text texts)))))
    (%justify stream (nreverse texts) overflow-text
              (and overflow (%param first-separator 0 0))
              (and overflow (%param first-separator 1 (%stream-line-length stream 72)))
              (%directive-colon d) (%directive-at d)
              (%param d 0 0) (%param d 1 1) (%param d 2 0) (%param d 3 #\Space))))

(defun %stream-line-length (stream default)
  ;; SBCL's file streams have lines of 80 columns; string streams none.
  (if (%svref stream 1) 80 default))

(defun %justify (stream texts overflow-text extra-space line-length pad-left pad-right
                 mincol colinc minpad padchar)
  (let* ((gaps (+ (max 0 (1- (length texts))) (if pad-left 1 0) (if pad-right 1 0)))
         (chars (+ (* gaps minpad) (reduce #'+ texts :key #'length)))
         (width (if (> chars mincol)
                    (+ mincol (* colinc (ceiling (- chars mincol) colinc)))
                    mincol))
         (padding (+ (- width chars) (* gaps minpad))))
    (when (and overflow-text
               (> (+ (%stream-column stream) width extra-space) line-length))
      (write-string overflow-text stream))
    (flet ((pad ()
             ;; An equal share of what is left for the gaps left.
             (let ((n (if (= gaps 0) padding (truncate padding gaps))))
               (setq padding (- padding n) gaps (1- gaps))
               (dotimes (i n) (%stream-write-char stream padchar)))))
      (when (or pad-left (and (not pad-right) (null (cdr texts))))
        (pad))
      (when texts
        (write-string (car texts) stream)
        (dolist (text (cdr texts))
          (pad)
          (write-string text stream)))
      (when pad-right (pad)))))

;;; ~_ ~I ~T ~W ~/name/

(defun %format-newline-directive (stream d)
  (pprint-newline (if (%directive-colon d)
                      (if (%directive-at d) :mandatory :fill)
                      (if (%directive-at d) :miser :linear))
                  stream))

(defun %format-indent-directive (stream d)
  (pprint-indent (if (%directive-colon d) :current :block) (%param d 0 0) stream))

(defun %format-tab-directive (stream d)
  (let ((colnum (%param d 0 1)) (colinc (%param d 1 1)))
    (cond ((%directive-colon d)
           (pprint-tab (if (%directive-at d) :section-relative :section) colnum colinc stream))
          ((%pretty-stream-p stream)
           (pprint-tab (if (%directive-at d) :line-relative :line) colnum colinc stream))
          ((%directive-at d) (%format-relative-tab stream colnum colinc))
          (t (%format-absolute-tab stream colnum colinc)))))

(defun %format-write-directive (stream d argument)
  (cond ((and (%directive-colon d) (%directive-at d))
         (let ((*print-pretty* t) (*print-level* nil) (*print-length* nil))
           (%output-object argument stream)))
        ((%directive-colon d) (let ((*print-pretty* t)) (%output-object argument stream)))
        ((%directive-at d)
         (let ((*print-level* nil) (*print-length* nil)) (%output-object argument stream)))
        (t (%output-object argument stream))))

(defun %format-call-directive (stream control d)
  ;; ~/name/: D's end is after the first slash; returns the index after the
  ;; second.
  (let* ((start (%directive-end d))
         (close (or (position #\/ control :start start)
                    (%format-error control start "~/ without a closing /")))
         (function (%format-function-name (%substring control start close))))
    (apply function stream (%next-argument control close)
           (%directive-colon d) (%directive-at d) (%directive-params d))
    (1+ close)))

(defun %format-function-name (name)
  ;; PACKAGE:SYMBOL or PACKAGE::SYMBOL, else a symbol of CL-USER; upcased.
  (let* ((name (string-upcase name))
         (colon (position #\: name))
         (package (if colon (%substring name 0 colon) "COMMON-LISP-USER"))
         (symbol-name (if colon
                          (%substring name (position #\: name :start colon :test-not #'eql)
                                      (length name))
                          name)))
    (let ((symbol (intern symbol-name package)))
      (if (fboundp symbol)
          symbol
          (error "FORMAT ~~/~A/: ~S names no function" name symbol)))))
