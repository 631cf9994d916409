"""Conversion of each special form (and calls, lambdas, declarations) to IR."""

from __future__ import annotations

from frontend_helpers import convert, read

from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_load import load_source
from clysm.frontend.ir import (
    Apply,
    Binding,
    Block,
    CallGlobal,
    CallLocal,
    Catch,
    Const,
    Funcall,
    GlobalFunction,
    GlobalRef,
    GlobalSet,
    Go,
    If,
    Lambda,
    Let,
    LexRef,
    LexSet,
    LexVar,
    LoadTimeValue,
    LocalFunction,
    LocalFunctions,
    MultipleValueBind,
    MultipleValueCall,
    MultipleValueProg1,
    PrimCall,
    Progn,
    Progv,
    ReturnFrom,
    Tagbody,
    The,
    Throw,
    UnwindProtect,
    Values,
)
from clysm.lisp.data import NIL, Cons, Symbol
from clysm.lisp.packages import cl_symbol, keyword


def sym(name: str) -> Symbol:
    s = read(name)
    assert isinstance(s, Symbol)
    return s


def test_quote_and_self_evaluating() -> None:
    node = convert("'(a b)")
    assert isinstance(node, Const) and isinstance(node.value, Cons)
    for text, value in [("42", 42), (":key", keyword("KEY")), ("nil", NIL), ("t", read("t"))]:
        const = convert(text)
        assert isinstance(const, Const) and const.value is value


def test_if_with_and_without_else() -> None:
    node = convert("(if a b)")
    assert isinstance(node, If)
    assert isinstance(node.test, GlobalRef) and node.test.symbol is sym("a")
    assert isinstance(node.else_, Const) and node.else_.value is NIL


def test_progn_flattens_trivial_cases() -> None:
    assert isinstance(convert("(progn)"), Const)
    assert isinstance(convert("(progn 1)"), Const)
    node = convert("(progn 1 2 3)")
    assert isinstance(node, Progn) and len(node.body) == 3


def test_let_binds_lexically_and_refs_resolve() -> None:
    node = convert("(let ((x 1) y) x y)")
    assert isinstance(node, Let)
    x, y = (b.target for b in node.bindings)
    assert isinstance(x, LexVar) and isinstance(y, LexVar)
    assert isinstance(node.body, Progn)
    refs = node.body.body
    assert isinstance(refs[0], LexRef) and refs[0].var is x
    assert isinstance(refs[1], LexRef) and refs[1].var is y


def test_let_init_forms_see_outer_bindings() -> None:
    node = convert("(let ((x 1)) (let ((x 2) (y x)) y))")
    assert isinstance(node, Let) and isinstance(node.body, Let)
    outer_x = node.bindings[0].target
    inner = node.body
    assert isinstance(inner.bindings[1].value, LexRef)
    assert inner.bindings[1].value.var is outer_x


def test_let_star_nests_one_let_per_binding() -> None:
    node = convert("(let* ((x 1) (y x)) y)")
    assert isinstance(node, Let) and len(node.bindings) == 1
    inner = node.body
    assert isinstance(inner, Let)
    assert isinstance(inner.bindings[0].value, LexRef)
    assert inner.bindings[0].value.var is node.bindings[0].target


def test_special_declaration_makes_a_dynamic_binding() -> None:
    node = convert("(let ((x 1) (y 2)) (declare (special x) (ignore y)) x)")
    assert isinstance(node, Let)
    assert node.bindings[0].target is sym("x")
    y = node.bindings[1].target
    assert isinstance(y, LexVar) and y.ignorable
    assert isinstance(node.body, GlobalRef)


def test_free_special_declaration_affects_only_the_body() -> None:
    node = convert("(let ((x 1)) (let ((z x)) (declare (special x)) x))")
    assert isinstance(node, Let)
    inner = node.body
    assert isinstance(inner, Let)
    assert isinstance(inner.bindings[0].value, LexRef)  # init form: still lexical
    assert isinstance(inner.body, GlobalRef)


