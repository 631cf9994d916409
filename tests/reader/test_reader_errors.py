"""Malformed input: each error names the exact file:line:column and what went wrong."""

from __future__ import annotations

import re
from typing import Any

import pytest

from clysm.errors import ClysmError, LispReaderError, SourcePos
from clysm.reader import LispReaderEOFError, Reader

# (text, line, column, message pattern, incomplete?) -- incomplete is None for
# errors that are not about the input ending early.
CASES: list[tuple[str, int, int, str, bool | None]] = [
    # unbalanced parentheses
    (
        "(a b",
        1,
        5,
        r"unterminated list starting at f\.lisp:1:1: expected '\)' before end of file",
        True,
    ),
    ("\n  (a\n (b c)", 3, 7, r"unterminated list starting at f\.lisp:2:3", True),
    (")", 1, 1, r"unmatched close parenthesis", None),
    ("(a))", 1, 4, r"unmatched close parenthesis", None),
    ("(a\n  b)\n )", 3, 2, r"unmatched close parenthesis", None),
    # dots
    ("( . a)", 1, 3, r"nothing appears before '\.' in list", None),
    ("(a . )", 1, 6, r"nothing appears after '\.' in list", None),
    ("(a . b c)", 1, 8, r"more than one object follows '\.' in list", None),
    ("(a . b . c)", 1, 8, r"more than one object follows '\.'", None),
    ("(a . . b)", 1, 6, r"dot context error", None),
    (".", 1, 1, r"dot context error", None),
    ("  ...", 1, 3, r"too many dots: \.\.\.", None),
    ("(a . b", 1, 7, r"unterminated list starting at f\.lisp:1:1", True),
    # bad tokens
    ("pkg:", 1, 5, r"end of file after package marker ':'", True),
    ("(pkg: x)", 1, 6, r"symbol name missing after package marker ':'", None),
    ("a:b:c", 1, 1, r"too many colons in symbol: a:b:c", None),
    ("x a:::b", 1, 3, r"too many colons in symbol: a:::b", None),
    (":a:b", 1, 1, r"too many colons", None),
    ("nosuch:x", 1, 1, r"package NOSUCH does not exist \(reading nosuch:x\)", None),
    ("cl:foo", 1, 1, r'symbol "FOO" not found in package COMMON-LISP', None),
    (
        "cl::zz-new-symbol",
        1,
        1,
        r'interning "ZZ-NEW-SYMBOL" in package COMMON-LISP is not allowed',
        None,
    ),
    ("1/0", 1, 1, r"division by zero in ratio reading 1/0", None),
    ("(1e39)", 1, 2, r"floating-point overflow reading 1e39", None),
    ("1d309", 1, 1, r"floating-point overflow reading 1d309", None),
    ("a\x7fb", 1, 2, r"invalid constituent character #\\Rubout", None),
    ("a\bb", 1, 2, r"invalid constituent character #\\Backspace", None),
    ("|abc", 1, 5, r"unterminated \|\.\.\.\| in a symbol starting at f\.lisp:1:1", True),
    ("ab\\", 1, 4, r"end of file after escape character", True),
    # strings and comments
    ('"abc', 1, 5, r"unterminated string starting at f\.lisp:1:1: expected '\"' before end", True),
    ('(a "b\\"\n', 2, 1, r"unterminated string starting at f\.lisp:1:4", True),
    ("#| abc", 1, 7, r"unterminated #\| comment starting at f\.lisp:1:1", True),
    ("(a #| b #| c |# d", 1, 18, r"unterminated #\| comment starting at f\.lisp:1:4", True),
    # quote, backquote and comma
    ("'", 1, 2, r"end of file after ' at f\.lisp:1:1: expected an object", True),
    ("(a ')", 1, 5, r"expected an object after ' at f\.lisp:1:4, found '\)'", None),
    ("#'", 1, 3, r"end of file after #' at f\.lisp:1:1", True),
    (",a", 1, 1, r"comma not inside a backquote", None),
    ("(x\n ,a)", 2, 2, r"comma not inside a backquote", None),
    ("`(a ,b ,,c)", 1, 9, r"comma not inside a backquote", None),
    ("`,@x", 1, 1, r"splicing comma \(,@ or ,\.\) cannot come right after a backquote", None),
    ("`(a . ,@b)", 1, 7, r"splicing comma \(,@ or ,\.\) cannot follow '\.'", None),
    ("`(a . ,.b)", 1, 7, r"splicing comma", None),
    # sharpsign
    ("#", 1, 2, r"end of file after '#' at f\.lisp:1:1", True),
    ("#12", 1, 4, r"end of file after '#'", True),
    ("  #Z", 1, 3, r"unknown # dispatch character #Z", None),
    ("#z", 1, 1, r"unknown # dispatch character #z", None),
    ("#<foo>", 1, 1, r"#< introduces an unreadable object", None),
    ("#)", 1, 1, r"illegal sharp macro character: # followed by \)", None),
    ("# x", 1, 1, r"illegal sharp macro character: # followed by space", None),
    ("#\\", 1, 3, r"end of file after #\\ at f\.lisp:1:1", True),
    ("#\\foo", 1, 1, r'unrecognized character name "foo"', None),
    ("#\\U110000", 1, 1, r'unrecognized character name "U110000"', None),
    ("#b102", 1, 1, r"#b \(base 2\) value is not a rational: 102", None),
    ("#x1.5", 1, 1, r"#x \(base 16\) value is not a rational: 1\.5", None),
    ("#37r1", 1, 1, r"illegal radix for #R: 37", None),
    ("#r1", 1, 1, r"radix missing in #R", None),
    ("#(a . b)", 1, 1, r"improper list in #\(\.\.\.\)", None),
    ("#2(a b c)", 1, 1, r"vector longer than the specified length", None),
    ("#99999999999(a)", 1, 1, r"length 99999999999 in #99999999999\( is too large", None),
    ("#99999999999*1", 1, 1, r"is too large", None),
    ("#3()", 1, 1, r"#3\(\) has no element", None),
    ("#*012", 1, 5, r"illegal element '2' in bit vector", None),
    ("#2*101", 1, 1, r"too many bits", None),
    ("#1*", 1, 1, r"#1\* requires at least one bit", None),
    ("#*1\\0", 1, 1, r"an escape character appeared after #\*", None),
    ("#:foo:bar", 1, 1, r"the symbol following #: contains a package marker", None),
    ("#:123", 1, 1, r"the symbol following #: has numeric syntax", None),
    ("#c(1 2 3)", 1, 1, r"illegal complex number format: #c\(1 2 3\)", None),
    ("#c(a b)", 1, 1, r"illegal complex number format", None),
    ("#2A(1 2)", 1, 1, r"#2A axis 1 is not a sequence", None),
    ("#A(1 2)", 1, 1, r"no dimensions argument to #A", None),
    ("#+(foo a) x", 1, 1, r"unknown operator in feature expression: #\+\(foo a\)", None),
    ("#+1 x", 1, 1, r"invalid feature expression", None),
    ("#+(not) x", 1, 1, r":NOT in a feature expression takes exactly one argument", None),
    ("#+clysm", 1, 8, r"end of file after #\+ at f\.lisp:1:1", True),
    ("#-(or)", 1, 7, r"end of file after #- at f\.lisp:1:1", True),
    ("#1=#1#", 1, 1, r"#1= must label something more than just #1#", None),
    ("#1=(a #1=b)", 1, 7, r"label #1= defined twice", None),
    ("(#2#)", 1, 2, r"reference to undefined label #2#", None),
    ("#=", 1, 1, r"missing label number for #=", None),
    ("##", 1, 1, r"missing label number for ##", None),
    ("#.(+ 1 2)", 1, 1, r"#\. is not allowed here", None),
]


