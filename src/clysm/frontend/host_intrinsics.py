"""Python versions of the intrinsics (intrinsics.py), for the host evaluator.

The back end may assume argument types; here a wrong type is reported as a
Lisp type error instead, since macro expanders are where bugs show up first.
"""

from __future__ import annotations

import math
import struct
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from clysm.frontend import host_numbers
from clysm.frontend.host_bignum import BIGNUM_INTRINSICS
from clysm.frontend.host_runtime import (
    UNBOUND,
    LispError,
    is_fixnum,
    lisp_eq,
    make_values,
    type_error,
)
from clysm.frontend.intrinsics import INTRINSICS
from clysm.lisp.data import (
    NIL,
    BitVector,
    Char,
    Cons,
    Instance,
    LispArray,
    LispComplex,
    LispString,
    LispVector,
    SingleFloat,
    Symbol,
    T,
    iter_list,
)

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv

FLAG_SPECIAL = 1
FLAG_CONSTANT = 2
FLAG_KEYWORD = 16


def _bool(x: bool) -> Symbol:
    return T if x else NIL


def _cons(x: Any) -> Cons:
    if type(x) is not Cons:
        raise type_error(x, "CONS")
    return x


def _car(x: Any) -> Any:
    if x is NIL:
        return NIL
    if type(x) is not Cons:
        raise type_error(x, "LIST")
    return x.car


def _cdr(x: Any) -> Any:
    if x is NIL:
        return NIL
    if type(x) is not Cons:
        raise type_error(x, "LIST")
    return x.cdr


def _fixnum(x: Any) -> int:
    if not is_fixnum(x):
        raise type_error(x, "FIXNUM")
    return x  # type: ignore[no-any-return]


def _rplaca(c: Any, v: Any) -> Cons:
    _cons(c).car = v
    return c  # type: ignore[no-any-return]


def _rplacd(c: Any, v: Any) -> Cons:
    _cons(c).cdr = v
    return c  # type: ignore[no-any-return]


def _code_char(code: Any) -> Char:
    if not is_fixnum(code) or not 0 <= code <= 0x10FFFF:
        raise type_error(code, "(INTEGER 0 1114111)")
    return Char.of(code)


def _char_code(c: Any) -> int:
    if type(c) is not Char:
        raise type_error(c, "CHARACTER")
    return c.code  # type: ignore[no-any-return]


def _symbol_name(s: Any) -> LispString:
    if not isinstance(s, Symbol):
        raise type_error(s, "SYMBOL")
    return LispString(s.name)


def _symbol(s: Any) -> Symbol:
    if not isinstance(s, Symbol):
        raise type_error(s, "SYMBOL")
    return s


def _string(s: Any) -> LispString:
    if type(s) is not LispString:
        raise type_error(s, "STRING")
    return s


def _vector(v: Any) -> LispVector:
    if type(v) is not LispVector:
        raise type_error(v, "SIMPLE-VECTOR")
    return v


def _index(seq: list[Any], i: Any) -> int:
    if not is_fixnum(i) or not 0 <= i < len(seq):
        raise type_error(i, f"(INTEGER 0 ({len(seq)}))")
    return i  # type: ignore[no-any-return]


def _set_schar(s: Any, i: Any, c: Any) -> Char:
    chars = _string(s).chars
    if type(c) is not Char:
        raise type_error(c, "CHARACTER")
    chars[_index(chars, i)] = chr(c.code)
    return c  # type: ignore[no-any-return]


def _replace_chars(dest: Any, at: Any, src: Any, start: Any, end: Any) -> Any:
    chars = _string(src).chars[_fixnum(start) : _fixnum(end)]
    _string(dest).chars[_fixnum(at) : _fixnum(at) + len(chars)] = chars
    return dest


def _svset(v: Any, i: Any, x: Any) -> Any:
    items = _vector(v).items
    items[_index(items, i)] = x
    return x


def _bit_vector(v: Any) -> BitVector:
    if type(v) is not BitVector:
        raise type_error(v, "SIMPLE-BIT-VECTOR")
    return v


def _set_sbit(v: Any, i: Any, bit: Any) -> Any:
    bits = _bit_vector(v).bits
    if bit not in (0, 1):
        raise type_error(bit, "BIT")
    bits[_index(bits, i)] = bit
    return bit


