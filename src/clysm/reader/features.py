"""Feature expressions for #+ and #- (CLHS 24.1.2.1)."""

from __future__ import annotations

from typing import Any

from clysm.lisp.data import Cons, Symbol, iter_list

DEFAULT_FEATURES = frozenset({"CLYSM", "COMMON-LISP", "ANSI-CL", "IEEE-FLOATING-POINT", "WASM"})


class FeatureError(Exception):
    """A malformed feature expression."""


def feature_true(expr: Any, features: frozenset[str]) -> bool:
    """Evaluate a feature expression read in the KEYWORD package.

    Features are keyword names.  A symbol from another package (`cl:nil`) is
    never a feature, as in SBCL, since *features* holds only keywords.
    """
    if isinstance(expr, Symbol):
        return expr.is_keyword and expr.name in features
    if not isinstance(expr, Cons):
        raise FeatureError("invalid feature expression")
    operator = expr.car
    try:
        args = list(iter_list(expr.cdr))
    except ValueError:
        raise FeatureError("feature expression is not a proper list") from None
    if not (isinstance(operator, Symbol) and operator.is_keyword):
        raise FeatureError("unknown operator in feature expression")
    if operator.name == "NOT":
        if len(args) != 1:
            raise FeatureError(":NOT in a feature expression takes exactly one argument")
        return not feature_true(args[0], features)
    if operator.name == "AND":
        return all(feature_true(arg, features) for arg in args)
    if operator.name == "OR":
        return any(feature_true(arg, features) for arg in args)
    raise FeatureError("unknown operator in feature expression")
