;;; Numbers read at run time: integers of any size, ratios, floats of each
;;; format, *READ-DEFAULT-FLOAT-FORMAT*, *READ-BASE*, #C.
(defun kind (x)
  ;; TYPE-OF, but integers are INTEGER (fixnums are narrower than SBCL's).
  (if (integerp x) 'integer (type-of x)))

(defun show (string)
  (let ((value (read-from-string string)))
    (format t "~S => ~S ~S~%" string value (kind value))))

(dolist (s '("1073741823" "1073741824" "-1073741824" "-1073741825"
             "123456789012345678901234567890" "-99999999999999999999999"
             "#x123456789abcdef0123" "#b-1111111111111111111111111111111111111111"
             "#36rLISPISGREATFOREVERANDEVER" "1/2" "-3/6" "10/5" "0/7"
             "123456789012345678901234567890/7" "#x-ff/10" "#o17/20"
             "1.5" "-1.5" ".25" "-.25" "1.0" "0.0" "-0.0" "1e0" "1e10" "1E10" "1.5e-3"
             "1.5s0" "1.5f0" "1.5d0" "1.5l0" "1d300" "1e38" "0.1" "0.1d0" "3.14159"
             "3.141592653589793d0" "1.e5" "+.5" "1.5e+3" "123456789.0" "1.17549435e-38"
             "2.2250738585072014d-308" "1.7976931348623157d308"
             "3.4028235e38" "6.02214076e23" "0.000001" "1d-5" "12345678901234567890.0d0"
             "#c(1 2)" "#c(1.5 2)" "#c(1 0)" "#c(1/2 3)" "#c(0.0 1)" "#c(1d0 2)"))
  (show s))

(let ((*read-default-float-format* 'double-float))
  (dolist (s '("1.5" "1.5e0" "1.5f0" "0.1" "1e300"))
    (show s)))

(let ((*read-base* 16))
  (dolist (s '("ff" "-FF" "ff/10" "1.5" "1e5" "1.5e5" "100000000000000000"))
    (show s)))

(dolist (s '("1e39" "1d309" "1e-46" "1d-400" "-1e-50"))
  (format t "~S => ~S~%" s
          (handler-case (read-from-string s)
            (reader-error () :reader-error)
            (error () :other-error))))
(print (= (read-from-string "0.1") 0.1))
(print (= (read-from-string "0.1d0") 0.1d0))
(print (eql (read-from-string "-0.0") -0.0))
(print (* (read-from-string "123456789012345678901234567890") 10))
