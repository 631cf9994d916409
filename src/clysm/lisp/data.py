"""Host-side Lisp data: what the reader produces and the compiler consumes.

These objects exist only at compile time (source forms, macro expansion,
literal constants).  Run-time Lisp objects live in the engine's GC heap and are
never represented here.

Mapping of Lisp types to Python:
  symbol        -> Symbol (NIL and T are Symbol instances; NIL is also the empty list)
  cons          -> Cons (mutable car/cdr, optional source position)
  integer       -> int (never bool)
  ratio         -> fractions.Fraction (always with denominator > 1)
  double-float  -> float
  single-float  -> SingleFloat (a float rounded to binary32)
  character     -> Char (interned by code)
  string        -> LispString (mutable, adjustable-free simple string)
  simple-vector -> LispVector
  bit-vector    -> BitVector
  complex       -> LispComplex
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

from clysm.errors import SourcePos

if TYPE_CHECKING:
    from clysm.lisp.packages import Package


class Symbol:
    """A Lisp symbol.  Identity is the symbol: compare with `is`."""

    __slots__ = ("__weakref__", "name", "package")

    def __init__(self, name: str, package: Package | None = None) -> None:
        self.name = name
        self.package = package

    def __repr__(self) -> str:
        if self.package is None:
            return f"#:{self.name}"
        return f"{self.package.name}::{self.name}"

    @property
    def is_keyword(self) -> bool:
        return self.package is not None and self.package.name == "KEYWORD"

    def __reduce__(self) -> Any:
        # Pickled interned symbols come back as the very same symbol.
        if self.package is None:
            return (Symbol, (self.name,))
        return (_interned_symbol, (self.package.name, self.name))


def _interned_symbol(package_name: str, name: str) -> Symbol:
    from clysm.lisp.packages import standard_packages

    package = standard_packages().find(package_name)
    assert package is not None, package_name
    return package.intern(name)[0]


class Cons:
    """A cons cell.  `pos` is where the reader found it, when it came from source."""

    __slots__ = ("car", "cdr", "pos")

    def __init__(self, car: Any, cdr: Any, pos: SourcePos | None = None) -> None:
        self.car = car
        self.cdr = cdr
        self.pos = pos

    def __repr__(self) -> str:
        from clysm.lisp.printer import prin1_to_string

        return prin1_to_string(self)


class SingleFloat:
    """A single-float: the value is kept rounded to IEEE binary32."""

    __slots__ = ("value",)

    def __init__(self, value: float) -> None:
        self.value = round_to_single(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleFloat) and other.value == self.value

    def __hash__(self) -> int:
        return hash(("single", self.value))

    def __repr__(self) -> str:
        return f"SingleFloat({self.value!r})"


def round_to_single(value: float) -> float:
    """Round a Python float to the nearest binary32 value (overflow gives inf)."""
    try:
        return struct.unpack("<f", struct.pack("<f", value))[0]  # type: ignore[no-any-return]
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


class Char:
    """A character, identified by its Unicode code point.  Interned: use `Char.of`."""

    __slots__ = ("code",)
    _table: ClassVar[dict[int, Char]] = {}

    def __init__(self, code: int) -> None:
        self.code = code

    def __reduce__(self) -> Any:
        return (Char.of, (self.code,))

    @classmethod
    def of(cls, code_or_text: int | str) -> Char:
        code = code_or_text if isinstance(code_or_text, int) else ord(code_or_text)
        char = cls._table.get(code)
        if char is None:
            char = cls._table[code] = cls(code)
        return char

    def __repr__(self) -> str:
        return f"Char({chr(self.code)!r})"


class LispString:
    """A simple string: a mutable vector of characters."""

    __slots__ = ("chars",)

    def __init__(self, text: str = "") -> None:
        self.chars = list(text)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def __eq__(self, other: object) -> bool:
        # `equal` semantics are handled by the Lisp layer; Python equality is
        # content equality so that strings can be compared in tests.
        return isinstance(other, LispString) and other.chars == self.chars

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LispString({self.text!r})"


class LispVector:
    """A simple-vector (element type T)."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self.items = list(items)

    def __repr__(self) -> str:
        return f"LispVector({self.items!r})"


