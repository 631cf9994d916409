"""The image front-end tests run programs in.

Test programs use plain CL, so SBCL can run the very same text; the standard
macros they use come from the runtime library itself (src/clysm/runtime/lisp),
never from a copy written for the tests.

Loading the library takes seconds, so each test process loads it once, into
a pristine image, and tests marked `in_prelude_child` (see conftest.py) run
in a forked copy of the process, where `prelude_image()` hands out that
image the first time: the test may change it freely, the parent's copy stays
pristine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from clysm.frontend.host_env import HostEnv
from clysm.runtime.library import load_library
from forking import CAN_FORK, in_forked_child

T = TypeVar("T")

_pristine: list[HostEnv] = []  # this process's pristine image, once built
_unused: list[HostEnv] = []  # in a forked child: the copy not yet handed out


def build_prelude_image() -> HostEnv:
    """A newly built image with the kernel and the real runtime library's macros."""
    return load_library(HostEnv.standard())


def prelude_image() -> HostEnv:
    """An image no other test has seen: the forked child's copy of the
    pristine image if not yet handed out, else a newly built one."""
    if _unused:
        return _unused.pop()
    return build_prelude_image()


def in_prelude_child(work: Callable[[], T]) -> T:
    """WORK's result (or exception), computed in a forked copy of this
    process in which `prelude_image()` first returns the pristine image."""
    if not CAN_FORK:
        return work()
    if not _pristine:
        _pristine.append(build_prelude_image())

    def in_child() -> T:
        _unused.append(_pristine[0])
        return work()

    return in_forked_child(in_child)
