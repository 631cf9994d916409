;;;; format: FORMAT to strings with the common directives -- ~D with
;;;; padding and grouping, ~X ~O ~B, ~A and ~S, ~@R and ~:@R, ~{~}, ~[~],
;;;; ~P, case conversion ~( ~), column padding ~10A and ~10@A.
;;;; *SIZE* is the number of rounds.
;;;; sizes: quick 5000 test 2

(defvar *size* 50000)

(defun string-hash (string)
  (let ((h 0))
    (dotimes (i (length string) h)
      (setf h (mod (+ (* h 31) (char-code (char string i))) 1000003)))))

(defun render (i)
  (list
   (format nil "~D|~5,'0D|~:D|~@D" i (mod i 1000) (* i 1234567) (- 50 i))
   (format nil "~X ~O ~B ~8,'0B" i i (mod i 64) (mod i 256))
   (format nil "~A ~S ~A" (list i 'sym "str") "quoted" #\c)
   ;; Not ~R in English: its wording differs between implementations.
   (format nil "~@R and ~:@R" (1+ (mod i 3999)) (1+ (mod (* 7 i) 3999)))
   (format nil "~{~A~^, ~}." (list i (1+ i) (+ i 2)))
   (format nil "~[zero~;one~;two~:;many~] item~:P" (mod i 4) (mod i 3))
   (format nil "~(~A~) ~:@(~A~)" "MiXeD Case" "shout it")
   (format nil "~10A|~10@A|" i (* 2 i))))

(defun run-format (rounds)
  (let ((sum 0) (characters 0))
    (dotimes (i rounds)
      (dolist (s (render i))
        (incf characters (length s))
        (setf sum (mod (+ (* sum 7) (string-hash s)) 1000003))))
    (list sum characters)))

(format t "format ~{~D ~D~}~%" (run-format *size*))
