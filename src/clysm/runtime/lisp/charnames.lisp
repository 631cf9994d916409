;;;; charnames.lisp -- the names of characters beyond ASCII, as SBCL has them.

(in-package "CLYSM")

;;; Beyond ASCII (kernel.lisp) a character is named by the C1 control
;;; names, by an algorithm (Hangul syllables, PREFIX-XXXX ranges), by the
;;; compressed table of unicode-names.lisp, or else U+XXXX style.  The
;;; encoding is described in scripts/generate_unicode_names.py.  Nothing is
;;; decoded at start-up: the word table on the first name from the table,
;;; and NAME-CHAR's index of the names on its first lookup in the table.

(defconstant +name-payload-base+ 65536)
(defconstant +name-letters+ "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789()")
(defconstant +name-word-share0+ 38)
(defconstant +name-word-end+ 63)
(defconstant +name-hyphen+ 9)
(defconstant +name-gap+ 10)
(defconstant +name-end+ 11)
(defconstant +name-word2+ 12)
(defconstant +name-word3+ 19)
(defconstant +name-word2-count+ 224)
(defconstant +hangul-first+ 44032)
(defconstant +hangul-count+ 11172)

(defvar *unicode-name-words* nil)        ; the decoded word table
(defvar *unicode-name-word-index* nil)   ; word -> its number
(defvar *unicode-name-index* nil)        ; hash of a name's tokens -> codes
(defvar *unicode-1-name-index* nil)      ; the same for Unicode 1.0 names

;;; The packed streams

(defun %name-payload (string index)
  (%fx- (%char-code (%schar string index)) +name-payload-base+))

