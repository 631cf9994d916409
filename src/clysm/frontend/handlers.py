"""The table of special-form converters, filled in by the modules that define them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clysm.lisp.data import Symbol

if TYPE_CHECKING:
    from clysm.frontend.convert import Converter
    from clysm.frontend.env import LexEnv
    from clysm.frontend.ir import Node

Handler = Callable[["Converter", Any, "LexEnv"], "Node"]

HANDLERS: dict[Symbol, Handler] = {}


def special_form(*names: Symbol) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = fn
        return fn

    return register
