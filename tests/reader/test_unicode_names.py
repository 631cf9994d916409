"""The compiler's character names (clysm.reader.charnames, decoding
runtime/lisp/unicode-names.lisp) against SBCL's, for every code point: the
name CHAR-NAME gives, and what NAME-CHAR makes of it and of every Unicode
1.0 name."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from reader_helpers import SBCL, needs_sbcl

from clysm.reader.charnames import char_name, code_from_name

LIMIT = 0x110000

# Names other than Uxxxx, and every Unicode 1.0 name with NAME-CHAR of it.
DUMP = """
(with-open-file (out "{path}" :direction :output :external-format :utf-8)
  (dotimes (code char-code-limit)
    (let* ((c (code-char code)) (name (char-name c))
           (old (sb-unicode:unicode-1-name c)))
      (unless (string= name (format nil "U~X" code))
        (format out "N ~X ~A~%" code name))
      (when old
        (format out "O ~X ~A~%" (char-code (name-char old)) old)))))
"""


def sbcl_lines() -> list[str]:
    assert SBCL is not None
    with tempfile.TemporaryDirectory() as tmp:
        out, script = Path(tmp) / "names.txt", Path(tmp) / "dump.lisp"
        script.write_text(DUMP.format(path=out))
        subprocess.run([SBCL, "--script", str(script)], check=True)
        return out.read_text(encoding="utf-8").splitlines()


@needs_sbcl
def test_every_name_agrees_with_sbcl() -> None:
    names: dict[int, str] = {}
    old_names: dict[str, int] = {}
    for line in sbcl_lines():
        kind, code, name = line.split(" ")
        if kind == "N":
            names[int(code, 16)] = name
        else:
            old_names[name] = int(code, 16)
    assert len(names) > 40_000 and len(old_names) > 1_900
    wrong = []
    for code in range(LIMIT):
        expected = names.get(code, f"U{code:X}")
        mine = char_name(code) if code != 32 else "Space"  # printed as #\  by prin1
        if 32 < code < 127:
            mine = expected if mine is None else mine  # graphic ASCII prints as itself
        if mine != expected:
            wrong.append((code, expected, mine))
    for code, name in names.items():
        if code_from_name(name) != code or code_from_name(name.lower()) != code:
            wrong.append((code, name, code_from_name(name)))
    for name, code in old_names.items():
        if code_from_name(name) != code:
            wrong.append((code, name, code_from_name(name)))
    assert wrong == [], wrong[:20]
