"""Module -> WebAssembly text (WAT), for reading and debugging.

The output uses flat instruction syntax, `$names` where the module has names
(quoted `$"..."` ids for names with other characters), and numeric label
depths.  `wasm-tools parse` turns it back into a module that behaves like
`encode(module)`.  Names that repeat within an index space get a `#index`
suffix, since WAT identifiers must be unique.
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Mapping, Sequence

from clysm.wasm import opcodes as K
from clysm.wasm.module import ElementSegment, Instr, Module
from clysm.wasm.opcodes import lookup
from clysm.wasm.types import (
    FUNCREF,
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

_ID_RE = re.compile(r"[0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~]+")
_NULLABLE_SHORTHAND = {
    "any": "anyref",
    "eq": "eqref",
    "i31": "i31ref",
    "struct": "structref",
    "array": "arrayref",
    "func": "funcref",
    "extern": "externref",
    "exn": "exnref",
    "none": "nullref",
    "nofunc": "nullfuncref",
    "noextern": "nullexternref",
    "noexn": "nullexnref",
}


def quote(data: bytes | str) -> str:
    """A WAT string literal; anything but printable ASCII is a \\hh escape."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    parts = ['"']
    for b in raw:
        if 0x20 <= b < 0x7F and b not in (0x22, 0x5C):
            parts.append(chr(b))
        else:
            parts.append(f"\\{b:02x}")
    parts.append('"')
    return "".join(parts)


def ident(name: str) -> str:
    return "$" + name if _ID_RE.fullmatch(name) else "$" + quote(name)


def _assign_ids(names: Mapping[int, str]) -> dict[int, str]:
    used: set[str] = set()
    ids: dict[int, str] = {}
    for idx in sorted(names):
        cand = names[idx]
        if not cand:
            continue  # an empty identifier is not valid WAT
        if cand in used:
            cand = f"{cand}#{idx}"
            if cand in used:
                continue  # referred to by number
        used.add(cand)
        ids[idx] = ident(cand)
    return ids


def f32_text(v: float) -> str:
    bits = struct.unpack("<I", struct.pack("<f", v))[0]
    sign = "-" if bits >> 31 else ""
    if bits & 0x7F800000 == 0x7F800000:
        payload = bits & 0x7FFFFF
        return f"{sign}nan:0x{payload:x}" if payload else f"{sign}inf"
    return float(struct.unpack("<f", struct.pack("<I", bits))[0]).hex()


def f64_text(v: float) -> str:
    v = float(v)
    if math.isnan(v):
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        sign = "-" if bits >> 63 else ""
        return f"{sign}nan:0x{bits & ((1 << 52) - 1):x}"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v.hex()


def to_wat(module: Module) -> str:
    """The module as WAT text."""
    return _Printer(module).run()


