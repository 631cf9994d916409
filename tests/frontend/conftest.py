"""Tests marked `in_prelude_child` run in a forked copy of the test process
that holds a pristine prelude image (see frontend_prelude.py)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import pytest
from frontend_prelude import in_prelude_child


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "in_prelude_child: run in a forked process holding a pristine prelude image"
    )


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    if pyfuncitem.get_closest_marker("in_prelude_child") is None:
        return (yield)
    test = pyfuncitem.obj
    pyfuncitem.obj = _forked(test)
    try:
        return (yield)
    finally:
        pyfuncitem.obj = test


def _forked(test: Callable[..., Any]) -> Callable[..., Any]:
    def call(**args: Any) -> None:
        in_prelude_child(lambda: test(**args))

    return call
