"""Host-side Common Lisp reader: source text to the data of clysm.lisp.data.

    Reader(text, file, package=, features=, read_eval=, read_eval_enabled=, read_base=)
        .read(eof_error_p=True, eof_value=EOF)   next datum
        .read_with_pos(...)                      (datum, SourcePos of its first char)
        .package                                 current package, settable between forms
    read_all(text, file, **options), read_from_string(text, **options)

The standard readtable with readtable-case :upcase, checked against SBCL.
Choices where the standard leaves room or clysm differs:

- Backquote reads as (CLYSM::QUASIQUOTE x) with (CLYSM::UNQUOTE x),
  (CLYSM::UNQUOTE-SPLICING x) and (CLYSM::UNQUOTE-NSPLICING x) inside; the
  backquote macro (in Lisp) expands them.  `(a . ,b) is (QUASIQUOTE (A UNQUOTE B)),
  and `#(a ,b) keeps the unquote inside the vector: (QUASIQUOTE #(A (UNQUOTE B))).
  `,@x and (a . ,@b) are errors, as in SBCL.
- #P and #S are reader errors (no pathname or structure literals on the host);
  #A accepts only rank 1 (#1A(...) gives a simple-vector).
- #C(r i) gives LispComplex, canonicalised as CL's COMPLEX does (a rational
  with imaginary part 0 is just the rational; float parts share one format).
- COMMON-LISP is locked: reading a symbol that would be new in it is an error.
- Floats are rounded once from the exact decimal, so single-floats with many
  digits may differ from SBCL 2.2, which rounds twice; denormals are kept
  where SBCL 2.2 reads 0.0.
- Under #+/#- skipping (*read-suppress*) tokens are not interpreted, so
  unknown packages and bad tokens in skipped forms are no error.
"""

from clysm.reader.errors import LispReaderEOFError
from clysm.reader.features import DEFAULT_FEATURES
from clysm.reader.markers import EOF
from clysm.reader.reader import (
    QUASIQUOTE,
    UNQUOTE,
    UNQUOTE_NSPLICING,
    UNQUOTE_SPLICING,
    Reader,
    read_all,
    read_from_string,
)

__all__ = [
    "DEFAULT_FEATURES",
    "EOF",
    "QUASIQUOTE",
    "UNQUOTE",
    "UNQUOTE_NSPLICING",
    "UNQUOTE_SPLICING",
    "LispReaderEOFError",
    "Reader",
    "read_all",
    "read_from_string",
]
