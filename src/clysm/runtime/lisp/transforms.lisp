;;;; transforms.lisp -- compiler macros that open-code calls of the kernel
;;;; functions whose definition (kernel.lisp) is one intrinsic, so that
;;;; (car x) or (+ a b) compile to inline code instead of a full call.  Each
;;;; expansion computes exactly what the function computes: the intrinsics
;;;; check their arguments the same way (CAR of a non-list is a type-error;
;;;; fixnum arithmetic falls back to the generic slow path).
;;;;
;;;; Loaded early, so the rest of the library is compiled with them too.

(in-package "CLYSM")

;;; (%define-transform name (param*) expansion): when a call of NAME has
;;; exactly as many arguments as PARAMs, it becomes EXPANSION; other calls
;;; stay calls (and signal their program-error at run time).
(defmacro %define-transform (name params expansion)
  (let ((form (gensym "FORM")) (args (gensym "ARGS")))
    `(define-compiler-macro ,name (&whole ,form &rest ,args)
       (if (if (listp ,args) (= (length ,args) ,(length params)) nil)
           (destructuring-bind ,params ,args ,expansion)
           ,form))))

(%define-transform car (x) `(%car ,x))
(%define-transform cdr (x) `(%cdr ,x))
(%define-transform cons (x y) `(%cons ,x ,y))
(%define-transform eq (x y) `(%eq ,x ,y))
(%define-transform not (x) `(%eq ,x nil))
(%define-transform null (x) `(%eq ,x nil))
(%define-transform consp (x) `(%consp ,x))
(%define-transform atom (x) `(if (%consp ,x) nil t))
(%define-transform symbolp (x) `(%symbolp ,x))
(%define-transform stringp (x)
  (let ((object (gensym "OBJECT")))
    `(let ((,object ,x)) (if (%stringp ,object) t (%non-simple-string-p ,object)))))
(%define-transform characterp (x) `(%characterp ,x))
(%define-transform functionp (x) `(%functionp ,x))
(%define-transform 1+ (x) `(%fx+ ,x 1))
(%define-transform 1- (x) `(%fx- ,x 1))
(%define-transform zerop (x) `(%fx= ,x 0))
(%define-transform plusp (x) `(%fx> ,x 0))
(%define-transform minusp (x) `(%fx< ,x 0))
(%define-transform = (x y) `(%fx= ,x ,y))
(%define-transform < (x y) `(%fx< ,x ,y))
(%define-transform > (x y) `(%fx> ,x ,y))
(%define-transform <= (x y) `(%fx<= ,x ,y))
(%define-transform >= (x y) `(%fx>= ,x ,y))

;;; The c[ad]r compositions and FIRST ... TENTH, REST: nested %CAR/%CDR.
(defun %cxr-expansion (path form)
  ;; PATH is the letters between C and R, applied right to left.
  (let ((result form) (i (%string-length path)))
    (tagbody
     next
       (setq i (%fx- i 1))
       (unless (%fx< i 0)
         (setq result (list (if (%eq (%schar path i) #\A) '%car '%cdr) result))
         (go next)))
    result))

(%define-transform caar (x) (%cxr-expansion "AA" x))
(%define-transform cadr (x) (%cxr-expansion "AD" x))
(%define-transform cdar (x) (%cxr-expansion "DA" x))
(%define-transform cddr (x) (%cxr-expansion "DD" x))
(%define-transform caaar (x) (%cxr-expansion "AAA" x))
(%define-transform caadr (x) (%cxr-expansion "AAD" x))
(%define-transform cadar (x) (%cxr-expansion "ADA" x))
(%define-transform caddr (x) (%cxr-expansion "ADD" x))
(%define-transform cdaar (x) (%cxr-expansion "DAA" x))
(%define-transform cdadr (x) (%cxr-expansion "DAD" x))
(%define-transform cddar (x) (%cxr-expansion "DDA" x))
(%define-transform cdddr (x) (%cxr-expansion "DDD" x))
(%define-transform cadddr (x) (%cxr-expansion "ADDD" x))
(%define-transform cddddr (x) (%cxr-expansion "DDDD" x))
(%define-transform first (x) (%cxr-expansion "A" x))
(%define-transform second (x) (%cxr-expansion "AD" x))
(%define-transform third (x) (%cxr-expansion "ADD" x))
(%define-transform fourth (x) (%cxr-expansion "ADDD" x))
(%define-transform fifth (x) (%cxr-expansion "ADDDD" x))
(%define-transform rest (x) (%cxr-expansion "D" x))

;;; EQL: EQ objects, then the cases that need no number comparison (%EQ
;;; compares characters by code).  Against a constant fixnum, character or
;;; symbol, EQL is %EQ.
(defun %eq-comparable-p (x)
  (if (%fixnump x) t (if (%characterp x) t (%symbolp x))))

(defun %eq-constant-p (form)
  ;; Whether FORM is a constant whose value %EQ compares as EQL does.
  (cond ((%consp form)
         (if (%eq (%car form) 'quote) (%eq-comparable-p (%car (%cdr form))) nil))
        ((%symbolp form) (if (%eq form nil) t (%eq form t)))
        (t (%eq-comparable-p form))))

(%define-transform eql (x y)
  (if (if (%eq-constant-p x) t (%eq-constant-p y))
      `(if (%eq ,x ,y) t nil)
      (let ((a (gensym "A")) (b (gensym "B")))
        `(let ((,a ,x) (,b ,y))
           (cond ((%eq ,a ,b) t)
                 ((%fixnump ,a) nil)
                 ((%symbolp ,a) nil)
                 ((%characterp ,a) nil)
                 (t (funcall #'eql ,a ,b)))))))

;;; ENDP: the list check inline; a non-list calls the function, which signals.
(%define-transform endp (x)
  (let ((v (gensym "LIST")))
    `(let ((,v ,x))
       (cond ((%consp ,v) nil) ((%eq ,v nil) t) (t (funcall #'endp ,v))))))

;;; SVREF and its place: the fast path inline when the vector is simple and
;;; the index in bounds; anything else calls the function, which signals.
(%define-transform svref (vector index)
  (let ((v (gensym "VECTOR")) (i (gensym "INDEX")))
    `(let ((,v ,vector) (,i ,index))
       (if (%svref-index-p ,v ,i) (%svref ,v ,i) (funcall #'svref ,v ,i)))))

(defun %svset-fast (vector index value)
  (%svset-checked vector index value))

(%define-transform %svset-fast (vector index value)
  (let ((v (gensym "VECTOR")) (i (gensym "INDEX")) (x (gensym "VALUE")))
    `(let ((,v ,vector) (,i ,index) (,x ,value))
       (if (%svref-index-p ,v ,i) (%svset ,v ,i ,x) (%svset-checked ,v ,i ,x)))))

;;; MOD and REM of fixnums inline (as the functions compute them in
;;; numbers.lisp); other numbers, and a zero divisor, call the function.
(%define-transform mod (number divisor)
  (let ((n (gensym "NUMBER")) (d (gensym "DIVISOR")) (r (gensym "REMAINDER")))
    `(let ((,n ,number) (,d ,divisor))
       (if (if (%fixnump ,n) (if (%fixnump ,d) (if (%fx= ,d 0) nil t) nil) nil)
           (let ((,r (%fx-rem ,n ,d)))
             (if (if (%fx= ,r 0) nil (if (%eq (%fx< ,r 0) (%fx< ,d 0)) nil t))
                 (%fx+ ,r ,d)
                 ,r))
           (funcall #'mod ,n ,d)))))

(%define-transform rem (number divisor)
  (let ((n (gensym "NUMBER")) (d (gensym "DIVISOR")))
    `(let ((,n ,number) (,d ,divisor))
       (if (if (%fixnump ,n) (if (%fixnump ,d) (if (%fx= ,d 0) nil t) nil) nil)
           (%fx-rem ,n ,d)
           (funcall #'rem ,n ,d)))))

;;; MAX and MIN of two fixnums inline: no &REST list.  The first of equal
;;; arguments wins, as in the functions (numbers.lisp).
(defun %fixnum-extremum-expansion (name test x y)
  (let ((a (gensym "A")) (b (gensym "B")))
    `(let ((,a ,x) (,b ,y))
       (if (if (%fixnump ,a) (%fixnump ,b) nil)
           (if (,test ,b ,a) ,b ,a)
           (funcall #',name ,a ,b)))))

(%define-transform max (x y) (%fixnum-extremum-expansion 'max '%fx> x y))
(%define-transform min (x y) (%fixnum-extremum-expansion 'min '%fx< x y))

;;; CHAR-CODE of a character inline; anything else calls the function, which signals.
(%define-transform char-code (x)
  (let ((c (gensym "CHARACTER")))
    `(let ((,c ,x)) (if (%characterp ,c) (%char-code ,c) (funcall #'char-code ,c)))))

;;; LENGTH of a simple vector or simple string inline; other sequences call the function.
(%define-transform length (x)
  (let ((s (gensym "SEQUENCE")))
    `(let ((,s ,x))
       (cond ((%simple-vector-p ,s) (%vector-length ,s))
             ((%stringp ,s) (%string-length ,s))
             (t (funcall #'length ,s))))))

;;; AREF with one subscript is open-coded for simple vectors, strings and
;;; bit vectors; with two it calls the fixed-arity %AREF2 (array.lisp).
(define-compiler-macro aref (&whole form array &rest subscripts)
  (cond ((not (listp subscripts)) form)
        ((and subscripts (null (cdr subscripts))) `(%aref1 ,array ,(car subscripts)))
        ((and (cdr subscripts) (null (cddr subscripts))) `(%aref2 ,array ,@subscripts))
        (t form)))

;;; CHAR and SCHAR are AREF on a string checked inline.
(define-compiler-macro %string-argument (x)
  (let ((object (gensym "OBJECT")))
    `(let ((,object ,x)) (if (%stringp ,object) ,object (%check-non-simple-string ,object)))))
(%define-transform char (string index) `(%aref1 (%string-argument ,string) ,index))
(%define-transform schar (string index) `(%aref1 (%simple-string-argument ,string) ,index))
(define-compiler-macro %simple-string-argument (x)
  (let ((object (gensym "OBJECT")))
    `(let ((,object ,x)) (if (%stringp ,object) ,object (%type-error ,object 'simple-string)))))

;;; + - * fold any number of arguments into binary steps, left to right.
(defun %fold-arithmetic (op args)
  (let ((result (car args)))
    (dolist (arg (cdr args) result)
      (setq result (list op result arg)))))

(define-compiler-macro + (&whole form &rest args)
  (cond ((not (listp args)) form)
        ((null args) 0)
        ((null (cdr args)) form)  ; (+ x) checks that x is a number
        (t (%fold-arithmetic '%fx+ args))))

(define-compiler-macro * (&whole form &rest args)
  (cond ((not (listp args)) form)
        ((null args) 1)
        ((null (cdr args)) form)
        (t (%fold-arithmetic '%fx* args))))

(define-compiler-macro - (&whole form &rest args)
  (cond ((not (listp args)) form)
        ((null args) form)
        ((null (cdr args)) form)  ; negation is not 0 - x for -0.0
        (t (%fold-arithmetic '%fx- args))))

(defun compiler-macro-function (name &optional environment)
  (declare (ignore environment))
  (get name '%compiler-macro))
