"""Run work in a forked copy of the test process.

Building a compile-time image takes seconds; forking a process that already
holds one takes milliseconds.  Work that changes an image (defines
functions, makes packages, ...) is done in a forked child, so the parent's
image stays pristine for the next test.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")

# pytest's outcome exceptions (a failed pytest.raises, pytest.skip, ...) do
# not pickle: they cross the fork as their kind and message.
_OUTCOMES: dict[str, type[BaseException]] = {
    "xfail": pytest.xfail.Exception,  # before "fail": a subclass of it
    "skip": pytest.skip.Exception,
    "fail": pytest.fail.Exception,
}

CAN_FORK = hasattr(os, "fork")

# A directory the test run's processes (pytest-xdist's workers) share, made
# by tests/conftest.py for the run: work done once for all of them is kept
# there (program_harness.shared_by_workers).
SHARED_DIR_VARIABLE = "CLYSM_TESTS_SHARED_DIR"


def in_forked_child(work: Callable[[], T]) -> T:
    """WORK's result (or exception), computed in a forked copy of this
    process, so that what it changes is thrown away.  Both must pickle; an
    exception that does not is replaced by a RuntimeError that names it."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        data = _outcome_bytes(work)
        with os.fdopen(write_fd, "wb") as out:
            out.write(data)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(f"the forked child died without a result (wait status {status})")
    kind, value = pickle.loads(data)
    if kind == "result":
        return value  # type: ignore[no-any-return]
    if kind == "fail":
        pytest.fail(value, pytrace=False)
    if kind == "skip":
        pytest.skip(value)
    if kind == "xfail":
        pytest.xfail(value)
    raise value


def _outcome_bytes(work: Callable[[], object]) -> bytes:
    """("result", value), (outcome kind, message) or ("error", exception),
    pickled; checked to unpickle, since some objects pickle but cannot be
    rebuilt."""
    try:
        outcome: tuple[str, object] = ("result", work())
    except BaseException as e:  # handed to the parent, which raises it
        outcome = _error_outcome(e)
    try:
        data = pickle.dumps(outcome)
        pickle.loads(data)
    except Exception as e:
        kind, what = outcome
        shown = "".join(traceback.format_exception(what)) if kind == "error" else repr(what)
        error = RuntimeError(f"unpicklable {kind} ({e!r}):\n{shown}")
        data = pickle.dumps(("error", error))
    return data


def _error_outcome(e: BaseException) -> tuple[str, object]:
    for kind, outcome in _OUTCOMES.items():
        if isinstance(e, outcome):
            return kind, str(e)
    # The parent's traceback ends at the fork; keep the child's.
    e.add_note("in the forked child:\n" + "".join(traceback.format_tb(e.__traceback__)))
    return "error", e
