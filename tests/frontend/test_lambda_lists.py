"""Parsing ordinary, macro and destructuring lambda lists."""

from __future__ import annotations

import pytest
from frontend_helpers import read

from clysm.errors import CompileError
from clysm.frontend.lambda_list import Kind, LambdaList, parse_lambda_list
from clysm.lisp.data import NIL, Symbol, T
from clysm.lisp.packages import keyword


def parse(text: str, kind: Kind = "ordinary") -> LambdaList:
    return parse_lambda_list(read(text), kind, None, lambda s: s is NIL or s is T or s.is_keyword)


def names(xs: list[Symbol]) -> list[str]:
    return [x.name for x in xs]


def test_ordinary_lambda_list_parts() -> None:
    ll = parse("(a b &optional c (d 1) (e 2 e-p) &rest r &key f ((:gee g) 3 g-p) "
               "&allow-other-keys &aux x (y 4))")  # fmt: skip
    assert names(ll.required) == ["A", "B"]
    assert [o.var.name for o in ll.optional] == ["C", "D", "E"]
    assert ll.optional[0].init is NIL and ll.optional[1].init == 1
    assert ll.optional[2].supplied is not None and ll.optional[2].supplied.name == "E-P"
    assert ll.rest is not None and ll.rest.name == "R"
    assert ll.key_p and ll.allow_other_keys
    assert [k.keyword for k in ll.keys] == [keyword("F"), keyword("GEE")]
    assert ll.keys[1].var.name == "G" and ll.keys[1].init == 3
    assert [a.var.name for a in ll.aux] == ["X", "Y"] and ll.aux[1].init == 4
    assert names(ll.variables()) == ["A", "B", "C", "D", "E", "E-P", "R", "F", "G", "G-P", "X", "Y"]


def test_key_without_keys() -> None:
    ll = parse("(&key)")
    assert ll.key_p and ll.keys == []


def test_macro_lambda_list_with_patterns() -> None:
    ll = parse("(&whole w (a (b c)) &optional ((d e) '(1 2)) &environment env &body (f . g))",
               "macro")  # fmt: skip
    assert ll.whole is not None and ll.whole.name == "W"
    assert ll.environment is not None and ll.environment.name == "ENV"
    inner = ll.required[0]
    assert isinstance(inner, LambdaList) and isinstance(inner.required[1], LambdaList)
    assert isinstance(ll.optional[0].var, LambdaList)
    body = ll.rest
    assert isinstance(body, LambdaList) and body.rest is not None and body.rest.name == "G"
    assert names(ll.variables()) == ["W", "ENV", "A", "B", "C", "D", "E", "F", "G"]


def test_dotted_and_symbol_destructuring_lists() -> None:
    ll = parse("(a . rest)", "destructuring")
    assert names(ll.required) == ["A"] and ll.rest is not None and ll.rest.name == "REST"
    whole = parse("everything", "destructuring")
    assert whole.required == [] and whole.rest is not None and whole.rest.name == "EVERYTHING"
    empty = parse("(a () b)", "destructuring")
    assert isinstance(empty.required[1], LambdaList)


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("(a &optional b &optional c)", "ordinary", "&OPTIONAL is out of place"),
        ("(&rest a b)", "ordinary", "only one variable may follow &REST; B is extra"),
        ("(&key a &allow-other-keys b)", "ordinary", "B cannot follow &ALLOW-OTHER-KEYS"),
        ("(&allow-other-keys)", "ordinary", "&ALLOW-OTHER-KEYS must follow &KEY"),
        ("(&whole w)", "ordinary", "&WHOLE is not allowed"),
        ("(&environment e)", "ordinary", "&ENVIRONMENT is not allowed here"),
        ("(&environment e &environment f)", "macro", "&ENVIRONMENT is not allowed here"),
        ("((a b))", "ordinary", "(A B) is not a valid variable name"),
        ("(&optional (a 1 2 3))", "ordinary", "malformed &OPTIONAL parameter (A 1 2 3)"),
        ("(&key ((a) 1))", "ordinary", "malformed &KEY parameter ((A) 1)"),
        ("(&aux (a 1 2))", "ordinary", "malformed &AUX parameter (A 1 2)"),
        ("(a (b a))", "macro", "variable A occurs more than once"),
        ("(:k)", "ordinary", ":K names a constant and cannot be bound"),
        ("(&key a . b)", "macro", "a dotted tail cannot follow &REST, &KEY or &AUX"),
    ],
)
def test_malformed_lambda_lists(text: str, kind: Kind, message: str) -> None:
    with pytest.raises(CompileError) as info:
        parse(text, kind)
    assert info.value.message.startswith(message), info.value.message
    assert f"in {kind} lambda list" in info.value.message
