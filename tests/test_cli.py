"""The clysm command: help, version, and clean errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clysm import __version__
from clysm.cli import main


def test_version(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"clysm {__version__}"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "read" in capsys.readouterr().out


def test_read_prints_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    source = tmp_path / "ok.lisp"
    source.write_text('(defun f (x) \'x) ; comment\n#(1 2) "s"\n')
    assert main(["read", str(source)]) == 0
    assert capsys.readouterr().out == '(DEFUN F (X) \'X)\n#(1 2)\n"s"\n'


def test_reader_error_names_position_and_exits_nonzero(tmp_path: Path):
    source = tmp_path / "bad.lisp"
    source.write_text("(defun f (x)\n  (+ x 1)\n")
    # Run as a real process: the user must see one line, never a traceback.
    completed = subprocess.run(
        [sys.executable, "-m", "clysm", "read", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"clysm: error: {source}:3:1: ")
    assert f"starting at {source}:1:1" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_missing_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]):
    assert main(["read", "/nonexistent/file.lisp"]) == 1
    assert "cannot read /nonexistent/file.lisp" in capsys.readouterr().err


def _clysm(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clysm", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=300,
    )


PROGRAM = """
(defun fact (n) (if (= n 0) 1 (* n (fact (- n 1)))))
(format t "10! = ~d~%" (fact 10))
(write-line "done")
"""


@pytest.mark.parametrize("engine", ["node", "wasmtime"])
def test_run_compiles_and_runs_a_program(tmp_path: Path, engine: str):
    source = tmp_path / "fact.lisp"
    source.write_text(PROGRAM)
    completed = _clysm("run", str(source), "--engine", engine)
    assert (completed.returncode, completed.stdout) == (0, "10! = 3628800\ndone\n")


def test_run_reports_an_unhandled_error_and_exits_nonzero(tmp_path: Path):
    source = tmp_path / "err.lisp"
    source.write_text('(write-line "before")\n(car 5)\n(write-line "after")\n')
    completed = _clysm("run", str(source))
    assert completed.returncode == 1
    assert completed.stdout == "before\n"
    assert completed.stderr.startswith("Unhandled TYPE-ERROR: ")


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("(defun f ()\n  (let ((x 1) (2 3)) x))\n", "2:3", "LET: 2 is not a variable name"),
        ("(defun g ()\n  (tagbody (go nowhere)))\n", "2:12", "no tag named NOWHERE"),
        ("(defun h ()\n  (return-from nope 1))\n", "2:3", "no block named NOPE"),
    ],
)
def test_compile_errors_name_file_line_and_column(tmp_path: Path, text: str, where: str, what: str):
    source = tmp_path / "bad.lisp"
    source.write_text(text)
    completed = _clysm("run", str(source))
    assert completed.returncode == 1
    assert completed.stderr.startswith(f"clysm: error: {source}:{where}: ")
    assert what in completed.stderr
    assert "Traceback" not in completed.stderr


def test_compile_writes_a_directory_that_runs_with_node_alone(tmp_path: Path):
    from clysm.engines.tools import find_node

    source = tmp_path / "fact.lisp"
    source.write_text(PROGRAM)
    out = tmp_path / "out"
    completed = _clysm("compile", str(source), "-o", str(out), "--wat")
    assert completed.returncode == 0, completed.stderr
    for name in ("main.mjs", "index.html", "rt.wasm", "program.wasm", "program.wat", "rt.wat"):
        assert (out / name).is_file(), name
    # Only node, from an unrelated directory, with no Python around.
    ran = subprocess.run(
        [str(find_node()), str(out / "main.mjs")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert (ran.returncode, ran.stdout) == (0, "10! = 3628800\ndone\n")


def test_the_runtime_is_built_once_and_cached(tmp_path: Path):
    import os

    source = tmp_path / "hello.lisp"
    source.write_text('(write-line "hi")\n')
    cache = tmp_path / "cache"
    env = {**os.environ, "CLYSM_CACHE_DIR": str(cache)}
    built: list[tuple[Path, int]] = []
    for _ in range(2):
        completed = subprocess.run(
            [sys.executable, "-m", "clysm", "run", str(source)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            timeout=300,
        )
        assert (completed.returncode, completed.stdout) == (0, "hi\n")
        (runtime,) = cache.glob("runtime-*.wasm")
        built.append((runtime, runtime.stat().st_mtime_ns))
    assert built[0] == built[1]  # the second run reused the first run's runtime


def test_calls_to_functions_defined_nowhere_are_warned_about(tmp_path: Path):
    source = tmp_path / "w.lisp"
    source.write_text("(defun f (x) (g x))\n(defun ok () (f 1))\n")
    completed = _clysm("run", str(source))
    assert completed.returncode == 0
    assert completed.stderr == f"clysm: warning: {source}:1:14: undefined function G\n"


def test_accessors_and_generic_functions_are_not_undefined(tmp_path: Path):
    # Called before their definitions, or defined by the library (which has
    # no DEFUN for them): only H is undefined.
    source = tmp_path / "c.lisp"
    source.write_text(
        "(defun f (x) (list (size x) (setf (size x) 2) (grow x) (h x)"
        " (reinitialize-instance x) (print-object x *standard-output*)))\n"
        "(defclass box () ((size :initform 1 :accessor size)))\n"
        "(defmethod grow ((b box)) (incf (size b)))\n"
        "(defgeneric shrink (b))\n"
        "(print (list (grow (make-instance 'box)) (fboundp 'shrink)))\n"
    )
    completed = _clysm("run", str(source))
    assert (completed.returncode, completed.stdout) == (0, "\n(2 T) ")
    assert completed.stderr == f"clysm: warning: {source}:1:56: undefined function H\n"


def test_the_compiled_directory_loads_as_a_web_page(tmp_path: Path):
    # What a browser does with DIR/index.html: fetch the modules over HTTP and
    # run them through browser-main.mjs.  node plays the browser (it has fetch
    # and WebAssembly.compileStreaming); the page's <pre> is a plain object.
    import functools
    import http.server
    import threading

    from clysm.engines.tools import find_node

    source = tmp_path / "fact.lisp"
    source.write_text(PROGRAM)
    out = tmp_path / "site"
    assert _clysm("compile", str(source), "-o", str(out)).returncode == 0
    assert 'import { runInPage } from "./browser-main.mjs"' in (out / "index.html").read_text()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        module = (out / "browser-main.mjs").as_uri()
        script = (
            f'const {{ runInPage }} = await import("{module}");'
            'const pre = { textContent: "" };'
            f'const code = await runInPage(pre, {{ base: "{base}" }});'
            "process.stdout.write(`${code}|${pre.textContent}`);"
        )
        ran = subprocess.run(
            [str(find_node()), "--input-type=module", "-e", script],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        server.shutdown()
    assert ran.stdout == "0|10! = 3628800\ndone\n", ran.stderr
