"""Run-time frames of the host evaluator and their compile-time layout.

Each lambda activation and each binding form that binds lexical variables
gets a fresh frame: a Python list whose slot 0 is the enclosing frame.  A
closure keeps the frame it was made in, so assigned variables are shared
with the code that binds them, and a binding made anew (a let inside a loop)
is a fresh slot each time, never a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from clysm.errors import InternalError

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv
    from clysm.frontend.ir import Node

Frame = list[Any]
Code = Callable[[Frame], Any]


class NodeCompiler(Protocol):
    """What the parts of the host evaluator need from the whole."""

    image: HostEnv

    def compile(self, node: Node, scope: Scope, mv: bool) -> Code: ...


class Scope:
    """The layout of one frame: which binding object lives in which slot."""

    __slots__ = ("parent", "size", "slots")

    def __init__(self, parent: Scope | None) -> None:
        self.parent = parent
        self.slots: dict[object, int] = {}
        self.size = 1  # slot 0 is the parent frame

    def add(self, key: object) -> int:
        index = self.size
        self.slots[key] = index
        self.size += 1
        return index

    def locate(self, key: object) -> tuple[int, int]:
        """(frames to walk up, slot index) of binding object `key`."""
        depth = 0
        scope: Scope | None = self
        while scope is not None:
            index = scope.slots.get(key)
            if index is not None:
                return depth, index
            scope = scope.parent
            depth += 1
        raise InternalError(f"host evaluator: {key!r} is not bound in this scope")


def getter(depth: int, i: int) -> Code:
    if depth == 0:
        return lambda f: f[i]
    if depth == 1:
        return lambda f: f[0][i]
    if depth == 2:
        return lambda f: f[0][0][i]

    def get(f: Frame) -> Any:
        for _ in range(depth):
            f = f[0]
        return f[i]

    return get


def setter(depth: int, i: int, value: Code) -> Code:
    if depth == 0:

        def set0(f: Frame) -> Any:
            v = f[i] = value(f)
            return v

        return set0

    def set_up(f: Frame) -> Any:
        v = value(f)
        g = f
        for _ in range(depth):
            g = g[0]
        g[i] = v
        return v

    return set_up