def _header(a: Any) -> LispArray:
    if type(a) is not LispArray:
        raise type_error(a, "CLYSM::ARRAY-HEADER")
    return a


def _header_getter(attribute: str) -> Callable[[Any], Any]:
    return lambda a: getattr(_header(a), attribute)


def _header_setter(attribute: str) -> Callable[[Any, Any], Any]:
    def store(a: Any, value: Any) -> Any:
        setattr(_header(a), attribute, value)
        return value

    return store


def _element_place(a: Any, i: Any) -> tuple[Any, int]:
    """The simple vector, string or bit vector holding element `i` of the
    vector `a` (AREF's index: the fill pointer is ignored), and its index there."""
    if type(a) is LispArray:
        if a.dimensions is NIL or a.dimensions.cdr is not NIL:
            raise type_error(a, "VECTOR")
        if not is_fixnum(i) or not 0 <= i < a.total_size:
            raise type_error(i, f"(INTEGER 0 ({a.total_size}))")
        while type(a) is LispArray:
            i, a = i + a.offset, a.data
    if type(a) is LispVector:
        return a, _index(a.items, i)
    if type(a) is LispString:
        return a, _index(a.chars, i)
    if type(a) is BitVector:
        return a, _index(a.bits, i)
    raise type_error(a, "VECTOR")


def _aref1(a: Any, i: Any) -> Any:
    leaf, i = _element_place(a, i)
    if type(leaf) is LispVector:
        return leaf.items[i]
    if type(leaf) is LispString:
        return Char.of(leaf.chars[i])
    return leaf.bits[i]


def _aset1(a: Any, i: Any, value: Any) -> Any:
    leaf, i = _element_place(a, i)
    if type(leaf) is LispVector:
        leaf.items[i] = value
    elif type(leaf) is LispString:
        leaf.chars[i] = chr(_char_code(value))
    elif value in (0, 1):
        leaf.bits[i] = value
    else:
        raise type_error(value, "BIT")
    return value


def _truncate(a: Any, b: Any) -> int:
    a, b = _fixnum(a), _fixnum(b)
    if b == 0:
        raise LispError("division by zero", "DIVISION-BY-ZERO")
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def _instance(x: Any) -> Instance:
    if type(x) is not Instance:
        raise type_error(x, "CLYSM::INSTANCE")
    return x


def _instance_set(x: Any, i: Any, value: Any) -> Any:
    slots = _instance(x).slots
    slots[_index(slots, i)] = value
    return value


def _set_layout(x: Any, layout: Any) -> Any:
    _instance(x).layout = layout
    return layout


def _take_slots(x: Any, donor: Any) -> Any:
    _instance(x).slots = _instance(donor).slots
    return x


def _object_hash(x: Any) -> int:
    if is_fixnum(x):
        return x & ((1 << 30) - 1)  # type: ignore[no-any-return]
    if type(x) is Char:
        return x.code  # type: ignore[no-any-return]
    return id(x) & ((1 << 30) - 1)


def _string_hash(s: Any) -> int:
    h = 2166136261
    for c in _string(s).chars:
        h = ((h ^ ord(c)) * 16777619) & 0xFFFFFFFF
    return h & ((1 << 30) - 1)


# Numbers: the host's bignums are Python ints, ratios Fractions, double-floats
# floats, single-floats SingleFloats, complexes LispComplexes.


def _double(x: Any) -> float:
    if type(x) is not float:
        raise type_error(x, "DOUBLE-FLOAT")
    return x  # type: ignore[no-any-return]


def _ieee_divide(a: Any, b: Any) -> float:
    a, b = _double(a), _double(b)
    if b != 0.0:
        return a / b
    if a == 0.0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _integral(function: Any) -> Any:
    def rounded(x: Any) -> float:
        x = _double(x)
        return x if math.isinf(x) or math.isnan(x) else float(function(x))

    return rounded


def _double_bits(x: Any) -> int:
    return int.from_bytes(struct.pack(">d", _double(x)), "big")


def _make_double(sign: Any, exponent: Any, high: Any, low: Any) -> float:
    bits = (_fixnum(sign) << 63) | (_fixnum(exponent) << 52) | (_fixnum(high) << 30) | _fixnum(low)
    return struct.unpack(">d", bits.to_bytes(8, "big"))[0]  # type: ignore[no-any-return]


