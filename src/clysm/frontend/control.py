"""Lexical control transfer: block, return-from, tagbody, go."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clysm.frontend.env import LexEnv
from clysm.frontend.forms import show
from clysm.frontend.handlers import special_form
from clysm.frontend.ir import Block, BlockInfo, Const, Go, Node, ReturnFrom, Tagbody, TagbodyInfo
from clysm.frontend.names import BLOCK, GO, RETURN_FROM, TAGBODY
from clysm.lisp.data import NIL, Cons, Symbol

if TYPE_CHECKING:
    from clysm.frontend.convert import Converter


@special_form(BLOCK)
def convert_block(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 1, None, "(BLOCK NAME FORM*)")
    name = args[0]
    if not isinstance(name, Symbol):
        raise conv.error(f"BLOCK: the block name {show(name)} is not a symbol")
    info = BlockInfo(name)
    inner = env.child()
    inner.blocks[name] = info
    return Block(info, conv.convert_body(args[1:], inner), pos=conv.pos)


@special_form(RETURN_FROM)
def convert_return_from(conv: Converter, form: Cons, env: LexEnv) -> Node:
    args = conv.args(form, 1, 2, "(RETURN-FROM NAME [RESULT])")
    name = args[0]
    if not isinstance(name, Symbol):
        raise conv.error(f"RETURN-FROM: the block name {show(name)} is not a symbol")
    info = env.lookup_block(name)
    if info is None:
        raise conv.error(f"RETURN-FROM: no block named {show(name)} is visible here")
    value = conv.convert(args[1], env) if len(args) == 2 else Const(NIL, pos=conv.pos)
    return ReturnFrom(info, value, pos=conv.pos)


def _is_tag(x: Any) -> bool:
    return isinstance(x, Symbol) or (isinstance(x, int) and not isinstance(x, bool))


@special_form(TAGBODY)
def convert_tagbody(conv: Converter, form: Cons, env: LexEnv) -> Node:
    items = conv.args(form, 0, None, "(TAGBODY {TAG | STATEMENT}*)")
    info = TagbodyInfo()
    inner = env.child()
    # All tags are visible throughout the body, so collect them first.
    for item in items:
        if isinstance(item, Cons):
            continue
        if not _is_tag(item):
            raise conv.error(
                f"TAGBODY: {show(item)} is neither a tag (symbol or integer) nor a statement"
            )
        if item in inner.tags:
            raise conv.error(f"TAGBODY: the tag {show(item)} appears more than once")
        inner.tags[item] = info
        info.tags.append(item)
    segments: list[tuple[Any, list[Node]]] = []
    current: tuple[Any, list[Node]] = (None, [])
    for item in items:
        if isinstance(item, Cons):
            current[1].append(conv.convert(item, inner))
        else:
            if current[0] is not None or current[1]:
                segments.append(current)
            current = (item, [])
    if current[0] is not None or current[1] or not segments:
        segments.append(current)
    return Tagbody(info, segments, pos=conv.pos)


@special_form(GO)
def convert_go(conv: Converter, form: Cons, env: LexEnv) -> Node:
    (tag,) = conv.args(form, 1, 1, "(GO TAG)")
    if not _is_tag(tag):
        raise conv.error(f"GO: {show(tag)} is not a valid tag; expected a symbol or integer")
    info = env.lookup_tag(tag)
    if info is None:
        raise conv.error(f"GO: no tag named {show(tag)} is visible here")
    return Go(info, tag, pos=conv.pos)
