"""The `clysm` command line."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn

from clysm import __version__
from clysm.engines import DEFAULT_ENGINE, ENGINES
from clysm.errors import ClysmError, InternalError

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70


def _add_engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        default=DEFAULT_ENGINE,
        help=f"the Wasm engine to run on (default: {DEFAULT_ENGINE})",
    )


def _add_jit_options(parser: argparse.ArgumentParser) -> None:
    jit = parser.add_mutually_exclusive_group()
    jit.add_argument(
        "--jit-threshold", type=int, metavar="N", help="promote functions after N calls"
    )
    jit.add_argument("--no-jit", action="store_true", help="keep every function in Tier 1")


def _jit_threshold(args: argparse.Namespace) -> int | None:
    from clysm.driver.run import DEFAULT_JIT_THRESHOLD

    return None if args.no_jit else (args.jit_threshold or DEFAULT_JIT_THRESHOLD)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clysm",
        description="Common Lisp compiled to WebAssembly GC, with a tiered eval and JIT.",
    )
    parser.add_argument("--version", action="version", version=f"clysm {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    read = commands.add_parser("read", help="read a source file and print its forms")
    read.add_argument("file")
    read.set_defaults(handler=_cmd_read)

    wasm = commands.add_parser(
        "run-wasm", help="run WASI command modules (linked in order) on an engine"
    )
    wasm.add_argument("modules", nargs="+", metavar="NAME=FILE.wasm|FILE.wasm")
    wasm.add_argument("--args", nargs=argparse.REMAINDER, default=[], help="program arguments")
    _add_engine_option(wasm)
    wasm.set_defaults(handler=_cmd_run_wasm)

    run = commands.add_parser("run", help="compile a Lisp program and run it")
    run.add_argument("file")
    run.add_argument("args", nargs="*", help="program arguments (after --)")
    _add_engine_option(run)
    run.set_defaults(handler=_cmd_run)

    load = commands.add_parser(
        "load", help="load a Lisp file in the runtime: read and EVAL form by form"
    )
    load.add_argument("file")
    load.add_argument("args", nargs="*", help="program arguments (after --)")
    _add_engine_option(load)
    _add_jit_options(load)
    load.set_defaults(handler=_cmd_load)

    repl = commands.add_parser(
        "repl", help="an interactive read-eval-print loop in the runtime (Ctrl-D leaves)"
    )
    _add_engine_option(repl)
    _add_jit_options(repl)
    repl.set_defaults(handler=_cmd_repl)

    compile_ = commands.add_parser(
        "compile", help="compile a Lisp program into a directory that runs with node alone"
    )
    compile_.add_argument("file")
    compile_.add_argument("-o", "--output", required=True, metavar="DIR")
    compile_.add_argument("--wat", action="store_true", help="also write the text format")
    compile_.set_defaults(handler=_cmd_compile)

    bench = commands.add_parser(
        "bench", help="run the benchmark suite (or `bench jit`) against SBCL, CLISP and ECL"
    )
    from clysm.bench.main import add_arguments as add_bench_arguments

    add_bench_arguments(bench)
    bench.set_defaults(handler=_cmd_bench)

    return parser


def _cmd_run(args: argparse.Namespace) -> int:
    from clysm.driver.run import run_source

    text = _read_source(args.file)
    return run_source(text, args.file, engine=args.engine, args=args.args).exit_code


def _cmd_load(args: argparse.Namespace) -> int:
    from clysm.driver.run import load_source

    text = _read_source(args.file)
    return load_source(
        text, args.file, engine=args.engine, jit_threshold=_jit_threshold(args), args=args.args
    ).exit_code


def _cmd_repl(args: argparse.Namespace) -> int:
    from clysm.driver.repl import run_repl

    return run_repl(engine=args.engine, jit_threshold=_jit_threshold(args))


def _cmd_compile(args: argparse.Namespace) -> int:
    from pathlib import Path

    from clysm.driver.package import write_program_directory

    text = _read_source(args.file)
    out = Path(args.output)
    write_program_directory(text, args.file, out, wat=args.wat)
    print(f"clysm: wrote {out}; run it with: node {out / 'main.mjs'}", file=sys.stderr)
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from clysm.bench.main import run

    return run(args)


def _cmd_run_wasm(args: argparse.Namespace) -> int:
    from pathlib import Path

    from clysm.engines import WasmModuleFile, get_engine

    modules = []
    for spec in args.modules:
        name, _, path = spec.rpartition("=")
        file = Path(path)
        if not file.is_file():
            raise ClysmError(f"no such module file: {path}")
        modules.append(WasmModuleFile(name or file.stem, file))
    engine = get_engine(args.engine)
    return engine.run(modules, args.args, capture=False).exit_code


def _cmd_read(args: argparse.Namespace) -> int:
    from clysm.lisp.printer import prin1_to_string
    from clysm.reader import Reader

    path = args.file
    text = _read_source(path)
    reader = Reader(text, path)
    eof = object()
    while (form := reader.read(eof_error_p=False, eof_value=eof)) is not eof:
        print(prin1_to_string(form))
    return 0


def _read_source(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as exc:
        raise ClysmError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ClysmError(f"{path} is not UTF-8 text: {exc.reason}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    try:
        return handler(args)
    except ClysmError as exc:
        print(f"clysm: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # the last line of defence: never a bare traceback
        if os.environ.get("CLYSM_DEBUG"):
            traceback.print_exc()
        kind = "internal error" if isinstance(exc, InternalError) else "unexpected error"
        print(f"clysm: {kind}: {type(exc).__name__}: {exc}", file=sys.stderr)
        print("clysm: this is a bug in clysm; set CLYSM_DEBUG=1 for a traceback", file=sys.stderr)
        return EXIT_INTERNAL_ERROR
    except KeyboardInterrupt:
        return 130


def entry_point() -> NoReturn:
    """The `clysm` command: `main`, then exit without the interpreter's last
    garbage collections over the compile-time image (about a second of CPU
    at exit; frozen objects are skipped, and the process ends anyway)."""
    code = main()
    gc.freeze()
    sys.exit(code)
