"""The run-time reader (runtime/lisp/reader.lisp) reads what the compiler's
reader (clysm.reader) reads.

Each text is read by both: by clysm.reader.read_from_string, printed with
the host printer, and by READ-FROM-STRING inside a compiled program, printed
with PRIN1.  The printed objects must be identical; a text that one reader
rejects the other must reject the same way (READER-ERROR, or END-OF-FILE for
input that ends inside an object).  All texts of a batch are read by one
compiled program.

Both sides print with *PRINT-PRETTY* NIL: quote and function forms as lists,
backquote forms in reader syntax (as the run-time printer always does).

Not compared: the smallest single-float denormals (the compiler's printer
writes the shortest digits that read back, 1.0e-45, where SBCL and the
run-time printer write 1.4012985e-45), #* (bit vectors do not exist at run time yet: a reader
error), #. (the compiler's reader evaluates only in the compiler), and
#\\U+110000 (beyond the last code point: a TYPE-ERROR at run time, as in
SBCL, and a reader error in the compiler).
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from program_harness import ENGINES, clysm_outcome, compile_text

from clysm.errors import LispReaderError
from clysm.lisp import printer
from clysm.lisp.cl_symbols import CL_EXTERNAL_SYMBOLS
from clysm.lisp.data import Symbol
from clysm.lisp.packages import CLYSM_EXTERNAL_SYMBOLS, standard_packages
from clysm.reader import LispReaderEOFError, read_from_string

SEPARATOR = "<<END-OF-OBJECT>>"


class _ListPrinter(printer._Printer):
    """PRIN1 with *PRINT-PRETTY* NIL: 'x and #'f print as lists, backquote
    forms (which have no portable list form) in reader syntax."""

    def _abbreviation(self, x: Any) -> bool:
        if x.car in (printer._QUOTE, printer._FUNCTION):
            return False
        return super()._abbreviation(x)


def host_reading(text: str, read_base: int) -> str:
    try:
        datum = read_from_string(text, read_base=read_base)
    except LispReaderEOFError:
        return "#<END-OF-FILE>"
    except LispReaderError:
        return "#<READER-ERROR>"
    return _ListPrinter(True, None, False).run(datum)


def lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reading_program(texts: list[str], read_base: int) -> str:
    items = "\n".join(lisp_string(t) for t in texts)
    return f"""
(defun reading (text)
  (handler-case (let ((object (let ((*read-base* {read_base})) (read-from-string text))))
                  (let ((*print-pretty* nil)) (prin1-to-string object)))
    (end-of-file () "#<END-OF-FILE>")
    (reader-error () "#<READER-ERROR>")
    (error (c) (format nil "#<OTHER-ERROR ~A>" (type-of c)))))
