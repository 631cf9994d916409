;;; Strings: case, trimming, comparison, searching, building, parsing.

(defparameter *s* "  Hello, World!  ")

(print (string-upcase *s*))
(print (string-downcase *s*))
(print (string-capitalize "the QUICK brown fox's 3rd-jump"))
(print (string-upcase "abcdef" :start 2 :end 4))
(print (list (string-trim " " *s*) (string-left-trim " " *s*) (string-right-trim " !" *s*)))
(print (string-trim '(#\a #\b) "abcbadab"))
(print (string 'symbol-name))
(print (string #\c))
(print (list (string-upcase 'foo) (string-downcase :key)))

;; Destructive versions change the argument.
(let ((s (copy-seq "make me loud")))
  (nstring-upcase s :start 8)
  (print s)
  (nstring-capitalize s)
  (print s))

;; Comparison
(print (list (string= "abc" "abc") (string= "abc" "ABC") (string-equal "abc" "ABC")
             (string= "xabcx" "abc" :start1 1 :end1 4)))
(print (list (string< "apple" "banana") (string< "apple" "apple") (string< "app" "apple")
             (string> "b" "a") (string<= "a" "a") (string>= "a" "b") (string/= "abc" "abd")))
(print (list (string-lessp "ABC" "abd") (string-greaterp "b" "A") (string-not-equal "a" "A")
             (string-not-greaterp "abc" "ABC") (string-not-lessp "b" "a")))

;; Characters
(print (list (char-upcase #\a) (char-downcase #\Q) (upper-case-p #\A) (lower-case-p #\A)
             (alpha-char-p #\5) (digit-char-p #\7) (digit-char-p #\f 16) (alphanumericp #\_)
             (digit-char 11 16) (char-code #\A) (code-char 97)))
(print (list (char< #\a #\b #\c) (char< #\a #\c #\b) (char= #\x #\x #\x) (char/= #\a #\b #\a)
             (char-equal #\a #\A) (char-lessp #\a #\B) (char>= #\z #\a)))

;; Building strings
(defun repeat-string (s n)
  (let ((out (make-string-output-stream)))
    (dotimes (i n) (write-string s out))
    (get-output-stream-string out)))
(print (repeat-string "ab" 4))
(print (with-output-to-string (s)
         (dolist (w '("one" "two" "three"))
           (write-string w s)
           (write-char #\/ s))))
(print (concatenate 'string "a" (string #\b) (princ-to-string 42) (prin1-to-string "q")))
(print (format nil "~{~a~^-~}" (list "x" "y" "z")))
(defun join (strings separator)
  (if (null strings)
      ""
      (reduce (lambda (a b) (concatenate 'string a separator b)) strings)))
(print (join '("usr" "local" "bin") "/"))
(defun split (string char)
  (let ((parts nil) (start 0))
    (dotimes (i (length string))
      (when (char= (char string i) char)
        (push (subseq string start i) parts)
        (setq start (1+ i))))
    (push (subseq string start) parts)
    (nreverse parts)))
(print (split "a,b,,c" #\,))
(print (map 'string (lambda (c) (if (char= c #\a) #\4 c)) "banana"))

;; Palindromes and word counts
(defun palindromep (s)
  (let ((letters (remove-if-not #'alpha-char-p (string-downcase s))))
    (string= letters (reverse letters))))
(print (mapcar #'palindromep '("A man, a plan, a canal: Panama" "hello" "Racecar")))
(defun count-words (s) (length (remove "" (split s #\Space) :test #'string=)))
(print (count-words "  the  cat sat   on the mat "))

;; Parsing integers
(print (list (parse-integer "42") (parse-integer "  -17 ") (parse-integer "+8")
             (parse-integer "ff" :radix 16) (parse-integer "1010" :radix 2)))
(print (multiple-value-list (parse-integer "123abc" :junk-allowed t)))
(print (multiple-value-list (parse-integer "abc" :junk-allowed t)))
(print (multiple-value-list (parse-integer " 12 " :junk-allowed t)))
(print (multiple-value-list (parse-integer " 12 ")))
(print (multiple-value-list (parse-integer "x12y" :start 1 :end 3)))
(defun sum-numbers-in (s)
  (reduce #'+ (mapcar #'parse-integer (split s #\+))))
(print (sum-numbers-in "10+20+300"))

;; Caesar cipher
(defun caesar (s shift)
  (map 'string
       (lambda (c)
         (cond ((lower-case-p c) (code-char (+ 97 (mod (+ (- (char-code c) 97) shift) 26))))
               ((upper-case-p c) (code-char (+ 65 (mod (+ (- (char-code c) 65) shift) 26))))
               (t c)))
       s))
(print (caesar "Hello, World!" 3))
(print (caesar (caesar "Round Trip" 11) -11))

;; Strings as vectors of characters
(let ((s (make-string 3 :initial-element #\a)))
  (setf (char s 1) #\b)
  (setf (aref s 2) #\c)
  (print (list s (length s) (aref s 0) (schar s 2) (stringp s) (vectorp s) (simple-vector-p s))))
(terpri)
