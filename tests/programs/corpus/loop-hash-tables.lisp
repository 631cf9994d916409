;;; LOOP over hash tables: FOR ... BEING EACH/THE HASH-KEY(S)/HASH-VALUE(S)
;;; IN/OF table, USING the other half, destructuring, with other clauses.

(defun make-inventory ()
  (let ((table (make-hash-table :test 'equal)))
    (loop for (name count price) in '(("apple" 3 0.5) ("pear" 0 0.75) ("fig" 12 2.0)
                                      ("kiwi" 7 0.25) ("plum" 1 1.5))
          do (setf (gethash name table) (list count price)))
    table))

(defparameter *inventory* (make-inventory))

(print (sort (loop for name being the hash-keys of *inventory* collect name) #'string<))
(print (loop for (count price) being each hash-value in *inventory*
             sum (* count price)))
(print (sort (loop for name being the hash-key of *inventory* using (hash-value entry)
                   when (zerop (first entry)) collect name
                   else when (> (first entry) 5) collect (string-upcase name))
             #'string<))
(print (loop for entry being the hash-values of *inventory* using (hash-key name)
             maximize (first entry) into most
             count (> (second entry) 1) into dear
             finally (return (list most dear))))
(print (loop for k being the hash-keys of (make-hash-table) collect k))
(let ((squares (make-hash-table)))
  (loop for i from 1 to 20 do (setf (gethash i squares) (* i i)))
  (print (loop for k being the hash-keys of squares using (hash-value v)
               for n from 1
               when (evenp k) sum v into even-sum
               finally (return (list n even-sum))))
  ;; Removing the current entry while iterating is allowed.
  (loop for k being the hash-keys of squares when (oddp k) do (remhash k squares))
  (print (hash-table-count squares))
  (print (loop for v being the hash-values of squares thereis (and (> v 300) v))))
(print (handler-case (loop for x being the hash-keys of (list 1 2) collect x)
         (type-error (e) (list :type-error (type-error-datum e)))))
