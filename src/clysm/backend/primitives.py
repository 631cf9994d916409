"""Open-coded compiler intrinsics (PrimCall ops).

The ops of clysm.frontend.intrinsics.INTRINSICS, plus a few back-end ops
not yet in that table:
  %fset (symbol function)      install a global function; returns the function
  %symbol-value (symbol)       the value, or unbound-variable
  %set (symbol value)          set the global value; returns the value
  %write-fixnum (x)            kernel debugging output of a fixnum to stdout
  %write-string-raw (string)   kernel debugging output of a string to stdout
  %write-object (x)            kernel debugging output of any object to stdout
Debugging output returns NIL; the real printer will be Lisp code.

Each op is "value" (pushes an eqref), "pred" (pushes an i32 truth value, so
that `if` needs no T/NIL round trip) or "effect" (pushes nothing; NIL is the
value).  Fixnum arithmetic is checked: a non-fixnum operand or an overflow
goes to the kernel's %fx-slow, never wraps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clysm.backend import objects as O
from clysm.backend.codegen.core import CompilerCore, Mode
from clysm.backend.kernel.spec import FX_OPS
from clysm.backend.literals import is_fixnum
from clysm.errors import CompileError
from clysm.frontend import ir
from clysm.lisp.data import Char, Symbol
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, I32, I64, ref

I31 = ref("i31")


@dataclass(frozen=True)
class Prim:
    arity: int
    kind: str  # "value", "pred", "effect" or "mv"
    emit: Callable[[PrimitivesMixin, list[ir.Node]], None]


PRIMS: dict[str, Prim] = {}

# IFs whose test is a call of the key compiled as one construct with their
# branches: emit(compiler, if-node, mode) -> False when the IF does not fit.
GUARDED_IFS: dict[str, Callable[[PrimitivesMixin, ir.If, Mode], bool]] = {}


def prim(
    name: str, arity: int, kind: str = "value"
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(fn: Callable[..., None]) -> Callable[..., None]:
        PRIMS[name] = Prim(arity, kind, fn)
        return fn

    return register


class PrimitivesMixin(CompilerCore):
    def c_PrimCall(self, node: ir.PrimCall, mode: Mode) -> None:
        p = self.lookup_prim(node)
        p.emit(self, node.args)
        if p.kind == "pred":
            if mode == Mode.EFFECT:
                self.e(("drop",))
                return
            self.bool_from_i32()
        elif p.kind == "effect":
            if mode == Mode.EFFECT:
                return
            self.e(self.nil())
        elif p.kind == "mv":
            # The op has set the values; only their primary is on the stack.
            if mode == Mode.EFFECT:
                self.e(("drop",))
            return
        self.finish(mode)

    def guarded_if(self, node: ir.If, mode: Mode) -> bool:
        test = node.test
        emit = GUARDED_IFS.get(test.op) if isinstance(test, ir.PrimCall) else None
        return emit is not None and emit(self, node, mode)

    def prim_cond(self, node: ir.PrimCall) -> bool:
        p = self.lookup_prim(node)
        if p.kind != "pred":
            return False
        p.emit(self, node.args)
        return True

    def lookup_prim(self, node: ir.PrimCall) -> Prim:
        p = PRIMS.get(node.op)
        if p is None:
            raise CompileError(f"unknown intrinsic {node.op}", node.pos)
        if len(node.args) != p.arity:
            raise CompileError(
                f"{node.op} takes {p.arity} arguments, got {len(node.args)}", node.pos
            )
        return p

    def values_in(self, args: list[ir.Node]) -> None:
        for a in args:
            self.expr(a, Mode.VALUE)

    def to_temp(self, node: ir.Node) -> int:
        tmp = self.temp()
        self.expr(node, Mode.VALUE)
        self.e(("local.set", tmp))
        return tmp

    def fx_operands(
        self, args: list[ir.Node]
    ) -> tuple[list[Instr], list[Instr], list[Instr], list[int]]:
        """(test, a as i32, b as i32, temps): `test` pushes 1 if both are fixnums.
        Constant fixnum operands need neither a temp nor a test."""
        tests: list[Instr] = []
        raw: list[list[Instr]] = []
        temps: list[int] = []
        for a in args:
            if isinstance(a, ir.Const) and is_fixnum(a.value):
                raw.append([("i32.const", a.value)])
                continue
            tmp = self.to_temp(a)
            temps.append(tmp)
            tests += [("local.get", tmp), ("ref.test", I31)]
            raw.append([("local.get", tmp), ("ref.cast", I31), ("i31.get_s",)])
        if len(tests) == 4:
            tests.append(("i32.and",))
        if not tests:
            tests = [("i32.const", 1)]
        return tests, raw[0], raw[1], temps

    def boxed(self, args: list[ir.Node], raw: list[list[Instr]], temps: list[int]) -> list[Instr]:
        """Operands as eqrefs, for the slow path."""
        code: list[Instr] = []
        it = iter(temps)
        for a in args:
            if isinstance(a, ir.Const) and is_fixnum(a.value):
                code += [("i32.const", a.value), ("ref.i31",)]
            else:
                code.append(("local.get", next(it)))
        del raw
        return code

    def fx_arith(self, op: str, args: list[ir.Node]) -> None:
        test, a, b, temps = self.fx_operands(args)
        slow: list[Instr] = [("i32.const", FX_OPS[op]), *self.boxed(args, [a, b], temps)]
        slow.append(self.call_k("%fx-slow"))
        self.e(*test, ("if", EQREF))
        if op == "*":
            p = self.temp(I64)
            self.e(
                *a, ("i64.extend_i32_s",), *b, ("i64.extend_i32_s",), ("i64.mul",), ("local.tee", p)
            )
            # In fixnum range iff p + 2^30 < 2^31 (unsigned).
            self.e(("i64.const", 1 << 30), ("i64.add",), ("i64.const", 1 << 31), ("i64.lt_u",))
            self.e(("if", EQREF), ("local.get", p), ("i32.wrap_i64",), ("ref.i31",), ("else",))
            self.release(p, I64)
        else:
            s = self.temp(I32)
            self.e(*a, *b, ("i32.add" if op == "+" else "i32.sub",), ("local.tee", s))
            self.e(("i32.const", 1 << 30), ("i32.add",), ("i32.const", 1 << 31), ("i32.lt_u",))
            self.e(("if", EQREF), ("local.get", s), ("ref.i31",), ("else",))
            self.release(s, I32)
        self.e(*slow, ("end",), ("else",), *slow, ("end",))
        for tmp in temps:
            self.release(tmp)

    def fx_compare(self, op: str, args: list[ir.Node]) -> None:
        test, a, b, temps = self.fx_operands(args)
        cmp = {"<": "i32.lt_s", "<=": "i32.le_s", ">": "i32.gt_s", ">=": "i32.ge_s", "=": "i32.eq"}
        self.e(*test, ("if", I32), *a, *b, (cmp[op],), ("else",))
        self.e(("i32.const", FX_OPS[op]), *self.boxed(args, [a, b], temps), self.call_k("%fx-slow"))
        self.e(self.nil(), ("ref.eq",), ("i32.eqz",), ("end",))
        for tmp in temps:
            self.release(tmp)

    def car_cdr(self, args: list[ir.Node], field: int, slow: str) -> None:
        cons = self.t["cons"]
        self.open("block", EQREF)
        self.open("block", ref(cons))
        self.expr(args[0], Mode.VALUE)
        self.e(("br_on_cast", 0, EQREF, ref(cons)), self.call_k(slow), ("br", 1))
        self.close()
        self.e(("struct.get", cons, field))
        self.close()

    def type_test(self, args: list[ir.Node], name: str) -> None:
        self.expr(args[0], Mode.VALUE)
        self.e(("ref.test", I31 if name == "i31" else ref(self.t[name])))


def _register() -> None:
    for op in ("+", "-", "*"):
        prim(f"%fx{op}", 2)(lambda c, args, op=op: c.fx_arith(op, args))
    for op in ("<", "<=", ">", ">=", "="):
        prim(f"%fx{op}", 2, "pred")(lambda c, args, op=op: c.fx_compare(op, args))
    tests = {
        "%consp": "cons",
        "%symbolp": "symbol",
        "%fixnump": "i31",
        "%characterp": "character",
        "%stringp": "string",
        "%functionp": "function",
    }
    for name, t in tests.items():
        prim(name, 1, "pred")(lambda c, args, t=t: c.type_test(args, t))


_register()


@prim("%car", 1)
def _car(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.car_cdr(args, O.F_CAR, "%car-slow")


@prim("%cdr", 1)
def _cdr(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.car_cdr(args, O.F_CDR, "%cdr-slow")


@prim("%cons", 2)
def _cons(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.e(("i32.const", 0))
    c.values_in(args)
    c.e(("struct.new", c.t["cons"]))


def _set_field(c: PrimitivesMixin, args: list[ir.Node], type_name: str, field: int) -> None:
    obj = c.temp()
    c.expr(args[0], Mode.VALUE)
    c.e(("local.tee", obj), ("ref.cast", ref(c.t[type_name])))
    c.expr(args[1], Mode.VALUE)
    c.e(("struct.set", c.t[type_name], field), ("local.get", obj))
    c.release(obj)


@prim("%rplaca", 2)
def _rplaca(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _set_field(c, args, "cons", O.F_CAR)


@prim("%rplacd", 2)
def _rplacd(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    _set_field(c, args, "cons", O.F_CDR)


def _identity_constant(node: ir.Node) -> bool:
    """A constant that is EQ only to its own reference: a symbol, a fixnum
    (i31, compared by value) or a preallocated character (code < 256)."""
    if not isinstance(node, ir.Const):
        return False
    value = node.value
    if isinstance(value, Char):
        return value.code < 256
    return isinstance(value, Symbol) or is_fixnum(value)


@prim("%eq", 2, "pred")
def _eq(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    # ref.eq compares fixnums by value; characters with codes >= 256 are not
    # preallocated, so unequal references still get a code comparison --
    # unless one side is a constant that only its own reference can equal.
    if _identity_constant(args[0]) or _identity_constant(args[1]):
        c.values_in(args)
        c.e(("ref.eq",))
        return
    a, b = c.to_temp(args[0]), c.to_temp(args[1])
    c.e(("local.get", a), ("local.get", b), ("ref.eq",), ("if", I32), ("i32.const", 1), ("else",))
    c.e(("local.get", a), ("local.get", b), c.call_k("%char-eq"), ("end",))
    c.release(a)
    c.release(b)


@prim("%char-code", 1)
def _char_code(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)
    c.e(
        ("ref.cast", ref(c.t["character"])),
        ("struct.get", c.t["character"], O.F_CHAR_CODE),
        ("ref.i31",),
    )


@prim("%code-char", 1)
def _code_char(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)
    c.e(("ref.cast", I31), ("i31.get_s",), c.call_k("%code-char"))


@prim("%symbol-name", 1)
def _symbol_name(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    c.expr(args[0], Mode.VALUE)
    c.e(("ref.cast", ref(c.t["symbol"])), ("struct.get", c.t["symbol"], O.F_SYMBOL_NAME))


@prim("%fset", 2)
def _fset(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    fn = c.temp()
    c.expr(args[0], Mode.VALUE)
    c.e(("ref.cast", ref(c.t["symbol"])))
    c.expr(args[1], Mode.VALUE)
    c.e(
        ("local.tee", fn),
        ("ref.cast", ref(c.t["function"])),
        ("struct.set", c.t["symbol"], O.F_SYMBOL_FUNCTION),
        ("local.get", fn),
    )
    c.release(fn)


@prim("%symbol-value", 1)
def _symbol_value(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    sym = c.to_temp(args[0])
    c.open("block", EQREF)
    c.e(
        ("local.get", sym),
        ("ref.cast", ref(c.t["symbol"])),
        ("struct.get", c.t["symbol"], O.F_SYMBOL_VALUE),
        ("br_on_non_null", 0),
        ("local.get", sym),
        c.call_k("%unbound-variable"),
    )
    c.close()
    c.release(sym)


@prim("%set", 2)
def _set(c: PrimitivesMixin, args: list[ir.Node]) -> None:
    val = c.temp()
    c.expr(args[0], Mode.VALUE)
    c.e(("ref.cast", ref(c.t["symbol"])))
    c.expr(args[1], Mode.VALUE)
    c.e(("local.tee", val), ("struct.set", c.t["symbol"], O.F_SYMBOL_VALUE), ("local.get", val))
    c.release(val)


def _write(kernel_fn: str) -> Callable[[PrimitivesMixin, list[ir.Node]], None]:
    def emit(c: PrimitivesMixin, args: list[ir.Node]) -> None:
        c.e(("i32.const", 1))
        c.expr(args[0], Mode.VALUE)
        c.e(c.call_k(kernel_fn))

    return emit


prim("%write-fixnum", 1, "effect")(_write("%write-fixnum"))
prim("%write-string-raw", 1, "effect")(_write("%write-string"))
prim("%write-object", 1, "effect")(_write("%write-object"))
