;;; LOOP: iteration clauses (for/as with from/to/below/by/downfrom, in, on,
;;; across, =/then), accumulation (collect, append, nconc, count, sum,
;;; maximize, minimize), termination (while, until, repeat, always, never,
;;; thereis), conditionals, with, initially/finally, named loops.

(print (loop for i from 1 to 10 collect i))
(print (loop for i from 0 below 10 by 3 collect i))
(print (loop for i from 10 downto 1 by 2 collect i))
(print (loop for i downfrom 5 above 0 collect i))
(print (loop for x in '(a b c d) for i from 0 collect (list i x)))
(print (loop for (a b) in '((1 2) (3 4) (5 6)) collect (+ a b)))
(print (loop for tail on '(1 2 3 4) collect (length tail)))
(print (loop for x in '(1 2 3 4 5 6) by #'cddr collect x))
(print (loop for c across "hello" collect (char-upcase c)))
(print (loop for x across (vector 1 2 3) sum x))
(print (loop for x = 1 then (* x 2) repeat 10 collect x))
(print (loop for a = 0 then b and b = 1 then (+ a b) repeat 12 collect a))
(print (loop repeat 3 collect 'hi))

;; Accumulation
(print (loop for x in '(3 1 4 1 5 9 2 6)
             count (evenp x) into evens
             sum x into total
             maximize x into largest
             minimize x into smallest
             finally (return (list evens total largest smallest))))
(print (loop for x in '((a b) (c) (d e f)) append x))
(print (loop for x in '(1 2 3) nconc (list x (* x x))))
(print (loop for x in '(1 2 3 4 5 6) when (oddp x) collect x into odds else collect x into evens
             finally (return (list odds evens))))
(print (loop for word in '("apple" "kiwi" "banana") collect (length word) into lengths
             finally (return (reduce #'+ lengths))))

;; Termination
(print (loop for i from 1 while (< (* i i) 50) collect i))
(print (loop for i from 1 until (> (* i i) 50) collect i))
(print (loop for x in '(2 4 6) always (evenp x)))
(print (loop for x in '(2 4 7) always (evenp x)))
(print (loop for x in '(1 3 5) never (evenp x)))
(print (loop for x in '(1 3 6 8) thereis (and (evenp x) (* x 10))))
(print (loop for i from 0 do (when (= i 5) (return (* i 100)))))

;; Conditionals and WITH
(print (loop with total = 0
             for x in '(1 -2 3 -4 5)
             if (plusp x) do (incf total x)
             else do (decf total 1)
             end
             finally (return total)))
(print (loop for x in '(1 2 3 4 5 6 7 8 9 10)
             when (evenp x) collect x
             unless (< x 8) collect (- x)))
(print (loop for x in '(1 nil 3 nil 5) when x collect it))

;; Named loops and RETURN-FROM
(print (loop named outer
             for i from 1 to 5
             do (loop for j from 1 to 5
                      when (= (* i j) 12) do (return-from outer (list i j)))))

;; INITIALLY and FINALLY
(let ((log nil))
  (loop initially (push 'start log)
        for i from 1 to 3 do (push i log)
        finally (push 'end log))
  (print (reverse log)))

;; Nested loops building a multiplication table
(print (loop for i from 1 to 4 collect (loop for j from 1 to 4 collect (* i j))))

;; The simple loop (LOOP with only forms) runs until RETURN.
(print (let ((n 0)) (loop (incf n) (when (> n 9) (return n)))))

;; Destructuring with dotted pairs and ignored parts.
(print (loop for (key . value) in '((a . 1) (b . 2) (c . 3)) collect (cons value key)))
(print (loop for (a nil c) in '((1 2 3) (4 5 6)) collect (list a c)))
(terpri)
