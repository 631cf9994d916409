;;;; request.lisp -- the text of a JIT request (docs/jit.md, the protocol).
;;;;
;;;; A request is (:specials (symbol ...) :form form), where FORM is fully
;;;; expanded (expand.lisp): conses, symbols, fixnums, characters and a few
;;;; strings.  It is written here, not by PRIN1, because it is large (about
;;;; 300 characters per statement of source) and PRIN1 decides afresh, for
;;;; every symbol, how to print it.  Each symbol's spelling is worked out
;;;; once per request: a symbol of COMMON-LISP unqualified (the service
;;;; reads in a package that uses COMMON-LISP only), a keyword as :NAME,
;;;; any other as PACKAGE::NAME (CL-USER::NAME in COMMON-LISP-USER); a name that would not read back as itself
;;;; unescaped is written between bars.

(in-package "CLYSM")

(defun %jit-request-text (form specials)
  (let ((out (make-string-output-stream))
        (spellings (make-hash-table :test 'eq)))
    (write-string "(:specials " out)
    (%write-request-datum specials out spellings)
    (write-string " :form " out)
    (%write-request-datum form out spellings)
    (write-char #\) out)
    (get-output-stream-string out)))

(defun %write-request-datum (x out spellings)
  (cond ((consp x) (%write-request-list x out spellings))
        ((symbolp x) (write-string (%request-spelling x spellings) out))
        ((%fixnump x) (write-string (%fixnum-to-string x) out))
        (t (%write-request-atom x out))))

(defun %write-request-list (list out spellings)
  ;; Iterative along the list, recursive only into elements.
  (write-char #\( out)
  (%write-request-datum (car list) out spellings)
  (do ((tail (cdr list) (cdr tail)))
      ((atom tail)
       (when tail
         (write-string " . " out)
         (%write-request-datum tail out spellings))
       (write-char #\) out))
    (write-char #\Space out)
    (%write-request-datum (car tail) out spellings)))

(defun %write-request-atom (x out)
  ;; Characters, strings and anything else: the standard printer, with
  ;; escapes, in base 10, on one line.
  (let ((*package* (find-package "KEYWORD")) (*print-escape* t) (*print-readably* nil)
        (*print-base* 10) (*print-radix* nil) (*print-length* nil) (*print-level* nil)
        (*print-case* :upcase) (*print-gensym* t) (*print-pretty* nil) (*print-circle* nil))
    (prin1 x out)))

(defun %request-spelling (symbol spellings)
  (or (gethash symbol spellings)
      (setf (gethash symbol spellings) (%request-symbol-text symbol))))

(defun %request-symbol-text (symbol)
  (let ((package (symbol-package symbol)))
    (cond ((null package)            ; not expected: expand.lisp renames them
           (with-output-to-string (out) (%write-request-atom symbol out)))
          ((eq package (find-package "KEYWORD"))
           (%string-concat-2 ":" (%request-name (symbol-name symbol))))
          ((eq package (find-package "COMMON-LISP"))
           (%request-name (symbol-name symbol)))
          (t (%string-concat-2 (%request-package-prefix package)
                               (%request-name (symbol-name symbol)))))))

(defun %request-package-prefix (package)
  ;; PACKAGE's name and "::"; COMMON-LISP-USER by its standard nickname.
  (if (eq package (find-package "COMMON-LISP-USER"))
      "CL-USER::"
      (%string-concat-2 (%request-name (package-name package)) "::")))

(defun %request-name (name)
  ;; NAME as a token that reads back as exactly NAME, bars if need be.
  (if (%plain-token-name-p name) name (%barred-name name)))

(defun %plain-token-name-p (name)
  ;; Upper-case letters, digits and the constituents below, not empty, and
  ;; not starting like a number (a digit, or a sign or dot and then a digit
  ;; or dot) or made of dots only.
  (let ((length (length name)))
    (and (%fx> length 0)
         (every #'%plain-token-char-p name)
         (not (digit-char-p (char name 0)))
         (not (and (%fx> length 1)
                   (find (char name 0) "+-.")
                   (or (digit-char-p (char name 1)) (char= (char name 1) #\.))))
         (notevery (lambda (c) (char= c #\.)) name))))

(defun %plain-token-char-p (c)
  (or (char<= #\A c #\Z) (char<= #\0 c #\9) (find c "*+-/<>=!?&$%_.~^@[]{}")))

(defun %barred-name (name)
  (with-output-to-string (out)
    (write-char #\| out)
    (dotimes (i (length name))
      (let ((c (char name i)))
        (when (or (char= c #\|) (char= c #\\)) (write-char #\\ out))
        (write-char c out)))
    (write-char #\| out)))
