"""PRIN1 and PRINC for host Lisp data, printing as SBCL does by default.

The settings are SBCL's defaults: *print-case* :upcase, *print-base* 10, no
length or level limits, and quote forms abbreviated ('X, #'F, backquote
syntax) as SBCL's pretty printer does.  *print-circle* is the `circle` option;
without it, circular structure raises ValueError instead of looping.

What may print without escapes is decided with the reader's own syntax tables
and token rules, so printed symbols read back as themselves.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

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
)
from clysm.lisp.packages import Package, cl_symbol, clysm_symbol, standard_packages
from clysm.reader.charnames import char_name
from clysm.reader.floats import SINGLE, rational_to_float
from clysm.reader.syntax import INVALID_CONSTITUENTS, TERMINATORS, upcase
from clysm.reader.tokens import is_potential_number

_QUOTE = cl_symbol("QUOTE")
_FUNCTION = cl_symbol("FUNCTION")
_QUASIQUOTE = clysm_symbol("QUASIQUOTE")
_UNQUOTES = {
    clysm_symbol("UNQUOTE"): ",",
    clysm_symbol("UNQUOTE-SPLICING"): ",@",
    clysm_symbol("UNQUOTE-NSPLICING"): ",.",
}
_UNQUOTE = clysm_symbol("UNQUOTE")
_SPLICES = (clysm_symbol("UNQUOTE-SPLICING"), clysm_symbol("UNQUOTE-NSPLICING"))


def prin1_to_string(x: Any, *, package: Package | None = None, circle: bool = False) -> str:
    """Print readably; symbols get package prefixes relative to `package` (default CL-USER)."""
    return _Printer(True, package, circle).run(x)


def princ_to_string(x: Any, *, package: Package | None = None, circle: bool = False) -> str:
    """Print for people: no escapes, quotes or package prefixes."""
    return _Printer(False, package, circle).run(x)


# -- symbols ------------------------------------------------------------------


def symbol_name_needs_escape(name: str) -> bool:
    """Whether `name` must be written |...| to read back as a symbol of that name."""
    if not name or name.count(".") == len(name):
        return True
    for c in name:
        if c in TERMINATORS or c in "|\\:#" or c in INVALID_CONSTITUENTS:
            return True
        if upcase(c) != c or not c.isprintable():
            return True
    return is_potential_number(name)


def escape_symbol_name(name: str) -> str:
    if not symbol_name_needs_escape(name):
        return name
    return "|" + name.replace("\\", "\\\\").replace("|", "\\|") + "|"


def _symbol_to_string(symbol: Symbol, package: Package) -> str:
    name = escape_symbol_name(symbol.name)
    home = symbol.package
    if home is None:
        return "#:" + name
    if home is standard_packages().keyword:
        return ":" + name
    found, _ = package.find_symbol(symbol.name)
    if found is symbol:
        return name
    marker = ":" if home.external.get(symbol.name) is symbol else "::"
    return escape_symbol_name(home.name) + marker + name


# -- floats -------------------------------------------------------------------


def format_float(value: float, *, double: bool) -> str:
    """A float as SBCL prints it: shortest digits that read back, fixed notation
    for 1e-3 <= |x| < 1e7 and exponent notation otherwise; doubles carry a `d`
    exponent marker since *read-default-float-format* is single-float."""
    kind = "DOUBLE-FLOAT" if double else "SINGLE-FLOAT"
    if math.isnan(value):
        return f"#<{kind} quiet NaN>"
    if math.isinf(value):
        return f"#.SB-EXT:{kind}-{'POSITIVE' if value > 0 else 'NEGATIVE'}-INFINITY"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + ("0.0d0" if double else "0.0")
    digits, k = _shortest_digits(abs(value), double)  # value = 0.DIGITS * 10**k
    if -3 < k < 8:
        if k <= 0:
            text = "0." + "0" * -k + digits
        elif k >= len(digits):
            text = digits + "0" * (k - len(digits)) + ".0"
        else:
            text = digits[:k] + "." + digits[k:]
        return sign + text + ("d0" if double else "")
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return f"{sign}{mantissa}{'d' if double else 'e'}{k - 1}"


def _shortest_digits(value: float, double: bool) -> tuple[str, int]:
    """Digits and exponent k with value ~ 0.DIGITS * 10**k, as short as reads back."""
    if double:
        # repr gives the shortest round-tripping digits for binary64.
        mantissa, _, exp = repr(value).partition("e")
        whole, _, frac = mantissa.partition(".")
        all_digits = whole + frac
        zeros = len(all_digits) - len(all_digits.lstrip("0"))
        return all_digits[zeros:].rstrip("0"), len(whole) + int(exp or "0") - zeros
    exact = Fraction(value)
    k = math.floor(math.log10(value)) + 1
    # Fix up the float estimate so that 10**(k-1) <= exact < 10**k.
    while exact >= Fraction(10) ** k:
        k += 1
    while exact < Fraction(10) ** (k - 1):
        k -= 1
    for precision in range(1, 10):
        scaled = exact * Fraction(10) ** (precision - k)
        low = math.floor(scaled)
        # The nearer candidate first; on a tie the larger, as SBCL's digit generator.
        for m in sorted({low, low + 1}, key=lambda m: (abs(m - scaled), -m)):
            if m and _reads_as_single(m * Fraction(10) ** (k - precision), value):
                text = str(m)
                return text.rstrip("0"), k + (len(text) - precision)
    raise AssertionError(f"no decimal reads back as {value!r}")  # 9 digits always do


def _reads_as_single(candidate: Fraction, value: float) -> bool:
    try:
        return rational_to_float(candidate, SINGLE) == value
    except OverflowError:
        return False


# -- the printer --------------------------------------------------------------


def _labelable(x: Any) -> bool:
    """Objects that *print-circle* labels when shared."""
    if isinstance(x, Symbol):
        return x.package is None
    return isinstance(x, Cons | LispVector | LispString | BitVector)


class _Printer:
    def __init__(self, escape: bool, package: Package | None, circle: bool) -> None:
        self.escape = escape
        self.package = package if package is not None else standard_packages().cl_user
        self.circle = circle
        self.out: list[str] = []
        self.bq_depth = 0
        self.shared: set[int] = set()
        self.labels: dict[int, int] = {}
        self.active: set[int] = set()  # conses/vectors being printed, to detect cycles

    def run(self, x: Any) -> str:
        if self.circle:
            self._find_shared(x)
        self.write(x)
        return "".join(self.out)

    def _find_shared(self, root: Any) -> None:
        seen: set[int] = set()
        pending = [root]
        while pending:
            x = pending.pop()
            if not _labelable(x):
                continue
            if id(x) in seen:
                self.shared.add(id(x))
                continue
            seen.add(id(x))
            if isinstance(x, Cons):
                pending.extend((x.cdr, x.car))
            elif isinstance(x, LispVector):
                pending.extend(reversed(x.items))

    def write(self, x: Any) -> None:
        out = self.out
        if self.circle and id(x) in self.shared and _labelable(x):
            label = self.labels.get(id(x))
            if label is not None:
                out.append(f"#{label}#")
                return
            label = self.labels[id(x)] = len(self.labels) + 1
            out.append(f"#{label}=")
        if isinstance(x, Symbol):
            out.append(_symbol_to_string(x, self.package) if self.escape else x.name)
        elif isinstance(x, Cons):
            self._with_cycle_check(x, self._cons)
        elif isinstance(x, bool):
            out.append(f"#<python bool {x}>")
        elif isinstance(x, int):
            out.append(str(x))
        elif isinstance(x, Fraction):
            out.append(f"{x.numerator}/{x.denominator}")
        elif isinstance(x, float):
            out.append(format_float(x, double=True))
        elif isinstance(x, SingleFloat):
            out.append(format_float(x.value, double=False))
        elif isinstance(x, Char):
            if self.escape:
                out.append("#\\" + (char_name(x.code) or chr(x.code)))
            else:
                out.append(chr(x.code))
        elif isinstance(x, LispString):
            self._string(x)
        elif isinstance(x, LispVector):
            self._with_cycle_check(x, self._vector)
        elif isinstance(x, BitVector):
            out.append("#*" + "".join("1" if b else "0" for b in x.bits))
        elif isinstance(x, LispArray):
            self._array(x)
        elif isinstance(x, LispComplex):
            out.append("#C(")
            self.write(x.real)
            out.append(" ")
            self.write(x.imag)
            out.append(")")
        elif isinstance(x, Package):
            out.append(repr(x))  # #<PACKAGE "NAME">, as the runtime prints it
        else:
            out.append(f"#<python {type(x).__name__} {x!r}>")

    def _with_cycle_check(self, x: Any, method: Any) -> None:
        if not self.circle:
            if id(x) in self.active:
                raise ValueError("cannot print circular structure without circle=True")
            self.active.add(id(x))
        try:
            method(x)
        finally:
            self.active.discard(id(x))

    def _string(self, x: LispString) -> None:
        if not self.escape:
            self.out.append(x.text)
            return
        text = x.text.replace("\\", "\\\\").replace('"', '\\"')
        self.out.append(f'"{text}"')

    def _vector(self, x: LispVector) -> None:
        self.out.append("#(")
        for i, item in enumerate(x.items):
            if i:
                self.out.append(" ")
            self.write(item)
        self.out.append(")")

    def _array(self, x: LispArray) -> None:
        """#nA syntax; the elements are those of a non-displaced array."""
        dimensions = list(iter_list(x.dimensions))
        if x.fill_pointer is not NIL or len(dimensions) == 1:
            self.out.append(f"#<python vector {x!r}>")
            return
        data = x.data
        items = data.items if isinstance(data, LispVector) else getattr(data, "bits", None)
        if isinstance(data, LispString):
            items = [Char.of(c) for c in data.chars]
        self.out.append(f"#{len(dimensions)}A")
        self._array_contents(list(items or []), dimensions, 0)

    def _array_contents(self, items: list[Any], dimensions: list[int], index: int) -> None:
        if not dimensions:
            self.write(items[index])
            return
        stride = 1
        for d in dimensions[1:]:
            stride *= d
        self.out.append("(")
        for i in range(dimensions[0]):
            if i:
                self.out.append(" ")
            self._array_contents(items, dimensions[1:], index + i * stride)
        self.out.append(")")

    def _abbreviation(self, x: Cons) -> bool:
        """Print (QUOTE x), (FUNCTION f) and backquote forms in reader syntax."""
        rest = x.cdr
        if not (isinstance(rest, Cons) and rest.cdr is NIL) or id(rest) in self.shared:
            return False
        head, arg = x.car, rest.car
        if head is _QUOTE:
            prefix, depth = "'", 0
        elif head is _FUNCTION:
            prefix, depth = "#'", 0
        elif head is _QUASIQUOTE and not _is_splice(arg):
            # `,@x does not read back; such a form prints as a list.
            prefix, depth = "`", 1
        elif isinstance(head, Symbol) and head in _UNQUOTES and self.bq_depth > 0:
            # Outside a backquote a comma would not read back: print the list.
            prefix, depth = _UNQUOTES[head], -1
        else:
            return False
        self.out.append(prefix)
        start = len(self.out)
        self.bq_depth += depth
        try:
            self.write(arg)
        finally:
            self.bq_depth -= depth
        if prefix == "," and start < len(self.out) and self.out[start][:1] in ("@", "."):
            self.out.insert(start, " ")  # ", @x" is not ",@x"
        return True

    def _cons(self, x: Cons) -> None:
        if self._abbreviation(x):
            return
        out = self.out
        out.append("(")
        self.write(x.car)
        tail = x.cdr
        chain: list[int] = []
        try:
            while isinstance(tail, Cons):
                if (self.circle and id(tail) in self.shared) or (
                    self.bq_depth > 0 and tail.car is _UNQUOTE and _is_pair_list(tail)
                ):
                    break  # print as a dotted tail: ". #1#" or ". ,X"
                if not self.circle:
                    if id(tail) in self.active:
                        raise ValueError("cannot print circular structure without circle=True")
                    self.active.add(id(tail))
                    chain.append(id(tail))
                out.append(" ")
                self.write(tail.car)
                tail = tail.cdr
            if tail is not NIL:
                out.append(" . ")
                self.write(tail)
        finally:
            self.active.difference_update(chain)
        out.append(")")


def _is_pair_list(x: Cons) -> bool:
    return isinstance(x.cdr, Cons) and x.cdr.cdr is NIL


def _is_splice(x: Any) -> bool:
    return isinstance(x, Cons) and any(x.car is s for s in _SPLICES) and _is_pair_list(x)
