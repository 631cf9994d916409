"""Encoding of instruction sequences (function bodies and constant expressions).

Besides writing bytes, this checks what the binary format alone cannot show:
every index is in range and names the right kind of type, immediates have the
right shape, structured control is balanced and every label exists.  Errors
name the function and the instruction position.  (Full type checking of the
operand stack is left to `clysm.wasm.validate`.)
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from clysm.errors import WasmBuildError
from clysm.wasm import opcodes as K
from clysm.wasm.leb128 import write_s32, write_s64, write_u32
from clysm.wasm.module import Instr, Module
from clysm.wasm.opcodes import BLOCK_OPENERS, CATCH_KINDS, OPS, OpInfo, lookup
from clysm.wasm.typeenc import TypeEncoder
from clysm.wasm.types import ArrayType, FuncType, RefType, StructType

_COMPOSITE_OF_KIND = {K.FTYPE: FuncType, K.STYPE: StructType, K.ATYPE: ArrayType}
_F32 = struct.Struct("<f")
_F64 = struct.Struct("<d")


# How the encoder's main loop handles each mnemonic (`_SHAPES`):
#   _PLAIN   no immediates: the opcode bytes;
#   _LOCAL   one local index, checked against the function's locals;
#   _MEMO    the bytes depend only on the instruction and the module's index
#            spaces: checked and encoded once per module, then looked up
#            (`CodeEncoder.memo`);
#   _OPEN    block, loop, if: memoized too, and pushed on the block stack;
#   _LABEL   a label first, then memoizable immediates: memoized, and the
#            label checked against the current block depth;
#   _END, _ELSE: the block stack;
#   anything else (lists among the immediates, unknown mnemonics, wrong
#   shapes) goes through the general checking path, `_instr`.
_PLAIN, _LOCAL, _MEMO, _OPEN, _LABEL, _END, _ELSE = range(7)
_ANY_DEPTH = 1 << 32  # labels are checked apart from memoized bytes
# Lists are unhashable; equal floats can differ (0.0 and -0.0), NaN is unequal.
_UNMEMOIZABLE = frozenset({K.LABELS, K.VALTYPES, K.CATCHES, K.F32C, K.F64C})
_SHAPES: dict[str, tuple[int, bytes]] = {}
for _mn, _info in OPS.items():
    if _mn == "end":
        _SHAPES[_mn] = (_END, _info.code)
    elif _mn == "else":
        _SHAPES[_mn] = (_ELSE, _info.code)
    elif not _info.imms and not _info.suffix:
        _SHAPES[_mn] = (_PLAIN, _info.code)
    elif _info.imms == (K.LOCAL,):
        _SHAPES[_mn] = (_LOCAL, _info.code)
    elif _UNMEMOIZABLE.intersection(_info.imms) or _mn == "select":
        continue
    elif _mn in BLOCK_OPENERS:
        _SHAPES[_mn] = (_OPEN, b"")
    elif _info.imms and _info.imms[0] == K.LABEL:
        _SHAPES[_mn] = (_LABEL, b"")
    elif K.LABEL not in _info.imms:
        _SHAPES[_mn] = (_MEMO, b"")


def _int(v: object, what: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise WasmBuildError(f"{what} {v!r} is not an int")
    return v


class CodeEncoder:
    """Encodes instruction sequences against one module's index spaces."""

    def __init__(self, module: Module, tenc: TypeEncoder) -> None:
        self.tenc = tenc
        self.types = module.types
        self.counts = {
            K.TYPE: len(module.types),
            K.FTYPE: len(module.types),
            K.STYPE: len(module.types),
            K.ATYPE: len(module.types),
            K.FUNC: module.num_funcs,
            K.GLOBAL: module.num_globals,
            K.TABLE: module.num_tables,
            K.TAG: module.num_tags,
            K.ELEM: len(module.elements),
            K.DATA: len(module.datas),
        }
        # Instruction -> its bytes, for the _MEMO, _OPEN and _LABEL shapes,
        # filled by the checking path.  (An immediate equal to a checked one
        # is taken as that one: True or 1.0 where 1 was seen passes.)
        self.memo: dict[tuple[object, ...], bytes] = {}

    def encode(self, out: bytearray, body: Sequence[Instr], n_locals: int, where: str) -> None:
        """Append `body` and the closing `end` to `out`."""
        stack: list[str] = []  # open blocks, innermost last
        pos = -1
        ins: object = None
        shapes = _SHAPES
        memo = self.memo
        try:
            for pos, ins in enumerate(body):  # noqa: B007 - pos is for the error message
                if ins.__class__ is tuple and ins and ins[0].__class__ is str:
                    entry = shapes.get(ins[0])
                    if entry is not None:
                        shape, code = entry
                        if shape == _LOCAL:
                            if len(ins) == 2:
                                v = ins[1]
                                if v.__class__ is int and 0 <= v < n_locals:
                                    out += code
                                    if v < 0x80:
                                        out.append(v)
                                    else:
                                        write_u32(out, v)
                                    continue
                        elif shape == _PLAIN:
                            if len(ins) == 1:
                                out += code
                                continue
                        elif shape == _END:
                            if len(ins) == 1 and stack:
                                stack.pop()
                                out.append(0x0B)
                                continue
                        elif shape == _ELSE:
                            if len(ins) == 1 and stack and stack[-1] == "if":
                                stack[-1] = "else"
                                out += code
                                continue
                        else:
                            try:
                                encoded = memo.get(ins)
                            except TypeError:  # a list among the immediates
                                self._instr(out, ins, n_locals, stack)  # raises
                                continue
                            if encoded is None:
                                encoded = self._memoize(ins, n_locals)
                            if shape == _LABEL and not ins[1] <= len(stack):
                                self._label(out, ins[1], len(stack))  # raises
                            out += encoded
                            if shape == _OPEN:
                                stack.append(ins[0])
                            continue
                self._instr(out, ins, n_locals, stack)
        except WasmBuildError as e:
            raise WasmBuildError(f"{where}, instruction {pos} {ins!r}: {e}") from None
        if stack:
            raise WasmBuildError(
                f"{where}: {len(stack)} block(s) not closed by 'end' at the end of the body "
                f"(innermost: {stack[-1]!r})"
            )
        out.append(0x0B)

    def _memoize(self, ins: tuple[object, ...], n_locals: int) -> bytes:
        """Check and encode an instruction of a memoizable shape, once.  Its
        label is checked against any depth here; the caller checks it
        against the actual one."""
        out = bytearray()
        self._checked(out, ins, n_locals, _ANY_DEPTH)
        encoded = self.memo[ins] = bytes(out)
        return encoded

    def _instr(self, out: bytearray, ins: object, n_locals: int, stack: list[str]) -> None:
        """The general path: check and encode `ins`, following the blocks."""
        mn = self._checked(out, ins, n_locals, len(stack))
        if mn == "end":
            if not stack:
                raise WasmBuildError(
                    "'end' without an open block (the function's final end is implicit)"
                )
            stack.pop()
        elif mn == "else":
            if not stack or stack[-1] != "if":
                raise WasmBuildError("'else' outside an 'if'")
            stack[-1] = "else"
        elif mn in BLOCK_OPENERS:
            stack.append(mn)

    def _checked(self, out: bytearray, ins: object, n_locals: int, depth: int) -> str:
        """Check and encode `ins` at block depth `depth`; return its mnemonic."""
        if not isinstance(ins, tuple) or not ins:
            raise WasmBuildError("an instruction must be a non-empty tuple (mnemonic, *immediates)")
        info = lookup(ins)
        if info is None:
            raise WasmBuildError(f"unknown instruction {ins[0]!r}")
        imms = info.imms
        if len(ins) - 1 != len(imms):
            shape = ", ".join(imms) or "no immediates"
            raise WasmBuildError(f"wrong immediate shape: {info.mnemonic} takes ({shape})")
        mn = info.mnemonic
        if not imms:
            out += info.code
            if info.suffix:
                out += info.suffix
            return mn
        if info.null_code is not None:  # ref.test / ref.cast
            rt = ins[1]
            if not isinstance(rt, RefType):
                raise WasmBuildError(f"{mn} needs a RefType, got {rt!r}")
            out += info.null_code if rt.nullable else info.code
        else:
            out += info.code
        if K.CASTREF in imms:  # br_on_cast(_fail): flags byte first
            r1, r2 = ins[2], ins[3]
            if not isinstance(r1, RefType) or not isinstance(r2, RefType):
                raise WasmBuildError(f"{mn} needs two RefTypes")
            out.append(int(r1.nullable) | int(r2.nullable) << 1)
        last_struct: StructType | None = None
        for kind, v in zip(imms, ins[1:], strict=True):
            if kind == K.LOCAL:
                idx = _int(v, "local index")
                if not 0 <= idx < n_locals:
                    raise WasmBuildError(f"local index {idx} out of range ({n_locals} locals)")
                write_u32(out, idx)
            elif kind == K.LABEL:
                self._label(out, v, depth)
            elif kind in self.counts:
                idx = self._index(kind, v)
                write_u32(out, idx)
                if kind == K.STYPE:
                    comp = self.types[idx].composite
                    assert isinstance(comp, StructType)
                    last_struct = comp
            elif kind == K.FIELD:
                assert last_struct is not None
                n_fields = len(last_struct.fields)
                idx = _int(v, "field index")
                if not 0 <= idx < n_fields:
                    raise WasmBuildError(f"field index {idx} out of range ({n_fields} fields)")
                write_u32(out, idx)
            else:
                self._other_imm(out, info, kind, v, depth)
        if info.suffix:
            out += info.suffix
        return mn

    def _index(self, kind: str, v: object) -> int:
        n = self.counts[kind]
        idx = _int(v, f"{kind} index")
        if not 0 <= idx < n:
            raise WasmBuildError(f"{kind} index {idx} out of range ({n} defined)")
        want = _COMPOSITE_OF_KIND.get(kind)
        if want is not None and not isinstance(self.types[idx].composite, want):
            raise WasmBuildError(f"type {idx} is not a {want.__name__}")
        return idx

    @staticmethod
    def _label(out: bytearray, v: object, depth: int) -> None:
        label = _int(v, "label")
        if not 0 <= label <= depth:
            raise WasmBuildError(f"label {label} out of range (block depth {depth})")
        write_u32(out, label)

    def _other_imm(self, out: bytearray, info: OpInfo, kind: str, v: object, depth: int) -> None:
        if kind == K.I32C:
            n = _int(v, "i32 constant")
            if not -(1 << 31) <= n < 1 << 32:
                raise WasmBuildError(f"i32 constant {n} out of range")
            write_s32(out, n - (1 << 32) if n >= 1 << 31 else n)  # unsigned spelling allowed
        elif kind == K.I64C:
            n = _int(v, "i64 constant")
            if not -(1 << 63) <= n < 1 << 64:
                raise WasmBuildError(f"i64 constant {n} out of range")
            write_s64(out, n - (1 << 64) if n >= 1 << 63 else n)
        elif kind in (K.F32C, K.F64C):
            if isinstance(v, bool) or not isinstance(v, float | int):
                raise WasmBuildError(f"{kind} constant {v!r} is not a number")
            try:
                out += (_F32 if kind == K.F32C else _F64).pack(v)
            except OverflowError:
                raise WasmBuildError(f"{kind} constant {v!r} out of range") from None
        elif kind == K.BLOCKTYPE:
            self.tenc.block_type(out, v)
        elif kind == K.U32:
            n = _int(v, "count")
            if not 0 <= n < 1 << 32:
                raise WasmBuildError(f"count {n} out of range")
            write_u32(out, n)
        elif kind == K.ALIGN:
            n = _int(v, "alignment")
            if not 0 <= n <= info.natural_align:
                raise WasmBuildError(
                    f"alignment exponent {n} out of range 0..{info.natural_align} "
                    "(give log2 of the alignment)"
                )
            write_u32(out, n)
        elif kind == K.OFFSET:
            n = _int(v, "offset")
            if not 0 <= n < 1 << 32:
                raise WasmBuildError(f"memory offset {n} out of range")
            write_u32(out, n)
        elif kind == K.HEAPTYPE:
            if not isinstance(v, str | int):
                raise WasmBuildError(f"{v!r} is not a heap type (an abstract name or type index)")
            self.tenc.heap_type(out, v)
        elif kind in (K.CASTTYPE, K.CASTREF):
            assert isinstance(v, RefType)  # checked before the opcode was written
            self.tenc.heap_type(out, v.heap)
        elif kind == K.LABELS:
            if not isinstance(v, list | tuple):
                raise WasmBuildError(f"br_table labels must be a list, got {v!r}")
            write_u32(out, len(v))
            for lab in v:
                self._label(out, lab, depth)
        elif kind == K.VALTYPES:
            if not isinstance(v, list | tuple):
                raise WasmBuildError(f"typed select needs a list of value types, got {v!r}")
            write_u32(out, len(v))
            for t in v:
                self.tenc.val_type(out, t)
        elif kind == K.CATCHES:
            self._catches(out, v, depth)
        else:  # pragma: no cover - the table only uses the kinds above
            raise AssertionError(kind)

    def _catches(self, out: bytearray, v: object, depth: int) -> None:
        if not isinstance(v, list | tuple):
            raise WasmBuildError(f"try_table catches must be a list, got {v!r}")
        write_u32(out, len(v))
        for clause in v:
            spec = CATCH_KINDS.get(clause[0]) if isinstance(clause, tuple) and clause else None
            if spec is None:
                raise WasmBuildError(f"bad catch clause {clause!r}")
            code, has_tag = spec
            assert isinstance(clause, tuple)
            if len(clause) != (3 if has_tag else 2):
                shape = "(kind, tag, label)" if has_tag else "(kind, label)"
                raise WasmBuildError(f"catch clause {clause!r} must be {shape}")
            out.append(code)
            if has_tag:
                write_u32(out, self._index(K.TAG, clause[1]))
            # Catch labels are resolved outside the try_table itself.
            self._label(out, clause[-1], depth)