@pytest.mark.parametrize(("text", "line", "column", "message", "incomplete"), CASES)
def test_error_position_and_message(
    text: str, line: int, column: int, message: str, incomplete: bool | None
) -> None:
    with pytest.raises(LispReaderError) as info:
        list(Reader(text, "f.lisp"))
    error = info.value
    assert error.pos == SourcePos("f.lisp", line, column)
    assert re.search(message, error.message), error.message
    if incomplete is None:
        assert not isinstance(error, LispReaderEOFError)
    else:
        assert isinstance(error, LispReaderEOFError) and error.incomplete is incomplete


def test_error_prints_as_file_line_column() -> None:
    with pytest.raises(ClysmError) as info:
        Reader("(a\n  (b", "src/f.lisp").read()
    assert str(info.value) == (
        "src/f.lisp:2:5: unterminated list starting at src/f.lisp:2:3: "
        "expected ')' before end of file"
    )


def test_symbol_not_external() -> None:
    registry = Reader("").registry
    package = registry.find("READER-TEST-EXTERNAL") or registry.make("READER-TEST-EXTERNAL", [])
    package.intern("HIDDEN")
    with pytest.raises(LispReaderError, match='symbol "HIDDEN" is not external in package'):
        Reader("reader-test-external:hidden").read()


def test_read_eval_disabled() -> None:
    def evaluate(form: Any) -> Any:
        raise AssertionError("must not evaluate")

    reader = Reader("  #.(x)", "f.lisp", read_eval=evaluate, read_eval_enabled=False)
    with pytest.raises(LispReaderError) as info:
        reader.read()
    assert info.value.pos == SourcePos("f.lisp", 1, 3)
    assert "*read-eval* is false" in info.value.message


def test_deep_nesting_is_a_reader_error() -> None:
    with pytest.raises(LispReaderError, match="nested too deeply"):
        Reader("(" * 5000 + ")" * 5000).read()


def test_reader_continues_after_a_complete_form() -> None:
    reader = Reader("a (b", "f.lisp")
    assert reader.read().name == "A"
    with pytest.raises(LispReaderEOFError) as info:
        reader.read()
    assert info.value.incomplete
