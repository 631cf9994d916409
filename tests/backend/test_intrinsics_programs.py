"""The intrinsics the runtime library is written with, run as compiled code
on both engines (their host versions are tested in tests/frontend)."""

from __future__ import annotations

import pytest

from clysm.driver.compile import Toolchain
from clysm.driver.run import run_program

ENGINES = ("node", "wasmtime")

PROGRAMS = {
    "instances": (
        """
        (let ((i (clysm::%make-instance 'point 2)))
          (clysm::%instance-set i 0 10)
          (clysm::%instance-set i 1 'y)
          (print (list (clysm::%instancep i) (clysm::%instancep 5) (clysm::%instance-layout i)
                       (clysm::%instance-length i) (clysm::%instance-ref i 0)
                       (clysm::%instance-ref i 1)))
          (clysm::%set-instance-layout i 'other)
          (print (clysm::%instance-layout i))
          (let ((donor (clysm::%make-instance 'wide 3)))
            (clysm::%instance-set donor 2 'z)
            (print (list (eq (clysm::%instance-take-slots i donor) i) (clysm::%instance-length i)
                         (clysm::%instance-ref i 2) (clysm::%instance-layout i)))))
        """,
        "\n(T NIL POINT 2 10 Y) \nOTHER \n(T 3 Z OTHER) ",
    ),
    "hashes": (
        """
        (let* ((c (cons 1 2)) (h (clysm::%object-hash c)))
          (print (list (= h (clysm::%object-hash c)) (/= h (clysm::%object-hash (cons 1 2)))
                       (clysm::%object-hash 42) (clysm::%object-hash #\\a)
                       (= (clysm::%string-hash "abc")
                          (clysm::%string-hash (coerce '(#\\a #\\b #\\c) 'string)))
                       (/= (clysm::%string-hash "abc") (clysm::%string-hash "abd")))))
        """,
        "\n(T T 42 97 T T) ",
    ),
    "strings-vectors-symbols": (
        """
        (let ((s (clysm::%make-string 3 #\\a)) (v (clysm::%make-vector 2 'x)))
          (clysm::%set-schar s 1 #\\b)
          (clysm::%svset v 0 'y)
          (let ((*print-pretty* nil))  ; one line, however long
           (print (list s (clysm::%string-length s) (clysm::%schar s 2) (clysm::%vector-length v)
                       (clysm::%svref v 0) (clysm::%svref v 1) (clysm::%fx-truncate -7 2)
                       (clysm::%fx-rem -7 2) (clysm::%fx-logand 12 10) (clysm::%fx-logxor 12 10)
                       (clysm::%symbol-package 'car) (clysm::%symbol-package :k)
                       (eq (clysm::%intern "CAR" "COMMON-LISP") 'car)
                       (clysm::%string= s "aba") (clysm::%string= s "ab")
                       (multiple-value-list (clysm::%values-list '(1 2 3)))))))
        """,
        '\n("aba" 3 #\\a 2 Y X -3 -1 8 6 #<PACKAGE "COMMON-LISP"> #<PACKAGE "KEYWORD"> T T NIL'
        " (1 2 3)) ",
    ),
    "numbers": (
        """(let ((b (clysm::%make-bignum 3 t)))
  (clysm::%set-bignum-digit b 0 1)
  (clysm::%set-bignum-digit b 2 5)
  (setq b (clysm::%bignum-finish b))
  (print (list (clysm::%bignump b) (clysm::%bignum-negative-p b) (clysm::%bignum-length b)
               (clysm::%bignum-digit b 0) (clysm::%bignum-digit b 1) (clysm::%bignum-digit b 2))))
(let ((lit 123456789012345678901234567890))
  (print (list (clysm::%bignump lit) (clysm::%bignum-length lit) (clysm::%bignum-digit lit 0)
               (clysm::%bignum-negative-p -123456789012345678901234567890))))
(let ((r 2/3) (c #c(1 2)))
  (print (list (clysm::%ratiop r) (clysm::%ratio-numerator r) (clysm::%ratio-denominator r)
               (clysm::%complexp c) (clysm::%complex-real c) (clysm::%complex-imag c)
               (clysm::%ratio-denominator (clysm::%make-ratio 1 7)))))
(let* ((a (clysm::%fixnum-to-double 7)) (b 2.5d0) (s 1.5))
  (print (list (clysm::%double-float-p a) (clysm::%single-float-p s) (clysm::%single-float-p a)
               (clysm::%double-to-fixnum (clysm::%double* a b))
               (clysm::%double-to-fixnum (clysm::%double-floor (clysm::%double/ a b)))
               (clysm::%double-to-fixnum (clysm::%double-round b))
               (clysm::%double-to-fixnum (clysm::%double-round 3.5d0))
               (clysm::%double-to-fixnum (clysm::%double-ceiling b))
               (clysm::%double-to-fixnum (clysm::%double-truncate -2.5d0))
               (clysm::%double-to-fixnum (clysm::%double-sqrt 49d0))
               (clysm::%double< a b) (clysm::%double<= b b) (clysm::%double= a a)
               (clysm::%double-to-fixnum (clysm::%double+ (clysm::%single-to-double s) b))
               (clysm::%double-sign-bit -1d0) (clysm::%double-exponent-bits 1d0)
               (clysm::%double-mantissa-high 1.5d0) (clysm::%double-mantissa-low 1.5d0)
               (clysm::%double-to-fixnum (clysm::%make-double 0 1025 0 0))
               (clysm::%single-float-p (clysm::%double-to-single b)))))
""",
        "\n(T T 3 1 0 5) \n(T 4 239012562 T) \n(T 2 3 T 1 2 7) "
        "\n(T T NIL 17 2 2 4 3 -2 7 NIL T T 4 1 1023 2097152 0 4 T) ",
    ),
    "indirect-functions": (
        """(defun add2 (a b) (+ a b))
(defun mul2 (a b) (* a b))
(let ((f (clysm::%make-indirect-function #'add2 'my-f)))
  (print (list (funcall f 3 4) (apply f '(5 6)) (clysm::%indirect-function-p f)
               (clysm::%indirect-function-p #'add2) (eq (clysm::%indirect-target f) #'add2)
               (functionp f)))
  (clysm::%set-indirect-target f #'mul2)
  (print (list (funcall f 3 4) (apply f '(5 6)) (mapcar f '(1 2) '(3 4))))
  (clysm::%set-function-info f '(tier 1))
  (print (clysm::%function-info f))
  (clysm::%set-indirect-target f (lambda (&rest xs) (length xs)))
  (print (list (funcall f) (funcall f 1 2 3 4 5 6 7) (funcall f 1))))
""",
        "\n(7 11 T NIL T T) \n(12 30 (3 8)) \n(TIER 1) \n(0 7 1) ",
    ),
    "most-negative-fixnum-divided-by-minus-one-is-a-bignum": (
        "(print (clysm::%fx-truncate -1073741824 -1))",
        "\n1073741824 ",
    ),
}


@pytest.fixture(scope="module")
def toolchain() -> Toolchain:
    return Toolchain.load()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_intrinsics_in_compiled_code(toolchain: Toolchain, name: str, engine: str) -> None:
    text, expected = PROGRAMS[name]
    program = toolchain.compile_program(text, f"{name}.lisp")
    r = run_program(program, toolchain.runtime_path, engine=engine, capture=True, timeout=600)
    assert r.stdout_text == expected
    assert r.exit_code == 0, r.stderr_text


@pytest.mark.parametrize("engine", ENGINES)
def test_read_bytes_from_standard_input(toolchain: Toolchain, engine: str) -> None:
    text = """
    (let ((chunk (clysm::%read-bytes 0)))
      (print (list (length chunk) (map 'list #'char-code chunk) (clysm::%read-bytes 0))))
    """
    program = toolchain.compile_program(text, "read.lisp")
    r = run_program(
        program, toolchain.runtime_path, engine=engine, stdin=b"hi\xc3\xa9\n", capture=True
    )
    assert (r.exit_code, r.stdout_text) == (0, "\n(5 (104 105 195 169 10) NIL) ")
