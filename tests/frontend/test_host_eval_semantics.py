"""Host evaluator behaviour SBCL cannot be compared on: errors, exits from
dead extents, the kernel and the image."""

from __future__ import annotations

import pytest
from frontend_helpers import read
from frontend_prelude import prelude_image

from clysm.frontend.host_env import HostEnv
from clysm.frontend.host_intrinsics import HOST_IMAGE_INTRINSICS, HOST_INTRINSICS
from clysm.frontend.host_runtime import LispError, MultipleValues
from clysm.frontend.intrinsics import INTRINSICS
from clysm.lisp.data import NIL, Char, Cons, LispString, Symbol, T
from clysm.lisp.packages import keyword
from clysm.lisp.printer import prin1_to_string

# Each test runs in a forked copy of a pristine prelude image (conftest.py).
pytestmark = pytest.mark.in_prelude_child


def run(text: str, image: HostEnv | None = None) -> object:
    image = image or prelude_image()
    return image.eval(read(text))


def printed(text: str, image: HostEnv | None = None) -> str:
    return prin1_to_string(run(text, image))


def lisp_error(text: str, image: HostEnv | None = None) -> LispError:
    with pytest.raises(LispError) as info:
        run(text, image)
    return info.value


def test_go_to_an_exited_tagbody_is_an_error() -> None:
    e = lisp_error("(let ((k nil)) (tagbody a (setq k #'(lambda () (go a)))) (funcall k))")
    assert e.condition_type == "CONTROL-ERROR" and "GO" in e.message


def test_return_from_an_exited_block_is_an_error() -> None:
    e = lisp_error("(funcall (block b #'(lambda () (return-from b 1))))")
    assert e.condition_type == "CONTROL-ERROR" and "RETURN-FROM" in e.message


def test_runaway_recursion_is_a_lisp_error() -> None:
    image = prelude_image()
    run("(defun forever (n) (+ 1 (forever n)))", image)
    e = lisp_error("(forever 1)", image)
    assert e.condition_type == "STORAGE-CONDITION"


def test_special_bindings_are_restored_when_an_error_unwinds() -> None:
    image = prelude_image()
    run("(defvar *s* 'outer)", image)
    lisp_error("(let ((*s* 'inner)) (progv '(*s*) '(deeper) (error \"x\")))", image)
    assert printed("*s*", image) == "OUTER"
    lisp_error("(funcall #'(lambda (*s*) (car *s*)) 5)", image)
    assert printed("*s*", image) == "OUTER"


def test_progv_without_a_value_makes_the_symbol_unbound() -> None:
    e = lisp_error("(progv '(fresh-var) '() fresh-var)")
    assert e.condition_type == "UNBOUND-VARIABLE"


def test_catch_tag_stack_is_unwound_by_errors() -> None:
    image = prelude_image()
    lisp_error('(catch \'a (error "x"))', image)
    assert image.catchers == []
    assert printed("(catch 'a (throw 'a 1))", image) == "1"


# Each case in a fresh image: one case per test, as each test gets one image cheaply.
@pytest.mark.parametrize(
    ("text", "condition_type", "in_message"),
    [
        ("(funcall #'(lambda (a b) a) 1)", "PROGRAM-ERROR", ""),
        ("(funcall #'(lambda (a &rest r) a))", None, "at least 1"),
        ("(funcall #'(lambda (a &optional b) a) 1 2 3)", None, "1 to 2"),
        ("(funcall #'(lambda (&key a) a) :a)", None, "odd number"),
        ("(car)", None, "CAR"),
    ],
)
def test_argument_count_and_keyword_errors(
    text: str, condition_type: str | None, in_message: str
) -> None:
    e = lisp_error(text)
    assert condition_type is None or e.condition_type == condition_type
    assert in_message in e.message


def test_multiple_values_reach_the_caller() -> None:
    result = run("(values 1 2)")
    assert isinstance(result, MultipleValues) and result.values == [1, 2]


def test_no_values_reach_the_caller() -> None:
    assert isinstance(run("(values)"), MultipleValues)


def test_one_value_is_the_value_itself() -> None:
    assert run("(values 3)") == 3


def test_eq_treats_fixnums_and_characters_by_value() -> None:
    assert printed("(list (eq 123456 123456) (eq #\\a #\\a) (eq (expt-ish) (expt-ish)))",
                   _with_bignum()) == "(T T NIL)"  # fmt: skip


def test_eql_and_equal_on_numbers_and_lists() -> None:
    assert printed('(list (eql 1.5 1.5) (eql 0.0 -0.0) (equal (list 1 "a") (list 1 "a")))') == (
        "(T NIL T)"
    )


def _with_bignum() -> HostEnv:
    image = prelude_image()
    run("(defun expt-ish () (* 4611686018427387904 4))", image)
    return image


