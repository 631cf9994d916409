"""The intermediate representation between the front end and the back end.

The front end (macro expansion + special-form conversion) turns a Lisp form
into a tree of these nodes: every macro is expanded, every lexical variable and
local function reference is resolved to the binding object it denotes, and
declarations have been applied.  The analysis passes annotate bindings
(captured? assigned?) and blocks/tagbodies (is a non-local exit needed?).
The back end turns the annotated tree into Wasm; the host evaluator runs the
very same tree in Python at compile time (macro expanders, eval-when).

Conventions:
- Every node may carry `pos`, the source position of the form it came from.
- Constants hold host data (clysm.lisp.data); the back end materialises them
  in the engine heap.
- A `Lambda` is the only thing that becomes a function object; flet/labels and
  named functions all go through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clysm.errors import SourcePos
from clysm.lisp.data import Symbol

# ---------------------------------------------------------------------------
# Bindings: the objects that names resolve to.


@dataclass(eq=False)
class LexVar:
    """A lexical variable binding.  `captured`/`assigned` are set by analysis."""

    name: Symbol
    captured: bool = False  # referenced from a Lambda other than its own
    assigned: bool = False  # target of a setq anywhere
    ignorable: bool = False

    @property
    def needs_cell(self) -> bool:
        """Captured *and* assigned: closures must share it, so it lives in a cell."""
        return self.captured and self.assigned

    def __repr__(self) -> str:
        return f"<var {self.name.name}@{id(self):x}>"


@dataclass(eq=False)
class FunVar:
    """A local function binding (flet/labels)."""

    name: Any  # a Symbol, or (SETF sym) as a list
    lam: Lambda | None = None  # filled in when the binding's lambda is converted

    def __repr__(self) -> str:
        return f"<local-fun {self.name!r}@{id(self):x}>"


@dataclass(eq=False)
class BlockInfo:
    """One `block` (also the implicit blocks of defun, do, dolist, prog...)."""

    name: Symbol
    nonlocal_exit: bool = False  # a return-from to it occurs inside a nested Lambda


@dataclass(eq=False)
class TagbodyInfo:
    tags: list[Any] = field(default_factory=list)  # symbols or integers, in order
    nonlocal_exit: bool = False  # a go to it occurs inside a nested Lambda


# ---------------------------------------------------------------------------
# Nodes


@dataclass(eq=False)
class Node:
    pos: SourcePos | None = field(default=None, kw_only=True)


@dataclass(eq=False)
class Const(Node):
    value: Any


@dataclass(eq=False)
class LexRef(Node):
    var: LexVar


@dataclass(eq=False)
class LexSet(Node):
    var: LexVar
    value: Node


@dataclass(eq=False)
class GlobalRef(Node):
    """A special (dynamic) or undeclared free variable: read the symbol's value cell."""

    symbol: Symbol


@dataclass(eq=False)
class GlobalSet(Node):
    symbol: Symbol
    value: Node


@dataclass(eq=False)
class If(Node):
    test: Node
    then: Node
    else_: Node


@dataclass(eq=False)
class Progn(Node):
    body: list[Node]


@dataclass(eq=False)
class Binding:
    """One binding of a let: a lexical variable, or a special variable's symbol."""

    target: LexVar | Symbol  # a Symbol means a dynamic (special) binding
    value: Node


@dataclass(eq=False)
class Let(Node):
    """Parallel binding (let).  let* is converted to nested Lets."""

    bindings: list[Binding]
    body: Node


@dataclass(eq=False)
class OptionalParam:
    var: LexVar | Symbol  # Symbol: a special variable bound as a parameter
    default: Node
    supplied: LexVar | Symbol | None = None


@dataclass(eq=False)
class KeyParam:
    keyword: Symbol
    var: LexVar | Symbol
    default: Node
    supplied: LexVar | Symbol | None = None


@dataclass(eq=False)
class Lambda(Node):
    """A function: parsed ordinary lambda list and body.

    Parameters are bound left to right; defaults are evaluated in the scope of
    the parameters before them.  &aux has already become a let* in `body`.
    `name` is for printing and error messages (a symbol, (SETF sym), or None).
    """

    name: Any
    required: list[LexVar | Symbol]
    optional: list[OptionalParam] = field(default_factory=list)
    rest: LexVar | Symbol | None = None
    keys: list[KeyParam] = field(default_factory=list)
    key_p: bool = False  # &key present (even with no keys)
    allow_other_keys: bool = False
    body: Node = field(default_factory=lambda: Const(None))
    # Filled by analysis: LexVars and FunVars referenced free inside this lambda.
    free_vars: list[LexVar] = field(default_factory=list)
    free_funs: list[FunVar] = field(default_factory=list)
    # The source form, for function-lambda-expression.
    source: Any = None

    @property
    def is_simple(self) -> bool:
        """Only required parameters: eligible for the fast fixed-arity entries."""
        return not (self.optional or self.rest is not None or self.key_p)


@dataclass(eq=False)
class LocalFunctions(Node):
    """flet or labels: the FunVars are already resolved in `body` (and, for
    labels, in the lambdas themselves)."""

    funs: list[FunVar]
    body: Node
    recursive: bool  # labels


