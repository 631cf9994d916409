"""The kernel's bridge to the JIT compile service (docs/jit.md).

The runtime imports two functions from the host module "clysm_host":
  jit_compile(ptr, len, literals) -> eqref   compile the request text at
      ptr..ptr+len (UTF-8 in linear memory) and return the new function
      object made with `literals`, or null on failure;
  jit_error(ptr, capacity) -> len            the last failure's message.
Every engine adapter provides them; where there is no compiler they fail,
and the function stays in Tier 1.
"""

from __future__ import annotations

from clysm.backend.kernel.asm import Asm, KernelBuilder, body, count_up
from clysm.backend.kernel.io import bytes_to_string, put_utf8
from clysm.wasm.types import EQREF, I32

HOST = "clysm_host"
# JIT requests and messages use linear memory from the second page on.
JIT_BUF = 65536
ERROR_CAPACITY = 4096
PAGE = 65536


@body("%jit-compile")
def _jit_compile(kb: KernelBuilder, a: Asm) -> None:
    # (text literals): the compiled function, or NIL.
    chars = a.local(kb.ref_null("char-array"))
    n, i, pos, code, grow = a.local(I32), a.local(I32), a.local(I32), a.local(I32), a.local(I32)
    result = a.local(EQREF)
    a(
        ("local.get", 0),
        ("ref.cast", kb.ref("string")),
        ("struct.get", kb.t["string"], 1),
        ("local.tee", chars),
        ("array.len",),
        ("local.set", n),
        # Pages missing for 4 bytes per character.
        ("i32.const", JIT_BUF + PAGE - 1),
        ("local.get", n),
        ("i32.const", 4),
        ("i32.mul",),
        ("i32.add",),
        ("i32.const", 16),
        ("i32.shr_u",),
        ("memory.size",),
        ("i32.sub",),
        ("local.tee", grow),
        ("i32.const", 0),
        ("i32.gt_s",),
        ("if", None),
        ("local.get", grow),
        ("memory.grow",),
        ("i32.const", -1),
        ("i32.eq",),
        ("if", None),
        ("global.get", kb.g("nil")),
        ("return",),
        ("end",),
        ("end",),
        ("i32.const", JIT_BUF),
        ("local.set", pos),
        *count_up(
            i,
            None,
            [("local.get", n)],
            [
                ("local.get", chars),
                ("local.get", i),
                ("array.get", kb.t["char-array"]),
                ("local.set", code),
                *put_utf8(code, pos),
            ],
            unsigned=True,
        ),
        ("i32.const", JIT_BUF),
        ("local.get", pos),
        ("i32.const", JIT_BUF),
        ("i32.sub",),
        ("local.get", 1),
        ("call", kb.jit_compile),
        ("local.tee", result),
        ("ref.is_null",),
        ("if", EQREF),
        ("global.get", kb.g("nil")),
        ("else",),
        ("local.get", result),
        ("end",),
    )


@body("%jit-error")
def _jit_error(kb: KernelBuilder, a: Asm) -> None:
    # (): the message of the last failure, as a string (bytes as characters).
    n = a.local(I32)
    a(
        ("memory.size",),
        ("i32.const", 2),
        ("i32.lt_u",),
        ("if", None),
        ("i32.const", 1),
        ("memory.grow",),
        ("drop",),
        ("end",),
        ("i32.const", JIT_BUF),
        ("i32.const", ERROR_CAPACITY),
        ("call", kb.jit_error),
        ("local.set", n),
        *bytes_to_string(kb, a, JIT_BUF, n),
    )
