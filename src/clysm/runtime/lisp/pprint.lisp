;;;; pprint.lisp -- the pretty printer (CLHS 22.2): pretty streams, logical
;;;; blocks, conditional newlines, indentation and tabs.
;;;;
;;;; A pretty stream is an output stream (stream.lisp) whose descriptor slot
;;;; holds a %PRETTY state instead of a file descriptor; its character buffer
;;;; is empty, so every character written takes the slow path to
;;;; %PRETTY-WRITE-CHAR.  Text goes into the state's buffer; logical block
;;;; starts and ends, conditional newlines, indentation changes and tabs go
;;;; into a queue of operations, each at a position in the text.  The queue
;;;; is decided from the front as soon as enough text has arrived: a block
;;;; whose section fits on the line is output as it is, one that does not is
;;;; started for real and its newlines break.  This is the algorithm of
;;;; Waters' XP printer, the one SBCL uses, so that lines break where SBCL
;;;; breaks them.
;;;;
;;;; Positions ("posns") count characters since the pretty stream was made;
;;;; the buffer holds the characters from posn OFFSET on, which begin at
;;;; column START-COLUMN of the target's line.

(in-package "CLYSM")

;;; A queued operation.  TYPE is :NEWLINE, :INDENT, :BLOCK-START,
;;; :BLOCK-END or :TAB.  Newlines and block starts begin sections: DEPTH is
;;; the number of pending blocks around them, SECTION-END the next newline
;;; at that depth or less once it is known.
(defstruct (%pp-op (:constructor %make-pp-op (type posn kind)))
  type
  posn
  kind                  ; newline kind, indentation :BLOCK/:CURRENT, tab kind
  (depth 0)
  (section-end nil)
  (amount 0)            ; indentation
  (colnum 0)            ; tabs
  (colinc 0)
  (prefix nil)          ; block starts: the per-line prefix, the suffix,
  (suffix nil)          ; and the block's :BLOCK-END operation
  (block-end nil))

;;; A logical block that has been started for real (its section did not
;;; fit).  PREFIX-LENGTH is how much of the prefix buffer starts each of its
;;; lines (per-line prefixes and indentation), PER-LINE-END how much of that
;;; is per-line prefix; SUFFIX the text that closes it and every block
;;; around it, for *PRINT-LINES* abbreviation.
(defstruct (%pp-block (:constructor %make-pp-block
                          (start-column section-column per-line-end prefix-length
                           suffix section-start-line)))
  start-column section-column per-line-end prefix-length suffix section-start-line)

