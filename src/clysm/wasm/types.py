"""WebAssembly types: value, storage, field, composite and sub types.

All types are immutable and hashable, so a code generator can use them as
dictionary keys (the module builder dedups function types that way).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from clysm.errors import WasmBuildError


class NumType(Enum):
    """A numeric (or vector) value type."""

    I32 = "i32"
    I64 = "i64"
    F32 = "f32"
    F64 = "f64"
    V128 = "v128"

    def __repr__(self) -> str:
        return self.value.upper()


class PackedType(Enum):
    """A packed storage type, only allowed as a struct field or array element."""

    I8 = "i8"
    I16 = "i16"

    def __repr__(self) -> str:
        return self.value.upper()


I32 = NumType.I32
I64 = NumType.I64
F32 = NumType.F32
F64 = NumType.F64
V128 = NumType.V128
I8 = PackedType.I8
I16 = PackedType.I16

# Abstract heap types; every concrete one is a type index (int).
ABSTRACT_HEAP_TYPES = frozenset(
    {
        "any",
        "eq",
        "i31",
        "struct",
        "array",
        "func",
        "extern",
        "exn",
        "none",
        "nofunc",
        "noextern",
        "noexn",
    }
)

HeapType = str | int


def check_heap_type(heap: object) -> None:
    """Raise WasmBuildError unless `heap` is an abstract heap type name or a type index."""
    if isinstance(heap, bool) or not (
        (isinstance(heap, int) and heap >= 0)
        or (isinstance(heap, str) and heap in ABSTRACT_HEAP_TYPES)
    ):
        raise WasmBuildError(f"bad heap type {heap!r}: want an abstract heap type name or index")


@dataclass(frozen=True, slots=True)
class RefType:
    """`(ref null? heap)`; `heap` is an abstract heap type name or a type index."""

    heap: HeapType
    nullable: bool = True

    def __post_init__(self) -> None:
        check_heap_type(self.heap)

    def as_non_null(self) -> RefType:
        return RefType(self.heap, False)

    def as_nullable(self) -> RefType:
        return RefType(self.heap, True)

    def __repr__(self) -> str:
        return f"RefType({self.heap!r}{'' if self.nullable else ', nullable=False'})"


def ref(heap: HeapType) -> RefType:
    """`(ref heap)`: a non-nullable reference."""
    return RefType(heap, False)


def ref_null(heap: HeapType) -> RefType:
    """`(ref null heap)`: a nullable reference."""
    return RefType(heap, True)


ANYREF = RefType("any")
EQREF = RefType("eq")
I31REF = RefType("i31")
STRUCTREF = RefType("struct")
ARRAYREF = RefType("array")
FUNCREF = RefType("func")
EXTERNREF = RefType("extern")
EXNREF = RefType("exn")
NULLREF = RefType("none")
NULLFUNCREF = RefType("nofunc")
NULLEXTERNREF = RefType("noextern")
NULLEXNREF = RefType("noexn")

ValType = NumType | RefType
StorageType = NumType | RefType | PackedType


def check_val_type(t: object) -> None:
    if not isinstance(t, NumType | RefType):
        raise WasmBuildError(f"bad value type {t!r}")


@dataclass(frozen=True, slots=True)
class FieldType:
    """A struct field or array element; `name` only feeds the name section and WAT."""

    storage: StorageType
    mutable: bool = False
    name: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.storage, NumType | RefType | PackedType):
            raise WasmBuildError(f"bad storage type {self.storage!r}")


@dataclass(frozen=True, slots=True, init=False)
class FuncType:
    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __init__(self, params: Iterable[ValType] = (), results: Iterable[ValType] = ()) -> None:
        ps, rs = tuple(params), tuple(results)
        for t in ps + rs:
            check_val_type(t)
        object.__setattr__(self, "params", ps)
        object.__setattr__(self, "results", rs)


@dataclass(frozen=True, slots=True, init=False)
class StructType:
    fields: tuple[FieldType, ...]

    def __init__(self, fields: Iterable[FieldType] = ()) -> None:
        fs = tuple(fields)
        for f in fs:
            if not isinstance(f, FieldType):
                raise WasmBuildError(f"struct field {f!r} is not a FieldType")
        object.__setattr__(self, "fields", fs)


@dataclass(frozen=True, slots=True)
class ArrayType:
    field: FieldType

    def __post_init__(self) -> None:
        if not isinstance(self.field, FieldType):
            raise WasmBuildError(f"array element {self.field!r} is not a FieldType")


CompositeType = FuncType | StructType | ArrayType


@dataclass(frozen=True, slots=True, init=False)
class SubType:
    """A type definition; `final=True` with no supertypes is the plain shorthand form."""

    composite: CompositeType
    supertypes: tuple[int, ...]
    final: bool

    def __init__(
        self, composite: CompositeType, supertypes: Iterable[int] = (), final: bool = True
    ) -> None:
        if not isinstance(composite, FuncType | StructType | ArrayType):
            raise WasmBuildError(f"{composite!r} is not a func, struct or array type")
        sups = tuple(supertypes)
        for s in sups:
            if isinstance(s, bool) or not isinstance(s, int) or s < 0:
                raise WasmBuildError(f"bad supertype index {s!r}")
        object.__setattr__(self, "composite", composite)
        object.__setattr__(self, "supertypes", sups)
        object.__setattr__(self, "final", final)


@dataclass(frozen=True, slots=True)
class GlobalType:
    valtype: ValType
    mutable: bool = False


@dataclass(frozen=True, slots=True)
class Limits:
    min: int
    max: int | None = None


@dataclass(frozen=True, slots=True)
class TableType:
    reftype: RefType
    limits: Limits
