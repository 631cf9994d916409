# ruff: noqa: E501  (tables of exact messages read best one per line)
"""Malformed forms give a CompileError at file:line:column saying what was expected."""

from __future__ import annotations

import pytest
from frontend_helpers import convert_error
from frontend_prelude import prelude_image

from clysm.errors import CompileError
from clysm.frontend.host_load import load_source

CASES = [
    ("(let ((a 1 2)) a)", "test.lisp:1:7: malformed LET binding (A 1 2); expected VAR or (VAR [INIT-FORM])"),
    ("(let* (x\n       (y 1 2 3)) y)", "test.lisp:2:8: malformed LET* binding (Y 1 2 3); expected VAR or (VAR [INIT-FORM])"),
    ("(progn\n  (go missing-tag))", "test.lisp:2:3: GO: no tag named MISSING-TAG is visible here"),
    ("(block b\n (return-from unknown-block 1))", "test.lisp:2:2: RETURN-FROM: no block named UNKNOWN-BLOCK is visible here"),
    ("(function (lambda (a &rest) a))", "test.lisp:1:19: &REST must be followed by a variable in ordinary lambda list (A &REST)"),
    ("#'(lambda (a &key b &optional c) a)", "test.lisp:1:11: &OPTIONAL is out of place in ordinary lambda list (A &KEY B &OPTIONAL C)"),
    ("#'(lambda (a a) a)", "test.lisp:1:11: variable A occurs more than once in ordinary lambda list (A A)"),
    ("#'(lambda (t) 1)", "test.lisp:1:11: T names a constant and cannot be bound in ordinary lambda list (T)"),
    ("#'(lambda (x &body y) 1)", "test.lisp:1:11: &BODY is not allowed in ordinary lambda list (X &BODY Y)"),
    ("#'(lambda (x . y) 1)", "test.lisp:1:11: a dotted tail is not allowed in ordinary lambda list (X . Y)"),
    ("#'(lambda (&optional (x 1 2)) x)", "test.lisp:1:11: 2 is not a valid supplied-p variable name in ordinary lambda list (&OPTIONAL (X 1 2))"),
    ("#'(lambda x x)", "test.lisp:1:3: X is not a lambda list; expected a list of parameters"),
    ("(setq 1 2)", "test.lisp:1:1: SETQ: 1 is not a symbol; expected a variable name"),
    ("(setq a 1 b)", "test.lisp:1:1: odd number of arguments to SETQ in (SETQ A 1 B); expected (SETQ {VAR FORM}*)"),
    ("(setq t 1)", "test.lisp:1:1: SETQ: T names a constant and cannot be assigned"),
    ("(quote)", "test.lisp:1:1: malformed QUOTE form (QUOTE); expected (QUOTE OBJECT)"),
    ("(quote 1 2)", "test.lisp:1:1: malformed QUOTE form (QUOTE 1 2); expected (QUOTE OBJECT)"),
    ("(function 3)", "test.lisp:1:1: FUNCTION: 3 is not a function name or lambda expression"),
    ("(function if)", "test.lisp:1:1: FUNCTION: IF names a special operator, not a function"),
    ("(macrolet ((m () 1)) #'m)", "test.lisp:1:22: FUNCTION: M names a local macro, not a function"),
    ("(if)", "test.lisp:1:1: malformed IF form (IF); expected (IF TEST THEN [ELSE])"),
    ("(if 1 2 3 4)", "test.lisp:1:1: malformed IF form (IF 1 2 3 4); expected (IF TEST THEN [ELSE])"),
    ("(let ((t 1)) 2)", "test.lisp:1:1: LET: T names a constant and cannot be bound"),
    ("(let ((:k 1)) 2)", "test.lisp:1:1: LET: :K names a constant and cannot be bound"),
    ("(let ((x 1) (x 2)) x)", "test.lisp:1:1: LET: the variable X is bound more than once"),
    ("(let x 1)", "test.lisp:1:1: LET binding list X is not a proper list"),
    ("(tagbody a (f) a)", "test.lisp:1:1: TAGBODY: the tag A appears more than once"),
    ('(tagbody "x")', 'test.lisp:1:1: TAGBODY: "x" is neither a tag (symbol or integer) nor a statement'),
    ("(go 1.5)", "test.lisp:1:1: GO: 1.5 is not a valid tag; expected a symbol or integer"),
    ("(flet ((f)) 1)", "test.lisp:1:8: malformed FLET definition (F); expected (NAME LAMBDA-LIST . BODY)"),
    ("(labels ((f (x) x)\n         (f (y) y)) 1)", "test.lisp:2:10: LABELS: F is defined more than once"),
    ("(flet ((3 () 1)) 1)", "test.lisp:1:8: FLET: 3 is not a valid function name"),
    ("(symbol-macrolet ((t 1)) 1)", "test.lisp:1:19: SYMBOL-MACROLET: T names a constant or special variable"),
    ("(progn (declare (special x)) x)", "test.lisp:1:8: misplaced declaration (DECLARE (SPECIAL X)): declarations are only allowed at the start of a body"),
    ("(locally (declare (special 3)) 1)", "test.lisp:1:19: malformed declaration (SPECIAL 3): 3 is not a variable name"),
    ("(1 2)", "test.lisp:1:1: illegal function call (1 2): 1 is not a function name or lambda expression"),
    ("(f . 3)", "test.lisp:1:1: function call (F . 3) is not a proper list"),
    ("(eval-when (:bogus) 1)", "test.lisp:1:1: EVAL-WHEN: unknown situation :BOGUS; expected :COMPILE-TOPLEVEL, :LOAD-TOPLEVEL or :EXECUTE"),
    ("(load-time-value 1 2)", "test.lisp:1:1: LOAD-TIME-VALUE: READ-ONLY-P must be T or NIL, not 2"),
    ("(clysm::%car 1 2)", "test.lisp:1:1: CLYSM::%CAR takes 1 argument, got 2: (CLYSM::%CAR 1 2)"),
    ("(funcall)", "test.lisp:1:1: FUNCALL requires at least 1 argument, got 0: (FUNCALL)"),
    ("(apply #'car)", "test.lisp:1:1: APPLY requires at least 2 arguments, got 1: (APPLY #'CAR)"),
    ("(return-from 3)", "test.lisp:1:1: RETURN-FROM: the block name 3 is not a symbol"),
    ("(block (x))", "test.lisp:1:1: BLOCK: the block name (X) is not a symbol"),
    ("(throw 'a)", "test.lisp:1:1: malformed THROW form (THROW 'A); expected (THROW TAG RESULT-FORM)"),
    ("(progv '(a))", "test.lisp:1:1: malformed PROGV form (PROGV '(A)); expected (PROGV SYMBOLS VALUES FORM*)"),
    ("(the fixnum)", "test.lisp:1:1: malformed THE form (THE FIXNUM); expected (THE TYPE FORM)"),
    ("(multiple-value-prog1)", "test.lisp:1:1: malformed MULTIPLE-VALUE-PROG1 form (MULTIPLE-VALUE-PROG1); expected (MULTIPLE-VALUE-PROG1 FIRST-FORM FORM*)"),
    ("(clysm::%destructuring-bind (a &rest) '(1) a)", "test.lisp:1:29: &REST must be followed by a variable in destructuring lambda list (A &REST)"),
    ("(macrolet ((m (&environment) 1)) 1)", "test.lisp:1:15: &ENVIRONMENT must be followed by a variable in macro lambda list (&ENVIRONMENT)"),
    ("(clysm::%destructuring-bind (&environment e) 1 e)", "test.lisp:1:29: &ENVIRONMENT is not allowed here in destructuring lambda list (&ENVIRONMENT E)"),
    ("(clysm::%destructuring-bind (a &whole w) 1 a)", "test.lisp:1:29: &WHOLE must come first in destructuring lambda list (A &WHOLE W)"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "message"), CASES)