def test_kernel_symbols_and_packages() -> None:
    image = prelude_image()
    g = run('(gensym "X")', image)
    assert isinstance(g, Symbol) and g.package is None and g.name.startswith("X")
    interned = run('(intern "FRESH-FRONTEND-SYM" :keyword)', image)
    assert isinstance(interned, MultipleValues) and interned.values[0] is keyword(
        "FRESH-FRONTEND-SYM"
    )
    found = run('(find-symbol "CAR" "CL")', image)
    assert isinstance(found, MultipleValues) and found.values[1] is keyword("EXTERNAL")
    assert printed("(symbol-name 'abc)", image) == '"ABC"'
    assert (
        printed(
            '(list (keywordp :a) (keywordp \'a) (eq (symbol-package :a) (find-package "KEYWORD")))',
            image,
        )
        == "(T NIL T)"
    )


def test_kernel_plists_and_definitions() -> None:
    image = prelude_image()
    assert printed("(progn (setf (get 'p 'color) 'red) (list (get 'p 'color) (get 'p 'size 0)))",
                   image) == "(RED 0)"  # fmt: skip
    run("(clysm::%defun 'sq #'(lambda (x) (* x x)))", image)
    assert printed("(list (sq 3) (funcall (fdefinition 'sq) 4) (fboundp 'sq) (fboundp 'nope))",
                   image) == "(9 16 T NIL)"  # fmt: skip
    assert run("(special-operator-p 'if)", image) is T
    assert run("(special-operator-p 'car)", image) is NIL
    assert printed("(list (constantp 1) (constantp 'x) (constantp ''x) (constantp :k))",
                   image) == "(T NIL T T)"  # fmt: skip
    assert run("(macro-function 'when)", image) is not NIL
    assert run("(macro-function 'car)", image) is NIL


def test_macroexpand_with_and_without_environment() -> None:
    image = prelude_image()
    assert printed("(multiple-value-list (macroexpand-1 '(when a b)))", image) == (
        "((IF A (PROGN B) NIL) T)"
    )
    expanded = run("(macroexpand '(car x))", image)
    assert isinstance(expanded, MultipleValues) and expanded.values[1] is NIL


def test_images_are_independent() -> None:
    first, second = prelude_image(), prelude_image()
    run("(clysm::%defun 'only-here #'(lambda () 1))", first)
    run("(set 'only-here-too 1)", first)
    assert printed("(only-here)", first) == "1"
    assert lisp_error("(only-here)", second).condition_type == "UNDEFINED-FUNCTION"
    assert lisp_error("only-here-too", second).condition_type == "UNBOUND-VARIABLE"


def test_every_intrinsic_has_a_host_version_that_works() -> None:
    assert set(HOST_INTRINSICS) | set(HOST_IMAGE_INTRINSICS) == set(INTRINSICS)
    cell = Cons(1, 2)
    f = HOST_INTRINSICS
    assert f["%car"](cell) == 1 and f["%cdr"](cell) == 2
    assert f["%rplaca"](cell, 3) is cell and cell.car == 3
    assert f["%rplacd"](cell, 4) is cell and cell.cdr == 4
    assert f["%eq"](5, 5) is T and f["%eq"](cell, Cons(3, 4)) is NIL
    assert f["%consp"](cell) is T and f["%consp"](NIL) is NIL
    assert f["%symbolp"](NIL) is T and f["%fixnump"](2**40) is NIL
    assert f["%characterp"](Char.of("a")) is T and f["%stringp"](LispString("s")) is T
    assert f["%functionp"](f["%car"]) is T
    assert f["%fx+"](2**30 - 1, 1) == 2**30  # promotes: never wraps
    assert f["%fx-"](5, 7) == -2 and f["%fx*"](6, 7) == 42
    assert f["%fx<"](1, 2) is T and f["%fx<="](2, 2) is T and f["%fx>"](1, 2) is NIL
    assert f["%fx>="](1, 2) is NIL and f["%fx="](3, 3) is T
    assert f["%char-code"](f["%code-char"](955)) == 955
    assert f["%symbol-name"](T) == LispString("T")
    assert f["%car"](NIL) is NIL and f["%cdr"](NIL) is NIL
    with pytest.raises(LispError):
        f["%car"](5)


def test_intrinsics_run_inside_programs() -> None:
    assert printed("(clysm::%cons (clysm::%fx+ 1 2) (clysm::%car '(a)))") == "(3 . A)"


