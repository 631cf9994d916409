"""The host kernel: Python definitions of the primitive functions that macro
expanders need at compile time and that cannot be written in Lisp on top of
other primitives.  Everything else is defined once, in Lisp, in the runtime
library, and reaches the host image by evaluating that library.

Each primitive is a small function registered under its Lisp name with
`@kernel`; `install_kernel` puts them into an image's function cells, with
an argument-count check derived from the Python signature.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from clysm.frontend.host_lambda import arg_count_error
from clysm.lisp.data import Symbol
from clysm.lisp.packages import cl_symbol, clysm_symbol

if TYPE_CHECKING:
    from clysm.frontend.host_env import HostEnv


@dataclass(frozen=True)
class KernelEntry:
    name: str
    package: str  # "CL" or "CLYSM"
    fn: Callable[..., Any]
    needs_image: bool
    setf: bool  # defines (SETF name)

    @property
    def symbol(self) -> Symbol:
        return cl_symbol(self.name) if self.package == "CL" else clysm_symbol(self.name)


KERNEL: list[KernelEntry] = []


def kernel(
    name: str, *, package: str = "CL", image: bool = False, setf: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a primitive; with image=True it receives the HostEnv first."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        KERNEL.append(KernelEntry(name, package, fn, image, setf))
        return fn

    return register


def _arity(fn: Callable[..., Any], skip: int) -> tuple[int, float]:
    params = list(inspect.signature(fn).parameters.values())[skip:]
    low = sum(1 for p in params if p.default is p.empty and p.kind == p.POSITIONAL_OR_KEYWORD)
    if any(p.kind == p.VAR_POSITIONAL for p in params):
        return low, float("inf")
    return low, len(params)


def _checked(entry: KernelEntry, image: HostEnv) -> Callable[..., Any]:
    fn = partial(entry.fn, image) if entry.needs_image else entry.fn
    low, high = _arity(entry.fn, 1 if entry.needs_image else 0)
    name = entry.symbol
    if high == float("inf"):
        expected = f"at least {low}"
    else:
        expected = str(low) if low == high else f"{low} to {high}"

    def primitive(*args: Any) -> Any:
        if not low <= len(args) <= high:
            raise arg_count_error(name, len(args), expected)
        return fn(*args)

    primitive.lisp_name = name  # type: ignore[attr-defined]
    primitive.is_kernel_primitive = True  # type: ignore[attr-defined]
    return primitive


def install_kernel(image: HostEnv) -> None:
    from clysm.frontend import (  # noqa: F401  (registration)
        host_kernel_data,
        host_kernel_env,
        host_kernel_pkg,
    )

    for entry in KERNEL:
        table = image.setf_functions if entry.setf else image.functions
        table[entry.symbol] = _checked(entry, image)
    host_kernel_env.init_image(image)
