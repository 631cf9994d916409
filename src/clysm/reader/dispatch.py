"""The # dispatching macro character of the standard readtable (CLHS 2.4.8)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from clysm.lisp.data import (
    NIL,
    BitVector,
    Char,
    Cons,
    LispArray,
    LispComplex,
    LispString,
    LispVector,
    SingleFloat,
    Symbol,
    iter_list,
    list_from,
)
from clysm.lisp.packages import cl_symbol
from clysm.reader.charnames import code_from_name
from clysm.reader.features import FeatureError, feature_true
from clysm.reader.floats import SINGLE, rational_to_float
from clysm.reader.markers import NO_VALUE
from clysm.reader.syntax import TERMINATORS, WHITESPACE
from clysm.reader.tokens import Token, parse_number

if TYPE_CHECKING:
    from clysm.reader.reader import Reader

# (reader, sub-character as written, numeric argument, index of the '#') -> object
SharpMacro = Callable[["Reader", str, int | None, int], Any]


def read_sharp(r: Reader, start: int) -> Any:
    """Called with the cursor just after '#': parse the argument and dispatch."""
    src = r.src
    i = src.index
    while i < src.length and "0" <= src.text[i] <= "9":
        i += 1
    arg = int(src.text[src.index : i]) if i > src.index else None
    if i >= src.length:
        raise r.eof_error(f"end of file after '#' at {src.pos(start)}", i)
    sub = src.text[i]
    src.index = i + 1
    macro = _TABLE.get(sub.upper())
    if macro is None:
        if sub in WHITESPACE:
            return _illegal(r, sub, arg, start)
        if r.suppress:
            # As SBCL: an unknown dispatch inside skipped text swallows the next object.
            r.read_required(f"#{sub}", start)
            return NIL
        raise r.error(f"unknown # dispatch character #{sub}", start)
    return macro(r, sub, arg, start)


def _source(r: Reader, start: int) -> str:
    """The source text from `start` to the cursor, for messages."""
    text = r.src.text[start : r.src.index]
    return text if len(text) <= 40 else text[:37] + "..."


def _token_after(r: Reader, *, symbol_syntax: bool = True, preserve_case: bool = False) -> Token:
    """The token right after a dispatch character; empty if a terminator follows."""
    next_char = r.src.peek()
    if next_char is None or next_char in TERMINATORS:
        return Token(r.src.index, r.src.index)
    return r.read_token(symbol_syntax=symbol_syntax, preserve_case=preserve_case)


def _backslash(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    src = r.src
    first = src.peek()
    if first is None:
        raise r.eof_error(f"end of file after #\\ at {src.pos(start)}", src.index)
    src.index += 1
    # The first character is taken literally, even '(' or ' '; constituents after it
    # make a character name.
    name = first + _token_after(r, symbol_syntax=False, preserve_case=True).text
    if r.suppress:
        return NIL
    if len(name) == 1:
        return Char.of(name)
    code = code_from_name(name)
    if code is None:
        raise r.error(f'unrecognized character name "{name}"', start)
    return Char.of(code)


def _quote_function(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    value, value_start = r.read_required("#'", start)
    if r.suppress:
        return NIL
    return Cons(cl_symbol("FUNCTION"), Cons(value, NIL, r.src.pos(value_start)), r.src.pos(start))


# A #n( or #n* length beyond this is taken for a typo rather than allocated.
_MAX_FILL_LENGTH = 1 << 24


def _check_length(r: Reader, sub: str, arg: int | None, start: int) -> None:
    if arg is not None and arg > _MAX_FILL_LENGTH:
        raise r.error(f"length {arg} in #{arg}{sub} is too large", start)


def _vector(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    items, _, tail = r.read_delimited(r.src.index - 1)
    if r.suppress:
        return NIL
    _check_length(r, sub, arg, start)
    if tail is not NIL:
        raise r.error("improper list in #(...)", start)
    if arg is not None:
        if len(items) > arg:
            raise r.error(f"vector longer than the specified length in {_source(r, start)}", start)
        if len(items) < arg:
            if not items:
                raise r.error(f"#{arg}() has no element to fill a vector of length {arg}", start)
            items.extend([items[-1]] * (arg - len(items)))
    return LispVector(items)


def _bit_vector(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    token = _token_after(r, symbol_syntax=False)
    if r.suppress:
        return NIL
    _check_length(r, sub, arg, start)
    if token.has_escape:
        raise r.error("an escape character appeared after #*", start)
    bits = []
    for offset, c in enumerate(token.chars):
        if c not in "01":
            raise r.error(f"illegal element {c!r} in bit vector", token.start + offset)
        bits.append(int(c))
    if arg is not None:
        if len(bits) > arg:
            raise r.error(f"too many bits in {_source(r, start)}: expected {arg} or fewer", start)
        if len(bits) < arg:
            if not bits:
                raise r.error(f"#{arg}* requires at least one bit of input", start)
            bits.extend([bits[-1]] * (arg - len(bits)))
    return BitVector(bits)


def _uninterned(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    token = _token_after(r)
    if r.suppress:
        return NIL
    if any(c == ":" and not esc for c, esc in zip(token.chars, token.escaped, strict=True)):
        raise r.error(
            f"the symbol following #: contains a package marker: {_source(r, start)}", start
        )
    if not token.has_escape and parse_number(token.text, r.read_base) is not None:
        raise r.error(f"the symbol following #: has numeric syntax: {_source(r, start)}", start)
    return Symbol(token.text)


def _read_eval(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    if r.suppress:
        r.read_required("#.", start)
        return NIL
    if not r.read_eval_enabled:
        raise r.error(
            "#. is not allowed: read-time evaluation is disabled (*read-eval* is false)", start
        )
    if r.read_eval is None:
        raise r.error("#. is not allowed here", start)
    # The form is evaluated now, outside any backquote it appears in.
    depth, r.bq_depth = r.bq_depth, 0
    try:
        form, _ = r.read_required("#.", start)
    finally:
        r.bq_depth = depth
    return r.read_eval(form)


_RADIX_NAMES = {"B": 2, "O": 8, "X": 16}


def _radix(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    upper = sub.upper()
    if upper == "R":
        if r.suppress:
            arg = arg if arg is not None and 2 <= arg <= 36 else 10
        elif arg is None:
            raise r.error("radix missing in #R", start)
        elif not 2 <= arg <= 36:
            raise r.error(f"illegal radix for #R: {arg}", start)
        base = arg
    else:
        base = _RADIX_NAMES[upper]
    saved, r.read_base = r.read_base, base
    try:
        value, value_start = r.read_required(f"#{sub}", start)
    finally:
        r.read_base = saved
    if r.suppress:
        return NIL
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise r.error(
            f"#{sub} (base {base}) value is not a rational: {_source(r, value_start)}", start
        )
    return value


def _complex(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    value, _ = r.read_required(f"#{sub}", start)
    if r.suppress:
        return NIL
    try:
        parts = list(iter_list(value))
    except ValueError:
        parts = []
    if len(parts) != 2 or not all(_is_real(p) for p in parts):
        raise r.error(f"illegal complex number format: {_source(r, start)}", start)
    try:
        return make_complex(parts[0], parts[1])
    except OverflowError:
        raise r.error(f"floating-point overflow in {_source(r, start)}", start) from None


def _is_real(x: Any) -> bool:
    return not isinstance(x, bool) and isinstance(x, int | Fraction | float | SingleFloat)


def make_complex(real: Any, imag: Any) -> Any:
    """CL's COMPLEX on reals: a rational when the imaginary part is a rational 0;
    otherwise both parts converted to the wider float format present."""
    if isinstance(real, int | Fraction) and isinstance(imag, int | Fraction):
        return real if imag == 0 else LispComplex(real, imag)
    if isinstance(real, float) or isinstance(imag, float):
        return LispComplex(_to_double(real), _to_double(imag))
    return LispComplex(_to_single(real), _to_single(imag))


def _to_double(x: Any) -> float:
    return x.value if isinstance(x, SingleFloat) else float(x)


def _to_single(x: Any) -> SingleFloat:
    return x if isinstance(x, SingleFloat) else SingleFloat(rational_to_float(Fraction(x), SINGLE))


def _sequence_items(x: Any) -> list[Any] | None:
    """The elements of a host sequence, or None if `x` is not one."""
    if isinstance(x, LispVector):
        return list(x.items)
    if isinstance(x, LispString):
        return [Char.of(c) for c in x.chars]
    if isinstance(x, BitVector):
        return list(x.bits)
    try:
        return list(iter_list(x))
    except ValueError:
        return None


def _array_elements(r: Reader, contents: Any, rank: int, start: int) -> tuple[list[int], list[Any]]:
    """The dimensions of `#rankA contents` (the lengths along the first
    elements) and its elements in row-major order."""
    dimensions: list[int] = []
    level = [contents]
    for axis in range(rank):
        rows = [_sequence_items(x) for x in level]
        if any(row is None for row in rows):
            raise r.error(f"#{rank}A axis {axis} is not a sequence: {_source(r, start)}", start)
        dimension = len(rows[0]) if rows else 0  # type: ignore[arg-type]
        if any(len(row) != dimension for row in rows):  # type: ignore[arg-type]
            raise r.error(f"#{rank}A contents are not rectangular: {_source(r, start)}", start)
        dimensions.append(dimension)
        level = [x for row in rows for x in row]  # type: ignore[union-attr]
    return dimensions, level


def _array(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    contents, _ = r.read_required(f"#{sub}", start)
    if r.suppress:
        return NIL
    if arg is None:
        raise r.error("no dimensions argument to #A", start)
    dimensions, elements = _array_elements(r, contents, arg, start)
    data = LispVector(elements)
    if arg == 1:
        return data
    return LispArray(data, list_from(dimensions), NIL, len(elements))


def _unsupported(what: str) -> SharpMacro:
    def macro(r: Reader, sub: str, arg: int | None, start: int) -> Any:
        if r.suppress:
            r.read_required(f"#{sub}", start)
            return NIL
        raise r.error(f"#{sub} ({what}) syntax is not supported by clysm", start)

    return macro


def _feature(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    # The feature expression is read in KEYWORD and never suppressed, as in SBCL.
    saved = r.package, r.suppress
    r.package, r.suppress = r.registry.keyword, False
    try:
        expr, _ = r.read_required(f"#{sub}", start)
    finally:
        r.package, r.suppress = saved
    try:
        wanted = feature_true(expr, r.features)
    except FeatureError as e:
        raise r.error(f"{e}: {_source(r, start)}", start) from None
    if sub == "-":
        wanted = not wanted
    if wanted:
        return r.read_required(f"#{sub}", start)[0]
    suppress, r.suppress = r.suppress, True
    try:
        r.read_required(f"#{sub}", start)
    finally:
        r.suppress = suppress
    return NO_VALUE


def _block_comment(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    src = r.src
    text = src.text
    depth = 1
    i = src.index
    while depth:
        bar = text.find("|#", i)
        sharp = text.find("#|", i)
        if bar == -1:
            raise r.eof_error(
                f"unterminated #| comment starting at {src.pos(start)}: "
                "expected '|#' before end of file",
                src.length,
            )
        if sharp != -1 and sharp < bar:
            depth += 1
            i = sharp + 2
        else:
            depth -= 1
            i = bar + 2
    src.index = i
    return NO_VALUE


def _label_define(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    if r.suppress:
        return NO_VALUE  # CLHS 2.4.8: under *read-suppress* #= is ignored entirely
    if arg is None:
        raise r.error("missing label number for #=", start)
    if r.labels.is_defined(arg):
        raise r.error(f"label #{arg}= defined twice", start)
    placeholder = r.labels.define(arg)
    value, _ = r.read_required(f"#{arg}=", start)
    if value is placeholder:
        raise r.error(f"#{arg}= must label something more than just #{arg}#", start)
    r.labels.finish(arg, value)
    return value


def _label_reference(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    if r.suppress:
        return NIL
    if arg is None:
        raise r.error("missing label number for ##", start)
    if not r.labels.is_defined(arg):
        raise r.error(f"reference to undefined label #{arg}#", start)
    return r.labels.reference(arg)


def _illegal(r: Reader, sub: str, arg: int | None, start: int) -> Any:
    if sub == "<":
        raise r.error("#< introduces an unreadable object and cannot be read", start)
    shown = {" ": "space", "\t": "tab", "\n": "newline", "\r": "return", "\f": "page"}.get(sub, sub)
    raise r.error(f"illegal sharp macro character: # followed by {shown}", start)


_TABLE: dict[str, SharpMacro] = {
    "\\": _backslash,
    "'": _quote_function,
    "(": _vector,
    "*": _bit_vector,
    ":": _uninterned,
    ".": _read_eval,
    "B": _radix,
    "O": _radix,
    "X": _radix,
    "R": _radix,
    "C": _complex,
    "A": _array,
    "S": _unsupported("structure"),
    "P": _unsupported("pathname"),
    "+": _feature,
    "-": _feature,
    "|": _block_comment,
    "=": _label_define,
    "#": _label_reference,
    "<": _illegal,
    ")": _illegal,
}
