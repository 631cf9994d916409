;;;; list.lisp -- the conses dictionary (CLHS chapter 14), the part the
;;;; standard macros need.  The rest of the dictionary comes with the runtime
;;;; library issue.

(in-package "CLYSM")

(defun caar (x) (car (car x)))
(defun cadr (x) (car (cdr x)))
(defun cdar (x) (cdr (car x)))
(defun cddr (x) (cdr (cdr x)))
(defun caddr (x) (car (cddr x)))
(defun cdddr (x) (cdr (cddr x)))
(defun cadddr (x) (car (cdddr x)))
(defun first (x) (car x))
(defun second (x) (cadr x))
(defun third (x) (caddr x))
(defun fourth (x) (cadddr x))
(defun rest (x) (cdr x))

(defun %map1 (function list)
  (let ((result nil))
    (dolist (item list (nreverse-list result))
      (setq result (cons (funcall function item) result)))))

(defun %cars-or-end (lists)
  ;; The cars of LISTS, or :END when one of them is exhausted.
  (let ((cars nil))
    (dolist (list lists (nreverse-list cars))
      (when (endp list) (return :end))
      (setq cars (cons (car list) cars)))))

(defun mapcar (function list &rest more-lists)
  (if (null more-lists)
      (%map1 function list)
      (let ((lists (cons list more-lists)) (result nil))
        (tagbody
         next
           (let ((cars (%cars-or-end lists)))
             (unless (eq cars :end)
               (setq result (cons (apply function cars) result))
               (setq lists (%map1 #'cdr lists))
               (go next))))
        (nreverse-list result))))

(defun endp (x)
  (cond ((null x) t)
        ((consp x) nil)
        (t (error 'type-error :datum x :expected-type 'list))))

(defun nthcdr (n list)
  (dotimes (i n list)
    (setq list (cdr list))))

(defun nth (n list)
  (car (nthcdr n list)))

(defun last (list &optional (n 1))
  (let ((tail list) (lead (nthcdr n list)))
    (tagbody
     next
       (when (consp lead)
         (setq lead (cdr lead) tail (cdr tail))
         (go next)))
    tail))

(defun copy-list (list)
  (if (atom list)
      list
      (let* ((head (cons (car list) nil)) (tail head))
        (setq list (cdr list))
        (tagbody
         next
           (when (consp list)
             (let ((cell (cons (car list) nil)))
               (rplacd tail cell)
               (setq tail cell list (cdr list)))
             (go next)))
        (rplacd tail list)
        head)))

(defun reverse-list (list)
  (revappend list nil))

;;; REVERSE and NREVERSE on lists; the sequence versions replace these with
;;; the runtime library's sequence functions.
(defun reverse (sequence) (reverse-list sequence))
(defun nreverse (sequence) (nreverse-list sequence))

(defun nreverse-list (list)
  (nreconc list nil))

(defun nconc (&rest lists)
  (let ((result nil) (tail nil))
    (dolist (list lists result)
      (when (consp list)
        (if tail
            (rplacd (last tail) list)
            (setq result list))
        (setq tail list)))))

(defun list-length (list)
  (do ((n 0 (+ n 2))
       (fast list (cddr fast))
       (slow list (cdr slow)))
      (nil)
    (when (endp fast) (return n))
    (when (endp (cdr fast)) (return (+ n 1)))
    (when (and (eq fast slow) (> n 0)) (return nil))))

(defun %test-fn (test test-not)
  (cond (test test)
        (test-not (lambda (a b) (not (funcall test-not a b))))
        (t #'eql)))

(defun member (item list &key key test test-not)
  (let ((test (%test-fn test test-not)))
    (do ((tail list (cdr tail)))
        ((endp tail) nil)
      (when (funcall test item (if key (funcall key (car tail)) (car tail)))
        (return tail)))))

(defun assoc (item alist &key key test test-not)
  (let ((test (%test-fn test test-not)))
    (dolist (pair alist nil)
      (when (and pair (funcall test item (if key (funcall key (car pair)) (car pair))))
        (return pair)))))

(defun mapc (function list &rest more-lists)
  (apply #'mapcar function list more-lists)
  list)

(defun mapcan (function list &rest more-lists)
  (apply #'nconc (apply #'mapcar function list more-lists)))

(defun getf (plist indicator &optional default)
  (do ((tail plist (cddr tail)))
      ((endp tail) default)
    (when (eq (car tail) indicator)
      (return (cadr tail)))))

(defun equal (a b)
  (cond ((eql a b) t)
        ((consp a) (and (consp b) (equal (car a) (car b)) (equal (cdr a) (cdr b))))
        ((stringp a) (and (stringp b) (string= a b)))
        (t nil)))
