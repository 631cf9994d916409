"""Building whole modules: the runtime module and program modules.

The runtime module holds the kernel (kernel/) plus the compiled runtime
library forms; its exported `init` finishes the kernel's objects, makes the
library's literals and runs the library's top-level forms.  A program module
imports everything from "rt" (kernel/spec.py is the interface); its `_start`
calls the runtime's `init`, makes its own literals, runs its top-level forms
in order and exits with code 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from clysm.backend import objects as O
from clysm.backend.analysis import Analysis, analyze
from clysm.backend.codegen.context import ModuleContext
from clysm.backend.kernel.build import define_kernel, init_code
from clysm.backend.kernel.spec import KernelRefs, import_kernel
from clysm.backend.objects import define_runtime_types
from clysm.frontend import ir
from clysm.wasm import Instr, Module
from clysm.wasm.encoder import small_function_count
from clysm.wasm.types import EQREF, I32, ref, ref_null

# Top-level forms per start-up function.
TOPLEVEL_BATCH = 64

# V8 sizes the inlining budget of a module's optimized functions by the share
# of its defined functions whose bodies are under 50 bytes: at a quarter or
# less it takes the module as already inlined by its toolchain and inlines
# little (about twice the caller's size, capped at 700 nodes), at one half or
# more it inlines freely (five times, capped at 7,000).  clysm inlines nothing
# itself, but few Lisp functions are that small, so a program module got the
# low budget: takl's self tail-recursive SHORTER-P was not unrolled into
# itself and ran at half the speed of the same code in a Tier 2 module.
# Empty functions, never called (so never compiled: V8 compiles lazily),
# bring the share to one half (docs/benchmarks.md).
V8_SMALL_BODY = 50


def _pad_for_v8_inlining(m: Module) -> None:
    missing = len(m.functions) - 2 * small_function_count(m, V8_SMALL_BODY)
    if missing > 0:
        empty = m.func_type([], [])
        for _ in range(missing):
            m.add_function(None, empty)


def _compile_forms(
    k: KernelRefs, forms: Sequence[ir.TopLevelForm]
) -> tuple[ModuleContext, list[Instr]]:
    """Compile top-level forms; return the context and code running them in order.

    Consecutive forms share one function (a batch): the engine compiles each
    function on its first call, and thousands of one-form functions that each
    run once make start-up slow."""
    batches = [forms[i : i + TOPLEVEL_BATCH] for i in range(0, len(forms), TOPLEVEL_BATCH)]
    thunks = [
        ir.Lambda(
            None, [], body=ir.Progn([f.node for f in batch], pos=batch[0].pos), pos=batch[0].pos
        )
        for batch in batches
    ]
    ctx = ModuleContext(k, analyze(list(thunks), Analysis()))
    run: list[Instr] = []
    for i, thunk in enumerate(thunks):
        info = ctx.lambda_info(thunk)
        info.name = f"toplevel-{i}"
        k.module.functions[info.code_func - k.module.imported_count("func")].name = info.name
        assert info.const_global is not None
        run += [
            ("global.get", info.const_global),
            ("ref.as_non_null",),
            ("call", info.code_func),
            ("drop",),
        ]
    ctx.compile_pending()
    return ctx, run


def _literals_function(ctx: ModuleContext) -> int:
    m = ctx.k.module
    return m.add_function("%literals", m.func_type([], []), [], ctx.lits.init)


def build_runtime_module(forms: Sequence[ir.TopLevelForm] = ()) -> Module:
    m = Module("clysm-runtime")
    kb = define_kernel(m)
    ctx, run = _compile_forms(kb.refs, forms)
    literals = _literals_function(ctx)
    ctx.ref_funcs |= kb.ref_funcs
    ctx.declare_ref_funcs()
    body = [*init_code(kb), ("call", literals), *run]
    m.define_function(kb.f("init"), [I32], body)
    _pad_for_v8_inlining(m)
    return m


def build_program_module(forms: Sequence[ir.TopLevelForm]) -> Module:
    m = Module("clysm-program")
    types = define_runtime_types(m)
    k = import_kernel(m, types)
    ctx, run = _compile_forms(k, forms)
    literals = _literals_function(ctx)
    ctx.declare_ref_funcs()
    # A non-local exit whose target is gone would otherwise escape _start as
    # an engine-level exception: report it as a Lisp control-error.
    landing = m.func_type([], [EQREF, EQREF])
    body: list[Instr] = [
        ("call", k.f("init")),
        ("call", literals),
        ("block", landing),
        ("try_table", None, [("catch", k.unwind_tag, 0)]),
        *run,
        ("end",),
        ("i32.const", 0),
        ("call", k.f("%exit")),
        ("return",),
        ("end",),
        ("drop",),
        ("drop",),
        ("call", k.f("%unhandled-exit")),
    ]
    start = m.add_function("_start", m.func_type([], []), [], body)
    m.add_export("_start", "func", start)
    _pad_for_v8_inlining(m)
    return m


def build_jit_module(maker: ir.TopLevelForm) -> Module:
    """A Tier 2 module: it imports the runtime like a program module and
    exports `make(literals) -> function`.  `maker` evaluates to a function of
    one argument (the vector of literal objects the runtime hands over) that
    returns the compiled function."""
    m = Module("clysm-jit")
    types = define_runtime_types(m)
    k = import_kernel(m, types)
    thunk = ir.Lambda(None, [], body=maker.node, pos=maker.pos)
    ctx = ModuleContext(k, analyze([thunk], Analysis()))
    info = ctx.lambda_info(thunk)
    info.name = "jit-maker"
    assert info.const_global is not None
    ctx.compile_pending()
    literals = _literals_function(ctx)
    ctx.declare_ref_funcs()
    fn = ref(types["function"])
    body: list[Instr] = [
        ("call", literals),
        # The thunk returns the maker; call it with the literals.
        ("global.get", info.const_global),
        ("ref.as_non_null",),
        ("call", info.code_func),
        ("ref.cast", fn),
        ("local.tee", 1),
        ("ref.as_non_null",),
        ("local.get", 0),
        ("local.get", 1),
        ("struct.get", types["function"], O.F_ENTRY0 + 1),
        ("call_ref", types.entry(1)),
    ]
    make = m.add_function(
        "make", m.func_type([EQREF], [EQREF]), [ref_null(types["function"])], body
    )
    m.add_export("make", "func", make)
    _pad_for_v8_inlining(m)
    return m
