"""Kernel strings, characters and the bootstrap symbol table.

`%intern (package-name name)` gives the symbol named `name` whose home
package is named `package-name`: compiled code makes its symbol literals
with it.  Once the runtime library's package system is up (packages.lisp),
`%intern` calls `CLYSM::%INTERN-LITERAL`.  Before that, during start-up, a
symbol's `package` field holds its package *name* (a $string) and `%intern`
looks symbols up in one hash table, `symtab`, whose buckets (lists) are
chosen by the hash of the symbol's name.  packages.lisp moves every symbol
of that table into the packages (`%boot-symbols`) before it takes over.
"""

from __future__ import annotations

from clysm.backend import objects as O
from clysm.backend.kernel.asm import Asm, KernelBuilder, body, count_up
from clysm.wasm import Instr
from clysm.wasm.types import EQREF, I32, ref

SYMTAB_SIZE = 4096  # a power of two
N_PREALLOCATED_CHARS = 256


def chars_of(kb: KernelBuilder, local: int) -> list[Instr]:
    return [
        ("local.get", local),
        ("ref.cast", kb.ref("string")),
        ("struct.get", kb.t["string"], O.F_STRING_CHARS),
    ]


@body("%string-hash")
def _string_hash(kb: KernelBuilder, a: Asm) -> None:
    # FNV-1a over the code points.
    chars = a.local(kb.ref_null("char-array"))
    h, i = a.local(I32), a.local(I32)
    a(
        ("i32.const", 2166136261),
        ("local.set", h),
        *chars_of(kb, 0),
        ("local.set", chars),
        *count_up(
            i,
            None,
            [("local.get", chars), ("array.len",)],
            [
                ("local.get", h),
                ("local.get", chars),
                ("local.get", i),
                ("array.get", kb.t["char-array"]),
                ("i32.xor",),
                ("i32.const", 16777619),
                ("i32.mul",),
                ("local.set", h),
            ],
            unsigned=True,
        ),
        ("local.get", h),
    )


@body("%object-hash")
def _object_hash(kb: KernelBuilder, a: Asm) -> None:
    # (x): an identity hash, a non-negative fixnum-sized i32.  Fixnums and
    # characters hash by value (EQ compares them by value); other objects get
    # a number from a counter the first time, kept in their `hash` field.
    obj = a.local(kb.ref_null("object"))
    h = a.local(I32)
    mask = (1 << 30) - 1
    a(
        ("local.get", 0),
        ("ref.test", ref("i31")),
        ("if", None),
        ("local.get", 0),
        ("ref.cast", ref("i31")),
        ("i31.get_s",),
        ("i32.const", mask),
        ("i32.and",),
        ("return",),
        ("end",),
        ("local.get", 0),
        ("ref.test", kb.ref("character")),
        ("if", None),
        ("local.get", 0),
        ("ref.cast", kb.ref("character")),
        ("struct.get", kb.t["character"], O.F_CHAR_CODE),
        ("return",),
        ("end",),
        ("local.get", 0),
        ("ref.cast", kb.ref("object")),
        ("local.tee", obj),
        ("struct.get", kb.t["object"], O.F_HASH),
        ("local.tee", h),
        ("i32.eqz",),
        ("if", None),
        ("global.get", kb.g("hash-counter")),
        ("i32.const", 1),
        ("i32.add",),
        ("i32.const", mask),
        ("i32.and",),
        ("local.tee", h),
        ("i32.eqz",),
        ("if", None),
        ("i32.const", 1),
        ("local.set", h),
        ("end",),
        ("local.get", h),
        ("global.set", kb.g("hash-counter")),
        ("local.get", obj),
        ("local.get", h),
        ("struct.set", kb.t["object"], O.F_HASH),
        ("end",),
        ("local.get", h),
    )


@body("%string=")
def _string_eq(kb: KernelBuilder, a: Asm) -> None:
    x, y = a.local(kb.ref_null("char-array")), a.local(kb.ref_null("char-array"))
    i = a.local(I32)
    ca = kb.t["char-array"]
    a(
        ("local.get", 0),
        ("ref.test", kb.ref("string")),
        ("local.get", 1),
        ("ref.test", kb.ref("string")),
        ("i32.and",),
        ("i32.eqz",),
        ("if", None),
        ("i32.const", 0),
        ("return",),
        ("end",),
        *chars_of(kb, 0),
        ("local.set", x),
        *chars_of(kb, 1),
        ("local.tee", y),
        ("array.len",),
        ("local.get", x),
        ("array.len",),
        ("i32.ne",),
        ("if", None),
        ("i32.const", 0),
        ("return",),
        ("end",),
        ("block", None),
        ("loop", None),
        ("local.get", i),
        ("local.get", x),
        ("array.len",),
        ("i32.ge_u",),
        ("br_if", 1),
        ("local.get", x),
        ("local.get", i),
        ("array.get", ca),
        ("local.get", y),
        ("local.get", i),
        ("array.get", ca),
        ("i32.ne",),
        ("if", None),
        ("i32.const", 0),
        ("return",),
        ("end",),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", i),
        ("br", 0),
        ("end",),
        ("end",),
        ("i32.const", 1),
    )


