"""Building the kernel into the runtime module.

`define_kernel` adds the rec group, the WASI imports, memory, the $unwind tag,
the kernel globals and every kernel function (all exported under their kernel
names, which is what program modules import).  `init` is left for the linker
to define, since it also runs the runtime library's literals and top-level
forms: `init_code` gives its kernel part.
"""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.kernel import (  # noqa: F401
    bignum,
    calls,
    dynamic,
    errors,
    files,
    io,
    jit,
    symbols,
)
from clysm.backend.kernel.asm import BODIES, MEMORY_PAGES, Asm, KernelBuilder
from clysm.backend.kernel.jit import HOST
from clysm.backend.kernel.spec import (
    GLOBALS,
    SIGNATURES,
    UNWIND_TAG,
    KernelRefs,
    func_type_index,
    parse_signature,
    valtype,
)
from clysm.backend.kernel.symbols import SYMTAB_SIZE, init_prefix
from clysm.wasm import Instr, Module
from clysm.wasm.types import EQREF, EXNREF, I32, I64

WASI = "wasi_snapshot_preview1"
# Non-tail Lisp calls allowed before storage-condition; chosen so that both
# engines' stacks (node with --stack-size=4000, wasmtime's default 512 KiB
# Wasm stack) hold that many frames of typical compiled functions.
DEPTH_LIMIT = 10000
INITIAL_BIND_STACK = 256
N_CHARS = symbols.N_PREALLOCATED_CHARS


def _symbol_const(kb: KernelBuilder, name: str) -> list[Instr]:
    # NIL and T are made by constant expressions so that their globals are
    # immutable and non-null; `init` fills in the self references.
    t = kb.t
    return [
        ("i32.const", 0),
        *kb.string_expr(name),
        ("ref.null", "eq"),
        ("ref.null", "eq"),
        ("ref.null", t["function"]),
        ("ref.null", "eq"),
        ("i32.const", O.FLAG_CONSTANT),
        ("struct.new", t["symbol"]),
    ]


def define_kernel(module: Module) -> KernelBuilder:
    types = O.define_runtime_types(module)
    refs = KernelRefs(module, types)
    kb = KernelBuilder(refs)
    kb.fd_write = module.import_func(
        WASI, "fd_write", module.func_type([I32] * 4, [I32]), "wasi:fd_write"
    )
    kb.proc_exit = module.import_func(
        WASI, "proc_exit", module.func_type([I32], []), "wasi:proc_exit"
    )
    kb.fd_read = module.import_func(
        WASI, "fd_read", module.func_type([I32] * 4, [I32]), "wasi:fd_read"
    )
    kb.clock_time_get = module.import_func(
        WASI, "clock_time_get", module.func_type([I32, I64, I32], [I32]), "wasi:clock_time_get"
    )
    kb.fd_prestat_get = module.import_func(
        WASI, "fd_prestat_get", module.func_type([I32] * 2, [I32]), "wasi:fd_prestat_get"
    )
    kb.fd_prestat_dir_name = module.import_func(
        WASI,
        "fd_prestat_dir_name",
        module.func_type([I32] * 3, [I32]),
        "wasi:fd_prestat_dir_name",
    )
    path_open_params = [I32, I32, I32, I32, I32, I64, I64, I32, I32]
    kb.path_open = module.import_func(
        WASI, "path_open", module.func_type(path_open_params, [I32]), "wasi:path_open"
    )
    kb.fd_close = module.import_func(
        WASI, "fd_close", module.func_type([I32], [I32]), "wasi:fd_close"
    )
    kb.jit_compile = module.import_func(
        HOST, "jit_compile", module.func_type([I32, I32, EQREF], [EQREF]), "host:jit_compile"
    )
    kb.jit_error = module.import_func(
        HOST, "jit_error", module.func_type([I32, I32], [I32]), "host:jit_error"
    )
    module.add_export("memory", "memory", module.add_memory(MEMORY_PAGES, name="memory"))
    refs.unwind_tag = module.add_tag(module.func_type([EQREF, EQREF], []), UNWIND_TAG)
    module.add_export(UNWIND_TAG, "tag", refs.unwind_tag)
    refs.unwind_catch_bt = module.func_type([], [EQREF, EQREF, EXNREF])

    va = types["value-array"]
    inits: dict[str, list[Instr]] = {
        "nil": _symbol_const(kb, "NIL"),
        "t": _symbol_const(kb, "T"),
        "mv-count": [("i32.const", 1)],
        "mv-buffer": [("i32.const", O.MULTIPLE_VALUES_LIMIT), ("array.new_default", va)],
        "bind-sp": [("i32.const", 0)],
        "bind-stack": [("i32.const", INITIAL_BIND_STACK), ("array.new_default", va)],
        "throw-pending": [("i32.const", 0)],
        "depth": [("i32.const", DEPTH_LIMIT)],
    }
    for name, (spelling, mutable) in GLOBALS.items():
        idx = module.add_global(valtype(types, spelling), mutable, inits[name], name)
        refs.globals[name] = idx
        module.add_export(name, "global", idx)
    internal = {
        "symtab": (False, SYMTAB_SIZE),
        "char-table": (False, N_CHARS),
    }
    for name, (mutable, size) in internal.items():
        init: list[Instr] = [("i32.const", size), ("array.new_default", va)]
        refs.globals[name] = module.add_global(kb.ref("value-array"), mutable, init, name)
    # The last identity hash handed out (objects get theirs lazily).
    refs.globals["hash-counter"] = module.add_global(I32, True, [("i32.const", 0)], "hash-counter")

    for name in SIGNATURES:
        refs.funcs[name] = module.declare_function(name, func_type_index(module, types, name))
        module.add_export(name, "func", refs.funcs[name])
    for name, build in BODIES.items():
        sig = parse_signature(types, SIGNATURES[name])
        if isinstance(sig, int):
            comp = module.types[sig].composite
            n_params = len(comp.params)  # type: ignore[union-attr]
        else:
            n_params = len(sig[0])
        asm = Asm(n_params)
        build(kb, asm)
        module.define_function(refs.funcs[name], asm.locals, asm.code)
    missing = set(SIGNATURES) - set(BODIES) - {"init"}
    assert not missing, f"kernel functions without a body: {sorted(missing)}"
    # The functions used by ref.func in generated code must be declared.
    return kb


def init_code(kb: KernelBuilder) -> list[Instr]:
    """The kernel part of `init` (which has one i32 local, index 0)."""
    return init_prefix(kb) + kb.init_symbols