@dataclass(eq=False)
class GlobalFunction(Node):
    """(function name) for a global function name: the current definition."""

    name: Any  # Symbol or (SETF sym)


@dataclass(eq=False)
class LocalFunction(Node):
    """(function name) for a local function, or a reference to call it."""

    fun: FunVar


@dataclass(eq=False)
class CallGlobal(Node):
    """(name args...) where name is a global function (through its symbol)."""

    name: Any  # Symbol or (SETF sym)
    args: list[Node]


@dataclass(eq=False)
class CallLocal(Node):
    fun: FunVar
    args: list[Node]


@dataclass(eq=False)
class Funcall(Node):
    """(funcall f args...): f evaluates to a function designator."""

    function: Node
    args: list[Node]


@dataclass(eq=False)
class Apply(Node):
    """(apply f args... list): the last argument is spread."""

    function: Node
    args: list[Node]


@dataclass(eq=False)
class PrimCall(Node):
    """A compiler intrinsic (e.g. %car, %fx+): the table is frontend/intrinsics.py."""

    op: str
    args: list[Node]


@dataclass(eq=False)
class Values(Node):
    args: list[Node]


@dataclass(eq=False)
class MultipleValueCall(Node):
    function: Node
    args: list[Node]


@dataclass(eq=False)
class MultipleValueProg1(Node):
    first: Node
    rest: list[Node]


@dataclass(eq=False)
class MultipleValueBind(Node):
    """Bind vars to the values of `values_form` (the core of m-v-bind; keeps
    the common case free of list allocation)."""

    vars: list[LexVar | Symbol]
    values_form: Node
    body: Node


@dataclass(eq=False)
class Block(Node):
    info: BlockInfo
    body: Node


@dataclass(eq=False)
class ReturnFrom(Node):
    info: BlockInfo
    value: Node


@dataclass(eq=False)
class Tagbody(Node):
    """Segments in order; the first may have tag None (statements before any tag)."""

    info: TagbodyInfo
    segments: list[tuple[Any, list[Node]]]


@dataclass(eq=False)
class Go(Node):
    info: TagbodyInfo
    tag: Any


@dataclass(eq=False)
class Catch(Node):
    tag: Node
    body: Node


@dataclass(eq=False)
class Throw(Node):
    tag: Node
    value: Node


@dataclass(eq=False)
class UnwindProtect(Node):
    protected: Node
    cleanup: Node


@dataclass(eq=False)
class Progv(Node):
    symbols: Node
    values: Node
    body: Node


@dataclass(eq=False)
class LoadTimeValue(Node):
    form: Node
    read_only: bool


@dataclass(eq=False)
class The(Node):
    type: Any
    value: Node


# ---------------------------------------------------------------------------
# Top level


@dataclass(eq=False)
class TopLevelForm:
    """One top-level form, converted; `node` runs at load time of the module."""

    node: Node
    pos: SourcePos | None = None


def _no_children(node: Any) -> list[Node]:
    return []


def _lambda_children(node: Any) -> list[Node]:
    return [*(o.default for o in node.optional), *(k.default for k in node.keys), node.body]


# Node class -> its direct sub-nodes in evaluation order.  A table rather
# than a `match`: the walks of the front and back ends call it for every node.
_CHILDREN: dict[type, Callable[[Any], list[Node]]] = {
    Const: _no_children,
    LexRef: _no_children,
    GlobalRef: _no_children,
    GlobalFunction: _no_children,
    LocalFunction: _no_children,
    Go: _no_children,
    LexSet: lambda n: [n.value],
    GlobalSet: lambda n: [n.value],
    ReturnFrom: lambda n: [n.value],
    The: lambda n: [n.value],
    If: lambda n: [n.test, n.then, n.else_],
    Progn: lambda n: list(n.body),
    Let: lambda n: [*(b.value for b in n.bindings), n.body],
    Lambda: _lambda_children,
    LocalFunctions: lambda n: [*(f.lam for f in n.funs if f.lam is not None), n.body],
    CallGlobal: lambda n: list(n.args),
    CallLocal: lambda n: list(n.args),
    PrimCall: lambda n: list(n.args),
    Values: lambda n: list(n.args),
    Funcall: lambda n: [n.function, *n.args],
    Apply: lambda n: [n.function, *n.args],
    MultipleValueCall: lambda n: [n.function, *n.args],
    MultipleValueProg1: lambda n: [n.first, *n.rest],
    MultipleValueBind: lambda n: [n.values_form, n.body],
    Block: lambda n: [n.body],
    Tagbody: lambda n: [x for _, stmts in n.segments for x in stmts],
    Catch: lambda n: [n.tag, n.body],
    Throw: lambda n: [n.tag, n.value],
    UnwindProtect: lambda n: [n.protected, n.cleanup],
    Progv: lambda n: [n.symbols, n.values, n.body],
    LoadTimeValue: lambda n: [n.form],
}


def children(node: Node) -> list[Node]:
    """The direct sub-nodes of `node`, in evaluation order (for generic walks)."""
    walk = _CHILDREN.get(node.__class__)
    if walk is None:
        raise TypeError(f"unknown IR node {type(node).__name__}")
    return walk(node)
