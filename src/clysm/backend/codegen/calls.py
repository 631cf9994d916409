"""Calls, function objects and closures.

A call with N <= 4 arguments goes through the callee's `entryN` field with
call_ref; more arguments go through `general` with an argument array.  A
call to a known local function calls its code directly.  Calls in TAIL mode
are return_call(_ref); other calls count stack depth (see `guard`).
"""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.codegen.core import CompilerCore, Loc, Mode
from clysm.errors import CompileError
from clysm.frontend import ir
from clysm.lisp.data import Cons, Symbol
from clysm.wasm.types import EQREF, ref, ref_null


class CallsMixin(CompilerCore):
    # -- the call sequence ------------------------------------------------------

    def guard_pre(self) -> None:
        """Count one more non-tail frame; past the limit, storage-condition."""
        d = self.k.g("depth")
        self.e(
            ("global.get", d),
            ("i32.const", 1),
            ("i32.sub",),
            ("global.set", d),
            ("global.get", d),
            ("i32.eqz",),
            ("if", None),
            self.call_k("%stack-exhausted"),
            ("end",),
        )

    def guard_post(self) -> None:
        d = self.k.g("depth")
        self.e(("global.get", d), ("i32.const", 1), ("i32.add",), ("global.set", d))

    def emit_call(self, mode: Mode, instr: str, target: int) -> None:
        """Emit a call (instr "call" or "call_ref") whose operands are pushed."""
        if mode == Mode.TAIL:
            self.e(("return_" + instr, target))
            return
        self.guard_pre()
        self.e((instr, target))
        self.guard_post()
        self.check_thrown_here()
        if mode == Mode.EFFECT:
            self.e(("drop",))

    def call_object(self, mode: Mode, push_fn: list[object], args: list[ir.Node]) -> None:
        """Call the function object pushed by `push_fn` (a (ref $function)) with `args`."""
        fn_t = ref(self.t["function"])
        f = self.temp(fn_t)
        self.e(*push_fn)  # type: ignore[arg-type]
        self.e(("local.tee", f))
        n = len(args)
        for a in args:
            self.expr(a, Mode.VALUE)
        if n <= O.MAX_FIXED_ARITY:
            self.e(("local.get", f), ("struct.get", self.t["function"], O.F_ENTRY0 + n))
            self.release(f, fn_t)
            self.emit_call(mode, "call_ref", self.t.entry(n))
        else:
            self.e(
                ("array.new_fixed", self.t["value-array"], n),
                ("local.get", f),
                ("struct.get", self.t["function"], O.F_GENERAL),
            )
            self.release(f, fn_t)
            self.emit_call(mode, "call_ref", self.t.general)

    def symbol_function_code(self, name: object) -> list[object]:
        """Code pushing the function of global function `name`, or signalling
        undefined-function (the cell is read at the call, so redefinition works)."""
        if isinstance(name, Symbol):
            g = self.symbol_global(name)
        else:
            assert isinstance(name, Cons)  # (SETF symbol), checked by the front end
            g = self.lits.setf_function_cell(name.cdr.car)
        return [
            ("block", ref(self.t["function"])),
            ("global.get", g),
            ("struct.get", self.t["symbol"], O.F_SYMBOL_FUNCTION),
            ("br_on_non_null", 0),
            ("global.get", g),
            self.call_k("%undefined-function"),
            ("end",),
        ]

    # -- call nodes -------------------------------------------------------------

    def c_CallGlobal(self, node: ir.CallGlobal, mode: Mode) -> None:
        self.call_object(mode, self.symbol_function_code(node.name), node.args)

    def c_Funcall(self, node: ir.Funcall, mode: Mode) -> None:
        if isinstance(node.function, ir.GlobalFunction):
            self.call_object(mode, self.symbol_function_code(node.function.name), node.args)
            return
        if isinstance(node.function, ir.LocalFunction):
            self.c_CallLocal(ir.CallLocal(node.function.fun, node.args), mode)
            return
        self.open("block", ref(self.t["function"]))
        self.expr(node.function, Mode.VALUE)
        self.e(
            ("br_on_cast", 0, EQREF, ref(self.t["function"])), self.call_k("%coerce-to-function")
        )
        self.close()
        # The function is already pushed: call with an empty prefix.
        self.call_object(mode, [], node.args)

    def c_CallLocal(self, node: ir.CallLocal, mode: Mode) -> None:
        fv = node.fun
        if fv.lam is None:
            raise CompileError(f"local function {fv.name!r} has no definition")
        info = self.ctx.lambda_info(fv.lam)
        n = len(node.args)
        if info.fixed is not None and info.fixed != n:
            # Wrong argument count: let the entry's stub signal it at run time.
            push: list[object] = []
            self.load_function(fv)
            self.call_object(mode, push, node.args)
            return
        self.load_function(fv)
        for a in node.args:
            self.expr(a, Mode.VALUE)
        if info.fixed is None:
            self.e(("array.new_fixed", self.t["value-array"], n))
        self.emit_call(mode, "call", info.code_func)

    def c_Apply(self, node: ir.Apply, mode: Mode) -> None:
        if not node.args:
            raise CompileError("apply needs at least one argument after the function")
        self.expr(node.function, Mode.VALUE)
        for a in node.args[:-1]:
            self.expr(a, Mode.VALUE)
        self.e(("array.new_fixed", self.t["value-array"], len(node.args) - 1))
        self.expr(node.args[-1], Mode.VALUE)
        self.emit_call(mode, "call", self.k.f("%apply"))

    def c_MultipleValueCall(self, node: ir.MultipleValueCall, mode: Mode) -> None:
        fn_t = ref_null(self.t["function"])
        f, acc, tmp = self.local(fn_t), self.local(EQREF), self.temp()
        self.expr(node.function, Mode.VALUE)
        self.e(self.call_k("%coerce-to-function"), ("local.set", f), self.nil(), ("local.set", acc))
        for a in node.args:
            self.expr(a, Mode.MV)
            self.e(
                ("local.set", tmp),
                ("local.get", acc),
                ("local.get", tmp),
                self.call_k("%mv-push-rev"),
                ("local.set", acc),
            )
        self.release(tmp)
        self.e(("local.get", f), ("ref.as_non_null",), ("local.get", acc))
        self.emit_call(mode, "call", self.k.f("%apply-rev"))

    # -- function objects -------------------------------------------------------

    def c_GlobalFunction(self, node: ir.GlobalFunction, mode: Mode) -> None:
        if mode == Mode.EFFECT:
            return
        self.e(*self.symbol_function_code(node.name))  # type: ignore[arg-type]
        self.finish(mode)

    def c_LocalFunction(self, node: ir.LocalFunction, mode: Mode) -> None:
        if mode == Mode.EFFECT:
            return
        self.load_function(node.fun)
        self.finish(mode)

    def c_Lambda(self, node: ir.Lambda, mode: Mode) -> None:
        if mode == Mode.EFFECT:
            return
        self.make_function(node, set())
        self.finish(mode)

    def make_function(self, lam: ir.Lambda, pending: set[int]) -> None:
        """Push a function object for `lam`; captures of FunVars in `pending`
        (labels functions not made yet) are left null, to be patched."""
        info = self.ctx.lambda_info(lam)
        if info.const_global is not None:
            self.e(("global.get", info.const_global), ("ref.as_non_null",))
            return
        captures = []
        for b in info.captures:
            if isinstance(b, ir.FunVar) and id(b) in pending:
                captures.append([("ref.null", "eq")])
                continue
            saved = len(self.code)
            self.load_capture(b)
            captures.append(self.code[saved:])
            del self.code[saved:]
        self.e(*self.ctx.function_object(info, captures))

    def c_LocalFunctions(self, node: ir.LocalFunctions, mode: Mode) -> None:
        fn_t = ref_null(self.t["function"])
        made: list[tuple[ir.FunVar, int]] = []
        const = [fv for fv in node.funs if self.ctx.analysis.is_constant_fun(fv)]
        for fv in const:
            assert fv.lam is not None
            info = self.ctx.lambda_info(fv.lam)
            assert info.const_global is not None
            self.env[id(fv)] = Loc("global", info.const_global)
        pending = {id(fv) for fv in node.funs} if node.recursive else set()
        locs: list[Loc] = []
        for fv in node.funs:
            if fv in const:
                continue
            assert fv.lam is not None
            self.make_function(fv.lam, pending)
            idx = self.local(fn_t, f"#'{fv.name}")
            self.e(("local.set", idx))
            made.append((fv, idx))
            locs.append(Loc("local", idx))
        for fv, idx in made:
            self.env[id(fv)] = Loc("local", idx)
        if node.recursive:
            # Patch the captures of functions of this labels that were null.
            for fv, idx in made:
                assert fv.lam is not None
                info = self.ctx.lambda_info(fv.lam)
                for i, b in enumerate(info.captures):
                    if isinstance(b, ir.FunVar) and id(b) in pending:
                        self.e(("local.get", idx), ("ref.cast", ref(info.closure_type)))  # type: ignore[arg-type]
                        self.load(b)
                        self.e(("struct.set", info.closure_type, O.N_FUNCTION_FIELDS + i))
        self.expr(node.body, mode)
