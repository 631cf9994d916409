"""The core of the function compiler: locals, labels, variable locations,
value contexts, and the simple IR nodes.

Every expression is compiled for one of four contexts (`Mode`):
EFFECT leaves nothing; VALUE leaves one eqref; MV leaves the primary value
and sets the $mv-count/$mv-buffer globals; TAIL is MV in a position where a
call may be a `return_call` (tail position, outside any dynamic-extent
construct).  So single-value contexts never pay for multiple-value
bookkeeping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from clysm.backend import objects as O
from clysm.backend.analysis import Free
from clysm.errors import InternalError
from clysm.frontend import ir
from clysm.lisp.data import NIL, Symbol
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, I32, RefType, ValType, ref, ref_null

if TYPE_CHECKING:
    from clysm.backend.codegen.context import LambdaInfo, ModuleContext


class Mode(IntEnum):
    EFFECT = 0
    VALUE = 1
    MV = 2
    TAIL = 3


def no_tail(mode: Mode) -> Mode:
    return Mode.MV if mode == Mode.TAIL else mode


@dataclass(frozen=True)
class Loc:
    """Where a binding lives in the function being compiled.

    kind: "local" (value in a local), "cell-local" (a $cell in a local),
    "field"/"cell-field" (closure field holding the value / a cell),
    "global" (a constant function object), "self" (the function itself).
    """

    kind: str
    index: int = 0


@dataclass
class DynEntry:
    """A dynamic-extent construct open in the current function, innermost last.

    kind "bind": special bindings made since the binding stack pointer was
    `sp_local`; "catch": a try_table catching $unwind (nothing to undo on a
    local exit); "uwp": an unwind-protect whose cleanup must run on a local exit.
    A "catch" of CATCH also has `exit` (the label its value leaves by),
    `sp_local` (its frame's binding-stack index) and `outer_len` (the length
    of the dynamic list outside it): calls in its body check for a thrower
    that returned to it (docs/object-model.md).
    """

    kind: str
    sp_local: int = -1
    cleanup: ir.Node | None = None
    outer_len: int = 0
    exit: int = -1


class CompilerCore:
    def __init__(self, ctx: ModuleContext, info: LambdaInfo) -> None:
        self.ctx = ctx
        self.k = ctx.k
        self.t = ctx.types
        self.lits = ctx.lits
        self.info = info
        self.lam = info.lam
        m = self.k.module
        ft = m.types[m.functions[info.code_func - m.imported_count("func")].type_idx].composite
        self.n_params = len(ft.params)  # type: ignore[union-attr]
        self.locals: list[ValType] = []
        self.local_names: dict[int, str] = {}
        self.code: list[Instr] = []
        self.ctl: list[str] = []  # open Wasm blocks
        self.env: dict[int, Loc] = {}  # id(binding) -> location
        self.dyn: list[DynEntry] = []
        self.free_temps: dict[Any, list[int]] = {}
        self.env_local = -1  # the closure, cast to its own type

    # -- emission ------------------------------------------------------------

    def e(self, *instrs: Instr) -> None:
        self.code.extend(instrs)

    def local(self, t: ValType, name: str | None = None) -> int:
        self.locals.append(t)
        idx = self.n_params + len(self.locals) - 1
        if name:
            self.local_names[idx] = name
        return idx

    def temp(self, t: ValType = EQREF) -> int:
        free = self.free_temps.get(t)
        if free:
            return free.pop()
        return self.local(t)

    def release(self, idx: int, t: ValType = EQREF) -> None:
        self.free_temps.setdefault(t, []).append(idx)

    def open(self, op: str, bt: object, *rest: object) -> int:
        self.code.append((op, bt, *rest))
        self.ctl.append(op)
        return len(self.ctl) - 1

    def close(self) -> None:
        self.code.append(("end",))
        self.ctl.pop()

    def depth(self, height: int) -> int:
        """The relative label of the block opened at `height`."""
        return len(self.ctl) - 1 - height

    def ref(self, name: str) -> RefType:
        return ref(self.t[name])

    def nil(self) -> Instr:
        return ("global.get", self.k.g("nil"))

    def call_k(self, name: str) -> Instr:
        return ("call", self.k.f(name))

    def finish(self, mode: Mode) -> None:
        """After pushing a single value: adapt it to `mode`."""
        if mode == Mode.EFFECT:
            self.e(("drop",))
        elif mode >= Mode.MV:
            self.e(("i32.const", 1), ("global.set", self.k.g("mv-count")))

    def bool_from_i32(self) -> None:
        """i32 condition on the stack -> T or NIL."""
        tmp = self.temp(I32)
        self.e(
            ("local.set", tmp),
            ("global.get", self.k.g("t")),
            self.nil(),
            ("local.get", tmp),
            ("select", [EQREF]),
        )
        self.release(tmp, I32)

    # -- dispatch ------------------------------------------------------------

    def check_thrown_here(self) -> None:
        """After a call returned: branch to a CATCH its callee threw to
        (defined in control.py)."""
        raise NotImplementedError

    def expr(self, node: ir.Node, mode: Mode) -> None:
        method: Callable[[Any, Mode], None] | None = getattr(self, "c_" + type(node).__name__, None)
        if method is None:
            raise InternalError(f"back end: no code generator for {type(node).__name__}")
        method(node, mode)

    def cond(self, node: ir.Node) -> None:
        """Push an i32: 1 unless `node`'s value is NIL."""
        if isinstance(node, ir.PrimCall) and self.prim_cond(node):  # type: ignore[attr-defined]
            return
        if isinstance(node, ir.Const):
            self.e(("i32.const", 0 if node.value is None or node.value is NIL else 1))
            return
        self.expr(node, Mode.VALUE)
        self.e(self.nil(), ("ref.eq",), ("i32.eqz",))

    # -- variables -----------------------------------------------------------

    def location(self, b: Free) -> Loc:
        loc = self.env.get(id(b))
        if loc is None and isinstance(b, ir.FunVar) and self.ctx.analysis.is_constant_fun(b):
            # Constant local functions are module globals, visible everywhere.
            assert b.lam is not None
            info = self.ctx.lambda_info(b.lam)
            assert info.const_global is not None
            loc = self.env[id(b)] = Loc("global", info.const_global)
        if loc is None:
            raise InternalError(f"back end: {b!r} has no location here")
        return loc

    def load(self, b: Free) -> None:
        """Push the value of binding `b` (a function object for FunVars)."""
        loc = self.location(b)
        t = self.t
        if loc.kind == "local":
            self.e(("local.get", loc.index))
        elif loc.kind == "cell-local":
            self.e(("local.get", loc.index), ("struct.get", t["cell"], O.F_CELL_VALUE))
        elif loc.kind == "field":
            self.e(("local.get", self.env_local), ("struct.get", self.info.closure_type, loc.index))
        elif loc.kind == "cell-field":
            self.e(
                ("local.get", self.env_local),
                ("struct.get", self.info.closure_type, loc.index),
                ("ref.cast", self.ref("cell")),
                ("struct.get", t["cell"], O.F_CELL_VALUE),
            )
        elif loc.kind == "global":
            self.e(("global.get", loc.index))
        elif loc.kind == "self":
            self.e(("local.get", 0))
        else:
            raise InternalError(loc.kind)

    def load_function(self, fv: ir.FunVar) -> None:
        """Push the function object of a local function as (ref $function)."""
        loc = self.location(fv)
        if loc.kind == "self":
            self.e(("local.get", 0))
            return
        self.load(fv)
        if loc.kind == "global":
            self.e(("ref.as_non_null",))
        else:
            self.e(("ref.cast", self.ref("function")))

    def load_capture(self, b: Free) -> None:
        """Push what a closure captures for `b`: the cell itself for shared variables."""
        loc = self.location(b)
        if loc.kind == "cell-local":
            self.e(("local.get", loc.index))
        elif loc.kind == "cell-field":
            self.e(("local.get", self.env_local), ("struct.get", self.info.closure_type, loc.index))
        else:
            self.load(b)

    def store(self, var: ir.LexVar, keep: bool) -> None:
        """Store the value on the stack into `var`; with keep, leave it on the stack."""
        loc = self.env[id(var)]
        if loc.kind == "local":
            self.e(("local.tee" if keep else "local.set", loc.index))
            return
        tmp = self.temp()
        self.e(("local.set", tmp))
        if loc.kind == "cell-local":
            self.e(("local.get", loc.index))
        elif loc.kind == "cell-field":
            self.e(
                ("local.get", self.env_local),
                ("struct.get", self.info.closure_type, loc.index),
                ("ref.cast", self.ref("cell")),
            )
        else:
            raise InternalError(f"back end: cannot assign {var!r} at {loc.kind}")
        self.e(("local.get", tmp), ("struct.set", self.t["cell"], O.F_CELL_VALUE))
        if keep:
            self.e(("local.get", tmp))
        self.release(tmp)

    def bind_lexvar(self, var: ir.LexVar) -> None:
        """Bind a fresh `var` to the value on the stack."""
        if var.needs_cell:
            cell = self.local(ref_null(self.t["cell"]), var.name.name)
            tmp = self.temp()
            self.e(
                ("local.set", tmp),
                ("i32.const", 0),
                ("local.get", tmp),
                ("struct.new", self.t["cell"]),
                ("local.set", cell),
            )
            self.release(tmp)
            self.env[id(var)] = Loc("cell-local", cell)
        else:
            idx = self.local(EQREF, var.name.name)
            self.e(("local.set", idx))
            self.env[id(var)] = Loc("local", idx)

    def symbol_global(self, sym: Symbol) -> int:
        return self.lits.symbol(sym)

    def bind_special(self, sym: Symbol, value_local: int) -> None:
        self.e(
            ("global.get", self.symbol_global(sym)),
            ("local.get", value_local),
            self.call_k("%bind"),
        )

    def save_sp(self) -> int:
        sp = self.temp(I32)
        self.e(("global.get", self.k.g("bind-sp")), ("local.set", sp))
        return sp

    def unbind(self, sp: int) -> None:
        self.e(("local.get", sp), self.call_k("%unbind-to"))

    # -- simple nodes ----------------------------------------------------------

    def c_Const(self, node: ir.Const, mode: Mode) -> None:
        if mode == Mode.EFFECT:
            return
        self.e(*self.lits.push(node.value))
        self.finish(mode)

    def c_LexRef(self, node: ir.LexRef, mode: Mode) -> None:
        if mode == Mode.EFFECT:
            return
        self.load(node.var)
        self.finish(mode)

    def c_LexSet(self, node: ir.LexSet, mode: Mode) -> None:
        self.expr(node.value, Mode.VALUE)
        self.store(node.var, keep=mode != Mode.EFFECT)
        if mode != Mode.EFFECT:
            self.finish(mode)

    def c_GlobalRef(self, node: ir.GlobalRef, mode: Mode) -> None:
        g = self.symbol_global(node.symbol)
        self.open("block", EQREF)
        self.e(
            ("global.get", g),
            ("struct.get", self.t["symbol"], O.F_SYMBOL_VALUE),
            ("br_on_non_null", 0),
            ("global.get", g),
            self.call_k("%unbound-variable"),
        )
        self.close()
        self.finish(mode)

    def c_GlobalSet(self, node: ir.GlobalSet, mode: Mode) -> None:
        tmp = self.temp()
        self.expr(node.value, Mode.VALUE)
        self.e(
            ("local.set", tmp),
            ("global.get", self.symbol_global(node.symbol)),
            ("local.get", tmp),
            ("struct.set", self.t["symbol"], O.F_SYMBOL_VALUE),
        )
        if mode != Mode.EFFECT:
            self.e(("local.get", tmp))
            self.finish(mode)
        self.release(tmp)

    def guarded_if(self, node: ir.If, mode: Mode) -> bool:
        """Compile an IF whose test guards its THEN as one fused construct (primitives)."""
        return False

    def c_If(self, node: ir.If, mode: Mode) -> None:
        if self.guarded_if(node, mode):
            return
        self.cond(node.test)
        self.open("if", None if mode == Mode.EFFECT else EQREF)
        self.expr(node.then, mode)
        self.e(("else",))
        self.expr(node.else_, mode)
        self.close()

    def c_Progn(self, node: ir.Progn, mode: Mode) -> None:
        if not node.body:
            self.c_Const(ir.Const(None), mode)
            return
        for form in node.body[:-1]:
            self.expr(form, Mode.EFFECT)
        self.expr(node.body[-1], mode)

    def c_The(self, node: ir.The, mode: Mode) -> None:
        self.expr(node.value, mode)

    def c_LoadTimeValue(self, node: ir.LoadTimeValue, mode: Mode) -> None:
        # Evaluated once, the first time this code runs (a Lisp value is never
        # null, so null means "not yet").
        m = self.k.module
        g = m.add_global(EQREF, True, [("ref.null", "eq")], "load-time-value")
        tmp = self.temp()
        self.open("block", EQREF)
        self.e(("global.get", g), ("br_on_non_null", 0))
        self.expr(node.form, Mode.VALUE)
        self.e(("local.tee", tmp), ("global.set", g), ("local.get", tmp))
        self.close()
        self.release(tmp)
        self.finish(mode)