(defconstant +powers-of-two+ #(1 2 4 8 16 32 64 128 256 512 1024 2048 4096 8192 16384 32768))

(defun %name-unit (string index width)
  ;; Unit INDEX of a stream of WIDTH-bit units, 20 bits a character, the
  ;; first in the high bits.
  (let* ((per-char (%fx-truncate 20 width))
         (payload (%name-payload string (%fx-truncate index per-char)))
         (shift (%fx* width (%fx- (%fx- per-char 1) (%fx-rem index per-char)))))
    (%fx-logand (%fx-truncate payload (%svref +powers-of-two+ shift))
                (%fx- (%svref +powers-of-two+ width) 1))))

(defun %string-prefix (string length)
  ;; A fresh string of the first LENGTH characters of STRING.
  (let ((copy (%make-string length #\A)))
    (dotimes (i length copy) (%set-schar copy i (%schar string i)))))

(defun %copy-into (target start source)
  ;; Copy SOURCE into TARGET at START; the end of the copy in TARGET.
  (let ((n (%string-length source)))
    (dotimes (i n (%fx+ start n)) (%set-schar target (%fx+ start i) (%schar source i)))))

(defun %unicode-name-words ()
  (or *unicode-name-words* (setq *unicode-name-words* (%decode-name-words))))

(defun %decode-name-words ()
  ;; The word table: units are letters, or start a word sharing a prefix
  ;; with the previous one.
  (let ((words (make-array +unicode-name-word-count+))
        (buffer (make-string 64))
        (length 0) (count 0) (started nil))
    (do ((index 0 (%fx+ index 1)))
        (nil)
      (let ((unit (%name-unit +unicode-name-words+ index 6)))
        (cond ((%fx< unit +name-word-share0+)
               (%set-schar buffer length (%schar +name-letters+ unit))
               (setq length (%fx+ length 1)))
              (t (when started
                   (setf (svref words count) (%string-prefix buffer length))
                   (setq count (%fx+ count 1)))
                 (when (%fx= unit +name-word-end+) (return words))
                 (setq started t length (%fx- unit +name-word-share0+))))))))

(defun %walk-names (stream blocks block function)
  ;; Decode the names of STREAM from block BLOCK on, calling FUNCTION with
  ;; the code, the tokens (word numbers, -1 for a hyphen) and their count of
  ;; each, until it returns true (which is returned), or NIL at the end.
  (let ((tokens (make-array 32)) (count 0) (code 0) (skip 0) (started nil)
        (block-count (%fx-truncate (%string-length blocks) 2)))
    (flet ((unit (index) (%name-unit stream index 5))
           (block-start (block)
             (if (%fx< block block-count) (%name-payload blocks (%fx+ (%fx* block 2) 1)) -1)))
      (do ((index (block-start block)) (next-block (block-start block)))
          (nil)
        (let ((unit (unit index)) (at index) (word nil))
          (setq index (%fx+ index 1))
          (cond ((or (%fx<= unit 8) (%fx= unit +name-end+))
                 (when started
                   (let ((result (funcall function code tokens count)))
                     (when result (return result))))
                 (when (%fx= unit +name-end+) (return nil))
                 (cond ((%fx= at next-block)
                        (setq code (%name-payload blocks (%fx* block 2))
                              block (%fx+ block 1)
                              next-block (block-start block)))
                       (t (setq code (%fx+ code (%fx+ skip 1)))))
                 (setq started t count unit skip 0))
                ((%fx= unit +name-hyphen+) (setq word -1))
                ((%fx= unit +name-gap+)
                 (dotimes (i 4) (setq skip (%fx+ (%fx* skip 32) (unit (%fx+ index i)))))
                 (setq index (%fx+ index 4)))
                ((%fx< unit +name-word3+)
                 (setq word (%fx+ (%fx* (%fx- unit +name-word2+) 32) (unit index))
                       index (%fx+ index 1)))
                (t (setq word (%fx+ (%fx+ +name-word2-count+
                                          (%fx* (%fx- unit +name-word3+) 1024))
                                    (%fx+ (%fx* (unit index) 32) (unit (%fx+ index 1))))
                         index (%fx+ index 2))))
          (when word
            (setf (svref tokens count) word)
            (setq count (%fx+ count 1))))))))

(defun %tokens-name (tokens count)
  ;; The name spelled by TOKENS: words joined by "_", hyphens as "-".
  (let ((words (%unicode-name-words)) (length 0))
    (flet ((joined-p (i) (and (%fx> i 0) (%fx>= (svref tokens i) 0)
                              (%fx>= (svref tokens (%fx- i 1)) 0))))
      (dotimes (i count)
        (let ((token (svref tokens i)))
          (setq length (%fx+ length (if (%fx< token 0) 1 (%string-length (svref words token)))))
          (when (joined-p i) (setq length (%fx+ length 1)))))
      (let ((name (%make-string length #\_)) (end 0))
        (dotimes (i count name)
          (let ((token (svref tokens i)))
            (cond ((%fx< token 0)
                   (%set-schar name end #\-)
                   (setq end (%fx+ end 1)))
                  (t (when (joined-p i) (setq end (%fx+ end 1)))  ; the "_" already there
                     (setq end (%copy-into name end (svref words token)))))))))))

(defun %find-name-block (blocks code)
  ;; The last block of BLOCKS whose first name is at or before CODE, or NIL.
  (let ((low 0) (high (%fx- (%fx-truncate (%string-length blocks) 2) 1)) (found nil))
    (do () ((%fx> low high) found)
      (let ((middle (%fx-truncate (%fx+ low high) 2)))
        (cond ((%fx<= (%name-payload blocks (%fx* middle 2)) code)
               (setq found middle low (%fx+ middle 1)))
              (t (setq high (%fx- middle 1))))))))

(defun %stream-char-name (stream blocks code)
  ;; The name of CODE in a name stream, or NIL.
  (let* ((block (%find-name-block blocks code))
         (name (and block
                    (%walk-names stream blocks block
                                 #'(lambda (name-code tokens count)
                                     (cond ((%fx= name-code code) (%tokens-name tokens count))
                                           ((%fx> name-code code) :none)))))))
    (and (stringp name) name)))

;;; Algorithmic names

(defun %hangul-syllable-name (code)
  (let ((i (%fx- code +hangul-first+)))
    (when (and (%fx>= i 0) (%fx< i +hangul-count+))
      (%string-concat "HANGUL_SYLLABLE_"
                      (svref +hangul-lead-jamo+ (%fx-truncate i 588))
                      (svref +hangul-vowel-jamo+ (%fx-truncate (%fx-rem i 588) 28))
                      (svref +hangul-trail-jamo+ (%fx-rem i 28))))))

(defun %hex-named-name (code)
  ;; PREFIX-XXXX for the codes of +HEX-NAMED-RANGES+.
  (let ((ranges +hex-named-ranges+))
    (do ((i 0 (%fx+ i 3)))
        ((%fx>= i (%vector-length ranges)) nil)
      (when (and (%fx>= code (svref ranges i)) (%fx<= code (svref ranges (%fx+ i 1))))
        (return (%string-concat (svref ranges (%fx+ i 2)) (%hex-digits code)))))))

(defun %hex-digits (code)
  (let ((*print-base* 16) (*print-radix* nil)) (princ-to-string code)))

(defun %unicode-char-name (code)
  ;; The name of a character beyond ASCII.
  (cond ((%fx< code 160) (svref +c1-control-names+ (%fx- code 128)))
        ((%hangul-syllable-name code))
        ((%hex-named-name code))
        ((%stream-char-name +unicode-name-stream+ +unicode-name-blocks+ code))
        (t (%string-concat "U" (%hex-digits code)))))

;;; From names to characters

(defun %unicode-name-char (name)
  ;; The character named NAME beyond the ASCII names, or NIL.
  (let ((name (string-upcase name)))
    (or (%c1-name-char name)
        (%hex-name-char name)
        (%indexed-name-char name)
        (%hangul-name-char name)
        (%hex-named-name-char name))))

(defun %c1-name-char (name)
  (dotimes (i 32 nil)
    (when (string-equal name (svref +c1-control-names+ i))
      (return (%code-char (%fx+ 128 i))))))

(defun %hex-name-code (name)
  ;; The number of U+XXXX or UXXXX (any number of digits), or NIL.
  (let* ((n (%string-length name))
         (start (if (and (%fx> n 1) (%eq (%schar name 1) #\+)) 2 1)))
    (when (and (%fx> n start) (char-equal (%schar name 0) #\U))
      (do ((i start (%fx+ i 1)))
          ((%fx= i n) (parse-integer name :start start :radix 16))
        (unless (digit-char-p (%schar name i) 16) (return nil))))))

(defun %hex-name-char (name)
  ;; As in SBCL, a number beyond the last code point is a TYPE-ERROR.
  (let ((code (%hex-name-code name)))
    (when code
      (unless (< code char-code-limit)
        (error 'type-error :datum code :expected-type '(mod 1114112)))
      (%code-char code))))

(defun %hangul-name-char (name)
  ;; HANGUL_SYLLABLE_ followed by leading, vowel and trailing jamo names.
  (let ((start 16) (end (%string-length name)))
    (when (and (%fx> end start) (string= name "HANGUL_SYLLABLE_" :end1 start))
      (dotimes (lead 19 nil)
        (let ((vowel-start (%jamo-end name start (svref +hangul-lead-jamo+ lead))))
          (when vowel-start
            (dotimes (vowel 21)
              (let ((trail-start (%jamo-end name vowel-start (svref +hangul-vowel-jamo+ vowel))))
                (when trail-start
                  (dotimes (trail 28)
                    (when (eql (%jamo-end name trail-start (svref +hangul-trail-jamo+ trail)) end)
                      (return-from %hangul-name-char
                        (%code-char (%fx+ +hangul-first+
                                          (%fx+ (%fx* lead 588) (%fx+ (%fx* vowel 28) trail))))))))))))))))

(defun %jamo-end (name start jamo)
  ;; Where JAMO ends when NAME has it at START, else NIL.
  (let ((end (%fx+ start (%string-length jamo))))
    (and (%fx<= end (%string-length name)) (string= name jamo :start1 start :end1 end) end)))

(defun %hex-named-name-char (name)
  (let ((ranges +hex-named-ranges+))
    (do ((i 0 (%fx+ i 3)))
        ((%fx>= i (%vector-length ranges)) nil)
      (let* ((prefix (svref ranges (%fx+ i 2))) (length (%string-length prefix)))
        (when (and (%fx> (%string-length name) length)
                   (string= name prefix :end1 length))
          (let ((code (parse-integer name :start length :radix 16 :junk-allowed t)))
            (when (and code (%fx>= code (svref ranges i)) (%fx<= code (svref ranges (%fx+ i 1)))
                       (string= name (%hex-named-name code)))
              (return (%code-char code)))))))))

;;; The index of the table's names: a name's tokens hashed to the codes
;;; whose names hash so; a candidate is checked by spelling its name.

(defun %name-tokens-hash (tokens count)
  (let ((hash 0))
    (dotimes (i count hash)
      (setq hash (%fx-logand (%fx+ (%fx* hash 31) (%fx+ (svref tokens i) 2)) 16777215)))))

(defun %name-index (stream blocks)
  (let ((index (make-hash-table :size (%fx* (%string-length blocks) 16))))
    (%walk-names stream blocks 0
                 #'(lambda (code tokens count)
                     (push code (gethash (%name-tokens-hash tokens count) index))
                     nil))
    index))

(defun %unicode-name-word-index ()
  (or *unicode-name-word-index*
      (let ((index (make-hash-table :test 'equal)) (words (%unicode-name-words)))
        (dotimes (i (%vector-length words))
          (setf (gethash (svref words i) index) i))
        (setq *unicode-name-word-index* index))))

(defun %name-query-tokens (name)
  ;; The tokens of NAME (upper case) as the table's, or NIL when it has a
  ;; word not in the table.
  (let ((words (%unicode-name-word-index)) (tokens nil) (start 0) (n (%string-length name)))
    (do ((i 0 (%fx+ i 1)))
        ((%fx> i n) (nreverse tokens))
      (when (or (%fx= i n) (%eq (%schar name i) #\_) (%eq (%schar name i) #\-))
        (let ((word (gethash (%substring name start i) words)))
          (unless word (return nil))
          (push word tokens)
          (when (and (%fx< i n) (%eq (%schar name i) #\-)) (push -1 tokens))
          (setq start (%fx+ i 1)))))))

(defun %substring (string start end)
  (let ((copy (%make-string (%fx- end start) #\A)))
    (dotimes (i (%fx- end start) copy)
      (%set-schar copy i (%schar string (%fx+ start i))))))

(defun %indexed-name-char (name)
  ;; A name of the table, else a Unicode 1.0 name.
  (let ((tokens (%name-query-tokens name)))
    (when tokens
      (let* ((vector (coerce tokens 'simple-vector))
             (hash (%name-tokens-hash vector (%vector-length vector))))
        (unless *unicode-name-index*
          (setq *unicode-name-index* (%name-index +unicode-name-stream+ +unicode-name-blocks+)
                *unicode-1-name-index* (%name-index +unicode-1-name-stream+
                                                    +unicode-1-name-blocks+)))
        (or (%indexed-candidate name (gethash hash *unicode-name-index*)
                                +unicode-name-stream+ +unicode-name-blocks+)
            (%indexed-candidate name (gethash hash *unicode-1-name-index*)
                                +unicode-1-name-stream+ +unicode-1-name-blocks+))))))

(defun %indexed-candidate (name codes stream blocks)
  (dolist (code codes nil)
    (when (string= name (%stream-char-name stream blocks code))
      (return (%code-char code)))))
