"""#n= and #n# labels: shared and circular structure in source (CLHS 2.4.8.15-16).

While the labelled object is still being read, #n# yields a placeholder; once
the outermost read finishes, placeholders are replaced by the finished objects.
"""

from __future__ import annotations

from typing import Any

from clysm.lisp.data import Cons, LispVector


class Placeholder:
    """Stands for the object labelled #n= until that object is complete."""

    __slots__ = ("label",)

    def __init__(self, label: int) -> None:
        self.label = label

    def __repr__(self) -> str:
        return f"#{self.label}#"


class _Unset:
    pass


_UNSET = _Unset()


class LabelTable:
    """The labels of one outermost read."""

    def __init__(self) -> None:
        self.placeholders: dict[int, Placeholder] = {}
        self.values: dict[int, Any] = {}
        self.needs_patch = False

    def is_defined(self, label: int) -> bool:
        return label in self.placeholders

    def define(self, label: int) -> Placeholder:
        placeholder = self.placeholders[label] = Placeholder(label)
        return placeholder

    def finish(self, label: int, value: Any) -> None:
        self.values[label] = value

    def reference(self, label: int) -> Any:
        """The object for #label#; the caller has checked that the label is defined."""
        value = self.values.get(label, _UNSET)
        if value is _UNSET:
            self.needs_patch = True
            return self.placeholders[label]
        return value

    def _resolve(self, value: Any) -> Any:
        seen = 0
        while isinstance(value, Placeholder):
            value = self.values[value.label]
            seen += 1
            if seen > len(self.values):  # only a cycle of bare labels gets here
                raise ValueError("labels refer only to each other")
        return value

    def patch(self, root: Any) -> Any:
        """Replace every placeholder reachable from `root` by its object."""
        if not self.needs_patch:
            return root
        root = self._resolve(root)
        visited: set[int] = set()
        pending = [root]
        while pending:
            obj = pending.pop()
            # Walk cdr chains in a loop so that long lists need no deep stack.
            while isinstance(obj, Cons | LispVector) and id(obj) not in visited:
                visited.add(id(obj))
                if isinstance(obj, LispVector):
                    obj.items = [self._resolve(item) for item in obj.items]
                    pending.extend(obj.items)
                    break
                obj.car = self._resolve(obj.car)
                obj.cdr = self._resolve(obj.cdr)
                pending.append(obj.car)
                obj = obj.cdr
        return root
