"""Per-module code generation state: literals, compiled lambdas, closure types.

Lambdas are compiled one Wasm function at a time: meeting a Lambda declares
its functions and queues its body, which `compile_pending` compiles after the
function being compiled is finished.
"""

from __future__ import annotations

from dataclasses import dataclass

from clysm.backend import objects as O
from clysm.backend.analysis import Analysis, Free
from clysm.backend.kernel.spec import KernelRefs
from clysm.backend.literals import Literals
from clysm.frontend import ir
from clysm.lisp.data import Cons, Symbol
from clysm.wasm import Instr
from clysm.wasm.types import ref_null


@dataclass
class LambdaInfo:
    lam: ir.Lambda
    name: str  # for the name section
    captures: list[Free]
    code_func: int  # the Wasm function holding the body
    fixed: int | None  # N when the body is entryN, None when it is `general`
    entries: list[int]  # functions for the entry0..entry4 slots
    general: int  # function for the general slot
    closure_type: int | None  # struct type of the closure, None if nothing captured
    const_global: int | None  # global holding the one function object, if constant


def lisp_name(name: object) -> str:
    if isinstance(name, Symbol):
        return name.name
    if isinstance(name, Cons) and isinstance(name.car, Symbol):
        rest = name.cdr.car if isinstance(name.cdr, Cons) else None
        inner = rest.name if isinstance(rest, Symbol) else "?"
        return f"({name.car.name} {inner})"
    return "(lambda)"


class ModuleContext:
    def __init__(self, k: KernelRefs, analysis: Analysis) -> None:
        self.k = k
        self.analysis = analysis
        self.lits = Literals(k)
        self.infos: dict[int, LambdaInfo] = {}
        self.queue: list[LambdaInfo] = []
        self.ref_funcs: set[int] = set()  # targets of ref.func: need declaring
        self._closure_types: dict[int, int] = {}
        self.tagbody_tags: dict[int, list[object]] = {}  # id(TagbodyInfo) -> segment tags

    @property
    def types(self) -> O.RuntimeTypes:
        return self.k.types

    def closure_type(self, n: int) -> int:
        idx = self._closure_types.get(n)
        if idx is None:
            idx = O.closure_type(self.k.module, self.types, n, f"closure{n}")
            self._closure_types[n] = idx
        return idx

    def lambda_info(self, lam: ir.Lambda) -> LambdaInfo:
        info = self.infos.get(id(lam))
        if info is not None:
            return info
        m, t = self.k.module, self.types
        captures = self.analysis.captures(lam)
        name = lisp_name(lam.name)
        nreq = len(lam.required)
        fixed = nreq if lam.is_simple and nreq <= O.MAX_FIXED_ARITY else None
        if fixed is not None:
            code = m.declare_function(name, t.entry(fixed))
            entries = [
                code if n == fixed else self.k.f(f"%wrong-args{n}")
                for n in range(O.MAX_FIXED_ARITY + 1)
            ]
            general = self.k.f(f"%general-to-entry{fixed}")
        else:
            code = m.declare_function(name, t.general)
            entries = [self.k.f(f"%entry{n}-to-general") for n in range(O.MAX_FIXED_ARITY + 1)]
            general = code
        ctype = self.closure_type(len(captures)) if captures else None
        info = LambdaInfo(lam, name, captures, code, fixed, entries, general, ctype, None)
        self.infos[id(lam)] = info
        self.ref_funcs.update(entries)
        self.ref_funcs.add(general)
        if not captures:
            fn_type = ref_null(t["function"])
            g = m.add_global(fn_type, True, [("ref.null", t["function"])], f"#'{name}")
            info.const_global = g
            self.lits.init += [*self.function_object(info, []), ("global.set", g)]
        self.queue.append(info)
        return info

    def function_object(self, info: LambdaInfo, captures: list[list[Instr]]) -> list[Instr]:
        """Code allocating a function object for `info` (captured values given)."""
        code: list[Instr] = [("i32.const", 0), *self.lits.push(info.lam.name)]
        code += [("ref.func", f) for f in info.entries]
        code += [("ref.func", info.general), ("global.get", self.k.g("nil"))]
        for c in captures:
            code += c
        if info.closure_type is None:
            code.append(("struct.new", self.types["function"]))
        else:
            code.append(("struct.new", info.closure_type))
        return code

    def compile_pending(self) -> None:
        from clysm.backend.codegen.compiler import FunctionCompiler

        while self.queue:
            info = self.queue.pop(0)
            FunctionCompiler(self, info).compile()

    def declare_ref_funcs(self) -> None:
        """Declare every ref.func target (required for validation)."""
        if self.ref_funcs:
            self.k.module.add_element_segment("declarative", funcs=sorted(self.ref_funcs))
