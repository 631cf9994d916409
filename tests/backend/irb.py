"""Helpers for building IR by hand in back-end tests, and for running it.

`run(forms)` builds the runtime module (kernel only) and a program module from
top-level IR nodes, validates both with wasm-tools and runs them on an engine.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

from clysm.backend.link import build_program_module, build_runtime_module
from clysm.engines import RunResult, WasmModuleFile, get_engine
from clysm.frontend import ir
from clysm.lisp.data import Symbol
from clysm.lisp.packages import keyword, standard_packages
from clysm.wasm import encode, validate

ENGINES = ("node", "wasmtime")


def sym(name: str) -> Symbol:
    return standard_packages().cl_user.intern(name)[0]


def kw(name: str) -> Symbol:
    return keyword(name)


def c(value: Any) -> ir.Const:
    return ir.Const(value)


def var(name: str) -> ir.LexVar:
    return ir.LexVar(sym(name))


def ref(v: ir.LexVar) -> ir.LexRef:
    return ir.LexRef(v)


def setq(v: ir.LexVar, value: ir.Node) -> ir.LexSet:
    return ir.LexSet(v, value)


def prim(op: str, *args: ir.Node) -> ir.PrimCall:
    return ir.PrimCall(op, list(args))


def progn(*body: ir.Node) -> ir.Progn:
    return ir.Progn(list(body))


def let(bindings: list[tuple[ir.LexVar | Symbol, ir.Node]], *body: ir.Node) -> ir.Let:
    return ir.Let([ir.Binding(t, v) for t, v in bindings], progn(*body))


def call(name: str, *args: ir.Node) -> ir.CallGlobal:
    return ir.CallGlobal(sym(name), list(args))


def lam(params: list[ir.LexVar], *body: ir.Node, **kw_: Any) -> ir.Lambda:
    return ir.Lambda(kw_.pop("name", None), list(params), body=progn(*body), **kw_)


def defun(name: str, params: list[ir.LexVar], *body: ir.Node, **kw_: Any) -> ir.PrimCall:
    """(%fset 'name (lambda ...)), with the lambda named and a block around the body."""
    block = ir.BlockInfo(sym(name))
    fn = lam(params, ir.Block(block, progn(*body)), name=sym(name), **kw_)
    return prim("%fset", c(sym(name)), fn)


def defun_b(name: str, params: list[ir.LexVar], make_body: Any, **kw_: Any) -> ir.PrimCall:
    """Like defun; make_body(block_info) builds the body (for return-from)."""
    block = ir.BlockInfo(sym(name))
    fn = lam(params, ir.Block(block, make_body(block)), name=sym(name), **kw_)
    return prim("%fset", c(sym(name)), fn)


def out(x: ir.Node) -> ir.PrimCall:
    return prim("%write-object", x)


def outs(text: str) -> ir.PrimCall:
    from clysm.lisp.data import LispString

    return prim("%write-string-raw", c(LispString(text)))


def nl() -> ir.PrimCall:
    return outs("\n")


def if_(test: ir.Node, then: ir.Node, else_: ir.Node | None = None) -> ir.If:
    return ir.If(test, then, else_ if else_ is not None else c(None))


@functools.cache
def runtime_path() -> Path:
    wasm = encode(build_runtime_module([]))
    validate(wasm)
    d = Path(tempfile.mkdtemp(prefix="clysm-backend-"))
    path = d / "rt.wasm"
    path.write_bytes(wasm)
    return path


def build(nodes: list[ir.Node]) -> Path:
    forms = [ir.TopLevelForm(n) for n in nodes]
    wasm = encode(build_program_module(forms))
    validate(wasm)
    path = Path(tempfile.mkdtemp(prefix="clysm-backend-")) / "program.wasm"
    path.write_bytes(wasm)
    return path


def run(nodes: list[ir.Node], engine: str = "node") -> RunResult:
    prog = build(nodes)
    modules = [WasmModuleFile("rt", runtime_path()), WasmModuleFile("program", prog)]
    return get_engine(engine).run(modules, capture=True, timeout=120)
