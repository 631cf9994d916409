"""A tiny assembler for the hand-written kernel functions, and the builder state
they share (kernel strings, kernel symbols, the runtime module)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clysm.backend import objects as O
from clysm.backend.kernel.spec import KernelRefs
from clysm.wasm import Instr, Module
from clysm.wasm.types import RefType, ValType, ref, ref_null

# Linear memory layout used for WASI calls: an iovec, the nwritten cell, then
# the output buffer.
IOVEC = 0
NWRITTEN = 8
BUF = 16
BUF_SIZE = 4096
MEMORY_PAGES = 1


class Asm:
    """One kernel function body: parameters are locals 0..n-1."""

    def __init__(self, n_params: int) -> None:
        self.n_params = n_params
        self.locals: list[ValType] = []
        self.code: list[Instr] = []

    def local(self, t: ValType) -> int:
        self.locals.append(t)
        return self.n_params + len(self.locals) - 1

    def __call__(self, *instrs: Instr) -> None:
        self.code.extend(instrs)


@dataclass
class KernelBuilder:
    """State for building the kernel into the runtime module."""

    refs: KernelRefs
    strings: dict[str, int] = field(default_factory=dict)
    symbols: dict[tuple[str, str], int] = field(default_factory=dict)
    init_symbols: list[Instr] = field(default_factory=list)
    fd_write: int = -1
    proc_exit: int = -1
    fd_read: int = -1
    clock_time_get: int = -1
    fd_prestat_get: int = -1
    fd_prestat_dir_name: int = -1
    path_open: int = -1
    fd_close: int = -1
    jit_compile: int = -1
    jit_error: int = -1
    ref_funcs: set[int] = field(default_factory=set)  # kernel functions used by ref.func

    @property
    def m(self) -> Module:
        return self.refs.module

    @property
    def t(self) -> O.RuntimeTypes:
        return self.refs.types

    def f(self, name: str) -> int:
        return self.refs.funcs[name]

    def g(self, name: str) -> int:
        return self.refs.globals[name]

    def ref(self, name: str) -> RefType:
        return ref(self.t[name])

    def ref_null(self, name: str) -> RefType:
        return ref_null(self.t[name])

    def string_expr(self, text: str) -> list[Instr]:
        """A constant expression making a fresh $string."""
        codes: list[Instr] = [("i32.const", ord(c)) for c in text]
        return [
            ("i32.const", 0),
            *codes,
            ("array.new_fixed", self.t["char-array"], len(text)),
            ("struct.new", self.t["string"]),
        ]

    def string(self, text: str) -> int:
        """A global holding a kernel string constant (made by a constant expression)."""
        idx = self.strings.get(text)
        if idx is None:
            idx = self.m.add_global(
                self.ref("string"), False, self.string_expr(text), f"str:{text}"
            )
            self.strings[text] = idx
        return idx

    def symbol(self, package: str, name: str) -> int:
        """A global holding a symbol the kernel needs, interned by `init`."""
        key = (package, name)
        idx = self.symbols.get(key)
        if idx is None:
            init = [("ref.null", self.t["symbol"])]
            idx = self.m.add_global(self.ref_null("symbol"), True, init, f"sym:{name}")
            self.symbols[key] = idx
            self.init_symbols += [
                ("global.get", self.string(package)),
                ("global.get", self.string(name)),
                ("call", self.f("%intern")),
                ("global.set", idx),
            ]
        return idx

    def cl(self, name: str) -> int:
        return self.symbol("COMMON-LISP", name)

    def error(self, kind: str, message: str, *irritants: list[Instr]) -> list[Instr]:
        """Code that signals error `kind` (a CL symbol name); irritants are
        instruction sequences each pushing one value."""
        code: list[Instr] = [("global.get", self.cl(kind)), ("global.get", self.string(message))]
        code += self.list_of(irritants)
        code += [("call", self.f("%error")), ("unreachable",)]
        return code

    def list_of(self, items: tuple[list[Instr], ...] | list[list[Instr]]) -> list[Instr]:
        """Code pushing a fresh list of the values pushed by `items`."""
        code: list[Instr] = []
        for item in items:
            code += [("i32.const", 0), *item]
        code.append(("global.get", self.g("nil")))
        code += [("struct.new", self.t["cons"])] * len(items)
        return code

    def call_lisp(self, type_index: int) -> list[Instr]:
        """A `call_ref` of a Lisp function from kernel code.  It lowers the
        depth counter by two, not one: a Lisp frame one below a catch's frame
        is then always called from that frame's own code, which the fast
        return of THROW relies on (docs/object-model.md)."""
        depth = self.g("depth")
        return [
            ("global.get", depth),
            ("i32.const", 2),
            ("i32.sub",),
            ("global.set", depth),
            ("global.get", depth),
            ("i32.const", 0),
            ("i32.le_s",),
            ("if", None),
            ("call", self.f("%stack-exhausted")),
            ("end",),
            ("call_ref", type_index),
            ("global.get", depth),
            ("i32.const", 2),
            ("i32.add",),
            ("global.set", depth),
        ]

    def fixnum(self, code: list[Instr]) -> list[Instr]:
        """Wrap i32-producing `code` as a fixnum."""
        return [*code, ("ref.i31",)]


BodyFn = Callable[[KernelBuilder, Asm], None]
BODIES: dict[str, BodyFn] = {}


def body(name: str) -> Callable[[BodyFn], BodyFn]:
    """Register the body of kernel function `name`."""

    def register(fn: BodyFn) -> BodyFn:
        BODIES[name] = fn
        return fn

    return register


def count_up(
    i: int,
    start: list[Instr] | None,
    end: list[Instr],
    loop_body: list[Instr],
    *,
    unsigned: bool = False,
) -> list[Instr]:
    """for (i = start; i < end; i++) body -- `br 1` in the body breaks.  With
    `start` None, i keeps its value (a fresh local is 0); `unsigned` compares
    as unsigned numbers."""
    return [
        *([] if start is None else [*start, ("local.set", i)]),
        ("block", None),
        ("loop", None),
        ("local.get", i),
        *end,
        ("i32.ge_u",) if unsigned else ("i32.ge_s",),
        ("br_if", 1),
        *loop_body,
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", i),
        ("br", 0),
        ("end",),
        ("end",),
    ]
