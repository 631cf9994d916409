;;;; format.lisp -- FORMAT (CLHS 22.3), the directives programs use most:
;;;; ~A ~S ~D ~B ~O ~X ~R ~F ~E ~G ~$ ~C ~% ~& ~| ~~ ~newline ~T ~P ~* ~?
;;;; ~W ~( ~) ~[ ~; ~] ~{ ~} ~^, with parameters (numbers, 'c, V, #) and : @ modifiers.
;;;; The rest of the directives come with the runtime library.

(in-package "CLYSM")

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defvar *format-arguments* nil)       ; the arguments not used yet
  (defvar *format-all-arguments* nil)   ; all of them, for ~:* backing up
  ;; Inside ~< ~:>, the arguments of the body are popped from the block's
  ;; list as PPRINT-POP pops them (*PRINT-LENGTH*, dotted lists): this
  ;; function does it (format-pprint.lisp); NIL elsewhere.
  (defvar *%format-pop* nil)
  ;; (control . directives) for the control string being interpreted, once
  ;; its cache entry has been checked in this call of FORMAT.
  (defvar *%format-directives* nil))

(defun %format-error (control index message)
  (error "error in FORMAT: ~A at index ~D of ~S" message index control))

(defun %next-argument (control index)
  (when *%format-pop*
    ;; Inside ~< ~:> (format-pprint.lisp).
    (return-from %next-argument (funcall *%format-pop*)))
  (unless (%consp *format-arguments*)
    (%format-error control index "no more arguments"))
  (let ((argument (%car *format-arguments*)))
    (setq *format-arguments* (%cdr *format-arguments*))
    argument))

