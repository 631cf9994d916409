"""Shared helpers for front-end tests: read and convert source text."""

from __future__ import annotations

from typing import Any

import pytest

from clysm.errors import CompileError
from clysm.frontend.convert import Converter
from clysm.frontend.host_env import HostEnv
from clysm.frontend.ir import Node
from clysm.reader import read_from_string


def read(text: str) -> Any:
    return read_from_string(text)


def convert(text: str, image: HostEnv | None = None) -> Node:
    image = image or HostEnv.standard()
    form = read_from_string(text, file="test.lisp")
    return Converter(image).convert(form, image.null_env())


def convert_error(text: str, image: HostEnv | None = None) -> str:
    """The message of the CompileError converting `text` raises, with its position."""
    with pytest.raises(CompileError) as info:
        convert(text, image)
    return str(info.value)
