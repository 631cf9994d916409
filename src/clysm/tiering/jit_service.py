"""The JIT compile service: a process the engine host starts and talks to
through its standard input and output (docs/jit.md).

Each request is a 4-byte big-endian length and that many bytes of UTF-8
request text (jit_compiler.py).  Each response is one status byte (0: a
module follows, 1: an error message follows), a 4-byte big-endian length and
the payload.  The service exits at end of input.

A driver that already holds a loaded toolchain (`clysm load`, `clysm run`)
serves requests itself, in a thread (InProcessService): the engine gets the
two pipe ends as inherited file descriptors, and the first promotion does
not wait for a new Python process to load the compiler.
"""

from __future__ import annotations

import contextlib
import os
import struct
import sys
import threading
from types import TracebackType
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


def serve(requests: BinaryIO, responses: BinaryIO, toolchain: Toolchain | None = None) -> None:
    toolchain = toolchain or Toolchain.load()
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


class InProcessService:
    """The compile service on a thread of this process, for one engine run.

    `environment` and `pass_fds` tell the engine process where to send
    requests (docs/jit.md: CLYSM_JIT_SERVICE_FDS)."""

    def __init__(self, toolchain: Toolchain) -> None:
        self.toolchain = toolchain
        request_read, self.request_write = os.pipe()
        self.response_read, response_write = os.pipe()
        self._requests = os.fdopen(request_read, "rb", buffering=0)
        self._responses = os.fdopen(response_write, "wb")
        self._thread = threading.Thread(target=self._serve, name="clysm-jit", daemon=True)

    @property
    def pass_fds(self) -> tuple[int, int]:
        return (self.request_write, self.response_read)

    @property
    def environment(self) -> dict[str, str]:
        return {"CLYSM_JIT_SERVICE_FDS": f"{self.request_write},{self.response_read}"}

    def _serve(self) -> None:
        with contextlib.suppress(OSError):  # the engine went away mid-request
            serve(self._requests, self._responses, self.toolchain)

    def __enter__(self) -> InProcessService:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # The engine has exited: closing our copy of its request end gives
        # the service end of input.
        os.close(self.request_write)
        os.close(self.response_read)
        self._thread.join(timeout=10)
        self._requests.close()
        self._responses.close()


def main() -> None:
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