class _Printer:
    def __init__(self, m: Module) -> None:
        self.m = m
        self.lines: list[str] = []
        self.type_ids = _assign_ids(m.type_names)
        self.ids: dict[str, dict[int, str]] = {}
        defined_names: dict[str, list[str | None]] = {
            "func": [f.name for f in m.functions],
            "table": [t.name for t in m.tables],
            "memory": [x.name for x in m.memories],
            "global": [g.name for g in m.globals],
            "tag": [t.name for t in m.tags],
        }
        for kind, defined in defined_names.items():
            names: dict[int, str] = {}
            counter = 0
            for imp in m.imports:
                if imp.kind == kind:
                    if imp.debug_name is not None:
                        names[counter] = imp.debug_name
                    counter += 1
            for i, nm in enumerate(defined):
                if nm is not None:
                    names[counter + i] = nm
            self.ids[kind] = _assign_ids(names)
        self.ids[K.ELEM] = _assign_ids({i: s.name for i, s in enumerate(m.elements) if s.name})
        self.ids[K.DATA] = _assign_ids({i: s.name for i, s in enumerate(m.datas) if s.name})
        for k in (K.TYPE, K.FTYPE, K.STYPE, K.ATYPE):
            self.ids[k] = self.type_ids

    # -- names and types ---------------------------------------------------

    def ref(self, kind: str, idx: object) -> str:
        if isinstance(idx, int):
            return self.ids[kind].get(idx, str(idx))
        return str(idx)

    def heap(self, h: HeapType) -> str:
        return h if isinstance(h, str) else self.type_ids.get(h, str(h))

    def reftype(self, rt: RefType) -> str:
        if rt.nullable and isinstance(rt.heap, str):
            return _NULLABLE_SHORTHAND[rt.heap]
        return f"(ref {'null ' if rt.nullable else ''}{self.heap(rt.heap)})"

    def valtype(self, t: object) -> str:
        if isinstance(t, RefType):
            return self.reftype(t)
        if isinstance(t, NumType | PackedType):
            return t.value
        return repr(t)

    def field(self, f: FieldType, fid: str | None) -> str:
        t = self.valtype(f.storage)
        inner = f"(mut {t})" if f.mutable else t
        return f"(field {fid + ' ' if fid else ''}{inner})"

    def composite(self, c: object) -> str:
        if isinstance(c, FuncType):
            return "(func" + self.sig(c.params, c.results) + ")"
        if isinstance(c, StructType):
            fids = _assign_ids({i: f.name for i, f in enumerate(c.fields) if f.name is not None})
            return (
                "(struct"
                + "".join(" " + self.field(f, fids.get(i)) for i, f in enumerate(c.fields))
                + ")"
            )
        assert isinstance(c, ArrayType)
        return "(array " + self.field(c.field, None)[len("(field ") : -1] + ")"

    def sig(self, params: Sequence[object], results: Sequence[object]) -> str:
        s = ""
        if params:
            s += " (param " + " ".join(self.valtype(t) for t in params) + ")"
        if results:
            s += " (result " + " ".join(self.valtype(t) for t in results) + ")"
        return s

    def subtype(self, idx: int, st: SubType) -> str:
        tid = self.type_ids.get(idx)
        head = f"(type {tid} " if tid else "(type "
        comp = self.composite(st.composite)
        if st.final and not st.supertypes:
            return head + comp + ")"
        sups = "".join(" " + self.type_ids.get(s, str(s)) for s in st.supertypes)
        return head + f"(sub{' final' if st.final else ''}{sups} {comp}))"

    def limits(self, lim: Limits) -> str:
        return f"{lim.min}" if lim.max is None else f"{lim.min} {lim.max}"

    def table_type(self, tt: TableType) -> str:
        return f"{self.limits(tt.limits)} {self.reftype(tt.reftype)}"

    def global_type(self, gt: GlobalType) -> str:
        t = self.valtype(gt.valtype)
        return f"(mut {t})" if gt.mutable else t

    def decl_id(self, kind: str, idx: int) -> str:
        i = self.ids[kind].get(idx)
        return f" {i}" if i else ""

    # -- instructions --------------------------------------------------------

    def instr(self, ins: Instr, local_ids: Mapping[int, str]) -> str:
        info = lookup(ins)
        if info is None:
            return f";; unknown instruction {ins!r}"
        mn = info.mnemonic
        args = ins[1:]
        if mn in ("call_indirect", "return_call_indirect"):
            return f"{mn} {self.ref(K.TABLE, args[1])} (type {self.ref(K.TYPE, args[0])})"
        if mn == "table.init":
            return f"{mn} {self.ref(K.TABLE, args[1])} {self.ref(K.ELEM, args[0])}"
        parts = [mn]
        memarg: list[str] = []
        for kind, v in zip(info.imms, args, strict=False):
            if kind == K.LOCAL:
                parts.append(local_ids.get(v, str(v)))
            elif kind in self.ids:
                parts.append(self.ref(kind, v))
            elif kind == K.BLOCKTYPE:
                if v is None:
                    continue
                if isinstance(v, int):
                    parts.append(f"(type {self.ref(K.TYPE, v)})")
                else:
                    parts.append(f"(result {self.valtype(v)})")
            elif kind == K.F32C:
                parts.append(f32_text(v))
            elif kind == K.F64C:
                parts.append(f64_text(v))
            elif kind == K.ALIGN:
                if v != info.natural_align:
                    memarg.append(f"align={1 << v}")
            elif kind == K.OFFSET:
                if v:
                    memarg.insert(0, f"offset={v}")
            elif kind == K.HEAPTYPE:
                parts.append(self.heap(v))
            elif kind in (K.CASTTYPE, K.CASTREF):
                parts.append(self.reftype(v))
            elif kind == K.LABELS:
                parts.extend(str(x) for x in v)
            elif kind == K.VALTYPES:
                if v:
                    parts.append("(result " + " ".join(self.valtype(t) for t in v) + ")")
            elif kind == K.CATCHES:
                for c in v:
                    if len(c) == 3:
                        parts.append(f"({c[0]} {self.ref(K.TAG, c[1])} {c[2]})")
                    else:
                        parts.append(f"({c[0]} {c[1]})")
            else:  # labels, fields, counts, integer constants
                parts.append(str(v))
        return " ".join(parts + memarg)

    def expr(self, body: Sequence[Instr]) -> str:
        return " ".join(self.instr(i, {}) for i in body)

    def body(self, body: Sequence[Instr], local_ids: Mapping[int, str]) -> None:
        depth = 2
        for ins in body:
            mn = ins[0] if ins else None
            if mn in ("end", "else"):
                depth -= 1
            self.lines.append("  " * depth + self.instr(ins, local_ids))
            if mn in K.BLOCK_OPENERS or mn == "else":
                depth += 1

    # -- module fields -------------------------------------------------------

    def run(self) -> str:
        m = self.m
        out = self.lines
        out.append("(module" + (f" {ident(m.name)}" if m.name else ""))
        for first, count in m.rec_groups:
            if count == 1:
                out.append("  " + self.subtype(first, m.types[first]))
            else:
                out.append("  (rec")
                for i in range(first, first + count):
                    out.append("    " + self.subtype(i, m.types[i]))
                out.append("  )")
        counters = dict.fromkeys(self.ids, 0)
        for imp in m.imports:
            idx = counters[imp.kind]
            counters[imp.kind] = idx + 1
            did = self.decl_id(imp.kind, idx)
            d = imp.desc
            if imp.kind in ("func", "tag"):
                desc = f"({imp.kind}{did} (type {self.ref(K.TYPE, d)}))"
            elif imp.kind == "global":
                assert isinstance(d, GlobalType)
                desc = f"(global{did} {self.global_type(d)})"
            elif imp.kind == "table":
                assert isinstance(d, TableType)
                desc = f"(table{did} {self.table_type(d)})"
            else:
                assert isinstance(d, Limits)
                desc = f"(memory{did} {self.limits(d)})"
            out.append(f"  (import {quote(imp.module)} {quote(imp.name)} {desc})")
        self.definitions()
        out.append(")")
        return "\n".join(out) + "\n"

    def definitions(self) -> None:
        m, out = self.m, self.lines
        base = m.imported_count("table")
        for i, t in enumerate(m.tables):
            init = f" {self.expr(t.init)}" if t.init is not None else ""
            out.append(
                f"  (table{self.decl_id('table', base + i)} {self.table_type(t.type)}{init})"
            )
        base = m.imported_count("memory")
        for i, mem in enumerate(m.memories):
            out.append(f"  (memory{self.decl_id('memory', base + i)} {self.limits(mem.limits)})")
        base = m.imported_count("tag")
        for i, tag in enumerate(m.tags):
            tid = self.decl_id("tag", base + i)
            out.append(f"  (tag{tid} (type {self.ref(K.TYPE, tag.type_idx)}))")
        base = m.imported_count("global")
        for i, g in enumerate(m.globals):
            gid = self.decl_id("global", base + i)
            out.append(f"  (global{gid} {self.global_type(g.type)} {self.expr(g.init)})")
        for ex in m.exports:
            out.append(f"  (export {quote(ex.name)} ({ex.kind} {self.ref(ex.kind, ex.index)}))")
        if m.start is not None:
            out.append(f"  (start {self.ref('func', m.start)})")
        for i, seg in enumerate(m.elements):
            out.append(self.element(i, seg))
        for i, d in enumerate(m.datas):
            head = f"  (data{self.decl_id(K.DATA, i)}"
            if d.mode == "active":
                assert d.offset is not None
                head += f" (memory {self.ref('memory', d.memory)}) (offset {self.expr(d.offset)})"
            out.append(f"{head} {quote(d.data)})")
        base = m.imported_count("func")
        for i, fn in enumerate(m.functions):
            self.function(base + i, fn.type_idx, fn.locals, fn.body, fn.local_names)

    def element(self, i: int, seg: ElementSegment) -> str:
        s = f"  (elem{self.decl_id(K.ELEM, i)}"
        func_list = seg.funcs is not None and seg.reftype == FUNCREF
        if seg.mode == "active":
            assert seg.offset is not None
            if seg.table != 0 or not func_list:  # as the encoder: implicit table 0 if it can
                s += f" (table {self.ref('table', seg.table)})"
            s += f" (offset {self.expr(seg.offset)})"
        elif seg.mode == "declarative":
            s += " declare"
        if func_list:
            assert seg.funcs is not None
            return s + " func" + "".join(" " + self.ref("func", f) for f in seg.funcs) + ")"
        exprs = seg.exprs
        if exprs is None:
            assert seg.funcs is not None
            exprs = [[("ref.func", f)] for f in seg.funcs]
        items = "".join(f" (item {self.expr(e)})" for e in exprs)
        return s + f" {self.reftype(seg.reftype)}{items})"

    def function(
        self,
        idx: int,
        type_idx: int,
        locs: Sequence[object],
        body: Sequence[Instr],
        local_names: Mapping[int, str],
    ) -> None:
        comp = self.m.types[type_idx].composite
        assert isinstance(comp, FuncType)
        local_ids = _assign_ids(local_names)
        head = f"  (func{self.decl_id('func', idx)} (type {self.ref(K.TYPE, type_idx)})"
        for j, t in enumerate(comp.params):
            pid = local_ids.get(j)
            head += f" (param {pid + ' ' if pid else ''}{self.valtype(t)})"
        if comp.results:
            head += " (result " + " ".join(self.valtype(t) for t in comp.results) + ")"
        n = len(comp.params)
        for j, lt in enumerate(locs):
            lid = local_ids.get(n + j)
            head += f" (local {lid + ' ' if lid else ''}{self.valtype(lt)})"
        self.lines.append(head)
        self.body(body, local_ids)
        self.lines.append("  )")
