"""Run the same Lisp programs in SBCL (the oracle) and in the host evaluator.

Each program is a sequence of top-level forms; its result is the list of
values of the last form, printed with PRIN1.  SBCL runs every program of a
test module in one process, each in a fresh package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from frontend_prelude import prelude_image

from clysm.frontend.host_load import load_source
from clysm.frontend.host_runtime import values_list
from clysm.lisp.data import list_from
from clysm.lisp.printer import prin1_to_string

SBCL = shutil.which("sbcl")
# Skipped only off CI: CI installs SBCL, and there a missing oracle must fail.
needs_sbcl = pytest.mark.skipif(
    SBCL is None and not os.environ.get("CI"), reason="sbcl (the oracle) is not installed"
)

_DRIVER = r"""
(defun oracle-run (name text)
  (let* ((package (make-package name :use '("COMMON-LISP")))
         (*package* package)
         ;; Pretty printing abbreviates (QUOTE X) as 'X, like clysm's printer.
         (*print-pretty* t)
         (*print-right-margin* 100000)
         (result nil))
    (handler-case
        (handler-bind ((warning #'muffle-warning))
          (with-input-from-string (s text)
            (loop for form = (read s nil s)
                  until (eq form s)
                  do (setf result (multiple-value-list (eval form)))))
          (format t "@@~A~%~S~%" name result))
      (error (e) (format t "@@~A~%ERROR: ~A~%" name (type-of e))))))
"""


def _lisp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sbcl_results(programs: dict[str, str]) -> dict[str, str]:
    """name -> printed result list, for every program, from one SBCL run."""
    assert SBCL is not None
    calls = "\n".join(
        f"(oracle-run {_lisp_string(n)} {_lisp_string(t)})" for n, t in programs.items()
    )
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "programs.lisp"
        script.write_text(_DRIVER + calls + "\n")
        done = subprocess.run(
            [SBCL, "--script", str(script)], capture_output=True, text=True, timeout=120
        )
    results: dict[str, str] = {}
    lines = done.stdout.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("@@"):
            results[line[2:]] = lines[i + 1]
    missing = set(programs) - set(results)
    assert not missing, f"SBCL gave no result for {missing}: {done.stderr[-2000:]}"
    return results


def host_result(text: str) -> str:
    """The printed result list of `text`, run by the host evaluator."""
    image = prelude_image()
    values = values_list(load_source(text, image, "program.lisp"))
    return prin1_to_string(list_from(values))
