"""The opcode table against wasm-tools: every mnemonic, encoded by clysm and by
`wasm-tools parse` of clysm's WAT, must give the same bytes."""

from __future__ import annotations

from wat_helpers import parse_wat

from clysm.wasm import encode, to_wat
from clysm.wasm import opcodes as K
from clysm.wasm.leb128 import read_unsigned
from clysm.wasm.module import Instr, Module
from clysm.wasm.opcodes import OPS
from clysm.wasm.types import (
    ANYREF,
    F64,
    FUNCREF,
    I8,
    I32,
    I64,
    ArrayType,
    FieldType,
    StructType,
    ref,
    ref_null,
)


def _context() -> tuple[Module, dict[str, object]]:
    m = Module("opcodes")
    ft = m.func_type([I32], [I32])
    st = m.add_type(StructType([FieldType(I32), FieldType(I8, True), FieldType(F64)]), "s")
    at = m.add_type(ArrayType(FieldType(I8, True)), "a")
    m.add_table(FUNCREF, 1, name="t")
    m.add_memory(1)
    m.add_global(I32, True, [("i32.const", 0)], name="g")
    m.add_tag(m.func_type([I32], []), "e")
    m.add_element_segment("passive", funcs=[0], name="el")
    m.add_data_segment(b"xy", name="d")
    sample: dict[str, object] = {
        K.TYPE: ft,
        K.FTYPE: ft,
        K.STYPE: st,
        K.ATYPE: at,
        K.FIELD: 1,
        K.FUNC: 0,
        K.LOCAL: 1,
        K.GLOBAL: 0,
        K.TABLE: 0,
        K.TAG: 0,
        K.ELEM: 0,
        K.DATA: 0,
        K.LABEL: 0,
        K.LABELS: [0, 0, 0],
        K.U32: 3,
        K.I32C: -123456,
        K.I64C: 2**40 + 1,
        K.F32C: 1.5,
        K.F64C: -2.75,
        K.BLOCKTYPE: I64,
        K.OFFSET: 16,
        K.HEAPTYPE: st,
        K.VALTYPES: [I64],
        K.CATCHES: [("catch", 0, 0), ("catch_ref", 0, 0), ("catch_all", 0), ("catch_all_ref", 0)],
    }
    return m, sample


def _variants(mn: str, info: K.OpInfo, sample: dict[str, object]) -> list[list[Instr]]:
    """Bodies exercising `mn` (both nullabilities for casts)."""
    if mn == "end":
        return [[("block", None), ("end",)]]
    if mn == "else":
        return [[("if", None), ("else",), ("end",)]]
    if info.imms == (K.CASTTYPE,):
        return [[(mn, ref(sample[K.STYPE]))], [(mn, ref_null("i31"))]]  # type: ignore[arg-type]
    if K.CASTREF in info.imms:
        return [[(mn, 0, ANYREF, ref(1))], [(mn, 0, ref("eq"), ref_null(2))]]
    imms = []
    for kind in info.imms:
        if kind == K.ALIGN:
            imms.append(max(info.natural_align - 1, 0))
        else:
            imms.append(sample[kind])
    body: list[Instr] = [(mn, *imms)]
    if mn in K.BLOCK_OPENERS:
        body.append(("end",))
    return [body]


def _code_bodies(wasm: bytes) -> list[bytes]:
    pos = 8
    while pos < len(wasm):
        sec_id = wasm[pos]
        size, pos = read_unsigned(wasm, pos + 1)
        if sec_id == 10:
            count, p = read_unsigned(wasm, pos)
            bodies = []
            for _ in range(count):
                n, p = read_unsigned(wasm, p)
                bodies.append(wasm[p : p + n])
                p += n
            return bodies
        pos += size
    raise AssertionError("no code section")


def test_every_opcode_matches_wasm_tools() -> None:
    m, sample = _context()
    t = m.func_type([I32, I32], [])
    labels = []
    for mn, info in OPS.items():
        for body in _variants(mn, info, sample):
            m.add_function(None, t, [], body)
            labels.append(mn)
    body: list[Instr] = [("select", [I64, F64])]
    m.add_function(None, t, [], body)
    labels.append("select (typed)")
    ours = _code_bodies(encode(m))
    theirs = _code_bodies(parse_wat(to_wat(m)))
    assert len(ours) == len(theirs) == len(labels)
    mismatches = [
        (lab, a.hex(), b.hex()) for lab, a, b in zip(labels, ours, theirs, strict=True) if a != b
    ]
    assert not mismatches


def test_opcodes_are_distinct() -> None:
    codes = [info.code for info in OPS.values()]
    codes += [info.null_code for info in OPS.values() if info.null_code is not None]
    assert len(codes) == len(set(codes))


def test_table_covers_required_groups() -> None:
    text = """
        unreachable nop block loop if else end br br_if br_table return call call_indirect
        return_call return_call_indirect call_ref return_call_ref br_on_null br_on_non_null
        ref.null ref.is_null ref.func ref.as_non_null ref.eq local.get local.set local.tee
        global.get global.set table.get table.set table.size table.grow table.fill table.copy
        table.init elem.drop data.drop select drop struct.new struct.new_default struct.get
        struct.get_s struct.get_u struct.set array.new array.new_default array.new_fixed
        array.new_data array.new_elem array.get array.get_s array.get_u array.set array.len
        array.fill array.copy array.init_data array.init_elem ref.test ref.cast br_on_cast
        br_on_cast_fail any.convert_extern extern.convert_any ref.i31 i31.get_s i31.get_u
        throw throw_ref try_table memory.size memory.grow memory.copy memory.fill memory.init
        i32.trunc_sat_f64_u i64.extend32_s f64.reinterpret_i64 i64.load32_u i64.store32
    """
    assert [mn for mn in text.split() if mn not in OPS] == []
    # Every numeric op of the core spec: 0x45..0xC4 are all plain numeric opcodes.
    plain = {info.code for info in OPS.values() if len(info.code) == 1}
    assert all(bytes([c]) in plain for c in range(0x45, 0xC5))


def test_immediate_edge_values_match_wasm_tools() -> None:
    """Constants and indices around the LEB128 byte boundaries (the encoder has a
    one-byte fast path), checked against wasm-tools."""
    m = Module()
    t = m.func_type()
    consts = [0, 1, 63, 64, 127, 128, -1, -64, -65, 2**31 - 1, -(2**31), 2**32 - 1]
    body: list[Instr] = []
    for c in consts:
        body += [("i32.const", c), ("drop",)]
    for c in [*consts, 2**63 - 1, -(2**63), 2**64 - 1]:
        body += [("i64.const", c), ("drop",)]
    for i in (0, 63, 64, 127, 128, 199):
        body += [("local.get", i), ("drop",)]
    for v in (0.0, -0.0, 1e-310, float("inf"), float("nan"), 3.4028234663852886e38):
        body += [("f32.const", v), ("drop",), ("f64.const", v), ("drop",)]
    m.add_function("f", t, [I32] * 200, body)
    assert _code_bodies(encode(m)) == _code_bodies(parse_wat(to_wat(m)))
