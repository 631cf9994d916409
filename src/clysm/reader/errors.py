"""Reader-specific error types."""

from __future__ import annotations

from clysm.errors import LispReaderError, SourcePos


class LispReaderEOFError(LispReaderError):
    """The text ended: either cleanly between forms, or inside an unfinished construct.

    `incomplete` tells the two apart, so that a REPL can ask for more input
    instead of reporting an error.
    """

    def __init__(self, message: str, pos: SourcePos | None = None, *, incomplete: bool) -> None:
        super().__init__(message, pos)
        self.incomplete = incomplete
