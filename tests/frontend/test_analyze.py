"""The analysis pass: captured/assigned variables, non-local exits, free variables."""

from __future__ import annotations

from frontend_helpers import convert

from clysm.frontend.analyze import analyze
from clysm.frontend.ir import (
    Block,
    Funcall,
    Lambda,
    Let,
    LexVar,
    LocalFunctions,
    Node,
    Progn,
    Tagbody,
    children,
)


def lambdas(node: Node) -> list[Lambda]:
    """Every Lambda in `node`, outermost first."""
    found = [node] if isinstance(node, Lambda) else []
    for c in children(node):
        found += lambdas(c)
    return found


def names(vs: list[LexVar]) -> list[str]:
    return [v.name.name for v in vs]


def test_captured_and_assigned() -> None:
    node = analyze(convert("(let ((x 0) (y 0) (z 0)) (setq y 1) #'(lambda () (setq x z)))"))
    assert isinstance(node, Let)
    x, y, z = (b.target for b in node.bindings)
    assert isinstance(x, LexVar) and isinstance(y, LexVar) and isinstance(z, LexVar)
    assert x.captured and x.assigned and x.needs_cell
    assert y.assigned and not y.captured and not y.needs_cell
    assert z.captured and not z.assigned and not z.needs_cell


def test_parameters_of_the_same_lambda_are_not_captured() -> None:
    lam = analyze(convert("#'(lambda (a &optional (b a)) (setq a b) a)"))
    assert isinstance(lam, Lambda)
    a = lam.required[0]
    assert isinstance(a, LexVar) and a.assigned and not a.captured
    assert lam.free_vars == []


def test_free_variables_are_transitive() -> None:
    node = analyze(convert("#'(lambda (a) #'(lambda (b) #'(lambda () (list a b))))"))
    outer, middle, inner = lambdas(node)
    assert outer.free_vars == []
    assert names(middle.free_vars) == ["A"]
    assert names(inner.free_vars) == ["A", "B"]


def test_variable_from_a_top_level_let_is_free_in_the_lambda() -> None:
    node = analyze(convert("(let ((v 1)) (list v #'(lambda () v)))"))
    (lam,) = lambdas(node)
    assert names(lam.free_vars) == ["V"]


def test_special_variables_are_never_free() -> None:
    node = analyze(convert("(let ((s 1)) (declare (special s)) #'(lambda () s))"))
    (lam,) = lambdas(node)
    assert lam.free_vars == []


def test_free_functions() -> None:
    node = analyze(convert("(labels ((f (n) (f n))) (flet ((g () (f 1))) #'(lambda () (g)))))"))
    assert isinstance(node, LocalFunctions)
    f = node.funs[0]
    assert f.lam is not None and f.lam.free_funs == [f]  # calls itself
    inner = node.body
    assert isinstance(inner, LocalFunctions)
    g = inner.funs[0]
    assert g.lam is not None and g.lam.free_funs == [f]
    closure = lambdas(inner.body)[0]
    assert closure.free_funs == [g]


def test_nonlocal_exits() -> None:
    local = analyze(convert("(block b (return-from b 1))"))
    assert isinstance(local, Block) and not local.info.nonlocal_exit
    nonlocal_ = analyze(convert("(block b (funcall #'(lambda () (return-from b 1))))"))
    assert isinstance(nonlocal_, Block) and nonlocal_.info.nonlocal_exit
    tb = analyze(convert("(tagbody a (go a) (funcall #'(lambda () (go b))) b)"))
    assert isinstance(tb, Tagbody) and tb.info.nonlocal_exit
    tb_local = analyze(convert("(tagbody a (let ((x 1)) (if x (go a))))"))
    assert isinstance(tb_local, Tagbody) and not tb_local.info.nonlocal_exit


def test_implicit_block_of_a_local_function() -> None:
    node = analyze(convert("(flet ((f () (return-from f 1))) (f))"))
    assert isinstance(node, LocalFunctions)
    lam = node.funs[0].lam
    assert lam is not None and isinstance(lam.body, Block)
    assert not lam.body.info.nonlocal_exit


def test_lambda_call_converted_to_let_captures_nothing() -> None:
    node = analyze(convert("(let ((x 1)) ((lambda (y) (+ x y)) 2))"))
    assert isinstance(node, Let) and isinstance(node.body, Let)
    x = node.bindings[0].target
    assert isinstance(x, LexVar) and not x.captured
    general = analyze(convert("(let ((x 1)) ((lambda (&optional y) (+ x y)) 2))"))
    assert isinstance(general, Let) and isinstance(general.body, Funcall)
    assert general.bindings[0].target.captured  # type: ignore[union-attr]


def test_analysis_is_idempotent() -> None:
    node = convert("(let ((a 1)) (progn #'(lambda () a) #'(lambda () (setq a 2))))")
    analyze(node)
    analyze(node)
    assert isinstance(node, Let) and isinstance(node.body, Progn)
    first, second = lambdas(node)
    assert names(first.free_vars) == ["A"] and names(second.free_vars) == ["A"]