def _write_string(fd: Any, s: Any) -> Symbol:
    stream = sys.stderr if fd == 2 else sys.stdout
    stream.write(_string(s).text)
    return NIL


_ERRNO_NOTCAPABLE = 76


def _read_bytes(fd: Any) -> Any:
    raise LispError("reading standard input at compile time is not supported")


def _exit(code: Any) -> None:
    raise LispError(f"%EXIT {code} called at compile time")


class _IndirectFunction:
    """The host's indirect function: calls go to a retargetable target."""

    def __init__(self, target: Any, name: Any) -> None:
        self.target = target
        self.lisp_name = name

    def __call__(self, *args: Any) -> Any:
        return self.target(*args)


def _function(f: Any) -> Any:
    if not callable(f):
        raise type_error(f, "FUNCTION")
    return f


def _indirect(f: Any) -> _IndirectFunction:
    if type(f) is not _IndirectFunction:
        raise type_error(f, "CLYSM::INDIRECT-FUNCTION")
    return f


def _set_indirect_target(f: Any, target: Any) -> Any:
    _indirect(f).target = _function(target)
    return target


def _set_function_info(f: Any, info: Any) -> Any:
    _function(f).clysm_info = info
    return info


def _set_symbol_package(s: Any, package: Any) -> Any:
    _symbol(s).package = None if package is NIL else package
    return package


def _function_name(f: Any) -> Any:
    return getattr(f, "lisp_name", NIL)


