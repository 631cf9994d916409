"""Kernel output: debugging output primitives over WASI fd_write, and exit.

These are *kernel debugging output* (used by error reports and by tests until
the Lisp printer exists); the real printer and streams are Lisp code.
Strings are UTF-8 encoded into a buffer in linear memory, flushed with one
fd_write per buffer-full.
"""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.kernel.asm import (
    BUF,
    BUF_SIZE,
    IOVEC,
    NWRITTEN,
    Asm,
    KernelBuilder,
    body,
    count_up,
)
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, I32, ref

I31 = ref("i31")


def flush(kb: KernelBuilder, fd: int, pos: int) -> list[Instr]:
    """Write buffer bytes BUF..pos to fd; afterwards pos = BUF."""
    return [
        ("i32.const", IOVEC),
        ("i32.const", BUF),
        ("i32.store", 2, 0),
        ("i32.const", IOVEC + 4),
        ("local.get", pos),
        ("i32.const", BUF),
        ("i32.sub",),
        ("i32.store", 2, 0),
        ("local.get", fd),
        ("i32.const", IOVEC),
        ("i32.const", 1),
        ("i32.const", NWRITTEN),
        ("call", kb.fd_write),
        ("drop",),
        ("i32.const", BUF),
        ("local.set", pos),
    ]


def put_utf8(code: int, pos: int) -> list[Instr]:
    """Store code point `code` (a local) as UTF-8 at `pos` (a local), advancing pos."""

    def store(value: list[Instr], offset: int) -> list[Instr]:
        return [("local.get", pos), *value, ("i32.store8", 0, offset)]

    def cont(shift: int) -> list[Instr]:
        return [
            ("local.get", code),
            ("i32.const", shift),
            ("i32.shr_u",),
            ("i32.const", 0x3F),
            ("i32.and",),
            ("i32.const", 0x80),
            ("i32.or",),
        ]

    def lead(shift: int, mark: int) -> list[Instr]:
        return [
            ("local.get", code),
            ("i32.const", shift),
            ("i32.shr_u",),
            ("i32.const", mark),
            ("i32.or",),
        ]

    def advance(n: int) -> list[Instr]:
        return [("local.get", pos), ("i32.const", n), ("i32.add",), ("local.set", pos)]

    return [
        ("local.get", code),
        ("i32.const", 0x80),
        ("i32.lt_u",),
        ("if", None),
        *store([("local.get", code)], 0),
        *advance(1),
        ("else",),
        ("local.get", code),
        ("i32.const", 0x800),
        ("i32.lt_u",),
        ("if", None),
        *store(lead(6, 0xC0), 0),
        *store(cont(0), 1),
        *advance(2),
        ("else",),
        ("local.get", code),
        ("i32.const", 0x10000),
        ("i32.lt_u",),
        ("if", None),
        *store(lead(12, 0xE0), 0),
        *store(cont(6), 1),
        *store(cont(0), 2),
        *advance(3),
        ("else",),
        *store(lead(18, 0xF0), 0),
        *store(cont(12), 1),
        *store(cont(6), 2),
        *store(cont(0), 3),
        *advance(4),
        ("end",),
        ("end",),
        ("end",),
    ]


@body("%exit")
def _exit(kb: KernelBuilder, a: Asm) -> None:
    # (code): first CLYSM::%EXIT-HOOK, if fbound, flushes the Lisp streams.
    # Its cell is emptied before the call so that an error inside it exits
    # instead of looping.
    fn = a.local(kb.ref_null("function"))
    hook = kb.symbol("CLYSM", "%EXIT-HOOK")
    sym_t = kb.t["symbol"]
    a(
        ("global.get", hook),
        ("struct.get", sym_t, O.F_SYMBOL_FUNCTION),
        ("local.tee", fn),
        ("ref.is_null",),
        ("i32.eqz",),
        ("if", None),
        ("global.get", hook),
        ("ref.null", kb.t["function"]),
        ("struct.set", sym_t, O.F_SYMBOL_FUNCTION),
        ("local.get", fn),
        ("ref.as_non_null",),
        ("local.get", fn),
        ("struct.get", kb.t["function"], O.F_ENTRY0),
        *kb.call_lisp(kb.t.entry(0)),
        ("drop",),
        ("end",),
        ("local.get", 0),
        ("call", kb.proc_exit),
    )