(dolist (text '({items}))
  (write-string (reading text))
  (write-line "{SEPARATOR}"))
"""


def runtime_readings(texts: list[str], read_base: int, engine: str) -> list[str]:
    program, runtime = _compiled(tuple(texts), read_base)
    outcome = clysm_outcome(program, runtime, engine)
    assert outcome.ok, outcome.stdout
    readings = outcome.stdout.split(SEPARATOR + "\n")
    assert readings[-1] == ""
    return readings[:-1]


_programs: dict[tuple[tuple[str, ...], int], tuple[bytes, Any]] = {}


def _compiled(texts: tuple[str, ...], read_base: int) -> tuple[bytes, Any]:
    key = (texts, read_base)
    if key not in _programs:
        _programs[key] = compile_text(reading_program(list(texts), read_base), "agreement.lisp")
    return _programs[key]


# -- the texts ----------------------------------------------------------------

# fmt: off
SYNTAX_TEXTS = [
    # lists and dotted lists
    "()", "( )", "(a)", "(a b c)", "(a . b)", "(a b . c)", "(a . (b c))", "((a) (b (c)))",
    "(a .b)", "(a. b)", "(a.b)", "(. a)", "(a .)", "(a . b c)", "(a . . b)", "( . )",
    "(a #| c |# . b)", "(a . #| c |# b)", "(a . b #| c |#)", "(a . b ; c\n)",
    "(", "(a (b)", ")", "(a))", "a)", ".", "..", "...", "a . b",
    # symbols, escapes, case
    "foo", "FOO", "Foo", "fOo-BAR", "*special*", "+const+", "%internal", "&rest", "1+", "1-",
    "+", "-", "*", "/", "//", "<=", "a.b", ".a", "a.", "..a", "a..", "foo.bar.baz",
    "|foo|", "|Foo Bar|", "||", "|a\\|b|", "|a\\\\b|", "a|b c|d", "\\a", "a\\b", "\\(",
    "\\)", "\\ ", "ab\\", "|unterminated", "a\\:b", "|a:b|", "\\1", "1\\2", "\\.", "|.|",
    "a#b", "#a", "a'b", "a`b", "a,b", "a\"b\"", "a;b", "a(b", "x\x08y", "\x7f",
    # packages
    ":key", ":KEY", "::key", ":|Key|", ":", ":1", ":(", "cl:car", "CL:CAR", "cl::car",
    "common-lisp:list", "cl-user::foo", "common-lisp-user::foo", "clysm::%car",
    "cl:no-such-cl-symbol", "cl::no-such-cl-symbol", "cl-user:foo", "clysm:foo",
    "keyword:foo", "keyword::foo", "nopackage:foo", "nopackage::foo", "a:b:c", "a::b::c",
    "a:::b", "a:", "a::", "cl:", "cl: car", "|cl|:car", "cl:|car|", "cl:\\car", "a\\:b:c",
    "nil", "NIL", "t", "cl:nil", "cl:t", ":nil", "lambda", "quote", "cl:quote",
    "cl-user:function-tier", "cl:function-tier", "clysm:car", "clysm:%car", "clysm:no-such",
    # uninterned symbols
    "#:foo", "#:|Foo|", "#:", "#: ", "#:a:b", "#:12", "#:1a", "#:\\12", "#:|12|", "#:a\\:b",
    # strings
    '""', '"abc"', '"a\\"b"', '"a\\\\b"', '"\\a\\b\\c"', '"line\nbreak"', '"tab\there"',
    '"unterminated', '"ends in escape\\', '"é€😀"', '"(not a list)"', '"; not a comment"',
    # characters
    "#\\a", "#\\A", "#\\z", "#\\0", "#\\ ", "#\\(", "#\\)", "#\\;", "#\\\"", "#\\'",
    "#\\\\", "#\\|", "#\\#", "#\\Space", "#\\SPACE", "#\\space", "#\\Newline", "#\\Tab",
    "#\\Page", "#\\Return", "#\\Linefeed", "#\\Backspace", "#\\Rubout", "#\\Nul", "#\\Null",
    "#\\Escape", "#\\Esc", "#\\Del", "#\\Bel", "#\\Soh", "#\\Us", "#\\Altmode", "#\\Lf",
    "#\\Cr", "#\\Bs", "#\\Nl", "#\\Ff", "#\\U+41", "#\\u+61", "#\\U41", "#\\u0041",
    "#\\U+10FFFF", "#\\U+0000041", "#\\U+", "#\\U+41x", "#\\LATIN_SMALL_LETTER_A",
    "#\\latin_capital_letter_z", "#\\Digit_Seven", "#\\ab", "#\\abc", "#\\a)", "#\\x y",
    "#\\é", "#\\€", "#\\😀", "#\\", "#\\a|b|", "#\\a\\b", "#\\latin_small_letter_e_with_acute",
    "#\\GREEK_SMALL_LETTER_ALPHA", "#\\Next-Line", "#\\c80", "#\\U+85", "#\\^a", "#\\Np",
    "#\\hangul_syllable_gag", "#\\CJK_COMPATIBILITY_IDEOGRAPH-F900", "#\\U+4E00", "#\\U+D800",
    "#\\BYTE_ORDER_MARK", "#\\BELL", "#\\PERIOD", "#\\NO_BREAK_SPACE", "#\\U+1F5CF",
    "#\\CJK_UNIFIED_IDEOGRAPH-4E00", "#\\TIBETAN_MARK_BKA-_SHOG_YIG_MGO",
    # quote, function, backquote
    "'a", "''a", "'(a 'b)", "'", "' a", "')", "#'car", "#'(lambda (x) x)", "#'", "#' f",
    "`a", "`(a b)", "`(a ,b)", "`(a ,@b)", "`(a ,.b)", "`(a . ,b)", "`(,@a . b)",
    "`(a ,@b c)", "`#(a ,b)", "``(a ,,b)", "`(a `(b ,(c ,d)))", "`,a", "`,@a", "`,.a",
    "`(a . ,@b)", "`(a . ,.b)", ",a", ",@a", "(,a)", "`(a , b)", "`(a ,@ b)", "`(a, b)",
    "`'a", "'`a", "`#'f", "`(1 . 2)", "`()", "`nil", "`,(a)",
    # vectors and arrays
    "#()", "#(a)", "#(a b c)", "#(a #(b) (c))", "#(1 . 2)", "#(a", "#3(a)", "#3(a b)",
    "#2(a b)", "#1(a b)", "#0()", "#2()", "#1a(1 2)", "#1A#(a b)", "#1a\"ab\"", "#1a(1 . 2)",
    "#a(1)", "#2a((1))", "#1a 5",
    # radix integers
    "#b101", "#B101", "#b-101", "#b+101", "#b2", "#b", "#o777", "#O17", "#xff", "#XFF",
    "#xFf", "#x-ff", "#x+1a", "#xg", "#36rZZ", "#36rzz", "#2r11", "#3r12", "#r1", "#1r0",
    "#37r1", "#10r99", "#x(1)", "#b a", "#x 1f",
    # decimal numbers that stay fixnums
    "0", "1", "-1", "+1", "123", "-0", "+0", "007", "1.", "-1.", "+1.", "1073741823",
    "-1073741824", "12a", "1-2", "1+2", "--1", "+-1", "1..", "1.2.", ".1.", "1/", "/1",
    "1/2/3", "1/-2", "1/a", "1/0", "-5/0", "0/0",
    # comments and skipped text
    "; comment\nafter", "a ; comment", "#| block |# after", "#| a #| nested |# b |# after",
    "#|a|#b", "#||#x", "#|#|#", "#|", "#| |", "#||##|#", "; only", "#| only |#",
    "#+clysm yes", "#-clysm no yes", "#+(or) no yes", "#+(and) yes", "#+(not wasm) no yes",
    "#+(or clysm nothing) yes", "#+(and clysm nothing) no yes", "#+nothing (no . dots) yes",
    "#+nothing #+nothing a b c", "#+ clysm yes", "#-(or) yes", "#+ansi-cl yes",
    "#+common-lisp yes", "#+ieee-floating-point yes", "#+cl-user::clysm no yes",
    "#+:clysm yes", "#+(:or :clysm) yes", "(a #+nothing b c)", "(a #-clysm b)",
    "(#+nothing a)", "#+nothing)", "#+nothing", "#+nothing a", "#+(bad x) a", "#+(not) a",
    "#+(not a b) a", "#+1 a", "#+\"s\" a", "#+(or . a) b",
    "#+nothing #\\NoSuchName yes", "#+nothing nopackage:sym yes", "#+nothing #z yes",
    "#+nothing 1/0 yes", "#+nothing #:a:b yes", "#+nothing #1# yes", "#+nothing ,a yes",
    "#+nothing #(a . b) yes", "#+nothing #3(a b c d) yes", "#+nothing (a . b c) yes",
    # labels (printed without sharing)
    "#1=a", "(#1=a #1#)", "(#1=(x) #1# #1#)", "#1=#2=(a)", "(#1=#2=(a) #2#)",
    "(#1=a #2=b #2# #1#)", "#1#", "#1=#1#", "(#1=a #1=b)", "#=a", "##", "(#1= a #1#)",
    "#99=(#98=x #98#)", "(#1=#(v) #1#)",
    # other dispatch characters
    "#z", "#Z", "#<foo>", "# a", "#\ta", "#)", "#", "#1", "#12", "#s(p)", "#p\"x\"",
    "#c(1)", "#c(a b)", "#c(1 2 3)", "#*102", "#*2",
    # whitespace and layout
    "  a", "\ta", "\na", "\r\na", "\x0ca", "a\rb", "(a\tb\nc\x0cd\re)",
]

NUMBER_TEXTS = [
    "1073741824", "123456789012345678901234567890", "-99999999999999999999",
    "-1073741825", "#x123456789abcdef0", "#b" + "1" * 70, "1/2", "-1/2", "2/4", "4/2",
    "10/3", "#x1/2",
    "#b-101/11", "1.5", "-1.5", ".5", "-.5", "1.0", "0.0", "-0.0", "1e0", "1e10", "1E10",
    "1.5e-3", "1.5s0", "1.5f0", "1.5d0", "1.5l0", "1d300", "1e38", "1e39",
    "1e-46", "1d309", "0.1", "0.1d0", "3.14159", "1.e5", "1.0e", "1e", ".e5", "+.5",
    "1.5e+3", "#c(1 2)", "#c(1.5 2)", "#c(1 0)", "#c(1/2 3)", "#c(0.0 1)", "#x1.5",
]
# fmt: on


def _generated_texts(count: int, seed: int) -> list[str]:
    """Random texts assembled from pieces of the syntax, some of them broken."""
    rng = random.Random(seed)
    # fmt: off
    atoms = [
        "a", "foo", "Bar", "|Mixed Case|", "x\\y", ":k", "cl:car", "#:g", "12", "-7", "#x1f",
        "#b101", "#\\a", "#\\Space", "#\\(", "nil", "1+", "a.b", "#(1 2)", "#()", "'q", "#'f",
        "%p", "*v*", "cl-user::u", "#+nothing skipped", "#| c |#", "; line comment\n", '"s"',
        '"q\\"q"',
    ]
    # fmt: on

    def form(depth: int) -> str:
        roll = rng.random()
        if depth > 3 or roll < 0.4:
            return rng.choice(atoms)
        if roll < 0.7:
            items = [form(depth + 1) for _ in range(rng.randint(0, 4))]
            if items and rng.random() < 0.2:
                return "(" + " ".join(items) + " . " + form(depth + 1) + ")"
            return "(" + " ".join(items) + ")"
        if roll < 0.8:
            return "#(" + " ".join(form(depth + 1) for _ in range(rng.randint(0, 3))) + ")"
        if roll < 0.9:
            return (
                "`("
                + " ".join(
                    rng.choice([",", ",@", "", "'"]) + form(depth + 1)
                    for _ in range(rng.randint(1, 3))
                )
                + ")"
            )
        return rng.choice(["'", "#'", "#+clysm ", "#-nothing "]) + form(depth + 1)

    texts = []
    for _ in range(count):
        text = form(0)
        if rng.random() < 0.1:
            cut = rng.randint(0, len(text))
            text = text[:cut]
        texts.append(text)
    return texts


# fmt: off
BASE_16_TEXTS = [
    "10", "ff", "FF", "-a", "a", "g", "10.", "1f", "abc", "face", "fade-in", "#x10",
    "#d10", "10e", "1e1", "(1 a b c z)", "+f", "x", "#b11", "#o17",
]
# fmt: on


@pytest.mark.parametrize("engine", ENGINES)
def test_runtime_reader_agrees_with_the_compilers_reader(engine: str) -> None:
    texts = SYNTAX_TEXTS + _generated_texts(300, seed=1)
    expected = [host_reading(t, 10) for t in texts]
    actual = runtime_readings(texts, 10, engine)
    disagreements = [
        f"{t!r}: compiler {e} / runtime {a}"
        for t, e, a in zip(texts, expected, actual, strict=True)
        if e != a
    ]
    assert not disagreements, "\n".join(disagreements)


@pytest.mark.parametrize("engine", ENGINES)
def test_runtime_reader_agrees_in_base_16(engine: str) -> None:
    texts = BASE_16_TEXTS
    expected = [host_reading(t, 16) for t in texts]
    actual = runtime_readings(texts, 16, engine)
    assert dict(zip(texts, actual, strict=True)) == dict(zip(texts, expected, strict=True))


@pytest.mark.parametrize("engine", ENGINES)
def test_runtime_reader_agrees_on_numbers(engine: str) -> None:
    texts = NUMBER_TEXTS
    expected = [host_reading(t, 10) for t in texts]
    actual = runtime_readings(texts, 10, engine)
    assert dict(zip(texts, actual, strict=True)) == dict(zip(texts, expected, strict=True))


# -- home packages ------------------------------------------------------------

SYMBOL_NAMES = [
    *CL_EXTERNAL_SYMBOLS,
    *CLYSM_EXTERNAL_SYMBOLS,
    "%CAR",
    "QUASIQUOTE",
    "MY-OWN-SYMBOL",
    "FUNCTION-TIERS",
    "CAR2",
    "KEYWORD",
    "CLYSM",
]


def host_home(name: str, package: str) -> str:
    registry = standard_packages()
    text = "|" + name.replace("\\", "\\\\").replace("|", "\\|") + "|"
    try:
        symbol = read_from_string(text, package=registry.find(package))
    except LispReaderError:
        return "#<READER-ERROR>"
    assert isinstance(symbol, Symbol)
    return symbol.package.name if symbol.package is not None else "NIL"


def home_program(names: list[str], package: str) -> str:
    items = "\n".join(lisp_string(n) for n in names)
    return f"""
(dolist (name '({items}))
  (write-line
   (handler-case
       (let ((symbol (let ((*package* (find-package {lisp_string(package)})))
                       (read-from-string (concatenate 'string "|" name "|")))))
         (let ((home (symbol-package symbol)))
           (if home (package-name home) "NIL")))
     (reader-error () "#<READER-ERROR>"))))
"""


@pytest.mark.parametrize("package", ["COMMON-LISP-USER", "CLYSM", "COMMON-LISP", "KEYWORD"])
def test_symbols_read_have_the_same_home_package(package: str) -> None:
    # Every external symbol of COMMON-LISP and CLYSM (as the compiler knows
    # them) is found where the compiler's reader finds it.
    names = [n for n in SYMBOL_NAMES if "|" not in n and "\\" not in n]
    expected = [host_home(n, package) for n in names]
    tc_program, runtime = compile_text(home_program(names, package), "homes.lisp")
    outcome = clysm_outcome(tc_program, runtime, "node")
    assert outcome.ok, outcome.stdout
    actual = outcome.stdout.splitlines()
    disagreements = [
        f"{n}: compiler {e} / runtime {a}"
        for n, e, a in zip(names, expected, actual, strict=True)
        if e != a
    ]
    assert not disagreements, "\n".join(disagreements)
