"""Error types shared by every part of clysm.

`ClysmError` is for bad *input* (source text, options): the CLI prints it as one
line naming the place and exits non-zero.  `InternalError` is for bugs in clysm
itself (an inconsistent module handed to the encoder, say).
"""

from __future__ import annotations

from typing import Any, NamedTuple


class SourcePos(NamedTuple):
    """A place in a source file; line and column count from 1.  (A named
    tuple: the reader makes one for every cons it reads.)"""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class ClysmError(Exception):
    """An error in the user's input, reported without a traceback."""

    def __init__(self, message: str, pos: SourcePos | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos

    def __str__(self) -> str:
        if self.pos is None:
            return self.message
        return f"{self.pos}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with every attribute (the default keeps only args, and
        # subclasses take other constructor arguments).
        return (_restore_error, (type(self), self.message, dict(self.__dict__)))


def _restore_error(cls: type[ClysmError], message: str, state: dict[str, Any]) -> ClysmError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class LispReaderError(ClysmError):
    """Malformed source text."""


class CompileError(ClysmError):
    """A form the compiler cannot accept (malformed special form, bad lambda list...)."""


class EngineError(ClysmError):
    """An engine or tool could not be found or started."""


class InternalError(Exception):
    """A bug in clysm: an invariant of one of its own components was broken."""


class WasmBuildError(InternalError):
    """The Wasm encoder was given a module it cannot build (bad index, unbalanced block)."""
