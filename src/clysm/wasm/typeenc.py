"""Binary encodings of types (value, heap, reference, composite, sub types).

`TypeEncoder` knows how many types the module has so that a reference to a
type index that does not exist is caught here, with a message, rather than by
an engine.  Encoded value types are cached: locals and signatures repeat them.
"""

from __future__ import annotations

from clysm.errors import WasmBuildError
from clysm.wasm.leb128 import write_s33, write_u32
from clysm.wasm.types import (
    ArrayType,
    FieldType,
    FuncType,
    GlobalType,
    HeapType,
    Limits,
    NumType,
    PackedType,
    RefType,
    StructType,
    SubType,
    TableType,
)

NUM_CODES = {
    NumType.I32: 0x7F,
    NumType.I64: 0x7E,
    NumType.F32: 0x7D,
    NumType.F64: 0x7C,
    NumType.V128: 0x7B,
}
PACKED_CODES = {PackedType.I8: 0x78, PackedType.I16: 0x77}
# Abstract heap types; a nullable reference to one of them is this single byte.
HEAP_CODES = {
    "noexn": 0x74,
    "nofunc": 0x73,
    "noextern": 0x72,
    "none": 0x71,
    "func": 0x70,
    "extern": 0x6F,
    "any": 0x6E,
    "eq": 0x6D,
    "i31": 0x6C,
    "struct": 0x6B,
    "array": 0x6A,
    "exn": 0x69,
}
REF_NULL = 0x63
REF = 0x64
FUNC_FORM = 0x60
STRUCT_FORM = 0x5F
ARRAY_FORM = 0x5E
SUB = 0x50
SUB_FINAL = 0x4F
REC = 0x4E
EMPTY_BLOCK = 0x40


class TypeEncoder:
    def __init__(self, types: list[SubType]) -> None:
        self.types = types
        self._cache: dict[object, bytes] = {}

    def check_type_index(self, idx: object) -> int:
        if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx < len(self.types):
            raise WasmBuildError(f"type index {idx!r} out of range ({len(self.types)} types)")
        return idx

    def heap_type(self, out: bytearray, heap: HeapType) -> None:
        if isinstance(heap, str):
            code = HEAP_CODES.get(heap)
            if code is None:
                raise WasmBuildError(f"unknown abstract heap type {heap!r}")
            out.append(code)
        else:
            write_s33(out, self.check_type_index(heap))

    def val_type(self, out: bytearray, t: object) -> None:
        try:
            enc = self._cache[t]
        except KeyError:
            enc = self._cache[t] = self._encode_val_type(t)
        except TypeError:  # unhashable: certainly not a value type
            raise WasmBuildError(f"bad value type {t!r}") from None
        out += enc

    def _encode_val_type(self, t: object) -> bytes:
        if isinstance(t, NumType):
            return bytes([NUM_CODES[t]])
        if isinstance(t, RefType):
            buf = bytearray()
            if t.nullable and isinstance(t.heap, str):
                self.heap_type(buf, t.heap)  # shorthand: anyref, funcref, ...
            else:
                buf.append(REF_NULL if t.nullable else REF)
                self.heap_type(buf, t.heap)
            return bytes(buf)
        raise WasmBuildError(f"bad value type {t!r}")

    def storage_type(self, out: bytearray, t: object) -> None:
        if isinstance(t, PackedType):
            out.append(PACKED_CODES[t])
        else:
            self.val_type(out, t)

    def field_type(self, out: bytearray, f: FieldType) -> None:
        self.storage_type(out, f.storage)
        out.append(1 if f.mutable else 0)

    def result_type(self, out: bytearray, ts: tuple[object, ...] | list[object]) -> None:
        write_u32(out, len(ts))
        for t in ts:
            self.val_type(out, t)

    def sub_type(self, out: bytearray, st: SubType) -> None:
        if not st.final or st.supertypes:
            out.append(SUB_FINAL if st.final else SUB)
            write_u32(out, len(st.supertypes))
            for s in st.supertypes:
                write_u32(out, self.check_type_index(s))
        comp = st.composite
        if isinstance(comp, FuncType):
            out.append(FUNC_FORM)
            self.result_type(out, comp.params)
            self.result_type(out, comp.results)
        elif isinstance(comp, StructType):
            out.append(STRUCT_FORM)
            write_u32(out, len(comp.fields))
            for f in comp.fields:
                self.field_type(out, f)
        elif isinstance(comp, ArrayType):
            out.append(ARRAY_FORM)
            self.field_type(out, comp.field)
        else:
            raise WasmBuildError(f"bad composite type {comp!r}")

    def block_type(self, out: bytearray, bt: object) -> None:
        if bt is None:
            out.append(EMPTY_BLOCK)
        elif isinstance(bt, int) and not isinstance(bt, bool):
            if not isinstance(self.types[self.check_type_index(bt)].composite, FuncType):
                raise WasmBuildError(f"block type {bt} is not a func type")
            write_s33(out, bt)
        else:
            self.val_type(out, bt)


def limits(out: bytearray, lim: Limits) -> None:
    if lim.max is None:
        out.append(0x00)
        write_u32(out, lim.min)
    else:
        if lim.max < lim.min:
            raise WasmBuildError(f"limits: max {lim.max} < min {lim.min}")
        out.append(0x01)
        write_u32(out, lim.min)
        write_u32(out, lim.max)


def table_type(tenc: TypeEncoder, out: bytearray, tt: TableType) -> None:
    tenc.val_type(out, tt.reftype)
    limits(out, tt.limits)


def global_type(tenc: TypeEncoder, out: bytearray, gt: GlobalType) -> None:
    tenc.val_type(out, gt.valtype)
    out.append(1 if gt.mutable else 0)
