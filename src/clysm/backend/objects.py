"""The run-time object model as one table: the Lisp rec group and entry types.

Every module clysm emits (runtime, program, JIT) calls `define_runtime_types`
first, so all of them define the identical rec group at the same indices and
the engine canonicalises them to the same types.  Changing this table changes
every module at once; nothing else may define Lisp heap types except closure
subtypes of `$function` (see `closure_type`).
"""

from __future__ import annotations

from dataclasses import dataclass

from clysm.wasm import Module
from clysm.wasm.types import (
    EQREF,
    F32,
    F64,
    I8,
    I32,
    ArrayType,
    FieldType,
    FuncType,
    StructType,
    SubType,
    ValType,
    ref,
    ref_null,
)

# Arity of the fast fixed entries: entry0 .. entry4.
MAX_FIXED_ARITY = 4
# multiple-values-limit; also the length of the $mv-buffer array.
MULTIPLE_VALUES_LIMIT = 1024

# Symbol flag bits (the `flags` field of $symbol).
FLAG_SPECIAL = 1
FLAG_CONSTANT = 2
FLAG_MACRO = 4
FLAG_SPECIAL_OPERATOR = 8
FLAG_KEYWORD = 16  # the home package is KEYWORD (KEYWORDP is one test)

# Names of the rec group members, in order.  The layout of each struct is in
# `_struct_fields`; the indices of named fields are the FIELD_* constants.
GROUP = (
    "object",
    "char-array",
    "value-array",
    "digit-array",
    "byte-array",
    "string",
    "symbol",
    "cons",
    "character",
    "simple-vector",
    "function",
    "cell",
    "instance",
    "double-float",
    "single-float",
    "bignum",
    "ratio",
    "complex",
    "bit-vector",
    "array",
    *(f"entry{n}" for n in range(MAX_FIXED_ARITY + 1)),
    "entry-general",
    "indirect-function",
)
_INDEX = {name: i for i, name in enumerate(GROUP)}

# Field indices (field 0 of every struct is `hash`).
F_HASH = 0
F_STRING_CHARS = 1
F_SYMBOL_NAME, F_SYMBOL_PACKAGE, F_SYMBOL_VALUE, F_SYMBOL_FUNCTION = 1, 2, 3, 4
F_SYMBOL_PLIST, F_SYMBOL_FLAGS = 5, 6
F_CAR, F_CDR = 1, 2
F_CHAR_CODE = 1
F_VECTOR_ITEMS = 1
F_FUNCTION_NAME = 1
F_ENTRY0 = 2  # entryN is field F_ENTRY0 + N
F_GENERAL = F_ENTRY0 + MAX_FIXED_ARITY + 1
F_FUNCTION_INFO = F_GENERAL + 1
N_FUNCTION_FIELDS = F_FUNCTION_INFO + 1
F_INDIRECT_TARGET = N_FUNCTION_FIELDS
F_CELL_VALUE = 1
F_INSTANCE_LAYOUT, F_INSTANCE_SLOTS = 1, 2
F_BIGNUM_NEGATIVE, F_BIGNUM_DIGITS = 1, 2
F_RATIO_NUMERATOR, F_RATIO_DENOMINATOR = 1, 2
F_COMPLEX_REAL, F_COMPLEX_IMAG = 1, 2
# Bignum digits: each holds BIGNUM_DIGIT_BITS bits, so that a digit is a
# non-negative fixnum for the library and a digit product plus two digits
# fits an i64 in the kernel's digit loops (kernel/bignum.py).
BIGNUM_DIGIT_BITS = 30
F_FLOAT_VALUE = 1
F_BIT_VECTOR_BITS = 1
# $array, the header of every array that is not a simple vector, simple
# string or simple bit vector (docs/object-model.md): these fields, in order.
ARRAY_HEADER_FIELDS = ("data", "dimensions", "fill-pointer", "total-size", "offset", "flags")
F_ARRAY_DATA = 1


def _mut(storage: object, name: str) -> FieldType:
    return FieldType(storage, True, name)  # type: ignore[arg-type]


def _const(storage: object, name: str) -> FieldType:
    return FieldType(storage, False, name)  # type: ignore[arg-type]


def _idx(name: str, base: int) -> int:
    return base + _INDEX[name]


