;;;; setf.lisp -- generalized references (CLHS 5.1)
;;;;
;;;; A place's expansion is the five values of GET-SETF-EXPANSION.  Expanders
;;;; live on the accessor symbol's property list: %SETF-EXPANDER holds a
;;;; function (place env) -> five values (DEFINE-SETF-EXPANDER), %SETF-INVERSE
;;;; the name of an updater function (short DEFSETF).  With neither, the
;;;; place is updated by calling the function named (SETF accessor).

(in-package "CLYSM")

(defun get-setf-expansion (place &optional env)
  (cond ((symbolp place)
         (multiple-value-bind (expansion expanded-p) (macroexpand-1 place env)
           (if expanded-p
               (get-setf-expansion expansion env)
               (let ((store (gensym "NEW")))
                 (values nil nil (list store) `(setq ,place ,store) place)))))
        ((not (consp place))
         (error 'program-error :format-control "~S is not a place"
                               :format-arguments (list place)))
        (t
         (let* ((operator (car place))
                (expander (and (symbolp operator) (get operator '%setf-expander))))
           (cond (expander (funcall expander place env))
                 ((and (symbolp operator) (get operator '%setf-inverse))
                  (%setf-expansion-by-call place (get operator '%setf-inverse) nil))
                 ((symbolp operator)
                  ;; A local function of this name is not a macro, so
                  ;; MACROEXPAND-1 leaves the place alone.
                  (multiple-value-bind (expansion expanded-p) (macroexpand-1 place env)
                    (if expanded-p
                        (get-setf-expansion expansion env)
                        (%setf-expansion-by-call place `(setf ,operator) t))))
                 (t (%setf-expansion-by-call place `(setf ,operator) t)))))))

;;; Evaluate the arguments into temporaries, then call UPDATER with them and
;;; the new value: first when STORE-FIRST (the (SETF f) protocol), last for
;;; a DEFSETF updater.
(defun %setf-expansion-by-call (place updater store-first)
  (let ((temps (mapcar (lambda (arg) (declare (ignore arg)) (gensym "ARG")) (cdr place)))
        (store (gensym "NEW")))
    (values temps
            (cdr place)
            (list store)
            (if store-first
                `(funcall #',updater ,store ,@temps)
                `(,updater ,@temps ,store))
            `(,(car place) ,@temps))))

(defun %setf-one (place value env)
  (if (symbolp place)
      (multiple-value-bind (expansion expanded-p) (macroexpand-1 place env)
        (if expanded-p
            (%setf-one expansion value env)
            `(setq ,place ,value)))
      (multiple-value-bind (temps vals stores store-form) (get-setf-expansion place env)
        `(let* (,@(mapcar #'list temps vals))
           (multiple-value-bind ,stores ,value
             ,store-form)))))

(defmacro setf (&environment env &rest pairs)
  (cond ((null pairs) nil)
        ((null (cdr pairs))
         (error 'program-error :format-control "odd number of arguments to SETF: ~S"
                               :format-arguments (list pairs)))
        ((null (cddr pairs)) (%setf-one (car pairs) (cadr pairs) env))
        (t `(progn
              ,@(do ((tail pairs (cddr tail))
                     (forms nil (cons (%setf-one (car tail) (cadr tail) env) forms)))
                    ((null tail) (nreverse forms))
                  (when (null (cdr tail))
                    (error 'program-error :format-control "odd number of arguments to SETF"
                                          :format-arguments nil)))))))

(defmacro psetf (&environment env &rest pairs)
  ;; Evaluate every subform and new value left to right, then store them all.
  (let ((bindings nil) (stores nil))
    (do ((tail pairs (cddr tail)))
        ((null tail))
      (when (null (cdr tail))
        (error 'program-error :format-control "odd number of arguments to PSETF"
                              :format-arguments nil))
      (multiple-value-bind (temps vals store-vars store-form) (get-setf-expansion (car tail) env)
        (setq bindings (append bindings (mapcar #'list temps vals)))
        (let ((value-temps (mapcar (lambda (s) (declare (ignore s)) (gensym "V")) store-vars)))
          (setq bindings (append bindings
                                 `((,(car value-temps) ,(cadr tail)))))
          (setq stores (append stores
                               `((let ,(mapcar #'list store-vars value-temps)
                                   ,store-form)))))))
    `(let* ,bindings ,@stores nil)))

;;; Read-modify-write macros share this: bind the place's subforms once.
(defun %expand-modify (place env make-new-value)
  (multiple-value-bind (temps vals stores store-form access-form) (get-setf-expansion place env)
    `(let* (,@(mapcar #'list temps vals)
            (,(car stores) ,(funcall make-new-value access-form)))
       ,store-form)))

;;; INCF and DECF evaluate the delta before they read the place (after the
;;; place's subforms), as SBCL does: a delta that assigns the place is seen.
(defun %expand-increment (place env delta operator)
  (multiple-value-bind (temps vals stores store-form access-form) (get-setf-expansion place env)
    (let ((delta-var (if (constantp delta) delta (gensym "DELTA"))))
      `(let* (,@(mapcar #'list temps vals)
              ,@(unless (eq delta-var delta) `((,delta-var ,delta)))
              (,(car stores) (,operator ,access-form ,delta-var)))
         ,store-form))))

(defmacro incf (&environment env place &optional (delta 1))
  (%expand-increment place env delta '+))

(defmacro decf (&environment env place &optional (delta 1))
  (%expand-increment place env delta '-))

(defmacro push (&environment env item place)
  (let ((item-var (gensym "ITEM")))
    `(let ((,item-var ,item))
       ,(%expand-modify place env (lambda (access) `(cons ,item-var ,access))))))

(defmacro pushnew (&environment env item place &rest keys)
  (let ((item-var (gensym "ITEM")))
    `(let ((,item-var ,item))
       ,(%expand-modify place env (lambda (access) `(adjoin ,item-var ,access ,@keys))))))

(defmacro pop (&environment env place)
  (multiple-value-bind (temps vals stores store-form access-form) (get-setf-expansion place env)
    (let ((list-var (gensym "LIST")))
      `(let* (,@(mapcar #'list temps vals)
              (,list-var ,access-form)
              (,(car stores) (cdr ,list-var)))
         ,store-form
         (car ,list-var)))))

(defmacro rotatef (&environment env &rest places)
  (if (null (cdr places))
      nil
      (let ((bindings nil) (stores nil) (accesses nil) (store-vars nil))
        (dolist (place places)
          (multiple-value-bind (temps vals svars store-form access-form)
              (get-setf-expansion place env)
            (setq bindings (append bindings (mapcar #'list temps vals)))
            (setq store-vars (append store-vars (list (car svars))))
            (setq stores (append stores (list store-form)))
            (setq accesses (append accesses (list access-form)))))
        `(let* (,@bindings
                ,@(mapcar #'list store-vars (append (cdr accesses) (list (car accesses)))))
           ,@stores
           nil))))

(defmacro shiftf (&environment env &rest places-and-value)
  (let* ((places (butlast places-and-value))
         (value (car (last places-and-value)))
         (bindings nil) (stores nil) (accesses nil) (store-vars nil)
         (result (gensym "OLD")))
    (dolist (place places)
      (multiple-value-bind (temps vals svars store-form access-form)
          (get-setf-expansion place env)
        (setq bindings (append bindings (mapcar #'list temps vals)))
        (setq store-vars (append store-vars (list (car svars))))
        (setq stores (append stores (list store-form)))
        (setq accesses (append accesses (list access-form)))))
    `(let* (,@bindings
            (,result ,(car accesses))
            ,@(mapcar #'list store-vars (append (cdr accesses) (list value))))
       ,@stores
       ,result)))

(defmacro defsetf (access-fn &rest rest)
  (if (and rest (symbolp (car rest)) (car rest))
      ;; Short form: (defsetf access updater)
      `(eval-when (:compile-toplevel :load-toplevel :execute)
         (%put ',access-fn '%setf-inverse ',(car rest))
         ',access-fn)
      ;; Long form: (defsetf access lambda-list (store-vars...) body...)
      (destructuring-bind (lambda-list store-vars &body body) rest
        (let ((place (gensym "PLACE")) (env (gensym "ENV")))
          `(eval-when (:compile-toplevel :load-toplevel :execute)
             (%put ',access-fn '%setf-expander
                   (lambda (,place ,env)
                     (declare (ignore ,env))
                     (let* ((temps (mapcar (lambda (a) (declare (ignore a)) (gensym "ARG"))
                                           (cdr ,place)))
                            (stores (mapcar (lambda (s) (declare (ignore s)) (gensym "NEW"))
                                            ',store-vars)))
                       (values temps
                               (cdr ,place)
                               stores
                               (apply (lambda (,@store-vars ,@lambda-list) ,@body)
                                      (append stores temps))
                               (cons ',access-fn temps)))))
             ',access-fn)))))

(defmacro define-setf-expander (access-fn lambda-list &body body)
  (let ((place (gensym "PLACE")) (env-var (or (%environment-var lambda-list) (gensym "ENV"))))
    `(eval-when (:compile-toplevel :load-toplevel :execute)
       (%put ',access-fn '%setf-expander
             (lambda (,place ,env-var)
               (declare (ignorable ,env-var))
               (destructuring-bind ,(%remove-environment lambda-list) (cdr ,place)
                 ,@body)))
       ',access-fn)))

(defun %remove-environment (lambda-list)
  (cond ((atom lambda-list) lambda-list)
        ((eq (car lambda-list) '&environment) (cddr lambda-list))
        (t (cons (car lambda-list) (%remove-environment (cdr lambda-list))))))

(defun butlast (list &optional (n 1))
  (let ((result nil) (lead (nthcdr n list)))
    (do ((tail list (cdr tail)))
        ((atom lead) (nreverse result))
      (setq result (cons (car tail) result))
      (setq lead (cdr lead)))))

(defun adjoin (item list &key key test test-not)
  (if (member (if key (funcall key item) item) list :key key :test test :test-not test-not)
      list
      (cons item list)))

;;; The places of the standard accessors defined so far.
(defsetf car (cons) (value) `(progn (rplaca ,cons ,value) ,value))
(defsetf cdr (cons) (value) `(progn (rplacd ,cons ,value) ,value))
(defsetf first (cons) (value) `(progn (rplaca ,cons ,value) ,value))
(defsetf rest (cons) (value) `(progn (rplacd ,cons ,value) ,value))
(defsetf cadr (cons) (value) `(progn (rplaca (cdr ,cons) ,value) ,value))
(defsetf cddr (cons) (value) `(progn (rplacd (cdr ,cons) ,value) ,value))
(defsetf second (cons) (value) `(progn (rplaca (cdr ,cons) ,value) ,value))
(defsetf third (cons) (value) `(progn (rplaca (cddr ,cons) ,value) ,value))
(defsetf nth (n list) (value) `(progn (rplaca (nthcdr ,n ,list) ,value) ,value))
(defsetf symbol-value set)
(defsetf svref %svset-fast)
(defsetf aref (array &rest subscripts) (value)
  ;; As the compiler macro of AREF (transforms.lisp).
  (case (length subscripts)
    (1 `(%aset1 ,array ,(car subscripts) ,value))
    (2 `(%aset2 ,array ,@subscripts ,value))
    (t `(funcall #'(setf aref) ,value ,array ,@subscripts))))
(defsetf char (string index) (value)
  `(%aset1 (%string-argument ,string) ,index (%check-character ,value)))
(defsetf schar (string index) (value)
  `(%aset1 (%simple-string-argument ,string) ,index (%check-character ,value)))
(defsetf get (symbol indicator &optional default) (value)
  `(progn ,default (%put ,symbol ,indicator ,value)))
