;;; &KEY parameters: defaults, supplied-p, ((:keyword var)), &allow-other-keys,
;;; :allow-other-keys t, combined with &optional and &rest.

(defun make-point (&key (x 0) (y 0) (z nil z-p))
  (list x y z z-p))

(print (make-point))
(print (make-point :x 1))
(print (make-point :y 2 :x 1))
(print (make-point :z nil))
(print (make-point :x 1 :x 2))          ; the leftmost occurrence wins

;; Keyword names differ from variable names.
(defun draw (&key ((:color colour) 'black) ((:at position) '(0 0)))
  (list colour position))
(print (draw))
(print (draw :at '(3 4) :color 'red))

;; Keywords need not be keyword symbols.
(defun odd-keys (&key ((secret s) 'hidden)) s)
(print (list (odd-keys) (odd-keys 'secret 'shown)))

;; &REST together with &KEY sees every argument.
(defun logged (&rest args &key (level 1) message &allow-other-keys)
  (list level message args))
(print (logged :message "hi"))
(print (logged :message "hi" :level 3 :extra 'ignored))

;; :ALLOW-OTHER-KEYS T at the call site.
(defun strict (&key a) a)
(print (strict :a 1 :b 2 :allow-other-keys t))
(print (strict :allow-other-keys t :c 3))

;; &OPTIONAL before &KEY.
(defun mixed (req &optional (opt 'o) &key (k 'k))
  (list req opt k))
(print (mixed 1))
(print (mixed 1 2))
(print (mixed 1 2 :k 3))

;; Defaults referring to earlier parameters.
(defun range (&key (start 0) (end (+ start 5)) (step 1))
  (do ((i start (+ i step)) (acc nil (cons i acc)))
      ((>= i end) (nreverse acc))))
(print (range))
(print (range :start 10))
(print (range :start 1 :end 10 :step 3))

;; Keyword arguments in LAMBDA, FLET and LABELS.
(print (funcall (lambda (&key (a 1 a-p) (b 2 b-p)) (list a a-p b b-p)) :b 20))
(print (flet ((greet (&key (name "you") (times 1))
                (let ((parts nil))
                  (dotimes (i times) (push name parts))
                  parts)))
         (list (greet) (greet :name "me" :times 3))))
(print (labels ((build (n &key (acc nil))
                  (if (= n 0) acc (build (- n 1) :acc (cons n acc)))))
         (build 5)))

;; Keyword arguments through APPLY and a computed plist.
(defun configure (&key (width 80) (height 24) (title "untitled"))
  (format nil "~a: ~dx~d" title width height))
(let ((options (list :title "main" :height 50)))
  (print (apply #'configure options))
  (print (apply #'configure :width 100 options)))

;; Supplied-p with an explicit NIL.
(defun flag (&key (verbose t verbose-p)) (list verbose verbose-p))
(print (list (flag) (flag :verbose nil) (flag :verbose 1)))

;; &KEY with &AUX.
(defun area (&key (w 1) (h 1) &aux (a (* w h))) a)
(print (list (area) (area :w 3) (area :w 3 :h 4)))
(terpri)
