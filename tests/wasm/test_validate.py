from __future__ import annotations

import os

import pytest

from clysm.errors import WasmBuildError
from clysm.wasm import Module, encode, validate
from clysm.wasm.tools import find_wasm_tools
from clysm.wasm.types import I32


def test_find_wasm_tools_is_executable() -> None:
    path = find_wasm_tools()
    assert os.access(path, os.X_OK)


def test_type_error_is_reported_with_wasm_tools_message() -> None:
    m = Module()
    m.add_function("f", m.func_type([], [I32]), [], [("i64.const", 1)])
    with pytest.raises(
        WasmBuildError,
        match=r"invalid module: func 0 failed to validate: type mismatch: expected i32, found i64",
    ):
        validate(encode(m))


def test_features_outside_the_target_set_are_rejected() -> None:
    m = Module()
    m.add_memory(1)
    m.add_memory(1)  # two memories need multi-memory, which clysm does not target
    with pytest.raises(WasmBuildError, match="multiple memories"):
        validate(encode(m))


def test_garbage_is_rejected() -> None:
    with pytest.raises(WasmBuildError, match="invalid module"):
        validate(b"\x00asm\x01\x00\x00\x00\x01")
