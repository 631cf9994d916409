"""Module -> Wasm binary.

Every section is built in its own bytearray and appended once with its size,
so encoding is linear in the module size.  Sections are written in the order
the binary format requires (the tag section sits between memory and global).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from clysm.errors import WasmBuildError
from clysm.wasm.code import CodeEncoder
from clysm.wasm.leb128 import write_u32
from clysm.wasm.module import EXTERN_KINDS, ElementSegment, Instr, Module
from clysm.wasm.typeenc import REC, TypeEncoder, global_type, limits, table_type
from clysm.wasm.types import FUNCREF, FuncType, GlobalType, Limits, StructType, TableType

MAGIC_VERSION = b"\x00asm\x01\x00\x00\x00"
EXTERN_CODES = {"func": 0x00, "table": 0x01, "memory": 0x02, "global": 0x03, "tag": 0x04}

SEC_CUSTOM, SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE, SEC_MEMORY = 0, 1, 2, 3, 4, 5
SEC_GLOBAL, SEC_EXPORT, SEC_START, SEC_ELEMENT, SEC_CODE, SEC_DATA = 6, 7, 8, 9, 10, 11
SEC_DATACOUNT, SEC_TAG = 12, 13

# Name section subsections (the last four are from the extended-name-section proposal).
NAME_MODULE, NAME_FUNC, NAME_LOCAL, NAME_TYPE, NAME_TABLE, NAME_MEMORY = 0, 1, 2, 4, 5, 6
NAME_GLOBAL, NAME_ELEM, NAME_DATA, NAME_FIELD, NAME_TAG = 7, 8, 9, 10, 11


def write_name(out: bytearray, s: str) -> None:
    data = s.encode("utf-8")
    write_u32(out, len(data))
    out += data


def _section(out: bytearray, sec_id: int, content: bytearray) -> None:
    out.append(sec_id)
    write_u32(out, len(content))
    out += content


def encode(module: Module) -> bytes:
    """Encode `module`; raise WasmBuildError if it is inconsistent."""
    return _Encoder(module).run()


def small_function_count(module: Module, limit: int) -> int:
    """How many defined functions have a body (locals and code, as encoded) under `limit` bytes."""
    enc = _Encoder(module)
    count = 0
    body = bytearray()
    for fn in module.functions:
        if len(fn.body) + 1 >= limit:  # every instruction and the `end` take a byte or more
            continue
        comp = module.types[fn.type_idx].composite
        assert isinstance(comp, FuncType)  # checked by declare_function
        where = f"function {fn.name!r}"
        body.clear()
        enc._locals(body, fn.locals, where)
        enc.code.encode(body, fn.body, len(comp.params) + len(fn.locals), where)
        count += len(body) < limit
    return count


class _Encoder:
    def __init__(self, module: Module) -> None:
        self.m = module
        self.tenc = TypeEncoder(module.types)
        self.code = CodeEncoder(module, self.tenc)

    def run(self) -> bytes:
        out = bytearray(MAGIC_VERSION)
        for sec_id, build in (
            (SEC_TYPE, self.type_section),
            (SEC_IMPORT, self.import_section),
            (SEC_FUNCTION, self.function_section),
            (SEC_TABLE, self.table_section),
            (SEC_MEMORY, self.memory_section),
            (SEC_TAG, self.tag_section),
            (SEC_GLOBAL, self.global_section),
            (SEC_EXPORT, self.export_section),
            (SEC_START, self.start_section),
            (SEC_ELEMENT, self.element_section),
            (SEC_DATACOUNT, self.datacount_section),
            (SEC_CODE, self.code_section),
            (SEC_DATA, self.data_section),
        ):
            content = build()
            if content is not None:
                _section(out, sec_id, content)
        names = self.name_section()
        if names:
            content = bytearray()
            write_name(content, "name")
            content += names
            _section(out, SEC_CUSTOM, content)
        return bytes(out)

    # -- helpers ---------------------------------------------------------

    def _check_index(self, what: str, idx: object, count: int) -> int:
        if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx < count:
            raise WasmBuildError(f"{what}: index {idx!r} out of range ({count} defined)")
        return idx

    def _const_expr(self, out: bytearray, expr: Sequence[Instr], where: str) -> None:
        self.code.encode(out, expr, 0, where)

    def _vec_header(self, items: Sequence[object]) -> bytearray | None:
        if not items:
            return None
        out = bytearray()
        write_u32(out, len(items))
        return out

    # -- sections --------------------------------------------------------

    def type_section(self) -> bytearray | None:
        m = self.m
        out = self._vec_header(m.rec_groups)
        if out is None:
            return None
        for first, count in m.rec_groups:
            try:
                if count > 1:
                    out.append(REC)
                    write_u32(out, count)
                for i in range(first, first + count):
                    self.tenc.sub_type(out, m.types[i])
            except WasmBuildError as e:
                raise WasmBuildError(f"rec group starting at type {first}: {e}") from None
        return out

    def import_section(self) -> bytearray | None:
        out = self._vec_header(self.m.imports)
        if out is None:
            return None
        for imp in self.m.imports:
            write_name(out, imp.module)
            write_name(out, imp.name)
            out.append(EXTERN_CODES[imp.kind])
            d = imp.desc
            if imp.kind in ("func", "tag"):
                assert isinstance(d, int)
                if imp.kind == "tag":
                    out.append(0x00)  # attribute: exception
                write_u32(out, self.tenc.check_type_index(d))
            elif imp.kind == "global":
                assert isinstance(d, GlobalType)
                global_type(self.tenc, out, d)
            elif imp.kind == "table":
                assert isinstance(d, TableType)
                table_type(self.tenc, out, d)
            else:
                assert isinstance(d, Limits)
                limits(out, d)
        return out

    def function_section(self) -> bytearray | None:
        out = self._vec_header(self.m.functions)
        if out is None:
            return None
        for fn in self.m.functions:
            write_u32(out, fn.type_idx)
        return out

    def table_section(self) -> bytearray | None:
        out = self._vec_header(self.m.tables)
        if out is None:
            return None
        base = self.m.imported_count("table")
        for i, t in enumerate(self.m.tables):
            if t.init is not None:
                out += b"\x40\x00"
                table_type(self.tenc, out, t.type)
                self._const_expr(out, t.init, f"table {base + i} initializer")
            else:
                table_type(self.tenc, out, t.type)
        return out

    def memory_section(self) -> bytearray | None:
        out = self._vec_header(self.m.memories)
        if out is None:
            return None
        for mem in self.m.memories:
            limits(out, mem.limits)
        return out

    def tag_section(self) -> bytearray | None:
        out = self._vec_header(self.m.tags)
        if out is None:
            return None
        for tag in self.m.tags:
            out.append(0x00)
            write_u32(out, tag.type_idx)
        return out

    def global_section(self) -> bytearray | None:
        out = self._vec_header(self.m.globals)
        if out is None:
            return None
        base = self.m.imported_count("global")
        for i, g in enumerate(self.m.globals):
            global_type(self.tenc, out, g.type)
            self._const_expr(out, g.init, f"global {base + i} ({g.name!r}) initializer")
        return out

    def _count(self, kind: str) -> int:
        m = self.m
        return {
            "func": m.num_funcs,
            "table": m.num_tables,
            "memory": m.num_memories,
            "global": m.num_globals,
            "tag": m.num_tags,
        }[kind]

    def export_section(self) -> bytearray | None:
        out = self._vec_header(self.m.exports)
        if out is None:
            return None
        for ex in self.m.exports:
            assert ex.kind in EXTERN_KINDS
            self._check_index(f"export {ex.name!r} ({ex.kind})", ex.index, self._count(ex.kind))
            write_name(out, ex.name)
            out.append(EXTERN_CODES[ex.kind])
            write_u32(out, ex.index)
        return out

    def start_section(self) -> bytearray | None:
        if self.m.start is None:
            return None
        out = bytearray()
        write_u32(out, self._check_index("start function", self.m.start, self.m.num_funcs))
        return out

    def element_section(self) -> bytearray | None:
        out = self._vec_header(self.m.elements)
        if out is None:
            return None
        for i, seg in enumerate(self.m.elements):
            self._element(out, seg, f"element segment {i}")
        return out

    def _element(self, out: bytearray, seg: ElementSegment, where: str) -> None:
        # Flags: bit 0 = passive/declarative, bit 1 = explicit table (active) or
        # declarative, bit 2 = expressions instead of function indices.
        uses_exprs = seg.funcs is None or seg.reftype != FUNCREF
        table = seg.table
        explicit = False
        if seg.mode == "active":
            self._check_index(f"{where} table", table, self.m.num_tables)
            # Flags 0 and 4 imply table 0 and funcref elements.
            explicit = table != 0 or uses_exprs
            flags = 2 if explicit else 0
        else:
            flags = 1 if seg.mode == "passive" else 3
        if uses_exprs:
            flags |= 4
        out.append(flags)
        if seg.mode == "active":
            if explicit:
                write_u32(out, table)
            assert seg.offset is not None
            self._const_expr(out, seg.offset, f"{where} offset")
        if flags & 3:  # an elemkind (0x00 = funcref) or a reftype follows
            if uses_exprs:
                self.tenc.val_type(out, seg.reftype)
            else:
                out.append(0x00)
        if seg.funcs is not None and not uses_exprs:
            write_u32(out, len(seg.funcs))
            for f in seg.funcs:
                write_u32(out, self._check_index(f"{where} function", f, self.m.num_funcs))
            return
        exprs = seg.exprs
        if exprs is None:  # function indices in a segment of a non-funcref type
            assert seg.funcs is not None
            exprs = [[("ref.func", f)] for f in seg.funcs]
        write_u32(out, len(exprs))
        for j, e in enumerate(exprs):
            self._const_expr(out, e, f"{where} item {j}")

    def datacount_section(self) -> bytearray | None:
        # Always present with data segments: data.drop, memory.init and
        # array.new_data need it, and it costs two bytes.
        if not self.m.datas:
            return None
        out = bytearray()
        write_u32(out, len(self.m.datas))
        return out

    def code_section(self) -> bytearray | None:
        m = self.m
        out = self._vec_header(m.functions)
        if out is None:
            return None
        base = m.imported_count("func")
        types = m.types
        body = bytearray()
        for i, fn in enumerate(m.functions):
            where = f"function {fn.name!r} (index {base + i})"
            if not fn.defined:
                raise WasmBuildError(f"{where} was declared but never defined")
            comp = types[fn.type_idx].composite
            assert isinstance(comp, FuncType)  # checked by declare_function
            n_params = len(comp.params)
            body.clear()
            self._locals(body, fn.locals, where)
            self.code.encode(body, fn.body, n_params + len(fn.locals), where)
            write_u32(out, len(body))
            out += body
        return out

    def _locals(self, out: bytearray, locs: Sequence[object], where: str) -> None:
        # Runs of equal types are grouped: (count, type) pairs.
        runs: list[list[object]] = []
        for t in locs:
            if runs and runs[-1][1] == t:
                runs[-1][0] += 1  # type: ignore[operator]
            else:
                runs.append([1, t])
        write_u32(out, len(runs))
        try:
            for count, t in runs:
                write_u32(out, count)  # type: ignore[arg-type]
                self.tenc.val_type(out, t)
        except WasmBuildError as e:
            raise WasmBuildError(f"{where} locals: {e}") from None

    def data_section(self) -> bytearray | None:
        out = self._vec_header(self.m.datas)
        if out is None:
            return None
        for i, seg in enumerate(self.m.datas):
            if seg.mode == "passive":
                out.append(0x01)
            else:
                mem = self._check_index(f"data segment {i} memory", seg.memory, self.m.num_memories)
                if mem == 0:
                    out.append(0x00)
                else:
                    out.append(0x02)
                    write_u32(out, mem)
                assert seg.offset is not None
                self._const_expr(out, seg.offset, f"data segment {i} offset")
            write_u32(out, len(seg.data))
            out += seg.data
        return out

    # -- name section ------------------------------------------------------

    def name_section(self) -> bytearray:
        m = self.m
        out = bytearray()
        if m.name is not None:
            sub = bytearray()
            write_name(sub, m.name)
            _section(out, NAME_MODULE, sub)
        imported: dict[str, dict[int, str]] = {k: {} for k in EXTERN_KINDS}
        counters = dict.fromkeys(EXTERN_KINDS, 0)
        for imp in m.imports:
            idx = counters[imp.kind]
            counters[imp.kind] = idx + 1
            if imp.debug_name is not None:
                imported[imp.kind][idx] = imp.debug_name

        def defined(kind: str, names: Sequence[str | None]) -> dict[int, str]:
            base = m.imported_count(kind)  # type: ignore[arg-type]
            got = dict(imported[kind])
            got.update({base + i: n for i, n in enumerate(names) if n is not None})
            return got

        _name_map(out, NAME_FUNC, defined("func", [f.name for f in m.functions]))
        base = m.imported_count("func")
        local_names = {base + i: f.local_names for i, f in enumerate(m.functions) if f.local_names}
        _indirect_name_map(out, NAME_LOCAL, local_names)
        _name_map(out, NAME_TYPE, m.type_names)
        _name_map(out, NAME_TABLE, defined("table", [t.name for t in m.tables]))
        _name_map(out, NAME_MEMORY, defined("memory", [x.name for x in m.memories]))
        _name_map(out, NAME_GLOBAL, defined("global", [g.name for g in m.globals]))
        _name_map(out, NAME_ELEM, {i: s.name for i, s in enumerate(m.elements) if s.name})
        _name_map(out, NAME_DATA, {i: s.name for i, s in enumerate(m.datas) if s.name})
        fields: dict[int, dict[int, str]] = {}
        for ti, st in enumerate(m.types):
            comp = st.composite
            if isinstance(comp, StructType):
                fn = {j: f.name for j, f in enumerate(comp.fields) if f.name is not None}
                if fn:
                    fields[ti] = fn
        _indirect_name_map(out, NAME_FIELD, fields)
        _name_map(out, NAME_TAG, defined("tag", [t.name for t in m.tags]))
        return out


def _write_name_map(out: bytearray, names: Mapping[int, str]) -> None:
    write_u32(out, len(names))
    for idx in sorted(names):
        write_u32(out, idx)
        write_name(out, names[idx])


def _name_map(out: bytearray, sub_id: int, names: Mapping[int, str]) -> None:
    if names:
        sub = bytearray()
        _write_name_map(sub, names)
        _section(out, sub_id, sub)


def _indirect_name_map(out: bytearray, sub_id: int, maps: Mapping[int, Mapping[int, str]]) -> None:
    if maps:
        sub = bytearray()
        write_u32(sub, len(maps))
        for idx in sorted(maps):
            write_u32(sub, idx)
            _write_name_map(sub, maps[idx])
        _section(out, sub_id, sub)
