"""Structured control flow for a TAGBODY whose GOs are all local.

A GO back to a tag (or to its own segment's tag) branches to a Wasm `loop`
opened before that tag's segment; a GO forward branches out of a `block`
that ends just before the target segment.  When those constructs nest
properly (the loops of DOTIMES, DOLIST, DO and LOOP do), the tagbody needs
no dispatch on a tag variable; otherwise the compiler falls back to its
dispatch loop (control.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from clysm.errors import CompileError
from clysm.frontend import ir


@dataclass(frozen=True)
class Span:
    """A Wasm construct around segments first..last: a `loop` for backward GOs
    to segment `first`, or a `block` for forward GOs to segment `last + 1`."""

    kind: str  # "loop" or "block"
    first: int
    last: int

    @property
    def target(self) -> int:
        return self.first if self.kind == "loop" else self.last + 1


def tag_index(tags: list[object], tag: object) -> int:
    for i, t in enumerate(tags):
        if t is tag or (isinstance(t, int) and isinstance(tag, int) and t == tag):
            return i
    raise CompileError(f"go: no tag {tag!r} in the tagbody")


def go_targets(node: ir.Node, info: ir.TagbodyInfo, tags: list[object]) -> set[int]:
    """The segment indexes that GOs to `info` within `node` jump to."""
    found: set[int] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ir.Go) and n.info is info:
            found.add(tag_index(tags, n.tag))
        stack.extend(ir.children(n))
    return found


def plan(node: ir.Tagbody) -> list[Span] | None:
    """The spans for `node`, outermost first among those that start together,
    or None when they would not nest."""
    tags = [tag for tag, _ in node.segments]
    loops: dict[int, int] = {}  # target -> last segment jumping back to it
    blocks: dict[int, int] = {}  # target -> first segment jumping forward to it
    for i, (_, stmts) in enumerate(node.segments):
        for stmt in stmts:
            for j in go_targets(stmt, node.info, tags):
                if j <= i:
                    loops[j] = max(loops.get(j, i), i)
                else:
                    blocks[j] = min(blocks.get(j, i), i)
    spans = [Span("loop", j, last) for j, last in loops.items()]
    spans += [Span("block", first, j - 1) for j, first in blocks.items()]
    for a in spans:
        for b in spans:
            overlap = a.first <= b.last and b.first <= a.last
            nested = (a.first <= b.first and b.last <= a.last) or (
                b.first <= a.first and a.last <= b.last
            )
            if overlap and not nested:
                return None
    # Wider spans open first; of two equal ones the block is outside.
    spans.sort(key=lambda s: (s.first, -s.last, s.kind != "block"))
    return spans