def test_string_vector_and_division_intrinsics() -> None:
    src = """
    (let ((s (clysm::%make-string 3 #\\a)) (v (clysm::%make-vector 2 'x)))
      (clysm::%set-schar s 1 #\\b)
      (clysm::%svset v 0 'y)
      (list s (clysm::%string-length s) (clysm::%schar s 2) (clysm::%simple-vector-p v)
            (clysm::%vector-length v) (clysm::%svref v 0) (clysm::%svref v 1)
            (clysm::%fx-truncate -7 2) (clysm::%fx-rem -7 2) (clysm::%fx-logand 12 10)
            (clysm::%fx-logior 12 10) (clysm::%fx-logxor 12 10)
            (multiple-value-list (clysm::%values-list '(1 2 3)))))
    """
    assert printed(src) == '("aba" 3 #\\a T 2 Y X -3 -1 8 14 6 (1 2 3))'


def test_symbol_cell_intrinsics() -> None:
    src = """
    (progn
      (clysm::%set 'cell-test-var 5)
      (clysm::%set-symbol-plist 'cell-test-var '(a 1))
      (list (clysm::%boundp 'cell-test-var) (clysm::%symbol-value 'cell-test-var)
            (clysm::%symbol-plist 'cell-test-var)
            (progn (clysm::%makunbound 'cell-test-var) (clysm::%boundp 'cell-test-var))
            (clysm::%symbol-function 'no-such-function-here)
            (clysm::%symbol-package 'car) (clysm::%symbol-package :k)
            (eq (clysm::%intern "CAR" "COMMON-LISP") 'car)
            (clysm::%symbol-package (clysm::%make-symbol "X"))))
    """
    expected = '(T 5 (A 1) NIL NIL #<PACKAGE "COMMON-LISP"> #<PACKAGE "KEYWORD"> T NIL)'
    assert printed(src) == expected


def test_error_with_a_condition_type() -> None:
    e = lisp_error('(error \'simple-error :format-control "~A and ~S" :format-arguments \'(x "y"))')
    assert e.condition_type == "SIMPLE-ERROR" and e.message == 'X and "y"'


def test_error_names_its_condition_type() -> None:
    assert lisp_error("(error 'my-condition)").condition_type == "MY-CONDITION"


def test_instance_and_hash_intrinsics() -> None:
    src = """
    (let ((i (clysm::%make-instance 'point 2)) (c (cons 1 2)))
      (clysm::%instance-set i 1 'y)
      (list (clysm::%instancep i) (clysm::%instance-layout i) (clysm::%instance-length i)
            (clysm::%instance-ref i 0) (clysm::%instance-ref i 1)
            (progn (clysm::%set-instance-layout i 'other) (clysm::%instance-layout i))
            (= (clysm::%object-hash c) (clysm::%object-hash c)) (clysm::%object-hash 42)
            (= (clysm::%string-hash "ab") (clysm::%string-hash "ab"))
            (let ((donor (clysm::%make-instance 'wide 3)))
              (clysm::%instance-set donor 2 'z)
              (clysm::%instance-take-slots i donor)
              (list (clysm::%instance-length i) (clysm::%instance-ref i 2)))))
    """
    assert printed(src) == "(T POINT 2 NIL Y OTHER T 42 T (3 Z))"


def test_number_intrinsics() -> None:
    src = """
    (let ((b (clysm::%make-bignum 3 t)))
      (clysm::%set-bignum-digit b 0 1)
      (clysm::%set-bignum-digit b 2 5)
      (setq b (clysm::%bignum-finish b))
      (list b (clysm::%bignump b) (clysm::%bignum-negative-p b) (clysm::%bignum-length b)
            (clysm::%bignum-digit b 2) (clysm::%bignum-digit 123456789012345678901234567890 0)
            (clysm::%ratio-denominator 2/3) (clysm::%complex-imag #c(1 2))
            (clysm::%double-to-fixnum (clysm::%double-round 2.5d0))
            (clysm::%double-sqrt -1d0)
            (clysm::%double/ 1d0 0d0)
            (clysm::%double-mantissa-high 1.5d0)
            (clysm::%make-double 0 1025 0 0)
            (clysm::%double-to-single 0.1d0)))
    """
    assert printed(src) == (
        "(-5764607523034234881 T T 3 5 239012562 3 2 2 #<DOUBLE-FLOAT quiet NaN> "
        "#.SB-EXT:DOUBLE-FLOAT-POSITIVE-INFINITY 2097152 4.0d0 0.1)"
    )


def test_indirect_function_intrinsics() -> None:
    src = """
    (let ((f (clysm::%make-indirect-function #'+ 'my-f)))
      (list (funcall f 3 4) (clysm::%indirect-function-p f) (clysm::%indirect-function-p #'+)
            (progn (clysm::%set-indirect-target f #'*) (funcall f 3 4))
            (progn (clysm::%set-function-info f '(tier 1)) (clysm::%function-info f))
            (eq (clysm::%indirect-target f) #'*)))
    """
    assert printed(src) == "(7 T NIL 12 (TIER 1) T)"
