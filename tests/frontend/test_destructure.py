# ruff: noqa: E501  (tables of exact messages read best one per line)
"""%macro-lambda and %destructuring-bind: macro lambda lists lowered to plain Lisp."""

from __future__ import annotations

import pytest
from frontend_helpers import convert, read

from clysm.frontend.env import LexEnv
from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_runtime import LispError
from clysm.frontend.ir import CallGlobal, Lambda, Node, PrimCall, children
from clysm.lisp.printer import prin1_to_string


def run(text: str, image: HostEnv | None = None) -> object:
    image = image or HostEnv.standard()
    return image.eval(read(text), image.null_env())


def test_macro_function_receives_whole_form_and_environment() -> None:
    image = HostEnv.standard()
    expander = run(
        "(clysm::%macro-lambda m (&whole w a &environment e &optional (b a)) (list w a b e))",
        image,
    )
    assert callable(expander)
    env = image.null_env()
    form = read("(m 1)")
    result = expander(form, env)
    items = []
    while result is not read("nil"):
        items.append(result.car)  # type: ignore[attr-defined]
        result = result.cdr  # type: ignore[attr-defined]
    assert items[0] is form and items[1:3] == [1, 1] and isinstance(items[3], LexEnv)


def test_macro_body_has_an_implicit_block_docstring_and_declarations() -> None:
    image = HostEnv.standard()
    expander = run(
        '(clysm::%macro-lambda m (x) "Doc." (declare (ignorable x)) (return-from m (list x x)))',
        image,
    )
    assert callable(expander)
    assert prin1_to_string(expander(read("(m 7)"), image.null_env())) == "(7 7)"


def test_lowering_uses_only_intrinsics_special_forms_and_error() -> None:
    lam = convert("(clysm::%macro-lambda m ((a b) &key c) (list a b c))")
    assert isinstance(lam, Lambda)

    def calls(node: Node) -> set[str]:
        found = set()
        if isinstance(node, CallGlobal):
            found.add(node.name.name)
        for c in children(node):
            found |= calls(c)
        return found

    def prims(node: Node) -> set[str]:
        found = {node.op} if isinstance(node, PrimCall) else set()
        for c in children(node):
            found |= prims(c)
        return found

    assert calls(lam) == {"ERROR", "LIST"}  # LIST is the body's own call
    assert prims(lam) == {"%car", "%cdr", "%consp", "%eq"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(clysm::%destructuring-bind (a b) '(1) b)", "too few elements in (1) to match lambda list (A B)"),
        ("(clysm::%destructuring-bind (a) '(1 2) a)", "too many elements in (1 2) to match lambda list (A)"),
        ("(clysm::%destructuring-bind ((a)) '(3) a)", "too few elements in 3 to match lambda list (A)"),
        ("(clysm::%destructuring-bind (&key a) '(:a 1 :b 2) a)", "unknown keyword in (:A 1 :B 2) to match lambda list (&KEY A)"),
        ("(clysm::%destructuring-bind (&key a) '(:a 1 . 2) a)", "odd-length or dotted keyword list in (:A 1 . 2) to match lambda list (&KEY A)"),
    ],
)  # fmt: skip
def test_mismatch_is_a_lisp_error(text: str, message: str) -> None:
    with pytest.raises(LispError) as info:
        run(text)
    assert info.value.message == message


def test_allow_other_keys_in_the_list() -> None:
    assert run("(clysm::%destructuring-bind (&key a) '(:b 2 :allow-other-keys t :a 1) a)") == 1
    text = "(clysm::%destructuring-bind (&key a &allow-other-keys) '(:b 2 :a 3 :a 4) a)"
    assert run(text) == 3


def test_special_declarations_apply_to_destructured_variables() -> None:
    image = HostEnv.standard()
    run("(clysm::%defun 'peek-v #'(lambda () (symbol-value 'dv)))", image)
    text = "(clysm::%destructuring-bind (dv) '(42) (declare (special dv)) (peek-v))"
    assert run(text, image) == 42
