"""Parsing of ordinary, macro and destructuring lambda lists (CLHS 3.4).

The parser only checks shape and collects the parts; binding them is the job
of the converter (ordinary lists) and of destructure.py (macro lists).
In a macro or destructuring lambda list a variable position may hold a nested
lambda list (a "pattern"); in an ordinary one it must be a symbol.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from clysm.errors import CompileError, SourcePos
from clysm.frontend.forms import pos_of, show
from clysm.frontend.names import (
    ALLOW_OTHER_KEYS,
    AUX,
    BODY,
    ENVIRONMENT,
    KEY,
    LAMBDA_LIST_KEYWORDS,
    OPTIONAL,
    REST,
    WHOLE,
)
from clysm.lisp.data import NIL, Cons, Symbol
from clysm.lisp.packages import keyword

Kind = Literal["ordinary", "macro", "destructuring"]
Pattern = Any  # a Symbol, or a nested LambdaList in macro/destructuring lists


@dataclass
class OptionalSpec:
    var: Pattern
    init: Any  # a form; NIL when absent
    supplied: Symbol | None


@dataclass
class KeySpec:
    keyword: Symbol
    var: Pattern
    init: Any
    supplied: Symbol | None


@dataclass
class AuxSpec:
    var: Symbol
    init: Any


@dataclass
class LambdaList:
    required: list[Pattern] = field(default_factory=list)
    optional: list[OptionalSpec] = field(default_factory=list)
    rest: Pattern | None = None  # &rest, &body, or a dotted tail
    key_p: bool = False
    keys: list[KeySpec] = field(default_factory=list)
    allow_other_keys: bool = False
    aux: list[AuxSpec] = field(default_factory=list)
    whole: Pattern | None = None
    environment: Symbol | None = None
    source: Any = None  # the list as written, for messages

    def variables(self) -> list[Symbol]:
        """Every variable the list binds, in order (nested patterns included)."""
        out: list[Symbol] = []

        def add(p: Pattern | None) -> None:
            if isinstance(p, LambdaList):
                out.extend(p.variables())
            elif p is not None:
                out.append(p)

        add(self.whole)
        add(self.environment)
        for r in self.required:
            add(r)
        for o in self.optional:
            add(o.var)
            add(o.supplied)
        add(self.rest)
        for k in self.keys:
            add(k.var)
            add(k.supplied)
        for a in self.aux:
            add(a.var)
        return out


# Sections in the order they may appear; a keyword may only move forward.
_ORDER = {OPTIONAL: 1, REST: 2, BODY: 2, KEY: 3, ALLOW_OTHER_KEYS: 4, AUX: 5}


class _Parser:
    def __init__(
        self,
        kind: Kind,
        whole_form: Any,
        pos: SourcePos | None,
        is_constant: Callable[[Symbol], bool],
    ) -> None:
        self.kind = kind
        self.whole_form = whole_form
        self.pos = pos_of(whole_form) or pos
        self.is_constant = is_constant

    def fail(self, message: str, where: Any = None) -> CompileError:
        return CompileError(
            f"{message} in {self.kind} lambda list {show(self.whole_form)}",
            pos_of(where) or self.pos,
        )

    def variable(self, x: Any, what: str = "variable") -> Symbol:
        if not isinstance(x, Symbol):
            raise self.fail(f"{show(x)} is not a valid {what} name")
        if self.is_constant(x):
            raise self.fail(f"{show(x)} names a constant and cannot be bound")
        return x

    def pattern(self, x: Any) -> Pattern:
        """A variable, or (in macro/destructuring lists) a nested lambda list."""
        if self.kind != "ordinary" and (isinstance(x, Cons) or x is NIL):
            return _Parser("destructuring", x, self.pos, self.is_constant).parse(x)
        return self.variable(x)

    def parse(self, form: Any) -> LambdaList:
        ll = LambdaList(source=form)
        section = 0
        seen_keyword: set[Symbol] = set()
        x = form
        if isinstance(x, Cons) and x.car is WHOLE:
            if self.kind == "ordinary":
                raise self.fail("&WHOLE is not allowed")
            if not isinstance(x.cdr, Cons):
                raise self.fail("&WHOLE must be followed by a variable")
            ll.whole = self.pattern(x.cdr.car)
            x = x.cdr.cdr
        while isinstance(x, Cons):
            item = x.car
            x = x.cdr
            if item is ENVIRONMENT:
                if self.kind != "macro" or ll.environment is not None:
                    raise self.fail("&ENVIRONMENT is not allowed here")
                if not isinstance(x, Cons):
                    raise self.fail("&ENVIRONMENT must be followed by a variable")
                ll.environment = self.variable(x.car)
                x = x.cdr
                continue
            if item in LAMBDA_LIST_KEYWORDS:
                section = self._keyword(item, section, seen_keyword, ll)
                if item in (REST, BODY):
                    if not isinstance(x, Cons) or x.car in LAMBDA_LIST_KEYWORDS:
                        raise self.fail(f"{show(item)} must be followed by a variable")
                    ll.rest = self.pattern(x.car)
                    x = x.cdr
                continue
            self._item(item, section, ll)
        if x is not NIL:
            if self.kind == "ordinary":
                raise self.fail("a dotted tail is not allowed")
            if section >= 2:
                raise self.fail("a dotted tail cannot follow &REST, &KEY or &AUX")
            ll.rest = self.variable(x)
        self._check_duplicates(ll)
        return ll

    def _keyword(self, item: Symbol, section: int, seen: set[Symbol], ll: LambdaList) -> int:
        if item is WHOLE:
            raise self.fail("&WHOLE must come first")
        if item is BODY and self.kind == "ordinary":
            raise self.fail("&BODY is not allowed")
        order = _ORDER[item]
        if item in seen or order <= section or (item in (REST, BODY) and ll.rest is not None):
            raise self.fail(f"{show(item)} is out of place")
        if item is ALLOW_OTHER_KEYS:
            if section != 3:
                raise self.fail("&ALLOW-OTHER-KEYS must follow &KEY")
            ll.allow_other_keys = True
        if item is KEY:
            ll.key_p = True
        seen.add(item)
        return order

    def _item(self, item: Any, section: int, ll: LambdaList) -> None:
        if section == 0:
            ll.required.append(self.pattern(item))
        elif section == 1:
            var, init, supplied = self._spec(item, "&OPTIONAL")
            ll.optional.append(OptionalSpec(var, init, supplied))
        elif section == 2:
            raise self.fail(f"only one variable may follow &REST; {show(item)} is extra", item)
        elif section == 3:
            ll.keys.append(self._key_spec(item))
        elif section == 4:
            raise self.fail(f"{show(item)} cannot follow &ALLOW-OTHER-KEYS", item)
        else:
            if isinstance(item, Cons):
                parts = self._parts(item, 2, "&AUX")
                ll.aux.append(AuxSpec(self.variable(parts[0]), parts[1] if len(parts) > 1 else NIL))
            else:
                ll.aux.append(AuxSpec(self.variable(item), NIL))

    def _parts(self, item: Any, most: int, section: str) -> list[Any]:
        parts: list[Any] = []
        x = item
        while isinstance(x, Cons):
            parts.append(x.car)
            x = x.cdr
        if x is not NIL or not 1 <= len(parts) <= most:
            shape = "(VAR [INIT-FORM])" if most == 2 else "(VAR [INIT-FORM [SUPPLIED-P]])"
            raise self.fail(f"malformed {section} parameter {show(item)}; expected {shape}", item)
        return parts

    def _spec(self, item: Any, section: str) -> tuple[Pattern, Any, Symbol | None]:
        if not isinstance(item, Cons):
            return self.variable(item), NIL, None
        parts = self._parts(item, 3, section)
        var = self.pattern(parts[0])
        return (var, *self._init_and_supplied(parts))

    def _init_and_supplied(self, parts: list[Any]) -> tuple[Any, Symbol | None]:
        init = parts[1] if len(parts) > 1 else NIL
        supplied = self.variable(parts[2], "supplied-p variable") if len(parts) > 2 else None
        return init, supplied

    def _key_spec(self, item: Any) -> KeySpec:
        if isinstance(item, Cons) and isinstance(item.car, Cons):
            head = item.car
            if not (
                isinstance(head.cdr, Cons) and head.cdr.cdr is NIL and isinstance(head.car, Symbol)
            ):
                raise self.fail(
                    f"malformed &KEY parameter {show(item)}; expected ((KEYWORD VAR) ...)", item
                )
            parts = self._parts(item, 3, "&KEY")
            return KeySpec(head.car, self.pattern(head.cdr.car), *self._init_and_supplied(parts))
        var, init, supplied = self._spec(item, "&KEY")
        if not isinstance(var, Symbol):
            raise self.fail(f"malformed &KEY parameter {show(item)}", item)
        return KeySpec(keyword(var.name), var, init, supplied)

    def _check_duplicates(self, ll: LambdaList) -> None:
        seen: set[Symbol] = set()
        for v in ll.variables():
            if v in seen:
                raise self.fail(f"variable {show(v)} occurs more than once")
            seen.add(v)


def parse_lambda_list(
    form: Any,
    kind: Kind,
    pos: SourcePos | None,
    is_constant: Callable[[Symbol], bool],
) -> LambdaList:
    """Parse `form` as a lambda list of `kind`, raising CompileError if malformed."""
    if form is not NIL and not isinstance(form, Cons):
        if kind != "ordinary" and isinstance(form, Symbol):
            # (destructuring-bind rest list ...) binds the whole list.
            variable = _Parser(kind, form, pos, is_constant).variable(form)
            return LambdaList(rest=variable, source=form)
        raise CompileError(f"{show(form)} is not a lambda list; expected a list of parameters", pos)
    return _Parser(kind, form, pos, is_constant).parse(form)