def function_fields(base: int) -> list[FieldType]:
    """The fields of $function (a closure subtype starts with exactly these)."""
    fields = [_mut(I32, "hash"), _mut(EQREF, "name")]
    fields += [_mut(ref(_idx(f"entry{n}", base)), f"entry{n}") for n in range(MAX_FIXED_ARITY + 1)]
    fields += [_mut(ref(_idx("entry-general", base)), "general"), _mut(EQREF, "info")]
    return fields


def _group(base: int) -> list[SubType]:
    obj = _idx("object", base)
    hash_ = _mut(I32, "hash")

    def struct(*fields: FieldType, final: bool = True) -> SubType:
        return SubType(StructType([hash_, *fields]), [obj], final)

    fn = ref(_idx("function", base))
    types: list[SubType] = [
        SubType(StructType([hash_]), [], final=False),  # $object
        SubType(ArrayType(_mut(I32, "code"))),  # $char-array: code points
        SubType(ArrayType(_mut(EQREF, "item"))),  # $value-array
        SubType(ArrayType(_mut(I32, "digit"))),  # $digit-array: bignum limbs
        SubType(ArrayType(_mut(I8, "byte"))),  # $byte-array: the bits of a bit vector
        struct(_const(ref(_idx("char-array", base)), "chars")),  # $string
        struct(  # $symbol
            _const(ref(_idx("string", base)), "name"),
            _mut(EQREF, "package"),
            _mut(EQREF, "value"),
            _mut(ref_null(_idx("function", base)), "function"),
            _mut(EQREF, "plist"),
            _mut(I32, "flags"),
        ),
        struct(_mut(EQREF, "car"), _mut(EQREF, "cdr")),  # $cons
        struct(_const(I32, "code")),  # $character
        struct(_const(ref(_idx("value-array", base)), "items")),  # $simple-vector
        SubType(StructType(function_fields(base)), [obj], final=False),  # $function
        struct(_mut(EQREF, "value")),  # $cell
        struct(_mut(EQREF, "layout"), _mut(ref(_idx("value-array", base)), "slots")),
        struct(_const(F64, "value")),  # $double-float
        struct(_const(F32, "value")),  # $single-float
        # $bignum: sign and magnitude; digits little-endian, base 2^30, normalised
        struct(_const(I32, "negative"), _const(ref(_idx("digit-array", base)), "digits")),
        struct(_const(EQREF, "numerator"), _const(EQREF, "denominator")),  # $ratio
        struct(_const(EQREF, "real"), _const(EQREF, "imag")),  # $complex
        struct(_const(ref(_idx("byte-array", base)), "bits")),  # $bit-vector: one bit a byte
        struct(*(_mut(EQREF, name) for name in ARRAY_HEADER_FIELDS)),  # $array
    ]
    for n in range(MAX_FIXED_ARITY + 1):
        types.append(SubType(FuncType([fn, *[EQREF] * n], [EQREF])))
    general_params: list[ValType] = [fn, ref(_idx("value-array", base))]
    types.append(SubType(FuncType(general_params, [EQREF])))
    # $indirect-function: a function whose entries forward to `target`, so that
    # retargeting it changes the code of every holder of the object (tiering).
    indirect_fields = [*function_fields(base), _mut(EQREF, "target")]
    types.append(SubType(StructType(indirect_fields), [_idx("function", base)], True))
    assert len(types) == len(GROUP)
    return types


@dataclass(frozen=True)
class RuntimeTypes:
    """Type indices of the Lisp rec group in one module."""

    base: int

    def __getitem__(self, name: str) -> int:
        return self.base + _INDEX[name]

    def ref(self, name: str) -> object:
        return ref(self[name])

    def entry(self, n: int) -> int:
        return self[f"entry{n}"]

    @property
    def general(self) -> int:
        return self["entry-general"]


def define_runtime_types(module: Module) -> RuntimeTypes:
    """Add the Lisp rec group to `module` (it must be the first types it defines)."""
    base = len(module.types)
    module.add_rec_group(_group(base), [f"${n}"[1:] for n in GROUP])
    return RuntimeTypes(base)


def closure_type(module: Module, types: RuntimeTypes, n_captures: int, name: str) -> int:
    """A final subtype of $function with `n_captures` mutable eqref fields.

    Mutable so that labels can patch mutually recursive closures after
    allocating them all.
    """
    fields = function_fields(types.base)
    fields += [_mut(EQREF, f"c{i}") for i in range(n_captures)]
    return module.add_type(SubType(StructType(fields), [types["function"]], True), name)
