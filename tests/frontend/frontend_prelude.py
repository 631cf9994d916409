"""The image front-end tests run programs in.

Test programs use plain CL, so SBCL can run the very same text; the standard
macros they use come from the runtime library itself (src/clysm/runtime/lisp),
never from a copy written for the tests.
"""

from __future__ import annotations

from clysm.frontend.host_env import HostEnv
from clysm.runtime.library import load_library


def prelude_image() -> HostEnv:
    """A fresh image with the kernel and the real runtime library's macros."""
    return load_library(HostEnv.standard())
