"""Kernel file access over WASI preview1: preopened directories, opening a
file for reading, closing it (reading goes through %read-bytes).

WASI names every file relative to a directory descriptor the host opened
before the program started (a "preopen"): wasmtime gives the ones its --dir
options name, our JS host gives the current directory and the root on node
(engines/js/), none in a browser page.  The library (files.lisp) picks the
preopen for a path; these functions only move bytes.
"""

from __future__ import annotations

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
from clysm.backend.kernel.io import bytes_to_string, put_utf8
from clysm.wasm import Instr
from clysm.wasm.types import I32

LOOKUP_SYMLINK_FOLLOW = 1
# fd_read, fd_seek, fd_tell: what an input file needs.
READ_RIGHTS = (1 << 1) | (1 << 2) | (1 << 5)
ERRNO_NAMETOOLONG = 37


def _nil_if_errno(kb: KernelBuilder) -> list[Instr]:
    # After a WASI call: return NIL if it answered an error number.
    return [("if", None), ("global.get", kb.g("nil")), ("return",), ("end",)]


@body("%preopen-name")
def _preopen_name(kb: KernelBuilder, a: Asm) -> None:
    # (fd): the name of the preopened directory fd, as a string of UTF-8
    # byte codes, or NIL if fd is not a preopened directory.
    n = a.local(I32)
    a(
        ("local.get", 0),
        ("i32.const", IOVEC),
        ("call", kb.fd_prestat_get),
        *_nil_if_errno(kb),
        ("i32.const", IOVEC),
        ("i32.load8_u", 0, 0),  # the tag: 0 is a directory
        *_nil_if_errno(kb),
        ("i32.const", IOVEC + 4),
        ("i32.load", 2, 0),
        ("local.tee", n),
        ("i32.const", BUF_SIZE),
        ("i32.gt_u",),
        *_nil_if_errno(kb),
        ("local.get", 0),
        ("i32.const", BUF),
        ("local.get", n),
        ("call", kb.fd_prestat_dir_name),
        *_nil_if_errno(kb),
        # Some hosts count a terminating NUL in the length.
        ("block", None),
        ("loop", None),
        ("local.get", n),
        ("i32.eqz",),
        ("br_if", 1),
        ("local.get", n),
        ("i32.load8_u", 0, BUF - 1),
        ("br_if", 1),
        ("local.get", n),
        ("i32.const", 1),
        ("i32.sub",),
        ("local.set", n),
        ("br", 0),
        ("end",),
        ("end",),
        *bytes_to_string(kb, a, BUF, n),
    )


@body("%open-file")
def _open_file(kb: KernelBuilder, a: Asm) -> None:
    # (dirfd, path): open path (a string, relative to the preopened dirfd)
    # for reading; the new descriptor as a fixnum, or minus the WASI error
    # number.
    chars = a.local(kb.ref_null("char-array"))
    n, i, pos, code = a.local(I32), a.local(I32), a.local(I32), a.local(I32)
    a(
        ("local.get", 1),
        ("ref.cast", kb.ref("string")),
        ("struct.get", kb.t["string"], 1),
        ("local.tee", chars),
        ("array.len",),
        ("local.tee", n),
        ("i32.const", BUF_SIZE // 4),
        ("i32.gt_u",),
        ("if", None),
        ("i32.const", -ERRNO_NAMETOOLONG),
        ("ref.i31",),
        ("return",),
        ("end",),
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
            ],
            unsigned=True,
        ),
        ("local.get", 0),
        ("i32.const", LOOKUP_SYMLINK_FOLLOW),
        ("i32.const", BUF),
        ("local.get", pos),
        ("i32.const", BUF),
        ("i32.sub",),
        ("i32.const", 0),  # no oflags: the file must exist
        ("i64.const", READ_RIGHTS),
        ("i64.const", 0),
        ("i32.const", 0),
        ("i32.const", NWRITTEN),
        ("call", kb.path_open),
        ("local.tee", code),
        ("if", None),
        ("i32.const", 0),
        ("local.get", code),
        ("i32.sub",),
        ("ref.i31",),
        ("return",),
        ("end",),
        ("i32.const", NWRITTEN),
        ("i32.load", 2, 0),
        ("ref.i31",),
    )


@body("%close-fd")
def _close_fd(kb: KernelBuilder, a: Asm) -> None:
    # (fd): close a descriptor opened by %open-file.
    a(("local.get", 0), ("call", kb.fd_close), ("drop",))
