"""The few FORMAT directives that compile-time error messages use:
~A ~S ~D ~% ~& ~~.  (FORMAT itself is defined in Lisp in the runtime.)"""

from __future__ import annotations

from typing import Any

from clysm.frontend.forms import show
from clysm.lisp.printer import princ_to_string


def princ_text(x: Any) -> str:
    try:
        return princ_to_string(x)
    except ValueError:  # circular structure
        return princ_to_string(x, circle=True)


def format_message(control: str, args: list[Any]) -> str:
    out: list[str] = []
    i, n = 0, 0
    while i < len(control):
        c = control[i]
        if c != "~" or i + 1 >= len(control):
            out.append(c)
            i += 1
            continue
        d = control[i + 1].upper()
        i += 2
        if d in "ASD":
            arg = args[n] if n < len(args) else None
            n += 1
            out.append(show(arg) if d == "S" else princ_text(arg))
        elif d in "%&":
            out.append("\n")
        elif d == "~":
            out.append("~")
        else:
            out.append("~" + d)
    return "".join(out)
