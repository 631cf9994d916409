"""LEB128 integers as used by the Wasm binary format.

The `write_*` functions append to a bytearray (the encoder's hot path); the
plain ones return bytes.  Out-of-range values raise WasmBuildError: an integer
that does not fit its field is an inconsistent module, never something to wrap.
"""

from __future__ import annotations

from clysm.errors import WasmBuildError

U32_MAX = 0xFFFF_FFFF


def _check_signed(value: int, bits: int) -> None:
    lo = -(1 << (bits - 1))
    if not lo <= value < -lo:
        raise WasmBuildError(f"{value} does not fit in a signed {bits}-bit LEB128")


def write_unsigned(out: bytearray, value: int) -> None:
    """Append `value` (>= 0, any size) as unsigned LEB128."""
    if value < 0:
        raise WasmBuildError(f"{value} is negative; unsigned LEB128 needs a value >= 0")
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def write_signed(out: bytearray, value: int) -> None:
    """Append `value` (any size) as signed LEB128."""
    while True:
        byte = value & 0x7F
        value >>= 7  # arithmetic shift: -1 stays -1
        if (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40):
            out.append(byte)
            return
        out.append(byte | 0x80)


def write_u32(out: bytearray, value: int) -> None:
    if 0 <= value < 0x80:  # fast path: most indices and counts are small
        out.append(value)
        return
    if not 0 <= value <= U32_MAX:
        raise WasmBuildError(f"{value} does not fit in an unsigned 32-bit LEB128")
    write_unsigned(out, value)


def write_s32(out: bytearray, value: int) -> None:
    if -0x40 <= value < 0x40:
        out.append(value & 0x7F)
        return
    _check_signed(value, 32)
    write_signed(out, value)


def write_s33(out: bytearray, value: int) -> None:
    _check_signed(value, 33)
    write_signed(out, value)


def write_s64(out: bytearray, value: int) -> None:
    _check_signed(value, 64)
    write_signed(out, value)


def u32(value: int) -> bytes:
    out = bytearray()
    write_u32(out, value)
    return bytes(out)


def s32(value: int) -> bytes:
    out = bytearray()
    write_s32(out, value)
    return bytes(out)


def s33(value: int) -> bytes:
    out = bytearray()
    write_s33(out, value)
    return bytes(out)


def s64(value: int) -> bytes:
    out = bytearray()
    write_s64(out, value)
    return bytes(out)


def read_unsigned(data: bytes | bytearray, pos: int) -> tuple[int, int]:
    """Decode an unsigned LEB128 at `pos`; return (value, position after it)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def read_signed(data: bytes | bytearray, pos: int) -> tuple[int, int]:
    """Decode a signed LEB128 at `pos`; return (value, position after it)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if byte & 0x40:
                result -= 1 << shift
            return result, pos
