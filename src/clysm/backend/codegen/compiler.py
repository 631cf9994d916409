"""The function compiler: one Lambda -> one Wasm function.

A Lambda with only required parameters (at most 4) compiles to an `entryN`
function; any other lambda list compiles to a `general` function that parses
its argument array (see docs/object-model.md).
"""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend import (  # noqa: F401  (registration)
    primitives_arrays,
    primitives_cells,
    primitives_guarded,
    primitives_numbers,
)
from clysm.backend.codegen.calls import CallsMixin
from clysm.backend.codegen.context import LambdaInfo, ModuleContext
from clysm.backend.codegen.control import BlockState, ControlMixin, TagbodyState
from clysm.backend.codegen.core import Loc, Mode
from clysm.backend.codegen.values import ValuesMixin
from clysm.backend.primitives import PrimitivesMixin
from clysm.frontend import ir
from clysm.lisp.data import LispVector, Symbol
from clysm.wasm.types import EQREF, I32, ref, ref_null

Param = ir.LexVar | Symbol


class FunctionCompiler(ControlMixin, CallsMixin, ValuesMixin, PrimitivesMixin):
    def __init__(self, ctx: ModuleContext, info: LambdaInfo) -> None:
        super().__init__(ctx, info)
        self.blocks: dict[int, BlockState] = {}
        self.tagbodies: dict[int, TagbodyState] = {}
        self.specials: list[tuple[Symbol, int]] = []  # special parameters to bind

    def compile(self) -> None:
        info = self.info
        if info.closure_type is not None:
            self.env_local = self.local(ref_null(info.closure_type), "env")
            self.e(
                ("local.get", 0),
                ("ref.cast", ref(info.closure_type)),
                ("local.set", self.env_local),
            )
            for i, b in enumerate(info.captures):
                field = O.N_FUNCTION_FIELDS + i
                cell = isinstance(b, ir.LexVar) and b.needs_cell
                self.env[id(b)] = Loc("cell-field" if cell else "field", field)
        own = self.ctx.analysis.funvar_of_lambda.get(id(self.lam))
        if own is not None:
            # Inside a local function, its own name is the function itself.
            self.env[id(own)] = Loc("self")
        if info.fixed is not None:
            for i, p in enumerate(self.lam.required):
                self.e(("local.get", 1 + i))
                self.bind_param(p)
        else:
            self.parse_general()
        self.with_specials(self.specials, self.lam.body, Mode.TAIL)
        m = self.k.module
        m.define_function(info.code_func, self.locals, self.code, self.local_names)

    def bind_param(self, p: Param | None) -> None:
        """Bind parameter `p` to the value on the stack."""
        if p is None:
            self.e(("drop",))
        elif isinstance(p, ir.LexVar):
            self.bind_lexvar(p)
        else:
            tmp = self.temp()
            self.e(("local.set", tmp))
            self.specials.append((p, tmp))

    def parse_general(self) -> None:
        lam = self.lam
        nreq, nopt = len(lam.required), len(lam.optional)
        n = self.local(I32, "nargs")
        self.e(("local.get", 1), ("array.len",), ("local.set", n))
        # Argument count check.
        too_few = [("local.get", n), ("i32.const", nreq), ("i32.lt_u",)]
        if lam.rest is None and not lam.key_p:
            too_many = [("local.get", n), ("i32.const", nreq + nopt), ("i32.gt_u",), ("i32.or",)]
            too_few += too_many
        self.e(*too_few, ("if", None), ("local.get", 0), ("local.get", n))  # type: ignore[arg-type]
        self.e(self.call_k("%arg-count-error"), ("end",))
        for i, p in enumerate(lam.required):
            self.e(("local.get", 1), ("i32.const", i), ("array.get", self.t["value-array"]))
            self.bind_param(p)
        for j, opt in enumerate(lam.optional):
            i = nreq + j
            present = [("local.get", n), ("i32.const", i), ("i32.gt_u",)]
            self.e(*present, ("if", EQREF))  # type: ignore[arg-type]
            self.e(("local.get", 1), ("i32.const", i), ("array.get", self.t["value-array"]))
            self.e(("else",))
            self.expr(opt.default, Mode.VALUE)
            self.e(("end",))
            self.bind_param(opt.var)
            if opt.supplied is not None:
                self.e(*present)  # type: ignore[arg-type]
                self.bool_from_i32()
                self.bind_param(opt.supplied)
        start = nreq + nopt
        if lam.rest is not None:
            self.e(("local.get", 1), ("i32.const", start), self.call_k("%list-from-array"))
            self.bind_param(lam.rest)
        if lam.key_p:
            self.parse_keys(n, start)

    def parse_keys(self, n: int, start: int) -> None:
        lam = self.lam
        known = self.lits.push(LispVector([k.keyword for k in lam.keys]))
        self.e(("local.get", n), ("i32.const", start), ("i32.gt_u",), ("if", None))
        self.e(("local.get", 0), ("local.get", 1), ("i32.const", start), *known)
        self.e(
            ("ref.cast", ref(self.t["simple-vector"])),
            ("struct.get", self.t["simple-vector"], O.F_VECTOR_ITEMS),
            ("i32.const", int(lam.allow_other_keys)),
            self.call_k("%check-keys"),
            ("end",),
        )
        ki = self.local(I32, "key-index")
        for key in lam.keys:
            self.e(
                ("local.get", 1),
                ("i32.const", start),
                ("global.get", self.symbol_global(key.keyword)),
                self.call_k("%find-key"),
                ("local.tee", ki),
                ("i32.const", 0),
                ("i32.ge_s",),
                ("if", EQREF),
                ("local.get", 1),
                ("local.get", ki),
                ("array.get", self.t["value-array"]),
                ("else",),
            )
            self.expr(key.default, Mode.VALUE)
            self.e(("end",))
            self.bind_param(key.var)
            if key.supplied is not None:
                self.e(("local.get", ki), ("i32.const", 0), ("i32.ge_s",))
                self.bool_from_i32()
                self.bind_param(key.supplied)