def test_malformed_form(source: str, message: str) -> None:
    assert convert_error(source) == message


MACRO_CASES = [
    ("(progn\n   (two 1))", "u.lisp:2:4: error while expanding macro TWO: too few elements in (1) to match lambda list (A B)"),
    ("(two 1 2 3)", "u.lisp:1:1: error while expanding macro TWO: too many elements in (1 2 3) to match lambda list (A B)"),
    ("(let ((x 1))\n  (bad (1 2)))", "u.lisp:2:3: error while expanding macro BAD: bad thing: (1 2)"),
    ("(kw :b 1)", "u.lisp:1:1: error while expanding macro KW: unknown keyword in (:B 1) to match lambda list (&KEY A)"),
    ("(kw :a)", "u.lisp:1:1: error while expanding macro KW: odd-length or dotted keyword list in (:A) to match lambda list (&KEY A)"),
    ("(dotimes (i) 1)", "u.lisp:1:1: error while expanding macro DOTIMES: too few elements in (I) to match lambda list (CLYSM::VAR CLYSM::COUNT-FORM &OPTIONAL CLYSM::RESULT)"),
    ("(list 1\n  (car (undefined-fn)))", "u.lisp:2:8: error while loading: The function UNDEFINED-FN is undefined"),
    ("(throw\n 'nope 1)", "u.lisp:1:1: error while loading: attempt to THROW to a tag that does not exist: NOPE"),
    ("(+ 1 unbound-var)", "u.lisp:1:1: error while loading: The variable UNBOUND-VAR is unbound"),
    ("(car 1)", "u.lisp:1:1: error while loading: The value 1 is not of type LIST"),
    ("(funcall #'(lambda (x) x))", "u.lisp:1:1: error while loading: invalid number of arguments to an anonymous function: got 0, expected 1"),
    ("(defun f2 (&key a) a) (f2 :b 1)", "u.lisp:1:23: error while loading: unknown &KEY argument :B to F2"),
]  # fmt: skip


@pytest.mark.in_prelude_child  # a forked copy of a pristine image (conftest.py)
@pytest.mark.parametrize(("source", "message"), MACRO_CASES)
def test_error_while_expanding_or_evaluating(source: str, message: str) -> None:
    image = prelude_image()
    load_source(
        "(defmacro two (a b) (list 'list a b))"
        '(defmacro bad (x) (error "bad thing: ~S" x))'
        "(defmacro kw (&key a) a)",
        image,
    )
    with pytest.raises(CompileError) as info:
        load_source(source, image, "u.lisp")
    assert str(info.value) == message
