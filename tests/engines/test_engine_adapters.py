"""The engine adapters run linked modules the same way on node and wasmtime.

The modules here are built with clysm's own wasm package: a "runtime" module
that writes bytes through WASI fd_write and exports a GC struct constructor,
and a "program" module that imports both and uses the struct type, which the
engine must canonicalise across the two modules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clysm.engines import ENGINES, WasmModuleFile, get_engine
from clysm.errors import EngineError
from clysm.wasm import Module, encode, validate
from clysm.wasm.types import EQREF, I32, FieldType, RefType, StructType, SubType

ENGINE_NAMES = sorted(ENGINES)


def _shared_types(module: Module) -> tuple[int, int]:
    """The rec group both modules define: a base struct and a final pair type."""
    base, pair = module.add_rec_group(
        [
            SubType(StructType([]), final=False),
            SubType(
                StructType([FieldType(EQREF, mutable=True), FieldType(EQREF, mutable=True)]),
                supertypes=(0,),
                final=True,
            ),
        ]
    )
    return base, pair


def _runtime_module() -> bytes:
    m = Module("rt")
    _, pair = _shared_types(m)
    fd_write = m.import_func(
        "wasi_snapshot_preview1", "fd_write", m.func_type([I32] * 4, [I32]), "fd_write"
    )
    proc_exit = m.import_func(
        "wasi_snapshot_preview1", "proc_exit", m.func_type([I32], []), "proc_exit"
    )
    memory = m.add_memory(1)
    m.add_export("memory", "memory", memory)
    # write_digit(fd, d): writes the digit d and a newline to fd.
    write_digit = m.add_function(
        "write_digit",
        m.func_type([I32, I32], []),
        body=[
            ("i32.const", 100),
            ("i32.const", 48),
            ("local.get", 1),
            ("i32.add",),
            ("i32.store8", 0, 0),
            ("i32.const", 101),
            ("i32.const", 10),
            ("i32.store8", 0, 0),
            ("i32.const", 0),
            ("i32.const", 100),
            ("i32.store", 2, 0),
            ("i32.const", 4),
            ("i32.const", 2),
            ("i32.store", 2, 0),
            ("local.get", 0),
            ("i32.const", 0),
            ("i32.const", 1),
            ("i32.const", 8),
            ("call", fd_write),
            ("drop",),
        ],
    )
    make_pair = m.add_function(
        "make_pair",
        m.func_type([EQREF, EQREF], [RefType(pair, nullable=False)]),
        body=[("local.get", 0), ("local.get", 1), ("struct.new", pair)],
    )
    m.add_export("write_digit", "func", write_digit)
    m.add_export("make_pair", "func", make_pair)
    # WASI functions must be called from the module that exports the memory
    # (wasmtime looks it up on the caller), so the runtime wraps them.
    exit_ = m.add_function(
        "exit", m.func_type([I32], []), body=[("local.get", 0), ("call", proc_exit)]
    )
    m.add_export("exit", "func", exit_)
    return encode(m)


def _program_module(exit_code: int) -> bytes:
    m = Module("program")
    _, pair = _shared_types(m)
    write_digit = m.import_func("rt", "write_digit", m.func_type([I32, I32], []))
    make_pair = m.import_func(
        "rt", "make_pair", m.func_type([EQREF, EQREF], [RefType(pair, nullable=False)])
    )
    exit_ = m.import_func("rt", "exit", m.func_type([I32], []))
    start = m.add_function(
        "_start",
        m.func_type([], []),
        body=[
            # stdout: 7 from a pair made by the other module, read with our type.
            ("i32.const", 1),
            ("i32.const", 7),
            ("ref.i31",),
            ("i32.const", 0),
            ("ref.i31",),
            ("call", make_pair),
            ("struct.get", pair, 0),
            ("ref.cast", RefType("i31", nullable=False)),
            ("i31.get_s",),
            ("call", write_digit),
            # stderr: 3
            ("i32.const", 2),
            ("i32.const", 3),
            ("call", write_digit),
            ("i32.const", exit_code),
            ("call", exit_),
        ],
    )
    m.add_export("_start", "func", start)
    return encode(m)


@pytest.fixture(scope="module")
def linked_modules(tmp_path_factory: pytest.TempPathFactory) -> list[WasmModuleFile]:
    directory = tmp_path_factory.mktemp("linked")
    runtime, program = _runtime_module(), _program_module(exit_code=5)
    validate(runtime)
    validate(program)
    (directory / "rt.wasm").write_bytes(runtime)
    (directory / "program.wasm").write_bytes(program)
    return [
        WasmModuleFile("rt", directory / "rt.wasm"),
        WasmModuleFile("program", directory / "program.wasm"),
    ]


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_linked_modules_share_types_and_io(engine: str, linked_modules: list[WasmModuleFile]):
    result = get_engine(engine).run(linked_modules, timeout=60)
    assert result.stdout == b"7\n"
    assert result.stderr == b"3\n"
    assert result.exit_code == 5


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(EngineError, match="unknown engine 'spidermonkey'"):
        get_engine("spidermonkey")


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_engine_binaries_are_found(engine: str):
    cmd = get_engine(engine).command([WasmModuleFile("main", Path("x.wasm"))])
    assert Path(cmd[0]).exists()


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_cli_run_wasm_uses_the_chosen_engine(engine: str, linked_modules: list[WasmModuleFile]):
    import subprocess
    import sys

    specs = [f"{m.name}={m.path}" for m in linked_modules]
    completed = subprocess.run(
        [sys.executable, "-m", "clysm", "run-wasm", *specs, "--engine", engine],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (5, b"7\n", b"3\n")
