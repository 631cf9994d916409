"""Source text with a cursor, and mapping from offsets to line:column positions."""

from __future__ import annotations

from bisect import bisect_right

from clysm.errors import SourcePos


class SourceText:
    """The whole text of one source, read through a movable index.

    Positions are computed on demand from the index (lines are found by
    bisection), so the hot loops of the reader only move an integer.
    """

    __slots__ = ("_line_starts", "file", "index", "length", "text")

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.index = 0
        self.length = len(text)
        starts = [0]
        at = text.find("\n")
        while at != -1:
            starts.append(at + 1)
            at = text.find("\n", at + 1)
        self._line_starts = starts

    def peek(self) -> str | None:
        return self.text[self.index] if self.index < self.length else None

    def at_end(self) -> bool:
        return self.index >= self.length

    def pos(self, index: int | None = None) -> SourcePos:
        """The 1-based line and column of `index` (default: the cursor)."""
        if index is None:
            index = self.index
        line = bisect_right(self._line_starts, index)
        return SourcePos(self.file, line, index - self._line_starts[line - 1] + 1)
