;;; Reader syntax in programs: comments, radix integers, characters, dotted
;;; lists, escaped symbols, package prefixes, vectors, #:, #+/#- with
;;; expressions that do not depend on the implementation, #n= and #n#.
#| block
   comment |#
(print '(#b1010 #o17 #xff #36rZZ -#x10 #b-101))
(print '#:uninterned)
(print (list #\Space #\space #\NEWLINE #\a #\A #\( #\;))
(print '(a . (b . (c . nil))))
(print '(1 . (2 3)))
(print "tab	inside")
(print '|weird sym|)
(print 'CL:CAR)
(print 'cl-user::foo)
(print :key)
(print '#(a #(b)))
(print '(quote x))
(print ''(a 'b))
(print (list 1. -0 +5 007))
(print (list #+(or) 'never 'always))
(print '(#1=(a b) #1#))
(terpri)
