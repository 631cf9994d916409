"""Literal objects: host constants materialised in the engine heap.

Each distinct literal (by identity; symbols by name) gets a module global,
set once by the module's literal initialisation code, which runs at start-up
before any top-level form.  Symbols are interned by name through the
runtime's `%intern`, so a program module's symbols are the very objects the
runtime uses.  Fixnums, NIL and T need no global.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from clysm.backend import objects as O
from clysm.backend.kernel.spec import KernelRefs
from clysm.errors import CompileError
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
    T,
)
from clysm.lisp.packages import Package, clysm_symbol
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, ref_null

# V8 rejects array.new_fixed with more operands than this.
NEW_FIXED_MAX = 10_000
# Strings at least this long are built from a data segment.
DATA_STRING_MIN = 64

FIXNUM_MIN = -(1 << 30)
FIXNUM_MAX = (1 << 30) - 1


def is_fixnum(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and FIXNUM_MIN <= x <= FIXNUM_MAX


# Keep in step with %FUNCTION-CELL in runtime/lisp/boot.lisp.
SETF_PACKAGE_PREFIX = "(SETF)"


class Literals:
    def __init__(self, k: KernelRefs) -> None:
        self.k = k
        self.globals: dict[Any, int] = {}
        self.keep: list[object] = []  # keeps host objects alive so ids stay unique
        self.init: list[Instr] = []  # appended to the module's literal init code

    def push(self, value: object) -> list[Instr]:
        """Code that pushes the run-time object for host constant `value`."""
        if value is None or value is NIL:
            return [("global.get", self.k.g("nil"))]
        if value is T:
            return [("global.get", self.k.g("t"))]
        if is_fixnum(value):
            return [("i32.const", value), ("ref.i31",)]
        return [("global.get", self.global_for(value))]

    def symbol(self, sym: Symbol) -> int:
        """The global holding symbol `sym` (type (ref null $symbol))."""
        return self.global_for(sym)

    def setf_function_cell(self, sym: Symbol) -> int:
        """The global holding the symbol whose function cell is (SETF sym): a
        symbol of sym's name in the pseudo-package "(SETF)" + sym's package
        (the library's %FUNCTION-CELL names the same symbol)."""
        if sym.package is None:
            raise CompileError(f"(SETF {sym.name}): setf functions of uninterned symbols")
        package = SETF_PACKAGE_PREFIX + sym.package.name
        key = ("sym", package, sym.name)
        idx = self.globals.get(key)
        if idx is None:
            t, m = self.k.types, self.k.module
            idx = m.add_global(
                ref_null(t["symbol"]), True, [("ref.null", t["symbol"])], f"'(setf {sym.name})"
            )
            self.globals[key] = idx
            self.init += [
                *self.package_name(package),
                *self.string_code(sym.name),
                ("call", self.k.f("%intern")),
                ("global.set", idx),
            ]
        return idx

    def package_name(self, name: str) -> list[Instr]:
        """Code pushing the string `name`, made once per module: the symbols
        of a package share it (a module has thousands of symbols, of a few
        packages)."""
        key = ("package-name", name)
        idx = self.globals.get(key)
        if idx is None:
            string = ref_null(self.k.types["string"])
            idx = self.k.module.add_global(
                string, True, [("ref.null", self.k.types["string"])], f"package:{name}"
            )
            self.globals[key] = idx
            self.init += [*self.string_code(name), ("global.set", idx)]
        return [("global.get", idx)]

    def string_code(self, text: str) -> list[Instr]:
        t = self.k.types
        if len(text) < DATA_STRING_MIN:
            chars: list[Instr] = [
                *[("i32.const", ord(c)) for c in text],
                ("array.new_fixed", t["char-array"], len(text)),
            ]
        else:
            # Long strings come from a passive data segment: compact, and
            # array.new_fixed has an engine limit (10,000 operands in V8).
            data = b"".join(ord(c).to_bytes(4, "little") for c in text)
            segment = self.k.module.add_data_segment(data, name="string literal")
            chars = [
                ("i32.const", 0),
                ("i32.const", len(text)),
                ("array.new_data", t["char-array"], segment),
            ]
        return [("i32.const", 0), *chars, ("struct.new", t["string"])]

    def _bits(self, bits: list[int]) -> list[Instr]:
        """Code for the $byte-array of a bit vector (one bit a byte)."""
        t = self.k.types
        if len(bits) < DATA_STRING_MIN:
            return [
                *[("i32.const", bit) for bit in bits],
                ("array.new_fixed", t["byte-array"], len(bits)),
            ]
        segment = self.k.module.add_data_segment(bytes(bits), name="bit vector literal")
        return [
            ("i32.const", 0),
            ("i32.const", len(bits)),
            ("array.new_data", t["byte-array"], segment),
        ]

    def _value_array(self, items: list[list[Instr]]) -> list[Instr]:
        """Code for a $value-array of the items' values; beyond the engine's
        array.new_fixed limit it is filled chunk by chunk through a global."""
        t = self.k.types
        if len(items) <= NEW_FIXED_MAX:
            return [
                *[i for item in items for i in item],
                ("array.new_fixed", t["value-array"], len(items)),
            ]
        array_ref = ref_null(t["value-array"])
        scratch = self.k.module.add_global(
            array_ref, True, [("ref.null", t["value-array"])], "long vector literal"
        )
        code: list[Instr] = [
            ("i32.const", len(items)),
            ("array.new_default", t["value-array"]),
            ("global.set", scratch),
        ]
        for start in range(0, len(items), NEW_FIXED_MAX):
            chunk = items[start : start + NEW_FIXED_MAX]
            code += [
                ("global.get", scratch),
                ("i32.const", start),
                *[i for item in chunk for i in item],
                ("array.new_fixed", t["value-array"], len(chunk)),
                ("i32.const", 0),
                ("i32.const", len(chunk)),
                ("array.copy", t["value-array"], t["value-array"]),
            ]
        return [*code, ("global.get", scratch), ("ref.as_non_null",)]

    def global_for(self, value: object) -> int:
        key: Any = (
            ("sym", value.package.name if value.package else id(value), value.name)
            if isinstance(value, Symbol)
            else id(value)
        )
        idx = self.globals.get(key)
        if idx is not None:
            return idx
        t, m = self.k.types, self.k.module
        if isinstance(value, Symbol):
            idx = m.add_global(
                ref_null(t["symbol"]), True, [("ref.null", t["symbol"])], f"'{value.name}"
            )
            self.globals[key] = idx
            self.keep.append(value)
            if value.package is None:
                code = [*self.string_code(value.name), ("call", self.k.f("%make-symbol"))]
            else:
                code = [
                    *self.package_name(value.package.name),
                    *self.string_code(value.name),
                    ("call", self.k.f("%intern")),
                ]
            self.init += [*code, ("global.set", idx)]
            return idx
        code = self._make(value, set())
        idx = m.add_global(EQREF, True, [("ref.null", "eq")], f"lit:{type(value).__name__}")
        self.globals[key] = idx
        self.keep.append(value)
        self.init += [*code, ("global.set", idx)]
        return idx

    def _package(self, package: Package) -> list[Instr]:
        """A package, found by name when the module starts (a package the
        program makes later is the one made then: packages.lisp keeps it)."""
        if package.deleted:
            raise CompileError(f"a deleted package cannot be a literal: {package!r}")
        finder = self.symbol(clysm_symbol("%LITERAL-PACKAGE"))
        name = self.package_name(package.name)
        return [
            ("global.get", finder),
            *name,
            ("array.new_fixed", self.k.types["value-array"], 1),
            ("global.get", self.k.g("nil")),
            ("call", self.k.f("%apply")),
        ]

    def _bignum(self, value: int) -> list[Instr]:
        """A bignum (docs/object-model.md): sign, then base-2^15 digits from
        the least significant; only integers outside the fixnum range."""
        t = self.k.types
        magnitude, digits = abs(value), []
        while magnitude:
            digits.append(magnitude & ((1 << O.BIGNUM_DIGIT_BITS) - 1))
            magnitude >>= O.BIGNUM_DIGIT_BITS
        return [
            ("i32.const", 0),
            ("i32.const", 1 if value < 0 else 0),
            *[("i32.const", d) for d in digits],
            ("array.new_fixed", t["digit-array"], len(digits)),
            ("struct.new", t["bignum"]),
        ]

    def _make(self, value: object, active: set[int]) -> list[Instr]:
        """Code building `value` (structure is built, not shared with other literals)."""
        t = self.k.types
        if (
            value is None
            or value is NIL
            or value is T
            or is_fixnum(value)
            or isinstance(value, Symbol)
        ):
            return self.push(value)
        if id(value) in active:
            raise CompileError("circular literal structure is not supported yet")
        if isinstance(value, Char):
            return [("i32.const", value.code), ("call", self.k.f("%code-char"))]
        if isinstance(value, LispString):
            return self.string_code(value.text)
        if isinstance(value, Package):
            return self._package(value)
        if isinstance(value, SingleFloat):
            return [("i32.const", 0), ("f32.const", value.value), ("struct.new", t["single-float"])]
        if isinstance(value, float):
            return [("i32.const", 0), ("f64.const", value), ("struct.new", t["double-float"])]
        active.add(id(value))
        try:
            if isinstance(value, Cons):
                return [
                    ("i32.const", 0),
                    *self._make(value.car, active),
                    *self._make(value.cdr, active),
                    ("struct.new", t["cons"]),
                ]
            if isinstance(value, LispVector):
                items = [self._make(item, active) for item in value.items]
                return [
                    ("i32.const", 0),
                    *self._value_array(items),
                    ("struct.new", t["simple-vector"]),
                ]
            if isinstance(value, LispArray):
                return [
                    ("i32.const", 0),
                    *self._make(value.data, active),
                    *self._make(value.dimensions, active),
                    *self.push(value.fill_pointer),
                    *self.push(value.total_size),
                    *self.push(value.offset),
                    *self.push(value.flags),
                    ("struct.new", t["array"]),
                ]
        finally:
            active.discard(id(value))
        if isinstance(value, BitVector):
            return [("i32.const", 0), *self._bits(value.bits), ("struct.new", t["bit-vector"])]
        if isinstance(value, int) and not isinstance(value, bool):
            return self._bignum(value)
        if isinstance(value, Fraction):
            return [
                ("i32.const", 0),
                *self._make(value.numerator, active),
                *self._make(value.denominator, active),
                ("struct.new", t["ratio"]),
            ]
        if isinstance(value, LispComplex):
            return [
                ("i32.const", 0),
                *self._make(value.real, active),
                *self._make(value.imag, active),
                ("struct.new", t["complex"]),
            ]
        raise CompileError(
            f"literal of type {type(value).__name__} is not supported yet: {value!r}"
        )
