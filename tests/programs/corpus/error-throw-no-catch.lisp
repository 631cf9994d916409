;;; THROW to a tag with no active CATCH is a control error.  Cleanups of the
;;; frames in between are not run (there is no catcher to unwind to).

(defvar *cleaned* nil)

(defun inner () (throw 'nobody-catches 'value))
(print (catch 'somebody (throw 'somebody 'caught)))
(print (catch 'other (catch 'somebody (throw 'somebody 'inner-caught))))
(format t "~&throwing to a tag nobody catches~%")
(print (catch 'wrong-tag
         (unwind-protect (inner)
           (setq *cleaned* t))))
(print 'not-reached)