def bucket_index(kb: KernelBuilder, name: list[Instr]) -> list[Instr]:
    # By the name alone: packages.lisp files each symbol of bucket i under
    # the same low bits of the name's hash, without hashing again.
    return [
        *name,
        ("call", kb.f("%string-hash")),
        ("i32.const", SYMTAB_SIZE - 1),
        ("i32.and",),
    ]


@body("%register-symbol")
def _register(kb: KernelBuilder, a: Asm) -> None:
    # Add an already made symbol (NIL, T) to the table.
    h = a.local(I32)
    sym = kb.t["symbol"]
    a(
        *bucket_index(kb, [("local.get", 0), ("struct.get", sym, O.F_SYMBOL_NAME)]),
        ("local.set", h),
        ("global.get", kb.g("symtab")),
        ("local.get", h),
        ("i32.const", 0),
        ("local.get", 0),
        # The old bucket, NIL for an empty one (a Wasm null).
        ("block", EQREF),
        ("global.get", kb.g("symtab")),
        ("local.get", h),
        ("array.get", kb.t["value-array"]),
        ("br_on_non_null", 0),
        ("global.get", kb.g("nil")),
        ("end",),
        ("struct.new", kb.t["cons"]),
        ("array.set", kb.t["value-array"]),
    )


@body("%intern")
def _intern(kb: KernelBuilder, a: Asm) -> None:
    # (package-name name) -> the symbol, made and registered if new.
    h = a.local(I32)
    bucket = a.local(EQREF)
    new = a.local(kb.ref_null("symbol"))
    sym, cons = kb.t["symbol"], kb.t["cons"]
    fn = a.local(kb.ref("function"))
    hook = kb.symbol("CLYSM", "%INTERN-LITERAL")
    a(
        # The package system's %INTERN-LITERAL, once it is defined.
        ("block", None),
        ("global.get", hook),
        ("br_on_null", 0),
        ("struct.get", sym, O.F_SYMBOL_FUNCTION),
        ("br_on_null", 0),
        ("local.tee", fn),
        ("local.get", 0),
        ("local.get", 1),
        ("local.get", fn),
        ("struct.get", kb.t["function"], O.F_ENTRY0 + 2),
        *kb.call_lisp(kb.t.entry(2)),
        ("ref.cast", kb.ref("symbol")),
        ("return",),
        ("end",),
    )
    car: list[Instr] = [
        ("local.get", bucket),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CAR),
        ("ref.cast", kb.ref("symbol")),
    ]
    a(
        *bucket_index(kb, [("local.get", 1)]),
        ("local.set", h),
        ("global.get", kb.g("symtab")),
        ("local.get", h),
        ("array.get", kb.t["value-array"]),
        ("local.set", bucket),
        ("block", None),
        ("loop", None),
        ("local.get", bucket),
        ("ref.test", kb.ref("cons")),
        ("i32.eqz",),
        ("br_if", 1),
        *car,
        ("struct.get", sym, O.F_SYMBOL_NAME),
        ("local.get", 1),
        ("call", kb.f("%string=")),
        ("if", None),
        *car,
        ("struct.get", sym, O.F_SYMBOL_PACKAGE),
        ("local.get", 0),
        ("call", kb.f("%string=")),
        ("if", None),
        *car,
        ("return",),
        ("end",),
        ("end",),
        ("local.get", bucket),
        ("ref.cast", kb.ref("cons")),
        ("struct.get", cons, O.F_CDR),
        ("local.set", bucket),
        ("br", 0),
        ("end",),
        ("end",),
        ("i32.const", 0),
        ("local.get", 1),
        ("ref.cast", kb.ref("string")),
        ("local.get", 0),
        ("ref.null", "eq"),
        ("ref.null", kb.t["function"]),
        ("global.get", kb.g("nil")),
        ("i32.const", 0),
        ("struct.new", sym),
        ("local.set", new),
        # A keyword is a constant whose value is itself.
        ("local.get", 0),
        ("global.get", kb.string("KEYWORD")),
        ("call", kb.f("%string=")),
        ("if", None),
        ("local.get", new),
        ("local.get", new),
        ("struct.set", sym, O.F_SYMBOL_VALUE),
        ("local.get", new),
        ("i32.const", O.FLAG_CONSTANT | O.FLAG_KEYWORD),
        ("struct.set", sym, O.F_SYMBOL_FLAGS),
        ("end",),
        ("local.get", new),
        ("ref.as_non_null",),
        ("call", kb.f("%register-symbol")),
        ("local.get", new),
        ("ref.as_non_null",),
    )