def test_locally_special() -> None:
    node = convert("(let ((x 1)) (list x (locally (declare (special x)) x)))")
    assert isinstance(node, Let) and isinstance(node.body, CallGlobal)
    assert isinstance(node.body.args[0], LexRef)
    assert isinstance(node.body.args[1], GlobalRef)


def test_proclaimed_special_variables() -> None:
    image = HostEnv.standard()
    load_source("(proclaim '(special *v*))", image)
    node = convert("(let ((*v* 1)) (setq *v* 2) *v*)", image)
    assert isinstance(node, Let) and node.bindings[0].target is sym("*v*")
    body = node.body
    assert isinstance(body, Progn)
    assert isinstance(body.body[0], GlobalSet) and isinstance(body.body[1], GlobalRef)


def test_setq_pairs_and_symbol_macros() -> None:
    node = convert("(let ((a 1) (b 2)) (setq a 3 b a))")
    assert isinstance(node, Let) and isinstance(node.body, Progn)
    first, second = node.body.body
    assert isinstance(first, LexSet) and isinstance(second, LexSet)
    assert isinstance(second.value, LexRef) and second.value.var is first.var
    assert isinstance(convert("(setq)"), Const)
    assert isinstance(convert("(setq free 1)"), GlobalSet)
    # A symbol-macro is assigned through SETF (a call to the SETF macro or function).
    setf = convert("(symbol-macrolet ((s (car x))) (setq s 1))")
    assert isinstance(setf, CallGlobal) and setf.name is cl_symbol("SETF")
    assert isinstance(setf.args[0], CallGlobal) and setf.args[0].name is cl_symbol("CAR")


def test_function_forms() -> None:
    assert isinstance(convert("#'car"), GlobalFunction)
    setf_fn = convert("#'(setf foo)")
    assert isinstance(setf_fn, GlobalFunction) and isinstance(setf_fn.name, Cons)
    lam = convert("#'(lambda (x) x)")
    assert isinstance(lam, Lambda) and lam.name is None and isinstance(lam.body, LexRef)
    named = convert("#'(clysm::named-lambda foo (x) (return-from foo x))")
    assert isinstance(named, Lambda) and named.name is sym("foo")
    assert isinstance(named.body, Block) and isinstance(named.body.body, ReturnFrom)
    local = convert("(flet ((f () 1)) #'f)")
    assert isinstance(local, LocalFunctions) and isinstance(local.body, LocalFunction)
    assert local.body.fun is local.funs[0]


def test_lambda_list_to_lambda_node() -> None:
    lam = convert(
        "#'(lambda (a &optional (b a b-p) &rest r &key ((:kk k) 1 k-p) &allow-other-keys"
        " &aux (z (list a b))) (declare (special r)) z)"
    )
    assert isinstance(lam, Lambda)
    (a,) = lam.required
    (opt,) = lam.optional
    assert isinstance(opt.default, LexRef) and opt.default.var is a
    assert isinstance(opt.supplied, LexVar)
    assert lam.rest is sym("r")  # declared special: bound dynamically
    (key,) = lam.keys
    assert key.keyword is keyword("KK") and key.var.name is sym("k")  # type: ignore[union-attr]
    assert lam.key_p and lam.allow_other_keys and not lam.is_simple
    assert isinstance(lam.body, Let)  # &aux became a let
    assert isinstance(lam.body.body, LexRef)
    assert lam.body.body.var is lam.body.bindings[0].target


def test_lambda_docstring_and_declarations_are_not_body_forms() -> None:
    lam = convert('#\'(lambda (x) "doc" (declare (ignore x)) 1)')
    assert isinstance(lam, Lambda) and isinstance(lam.body, Const) and lam.body.value == 1
    assert lam.required[0].ignorable  # type: ignore[union-attr]
    only_string = convert('#\'(lambda () "just a string")')
    assert isinstance(only_string, Lambda) and isinstance(only_string.body, Const)


