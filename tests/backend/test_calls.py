"""Calling convention: lambda lists, arity errors, multiple values, tail calls,
stack depth and errors, on both engines."""

from __future__ import annotations

import pytest
from irb import (
    ENGINES,
    c,
    call,
    defun,
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
    sym,
    var,
)

from clysm.frontend import ir

pytestmark = pytest.mark.parametrize("engine", ENGINES)


def opt(v: ir.LexVar, default: ir.Node, supplied: ir.LexVar | None = None) -> ir.OptionalParam:
    return ir.OptionalParam(v, default, supplied)


def key(
    name: str, v: ir.LexVar, default: ir.Node, supplied: ir.LexVar | None = None
) -> ir.KeyParam:
    return ir.KeyParam(kw(name), v, default, supplied)


def show(*vs: ir.LexVar) -> list[ir.Node]:
    nodes: list[ir.Node] = [outs("[")]
    for v in vs:
        nodes += [out(ref(v)), outs(" ")]
    return [*nodes, outs("]")]


def test_optional_with_supplied_p_and_defaults_seeing_earlier_params(engine: str) -> None:
    a, b, bp, d = var("A"), var("B"), var("BP"), var("D")
    f = defun(
        "F",
        [a],
        *show(a, b, bp, d),
        optional=[opt(b, prim("%fx+", ref(a), c(1)), bp), opt(d, c(sym("DD")))],
    )
    r = run([f, call("F", c(1)), call("F", c(1), c(5)), call("F", c(1), c(5), c(6))], engine)
    assert (r.exit_code, r.stdout_text) == (0, "[1 2 NIL DD ][1 5 T DD ][1 5 T 6 ]")


def test_rest_and_many_arguments(engine: str) -> None:
    a, r_ = var("A"), var("R")
    f = defun("F", [a], *show(a, r_), rest=r_)
    args = [c(i) for i in range(1, 8)]
    r = run([f, call("F", c(0)), call("F", *args)], engine)
    assert (r.exit_code, r.stdout_text) == (0, "[0 NIL ][1 (2 3 4 5 6 7) ]")


def test_keys(engine: str) -> None:
    x, y, yp, rest = var("X"), var("Y"), var("YP"), var("REST")
    f = defun("F", [], *show(x, y, yp), keys=[key("X", x, c(1)), key("Y", y, c(2), yp)], key_p=True)
    g = defun(
        "G",
        [],
        *show(x, rest),
        keys=[key("X", x, c(0))],
        key_p=True,
        rest=rest,
        allow_other_keys=True,
    )
    prog = [
        f,
        g,
        call("F"),
        call("F", c(kw("Y")), c(5)),
        call("F", c(kw("Y")), c(5), c(kw("X")), c(6), c(kw("Y")), c(7)),
        call("F", c(kw("Z")), c(1), c(kw("ALLOW-OTHER-KEYS")), c(sym("T"))),
        call("G", c(kw("Q")), c(3)),
    ]
    r = run(prog, engine)
    assert r.exit_code == 0, r.stderr_text
    assert r.stdout_text == "[1 2 NIL ][1 5 T ][6 5 T ][1 2 NIL ][0 (Q 3) ]"


@pytest.mark.parametrize(
    ("args", "what"),
    [([c(kw("X"))], "odd number of &key"), ([c(kw("Z")), c(1)], "unknown keyword")],
)
def test_bad_keyword_arguments_are_program_errors(
    engine: str, args: list[ir.Node], what: str
) -> None:
    x = var("X")
    f = defun("F", [], ref(x), keys=[key("X", x, c(1))], key_p=True)
    r = run([f, call("F", *args)], engine)
    assert r.exit_code == 1
    assert "Unhandled PROGRAM-ERROR" in r.stderr_text and what in r.stderr_text


@pytest.mark.parametrize("nargs", [0, 2, 6])
def test_wrong_argument_count_is_a_program_error(engine: str, nargs: int) -> None:
    a = var("A")
    r = run(
        [defun("ONE", [a], ref(a)), outs("x"), call("ONE", *[c(i) for i in range(nargs)])], engine
    )
    assert r.exit_code == 1
    assert r.stdout_text == "x"
    assert "Unhandled PROGRAM-ERROR" in r.stderr_text and "ONE" in r.stderr_text


def test_optional_too_many_is_a_program_error(engine: str) -> None:
    a = var("A")
    r = run([defun("F", [], c(1), optional=[opt(a, c(0))]), call("F", c(1), c(2))], engine)
    assert r.exit_code == 1 and "PROGRAM-ERROR" in r.stderr_text


def test_undefined_function(engine: str) -> None:
    r = run([call("NO-SUCH-FUNCTION", c(1))], engine)
    assert r.exit_code == 1
    assert "Unhandled UNDEFINED-FUNCTION" in r.stderr_text and "NO-SUCH-FUNCTION" in r.stderr_text


def test_unbound_variable(engine: str) -> None:
    r = run([out(ir.GlobalRef(sym("*NOT-BOUND*")))], engine)
    assert r.exit_code == 1
    assert "Unhandled UNBOUND-VARIABLE" in r.stderr_text and "*NOT-BOUND*" in r.stderr_text


def test_fixnum_overflow_never_wraps(engine: str) -> None:
    big = (1 << 30) - 1
    r = run(
        [out(prim("%fx+", c(big - 1), c(1))), outs(" "), out(prim("%fx+", c(big), c(1)))], engine
    )
    assert r.stdout_text == f"{big} "
    assert r.exit_code == 1 and "fixnum overflow" in r.stderr_text


