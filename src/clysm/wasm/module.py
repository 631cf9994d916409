"""The module builder: a plain, explicit in-memory Wasm module.

Indices are handed out as things are added, in the order the binary format
numbers them (imports of a kind first, then definitions of that kind).  The
builder checks what it can check at once (a function's type index, import
order); the encoder checks the rest (instruction immediates, block balance).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from clysm.errors import WasmBuildError
from clysm.wasm.types import (
    FUNCREF,
    CompositeType,
    FuncType,
    GlobalType,
    Limits,
    RefType,
    SubType,
    TableType,
    ValType,
)

# An instruction: (mnemonic, *immediates); see clysm.wasm.opcodes.
Instr = tuple[Any, ...]
ExternKind = Literal["func", "table", "memory", "global", "tag"]
EXTERN_KINDS: tuple[ExternKind, ...] = ("func", "table", "memory", "global", "tag")
ElemMode = Literal["active", "passive", "declarative"]
DataMode = Literal["active", "passive"]


@dataclass(slots=True)
class Function:
    name: str | None
    type_idx: int
    locals: list[ValType] = field(default_factory=list)
    body: list[Instr] = field(default_factory=list)
    local_names: dict[int, str] = field(default_factory=dict)
    defined: bool = False


@dataclass(slots=True)
class Import:
    module: str
    name: str
    kind: ExternKind
    # func/tag: type index; global: GlobalType; table: TableType; memory: Limits
    desc: int | GlobalType | TableType | Limits
    debug_name: str | None = None


@dataclass(slots=True)
class Table:
    type: TableType
    init: list[Instr] | None = None  # initial element, needed for non-nullable tables
    name: str | None = None


@dataclass(slots=True)
class Memory:
    limits: Limits
    name: str | None = None


@dataclass(slots=True)
class Global:
    type: GlobalType
    init: list[Instr]
    name: str | None = None


@dataclass(slots=True)
class Tag:
    type_idx: int
    name: str | None = None


@dataclass(slots=True)
class Export:
    name: str
    kind: ExternKind
    index: int


@dataclass(slots=True)
class ElementSegment:
    mode: ElemMode
    reftype: RefType
    funcs: list[int] | None  # function indices, or
    exprs: list[list[Instr]] | None  # constant expressions
    table: int = 0
    offset: list[Instr] | None = None
    name: str | None = None


@dataclass(slots=True)
class DataSegment:
    data: bytes
    mode: DataMode
    memory: int = 0
    offset: list[Instr] | None = None
    name: str | None = None


def _offset_expr(offset: int | Sequence[Instr] | None) -> list[Instr]:
    if offset is None:
        raise WasmBuildError("an active segment needs an offset")
    if isinstance(offset, int):
        return [("i32.const", offset)]
    return list(offset)


class Module:
    """A Wasm module under construction; `clysm.wasm.encoder.encode` turns it into bytes."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self.types: list[SubType] = []
        self.rec_groups: list[tuple[int, int]] = []  # (first type index, count)
        self.type_names: dict[int, str] = {}
        self._func_type_cache: dict[FuncType, int] = {}
        self.imports: list[Import] = []
        self.functions: list[Function] = []  # defined (non-imported) functions
        self.tables: list[Table] = []
        self.memories: list[Memory] = []
        self.globals: list[Global] = []
        self.tags: list[Tag] = []
        self.exports: list[Export] = []
        self.start: int | None = None
        self.elements: list[ElementSegment] = []
        self.datas: list[DataSegment] = []
        self._import_counts = dict.fromkeys(EXTERN_KINDS, 0)
        self._func_import_types: list[int] = []

    # -- counts ----------------------------------------------------------

    def imported_count(self, kind: ExternKind) -> int:
        return self._import_counts[kind]

    @property
    def num_funcs(self) -> int:
        return self._import_counts["func"] + len(self.functions)

    @property
    def num_tables(self) -> int:
        return self._import_counts["table"] + len(self.tables)

    @property
    def num_memories(self) -> int:
        return self._import_counts["memory"] + len(self.memories)

    @property
    def num_globals(self) -> int:
        return self._import_counts["global"] + len(self.globals)

    @property
    def num_tags(self) -> int:
        return self._import_counts["tag"] + len(self.tags)

    def _defined_count(self, kind: ExternKind) -> int:
        return {
            "func": len(self.functions),
            "table": len(self.tables),
            "memory": len(self.memories),
            "global": len(self.globals),
            "tag": len(self.tags),
        }[kind]

    # -- types -----------------------------------------------------------

    def add_rec_group(
        self, subtypes: Sequence[SubType], names: Sequence[str | None] | None = None
    ) -> list[int]:
        """Add one recursive type group; return the type indices of its members."""
        if not subtypes:
            raise WasmBuildError("a rec group needs at least one type")
        if names is not None and len(names) != len(subtypes):
            raise WasmBuildError(f"rec group has {len(subtypes)} types but {len(names)} names")
        first = len(self.types)
        for st in subtypes:
            if not isinstance(st, SubType):
                raise WasmBuildError(f"rec group member {st!r} is not a SubType")
            for sup in st.supertypes:
                if sup >= first + len(subtypes):
                    raise WasmBuildError(f"supertype index {sup} is not defined yet")
        self.types.extend(subtypes)
        self.rec_groups.append((first, len(subtypes)))
        for i, nm in enumerate(names or ()):
            if nm is not None:
                self.type_names[first + i] = nm
        return list(range(first, first + len(subtypes)))

    def add_type(self, t: SubType | CompositeType, name: str | None = None) -> int:
        """Add a type in a rec group of its own."""
        st = t if isinstance(t, SubType) else SubType(t)
        (idx,) = self.add_rec_group([st], [name])
        if isinstance(st.composite, FuncType) and st.final and not st.supertypes:
            self._func_type_cache.setdefault(st.composite, idx)
        return idx

    def func_type(self, params: Iterable[ValType] = (), results: Iterable[ValType] = ()) -> int:
        """The index of a plain func type with this signature, added on first use."""
        ft = FuncType(params, results)
        idx = self._func_type_cache.get(ft)
        if idx is None:
            idx = self.add_type(ft)
        return idx

    def _check_func_type(self, type_idx: int, what: str) -> FuncType:
        if isinstance(type_idx, bool) or not isinstance(type_idx, int):
            raise WasmBuildError(f"{what}: type index {type_idx!r} is not an int")
        if not 0 <= type_idx < len(self.types):
            raise WasmBuildError(
                f"{what}: type index {type_idx} out of range ({len(self.types)} types)"
            )
        comp = self.types[type_idx].composite
        if not isinstance(comp, FuncType):
            raise WasmBuildError(f"{what}: type {type_idx} is not a func type")
        return comp

    def func_type_of(self, func_idx: int) -> FuncType:
        """The signature of function `func_idx` (imported or defined)."""
        n_imp = len(self._func_import_types)
        if func_idx < n_imp:
            return self._check_func_type(self._func_import_types[func_idx], "import")
        return self._check_func_type(self.functions[func_idx - n_imp].type_idx, "function")

    # -- imports ---------------------------------------------------------

    def _add_import(self, imp: Import) -> int:
        if self._defined_count(imp.kind):
            raise WasmBuildError(
                f"import {imp.module}.{imp.name}: {imp.kind} imports must come before "
                f"{imp.kind} definitions"
            )
        self.imports.append(imp)
        if imp.kind == "func":
            assert isinstance(imp.desc, int)
            self._func_import_types.append(imp.desc)
        idx = self._import_counts[imp.kind]
        self._import_counts[imp.kind] = idx + 1
        return idx

    def import_func(
        self, module: str, name: str, type_idx: int, debug_name: str | None = None
    ) -> int:
        self._check_func_type(type_idx, f"import {module}.{name}")
        return self._add_import(Import(module, name, "func", type_idx, debug_name))

    def import_global(
        self,
        module: str,
        name: str,
        valtype: ValType,
        mutable: bool = False,
        debug_name: str | None = None,
    ) -> int:
        desc = GlobalType(valtype, mutable)
        return self._add_import(Import(module, name, "global", desc, debug_name))

    def import_memory(
        self,
        module: str,
        name: str,
        min_pages: int,
        max_pages: int | None = None,
        debug_name: str | None = None,
    ) -> int:
        desc = Limits(min_pages, max_pages)
        return self._add_import(Import(module, name, "memory", desc, debug_name))

    def import_table(
        self,
        module: str,
        name: str,
        reftype: RefType,
        min_size: int,
        max_size: int | None = None,
        debug_name: str | None = None,
    ) -> int:
        desc = TableType(reftype, Limits(min_size, max_size))
        return self._add_import(Import(module, name, "table", desc, debug_name))

    def import_tag(
        self, module: str, name: str, type_idx: int, debug_name: str | None = None
    ) -> int:
        self._check_func_type(type_idx, f"import {module}.{name}")
        return self._add_import(Import(module, name, "tag", type_idx, debug_name))

    # -- functions ---------------------------------------------------------

    def declare_function(self, name: str | None, type_idx: int) -> int:
        """Reserve a function index (for forward references); fill it in with define_function."""
        self._check_func_type(type_idx, f"function {name!r}")
        self.functions.append(Function(name, type_idx))
        return self.num_funcs - 1

    def define_function(
        self,
        index: int,
        locals: Iterable[ValType] = (),
        body: Iterable[Instr] = (),
        local_names: Mapping[int, str] | Sequence[str | None] | None = None,
    ) -> None:
        n_imp = self._import_counts["func"]
        if not n_imp <= index < self.num_funcs:
            raise WasmBuildError(f"define_function: {index} is not a declared function index")
        fn = self.functions[index - n_imp]
        if fn.defined:
            raise WasmBuildError(f"function {fn.name!r} (index {index}) is already defined")
        fn.locals = list(locals)
        fn.body = body if isinstance(body, list) else list(body)
        if isinstance(local_names, Mapping):
            fn.local_names = dict(local_names)
        elif local_names is not None:
            fn.local_names = {i: n for i, n in enumerate(local_names) if n is not None}
        fn.defined = True

    def add_function(
        self,
        name: str | None,
        type_idx: int,
        locals: Iterable[ValType] = (),
        body: Iterable[Instr] = (),
        local_names: Mapping[int, str] | Sequence[str | None] | None = None,
    ) -> int:
        """Add a function; `body` excludes the final `end`.  Returns its index.

        `local_names` covers parameters and locals alike (local index -> name).
        A list body is kept as is, not copied."""
        idx = self.declare_function(name, type_idx)
        self.define_function(idx, locals, body, local_names)
        return idx

    # -- other definitions ---------------------------------------------------

    def add_table(
        self,
        reftype: RefType,
        min_size: int,
        max_size: int | None = None,
        init: Sequence[Instr] | None = None,
        name: str | None = None,
    ) -> int:
        table = Table(TableType(reftype, Limits(min_size, max_size)), None, name)
        if init is not None:
            table.init = list(init)
        self.tables.append(table)
        return self.num_tables - 1

    def add_memory(
        self, min_pages: int, max_pages: int | None = None, name: str | None = None
    ) -> int:
        self.memories.append(Memory(Limits(min_pages, max_pages), name))
        return self.num_memories - 1

    def add_global(
        self,
        valtype: ValType,
        mutable: bool,
        init: Sequence[Instr],
        name: str | None = None,
    ) -> int:
        """Add a global; `init` is its constant initializer expression (without `end`)."""
        self.globals.append(Global(GlobalType(valtype, mutable), list(init), name))
        return self.num_globals - 1

    def add_tag(self, type_idx: int, name: str | None = None) -> int:
        """Add an exception tag; its type must be a func type with no results."""
        ft = self._check_func_type(type_idx, f"tag {name!r}")
        if ft.results:
            raise WasmBuildError(f"tag {name!r}: tag type {type_idx} has results")
        self.tags.append(Tag(type_idx, name))
        return self.num_tags - 1

    def add_export(self, name: str, kind: ExternKind, index: int) -> None:
        if kind not in EXTERN_KINDS:
            raise WasmBuildError(f"export {name!r}: unknown kind {kind!r}")
        if any(e.name == name for e in self.exports):
            raise WasmBuildError(f"duplicate export name {name!r}")
        self.exports.append(Export(name, kind, index))

    def set_start(self, func_idx: int) -> None:
        self.start = func_idx

    def add_element_segment(
        self,
        mode: ElemMode,
        funcs: Iterable[int] | None = None,
        exprs: Iterable[Sequence[Instr]] | None = None,
        reftype: RefType = FUNCREF,
        table: int = 0,
        offset: int | Sequence[Instr] | None = None,
        name: str | None = None,
    ) -> int:
        """Add an element segment of function indices (`funcs`) or constant
        expressions (`exprs`).  A "declarative" segment of the functions used by
        `ref.func` is what makes those `ref.func`s validate."""
        if mode not in ("active", "passive", "declarative"):
            raise WasmBuildError(f"element segment: unknown mode {mode!r}")
        if (funcs is None) == (exprs is None):
            raise WasmBuildError("element segment: give exactly one of funcs and exprs")
        seg = ElementSegment(
            mode,
            reftype,
            list(funcs) if funcs is not None else None,
            [list(e) for e in exprs] if exprs is not None else None,
            table,
            _offset_expr(offset) if mode == "active" else None,
            name,
        )
        self.elements.append(seg)
        return len(self.elements) - 1

    def add_data_segment(
        self,
        data: bytes,
        mode: DataMode = "passive",
        memory: int = 0,
        offset: int | Sequence[Instr] | None = None,
        name: str | None = None,
    ) -> int:
        if mode not in ("active", "passive"):
            raise WasmBuildError(f"data segment: unknown mode {mode!r}")
        off = _offset_expr(offset) if mode == "active" else None
        self.datas.append(DataSegment(bytes(data), mode, memory, off, name))
        return len(self.datas) - 1