;;; A parsed directive: (char colon at params start end dynamic memo), END
;;; being the index after the directive character, MEMO what
;;; %WITH-DIRECTIVE-MEMO keeps (the clauses of ~[, the closing directive of
;;; ~( and ~{).  Each control string is parsed
;;; once: its directives are cached by index (%CONTROL-DIRECTIVES), with a V
;;; or # parameter kept as (%V . index) or (%COUNT . index) and DYNAMIC true;
;;; %PARSE-DIRECTIVE gives the directive with those parameters replaced by
;;; their values in this call.

(defun %parse-directive (control index)
  ;; INDEX is just after the tilde.
  (let ((d (%cached-directive control index)))
    (if (caddr (cddddr d)) (%resolve-directive d control) d)))

(defun %resolve-directive (d control)
  (list* (%directive-char d) (%directive-colon d) (%directive-at d)
         (mapcar (lambda (p)
                   (cond ((not (%consp p)) p)
                         ((%eq (%car p) '%v) (%next-argument control (%cdr p)))
                         (t (length *format-arguments*))))
                 (%directive-params d))
         (cddddr d)))

;;; The cache: a direct-mapped table of (control text directives) entries,
;;; TEXT being a copy of the control string, so that a string changed since
;;; it was parsed is parsed again.

(defconstant +format-cache-size+ 256)
(defvar *%format-cache* (%make-vector +format-cache-size+ nil))

(defun %same-text-p (a b)
  (and (%fx= (%string-length a) (%string-length b))
       (do ((i 0 (%fx+ i 1)))
           ((%fx>= i (%string-length a)) t)
         (unless (%eq (%schar a i) (%schar b i)) (return nil)))))

(defun %control-directives (control)
  ;; The vector of CONTROL's parsed directives, by the index after the tilde.
  (let ((memo *%format-directives*))
    (if (and memo (%eq (%car memo) control))
        (%cdr memo)
        (let* ((slot (%fx-logand (%object-hash control) (%fx- +format-cache-size+ 1)))
               (entry (%svref *%format-cache* slot))
               (directives
                 (if (and entry (%eq (%svref entry 0) control)
                          (%same-text-p control (%svref entry 1)))
                     (%svref entry 2)
                     (let ((new (%make-vector (%fx+ (%string-length control) 1) nil)))
                       (%svset *%format-cache* slot
                               (vector control (%substring control 0 (%string-length control)) new))
                       new))))
          (setq *%format-directives* (cons control directives))
          directives))))

(defun %cached-directive (control index)
  (let ((directives (%control-directives control)))
    (or (%svref directives index)
        (let ((d (%read-directive control index)))
          (%svset directives index d)
          d))))

(defun %read-directive (control index)
  ;; INDEX is just after the tilde.
  (let ((params nil) (colon nil) (at nil) (dynamic nil) (n (%string-length control)))
    (tagbody
     param
       (when (%fx>= index n) (%format-error control index "unterminated directive"))
       (let ((c (%schar control index)))
         (cond ((or (%digit-code-p (%char-code c)) (member c '(#\+ #\-)))
                (let ((start index))
                  (setq index (%fx+ index 1))
                  (tagbody
                   digit
                     (when (and (%fx< index n) (%digit-code-p (%char-code (%schar control index))))
                       (setq index (%fx+ index 1))
                       (go digit)))
                  (push (%parse-decimal control start index) params)))
               ((%eq c #\')
                (push (%schar control (%fx+ index 1)) params)
                (setq index (%fx+ index 2)))
               ((or (%eq c #\v) (%eq c #\V))
                (push (cons '%v index) params)
                (setq dynamic t index (%fx+ index 1)))
               ((%eq c #\#)
                (push (cons '%count index) params)
                (setq dynamic t index (%fx+ index 1)))
               ((%eq c #\,) (push nil params))
               (t (go modifiers))))
       (when (and (%fx< index n) (%eq (%schar control index) #\,))
         (setq index (%fx+ index 1))
         (go param))
     modifiers
       (when (%fx>= index n) (%format-error control index "unterminated directive"))
       (let ((c (%schar control index)))
         (cond ((%eq c #\:) (setq colon t index (%fx+ index 1)) (go modifiers))
               ((%eq c #\@) (setq at t index (%fx+ index 1)) (go modifiers)))))
    (list (%char-upcase (%schar control index)) colon at (reverse params) index
          (%fx+ index 1) dynamic nil)))

(defun %char-upcase (c)
  (let ((code (%char-code c)))
    (if (%lower-case-code-p code) (%code-char (%fx- code 32)) c)))

(defun %parse-decimal (string start end)
  (let ((sign 1) (value 0))
    (case (%schar string start)
      (#\- (setq sign -1 start (%fx+ start 1)))
      (#\+ (setq start (%fx+ start 1))))
    (do ((i start (%fx+ i 1)))
        ((%fx>= i end) (%fx* sign value))
      (setq value (%fx+ (%fx* value 10) (%fx- (%char-code (%schar string i)) 48))))))

(defun %directive-char (d) (car d))
(defun %directive-colon (d) (cadr d))
(defun %directive-at (d) (caddr d))
(defun %directive-params (d) (cadddr d))
(defun %directive-end (d) (cadr (cddddr d)))

(defmacro %with-directive-memo (d form)
  ;; FORM's value (a non-empty list), computed once for the parsed directive
  ;; D and kept in it; directives made up on the fly have no room for it.
  (let ((cell (gensym "CELL")) (value (gensym "VALUE")))
    `(let ((,cell (nthcdr 7 ,d)))
       (or (car ,cell)
           (let ((,value ,form))
             (when ,cell (rplaca ,cell ,value))
             ,value)))))

(defun %param (d n default)
  (let ((p (nth n (%directive-params d))))
    (if (null p) default p)))

(defun %find-directive (control start chars)
  ;; The index of the next top-level directive whose character is in CHARS
  ;; (skipping nested ~[ ~] and ~{ ~} groups), and the parsed directive.
  (let ((n (%string-length control)) (i start) (depth 0))
    (tagbody
     next
       (when (%fx>= i n) (return-from %find-directive (values nil nil)))
       (if (%eq (%schar control i) #\~)
           (let* ((d (%cached-directive control (%fx+ i 1)))
                  (c (%directive-char d)))
             (cond ((and (%fx= depth 0) (member c chars))
                    (return-from %find-directive (values i d)))
                   ((member c '(#\[ #\{ #\( #\<)) (setq depth (%fx+ depth 1)))
                   ((member c '(#\] #\} #\) #\>)) (setq depth (%fx- depth 1))))
             (setq i (%directive-end d)))
           (setq i (%fx+ i 1)))
       (go next))))

;;; Interpreting a segment of the control string

(defun %format-segment (stream control start end &optional fill-p)
  ;; FILL-P: the body of ~< ~:@>, where a fill newline follows each group
  ;; of blanks.
  (let ((i start))
    (tagbody
     next
       (when (%fx>= i end) (return-from %format-segment nil))
       (let ((c (%schar control i)))
         (if (%eq c #\~)
             (setq i (%format-directive stream control (%parse-directive control (%fx+ i 1))))
             (progn (%stream-write-char stream c)
                    (setq i (%fx+ i 1))
                    (when (and fill-p (%eq c #\Space)
                               (or (%fx>= i end) (not (%eq (%schar control i) #\Space))))
                      (pprint-newline :fill stream)))))
       (go next))))

(defun %pad (stream string mincol padchar left)
  (let ((pad (%fx- mincol (%string-length string))))
    (when left (dotimes (i pad) (%stream-write-char stream padchar)))
    (%stream-write-string stream string 0 (%string-length string))
    (unless left (dotimes (i pad) (%stream-write-char stream padchar)))))

(defun %pad-field (stream string mincol colinc minpad padchar left)
  ;; ~mincol,colinc,minpad,padcharA: MINPAD pad characters, then COLINC more
  ;; at a time until the field is at least MINCOL wide.
  (let ((pad minpad))
    (do ((width (%fx+ (%string-length string) minpad) (%fx+ width colinc)))
        ((%fx>= width mincol))
      (setq pad (%fx+ pad colinc)))
    (unless left (%stream-write-string stream string 0 (%string-length string)))
    (dotimes (i pad) (%stream-write-char stream padchar))
    (when left (%stream-write-string stream string 0 (%string-length string)))))

(defun %format-integer (stream d argument base)
  (if (not (integerp argument))
      ;; As SBCL: printed in BASE, with no padding.
      (let ((*print-base* base) (*print-radix* nil))
        (princ argument stream))
      (let ((digits (%integer-digits-string argument base)))
        (when (%directive-colon d)
          (setq digits (%group-digits digits (%param d 2 #\,) (%param d 3 3))))
        (cond ((minusp argument) (setq digits (%string-concat-2 "-" digits)))
              ((%directive-at d) (setq digits (%string-concat-2 "+" digits))))
        (%pad stream digits (%param d 0 0) (%param d 1 #\Space) t))))

(defun %group-digits (digits separator interval)
  (let ((out nil) (n (%string-length digits)))
    (dotimes (i n)
      (when (and (%fx> i 0) (%fx= (%fx-rem (%fx- n i) interval) 0))
        (push separator out))
      (push (%schar digits i) out))
    (let ((s (%make-string (length out) #\Space)) (i (length out)))
      (dolist (c out s) (setq i (%fx- i 1)) (%set-schar s i c)))))

(defun %format-directive (stream control d)
  ;; Carry out directive D; return the index to continue at.
  (let ((end (%directive-end d)))
    (case (%directive-char d)
      ((#\A #\S)
       (let* ((argument (%next-argument control end))
              (empty (and (null argument) (%directive-colon d)))
              (princ (%eq (%directive-char d) #\A)))
         (cond ((%directive-params d)
                (%pad-field stream (cond (empty "()")
                                         (princ (princ-to-string argument))
                                         (t (prin1-to-string argument)))
                            (%param d 0 0) (%param d 1 1) (%param d 2 0)
                            (%param d 3 #\Space) (%directive-at d)))
               (empty (%stream-write-string stream "()" 0 2))
               ;; Straight to the stream, where the pretty printer knows the column.
               (princ (princ argument stream))
               (t (prin1 argument stream)))))
      (#\D (%format-integer stream d (%next-argument control end) 10))
      (#\B (%format-integer stream d (%next-argument control end) 2))
      (#\O (%format-integer stream d (%next-argument control end) 8))
      (#\X (%format-integer stream d (%next-argument control end) 16))
      (#\R
       (let ((radix (%param d 0 nil)) (argument (%next-argument control end)))
         (cond (radix
                (%format-integer stream (list #\R (%directive-colon d) (%directive-at d)
                                             (cdr (%directive-params d)) nil end)
                                 argument radix))
               ((not (integerp argument))
                (%format-integer stream d argument 10))
               ((and (%directive-at d) (%directive-colon d))
                (%format-old-roman stream argument))
               ((%directive-at d) (%format-roman stream argument))
               ((%directive-colon d) (%format-ordinal stream argument))
               (t (%format-cardinal stream argument)))))
      (#\F
       (%format-float-directive stream (%next-argument control end) 0 d))
      (#\E
       (%format-float-directive stream (%next-argument control end) 1 d))
      (#\G
       (%format-float-directive stream (%next-argument control end) 2 d))
      (#\$
       (%format-float-directive stream (%next-argument control end) 3 d))
      (#\C
       (let ((char (%check-character (%next-argument control end))))
         (cond ((%directive-colon d)
                ;; Spelled out unless it is a glyph other than the space.
                (if (and (graphic-char-p char) (not (%eq char #\Space)))
                    (%stream-write-char stream char)
                    (%write-words stream (char-name char))))
               ((%directive-at d) (prin1 char stream))
               (t (%stream-write-char stream char)))))
      (#\% (dotimes (i (%param d 0 1)) (%stream-write-char stream #\Newline)))
      (#\& (let ((n (%param d 0 1)))
             (when (%fx> n 0)
               (fresh-line stream)
               (dotimes (i (%fx- n 1)) (%stream-write-char stream #\Newline)))))
      (#\| (dotimes (i (%param d 0 1)) (%stream-write-char stream (%code-char 12))))
      (#\~ (dotimes (i (%param d 0 1)) (%stream-write-char stream #\~)))
      (#\Newline
       ;; Skip the newline and the whitespace after it.
       (unless (%directive-colon d)
         (tagbody
          next
            (when (and (%fx< end (%string-length control))
                       (member (%schar control end) '(#\Space #\Tab)))
              (setq end (%fx+ end 1))
              (go next))))
       (when (%directive-at d) (%stream-write-char stream #\Newline)))
      (#\T (%format-tab-directive stream d))
      (#\_ (%format-newline-directive stream d))
      (#\I (%format-indent-directive stream d))
      (#\< (setq end (%format-angle stream control d)))
      (#\/ (setq end (%format-call-directive stream control d)))
      (#\P
       (when (%directive-colon d) (%back-up 1))
       (let ((plural (not (eql (%next-argument control end) 1))))
         (if (%directive-at d)
             (%stream-write-string stream (if plural "ies" "y") 0 (if plural 3 1))
             (when plural (%stream-write-char stream #\s)))))
      (#\*
       (if (%directive-colon d)
           (%back-up (%param d 0 1))
           (if (%directive-at d)
               (setq *format-arguments* (nthcdr (%param d 0 0) *format-all-arguments*))
               (dotimes (i (%param d 0 1)) (%next-argument control end)))))
      (#\?
       (let ((sub-control (%next-argument control end)))
         (cond ((%functionp sub-control)
                ;; A FORMATTER function: it returns the arguments it left.
                (if (%directive-at d)
                    (setq *format-arguments* (apply sub-control stream *format-arguments*))
                    (apply sub-control stream (%next-argument control end))))
               ((%directive-at d)
                (%format-segment stream sub-control 0 (%string-length sub-control)))
               (t (%format-with-arguments stream sub-control (%next-argument control end))))))
      (#\^
       (let ((params (%directive-params d)))
         (when (if params
                   (if (cdr params)
                       (eql (car params) (cadr params))
                       (eql (car params) 0))
                   (null *format-arguments*))
           (throw '%format-up-and-out nil))))
      (#\W (%format-write-directive stream d (%next-argument control end)))
      (#\( (setq end (%format-case-conversion stream control d)))
      (#\[ (setq end (%format-conditional stream control d)))
      (#\{ (setq end (%format-iteration stream control d)))
      (t (%format-error control end
                        (concatenate 'string "unknown or unsupported directive ~"
                                          (string (%directive-char d))))))
    end))

;;; ~F ~E ~G ~$ (the work is done in float.lisp).  KIND: 0 F, 1 E, 2 G, 3 $.
;;; A rational is formatted as a single-float; other non-floats as ~D
;;; (numbers) or ~A would.

(defun %format-float-directive (stream argument kind d)
  (let ((atsign (%directive-at d)))
    (cond ((or (floatp argument) (rationalp argument))
           (let ((x (if (floatp argument) argument (%to-single argument))))
             (case kind
               (0 (%format-fixed-aux stream x (%param d 0 nil) (%param d 1 nil) (%param d 2 nil)
                                     (%param d 3 nil) (%param d 4 #\Space) atsign))
               (1 (%format-exp-aux stream x (%param d 0 nil) (%param d 1 nil) (%param d 2 nil)
                                   (%param d 3 1) (%param d 4 nil) (%param d 5 #\Space)
                                   (%param d 6 nil) atsign))
               (2 (%format-general-aux stream x (%param d 0 nil) (%param d 1 nil) (%param d 2 nil)
                                       (%param d 3 nil) (%param d 4 nil) (%param d 5 #\Space)
                                       (%param d 6 nil) atsign))
               (t (%format-dollars stream x (%param d 0 2) (%param d 1 1) (%param d 2 0)
                                   (%param d 3 #\Space) (%directive-colon d) atsign)))))
          ;; Other objects as SBCL prints them: ~w$ right-aligned, complex
          ;; numbers right-aligned and anything else left-aligned in ~wF,
          ;; ~wE, ~wG; the pad character is always the space.
          (t (let ((*print-base* 10))
               (%pad-field stream (princ-to-string argument)
                           (%param d (if (eql kind 3) 2 0) 0) 1 0 #\Space
                           (or (eql kind 3) (numberp argument))))))))

;;; ~R without a radix: English cardinals and ordinals, Roman numerals.
;;; The wording is SBCL's.

(defconstant +cardinal-ones+
  #("" "one" "two" "three" "four" "five" "six" "seven" "eight" "nine"))
(defconstant +cardinal-teens+
  #("ten" "eleven" "twelve" "thirteen" "fourteen" "fifteen" "sixteen" "seventeen"
    "eighteen" "nineteen"))
(defconstant +cardinal-tens+
  #("" "" "twenty" "thirty" "forty" "fifty" "sixty" "seventy" "eighty" "ninety"))
(defconstant +cardinal-periods+
  #("" " thousand" " million" " billion" " trillion" " quadrillion" " quintillion"
    " sextillion" " septillion" " octillion" " nonillion" " decillion" " undecillion"
    " duodecillion" " tredecillion" " quattuordecillion" " quindecillion"
    " sexdecillion" " septendecillion" " octodecillion" " novemdecillion"
    " vigintillion"))
(defconstant +ordinal-ones+
  #("" "first" "second" "third" "fourth" "fifth" "sixth" "seventh" "eighth" "ninth"))
(defconstant +ordinal-tens+
  #("" "tenth" "twentieth" "thirtieth" "fortieth" "fiftieth" "sixtieth" "seventieth"
    "eightieth" "ninetieth"))

(defun %write-words (stream &rest strings)
  (dolist (s strings) (%stream-write-string stream s 0 (%string-length s))))

(defun %format-small-cardinal (stream n)
  ;; 0 < N < 1000
  (multiple-value-bind (hundreds rest) (truncate n 100)
    (when (plusp hundreds)
      (%write-words stream (svref +cardinal-ones+ hundreds) " hundred")
      (when (plusp rest) (%stream-write-char stream #\Space)))
    (when (plusp rest)
      (multiple-value-bind (tens ones) (truncate rest 10)
        (cond ((> tens 1)
               (%write-words stream (svref +cardinal-tens+ tens))
               (when (plusp ones)
                 (%write-words stream "-" (svref +cardinal-ones+ ones))))
              ((= tens 1) (%write-words stream (svref +cardinal-teens+ ones)))
              (t (%write-words stream (svref +cardinal-ones+ ones))))))))

(defun %format-cardinal-periods (stream n period)
  ;; N > 0, in groups of three digits from the highest.
  (multiple-value-bind (beyond here) (truncate n 1000)
    (unless (zerop beyond) (%format-cardinal-periods stream beyond (1+ period)))
    (unless (zerop here)
      (unless (zerop beyond) (%stream-write-char stream #\Space))
      (%format-small-cardinal stream here)
      (%write-words stream (svref +cardinal-periods+ period)))))

(defun %format-cardinal (stream n)
  (unless (< (abs n) (expt 10 66))
    (error "Number too large to print in English: ~:D" n))
  (cond ((minusp n)
         (%write-words stream "negative ")
         (%format-cardinal-periods stream (- n) 0))
        ((zerop n) (%write-words stream "zero"))
        (t (%format-cardinal-periods stream n 0))))

(defun %format-ordinal (stream n)
  (when (minusp n) (%write-words stream "negative "))
  (let ((number (abs n)))
    (multiple-value-bind (top bottom) (truncate number 100)
      (unless (zerop top) (%format-cardinal stream (- number bottom)))
      (when (and (plusp top) (plusp bottom)) (%stream-write-char stream #\Space))
      (multiple-value-bind (tens ones) (truncate bottom 10)
        (cond ((= bottom 12) (%write-words stream "twelfth"))
              ((= tens 1) (%write-words stream (svref +cardinal-teens+ ones) "th"))
              ((and (zerop tens) (plusp ones)) (%write-words stream (svref +ordinal-ones+ ones)))
              ((and (zerop ones) (plusp tens)) (%write-words stream (svref +ordinal-tens+ tens)))
              ((plusp bottom)
               (%write-words stream (svref +cardinal-tens+ tens) "-"
                             (svref +ordinal-ones+ ones)))
              ((plusp number) (%write-words stream "th"))
              (t (%write-words stream "zeroth")))))))

(defconstant +roman-digits+
  '((1000 . #\M) (500 . #\D) (100 . #\C) (50 . #\L) (10 . #\X) (5 . #\V) (1 . #\I)))

(defun %format-old-roman (stream n)
  ;; Additive numerals only: 4 is IIII.
  (unless (< 0 n 5000) (error "Number too large to print in old Roman numerals: ~:D" n))
  (dolist (digit +roman-digits+)
    (do () ((< n (car digit)))
      (%stream-write-char stream (cdr digit))
      (setq n (- n (car digit))))))

(defun %format-roman (stream n)
  ;; With subtractive pairs: CM CD XC XL IX IV.
  (unless (< 0 n 4000) (error "Number too large to print in Roman numerals: ~:D" n))
  (do ((digits +roman-digits+ (cdr digits)))
      ((zerop n))
    (let* ((value (caar digits))
           (char (cdar digits))
           ;; The digit that may come before this one to subtract: C before
           ;; M and D, X before C and L, I before X and V.
           (sub (cond ((>= value 500) (assoc 100 +roman-digits+))
                      ((>= value 50) (assoc 10 +roman-digits+))
                      ((>= value 5) (assoc 1 +roman-digits+)))))
      (do () ((< n value))
        (%stream-write-char stream char)
        (setq n (- n value)))
      (when (and sub (>= n (- value (car sub))))
        (%stream-write-char stream (cdr sub))
        (%stream-write-char stream char)
        (setq n (- n (- value (car sub))))))))

;;; ~T: tabulation by the stream's column, as SBCL does without pretty
;;; printing.

(defun %write-spaces (stream n)
  (dotimes (i n) (%stream-write-char stream #\Space)))

(defun %format-absolute-tab (stream colnum colinc)
  ;; To column COLNUM, or past it to the next multiple of COLINC.
  (let ((column (%stream-column stream)))
    (cond ((< column colnum) (%write-spaces stream (- colnum column)))
          ((plusp colinc) (%write-spaces stream (- colinc (rem (- column colnum) colinc)))))))

(defun %format-relative-tab (stream colrel colinc)
  ;; COLREL spaces, then on to a multiple of COLINC.
  (let ((column (%stream-column stream)))
    (%write-spaces stream (if (plusp colinc)
                              (- (* (ceiling (+ column colrel) colinc) colinc) column)
                              colrel))))

(defun %back-up (n)
  (let ((used (%fx- (length *format-all-arguments*) (length *format-arguments*))))
    (setq *format-arguments* (nthcdr (max 0 (%fx- used n)) *format-all-arguments*))))

(defun %format-clauses (control start)
  ;; The clauses of ~[ ... ~] from START: a list of (start . end) pairs, the
  ;; index after ~], and whether the last separator was ~:;.
  (let ((clauses nil) (default nil))
    (tagbody
     next
       (multiple-value-bind (i d) (%find-directive control start '(#\; #\]))
         (unless i (%format-error control start "~[ without ~]"))
         (push (cons start i) clauses)
         (when (%eq (%directive-char d) #\])
           (return-from %format-clauses (values (reverse clauses) (%directive-end d) default)))
         (when (%directive-colon d) (setq default t))
         (setq start (%directive-end d))
         (go next)))))

(defun %format-conditional (stream control d)
  (destructuring-bind (clauses end default)
      (%with-directive-memo d (multiple-value-list (%format-clauses control (%directive-end d))))
    (flet ((run (clause)
             (when clause (%format-segment stream control (car clause) (cdr clause)))))
      (cond ((%directive-colon d)
             (run (if (%next-argument control end) (cadr clauses) (car clauses))))
            ((%directive-at d)
             (if (car *format-arguments*)
                 (run (car clauses))
                 (%next-argument control end)))
            (t
             (let ((index (%param d 0 nil)))
               (unless index (setq index (%next-argument control end)))
               (run (if (and (%fixnump index) (%fx>= index 0) (%fx< index (length clauses))
                             (not (and default (%fx= index (%fx- (length clauses) 1)))))
                        (nth index clauses)
                        (when default (car (last clauses))))))))
      end)))

(defun %capitalize-first-word (string)
  ;; ~@( : the first letter upper case, everything else lower case.
  (let ((result (string-downcase string)))
    (dotimes (i (length result) result)
      (when (alpha-char-p (char result i))
        (setf (char result i) (char-upcase (char result i)))
        (return result)))))

(defun %format-case-conversion (stream control d)
  ;; ~( ... ~): the output of the enclosed directives, case-converted.
  (destructuring-bind (close cd)
      (%with-directive-memo d (multiple-value-list
                               (%find-directive control (%directive-end d) '(#\)))))
    (unless close (%format-error control (%directive-end d) "~( without ~)"))
    (let ((buffer (make-string-output-stream)))
      ;; A ~^ inside leaves through here: what was written still goes out.
      (unwind-protect (%format-segment buffer control (%directive-end d) close)
        (let ((text (get-output-stream-string buffer)))
          (write-string (cond ((and (%directive-colon d) (%directive-at d)) (string-upcase text))
                              ((%directive-colon d) (string-capitalize text))
                              ((%directive-at d) (%capitalize-first-word text))
                              (t (string-downcase text)))
                        stream))))
    (%directive-end cd)))

(defun %format-iteration (stream control d)
  (destructuring-bind (close cd)
      (%with-directive-memo d (multiple-value-list
                               (%find-directive control (%directive-end d) '(#\}))))
    (unless close (%format-error control (%directive-end d) "~{ without ~}"))
    (let* ((start (%directive-end d))
           (body-control (if (%fx= close start) (%next-argument control start) control))
           (body-start (if (%fx= close start) 0 start))
           (body-end (if (%fx= close start) (%string-length body-control) close))
           (limit (%param d 0 nil))
           (at-least-once (%directive-colon cd))
           (count 0))
      (flet ((once (arguments &optional same-arguments)
               ;; SAME-ARGUMENTS: ~@{ goes on with the arguments of the
               ;; directives around it (popped as they are, in ~< ~:>).
               (let ((*format-arguments* arguments) (*format-all-arguments* arguments)
                     (*%format-pop* (and same-arguments *%format-pop*)))
                 (catch '%format-up-and-out
                   (%format-segment stream body-control body-start body-end))
                 *format-arguments*)))
        (if (%directive-at d)
            (tagbody
             next
               (when (and (or *format-arguments* (and at-least-once (%fx= count 0)))
                          (or (null limit) (%fx< count limit)))
                 (setq count (%fx+ count 1))
                 (if (%directive-colon d)
                     (once (%next-argument control start))
                     (setq *format-arguments* (once *format-arguments* t)))
                 (go next)))
            (let ((items (%next-argument control start)))
              (unless (listp items) (%type-error items 'list))
              (tagbody
               next
                 (when (and (or items (and at-least-once (%fx= count 0)))
                            (or (null limit) (%fx< count limit)))
                   (setq count (%fx+ count 1))
                   (if (%directive-colon d)
                       (progn (once (car items)) (setq items (cdr items)))
                       (setq items (once items)))
                   (go next))))))
      (%directive-end cd))))

(defun %format-stream (destination)
  ;; For FORMAT, T means *STANDARD-OUTPUT* (for the printer, *TERMINAL-IO*),
  ;; whatever stream that is (a synonym stream, a two-way stream, ...); a
  ;; string with a fill pointer receives the output.
  (if (stringp destination)
      (%make-string-target-stream destination)
      (%output-stream (if (%eq destination t) nil destination))))

(defun format (destination control &rest arguments)
  (when (%functionp control)
    (return-from format
      (if (null destination)
          (with-output-to-string (s) (apply control s arguments))
          (progn (apply control (%format-stream destination) arguments) nil))))
  (setq control (%check-string control))
  (if (null destination)
      (with-output-to-string (s) (%format-with-arguments s control arguments))
      (progn (%format-with-arguments (%format-stream destination) control arguments) nil)))

(defun %format-with-arguments (stream control arguments)
  ;; CONTROL's directives on ARGUMENTS; returns the arguments left.
  (let ((*format-arguments* arguments) (*format-all-arguments* arguments) (*%format-pop* nil)
        (*%format-directives* nil))
    (catch '%format-up-and-out
      (%format-segment stream control 0 (%string-length control)))
    *format-arguments*))

;;; (FORMATTER control): a function of a stream and arguments that does
;;; what FORMAT does with CONTROL, and returns the arguments left.
(defmacro formatter (control)
  (setq control (%check-string control))
  (let ((stream (gensym "STREAM")) (arguments (gensym "ARGUMENTS")))
    `(lambda (,stream &rest ,arguments)
       (%format-with-arguments (%output-stream ,stream) ,control ,arguments))))
