;;; Reading an unbound variable is an error; the output before it is kept.

(defvar *bound* 'yes)
(defvar *unbound*)
(print *bound*)
(print (boundp '*unbound*))
(format t "~%reading *unbound* now~%")
(print *unbound*)
(print 'not-reached)