def test_lambda_form_call() -> None:
    node = convert("((lambda (x y) (list y x)) 1 2)")
    assert isinstance(node, Let) and len(node.bindings) == 2
    general = convert("((lambda (&optional x) x) 1)")
    assert isinstance(general, Funcall) and isinstance(general.function, Lambda)


def test_flet_and_labels_scoping() -> None:
    flet = convert("(flet ((f (x) (f x))) (f 1))")
    assert isinstance(flet, LocalFunctions) and not flet.recursive
    lam = flet.funs[0].lam
    assert lam is not None and isinstance(lam.body, Block)
    assert isinstance(lam.body.body, CallGlobal)  # inner f is the global one
    assert isinstance(flet.body, CallLocal) and flet.body.fun is flet.funs[0]
    labels = convert("(labels ((f (x) (f x))) (f 1))")
    assert isinstance(labels, LocalFunctions) and labels.recursive
    inner = labels.funs[0].lam
    assert inner is not None and isinstance(inner.body, Block)
    assert isinstance(inner.body.body, CallLocal) and inner.body.body.fun is labels.funs[0]


def test_local_setf_function() -> None:
    node = convert("(flet (((setf thing) (v x) (list v x))) #'(setf thing))")
    assert isinstance(node, LocalFunctions) and isinstance(node.body, LocalFunction)
    assert node.funs[0].lam is not None and isinstance(node.funs[0].lam.body, Block)
    assert node.funs[0].lam.body.info.name is sym("thing")


def test_macrolet_expands_locally_and_shadows() -> None:
    node = convert("(macrolet ((m (x) (list 'quote x))) (m hello))")
    assert isinstance(node, Const) and node.value is sym("hello")
    shadow = convert("(macrolet ((m () 1)) (flet ((m () 2)) (m)))")
    assert isinstance(shadow, LocalFunctions) and isinstance(shadow.body, CallLocal)


def test_symbol_macrolet_and_shadowing_by_let() -> None:
    node = convert("(symbol-macrolet ((s 'expanded)) (list s (let ((s 1)) s)))")
    assert isinstance(node, CallGlobal)
    assert isinstance(node.args[0], Const) and node.args[0].value is sym("expanded")
    assert isinstance(node.args[1], Let) and isinstance(node.args[1].body, LexRef)


def test_block_return_from_tagbody_go() -> None:
    node = convert("(block b (return-from b 1) (return-from b))")
    assert isinstance(node, Block) and isinstance(node.body, Progn)
    assert all(isinstance(r, ReturnFrom) and r.info is node.info for r in node.body.body)
    tb = convert("(tagbody (f) a (go b) 1 b (go a))")
    assert isinstance(tb, Tagbody)
    assert tb.info.tags == [sym("a"), 1, sym("b")]
    assert [t for t, _ in tb.segments] == [None, sym("a"), 1, sym("b")]
    go = tb.segments[1][1][0]
    assert isinstance(go, Go) and go.tag is sym("b") and go.info is tb.info
    starts_with_tag = convert("(tagbody x (go x))")
    assert isinstance(starts_with_tag, Tagbody) and starts_with_tag.segments[0][0] is sym("x")


def test_catch_throw_unwind_protect_progv() -> None:
    assert isinstance(convert("(catch 'k 1 2)"), Catch)
    assert isinstance(convert("(throw 'k 1)"), Throw)
    up = convert("(unwind-protect 1 2 3)")
    assert isinstance(up, UnwindProtect) and isinstance(up.cleanup, Progn)
    assert isinstance(convert("(progv '(a) '(1) a)"), Progv)


def test_multiple_value_forms() -> None:
    assert isinstance(convert("(multiple-value-call #'list 1 2)"), MultipleValueCall)
    assert isinstance(convert("(multiple-value-prog1 1 2)"), MultipleValueProg1)
    mvb = convert("(clysm::%multiple-value-bind (a b) (f) (declare (special b)) (list a b))")
    assert isinstance(mvb, MultipleValueBind)
    assert isinstance(mvb.vars[0], LexVar) and mvb.vars[1] is sym("b")
    assert isinstance(convert("(values 1 2)"), Values)


