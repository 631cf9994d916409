"""Closures, non-local exits, special variables and unwind-protect, on both engines."""

from __future__ import annotations

import pytest
from irb import (
    ENGINES,
    c,
    call,
    defun,
    defun_b,
    if_,
    kw,
    lam,
    let,
    out,
    outs,
    prim,
    progn,
    ref,
    run,
    setq,
    sym,
    var,
)

from clysm.frontend import ir

pytestmark = pytest.mark.parametrize("engine", ENGINES)


def funcall(f: ir.Node, *args: ir.Node) -> ir.Funcall:
    return ir.Funcall(f, list(args))


def loop_below(n: int, body: callable) -> ir.Node:
    """(let ((i 0)) (tagbody top (when (< i n) body (setq i (1+ i)) (go top))))"""
    i = var("I")
    info = ir.TagbodyInfo([sym("TOP")])
    step = progn(body(i), setq(i, prim("%fx+", ref(i), c(1))), ir.Go(info, sym("TOP")))
    return let(
        [(i, c(0))], ir.Tagbody(info, [(sym("TOP"), [if_(prim("%fx<", ref(i), c(n)), step)])])
    )


def test_closures_share_a_counter(engine: str) -> None:
    n = var("N")
    prog = [
        let(
            [(n, c(0))],
            defun("INC", [], setq(n, prim("%fx+", ref(n), c(1)))),
            defun("GET-N", [], ref(n)),
        ),
        call("INC"),
        call("INC"),
        out(call("GET-N")),
        call("INC"),
        out(call("GET-N")),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "23")


def test_closures_made_in_a_loop_capture_each_binding(engine: str) -> None:
    fs = var("FS")

    def body(i: ir.LexVar) -> ir.Node:
        j = var("J")
        return let([(j, ref(i))], setq(fs, prim("%cons", lam([], ref(j)), ref(fs))))

    f = var("F")
    walk = ir.TagbodyInfo([sym("NEXT")])
    printer = let(
        [(f, ref(fs))],
        ir.Tagbody(
            walk,
            [
                (
                    sym("NEXT"),
                    [
                        if_(
                            prim("%consp", ref(f)),
                            progn(
                                out(funcall(prim("%car", ref(f)))),
                                setq(f, prim("%cdr", ref(f))),
                                ir.Go(walk, sym("NEXT")),
                            ),
                        )
                    ],
                )
            ],
        ),
    )
    r = run([let([(fs, c(None))], loop_below(4, body), printer)], engine)
    assert (r.exit_code, r.stdout_text) == (0, "3210")


def test_return_from_out_of_a_closure(engine: str) -> None:
    g = var("G")
    prog = [
        defun("CALLER", [g], funcall(ref(g)), c(1)),
        defun_b(
            "F",
            [],
            lambda b: progn(call("CALLER", lam([], ir.ReturnFrom(b, c(7)))), c(99)),
        ),
        out(call("F")),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "7")


def test_go_out_of_a_closure(engine: str) -> None:
    g = var("G")
    info = ir.TagbodyInfo([sym("OUT")])
    prog = [
        defun("CALLER", [g], funcall(ref(g)), outs("not reached")),
        ir.Tagbody(
            info,
            [
                (None, [outs("a"), call("CALLER", lam([], ir.Go(info, sym("OUT")))), outs("b")]),
                (sym("OUT"), [outs("c")]),
            ],
        ),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "ac")


def test_dead_block_exit_is_a_control_error(engine: str) -> None:
    k = var("K")
    prog = [
        defun_b("MAKE", [], lambda b: lam([], ir.ReturnFrom(b, c(1)))),
        let([(k, call("MAKE"))], funcall(ref(k))),
    ]
    r = run(prog, engine)
    assert r.exit_code == 1
    assert "Unhandled CONTROL-ERROR" in r.stderr_text


def test_catch_throw_restores_specials(engine: str) -> None:
    x = sym("*X*")
    a, b = var("A"), var("B")
    prog = [
        ir.GlobalSet(x, c(1)),
        defun("THROWER", [], let([(x, c(2))], ir.Throw(c(sym("TAG")), ir.Values([c(10), c(20)])))),
        ir.MultipleValueBind(
            [a, b],
            ir.Catch(c(sym("TAG")), let([(x, c(3))], out(ir.GlobalRef(x)), call("THROWER"))),
            progn(out(ref(a)), out(ref(b)), out(ir.GlobalRef(x))),
        ),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "310201")


