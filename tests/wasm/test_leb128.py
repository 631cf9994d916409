from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clysm.errors import WasmBuildError
from clysm.wasm.leb128 import read_signed, read_unsigned, s32, s33, s64, u32


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (0, "00"),
        (1, "01"),
        (127, "7f"),
        (128, "8001"),
        (624485, "e58e26"),
        (2**31 - 1, "ffffffff07"),
        (2**32 - 1, "ffffffff0f"),
    ],
)
def test_u32(value: int, encoded: str) -> None:
    assert u32(value).hex() == encoded
    assert read_unsigned(u32(value), 0) == (value, len(encoded) // 2)


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (0, "00"),
        (-1, "7f"),
        (63, "3f"),
        (64, "c000"),
        (-64, "40"),
        (-65, "bf7f"),
        (-123456, "c0bb78"),
        (2**31 - 1, "ffffffff07"),
        (-(2**31), "8080808078"),
    ],
)
def test_s32(value: int, encoded: str) -> None:
    assert s32(value).hex() == encoded
    assert read_signed(s32(value), 0) == (value, len(encoded) // 2)


def test_s64_extremes() -> None:
    assert s64(2**63 - 1).hex() == "ff" * 8 + "ff00"
    assert s64(-(2**63)).hex() == "80" * 9 + "7f"
    assert read_signed(s64(-(2**63)), 0)[0] == -(2**63)


def test_s33_block_type_range() -> None:
    assert s33(2**32 - 1).hex() == "ffffffff0f"
    assert s33(-(2**32)).hex() == "8080808070"


@pytest.mark.parametrize(
    ("fn", "value"),
    [
        (u32, -1),
        (u32, 2**32),
        (s32, 2**31),
        (s32, -(2**31) - 1),
        (s33, 2**32),
        (s64, 2**63),
        (s64, -(2**63) - 1),
    ],
)
def test_out_of_range(fn: object, value: int) -> None:
    with pytest.raises(WasmBuildError):
        fn(value)  # type: ignore[operator]


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_s64_roundtrip(value: int) -> None:
    enc = s64(value)
    assert read_signed(enc, 0) == (value, len(enc))


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_u32_roundtrip(value: int) -> None:
    enc = u32(value)
    assert read_unsigned(enc, 0) == (value, len(enc))
    assert len(enc) == max(1, (value.bit_length() + 6) // 7)
