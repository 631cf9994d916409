"""Runtime library forms in the runtime module, the error hook, front-end IR."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from irb import ENGINES, build, c, lam, nl, out, prim, ref, sym, var

from clysm.backend.link import build_runtime_module
from clysm.engines import WasmModuleFile, get_engine
from clysm.frontend import ir
from clysm.lisp.packages import clysm_symbol
from clysm.wasm import encode, validate

pytestmark = pytest.mark.parametrize("engine", ENGINES)


def test_runtime_forms_and_the_signal_error_hook(engine: str) -> None:
    # The runtime defines CLYSM::%SIGNAL-ERROR; kernel errors then reach Lisp
    # code, which here throws the condition kind to the program's catch.
    kind, msg, args = var("KIND"), var("MSG"), var("ARGS")
    hook = lam([kind, msg, args], ir.Throw(c(clysm_symbol("ERR")), ref(kind)))
    rt_forms = [ir.TopLevelForm(prim("%fset", c(clysm_symbol("%SIGNAL-ERROR")), hook))]
    rt_wasm = encode(build_runtime_module(rt_forms))
    validate(rt_wasm)
    rt = Path(tempfile.mkdtemp()) / "rt.wasm"
    rt.write_bytes(rt_wasm)
    prog = build(
        [
            out(ir.Catch(c(clysm_symbol("ERR")), call_c(sym("NO-SUCH-FUNCTION")))),
            out(ir.Catch(c(clysm_symbol("ERR")), ir.GlobalRef(clysm_symbol("*UNBOUND*")))),
            nl(),
        ]
    )
    modules = [WasmModuleFile("rt", rt), WasmModuleFile("program", prog)]
    r = get_engine(engine).run(modules, capture=True, timeout=600)
    assert (r.exit_code, r.stdout_text) == (0, "UNDEFINED-FUNCTIONUNBOUND-VARIABLE\n")


def test_front_end_ir(engine: str) -> None:
    from irb import run

    from clysm.frontend.host_env import HostEnv
    from clysm.frontend.toplevel import process_source

    src = """
    (clysm::%defun 'fact
      #'(lambda (n) (if (clysm::%fx= n 0) 1 (clysm::%fx* n (fact (clysm::%fx- n 1))))))
    (clysm::%defun 'count-up
      #'(lambda (n &optional (acc 0))
          (if (clysm::%fx= n 0) acc (count-up (clysm::%fx- n 1) (clysm::%fx+ acc 1)))))
    (clysm::%defun 'swap
      #'(lambda () (multiple-value-call #'(lambda (a b) (clysm::%cons b a)) (values 1 2))))
    (clysm::%defun 'cl
      #'(lambda (x)
          (flet ((f (y) (clysm::%fx+ x y)))
            (labels ((g (n) (if (clysm::%fx= n 0) (f 0) (g (clysm::%fx- n 1)))))
              (g 10)))))
    """
    forms = process_source(src, HostEnv.standard())
    # CLYSM::%DEFUN itself belongs to the runtime library; define it here.
    name, fn = var("NAME"), var("FN")
    defun = prim(
        "%fset",
        c(clysm_symbol("%DEFUN")),
        lam([name, fn], prim("%fset", ref(name), ref(fn)), name=clysm_symbol("%DEFUN")),
    )
    nodes = [defun, *(f.node for f in forms)]
    nodes += [out(call_c(sym("FACT"), c(10))), nl(), out(call_c(sym("COUNT-UP"), c(100000)))]
    nodes += [nl(), out(call_c(sym("SWAP"))), nl(), out(call_c(sym("CL"), c(5)))]
    r = run(nodes, engine)
    assert r.exit_code == 0, r.stderr_text
    assert r.stdout_text == "3628800\n100000\n(2 . 1)\n5"


def call_c(name: object, *args: ir.Node) -> ir.CallGlobal:
    return ir.CallGlobal(name, list(args))
