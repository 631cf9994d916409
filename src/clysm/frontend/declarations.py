"""Bodies with declarations (and documentation strings).

Only `special`, `ignore` and `ignorable` change what the converter produces;
every other standard declaration is checked for shape and then ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clysm.errors import CompileError, SourcePos
from clysm.frontend.forms import form_list, is_function_name, pos_of, show
from clysm.frontend.names import DECLARE, FUNCTION, IGNORABLE, IGNORE, SPECIAL
from clysm.lisp.data import Cons, Symbol


@dataclass
class Declarations:
    specials: set[Symbol] = field(default_factory=set)
    ignored: set[Symbol] = field(default_factory=set)  # ignore or ignorable


@dataclass
class Body:
    decls: Declarations
    forms: list[Any]
    doc: Any = None
    declare_forms: list[Any] = field(default_factory=list)  # the (declare ...) forms as read


def is_declaration(form: Any) -> bool:
    return isinstance(form, Cons) and form.car is DECLARE


def parse_body(forms: list[Any], pos: SourcePos | None, *, allow_doc: bool = False) -> Body:
    """Split leading declarations (and, for function bodies, one documentation
    string that is not the last form) off a body."""
    decls = Declarations()
    doc: Any = None
    declare_forms: list[Any] = []
    i = 0
    while i < len(forms):
        form = forms[i]
        if is_declaration(form):
            declare_forms.append(form)
            for spec in form_list(form, "declaration", pos_of(form) or pos)[1:]:
                _add_spec(decls, spec, pos_of(form) or pos)
        elif allow_doc and doc is None and _is_string(form) and i + 1 < len(forms):
            doc = form
        else:
            break
        i += 1
    return Body(decls, forms[i:], doc, declare_forms)


def _is_string(x: Any) -> bool:
    from clysm.lisp.data import LispString

    return isinstance(x, LispString)


def _add_spec(decls: Declarations, spec: Any, pos: SourcePos | None) -> None:
    if not isinstance(spec, Cons) or not isinstance(spec.car, Symbol):
        raise CompileError(
            f"malformed declaration {show(spec)}: expected (DECLARATION-IDENTIFIER ARGUMENT*)",
            pos_of(spec) or pos,
        )
    args = form_list(spec.cdr, "declaration", pos_of(spec) or pos)
    kind = spec.car
    if kind is SPECIAL:
        for name in args:
            _check_symbol(name, spec, pos)
            decls.specials.add(name)
    elif kind is IGNORE or kind is IGNORABLE:
        for name in args:
            # (ignore (function f)) names a local function: nothing to record.
            if isinstance(name, Cons) and name.car is FUNCTION:
                continue
            _check_symbol(name, spec, pos)
            decls.ignored.add(name)
    else:
        # type, ftype, optimize, inline, dynamic-extent...: accepted, no effect.
        for arg in args:
            if not (is_function_name(arg) or isinstance(arg, Cons | Symbol | int)):
                raise CompileError(
                    f"malformed declaration {show(spec)}: {show(arg)} is not a name",
                    pos_of(spec) or pos,
                )


def _check_symbol(name: Any, spec: Any, pos: SourcePos | None) -> None:
    if not isinstance(name, Symbol):
        raise CompileError(
            f"malformed declaration {show(spec)}: {show(name)} is not a variable name",
            pos_of(spec) or pos,
        )