def test_funcall_apply_and_intrinsics() -> None:
    f = convert("(funcall f 1 2)")
    assert isinstance(f, Funcall) and isinstance(f.function, GlobalRef) and len(f.args) == 2
    a = convert("(apply #'+ 1 '(2))")
    assert isinstance(a, Apply) and len(a.args) == 2
    p = convert("(clysm::%car (clysm::%cons 1 2))")
    assert isinstance(p, PrimCall) and p.op == "%car"
    assert isinstance(p.args[0], PrimCall) and p.args[0].op == "%cons"
    # A %name that is not registered is an ordinary call.
    other = convert("(clysm::%not-an-intrinsic 1)")
    assert isinstance(other, CallGlobal)


def test_eval_when_load_time_value_the_locally() -> None:
    assert isinstance(convert("(eval-when (:execute) 1)"), Const)
    skipped = convert("(eval-when (:compile-toplevel) (error 1))")
    assert isinstance(skipped, Const) and skipped.value is NIL
    ltv = convert("(let ((x 1)) (load-time-value (list 1) t))")
    assert isinstance(ltv, Let) and isinstance(ltv.body, LoadTimeValue) and ltv.body.read_only
    the = convert("(the fixnum 1)")
    assert isinstance(the, The) and the.type is sym("fixnum")


def test_global_macros_expand_before_conversion() -> None:
    image = HostEnv.standard()
    load_source(
        "(clysm::%defmacro 'my-if (clysm::%macro-lambda my-if (c a &optional b) (list 'if c a b)))",
        image,
    )
    node = convert("(my-if x 1)", image)
    assert isinstance(node, If) and isinstance(node.else_, Const)


def test_positions_come_from_the_nearest_cons() -> None:
    node = convert("(progn\n  (f 1)\n  (g\n   (h)))")
    assert isinstance(node, Progn)
    f, g = node.body
    assert str(f.pos) == "test.lisp:2:3"
    assert isinstance(g, CallGlobal) and str(g.args[0].pos) == "test.lisp:4:4"
    assert isinstance(g.args[0], CallGlobal)


def test_bindings_are_distinct_objects() -> None:
    node = convert("(let ((x 1)) (let ((x 2)) x))")
    assert isinstance(node, Let) and isinstance(node.body, Let)
    outer: Binding = node.bindings[0]
    inner: Binding = node.body.bindings[0]
    assert outer.target is not inner.target
    assert isinstance(node.body.body, LexRef) and node.body.body.var is inner.target


def test_constants_inline_only_identity_free_values() -> None:
    image = HostEnv.standard()
    load_source("(clysm::%defconstant '+n+ 10) (clysm::%defconstant '+l+ (list 1))", image)
    n = convert("+n+", image)
    assert isinstance(n, Const) and n.value == 10
    assert isinstance(convert("+l+", image), GlobalRef)  # a list must stay EQ to itself


def test_global_symbol_macros() -> None:
    image = HostEnv.standard()
    load_source("(clysm::%define-symbol-macro 'gsm '(car cell))", image)
    node = convert("(list gsm (let ((gsm 1)) gsm))", image)
    assert isinstance(node, CallGlobal)
    assert isinstance(node.args[0], CallGlobal) and node.args[0].name is cl_symbol("CAR")
    assert isinstance(node.args[1], Let) and isinstance(node.args[1].body, LexRef)


def test_macrolet_expanders_see_enclosing_macros_and_symbol_macros() -> None:
    node = convert(
        "(symbol-macrolet ((base 40))"
        " (macrolet ((two () 2))"
        "  (macrolet ((m () (+ base (two)))) (m))))"
    )
    assert isinstance(node, Const) and node.value == 42


def test_eval_is_the_host_evaluator_at_compile_time() -> None:
    image = HostEnv.standard()
    assert load_source("(eval (list '+ 1 2))", image) == 3