HOST_INTRINSICS: dict[str, Callable[..., Any]] = {
    "%cons": Cons,
    "%car": _car,
    "%cdr": _cdr,
    "%rplaca": _rplaca,
    "%rplacd": _rplacd,
    "%eq": lambda a, b: _bool(lisp_eq(a, b)),
    "%consp": lambda x: _bool(type(x) is Cons),
    "%symbolp": lambda x: _bool(isinstance(x, Symbol)),
    "%fixnump": lambda x: _bool(is_fixnum(x)),
    "%characterp": lambda x: _bool(type(x) is Char),
    "%stringp": lambda x: _bool(type(x) is LispString),
    "%functionp": lambda x: _bool(callable(x)),
    # As in the back end, other numbers than fixnums take the generic path.
    "%fx+": lambda a, b: host_numbers.add(a, b),
    "%fx-": lambda a, b: host_numbers.subtract(a, b),
    "%fx*": lambda a, b: host_numbers.multiply(a, b),
    "%fx<": lambda a, b: _bool(host_numbers.num_lt(a, b)),
    "%fx<=": lambda a, b: _bool(host_numbers.num_le(a, b)),
    "%fx>": lambda a, b: _bool(host_numbers.num_gt(a, b)),
    "%fx>=": lambda a, b: _bool(host_numbers.num_ge(a, b)),
    "%fx=": lambda a, b: _bool(host_numbers.num_eq(a, b)),
    "%char-code": _char_code,
    "%code-char": _code_char,
    "%symbol-name": _symbol_name,
    "%symbol-package": lambda s: _symbol(s).package or NIL,
    "%set-symbol-package": _set_symbol_package,
    "%boot-symbols": lambda: LispVector([]),
    "%string=": lambda a, b: _bool(
        type(a) is LispString and type(b) is LispString and a.text == b.text
    ),
    "%make-symbol": lambda name: Symbol(_string(name).text),
    "%make-string": lambda n, c: LispString(chr(_char_code(c)) * _fixnum(n)),
    "%string-length": lambda s: len(_string(s).chars),
    "%schar": lambda s, i: Char.of(ord(_string(s).chars[_index(s.chars, i)])),
    "%set-schar": _set_schar,
    "%replace-chars": _replace_chars,
    "%simple-vector-p": lambda x: _bool(type(x) is LispVector),
    "%make-vector": lambda n, x: LispVector([x] * _fixnum(n)),
    "%vector-length": lambda v: len(_vector(v).items),
    "%svref": lambda v, i: _vector(v).items[_index(v.items, i)],
    "%svset": _svset,
    "%bit-vector-p": lambda x: _bool(type(x) is BitVector),
    "%make-bit-vector": lambda n, bit: BitVector([bit] * _fixnum(n)),
    "%bit-vector-length": lambda v: len(_bit_vector(v).bits),
    "%sbit": lambda v, i: _bit_vector(v).bits[_index(v.bits, i)],
    "%set-sbit": _set_sbit,
    "%array-header-p": lambda x: _bool(type(x) is LispArray),
    "%make-array-header": LispArray,
    **{
        f"%array-{name}": _header_getter(name.replace("-", "_"))
        for name in ("data", "dimensions", "fill-pointer", "total-size", "offset", "flags")
    },
    **{
        f"%set-array-{name}": _header_setter(name.replace("-", "_"))
        for name in ("data", "dimensions", "fill-pointer", "total-size", "offset", "flags")
    },
    "%aref1": _aref1,
    "%aset1": _aset1,
    "%fx-truncate": _truncate,
    "%fx-rem": lambda a, b: a - b * _truncate(a, b),
    "%fx-logand": lambda a, b: _fixnum(a) & _fixnum(b),
    "%fx-logior": lambda a, b: _fixnum(a) | _fixnum(b),
    "%fx-logxor": lambda a, b: _fixnum(a) ^ _fixnum(b),
    "%function-name": _function_name,
    "%make-indirect-function": lambda target, name: _IndirectFunction(_function(target), name),
    "%indirect-function-p": lambda f: _bool(type(f) is _IndirectFunction),
    "%indirect-target": lambda f: _indirect(f).target,
    "%set-indirect-target": _set_indirect_target,
    "%adopt-code": _set_indirect_target,  # the host's indirect functions call their target
    "%function-info": lambda f: getattr(_function(f), "clysm_info", NIL),
    "%set-function-info": _set_function_info,
    "%bignump": lambda x: _bool(type(x) is int and not is_fixnum(x)),
    "%ratiop": lambda x: _bool(type(x) is Fraction),
    "%complexp": lambda x: _bool(type(x) is LispComplex),
    "%double-float-p": lambda x: _bool(type(x) is float),
    "%single-float-p": lambda x: _bool(type(x) is SingleFloat),
    **BIGNUM_INTRINSICS,
    "%make-ratio": lambda n, d: Fraction(n, d),
    "%ratio-numerator": lambda r: r.numerator,
    "%ratio-denominator": lambda r: r.denominator,
    "%make-complex": LispComplex,
    "%complex-real": lambda c: c.real,
    "%complex-imag": lambda c: c.imag,
    "%fixnum-to-double": lambda x: float(_fixnum(x)),
    "%double-to-single": lambda x: SingleFloat(_double(x)),
    "%single-to-double": lambda x: x.value,
    "%double+": lambda a, b: _double(a) + _double(b),
    "%double-": lambda a, b: _double(a) - _double(b),
    "%double*": lambda a, b: _double(a) * _double(b),
    "%double/": _ieee_divide,
    "%double<": lambda a, b: _bool(_double(a) < _double(b)),
    "%double<=": lambda a, b: _bool(_double(a) <= _double(b)),
    "%double=": lambda a, b: _bool(_double(a) == _double(b)),
    "%double-sqrt": lambda x: math.sqrt(x) if _double(x) >= 0 else math.nan,
    "%double-floor": _integral(math.floor),
    "%double-ceiling": _integral(math.ceil),
    "%double-truncate": _integral(math.trunc),
    "%double-round": _integral(round),
    "%double-to-fixnum": lambda x: int(_double(x)),
    "%double-sign-bit": lambda x: _double_bits(x) >> 63,
    "%double-exponent-bits": lambda x: (_double_bits(x) >> 52) & 0x7FF,
    "%double-mantissa-high": lambda x: (_double_bits(x) >> 30) & ((1 << 22) - 1),
    "%double-mantissa-low": lambda x: _double_bits(x) & ((1 << 30) - 1),
    "%make-double": _make_double,
    "%make-instance": lambda layout, n: Instance(layout, _fixnum(n)),
    "%instancep": lambda x: _bool(type(x) is Instance),
    "%instance-layout": lambda x: _instance(x).layout,
    "%set-instance-layout": _set_layout,
    "%instance-take-slots": _take_slots,
    "%instance-length": lambda x: len(_instance(x).slots),
    "%instance-ref": lambda x, i: _instance(x).slots[_index(x.slots, i)],
    "%instance-set": _instance_set,
    "%object-hash": _object_hash,
    "%string-hash": _string_hash,
    "%values-list": lambda lst: make_values(list(iter_list(lst))),
    "%write-string": _write_string,
    "%exit": _exit,
    "%read-bytes": _read_bytes,
    # No preopened directories at compile time: LOAD and OPEN report that
    # files cannot be reached.
    "%preopen-name": lambda fd: NIL,
    "%open-file": lambda dirfd, path: -_ERRNO_NOTCAPABLE,
    "%close-fd": lambda fd: NIL,
    "%jit-compile": lambda text, literals: NIL,  # no Tier 2 at compile time
    "%monotonic-ms": lambda: int(time.monotonic() * 1000) & ((1 << 30) - 1),
    "%jit-error": lambda: LispString("the compile-time evaluator has no JIT"),
    "%svref-index-p": lambda v, i: _bool(
        type(v) is LispVector and is_fixnum(i) and 0 <= i < len(v.items)
    ),
}


