"""The symbols the front end recognises, looked up once."""

from __future__ import annotations

from clysm.lisp.data import Symbol
from clysm.lisp.packages import cl_symbol, clysm_symbol

CL = cl_symbol
# Special operators (CLHS 3.1.2.1.2.1).
BLOCK = CL("BLOCK")
CATCH = CL("CATCH")
EVAL_WHEN = CL("EVAL-WHEN")
FLET = CL("FLET")
FUNCTION = CL("FUNCTION")
GO = CL("GO")
IF = CL("IF")
LABELS = CL("LABELS")
LET = CL("LET")
LET_STAR = CL("LET*")
LOAD_TIME_VALUE = CL("LOAD-TIME-VALUE")
LOCALLY = CL("LOCALLY")
MACROLET = CL("MACROLET")
MULTIPLE_VALUE_CALL = CL("MULTIPLE-VALUE-CALL")
MULTIPLE_VALUE_PROG1 = CL("MULTIPLE-VALUE-PROG1")
PROGN = CL("PROGN")
PROGV = CL("PROGV")
QUOTE = CL("QUOTE")
RETURN_FROM = CL("RETURN-FROM")
SETQ = CL("SETQ")
SYMBOL_MACROLET = CL("SYMBOL-MACROLET")
TAGBODY = CL("TAGBODY")
THE = CL("THE")
THROW = CL("THROW")
UNWIND_PROTECT = CL("UNWIND-PROTECT")

# Other standard symbols with a meaning to the front end.
LAMBDA = CL("LAMBDA")
DECLARE = CL("DECLARE")
SPECIAL = CL("SPECIAL")
IGNORE = CL("IGNORE")
IGNORABLE = CL("IGNORABLE")
SETF = CL("SETF")
FUNCALL = CL("FUNCALL")
APPLY = CL("APPLY")
VALUES = CL("VALUES")
IN_PACKAGE = CL("IN-PACKAGE")
ERROR = CL("ERROR")
PACKAGE_VAR = CL("*PACKAGE*")
COMPILE = CL("COMPILE")
LOAD = CL("LOAD")
EVAL = CL("EVAL")

OPTIONAL = CL("&OPTIONAL")
REST = CL("&REST")
BODY = CL("&BODY")
KEY = CL("&KEY")
ALLOW_OTHER_KEYS = CL("&ALLOW-OTHER-KEYS")
AUX = CL("&AUX")
WHOLE = CL("&WHOLE")
ENVIRONMENT = CL("&ENVIRONMENT")
LAMBDA_LIST_KEYWORDS = frozenset(
    {OPTIONAL, REST, BODY, KEY, ALLOW_OTHER_KEYS, AUX, WHOLE, ENVIRONMENT}
)

# Internal operators of the CLYSM package.  The Lisp library's macros expand
# into these; the front end implements them.
NAMED_LAMBDA = clysm_symbol("NAMED-LAMBDA")
MULTIPLE_VALUE_BIND_OP = clysm_symbol("%MULTIPLE-VALUE-BIND")
DESTRUCTURING_BIND_OP = clysm_symbol("%DESTRUCTURING-BIND")
MACRO_LAMBDA_OP = clysm_symbol("%MACRO-LAMBDA")
DEFMACRO_FN = clysm_symbol("%DEFMACRO")
DEFUN = CL("DEFUN")
DEFINE_COMPILER_MACRO = CL("DEFINE-COMPILER-MACRO")
INLINE = CL("INLINE")
NOTINLINE = CL("NOTINLINE")
DEFMACRO = CL("DEFMACRO")
DEFUN_FN = clysm_symbol("%DEFUN")

SPECIAL_OPERATORS: frozenset[Symbol] = frozenset(
    {
        BLOCK,
        CATCH,
        EVAL_WHEN,
        FLET,
        FUNCTION,
        GO,
        IF,
        LABELS,
        LET,
        LET_STAR,
        LOAD_TIME_VALUE,
        LOCALLY,
        MACROLET,
        MULTIPLE_VALUE_CALL,
        MULTIPLE_VALUE_PROG1,
        PROGN,
        PROGV,
        QUOTE,
        RETURN_FROM,
        SETQ,
        SYMBOL_MACROLET,
        TAGBODY,
        THE,
        THROW,
        UNWIND_PROTECT,
    }
)
INTERNAL_OPERATORS: frozenset[Symbol] = frozenset(
    {MULTIPLE_VALUE_BIND_OP, DESTRUCTURING_BIND_OP, MACRO_LAMBDA_OP}
)