class Instance:
    """A structure or condition instance: a layout (describing its type) and
    slots.  The run-time twin is the $instance struct."""

    __slots__ = ("layout", "slots")

    def __init__(self, layout: Any, size: int) -> None:
        self.layout = layout
        self.slots: list[Any] = [NIL] * size

    def __repr__(self) -> str:
        return f"Instance({self.layout!r}, {self.slots!r})"


class BitVector:
    """A simple-bit-vector."""

    __slots__ = ("bits",)

    def __init__(self, bits: Iterable[int] = ()) -> None:
        self.bits = list(bits)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BitVector) and other.bits == self.bits

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "#*" + "".join(str(b) for b in self.bits)


class LispArray:
    """An array header: any array but a simple vector, string or bit vector.

    The run-time twin is the $array struct (docs/object-model.md); the fields
    hold Lisp values: `data` a LispVector, LispString or BitVector (or, when
    displaced, the array displaced to), `dimensions` a Lisp list,
    `fill_pointer` an int or NIL, `flags` bits (1 adjustable, 2 displaced).
    """

    __slots__ = ("data", "dimensions", "fill_pointer", "flags", "offset", "total_size")

    def __init__(
        self,
        data: Any,
        dimensions: Any,
        fill_pointer: Any,
        total_size: int,
        offset: int = 0,
        flags: int = 0,
    ) -> None:
        self.data = data
        self.dimensions = dimensions
        self.fill_pointer = fill_pointer
        self.total_size = total_size
        self.offset = offset
        self.flags = flags

    def __repr__(self) -> str:
        return f"LispArray({self.dimensions!r}, {self.data!r})"


@dataclass(frozen=True, slots=True)
class LispComplex:
    """A complex number, in canonical form as made by CL's COMPLEX.

    Both parts are rationals (and then `imag` is never 0), or both SingleFloat,
    or both float; the #C reader converts the parts accordingly.
    """

    real: Any
    imag: Any


# NIL and T are made here, before any package exists; the package registry
# adopts them as the COMMON-LISP symbols of those names.
NIL = Symbol("NIL")
T = Symbol("T")


def is_number(x: object) -> bool:
    return (isinstance(x, int) and not isinstance(x, bool)) or isinstance(
        x, Fraction | float | SingleFloat | LispComplex
    )


def make_ratio(numerator: int, denominator: int) -> int | Fraction:
    """A rational in canonical form: an int when the denominator divides it."""
    value = Fraction(numerator, denominator)
    return value.numerator if value.denominator == 1 else value


def lisp_list(*items: Any) -> Any:
    return list_from(items)


def list_from(items: Iterable[Any], tail: Any = None) -> Any:
    """Build a proper (or, with `tail`, dotted) list from a Python iterable."""
    result = NIL if tail is None else tail
    for item in reversed(list(items)):
        result = Cons(item, result)
    return result


def iter_list(x: Any) -> Iterator[Any]:
    """Iterate the elements of a proper list; a dotted tail raises ValueError."""
    while isinstance(x, Cons):
        yield x.car
        x = x.cdr
    if x is not NIL:
        raise ValueError("not a proper list")


def to_pylist(x: Any) -> list[Any]:
    return list(iter_list(x))


def is_proper_list(x: Any) -> bool:
    slow = x
    while True:
        if x is NIL:
            return True
        if not isinstance(x, Cons):
            return False
        x = x.cdr
        if x is NIL:
            return True
        if not isinstance(x, Cons):
            return False
        x = x.cdr
        slow = slow.cdr
        if x is slow:
            return False