# Intrinsics on the cells of symbols: the host image holds those cells.


def _boundp(image: HostEnv, s: Any) -> Symbol:
    return _bool(image.is_constant(_symbol(s)) or image.values.get(s, UNBOUND) is not UNBOUND)


def _set(image: HostEnv, s: Any, value: Any) -> Any:
    image.values[_symbol(s)] = value
    return value


def _makunbound(image: HostEnv, s: Any) -> Symbol:
    image.values.pop(_symbol(s), None)
    return s  # type: ignore[no-any-return]


def _fset(image: HostEnv, s: Any, fn: Any) -> Any:
    if not callable(fn):
        raise type_error(fn, "FUNCTION")
    if getattr(image.functions.get(_symbol(s)), "is_kernel_primitive", False):
        return fn  # the library's definition of a primitive is for the run time
    image.macros.pop(s, None)
    image.functions[s] = fn
    return fn


def _fmakunbound(image: HostEnv, s: Any) -> Symbol:
    image.functions.pop(_symbol(s), None)
    return s  # type: ignore[no-any-return]


def _set_plist(image: HostEnv, s: Any, plist: Any) -> Any:
    image.plists[_symbol(s)] = plist
    return plist


def _flags(image: HostEnv, s: Any) -> int:
    s = _symbol(s)
    return (
        (FLAG_SPECIAL if image.is_special(s) else 0)
        | (FLAG_CONSTANT if image.is_constant(s) else 0)
        | (FLAG_KEYWORD if s.is_keyword else 0)
    )


def _set_flags(image: HostEnv, s: Any, flags: Any) -> int:
    s, flags = _symbol(s), _fixnum(flags)
    for flag, table in ((FLAG_SPECIAL, image.specials), (FLAG_CONSTANT, image.constants)):
        if flags & flag:
            table.add(s)
        else:
            table.discard(s)
    return flags


def _intern(image: HostEnv, name: Any, package: Any) -> Symbol:
    found = image.packages.find(_string(package).text)
    if found is None:
        raise LispError(f"there is no package named {package.text}", "PACKAGE-ERROR")
    return found.intern(_string(name).text)[0]


HOST_IMAGE_INTRINSICS: dict[str, Callable[..., Any]] = {
    "%symbol-value": lambda image, s: image.symbol_value(_symbol(s)),
    "%set": _set,
    "%boundp": _boundp,
    "%makunbound": _makunbound,
    "%symbol-function": lambda image, s: image.functions.get(_symbol(s), NIL),
    "%fset": _fset,
    "%fmakunbound": _fmakunbound,
    "%symbol-plist": lambda image, s: image.plists.get(_symbol(s), NIL),
    "%set-symbol-plist": _set_plist,
    "%symbol-flags": _flags,
    "%set-symbol-flags": _set_flags,
    "%intern": _intern,
}

_MISSING = set(INTRINSICS) ^ (set(HOST_INTRINSICS) | set(HOST_IMAGE_INTRINSICS))
assert not _MISSING, f"every intrinsic needs exactly one host version: {sorted(_MISSING)}"
