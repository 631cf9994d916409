"""Kernel primitives on data: conses and lists, equality, type tests,
numbers, characters and strings.  Each matches CL for what it accepts."""

from __future__ import annotations

from typing import Any

from clysm.frontend import host_numbers as num
from clysm.frontend.host_kernel import kernel
from clysm.frontend.host_runtime import LispError, MultipleValues, lisp_eq, type_error
from clysm.lisp.data import (
    NIL,
    BitVector,
    Char,
    Cons,
    LispArray,
    LispString,
    LispVector,
    Symbol,
    T,
    is_proper_list,
    list_from,
)


def b(x: bool) -> Symbol:
    return T if x else NIL


def _list(x: Any) -> Any:
    if x is not NIL and type(x) is not Cons:
        raise type_error(x, "LIST")
    return x


def _proper(x: Any) -> list[Any]:
    if not is_proper_list(x):
        raise type_error(x, "PROPER-LIST")
    out = []
    while x is not NIL:
        out.append(x.car)
        x = x.cdr
    return out


def _index(x: Any) -> int:
    if type(x) is not int or x < 0:
        raise type_error(x, "UNSIGNED-BYTE")
    return x


# -- conses and lists --------------------------------------------------------


@kernel("CONS")
def cons(a: Any, d: Any) -> Cons:
    return Cons(a, d)


@kernel("CAR")
def car(x: Any) -> Any:
    return _list(x).car if x is not NIL else NIL


@kernel("CDR")
def cdr(x: Any) -> Any:
    return _list(x).cdr if x is not NIL else NIL


@kernel("RPLACA")
def rplaca(c: Any, v: Any) -> Any:
    if type(c) is not Cons:
        raise type_error(c, "CONS")
    c.car = v
    return c


@kernel("RPLACD")
def rplacd(c: Any, v: Any) -> Any:
    if type(c) is not Cons:
        raise type_error(c, "CONS")
    c.cdr = v
    return c


@kernel("LIST")
def list_(*items: Any) -> Any:
    return list_from(items)


@kernel("LIST*")
def list_star(first: Any, *more: Any) -> Any:
    items = [first, *more]
    return list_from(items[:-1], items[-1])


def _storage(x: Any) -> Any:
    """The simple vector, string or bit vector holding an array's elements."""
    while type(x) is LispArray:
        x = x.data
    return x


def _header_vector(x: Any) -> bool:
    return type(x) is LispArray and type(x.dimensions) is Cons and x.dimensions.cdr is NIL


def _active_text(x: LispArray, whole: bool = False) -> str:
    """The characters of a string that is not simple, up to its fill pointer
    (or all of them when `whole`)."""
    offset = 0
    data: Any = x
    while type(data) is LispArray:
        offset, data = offset + data.offset, data.data
    n = x.total_size if whole or x.fill_pointer is NIL else x.fill_pointer
    assert type(data) is LispString
    return "".join(data.chars[offset : offset + n])


def is_string(x: Any) -> bool:
    return type(x) is LispString or (_header_vector(x) and type(_storage(x)) is LispString)


@kernel("LENGTH")
def length(seq: Any) -> int:
    if isinstance(seq, LispString):
        return len(seq.chars)
    if isinstance(seq, LispVector):
        return len(seq.items)
    if isinstance(seq, BitVector):
        return len(seq.bits)
    if _header_vector(seq):
        return seq.total_size if seq.fill_pointer is NIL else seq.fill_pointer  # type: ignore[no-any-return]
    return len(_proper(seq))


# -- equality and types ------------------------------------------------------


def eql(a: Any, b_: Any) -> bool:
    if lisp_eq(a, b_):
        return True
    return num.is_number(a) and num.eql_numbers(a, b_)


kernel("EQ")(lambda a, b_: b(lisp_eq(a, b_)))
kernel("EQL")(lambda a, b_: b(eql(a, b_)))
kernel("NOT")(lambda x: b(x is NIL))
kernel("NULL")(lambda x: b(x is NIL))
kernel("CONSP")(lambda x: b(type(x) is Cons))
kernel("ATOM")(lambda x: b(type(x) is not Cons))
kernel("LISTP")(lambda x: b(x is NIL or type(x) is Cons))
kernel("SYMBOLP")(lambda x: b(isinstance(x, Symbol)))
kernel("KEYWORDP")(lambda x: b(isinstance(x, Symbol) and x.is_keyword))
kernel("NUMBERP")(lambda x: b(num.is_number(x)))
kernel("INTEGERP")(lambda x: b(num.is_integer(x)))
kernel("CHARACTERP")(lambda x: b(type(x) is Char))
kernel("STRINGP")(lambda x: b(is_string(x)))
kernel("VECTORP")(
    lambda x: b(isinstance(x, LispVector | LispString | BitVector) or _header_vector(x))
)
kernel("FUNCTIONP")(lambda x: b(callable(x)))

# -- numbers -------------------------------------------------------------------

kernel("+")(num.add)
kernel("*")(num.multiply)
kernel("-")(num.subtract)
kernel("/")(num.divide)
kernel("=")(lambda first, *more: b(num.num_eq(first, *more)))
kernel("<")(lambda first, *more: b(num.num_lt(first, *more)))
kernel(">")(lambda first, *more: b(num.num_gt(first, *more)))
kernel("<=")(lambda first, *more: b(num.num_le(first, *more)))
kernel(">=")(lambda first, *more: b(num.num_ge(first, *more)))
kernel("1+")(lambda x: num.add(x, 1))
kernel("1-")(lambda x: num.subtract(x, 1))


@kernel("FLOOR")
def floor(number: Any, divisor: Any = 1) -> MultipleValues:
    return MultipleValues(list(num.floor2(number, divisor)))


@kernel("MOD")
def mod(number: Any, divisor: Any) -> Any:
    return num.floor2(number, divisor)[1]


# -- characters and strings --------------------------------------------------


def _char(x: Any) -> Char:
    if type(x) is not Char:
        raise type_error(x, "CHARACTER")
    return x  # type: ignore[no-any-return]


def string_designator(x: Any) -> str:
    if isinstance(x, LispString):
        return x.text
    if is_string(x):
        return _active_text(x)
    if isinstance(x, Symbol):
        return x.name
    if type(x) is Char:
        return chr(x.code)
    raise type_error(x, "STRING-DESIGNATOR")


kernel("CHAR-CODE")(lambda c: _char(c).code)
kernel("CHAR=")(lambda first, *more: b(all(_char(c) is _char(first) for c in more)))


@kernel("CODE-CHAR")
def code_char(code: Any) -> Any:
    if type(code) is not int or not 0 <= code <= 0x10FFFF:
        raise type_error(code, "(INTEGER 0 1114111)")
    return Char.of(code)


@kernel("CHAR")
def char(string: Any, index: Any) -> Char:
    if is_string(string) and type(string) is not LispString:
        string = LispString(_active_text(string, whole=True))
    if type(string) is not LispString:
        raise type_error(string, "STRING")
    i = _index(index)
    if i >= len(string.chars):
        raise LispError(f"index {i} is out of bounds for a string of length {len(string.chars)}")
    return Char.of(string.chars[i])


@kernel("STRING")
def string(x: Any) -> Any:
    return x if is_string(x) else LispString(string_designator(x))


@kernel("STRING=")
def string_eq(a: Any, b_: Any) -> Symbol:
    return b(string_designator(a) == string_designator(b_))
