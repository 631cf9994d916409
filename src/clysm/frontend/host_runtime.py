"""Objects the host evaluator passes around at compile time: multiple values,
Lisp errors, and the Python exceptions that implement non-local exits."""

from __future__ import annotations

from typing import Any

from clysm.errors import SourcePos
from clysm.lisp.data import NIL


class MultipleValues:
    """Zero or several values.  Exactly one value is always a bare object, so
    single-value code never pays for this wrapper."""

    __slots__ = ("values",)

    def __init__(self, values: list[Any]) -> None:
        self.values = values

    @property
    def primary(self) -> Any:
        return self.values[0] if self.values else NIL

    def __repr__(self) -> str:
        return f"MultipleValues({self.values!r})"


def make_values(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else MultipleValues(values)


def primary(x: Any) -> Any:
    return x.primary if type(x) is MultipleValues else x


def values_list(x: Any) -> list[Any]:
    return x.values if type(x) is MultipleValues else [x]


class LispError(Exception):
    """A Lisp error signalled while evaluating at compile time.

    `condition_type` names the CL condition class (e.g. "TYPE-ERROR"); the
    converter turns it into a CompileError at the form that triggered it.
    """

    def __init__(
        self, message: str, condition_type: str = "SIMPLE-ERROR", pos: SourcePos | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.condition_type = condition_type
        self.pos = pos  # of the form that signalled, when known


def type_error(value: Any, expected: str) -> LispError:
    from clysm.frontend.forms import show

    return LispError(f"The value {show(value)} is not of type {expected}", "TYPE-ERROR")


class _Unbound:
    def __repr__(self) -> str:
        return "#<unbound>"


UNBOUND: Any = _Unbound()


# Non-local exits.  They derive from BaseException so that code catching
# ordinary errors never intercepts a transfer of control.


class ControlTransfer(BaseException):
    pass


class ReturnFromSignal(ControlTransfer):
    __slots__ = ("token", "value")

    def __init__(self, token: object, value: Any) -> None:
        self.token = token
        self.value = value


class GoSignal(ControlTransfer):
    __slots__ = ("index", "token")

    def __init__(self, token: object, index: int) -> None:
        self.token = token
        self.index = index


class ThrowSignal(ControlTransfer):
    __slots__ = ("entry", "value")

    def __init__(self, entry: object, value: Any) -> None:
        self.entry = entry  # the catch frame (not the tag): the innermost match
        self.value = value


# Fixnums are i31 values in the engine; EQ compares them (and characters) by value.
MOST_POSITIVE_FIXNUM = (1 << 30) - 1
MOST_NEGATIVE_FIXNUM = -(1 << 30)


def is_fixnum(x: Any) -> bool:
    return type(x) is int and MOST_NEGATIVE_FIXNUM <= x <= MOST_POSITIVE_FIXNUM


def lisp_eq(a: Any, b: Any) -> bool:
    return a is b or (is_fixnum(a) and is_fixnum(b) and a == b)
