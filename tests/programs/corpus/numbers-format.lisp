;;; FORMAT's number directives: ~F ~E ~G ~$ on floats and rationals with
;;; their parameters, ~D ~B ~O ~X ~R on bignums.

(dolist (x (list 1.5 0.125 0.375 2.5 1d0 123.456 123.456d0 0.001 1e10 1.0e-5 -3.14159 0.0 -0.0 100 1/3 9.999 99.95 0.05 1234567.8 3.14159d0 1d100 2/3 0.5 1.005 -0.005))
  (format t "~a: [~F] [~,2F] [~8,3F] [~,0F] [~10F] [~3F] [~@F] [~,2,1F] [~6,2,,'*F] [~E] [~,3E] [~12,4E] [~G] [~,2G] [~$] [~10,3$] [~@$] [~:$] [~,3,2E]~%"
          x x x x x x x x x x x x x x x x x x x x))
(format t "~D ~:D ~@D ~B ~O ~X ~10,'0D ~R~%" (expt 2 100) (expt 2 100) (expt 2 100) (expt 2 70) (expt 2 70) (expt 2 70) (expt 2 40) (expt 10 20))
(format t "~D ~A ~S ~F ~E~%" 1.5d0 1.5d0 1/3 1/3 (expt 2 50))
(dolist (x (list 1d-7 1.23456789d8 6.02214076d23 -1.602176634d-19 0.1d0 1/7 12345))
  (format t "~,4F|~,8F|~20,10F|~,3E|~15,6,2E|~,4G|~12,3G|~,3$|~@$~%" x x x x x x x x x))
(format t "~:D ~:D ~,,'.,4:D ~@R ~:R ~R~%" (expt 10 30) (- (expt 7 25)) (expt 2 64) 1987 (expt 10 21) (- (expt 2 70)))
(format t "~10,2F|~10,2F|~5,1F|~2,1F|~,1F|~F~%" 3.14159 -2.71828 99.99 123.45 0.05 1/8)
(format t "~E|~E|~E|~E~%" 1.5d-300 1d300 123456789.0 1e-30)
