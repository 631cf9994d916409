"""The one instruction table: mnemonic -> opcode bytes and immediate kinds.

Both the binary encoder and the WAT printer read this table, so they cannot
drift apart.  An instruction is a tuple `(mnemonic, *immediates)` whose
immediates follow the order of `OpInfo.imms`, which is the binary order (so
`("call_indirect", type_idx, table_idx)` and `("table.init", elem_idx,
table_idx)`).  Memory accesses take `(align_log2, offset)`, as in the binary
format: `("i32.load", 2, 0)` is a 4-byte-aligned load.  `("ref.test", rt)` and
`("ref.cast", rt)` pick the nullable opcode from `rt.nullable`.  The typed
`select` is written `("select", [valtypes])`.

Opcodes come from the core spec (Wasm 2.0 binary instructions) and the GC,
exception-handling (exnref), tail-call and function-references proposals;
tests/wasm/test_opcodes.py checks every entry against wasm-tools.
"""

from __future__ import annotations

from dataclasses import dataclass

# Immediate kinds.
TYPE = "type"  # any type index
FTYPE = "functype"  # index of a func type
STYPE = "structtype"  # index of a struct type
ATYPE = "arraytype"  # index of an array type
FIELD = "field"  # field index in the struct type given just before
FUNC = "func"
LOCAL = "local"
GLOBAL = "global"
TABLE = "table"
TAG = "tag"
ELEM = "elem"
DATA = "data"
LABEL = "label"
LABELS = "labels"  # list of labels (br_table)
U32 = "u32"  # a plain count
I32C = "i32"
I64C = "i64"
F32C = "f32"
F64C = "f64"
BLOCKTYPE = "blocktype"
ALIGN = "align"  # log2 of the alignment in bytes
OFFSET = "offset"
HEAPTYPE = "heaptype"
CASTTYPE = "casttype"  # a RefType whose nullability selects the opcode
CASTREF = "castref"  # a RefType of br_on_cast(_fail); nullability goes into the flags
VALTYPES = "valtypes"  # list of value types (typed select)
CATCHES = "catches"  # try_table catch clauses

# Kinds whose value is an index into a module index space.
INDEX_KINDS = frozenset({TYPE, FTYPE, STYPE, ATYPE, FUNC, GLOBAL, TABLE, TAG, ELEM, DATA})

# Structured-control openers; each is closed by ("end",).
BLOCK_OPENERS = frozenset({"block", "loop", "if", "try_table"})

# Catch clause kinds inside try_table: name -> (code, takes a tag).
CATCH_KINDS: dict[str, tuple[int, bool]] = {
    "catch": (0x00, True),
    "catch_ref": (0x01, True),
    "catch_all": (0x02, False),
    "catch_all_ref": (0x03, False),
}


@dataclass(frozen=True, slots=True)
class OpInfo:
    mnemonic: str
    code: bytes  # opcode, with its prefix byte if any
    imms: tuple[str, ...] = ()
    suffix: bytes = b""  # fixed trailing bytes (the memory index 0 of memory.size...)
    null_code: bytes | None = None  # opcode used when a CASTTYPE target is nullable
    natural_align: int = 0  # loads and stores: log2 of the access size


OPS: dict[str, OpInfo] = {}


def _op(mn: str, code: bytes, *imms: str, **kw: object) -> None:
    assert mn not in OPS, mn
    OPS[mn] = OpInfo(mn, code, imms, **kw)  # type: ignore[arg-type]


def _seq(base: int, names: str) -> None:
    """Plain single-byte opcodes without immediates, numbered from `base`."""
    for i, mn in enumerate(names.split()):
        _op(mn, bytes([base + i]))


def _fc(n: int) -> bytes:
    return bytes([0xFC, n])


def _fb(n: int) -> bytes:
    return bytes([0xFB, n])


# Control.
_op("unreachable", b"\x00")
_op("nop", b"\x01")
_op("block", b"\x02", BLOCKTYPE)
_op("loop", b"\x03", BLOCKTYPE)
_op("if", b"\x04", BLOCKTYPE)
_op("else", b"\x05")
_op("throw", b"\x08", TAG)
_op("throw_ref", b"\x0a")
_op("end", b"\x0b")
_op("br", b"\x0c", LABEL)
_op("br_if", b"\x0d", LABEL)
_op("br_table", b"\x0e", LABELS, LABEL)
_op("return", b"\x0f")
_op("call", b"\x10", FUNC)
_op("call_indirect", b"\x11", FTYPE, TABLE)
_op("return_call", b"\x12", FUNC)
_op("return_call_indirect", b"\x13", FTYPE, TABLE)
_op("call_ref", b"\x14", FTYPE)
_op("return_call_ref", b"\x15", FTYPE)
_op("try_table", b"\x1f", BLOCKTYPE, CATCHES)

# Parametric.
_op("drop", b"\x1a")
_op("select", b"\x1b")
SELECT_TYPED = OpInfo("select", b"\x1c", (VALTYPES,))

# Variables and tables.
_op("local.get", b"\x20", LOCAL)
_op("local.set", b"\x21", LOCAL)
_op("local.tee", b"\x22", LOCAL)
_op("global.get", b"\x23", GLOBAL)
_op("global.set", b"\x24", GLOBAL)
_op("table.get", b"\x25", TABLE)
_op("table.set", b"\x26", TABLE)
_op("table.init", _fc(12), ELEM, TABLE)
_op("elem.drop", _fc(13), ELEM)
_op("table.copy", _fc(14), TABLE, TABLE)  # destination, source
_op("table.grow", _fc(15), TABLE)
_op("table.size", _fc(16), TABLE)
_op("table.fill", _fc(17), TABLE)

