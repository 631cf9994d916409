;;;; characters.lisp -- case and character classes over Unicode.

(in-package "CLYSM")

;;; Case and character classes over Unicode (unicode-tables.lisp): a
;;; character has case when its simple case mappings go both ways; ASCII
;;; takes a fast path.

(defun %search-runs (code runs)
  ;; The delta of the run of RUNS (first last stride delta ...) that holds
  ;; CODE, or NIL.
  (declare (fixnum code) (simple-vector runs))
  (let ((low 0) (high (%fx- (%fx-truncate (%vector-length runs) 4) 1)))
    (do () ((%fx> low high) nil)
      (let* ((middle (%fx-truncate (%fx+ low high) 2))
             (base (%fx* middle 4))
             (first (%svref runs base)))
        (cond ((%fx< code first) (setq high (%fx- middle 1)))
              ((%fx> code (%svref runs (%fx+ base 1))) (setq low (%fx+ middle 1)))
              ((%fx= (%fx-rem (%fx- code first) (%svref runs (%fx+ base 2))) 0)
               (return (%svref runs (%fx+ base 3))))
              (t (return nil)))))))

(defun %in-ranges-p (code ranges)
  ;; True when CODE is in one of the [start end) RANGES (a flat vector).
  (declare (fixnum code) (simple-vector ranges))
  (let ((low 0) (high (%fx- (%fx-truncate (%vector-length ranges) 2) 1)))
    (do () ((%fx> low high) nil)
      (let ((middle (%fx-truncate (%fx+ low high) 2)))
        (cond ((%fx< code (%svref ranges (%fx* middle 2))) (setq high (%fx- middle 1)))
              ((%fx>= code (%svref ranges (%fx+ (%fx* middle 2) 1))) (setq low (%fx+ middle 1)))
              (t (return t)))))))

(defun %titlecase-mapping (code offset)
  ;; The upper (OFFSET 1) or lower (OFFSET 2) case of a title-case CODE, or NIL.
  (let ((table +unicode-titlecase+))
    (do ((i 0 (%fx+ i 3)))
        ((%fx>= i (%vector-length table)) nil)
      (when (%fx= (%svref table i) code) (return (%svref table (%fx+ i offset)))))))

(defun %upcase-code (code)
  (cond ((%fx< code 128) (if (%lower-case-code-p code) (%fx- code 32) code))
        ((%search-runs code +unicode-upcase-runs+) (%fx+ code (%search-runs code +unicode-upcase-runs+)))
        ((%titlecase-mapping code 1))
        (t code)))

(defun %downcase-code (code)
  (cond ((%fx< code 128) (if (%upper-case-code-p code) (%fx+ code 32) code))
        ((%search-runs code +unicode-downcase-runs+)
         (%fx+ code (%search-runs code +unicode-downcase-runs+)))
        ((%titlecase-mapping code 2))
        (t code)))

(defun upper-case-p (character)
  (let ((code (char-code character)))
    (if (%fx< code 128)
        (%upper-case-code-p code)
        (and (%search-runs code +unicode-downcase-runs+) t))))

(defun lower-case-p (character)
  (let ((code (char-code character)))
    (if (%fx< code 128)
        (%lower-case-code-p code)
        (and (%search-runs code +unicode-upcase-runs+) t))))

(defun both-case-p (character)
  (let ((code (char-code character)))
    (not (and (%fx= (%upcase-code code) code) (%fx= (%downcase-code code) code)))))

(defun alpha-char-p (character)
  (let ((code (char-code character)))
    (if (%fx< code 128)
        (or (%upper-case-code-p code) (%lower-case-code-p code))
        (%in-ranges-p code +unicode-letters+))))

(defun char-upcase (character)
  (let ((code (char-code character)))
    (if (%fx< code 97) character (%code-char (%upcase-code code)))))

(defun char-downcase (character)
  (let ((code (char-code character)))
    (if (%fx< code 65) character (%code-char (%downcase-code code)))))

(defun %unicode-digit-weight (code)
  ;; The weight of a decimal digit beyond ASCII, or NIL.
  (let ((zeros +unicode-digit-zeros+))
    (do ((i 0 (%fx+ i 1)))
        ((%fx>= i (%vector-length zeros)) nil)
      (let ((weight (%fx- code (%svref zeros i))))
        (when (and (%fx>= weight 0) (%fx< weight 10)) (return weight))))))

(defun digit-char-p (character &optional (radix 10))
  ;; The weight of CHARACTER as a digit in RADIX, or NIL.
  (let* ((code (char-code character))
         (weight (cond ((%digit-code-p code) (%fx- code 48))
                       ((%upper-case-code-p code) (%fx- code 55))
                       ((%lower-case-code-p code) (%fx- code 87))
                       ((%fx< code 128) nil)
                       (t (%unicode-digit-weight code)))))
    (and weight (%fx< weight radix) weight)))

(defun alphanumericp (character)
  (or (alpha-char-p character)
      (let ((code (char-code character)))
        (if (%fx< code 128) (%digit-code-p code) (and (%unicode-digit-weight code) t)))))

