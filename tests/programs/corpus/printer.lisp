;;; The printer: symbols (escaping, case, packages), strings, characters,
;;; lists, vectors, and the printer variables.

(print '(sym |lower| |with space| |a(b| :key nil t))
(print (list "plain" "with \"quotes\"" "back\\slash" ""))
(print (list #\a #\Space #\Newline #\Tab #\( #\\ #\"))
(print '(1 (2 (3 (4))) (a . b) (a b . c) ((nil))))
(print (vector 1 "s" #\c 'sym (list 1 2) (vector)))
(print (list '|123| '|1.5| '|+| '|-| '|.| '|a:b| '1+ '+1a 'abc-123))
(princ '(sym |lower| "string" #\c :key))
(terpri)
(prin1 '(sym |lower| "string" #\c :key))
(terpri)
(write '(a "b" #\c) :escape nil)
(terpri)
(write '(a "b" #\c))
(terpri)

;; *PRINT-BASE* and *PRINT-RADIX*
(let ((*print-base* 16)) (print (list 255 -16 0 4096)))
(let ((*print-base* 2) (*print-radix* t)) (print 10))
(let ((*print-base* 8) (*print-radix* t)) (print '(8 64)))
(let ((*print-base* 16) (*print-radix* t)) (print 255))
(let ((*print-radix* t)) (print 42))
(print (write-to-string 255 :base 16))
(print (write-to-string 7 :base 3 :radix t))

;; *PRINT-CASE*
(let ((*print-case* :downcase)) (print '(hello world |MiXed| :key)))
(let ((*print-case* :capitalize)) (print '(hello-world foo_bar x1y)))

;; *PRINT-LENGTH* and *PRINT-LEVEL*
(let ((*print-length* 3)) (print '(1 2 3 4 5)) (print (vector 1 2 3 4)) (print '(1 2 3)))
(let ((*print-level* 2)) (print '(1 (2 (3 (4))))) (print '((a) b)))
(let ((*print-level* 1) (*print-length* 2)) (print '((1 2) (3 4) (5 6))))

;; *PRINT-ESCAPE* through WRITE and the -TO-STRING functions
(print (list (prin1-to-string "x") (princ-to-string "x") (prin1-to-string #\x)
             (princ-to-string #\x) (write-to-string 'sym :escape nil)))

;; Uninterned symbols
(print (make-symbol "FRESH"))
(let ((*print-gensym* nil)) (print (make-symbol "FRESH")))

;; PRINT returns its argument; PRINC and PRIN1 too.
(print (eq (princ "") ""))
(print (list (prin1 1) (princ 2)))

;; Symbols that read as potential numbers need bars, depending on the base.
(print '(|+1A| |1E5| 1ab |.5| |1/2| 1e+ /1 |+E1| x1))
(print '(|A#B| |-#X10| |#A| a-b *x* +y+ %z &rest a.b -. .a ^a _))
(let ((*print-base* 16)) (print '(|A| |FACE| g |1G| |F+|)))
(terpri)
