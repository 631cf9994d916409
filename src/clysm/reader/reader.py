"""The reader core: Lisp source text to host Lisp data (CLHS 2.2).

Conses built from source lists carry `pos`: the head cons the position of its
opening parenthesis, every later cons the position of its car's first
character.  Errors are `LispReaderError`s naming file:line:column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from clysm.errors import LispReaderError, SourcePos
from clysm.lisp.data import NIL, Cons, LispString, Symbol
from clysm.lisp.packages import EXTERNAL, Package, PackageRegistry, cl_symbol, clysm_symbol
from clysm.lisp.packages import standard_packages as _standard_packages
from clysm.reader.charnames import char_name
from clysm.reader.dispatch import read_sharp
from clysm.reader.errors import LispReaderEOFError
from clysm.reader.features import DEFAULT_FEATURES
from clysm.reader.labels import LabelTable
from clysm.reader.markers import DOT, EOF, NO_VALUE
from clysm.reader.source import SourceText
from clysm.reader.syntax import (
    INVALID_CONSTITUENTS,
    MULTIPLE_ESCAPE,
    PLAIN_RUN,
    PLAIN_TOKEN,
    SINGLE_ESCAPE,
    TERMINATORS,
    WHITESPACE,
    upcase,
)
from clysm.reader.tokens import Token, TokenError, parse_number, split_package_markers

QUOTE = cl_symbol("QUOTE")
QUASIQUOTE = clysm_symbol("QUASIQUOTE")
UNQUOTE = clysm_symbol("UNQUOTE")
UNQUOTE_SPLICING = clysm_symbol("UNQUOTE-SPLICING")
UNQUOTE_NSPLICING = clysm_symbol("UNQUOTE-NSPLICING")
_SPLICING = (UNQUOTE_SPLICING, UNQUOTE_NSPLICING)


# Deepest nesting of objects the reader accepts (lists, vectors, quotes...).
MAX_NESTING = 1000


class Reader:
    """Reads successive top-level forms from one text.

    `package` is the current package (*package*) and may be changed between
    forms, as the compiler does on IN-PACKAGE.  `features` holds keyword names
    for #+/#-.  `read_eval` evaluates #. forms; with None, or with
    `read_eval_enabled` false (*read-eval* nil), #. is a reader error.
    With `home_prefixes`, PKG:NAME and PKG::NAME mean the symbol NAME whose
    home package is named PKG, whatever the compiler's packages say (see
    `home_symbol`): JIT requests are printed so by the running program.
    """

    def __init__(
        self,
        text: str,
        file: str = "<string>",
        *,
        package: Package | None = None,
        features: frozenset[str] | None = None,
        read_eval: Callable[[Any], Any] | None = None,
        read_eval_enabled: bool = True,
        read_base: int = 10,
        home_prefixes: bool = False,
    ) -> None:
        self.src = SourceText(text, file)
        self.registry: PackageRegistry = _standard_packages()
        self.package: Package = package if package is not None else self.registry.cl_user
        self.features: frozenset[str] = (
            DEFAULT_FEATURES if features is None else frozenset(features)
        )
        self.read_eval = read_eval
        self.read_eval_enabled = read_eval_enabled
        self.read_base = read_base
        self.home_prefixes = home_prefixes
        # State of the read in progress:
        self.suppress = False  # *read-suppress*, for forms skipped by #+/#-
        self.bq_depth = 0  # backquotes around the current position
        self.nesting = 0  # objects being read around the current position
        self.labels = LabelTable()
        # Symbols of plain tokens already read in this top-level form, by
        # their text, valid for `_symbols_package` and base 10 only.
        self._symbols: dict[str, Symbol] = {}
        self._symbols_package: Package | None = None

    # -- public interface -------------------------------------------------

    def read(self, eof_error_p: bool = True, eof_value: Any = EOF) -> Any:
        """The next top-level datum; at end of input raise, or return `eof_value`."""
        return self.read_with_pos(eof_error_p, eof_value)[0]

    def read_with_pos(
        self, eof_error_p: bool = True, eof_value: Any = EOF
    ) -> tuple[Any, SourcePos]:
        """The next datum and the position of its first character.

        At end of input the position is the end of the text.
        """
        self.labels = LabelTable()
        self.bq_depth = 0
        self.suppress = False
        self.nesting = 0
        # Between top-level forms the compiler may change packages.
        self._symbols = {}
        src = self.src
        while True:
            self._skip_whitespace()
            start = src.index
            if start >= src.length:
                if eof_error_p:
                    raise LispReaderEOFError("end of file", src.pos(), incomplete=False)
                return eof_value, src.pos()
            try:
                value = self._read_object()
            except RecursionError:
                raise self.error("form is nested too deeply to read", start) from None
            if value is NO_VALUE:
                continue
            if value is DOT:
                raise self.error("dot context error: '.' outside a list", start)
            return self.labels.patch(value), src.pos(start)

    def __iter__(self) -> Iterator[Any]:
        while (value := self.read(eof_error_p=False)) is not EOF:
            yield value

    # -- helpers shared with the # macros ---------------------------------

    def error(self, message: str, index: int) -> LispReaderError:
        return LispReaderError(message, self.src.pos(index))

    def eof_error(self, message: str, index: int) -> LispReaderEOFError:
        return LispReaderEOFError(message, self.src.pos(index), incomplete=True)

    def read_required(self, after: str, start: int) -> tuple[Any, int]:
        """Read the object that must follow `after` (which began at `start`).

        Returns the object and the index where it begins.
        """
        src = self.src
        while True:
            self._skip_whitespace()
            index = src.index
            if index >= src.length:
                raise self.eof_error(
                    f"end of file after {after} at {src.pos(start)}: expected an object", index
                )
            if src.text[index] == ")":
                raise self.error(
                    f"expected an object after {after} at {src.pos(start)}, found ')'", index
                )
            value = self._read_object()
            if value is NO_VALUE:
                continue
            if value is DOT:
                if self.suppress:
                    return NIL, index
                raise self.error("dot context error: '.' outside a list", index)
            return value, index

    def read_delimited(self, open_index: int) -> tuple[list[Any], list[int], Any]:
        """Read list elements up to ')' after the '(' at `open_index`.

        Returns the elements, the index where each begins, and the tail after a
        dot (NIL for a proper list).
        """
        src = self.src
        items: list[Any] = []
        starts: list[int] = []
        while True:
            self._skip_whitespace()
            index = src.index
            if index >= src.length:
                raise self._unterminated_list(open_index)
            if src.text[index] == ")":
                src.index += 1
                return items, starts, NIL
            value = self._read_object()
            if value is NO_VALUE:
                continue
            if value is DOT:
                if self.suppress:
                    continue
                if not items:
                    raise self.error("nothing appears before '.' in list", index)
                return items, starts, self._read_dotted_tail(open_index)
            items.append(value)
            starts.append(index)

    def build_list(self, items: list[Any], starts: list[int], tail: Any, open_index: int) -> Any:
        result = tail
        for i in range(len(items) - 1, -1, -1):
            result = Cons(items[i], result, self.src.pos(open_index if i == 0 else starts[i]))
        return result

    def read_token(self, *, preserve_case: bool = False, symbol_syntax: bool = True) -> Token:
        """Accumulate a token from the cursor (CLHS 2.2 steps 8-10).

        Unescaped characters are upcased (readtable case :upcase) unless
        `preserve_case`.  With `symbol_syntax`, a package marker followed by a
        terminator is an error, as in SBCL.
        """
        src = self.src
        text, length = src.text, src.length
        token = Token(src.index)
        chars, escaped = token.chars, token.escaped
        i = src.index
        while i < length:
            run = PLAIN_RUN.match(text, i)
            if run is not None:
                plain = run.group()
                if not preserve_case:
                    plain = plain.upper() if plain.isascii() else "".join(map(upcase, plain))
                chars.extend(plain)
                escaped.extend([False] * len(plain))
                i = run.end()
                if i >= length:
                    break
            c = text[i]
            if c in TERMINATORS:
                break
            if c == SINGLE_ESCAPE:
                if i + 1 >= length:
                    raise self.eof_error("end of file after escape character '\\'", i + 1)
                chars.append(text[i + 1])
                escaped.append(True)
                token.has_escape = True
                i += 2
                continue
            if c == MULTIPLE_ESCAPE:
                i = self._read_multiple_escape(i, token)
                continue
            if c in INVALID_CONSTITUENTS and not self.suppress:
                raise self.error(f"invalid constituent character #\\{char_name(ord(c))}", i)
            if c == ":" and symbol_syntax and not self.suppress:
                following = text[i + 1] if i + 1 < length else None
                if following is None:
                    raise self.eof_error("end of file after package marker ':'", i + 1)
                if following in TERMINATORS:
                    raise self.error("symbol name missing after package marker ':'", i + 1)
            chars.append(c if preserve_case else upcase(c))
            escaped.append(False)
            i += 1
        src.index = token.end = i
        return token

    # -- the core ---------------------------------------------------------

    def _skip_whitespace(self) -> None:
        src = self.src
        text, length, i = src.text, src.length, src.index
        while i < length and text[i] in WHITESPACE:
            i += 1
        src.index = i

    def _read_object(self) -> Any:
        """Read one object at the cursor, which is on a non-whitespace character.

        May return NO_VALUE (a comment or skipped form) or DOT.
        """
        # An explicit limit, so that the outcome does not depend on the
        # process's Python recursion limit (the compiler raises it).
        self.nesting += 1
        try:
            if self.nesting > MAX_NESTING:
                raise RecursionError
            return self._read_object_here()
        finally:
            self.nesting -= 1

    def _read_object_here(self) -> Any:
        src = self.src
        start = src.index
        c = src.text[start]
        if c == "(":
            src.index += 1
            items, starts, tail = self.read_delimited(start)
            return NIL if self.suppress else self.build_list(items, starts, tail, start)
        if c == ")":
            raise self.error("unmatched close parenthesis", start)
        macro = _MACROS.get(c)
        if macro is not None:
            src.index += 1
            return macro(self, start)
        if self.suppress or self.read_base != 10:
            return self._interpret(self.read_token())
        return self._plain_token_or_other(start)

    def _plain_token_or_other(self, start: int) -> Any:
        """The object of the token at `start`; a token without escapes read
        before in this form is looked up by its text (most are symbols)."""
        src = self.src
        text = src.text
        match = PLAIN_TOKEN.match(text, start)
        end = match.end() if match is not None else start
        if end == start or (end < src.length and text[end] not in TERMINATORS):
            return self._interpret(self.read_token())  # escapes or an odd character
        if self.package is not self._symbols_package:
            self._symbols = {}
            self._symbols_package = self.package
        raw = text[start:end]
        symbol = self._symbols.get(raw)
        if symbol is not None:
            src.index = end
            return symbol
        value = self._interpret(self.read_token())
        if isinstance(value, Symbol):
            self._symbols[raw] = value
        return value

    def _read_dotted_tail(self, open_index: int) -> Any:
        """After the dot of a list: exactly one object, then ')'."""
        src = self.src
        while True:
            self._skip_whitespace()
            index = src.index
            if index >= src.length:
                raise self._unterminated_list(open_index)
            if src.text[index] == ")":
                raise self.error("nothing appears after '.' in list", index)
            tail = self._read_object()
            if tail is NO_VALUE:
                continue
            if tail is DOT:
                raise self.error("dot context error: a second '.' in list", index)
            break
        if self.bq_depth > 0 and _is_unquote(tail, _SPLICING):
            raise self.error("a splicing comma (,@ or ,.) cannot follow '.' in a list", index)
        while True:
            self._skip_whitespace()
            index = src.index
            if index >= src.length:
                raise self._unterminated_list(open_index)
            if src.text[index] == ")":
                src.index += 1
                return tail
            if self._read_object() is not NO_VALUE:
                raise self.error("more than one object follows '.' in list", index)

    def _unterminated_list(self, open_index: int) -> LispReaderEOFError:
        return self.eof_error(
            f"unterminated list starting at {self.src.pos(open_index)}: "
            "expected ')' before end of file",
            self.src.length,
        )

    def _read_multiple_escape(self, bar: int, token: Token) -> int:
        """Read |...| starting at index `bar`; returns the index after the closing bar."""
        text, length = self.src.text, self.src.length
        token.has_escape = True
        i = bar + 1
        while True:
            if i >= length:
                raise self.eof_error(
                    f"unterminated |...| in a symbol starting at {self.src.pos(bar)}: "
                    "expected '|' before end of file",
                    length,
                )
            c = text[i]
            if c == MULTIPLE_ESCAPE:
                return i + 1
            if c == SINGLE_ESCAPE:
                if i + 1 >= length:
                    raise self.eof_error("end of file after escape character '\\'", i + 1)
                i += 1
                c = text[i]
            token.chars.append(c)
            token.escaped.append(True)
            i += 1

    def _interpret(self, token: Token) -> Any:
        """A number, a symbol or DOT from a token (CLHS 2.3)."""
        if self.suppress:
            return NIL
        text = token.text
        if not token.has_escape:
            if text and text.count(".") == len(text):
                if len(text) == 1:
                    return DOT
                raise self.error(f"too many dots: {text}", token.start)
            try:
                number = parse_number(text, self.read_base)
            except TokenError as e:
                raise self.error(f"{e} reading {self._token_source(token)}", token.start) from None
            if number is not None:
                return number
        return self._symbol(token)

    def _token_source(self, token: Token) -> str:
        return self.src.text[token.start : token.end]

    def _symbol(self, token: Token) -> Symbol:
        try:
            parts = split_package_markers(token)
        except TokenError as e:
            raise self.error(f"{e}: {self._token_source(token)}", token.start) from None
        if parts.package is None:
            return self._intern(self.package, parts.name, token)
        if self.home_prefixes and not parts.keyword and parts.package != "KEYWORD":
            return home_symbol(self.registry, parts.package, parts.name)
        package = self.registry.find(parts.package)
        if package is None:
            raise self.error(
                f"package {parts.package} does not exist (reading {self._token_source(token)})",
                token.start,
            )
        if parts.internal or package is self.registry.keyword:
            return self._intern(package, parts.name, token)
        symbol, status = package.find_symbol(parts.name)
        if symbol is None:
            raise self.error(
                f'symbol "{parts.name}" not found in package {package.name}', token.start
            )
        if status != EXTERNAL:
            raise self.error(
                f'symbol "{parts.name}" is not external in package {package.name}', token.start
            )
        return symbol

    def _intern(self, package: Package, name: str, token: Token) -> Symbol:
        symbol, _ = package.find_symbol(name)
        if symbol is not None:
            return symbol
        if package is self.registry.common_lisp:
            # COMMON-LISP is locked, as in SBCL: a typo must not grow the standard package.
            raise self.error(
                f'interning "{name}" in package COMMON-LISP is not allowed '
                f"(reading {self._token_source(token)})",
                token.start,
            )
        return package.intern(name)[0]


def _is_unquote(x: Any, kinds: tuple[Symbol, ...]) -> bool:
    return (
        isinstance(x, Cons)
        and any(x.car is kind for kind in kinds)
        and isinstance(x.cdr, Cons)
        and x.cdr.cdr is NIL
    )


# -- terminating macro characters --------------------------------------------


def _read_quote(r: Reader, start: int) -> Any:
    value, value_start = r.read_required("'", start)
    if r.suppress:
        return NIL
    return Cons(QUOTE, Cons(value, NIL, r.src.pos(value_start)), r.src.pos(start))


def _read_comment(r: Reader, start: int) -> Any:
    end = r.src.text.find("\n", start)
    r.src.index = r.src.length if end == -1 else end + 1
    return NO_VALUE


def _read_string(r: Reader, start: int) -> Any:
    src = r.src
    text, length = src.text, src.length
    chars: list[str] = []
    i = start + 1
    while True:
        if i >= length:
            raise r.eof_error(
                f"unterminated string starting at {src.pos(start)}: "
                "expected '\"' before end of file",
                length,
            )
        c = text[i]
        i += 1
        if c == '"':
            break
        if c == "\\":
            if i >= length:
                continue  # the loop reports the unterminated string
            c = text[i]
            i += 1
        chars.append(c)
    src.index = i
    return NIL if r.suppress else LispString("".join(chars))


def _read_backquote(r: Reader, start: int) -> Any:
    r.bq_depth += 1
    try:
        value, value_start = r.read_required("`", start)
    finally:
        r.bq_depth -= 1
    if r.suppress:
        return NIL
    if _is_unquote(value, _SPLICING):
        raise r.error("a splicing comma (,@ or ,.) cannot come right after a backquote", start)
    return Cons(QUASIQUOTE, Cons(value, NIL, r.src.pos(value_start)), r.src.pos(start))


def _read_comma(r: Reader, start: int) -> Any:
    if r.bq_depth <= 0 and not r.suppress:
        raise r.error("comma not inside a backquote", start)
    src = r.src
    kind = UNQUOTE
    following = src.peek()
    if following == "@":
        kind = UNQUOTE_SPLICING
        src.index += 1
    elif following == ".":
        kind = UNQUOTE_NSPLICING
        src.index += 1
    r.bq_depth -= 1
    try:
        value, value_start = r.read_required(src.text[start : src.index], start)
    finally:
        r.bq_depth += 1
    if r.suppress:
        return NIL
    return Cons(kind, Cons(value, NIL, r.src.pos(value_start)), r.src.pos(start))


_MACROS: dict[str, Callable[[Reader, int], Any]] = {
    "'": _read_quote,
    ";": _read_comment,
    '"': _read_string,
    "`": _read_backquote,
    ",": _read_comma,
    "#": read_sharp,
}


# Symbols of packages the compiler does not know, by (package name, name).
_MIRRORS: dict[tuple[str, str], Symbol] = {}
_MIRROR_PACKAGES: dict[str, Package] = {}


def home_symbol(registry: PackageRegistry, package_name: str, name: str) -> Symbol:
    """The symbol named `name` whose home package is named `package_name`.

    The compiler's own symbol when it has one (so that CL's special forms and
    the runtime's functions are recognised), else a stand-in whose package
    is a detached one of that name: compiled code makes its literal symbols
    by (home package name, name), so the stand-in becomes, at run time, the
    very symbol the running program printed."""
    package = registry.find(package_name)
    if package is not None:
        found = package.present(name)
        if found is not None and found.package is package:
            return found
        # A nickname (CL-USER) stands for the package's name, which the
        # setf function's pseudo-package is made of (backend/literals.py).
        package_name = package.name
    key = (package_name, name)
    symbol = _MIRRORS.get(key)
    if symbol is None:
        home = _MIRROR_PACKAGES.get(package_name)
        if home is None:
            home = _MIRROR_PACKAGES[package_name] = Package(package_name)
        symbol = _MIRRORS[key] = Symbol(name, home)
    return symbol


def read_all(text: str, file: str = "<string>", **options: Any) -> list[Any]:
    """Every top-level datum of `text` (IN-PACKAGE forms are not interpreted)."""
    return list(Reader(text, file, **options))


def read_from_string(text: str, **options: Any) -> Any:
    """The first datum of `text`; an error if there is none."""
    return Reader(text, **options).read()
