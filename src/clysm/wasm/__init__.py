"""A Lisp-independent WebAssembly toolchain: types, module builder, binary
encoder, WAT printer and validation through wasm-tools."""

from clysm.wasm.encoder import encode
from clysm.wasm.module import Instr, Module
from clysm.wasm.validate import validate
from clysm.wasm.wat import to_wat

__all__ = ["Instr", "Module", "encode", "to_wat", "validate"]
