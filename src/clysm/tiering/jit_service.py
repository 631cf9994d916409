"""The JIT compile service: a process the engine host starts and talks to
through its standard input and output (docs/jit.md).

Each request is a 4-byte big-endian length and that many bytes of UTF-8
request text (jit_compiler.py).  Each response is one status byte (0: a
module follows, 1: an error message follows), a 4-byte big-endian length and
the payload.  The service exits at end of input.
"""

from __future__ import annotations

import os
import struct
import sys
from typing import BinaryIO

from clysm.driver.compile import Toolchain
from clysm.tiering.jit_compiler import compile_request

OK, ERROR = 0, 1


def _read_exactly(stream: BinaryIO, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _respond(out: BinaryIO, status: int, payload: bytes) -> None:
    out.write(struct.pack(">BI", status, len(payload)) + payload)
    out.flush()


def serve(requests: BinaryIO, responses: BinaryIO) -> None:
    toolchain = Toolchain.load()
    while True:
        header = _read_exactly(requests, 4)
        if header is None:
            return
        (length,) = struct.unpack(">I", header)
        body = _read_exactly(requests, length)
        if body is None:
            return
        if os.environ.get("CLYSM_JIT_FAULT") == "compile":
            _respond(responses, ERROR, b"injected compile failure (CLYSM_JIT_FAULT=compile)")
            continue
        try:
            module = compile_request(body.decode("utf-8"), toolchain)
        except Exception as exc:  # every failure leaves the function in Tier 1
            _respond(responses, ERROR, f"{type(exc).__name__}: {exc}".encode())
            continue
        _respond(responses, OK, module)


def main() -> None:
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