(defstruct (%pretty (:constructor %make-pretty (target line-length start-column)))
  target                ; the stream the lines go to
  line-length
  (buffer (%make-string 128 #\Space))
  (fill 0)
  (offset 0)            ; the posn of buffer[0]
  start-column
  (line 0)              ; lines output so far
  (blocks (list (%make-pp-block 0 0 0 0 "" 0)))
  (prefix (%make-string 64 #\Space))
  (queue nil)           ; operations not decided yet, oldest first
  (queue-last nil)
  (pending nil)         ; block starts whose end has not been written yet
  (print-lines *print-lines*))

(defun %pretty-stream-p (stream)
  (%instancep (%svref stream 1)))

(defun %pretty-state (stream) (%svref stream 1))

(defun %line-length (stream)
  (declare (ignore stream))
  (or *print-right-margin* 80))

(defun %make-pretty-stream (target)
  (let ((stream (%make-output-stream nil 0)))
    (%svset stream 1 (%make-pretty target (%line-length target) (%stream-column target)))
    stream))

;;; Strings

(defun %copy-chars (to to-start from start end)
  ;; Overlapping copies within one string go the safe way.
  (if (and (eq to from) (> to-start start))
      (do ((i (1- end) (1- i))) ((< i start))
        (%set-schar to (+ to-start (- i start)) (%schar from i)))
      (do ((i start (1+ i))) ((>= i end))
        (%set-schar to (+ to-start (- i start)) (%schar from i))))
  to)

(defun %grown-string (string size keep)
  ;; A string of at least SIZE characters beginning with STRING's first KEEP.
  (let ((new (%make-string (max size (* 2 (%string-length string))) #\Space)))
    (%copy-chars new 0 string 0 keep)))

;;; Text

(defun %pretty-write-char (state char)
  (if (eq char #\Newline)
      (%pp-enqueue-newline state :literal)
      (let ((fill (%pretty-fill state)))
        (when (= fill (%string-length (%pretty-buffer state)))
          (%pp-make-room state 1)
          (setq fill (%pretty-fill state)))
        (%set-schar (%pretty-buffer state) fill char)
        (setf (%pretty-fill state) (1+ fill))))
  char)

(defun %pretty-write-string (state string start end)
  (do ((i start (1+ i))) ((>= i end))
    (%pretty-write-char state (%schar string i))))

(defun %pp-make-room (state want)
  ;; A full buffer: output what can be decided, else grow it.
  (when (> (%pretty-fill state) (%pretty-line-length state))
    (unless (%pp-maybe-output state nil)
      (%pp-output-partial-line state)))
  (let ((fill (%pretty-fill state)) (buffer (%pretty-buffer state)))
    (when (> (+ fill want) (%string-length buffer))
      (setf (%pretty-buffer state) (%grown-string buffer (+ fill want) fill)))))

(defun %pp-output-partial-line (state)
  ;; Write the text before the first undecided operation.
  (let* ((fill (%pretty-fill state))
         (queue (%pretty-queue state))
         (count (if queue (%pp-posn-index state (%pp-op-posn (car queue))) fill)))
    (when (> count 0)
      (let ((buffer (%pretty-buffer state)))
        (%stream-write-string (%pretty-target state) buffer 0 count)
        (setf (%pretty-start-column state) (+ (%pretty-start-column state) count))
        (%copy-chars buffer 0 buffer count fill)
        (setf (%pretty-fill state) (- fill count))
        (setf (%pretty-offset state) (+ (%pretty-offset state) count))))))

;;; Positions and columns

(defun %pp-posn-index (state posn) (- posn (%pretty-offset state)))
(defun %pp-fill-posn (state) (+ (%pretty-fill state) (%pretty-offset state)))

(defun %pp-section-start-p (op)
  (let ((type (%pp-op-type op))) (or (eq type :newline) (eq type :block-start))))

(defun %pp-index-column (state index)
  ;; The column the character at INDEX will have if no newline comes before
  ;; it: tabs still queued before it count.
  (let ((column (%pretty-start-column state))
        (section-start (%pp-block-section-column (car (%pretty-blocks state))))
        (end-posn (+ index (%pretty-offset state))))
    (dolist (op (%pretty-queue state))
      (when (>= (%pp-op-posn op) end-posn) (return))
      (cond ((eq (%pp-op-type op) :tab)
             (setq column (+ column (%pp-tab-size op section-start
                                                  (+ column (%pp-posn-index state (%pp-op-posn op)))))))
            ((%pp-section-start-p op)
             (setq section-start (+ column (%pp-posn-index state (%pp-op-posn op)))))))
    (+ column index)))

(defun %pp-posn-column (state posn)
  (%pp-index-column state (%pp-posn-index state posn)))

(defun %pretty-column (state)
  (%pp-index-column state (%pretty-fill state)))

;;; The queue

(defun %pp-enqueue (state op)
  (let ((cell (list op)))
    (if (%pretty-queue state)
        (setf (cdr (%pretty-queue-last state)) cell)
        (setf (%pretty-queue state) cell))
    (setf (%pretty-queue-last state) cell)
    op))

(defun %pp-new-op (state type kind)
  (%make-pp-op type (%pp-fill-posn state) kind))

(defun %pp-enqueue-newline (state kind)
  (let* ((depth (length (%pretty-pending state)))
         (newline (%pp-new-op state :newline kind)))
    (setf (%pp-op-depth newline) depth)
    (%pp-enqueue state newline)
    ;; The sections this newline ends: those at its depth or deeper.
    (dolist (op (%pretty-queue state))
      (when (and (not (eq op newline))
                 (%pp-section-start-p op)
                 (null (%pp-op-section-end op))
                 (<= depth (%pp-op-depth op)))
        (setf (%pp-op-section-end op) newline)))
    (%pp-maybe-output state (or (eq kind :literal) (eq kind :mandatory)))))

(defun %pp-enqueue-indent (state kind amount)
  (let ((op (%pp-new-op state :indent kind)))
    (setf (%pp-op-amount op) amount)
    (%pp-enqueue state op)))

(defun %pp-enqueue-tab (state kind colnum colinc)
  (let ((op (%pp-new-op state :tab kind)))
    (setf (%pp-op-colnum op) colnum (%pp-op-colinc op) colinc)
    (%pp-enqueue state op)))

(defun %pp-start-block (state prefix per-line-p suffix)
  (when prefix (%pretty-write-string state prefix 0 (%string-length prefix)))
  (let ((start (%pp-new-op state :block-start nil)))
    (setf (%pp-op-depth start) (length (%pretty-pending state))
          (%pp-op-prefix start) (and per-line-p prefix)
          (%pp-op-suffix start) suffix)
    (%pp-enqueue state start)
    (push start (%pretty-pending state))))

(defun %pp-end-block (state)
  (let* ((start (pop (%pretty-pending state)))
         (suffix (%pp-op-suffix start))
         (end (%pp-enqueue state (%pp-new-op state :block-end nil))))
    (when suffix (%pretty-write-string state suffix 0 (%string-length suffix)))
    (setf (%pp-op-block-end start) end)))

;;; Deciding the queue

(defun %pp-misering-p (state)
  (and *print-miser-width*
       (<= (- (%pretty-line-length state)
              (%pp-block-start-column (car (%pretty-blocks state))))
           *print-miser-width*)))

(defun %pp-fits-p (state until force)
  ;; Does the section ending at UNTIL fit on the line?  :DONT-KNOW while its
  ;; end has not been written and what there is fits.
  (let ((available (%pretty-line-length state))
        (lines (%pretty-print-lines state)))
    (when (and lines (not *print-readably*) (= lines (%pretty-line state)))
      ;; Room for " .." and the suffixes (SBCL tests this line number, not
      ;; that of the last line).
      (setq available (- available 3
                         (%string-length (%pp-block-suffix (car (%pretty-blocks state)))))))
    (cond (until (<= (%pp-posn-column state (%pp-op-posn until)) available))
          (force nil)
          ((> (%pp-index-column state (%pretty-fill state)) available) nil)
          (t :dont-know))))

(defun %pp-break-p (state newline force)
  ;; Must NEWLINE break the line?  T, NIL or :DONT-KNOW.
  (case (%pp-op-kind newline)
    ((:literal :mandatory :linear) t)
    (:miser (%pp-misering-p state))
    (t                                  ; :fill
     (or (%pp-misering-p state)
         (> (%pretty-line state)
            (%pp-block-section-start-line (car (%pretty-blocks state))))
         (let ((fits (%pp-fits-p state (%pp-op-section-end newline) force)))
           (if (eq fits :dont-know) :dont-know (not fits)))))))

(defun %pp-maybe-output (state force)
  ;; Carry out the operations at the front of the queue that can be
  ;; decided; true if a line was output.
  (let ((output nil) (tail (%pretty-queue state)))
    (loop
      (when (null tail)
        (setf (%pretty-queue-last state) nil)
        (return))
      (let ((op (car tail)))
        (case (%pp-op-type op)
          (:newline
           (let ((break (%pp-break-p state op force)))
             (when (eq break :dont-know) (return))
             (when break
               (setq output t)
               (%pp-output-line state op))))
          (:indent
           (unless (%pp-misering-p state)
             (%pp-set-indentation
              state
              (+ (%pp-op-amount op)
                 (if (eq (%pp-op-kind op) :block)
                     (%pp-block-start-column (car (%pretty-blocks state)))
                     (%pp-posn-column state (%pp-op-posn op)))))))
          (:block-start
           (let ((fits (%pp-fits-p state (%pp-op-section-end op) force)))
             (cond ((eq fits :dont-know) (return))
                   (fits
                    ;; The whole block goes out as it is.
                    (let ((end (%pp-op-block-end op)))
                      (%pp-expand-tabs state end)
                      (setq tail (member end tail))))
                   (t (%pp-really-start-block state (%pp-posn-column state (%pp-op-posn op))
                                              (%pp-op-prefix op) (%pp-op-suffix op))))))
          (:block-end (%pp-really-end-block state))
          (t (%pp-expand-tabs state op))))
      (setq tail (cdr tail))
      (setf (%pretty-queue state) tail))
    output))

;;; Blocks and indentation

(defun %pp-really-start-block (state column per-line-prefix suffix)
  (let* ((outer (car (%pretty-blocks state)))
         (block (%make-pp-block column column (%pp-block-per-line-end outer)
                                (%pp-block-prefix-length outer)
                                (if suffix
                                    (concatenate 'string suffix (%pp-block-suffix outer))
                                    (%pp-block-suffix outer))
                                (%pretty-line state))))
    (push block (%pretty-blocks state))
    (%pp-set-indentation state column)
    (when per-line-prefix
      (setf (%pp-block-per-line-end block) column)
      (%copy-chars (%pretty-prefix state) (- column (%string-length per-line-prefix))
                   per-line-prefix 0 (%string-length per-line-prefix)))))

(defun %pp-really-end-block (state)
  (let* ((old (pop (%pretty-blocks state)))
         (old-indent (%pp-block-prefix-length old))
         (new-indent (%pp-block-prefix-length (car (%pretty-blocks state)))))
    (do ((i old-indent (1+ i))) ((>= i new-indent))
      (%set-schar (%pretty-prefix state) i #\Space))))

(defun %pp-set-indentation (state column)
  (let* ((block (car (%pretty-blocks state)))
         (current (%pp-block-prefix-length block))
         (column (max column (%pp-block-per-line-end block)))
         (prefix (%pretty-prefix state)))
    (when (> column (%string-length prefix))
      (setq prefix (%grown-string prefix column current))
      (setf (%pretty-prefix state) prefix))
    (do ((i current (1+ i))) ((>= i column))
      (%set-schar prefix i #\Space))
    (setf (%pp-block-prefix-length block) column)))

;;; Output

(defun %pp-output-line (state newline)
  ;; Write the text before NEWLINE, a newline and the new line's prefix.
  (let* ((target (%pretty-target state))
         (buffer (%pretty-buffer state))
         (literal (eq (%pp-op-kind newline) :literal))
         (consumed (%pp-posn-index state (%pp-op-posn newline)))
         (printed (if literal
                      consumed
                      ;; Trailing blanks are dropped.
                      (do ((i consumed (1- i)))
                          ((or (= i 0) (not (eq (%schar buffer (1- i)) #\Space))) i)))))
    (%stream-write-string target buffer 0 printed)
    (let ((line (1+ (%pretty-line state)))
          (lines (%pretty-print-lines state)))
      (when (and lines (not *print-readably*) (>= line lines))
        (%stream-write-string target " .." 0 3)
        (let ((suffix (%pp-block-suffix (car (%pretty-blocks state)))))
          (%stream-write-string target suffix 0 (%string-length suffix)))
        (throw '%line-limit-abbreviation t))
      (setf (%pretty-line state) line)
      (%stream-write-char target #\Newline)
      (setf (%pretty-start-column state) 0)
      (let* ((fill (%pretty-fill state))
             (block (car (%pretty-blocks state)))
             (prefix-length (if literal
                                (%pp-block-per-line-end block)
                                (%pp-block-prefix-length block)))
             (shift (- consumed prefix-length))
             (new-fill (- fill shift)))
        (when (> new-fill (%string-length buffer))
          (setq buffer (%grown-string buffer new-fill fill))
          (setf (%pretty-buffer state) buffer))
        (%copy-chars buffer prefix-length buffer consumed fill)
        (%copy-chars buffer 0 (%pretty-prefix state) 0 prefix-length)
        (setf (%pretty-fill state) new-fill)
        (setf (%pretty-offset state) (+ (%pretty-offset state) shift))
        (unless literal
          (setf (%pp-block-section-column block) prefix-length)
          (setf (%pp-block-section-start-line block) line))))))

;;; Tabs

(defun %pp-tab-size (tab section-start column)
  ;; How many spaces TAB stands for at COLUMN.
  (let* ((kind (%pp-op-kind tab))
         (origin (if (or (eq kind :section) (eq kind :section-relative)) section-start 0))
         (colnum (%pp-op-colnum tab))
         (colinc (%pp-op-colinc tab)))
    (cond ((or (eq kind :line-relative) (eq kind :section-relative))
           (if (> colinc 1)
               (let ((excess (rem (+ (- column origin) colnum) colinc)))
                 (if (= excess 0) colnum (+ colnum (- colinc excess))))
               colnum))
          ((< column (+ colnum origin)) (- (+ colnum origin) column))
          ;; At or past COLNUM: on to the next COLNUM + k COLINC.
          ((> colinc 0) (- colinc (rem (- column origin colnum) colinc)))
          (t 0))))

(defun %pp-expand-tabs (state through)
  ;; Turn the queued tabs up to THROUGH (all if NIL) into spaces.
  (let ((insertions nil) (added 0)
        (column (%pretty-start-column state))
        (section-start (%pp-block-section-column (car (%pretty-blocks state)))))
    (dolist (op (%pretty-queue state))
      (cond ((eq (%pp-op-type op) :tab)
             (let* ((index (%pp-posn-index state (%pp-op-posn op)))
                    (size (%pp-tab-size op section-start (+ column index))))
               (when (> size 0)
                 (push (cons index size) insertions)
                 (setq added (+ added size) column (+ column size)))))
            ((%pp-section-start-p op)
             (setq section-start (+ column (%pp-posn-index state (%pp-op-posn op))))))
      (when (eq op through) (return)))
    (when insertions
      (let* ((fill (%pretty-fill state))
             (old (%pretty-buffer state))
             (new (%make-string (max (+ fill added) (%string-length old)) #\Space))
             (end fill)
             (shift added))
        ;; From the last insertion back: move the text after it, then the
        ;; spaces (already in NEW).
        (dolist (insertion insertions)
          (let ((index (car insertion)))
            (%copy-chars new (+ index shift) old index end)
            (setq shift (- shift (cdr insertion)) end index)))
        (%copy-chars new 0 old 0 end)
        (setf (%pretty-buffer state) new
              (%pretty-fill state) (+ fill added)
              (%pretty-offset state) (- (%pretty-offset state) added))))))

(defun %pp-force-output (state)
  (%pp-maybe-output state nil)
  (%pp-expand-tabs state nil)
  (%stream-write-string (%pretty-target state) (%pretty-buffer state) 0 (%pretty-fill state)))

;;; Running a body on a pretty stream

(defun %call-with-pretty-stream (stream function)
  ;; Call FUNCTION with a pretty stream writing to STREAM (STREAM itself if
  ;; it is one); everything goes out at the end.
  (if (%pretty-stream-p stream)
      (funcall function stream)
      (catch '%line-limit-abbreviation
        (let ((pretty (%make-pretty-stream stream)))
          (funcall function pretty)
          (%pp-force-output (%pretty-state pretty)))))
  nil)

;;; The user's interface (CLHS 22.4)

(defun %check-member (object choices type)
  (unless (member object choices) (%type-error object type))
  object)

(defun pprint-newline (kind &optional stream)
  (%check-member kind '(:linear :fill :miser :mandatory) '(member :linear :fill :miser :mandatory))
  (let ((stream (%output-stream stream)))
    (when (and *print-pretty* (%pretty-stream-p stream))
      (%pp-enqueue-newline (%pretty-state stream) kind)))
  nil)

(defun pprint-indent (relative-to n &optional stream)
  (%check-member relative-to '(:block :current) '(member :block :current))
  (let ((stream (%output-stream stream)))
    (when (and *print-pretty* (%pretty-stream-p stream))
      (%pp-enqueue-indent (%pretty-state stream) relative-to (values (round n)))))
  nil)

(defun pprint-tab (kind colnum colinc &optional stream)
  (%check-member kind '(:line :section :line-relative :section-relative)
                 '(member :line :section :line-relative :section-relative))
  (let ((stream (%output-stream stream)))
    (when (and *print-pretty* (%pretty-stream-p stream))
      (%pp-enqueue-tab (%pretty-state stream) kind colnum colinc)))
  nil)

(defun %write-object (object stream)
  ;; OBJECT as WRITE prints it, inside the logical block being printed.
  (%print-object object *print-escape* *%current-level* stream))

;;; PPRINT-LOGICAL-BLOCK: the body is a function of the stream and the list;
;;; PPRINT-POP and PPRINT-EXIT-IF-LIST-EXHAUSTED are local macros on the
;;; body's list and count of elements popped.

(defun %pprint-logical-block (stream object prefix per-line-p suffix body)
  (let ((stream (%output-stream stream)))
    (unless (or (null prefix) (stringp prefix)) (%type-error prefix 'string))
    (unless (stringp suffix) (%type-error suffix 'string))
    (cond ((not (listp object)) (%write-object object stream))
          ((and *print-level* (not *print-readably*) (>= *%current-level* *print-level*))
           (%stream-write-char stream #\#))
          ((and *print-circle* (null *%circle-table*) (consp object))
           ;; At the top: the labels of shared parts are found first.
           (%call-with-circle-passes
            stream (lambda (stream)
                     (%pprint-logical-block stream object prefix per-line-p suffix body))))
          ((%circle-reference-written-p object stream))
          (t
           (%call-with-pretty-stream
            stream
            (lambda (pretty)
              (let ((*%current-level* (1+ *%current-level*))
                    (state (%pretty-state pretty)))
                (%pp-start-block state prefix per-line-p suffix)
                (funcall body pretty object)
                (%pp-end-block state))))))
    nil))

(defun %pprint-pop-p (stream list count)
  ;; May PPRINT-POP take the next element?  If not, it has written why.
  (cond ((not (listp list))
         (%stream-write-string (%output-stream stream) ". " 0 2)
         (%write-object list stream)
         nil)
        ((and *print-length* (not *print-readably*) (>= count *print-length*))
         (%stream-write-string (%output-stream stream) "..." 0 3)
         nil)
        ((and list (> count 0) (or (%unquote-tail-p list) (%circle-tail-label-p list)))
         (%stream-write-string (%output-stream stream) ". " 0 2)
         (%write-object list stream)
         nil)
        (t t)))

(defmacro pprint-logical-block ((stream-symbol object &key (prefix nil prefix-p)
                                               (per-line-prefix nil per-line-p) (suffix ""))
                                &body body)
  (when (and prefix-p per-line-p)
    (error "PPRINT-LOGICAL-BLOCK: both :PREFIX and :PER-LINE-PREFIX given"))
  (let ((var (cond ((null stream-symbol) '*standard-output*)
                   ((eq stream-symbol t) '*terminal-io*)
                   (t stream-symbol)))
        (list (gensym "LIST"))
        (count (gensym "COUNT"))
        (done (gensym "BLOCK")))
    `(%pprint-logical-block
      ,var ,object ,(if per-line-p per-line-prefix prefix) ,per-line-p ,suffix
      (lambda (,var ,list)
        (let ((,count 0))
          (declare (ignorable ,count))
          (block ,done
            (macrolet ((pprint-exit-if-list-exhausted ()
                         '(when (null ,list) (return-from ,done nil)))
                       (pprint-pop ()
                         '(if (%pprint-pop-p ,var ,list ,count)
                              (progn (setq ,count (1+ ,count)) (pop ,list))
                              (return-from ,done nil))))
              ,@body)))))))

;;; PPRINT-FILL, PPRINT-LINEAR, PPRINT-TABULAR

(defun %pprint-list-elements (stream list colon-p newline-kind)
  (pprint-logical-block (stream list :prefix (if colon-p "(" "") :suffix (if colon-p ")" ""))
    (pprint-exit-if-list-exhausted)
    (loop
      (%write-object (pprint-pop) stream)
      (pprint-exit-if-list-exhausted)
      (%stream-write-char stream #\Space)
      (pprint-newline newline-kind stream))))

(defun pprint-fill (stream object &optional (colon-p t) at-sign-p)
  (declare (ignore at-sign-p))
  (%pprint-list-elements (%output-stream stream) object colon-p :fill))

(defun pprint-linear (stream object &optional (colon-p t) at-sign-p)
  (declare (ignore at-sign-p))
  (%pprint-list-elements (%output-stream stream) object colon-p :linear))

(defun pprint-tabular (stream object &optional (colon-p t) at-sign-p (tabsize 16))
  (declare (ignore at-sign-p))
  (let ((stream (%output-stream stream)))
    (pprint-logical-block (stream object :prefix (if colon-p "(" "") :suffix (if colon-p ")" ""))
      (pprint-exit-if-list-exhausted)
      (loop
        (%write-object (pprint-pop) stream)
        (pprint-exit-if-list-exhausted)
        (%stream-write-char stream #\Space)
        (pprint-tab :section-relative 0 tabsize stream)
        (pprint-newline :fill stream)))))

(defun pprint (object &optional stream)
  (let ((stream (%output-stream stream)))
    (%stream-write-char stream #\Newline)
    (let ((*print-escape* t) (*print-pretty* t))
      (%write-object object stream))
    (values)))