def test_multiple_values_through_calls_catch_unwind_protect_and_tail_calls(engine: str) -> None:
    a, b, cc = var("A"), var("B"), var("C")
    n = var("N")

    def mvb(form: ir.Node) -> ir.Node:
        return ir.MultipleValueBind([a, b, cc], form, progn(*show(a, b, cc)))

    prog = [
        defun("THREE", [], ir.Values([c(1), c(2), c(3)])),
        # tail call: the callee's values pass through
        defun("TAIL", [], call("THREE")),
        # non-tail call then a single value
        defun("SINGLE", [], call("THREE"), c(9)),
        defun("UWP", [], ir.UnwindProtect(call("THREE"), call("SINGLE"))),
        defun(
            "COUNTDOWN",
            [n],
            if_(
                prim("%fx=", ref(n), c(0)),
                call("THREE"),
                call("COUNTDOWN", prim("%fx-", ref(n), c(1))),
            ),
        ),
        mvb(call("TAIL")),
        mvb(call("SINGLE")),
        mvb(call("UWP")),
        mvb(ir.Catch(c(sym("K")), progn(ir.Throw(c(sym("K")), call("THREE")), c(0)))),
        mvb(call("COUNTDOWN", c(1000))),
        mvb(ir.Values([])),
        mvb(ir.MultipleValueProg1(call("THREE"), [call("SINGLE")])),
        out(
            ir.MultipleValueCall(
                ir.GlobalFunction(sym("LIST3")), [call("THREE"), ir.Values([]), c(4)]
            )
        ),
    ]
    r3 = var("R3")
    prog.insert(0, defun("LIST3", [], ref(r3), rest=r3))
    r = run(prog, engine)
    assert r.exit_code == 0, r.stderr_text
    assert r.stdout_text == (
        "[1 2 3 ][9 NIL NIL ][1 2 3 ][1 2 3 ][1 2 3 ][NIL NIL NIL ][1 2 3 ](1 2 3 4)"
    )


def test_apply_and_funcall_of_symbols(engine: str) -> None:
    r_ = var("R")
    prog = [
        defun("L", [], ref(r_), rest=r_),
        out(ir.Apply(c(sym("L")), [c(1), c(2), prim("%cons", c(3), prim("%cons", c(4), c(None)))])),
        out(ir.Funcall(c(sym("L")), [c(5)])),
        out(ir.Apply(ir.GlobalFunction(sym("L")), [c(None)])),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "(1 2 3 4)(5)NIL")


def test_funcall_of_a_non_function_is_a_type_error(engine: str) -> None:
    r = run([ir.Funcall(c(5), [])], engine)
    assert r.exit_code == 1 and "Unhandled TYPE-ERROR" in r.stderr_text


def test_self_tail_loop_runs_in_constant_stack(engine: str) -> None:
    n, acc = var("N"), var("ACC")
    loop = defun(
        "LOOP",
        [n, acc],
        if_(
            prim("%fx=", ref(n), c(0)),
            ref(acc),
            call("LOOP", prim("%fx-", ref(n), c(1)), prim("%fx+", ref(acc), c(1))),
        ),
    )
    r = run([loop, out(call("LOOP", c(10_000_000), c(0)))], engine)
    assert (r.exit_code, r.stdout_text) == (0, "10000000")


def test_mutual_tail_recursion_and_funcall_in_tail_position(engine: str) -> None:
    n, f = var("N"), var("F")
    prog = [
        defun(
            "EV",
            [n],
            if_(prim("%fx=", ref(n), c(0)), c(sym("T")), call("OD", prim("%fx-", ref(n), c(1)))),
        ),
        defun(
            "OD",
            [n],
            if_(prim("%fx=", ref(n), c(0)), c(None), call("EV", prim("%fx-", ref(n), c(1)))),
        ),
        defun(
            "FLOOP",
            [n, f],
            if_(
                prim("%fx=", ref(n), c(0)),
                c(sym("DONE")),
                ir.Funcall(ref(f), [prim("%fx-", ref(n), c(1)), ref(f)]),
            ),
        ),
        out(call("EV", c(1_000_001))),
        out(call("FLOOP", c(1_000_000), ir.GlobalFunction(sym("FLOOP")))),
    ]
    r = run(prog, engine)
    assert (r.exit_code, r.stdout_text) == (0, "NILDONE")


def test_deep_recursion_is_a_storage_condition(engine: str) -> None:
    n = var("N")
    deep = defun(
        "DEEP",
        [n],
        if_(
            prim("%fx=", ref(n), c(0)),
            c(0),
            prim("%fx+", c(1), call("DEEP", prim("%fx-", ref(n), c(1)))),
        ),
    )
    r = run(
        [deep, out(call("DEEP", c(1000))), outs(" "), out(call("DEEP", c(100_000_000)))], engine
    )
    assert r.stdout_text == "1000 "
    assert r.exit_code == 1 and "Unhandled STORAGE-CONDITION" in r.stderr_text


def test_closure_over_parameter_with_general_entry(engine: str) -> None:
    a, b = var("A"), var("B")
    make = defun(
        "MAKE", [a], lam([], prim("%fx+", ref(a), ref(b))), optional=[ir.OptionalParam(b, c(10))]
    )
    k = var("K")
    r = run([make, let([(k, call("MAKE", c(1)))], out(ir.Funcall(ref(k), [])))], engine)
    assert (r.exit_code, r.stdout_text) == (0, "11")