@body("%write-string")
def _write_string(kb: KernelBuilder, a: Asm) -> None:
    # (fd, string): non-strings are written as #<non-string>.
    chars = a.local(kb.ref_null("char-array"))
    i, n, pos, code = a.local(I32), a.local(I32), a.local(I32), a.local(I32)
    a(
        ("local.get", 1),
        ("ref.test", kb.ref("string")),
        ("i32.eqz",),
        ("if", None),
        ("local.get", 0),
        ("global.get", kb.string("#<non-string>")),
        ("call", kb.f("%write-string")),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("ref.cast", kb.ref("string")),
        ("struct.get", kb.t["string"], O.F_STRING_CHARS),
        ("local.tee", chars),
        ("array.len",),
        ("local.set", n),
        ("i32.const", BUF),
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
                ("local.get", pos),
                ("i32.const", BUF + BUF_SIZE - 4),
                ("i32.ge_u",),
                ("if", None),
                *flush(kb, 0, pos),
                ("end",),
            ],
            unsigned=True,
        ),
        *flush(kb, 0, pos),
    )


@body("%write-fixnum")
def _write_fixnum(kb: KernelBuilder, a: Asm) -> None:
    # Digits are produced from the end of the buffer backwards; the value is
    # kept negative so that the most negative fixnum needs no special case.
    n, pos, neg, end = a.local(I32), a.local(I32), a.local(I32), a.local(I32)
    a(
        ("local.get", 1),
        ("ref.test", I31),
        ("i32.eqz",),
        ("if", None),
        ("local.get", 0),
        ("local.get", 1),
        ("call", kb.f("%write-object")),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("ref.cast", I31),
        ("i31.get_s",),
        ("local.tee", n),
        ("i32.const", 0),
        ("i32.lt_s",),
        ("local.set", neg),
        ("local.get", neg),
        ("i32.eqz",),
        ("if", None),
        ("i32.const", 0),
        ("local.get", n),
        ("i32.sub",),
        ("local.set", n),
        ("end",),
        ("i32.const", BUF + BUF_SIZE),
        ("local.tee", pos),
        ("local.set", end),
        ("loop", None),
        ("local.get", pos),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.tee", pos),
        ("i32.const", 48),
        ("i32.const", 0),
        ("local.get", n),
        ("i32.const", 10),
        ("i32.rem_s",),
        ("i32.sub",),
        ("i32.add",),
        ("i32.store8", 0, 0),
        ("local.get", n),
        ("i32.const", 10),
        ("i32.div_s",),
        ("local.tee", n),
        ("br_if", 0),
        ("end",),
        ("local.get", neg),
        ("if", None),
        ("local.get", pos),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.tee", pos),
        ("i32.const", 45),
        ("i32.store8", 0, 0),
        ("end",),
        # iovec {pos, end - pos}
        ("i32.const", IOVEC),
        ("local.get", pos),
        ("i32.store", 2, 0),
        ("i32.const", IOVEC + 4),
        ("local.get", end),
        ("local.get", pos),
        ("i32.sub",),
        ("i32.store", 2, 0),
        ("local.get", 0),
        ("i32.const", IOVEC),
        ("i32.const", 1),
        ("i32.const", NWRITTEN),
        ("call", kb.fd_write),
        ("drop",),
    )


