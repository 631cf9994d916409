"""Binding forms and multiple values: let, progv, multiple-value-bind,
values, multiple-value-prog1."""

from __future__ import annotations

from clysm.backend.codegen.core import CompilerCore, DynEntry, Mode, no_tail
from clysm.frontend import ir
from clysm.lisp.data import Symbol
from clysm.wasm.types import EQREF, I32, ref_null


class ValuesMixin(CompilerCore):
    def with_specials(self, specials: list[tuple[Symbol, int]], body: ir.Node, mode: Mode) -> None:
        """Bind `specials` (symbol, value local), compile body, unbind."""
        if not specials:
            self.expr(body, mode)
            return
        sp = self.save_sp()
        for sym, val in specials:
            self.bind_special(sym, val)
            self.release(val)
        self.dyn.append(DynEntry("bind", sp))
        self.expr(body, no_tail(mode))
        self.dyn.pop()
        self.unbind(sp)
        self.release(sp, I32)

    def c_Let(self, node: ir.Let, mode: Mode) -> None:
        # Lexical variables can be bound as soon as their value is known (later
        # init forms cannot see them); specials wait until all are evaluated.
        specials: list[tuple[Symbol, int]] = []
        for b in node.bindings:
            self.expr(b.value, Mode.VALUE)
            if isinstance(b.target, ir.LexVar):
                self.bind_lexvar(b.target)
            else:
                tmp = self.temp()
                self.e(("local.set", tmp))
                specials.append((b.target, tmp))
        self.with_specials(specials, node.body, mode)

    def c_Progv(self, node: ir.Progv, mode: Mode) -> None:
        syms, vals = self.temp(), self.temp()
        self.expr(node.symbols, Mode.VALUE)
        self.e(("local.set", syms))
        self.expr(node.values, Mode.VALUE)
        self.e(("local.set", vals))
        sp = self.save_sp()
        self.e(("local.get", syms), ("local.get", vals), self.call_k("%progv"))
        self.release(syms)
        self.release(vals)
        self.dyn.append(DynEntry("bind", sp))
        self.expr(node.body, no_tail(mode))
        self.dyn.pop()
        self.unbind(sp)
        self.release(sp, I32)

    def push_value_n(self, primary: int, i: int) -> None:
        """Push value number i of the values just produced (NIL if absent)."""
        if i == 0:
            self.e(("local.get", primary))
            return
        self.e(
            ("global.get", self.k.g("mv-count")),
            ("i32.const", i),
            ("i32.gt_u",),
            ("if", EQREF),
            ("global.get", self.k.g("mv-buffer")),
            ("i32.const", i),
            ("array.get", self.t["value-array"]),
            ("else",),
            self.nil(),
            ("end",),
        )

    def c_MultipleValueBind(self, node: ir.MultipleValueBind, mode: Mode) -> None:
        primary = self.temp()
        self.expr(node.values_form, Mode.MV)
        self.e(("local.set", primary))
        specials: list[tuple[Symbol, int]] = []
        # Read every value before anything can call out and clobber the buffer.
        for i, var in enumerate(node.vars):
            self.push_value_n(primary, i)
            if isinstance(var, ir.LexVar):
                self.bind_lexvar(var)
            else:
                tmp = self.temp()
                self.e(("local.set", tmp))
                specials.append((var, tmp))
        self.release(primary)
        self.with_specials(specials, node.body, mode)

    def c_Values(self, node: ir.Values, mode: Mode) -> None:
        args = node.args
        if mode == Mode.EFFECT:
            for a in args:
                self.expr(a, Mode.EFFECT)
            return
        if mode == Mode.VALUE or len(args) == 1:
            if not args:
                self.e(self.nil())
            else:
                self.expr(args[0], Mode.VALUE)
                for a in args[1:]:
                    self.expr(a, Mode.EFFECT)
            self.finish(mode)
            return
        if not args:
            self.e(self.nil(), ("i32.const", 0), ("global.set", self.k.g("mv-count")))
            return
        # Evaluate all first: an argument may itself return multiple values.
        temps = []
        for a in args:
            self.expr(a, Mode.VALUE)
            tmp = self.local(EQREF)
            self.e(("local.set", tmp))
            temps.append(tmp)
        for i, tmp in enumerate(temps[1:], start=1):
            self.e(
                ("global.get", self.k.g("mv-buffer")),
                ("i32.const", i),
                ("local.get", tmp),
                ("array.set", self.t["value-array"]),
            )
        self.e(
            ("i32.const", len(args)),
            ("global.set", self.k.g("mv-count")),
            ("local.get", temps[0]),
        )

    def c_MultipleValueProg1(self, node: ir.MultipleValueProg1, mode: Mode) -> None:
        if mode < Mode.MV:
            self.expr(node.first, mode)
            if mode == Mode.VALUE and node.rest:
                tmp = self.temp()
                self.e(("local.set", tmp))
                for f in node.rest:
                    self.expr(f, Mode.EFFECT)
                self.e(("local.get", tmp))
                self.release(tmp)
            else:
                for f in node.rest:
                    self.expr(f, Mode.EFFECT)
            return
        res = self.temp()
        saved = self.temp(ref_null(self.t["value-array"]))
        self.expr(node.first, Mode.MV)
        self.e(("local.set", res), self.call_k("%mv-save"), ("local.set", saved))
        for f in node.rest:
            self.expr(f, Mode.EFFECT)
        self.e(("local.get", saved), self.call_k("%mv-restore"), ("local.get", res))
        self.release(res)
        self.release(saved, ref_null(self.t["value-array"]))