def test_throw_without_catch_is_a_control_error(engine: str) -> None:
    r = run([ir.Throw(c(sym("NOWHERE")), c(1))], engine)
    assert r.exit_code == 1
    assert "Unhandled CONTROL-ERROR" in r.stderr_text and "NOWHERE" in r.stderr_text


def test_nested_catch_same_tag_innermost_wins(engine: str) -> None:
    tag = c(sym("T1"))
    inner = ir.Catch(tag, progn(ir.Throw(tag, c(1)), c(2)))
    r = run([out(ir.Catch(tag, progn(out(inner), c(3))))], engine)
    assert (r.exit_code, r.stdout_text) == (0, "13")


def test_unwind_protect_on_every_exit(engine: str) -> None:
    x = sym("*Y*")
    g = var("G")

    def up(body: ir.Node, mark: str) -> ir.UnwindProtect:
        return ir.UnwindProtect(body, outs(mark))

    prog = [
        ir.GlobalSet(x, c(0)),
        defun("CALLER", [g], funcall(ref(g))),
        # normal exit keeps the value
        out(up(c(1), "n")),
        # local return-from through the cleanup
        out(defun_b("R1", [], lambda b: up(ir.ReturnFrom(b, c(2)), "r")).args[1].body),
        # non-local return-from from a closure
        out(
            ir.Block(
                blk := ir.BlockInfo(sym("B")),
                progn(up(call("CALLER", lam([], ir.ReturnFrom(blk, c(3)))), "R"), c(0)),
            )
        ),
        # go through the cleanup
        ir.Tagbody(
            tb := ir.TagbodyInfo([sym("L")]),
            [(None, [up(ir.Go(tb, sym("L")), "g")]), (sym("L"), [outs("4")])],
        ),
        # throw through the cleanup, with a special bound inside: the cleanup sees it unbound
        out(
            ir.Catch(
                c(sym("K")),
                let([(x, c(5))], up(ir.Throw(c(sym("K")), c(6)), "t")),
            )
        ),
        out(ir.GlobalRef(x)),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "n1r2R3g4t60")


def test_unwind_protect_cleanup_sees_outer_special_values(engine: str) -> None:
    x = sym("*Z*")
    prog = [
        ir.GlobalSet(x, c(1)),
        ir.Catch(
            c(sym("K")),
            ir.UnwindProtect(
                let([(x, c(2))], ir.Throw(c(sym("K")), c(0))),
                out(ir.GlobalRef(x)),
            ),
        ),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "1")


def test_labels_mutual_recursion_and_closures(engine: str) -> None:
    n, m, k = var("N"), var("M"), var("K")
    ev, od = ir.FunVar(sym("EV")), ir.FunVar(sym("OD"))
    ev.lam = lam(
        [n],
        if_(
            prim("%fx=", ref(n), c(0)), c(sym("T")), ir.CallLocal(od, [prim("%fx-", ref(n), c(1))])
        ),
    )
    od.lam = lam(
        [m],
        if_(prim("%fx=", ref(m), c(0)), c(None), ir.CallLocal(ev, [prim("%fx-", ref(m), c(1))])),
    )
    # A labels function that captures a variable and calls itself.
    cnt = ir.FunVar(sym("CNT"))
    cnt.lam = lam(
        [k],
        if_(
            prim("%fx=", ref(k), c(0)),
            c(0),
            prim("%fx+", c(1), ir.CallLocal(cnt, [prim("%fx-", ref(k), c(1))])),
        ),
    )
    base = var("BASE")
    adder = ir.FunVar(sym("ADD"))
    adder.lam = lam([k], prim("%fx+", ref(k), ref(base)))
    prog = [
        ir.LocalFunctions(
            [ev, od], progn(out(ir.CallLocal(ev, [c(10)])), out(ir.CallLocal(od, [c(7)]))), True
        ),
        ir.LocalFunctions([cnt], out(ir.CallLocal(cnt, [c(5)])), True),
        let(
            [(base, c(100))],
            ir.LocalFunctions([adder], out(ir.Funcall(ir.LocalFunction(adder), [c(1)])), False),
        ),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "TT5101")


def test_progv(engine: str) -> None:
    x = sym("*P*")
    prog = [
        ir.GlobalSet(x, c(1)),
        ir.Progv(prim("%cons", c(x), c(None)), prim("%cons", c(9), c(None)), out(ir.GlobalRef(x))),
        out(ir.GlobalRef(x)),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "91")


def test_keyword_symbols_are_self_evaluating_constants(engine: str) -> None:
    r = run([out(ir.GlobalRef(kw("FOO")))], engine)
    assert (r.exit_code, r.stdout_text) == (0, "FOO")
