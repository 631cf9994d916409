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
