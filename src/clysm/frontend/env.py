"""Lexical environments of the converter.

A `LexEnv` is a chain of frames; each frame records what one binding form
introduced.  The same object is the `&environment` handed to macro functions,
so `macroexpand` called from Lisp sees local macros and symbol-macros.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from clysm.frontend.ir import BlockInfo, FunVar, LexVar, TagbodyInfo
from clysm.lisp.data import Symbol

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv


@dataclass(eq=False)
class SymbolMacro:
    expansion: Any


@dataclass(eq=False)
class LocalMacro:
    name: Symbol
    expander: Callable[..., Any]  # host function of (form env)


class SpecialDecl:
    """A name declared special in this scope (bound or free declaration)."""

    def __repr__(self) -> str:
        return "<special>"


SPECIAL_DECL = SpecialDecl()

VarEntry = LexVar | SymbolMacro | SpecialDecl
FunEntry = FunVar | LocalMacro


class LexEnv:
    """One frame of a lexical environment; `parent` is the enclosing one."""

    __slots__ = ("blocks", "funs", "image", "parent", "tags", "vars")

    def __init__(self, image: HostEnv, parent: LexEnv | None = None) -> None:
        self.image = image
        self.parent = parent
        self.vars: dict[Symbol, VarEntry] = {}
        self.funs: dict[Any, FunEntry] = {}
        self.blocks: dict[Symbol, BlockInfo] = {}
        self.tags: dict[Any, TagbodyInfo] = {}

    def __repr__(self) -> str:
        return "#<LEXENV>"

    def child(self) -> LexEnv:
        return LexEnv(self.image, self)

    def lookup_var(self, name: Symbol) -> VarEntry | None:
        env: LexEnv | None = self
        while env is not None:
            entry = env.vars.get(name)
            if entry is not None:
                return entry
            env = env.parent
        return None

    def lookup_fun(self, key: Any) -> FunEntry | None:
        env: LexEnv | None = self
        while env is not None:
            entry = env.funs.get(key)
            if entry is not None:
                return entry
            env = env.parent
        return None

    def lookup_block(self, name: Symbol) -> BlockInfo | None:
        env: LexEnv | None = self
        while env is not None:
            info = env.blocks.get(name)
            if info is not None:
                return info
            env = env.parent
        return None

    def lookup_tag(self, tag: Any) -> TagbodyInfo | None:
        env: LexEnv | None = self
        while env is not None:
            info = env.tags.get(tag)
            if info is not None:
                return info
            env = env.parent
        return None

    def macros_only(self) -> LexEnv:
        """The environment a macrolet expander is defined in: local macros,
        symbol-macros and special declarations stay; variables, functions,
        blocks and tags do not (the expander runs at compile time)."""
        frames: list[LexEnv] = []
        env: LexEnv | None = self
        while env is not None:
            frames.append(env)
            env = env.parent
        # Lexical variables and functions are dropped: an expander that
        # refers to one has undefined consequences (CLHS MACROLET).
        result = LexEnv(self.image)
        for frame in reversed(frames):
            kept_vars = {
                n: v for n, v in frame.vars.items() if isinstance(v, SymbolMacro | SpecialDecl)
            }
            kept_funs = {k: f for k, f in frame.funs.items() if isinstance(f, LocalMacro)}
            if kept_vars or kept_funs:
                result = result.child()
                result.vars.update(kept_vars)
                result.funs.update(kept_funs)
        return result