@body("%boot-symbols")
def _boot_symbols(kb: KernelBuilder, a: Asm) -> None:
    # The bootstrap table as a simple vector of buckets (lists of symbols):
    # its empty buckets, Wasm nulls, become NIL first.
    i = a.local(I32)
    va = kb.t["value-array"]
    a(
        ("block", None),
        ("loop", None),
        ("local.get", i),
        ("i32.const", SYMTAB_SIZE),
        ("i32.ge_u",),
        ("br_if", 1),
        ("global.get", kb.g("symtab")),
        ("local.get", i),
        ("array.get", va),
        ("ref.is_null",),
        ("if", None),
        ("global.get", kb.g("symtab")),
        ("local.get", i),
        ("global.get", kb.g("nil")),
        ("array.set", va),
        ("end",),
        ("local.get", i),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", i),
        ("br", 0),
        ("end",),
        ("end",),
        ("i32.const", 0),
        ("global.get", kb.g("symtab")),
        ("struct.new", kb.t["simple-vector"]),
    )


@body("%make-symbol")
def _make_symbol(kb: KernelBuilder, a: Asm) -> None:
    a(
        ("i32.const", 0),
        ("local.get", 0),
        ("ref.cast", kb.ref("string")),
        ("global.get", kb.g("nil")),
        ("ref.null", "eq"),
        ("ref.null", kb.t["function"]),
        ("global.get", kb.g("nil")),
        ("i32.const", 0),
        ("struct.new", kb.t["symbol"]),
    )


@body("%char-eq")
def _char_eq(kb: KernelBuilder, a: Asm) -> None:
    # Two characters with the same code (those >= 256 are not unique objects).
    ch = kb.t["character"]
    a(
        ("local.get", 0),
        ("ref.test", kb.ref("character")),
        ("local.get", 1),
        ("ref.test", kb.ref("character")),
        ("i32.and",),
        ("if", I32),
        ("local.get", 0),
        ("ref.cast", kb.ref("character")),
        ("struct.get", ch, O.F_CHAR_CODE),
        ("local.get", 1),
        ("ref.cast", kb.ref("character")),
        ("struct.get", ch, O.F_CHAR_CODE),
        ("i32.eq",),
        ("else",),
        ("i32.const", 0),
        ("end",),
    )


@body("%code-char")
def _code_char(kb: KernelBuilder, a: Asm) -> None:
    # Characters below 256 are preallocated, so `eq` holds for them.
    a(
        ("local.get", 0),
        ("i32.const", N_PREALLOCATED_CHARS),
        ("i32.lt_u",),
        ("if", None),
        ("global.get", kb.g("char-table")),
        ("local.get", 0),
        ("array.get", kb.t["value-array"]),
        ("ref.cast", kb.ref("character")),
        ("return",),
        ("end",),
        ("i32.const", 0),
        ("local.get", 0),
        ("struct.new", kb.t["character"]),
    )


def init_prefix(kb: KernelBuilder) -> list[Instr]:
    """The start of `init`: finish NIL and T, fill the character table."""
    sym = kb.t["symbol"]
    code: list[Instr] = []
    for g in ("nil", "t"):
        code += [
            ("global.get", kb.g(g)),
            ("global.get", kb.string("COMMON-LISP")),
            ("struct.set", sym, O.F_SYMBOL_PACKAGE),
            ("global.get", kb.g(g)),
            ("global.get", kb.g(g)),
            ("struct.set", sym, O.F_SYMBOL_VALUE),
            ("global.get", kb.g(g)),
            ("global.get", kb.g("nil")),
            ("struct.set", sym, O.F_SYMBOL_PLIST),
            ("global.get", kb.g(g)),
            ("i32.const", O.FLAG_CONSTANT),
            ("struct.set", sym, O.F_SYMBOL_FLAGS),
            ("global.get", kb.g(g)),
            ("call", kb.f("%register-symbol")),
        ]
    code += [
        ("i32.const", 0),
        ("local.set", 0),
        ("block", None),
        ("loop", None),
        ("local.get", 0),
        ("i32.const", N_PREALLOCATED_CHARS),
        ("i32.ge_u",),
        ("br_if", 1),
        ("global.get", kb.g("char-table")),
        ("local.get", 0),
        ("i32.const", 0),
        ("local.get", 0),
        ("struct.new", kb.t["character"]),
        ("array.set", kb.t["value-array"]),
        ("local.get", 0),
        ("i32.const", 1),
        ("i32.add",),
        ("local.set", 0),
        ("br", 0),
        ("end",),
        ("end",),
    ]
    return code
