"""Sentinels passed between the reader core and its macro functions."""

from __future__ import annotations


class Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


# A reader macro that returned no value (comment, #+ with a false feature, #n=
# under *read-suppress*): the reader goes on to the next object.
NO_VALUE = Marker("no value")
# A token consisting of a single unescaped dot; only a list reader accepts it.
DOT = Marker("dot")
# Returned by `read` at end of input when eof_error_p is false and no eof_value is given.
EOF = Marker("eof")
