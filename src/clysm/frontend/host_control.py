"""Host evaluator: control transfer (block, tagbody, catch, unwind-protect)
and progv.

Every exit is a Python exception carrying the identity of the activation it
targets, so a return-from or go from inside a closure reaches the right
frame, and `finally` clauses on the way run unwind-protect cleanups and undo
dynamic bindings.  A `go` to the enclosing tagbody that is a statement of it
(possibly under if/progn) is a plain jump, so loops raise nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from clysm.frontend.forms import show
from clysm.frontend.host_frames import Code, Frame, Scope, getter
from clysm.frontend.host_runtime import (
    UNBOUND,
    GoSignal,
    LispError,
    ReturnFromSignal,
    ThrowSignal,
    lisp_eq,
    primary,
    type_error,
)
from clysm.frontend.ir import (
    Block,
    BlockInfo,
    Catch,
    Go,
    If,
    Node,
    Progn,
    Progv,
    ReturnFrom,
    Tagbody,
    TagbodyInfo,
    Throw,
    UnwindProtect,
    children,
)
from clysm.lisp.data import NIL, Symbol, is_proper_list, iter_list

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv

Statement = Callable[[Frame], "int | None"]  # returns the index to jump to, if any


def _returns_to(node: Node, info: BlockInfo) -> bool:
    if isinstance(node, ReturnFrom) and node.info is info:
        return True
    return any(_returns_to(c, info) for c in children(node))


class ControlCompiler:
    image: HostEnv
    _go_targets: dict[TagbodyInfo, dict[Any, int]]

    def compile(self, node: Node, scope: Scope, mv: bool) -> Code:
        raise NotImplementedError

    def control_compilers(self) -> dict[type, Callable[[Any, Scope, bool], Code]]:
        self._go_targets = {}
        return {
            Block: self._block,
            ReturnFrom: self._return_from,
            Tagbody: self._tagbody,
            Go: self._go,
            Catch: self._catch,
            Throw: self._throw,
            UnwindProtect: self._unwind_protect,
            Progv: self._progv,
        }

    def _block(self, node: Block, scope: Scope, mv: bool) -> Code:
        if not _returns_to(node.body, node.info):
            return self.compile(node.body, scope, mv)
        slot = scope.add(node.info)
        body = self.compile(node.body, scope, mv)

        def block(f: Frame) -> Any:
            token = f[slot] = object()
            try:
                return body(f)
            except ReturnFromSignal as e:
                if e.token is not token:
                    raise
                return e.value if mv else primary(e.value)

        return block

    def _return_from(self, node: ReturnFrom, scope: Scope, mv: bool) -> Code:
        token = getter(*scope.locate(node.info))
        value = self.compile(node.value, scope, True)

        def return_from(f: Frame) -> Any:
            raise ReturnFromSignal(token(f), value(f))

        return return_from

    def _tagbody(self, node: Tagbody, scope: Scope, mv: bool) -> Code:
        info = node.info
        targets: dict[Any, int] = {}
        pc = 0
        for tag, statements in node.segments:
            if tag is not None:
                targets[tag] = pc
            pc += len(statements)
        slot = scope.add(info)
        self._go_targets[info] = targets
        try:
            stmts = [
                self._statement(s, scope, info, targets)
                for _, statements in node.segments
                for s in statements
            ]
        finally:
            del self._go_targets[info]
        n = len(stmts)

        def tagbody(f: Frame) -> Any:
            token = f[slot] = object()
            pc = 0
            while True:
                try:
                    while pc < n:
                        jump = stmts[pc](f)
                        pc = pc + 1 if jump is None else jump
                    return NIL
                except GoSignal as e:
                    if e.token is not token:
                        raise
                    pc = e.index

        return tagbody

    def _statement(
        self, node: Node, scope: Scope, info: TagbodyInfo, targets: dict[Any, int]
    ) -> Statement:
        if isinstance(node, Go) and node.info is info:
            target = targets[node.tag]
            return lambda f: target
        if isinstance(node, If):
            test = self.compile(node.test, scope, False)
            then = self._statement(node.then, scope, info, targets)
            else_ = self._statement(node.else_, scope, info, targets)
            return lambda f: else_(f) if test(f) is NIL else then(f)
        if isinstance(node, Progn):
            parts = [self._statement(n, scope, info, targets) for n in node.body]

            def sequence(f: Frame) -> int | None:
                for part in parts:
                    jump = part(f)
                    if jump is not None:
                        return jump
                return None

            return sequence
        code = self.compile(node, scope, False)

        def statement(f: Frame) -> None:
            code(f)

        return statement

    def _go(self, node: Go, scope: Scope, mv: bool) -> Code:
        token = getter(*scope.locate(node.info))
        target = self._go_targets[node.info][node.tag]

        def go(f: Frame) -> Any:
            raise GoSignal(token(f), target)

        return go

    def _catch(self, node: Catch, scope: Scope, mv: bool) -> Code:
        tag_code = self.compile(node.tag, scope, False)
        body = self.compile(node.body, scope, mv)
        catchers = self.image.catchers

        def catch(f: Frame) -> Any:
            entry = object()
            catchers.append((tag_code(f), entry))
            try:
                return body(f)
            except ThrowSignal as e:
                if e.entry is not entry:
                    raise
                return e.value if mv else primary(e.value)
            finally:
                catchers.pop()

        return catch

    def _throw(self, node: Throw, scope: Scope, mv: bool) -> Code:
        tag_code = self.compile(node.tag, scope, False)
        value = self.compile(node.value, scope, True)
        catchers = self.image.catchers

        def throw(f: Frame) -> Any:
            tag = tag_code(f)
            result = value(f)
            for catch_tag, entry in reversed(catchers):
                if lisp_eq(catch_tag, tag):
                    raise ThrowSignal(entry, result)
            message = f"attempt to THROW to a tag that does not exist: {show(tag)}"
            raise LispError(message, "CONTROL-ERROR", node.pos)

        return throw

    def _unwind_protect(self, node: UnwindProtect, scope: Scope, mv: bool) -> Code:
        protected = self.compile(node.protected, scope, mv)
        cleanup = self.compile(node.cleanup, scope, False)

        def unwind_protect(f: Frame) -> Any:
            try:
                return protected(f)
            finally:
                cleanup(f)

        return unwind_protect

    def _progv(self, node: Progv, scope: Scope, mv: bool) -> Code:
        symbols_code = self.compile(node.symbols, scope, False)
        values_code = self.compile(node.values, scope, False)
        body = self.compile(node.body, scope, mv)
        image = self.image

        def progv(f: Frame) -> Any:
            symbols, values = symbols_code(f), values_code(f)
            for x, what in ((symbols, "symbol"), (values, "value")):
                if not is_proper_list(x):
                    raise type_error(x, f"LIST (the {what}s of PROGV)")
            vals = list(iter_list(values))
            saved: list[tuple[Symbol, Any]] = []
            try:
                for i, sym in enumerate(iter_list(symbols)):
                    if not isinstance(sym, Symbol) or image.is_constant(sym):
                        raise type_error(sym, "SYMBOL (a variable name for PROGV)")
                    # Symbols beyond the values are bound but unbound (CLHS PROGV).
                    saved.append((sym, image.bind(sym, vals[i] if i < len(vals) else UNBOUND)))
                return body(f)
            finally:
                for sym, old in reversed(saved):
                    image.unbind(sym, old)

        return progv
