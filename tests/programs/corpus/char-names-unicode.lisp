;;; Character names beyond ASCII: CHAR-NAME, NAME-CHAR, PRIN1 and the #\ reader
;;; over every kind of code point (controls, Latin-1, named characters of
;;; every plane, Hangul syllables, CJK ideographs, unassigned, private use,
;;; surrogates, noncharacters), and their round trips.

(defparameter *codes*
  '(#x0 #x7 #x8 #x9 #xA #xC #xD #x1B #x20 #x41 #x5F #x7F #x80 #x82 #x85 #x99 #x9F
    #xA0 #xAD #xB5 #xDF #xE9 #xFF #x100 #x149 #x1C5 #x2BC #x300 #x378 #x391 #x3C2
    #x410 #x5D0 #x627 #x905 #xE01 #xF0F #xF7B #x10D0 #x1100 #x13A0 #x1E9E #x2000 #x200B
    #x2028 #x20AC #x2118 #x2160 #x2190 #x2200 #x2460 #x25A0 #x2603 #x2FD5 #x3000 #x3042
    #x30A2 #x3131 #x3400 #x4DBF #x4E00 #x9FFF #xA000 #xA4D0 #xAC00 #xAC01 #xC544 #xD7A3
    #xD7A4 #xD800 #xDBFF #xDC00 #xDFFF #xE000 #xF8FF #xF900 #xFA6D #xFA6E #xFB01 #xFDD0
    #xFE0F #xFEFF #xFF21 #xFFFD #xFFFE #xFFFF #x10000 #x10330 #x1047F #x10900 #x12000
    #x13000 #x16F00 #x17000 #x18800 #x1B000 #x1B170 #x1B2FB #x1D11E #x1D400 #x1F004
    #x1F310 #x1F5CF #x1F600 #x1F97A #x1FAF0 #x20000 #x2A6D6 #x2F800 #x2FA1D #x30000
    #xE0001 #xE0041 #xE0100 #xE01EF #xF0000 #xFFFFD #x100000 #x10FFFF))

(defun show (code)
  (let* ((c (code-char code)) (name (char-name c)))
    (format t "~X ~S ~S ~S~%" code name c
            (and name (eql (name-char name) c)
                 (eql (name-char (string-downcase name)) c)
                 (eql (read-from-string (prin1-to-string c)) c)))))

(dolist (code *codes*) (show code))

;; Other names NAME-CHAR accepts: aliases, ^X, U+XXXX forms, Unicode 1.0
;; names; and names it does not.
(dolist (name '("Null" "Bs" "Ht" "Linefeed" "Lf" "Nl" "Form" "Formfeed" "Ff" "Np" "Cr"
                "Escape" "Altmode" "Alt" "Sp" "Delete" "Del" "^@" "^a" "^J" "^[" "^_" "^?"
                "U+E9" "u+e9" "UE9" "U00E9" "U+000000000041" "U+10FFFF" "U+110000" "U+"
                "U" "U+-1" "U+41_" "UG" "LINE_FEED_(LF)" "BYTE_ORDER_MARK" "PERIOD" "BELL"
                "LATIN_CAPITAL_LETTER_YOGH" "GEORGIAN_SMALL_LETTER_AN" "SCRIPT_P"
                "NEXT_LINE_(NEL)" "BREAK_PERMITTED_HERE" "next-line" "C80" "C85"
                "PAGE" "UNICODE_PAGE" "NO-BREAK_SPACE" "NO_BREAK_SPACE" "NO-BREAK-SPACE"
                "no-break space" "LATIN_SMALL_LETTER_E_WITH__ACUTE" "_LATIN_SMALL_LETTER_A"
                "LATIN_SMALL_LETTER_A_" "TIBETAN_MARK_GTER_YIG_MGO_-UM_RNAM_BCAD_MA"
                "TIBETAN_MARK_BKA-_SHOG_YIG_MGO" "HANGUL_SYLLABLE_" "HANGUL_SYLLABLE_A"
                "hangul_syllable_gag" "HANGUL_SYLLABLE_GAGS" "HANGUL_SYLLABLE_GAX"
                "CJK_UNIFIED_IDEOGRAPH-4E00" "CJK_COMPATIBILITY_IDEOGRAPH-f900"
                "CJK_COMPATIBILITY_IDEOGRAPH-0F900" "CJK_COMPATIBILITY_IDEOGRAPH-FA6E"
                "NUSHU_CHARACTER-1B170" "TANGUT_IDEOGRAPH-17000" "VARIATION_SELECTOR-17"
                "GRINNING_FACE" "ZZZ" "A" "" "LATIN"))
  (format t "~S -> ~S~%" name
          (handler-case (name-char name)
            (type-error (e) (format nil "type-error ~S" (type-error-datum e))))))
(format t "~S ~S ~S~%" (name-char 'space) (name-char #\a) (name-char "Rubout"))

;; The reader: names in any case, hexadecimal codes, and bad names.
(dolist (text '("#\\latin_small_letter_e_with_acute" "#\\U+E9" "#\\u+e9" "#\\UE9"
                "#\\U+0000041" "#\\GREEK_SMALL_LETTER_FINAL_SIGMA" "#\\Next-Line"
                "#\\^z" "#\\é" "#\\ÿ" "#\\𝄞" "(#\\U+1F600 #\\U4E00 #\\HANGUL_SYLLABLE_HIH)"
                "#\\LINE_FEED_(LF)" "#\\U+" "#\\éa" "#\\NO_SUCH_CHARACTER" "#\\U+110000"))
  (format t "~A: ~A~%" text
          (handler-case (prin1-to-string (read-from-string text))
            (reader-error () "reader-error")
            (type-error (e) (format nil "type-error ~S" (type-error-datum e))))))

;; FORMAT ~:C and ~@C, and characters inside printed structure.
(format t "~:C|~:C|~:C|~@C|~@C~%" (code-char #xE9) (code-char #x85) (code-char #x4E00)
        (code-char #xE9) (code-char #x9F))
(print (list (code-char #x3B1) (code-char #x85) (code-char #xAC00) "é"))
(terpri)
(write (code-char #xE9) :escape nil)
(terpri)