# Memory: (mnemonic, log2 natural alignment) from 0x28 on.
_MEM_ACCESS = [
    ("i32.load", 2),
    ("i64.load", 3),
    ("f32.load", 2),
    ("f64.load", 3),
    ("i32.load8_s", 0),
    ("i32.load8_u", 0),
    ("i32.load16_s", 1),
    ("i32.load16_u", 1),
    ("i64.load8_s", 0),
    ("i64.load8_u", 0),
    ("i64.load16_s", 1),
    ("i64.load16_u", 1),
    ("i64.load32_s", 2),
    ("i64.load32_u", 2),
    ("i32.store", 2),
    ("i64.store", 3),
    ("f32.store", 2),
    ("f64.store", 3),
    ("i32.store8", 0),
    ("i32.store16", 1),
    ("i64.store8", 0),
    ("i64.store16", 1),
    ("i64.store32", 2),
]
for _i, (_mn, _align) in enumerate(_MEM_ACCESS):
    _op(_mn, bytes([0x28 + _i]), ALIGN, OFFSET, natural_align=_align)
_op("memory.size", b"\x3f", suffix=b"\x00")
_op("memory.grow", b"\x40", suffix=b"\x00")
_op("memory.init", _fc(8), DATA, suffix=b"\x00")
_op("data.drop", _fc(9), DATA)
_op("memory.copy", _fc(10), suffix=b"\x00\x00")
_op("memory.fill", _fc(11), suffix=b"\x00")

# Numeric.
_op("i32.const", b"\x41", I32C)
_op("i64.const", b"\x42", I64C)
_op("f32.const", b"\x43", F32C)
_op("f64.const", b"\x44", F64C)
_seq(0x45, "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u")
_seq(0x4E, "i32.ge_s i32.ge_u")
_seq(0x50, "i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u")
_seq(0x59, "i64.ge_s i64.ge_u")
_seq(0x5B, "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge")
_seq(0x61, "f64.eq f64.ne f64.lt f64.gt f64.le f64.ge")
_INT_OPS = "clz ctz popcnt add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr"
_seq(0x67, " ".join("i32." + o for o in _INT_OPS.split()))
_seq(0x79, " ".join("i64." + o for o in _INT_OPS.split()))
_FLOAT_OPS = "abs neg ceil floor trunc nearest sqrt add sub mul div min max copysign"
_seq(0x8B, " ".join("f32." + o for o in _FLOAT_OPS.split()))
_seq(0x99, " ".join("f64." + o for o in _FLOAT_OPS.split()))
_seq(
    0xA7,
    "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u "
    "i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u "
    "i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u "
    "f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s "
    "f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32 "
    "i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64",
)
_seq(0xC0, "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s")
_TRUNC_SAT = (
    "i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u "
    "i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u"
)
for _i, _mn in enumerate(_TRUNC_SAT.split()):
    _op(_mn, _fc(_i))

# References (reference-types, function-references, GC).
_op("ref.null", b"\xd0", HEAPTYPE)
_op("ref.is_null", b"\xd1")
_op("ref.func", b"\xd2", FUNC)
_op("ref.eq", b"\xd3")
_op("ref.as_non_null", b"\xd4")
_op("br_on_null", b"\xd5", LABEL)
_op("br_on_non_null", b"\xd6", LABEL)

# GC (0xFB prefix).
_op("struct.new", _fb(0x00), STYPE)
_op("struct.new_default", _fb(0x01), STYPE)
_op("struct.get", _fb(0x02), STYPE, FIELD)
_op("struct.get_s", _fb(0x03), STYPE, FIELD)
_op("struct.get_u", _fb(0x04), STYPE, FIELD)
_op("struct.set", _fb(0x05), STYPE, FIELD)
_op("array.new", _fb(0x06), ATYPE)
_op("array.new_default", _fb(0x07), ATYPE)
_op("array.new_fixed", _fb(0x08), ATYPE, U32)
_op("array.new_data", _fb(0x09), ATYPE, DATA)
_op("array.new_elem", _fb(0x0A), ATYPE, ELEM)
_op("array.get", _fb(0x0B), ATYPE)
_op("array.get_s", _fb(0x0C), ATYPE)
_op("array.get_u", _fb(0x0D), ATYPE)
_op("array.set", _fb(0x0E), ATYPE)
_op("array.len", _fb(0x0F))
_op("array.fill", _fb(0x10), ATYPE)
_op("array.copy", _fb(0x11), ATYPE, ATYPE)  # destination, source
_op("array.init_data", _fb(0x12), ATYPE, DATA)
_op("array.init_elem", _fb(0x13), ATYPE, ELEM)
_op("ref.test", _fb(0x14), CASTTYPE, null_code=_fb(0x15))
_op("ref.cast", _fb(0x16), CASTTYPE, null_code=_fb(0x17))
_op("br_on_cast", _fb(0x18), LABEL, CASTREF, CASTREF)
_op("br_on_cast_fail", _fb(0x19), LABEL, CASTREF, CASTREF)
_op("any.convert_extern", _fb(0x1A))
_op("extern.convert_any", _fb(0x1B))
_op("ref.i31", _fb(0x1C))
_op("i31.get_s", _fb(0x1D))
_op("i31.get_u", _fb(0x1E))


def lookup(instr: tuple[object, ...]) -> OpInfo | None:
    """The table entry for `instr`, or None for an unknown mnemonic."""
    mn = instr[0]
    if not isinstance(mn, str):
        return None
    if mn == "select" and len(instr) == 2:
        return SELECT_TYPED
    return OPS.get(mn)