@body("%write-object")
def _write_object(kb: KernelBuilder, a: Asm) -> None:
    # Enough of a printer for error reports: fixnums, symbols, strings,
    # characters, lists; anything else as #<object>.
    x = a.local(EQREF)
    cons = kb.t["cons"]

    def write(text: str) -> list[Instr]:
        return [("local.get", 0), ("global.get", kb.string(text)), ("call", kb.f("%write-string"))]

    a(
        ("local.get", 1),
        ("ref.test", I31),
        ("if", None),
        ("local.get", 0),
        ("local.get", 1),
        ("call", kb.f("%write-fixnum")),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("ref.test", kb.ref("symbol")),
        ("if", None),
        ("local.get", 0),
        ("local.get", 1),
        ("ref.cast", kb.ref("symbol")),
        ("struct.get", kb.t["symbol"], O.F_SYMBOL_NAME),
        ("call", kb.f("%write-string")),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("ref.test", kb.ref("string")),
        ("if", None),
        *write('"'),
        ("local.get", 0),
        ("local.get", 1),
        ("call", kb.f("%write-string")),
        *write('"'),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("ref.test", kb.ref("character")),
        ("if", None),
        *write("#\\"),
        ("local.get", 0),
        ("i32.const", 0),
        ("local.get", 1),
        ("ref.cast", kb.ref("character")),
        ("struct.get", kb.t["character"], O.F_CHAR_CODE),
        ("array.new_fixed", kb.t["char-array"], 1),
        ("struct.new", kb.t["string"]),
        ("call", kb.f("%write-string")),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("ref.test", kb.ref("cons")),
        ("if", None),
        *write("("),
        ("local.get", 1),
        ("local.set", x),
        ("loop", None),
        ("local.get", 0),
        ("local.get", x),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("call", kb.f("%write-object")),
        ("local.get", x),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.tee", x),
        ("ref.test", kb.ref("cons")),
        ("if", None),
        *write(" "),
        ("br", 1),
        ("end",),
        ("end",),
        ("local.get", x),
        ("global.get", kb.g("nil")),
        ("ref.eq",),
        ("i32.eqz",),
        ("if", None),
        *write(" . "),
        ("local.get", 0),
        ("local.get", x),
        ("call", kb.f("%write-object")),
        ("end",),
        *write(")"),
        ("return",),
        ("end",),
        ("local.get", 1),
        ("ref.test", kb.ref("function")),
        ("if", None),
        *write("#<function "),
        ("local.get", 0),
        ("local.get", 1),
        ("ref.cast", kb.ref("function")),
        ("struct.get", kb.t["function"], O.F_FUNCTION_NAME),
        ("call", kb.f("%write-object")),
        *write(">"),
        ("return",),
        ("end",),
        *write("#<object>"),
    )


def bytes_to_string(kb: KernelBuilder, a: Asm, start: int, n: int) -> list[Instr]:
    """Push a fresh string of the byte codes in memory start..start+n (`n` a local)."""
    i = a.local(I32)
    chars = a.local(kb.ref_null("char-array"))
    return [
        ("local.get", n),
        ("array.new_default", kb.t["char-array"]),
        ("local.set", chars),
        *count_up(
            i,
            None,
            [("local.get", n)],
            [
                ("local.get", chars),
                ("local.get", i),
                ("local.get", i),
                ("i32.load8_u", 0, start),
                ("array.set", kb.t["char-array"]),
            ],
            unsigned=True,
        ),
        ("i32.const", 0),
        ("local.get", chars),
        ("ref.as_non_null",),
        ("struct.new", kb.t["string"]),
    ]


@body("%read-bytes")
def _read_bytes(kb: KernelBuilder, a: Asm) -> None:
    # (fd): up to BUF_SIZE bytes read from fd, as a string of character codes
    # 0-255 (the library decodes UTF-8), or NIL at end of file or on error.
    n = a.local(I32)
    a(
        ("i32.const", IOVEC),
        ("i32.const", BUF),
        ("i32.store", 2, 0),
        ("i32.const", IOVEC + 4),
        ("i32.const", BUF_SIZE),
        ("i32.store", 2, 0),
        ("local.get", 0),
        ("i32.const", IOVEC),
        ("i32.const", 1),
        ("i32.const", NWRITTEN),
        ("call", kb.fd_read),
        ("if", None),  # an errno
        ("global.get", kb.g("nil")),
        ("return",),
        ("end",),
        ("i32.const", NWRITTEN),
        ("i32.load", 2, 0),
        ("local.tee", n),
        ("i32.eqz",),
        ("if", None),
        ("global.get", kb.g("nil")),
        ("return",),
        ("end",),
        *bytes_to_string(kb, a, BUF, n),
    )


@body("%monotonic-ms")
def _monotonic_ms(kb: KernelBuilder, a: Asm) -> None:
    # (): milliseconds of the monotonic clock, modulo 2^30 (a fixnum).
    a(
        ("i32.const", 1),  # CLOCKID_MONOTONIC
        ("i64.const", 1000000),
        ("i32.const", NWRITTEN),
        ("call", kb.clock_time_get),
        ("drop",),
        ("i32.const", NWRITTEN),
        ("i64.load", 3, 0),
        ("i64.const", 1000000),
        ("i64.div_u",),
        ("i32.wrap_i64",),
        ("i32.const", (1 << 30) - 1),
        ("i32.and",),
        ("ref.i31",),
    )
