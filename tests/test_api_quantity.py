"""Resource quantities: what Kubernetes accepts, the exact values it reads, the canonical text it writes back,
and exact arithmetic."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from minikube_py.api.quantity import (
    BINARY_SI,
    DECIMAL_EXPONENT,
    DECIMAL_SI,
    FORMAT_WRONG,
    NUMERIC,
    SUFFIX,
    Quantity,
    QuantityError,
    parse_json_quantity,
    parse_quantity,
)

KI, MI, GI = 1 << 10, 1 << 20, 1 << 30


@pytest.mark.parametrize(("text", "value", "format"), [
    ("0", 0, DECIMAL_SI),
    ("1Ki", KI, BINARY_SI),
    ("7Mi", 7 * MI, BINARY_SI),
    ("3Ei", 3 << 60, BINARY_SI),
    ("5n", Fraction(5, 10**9), DECIMAL_SI),
    ("4u", Fraction(4, 10**6), DECIMAL_SI),
    ("3m", Fraction(3, 1000), DECIMAL_SI),
    ("50k", 50_000, DECIMAL_SI),
    ("1E", 10**18, DECIMAL_SI),
    ("1E-3", Fraction(1, 1000), DECIMAL_EXPONENT),
    ("1.3E+6", 1_300_000, DECIMAL_EXPONENT),
    ("100.035k", 100_035, DECIMAL_SI),
    ("0.0005k", Fraction(1, 2), DECIMAL_SI),
    ("0.5e-2", Fraction(5, 1000), DECIMAL_EXPONENT),
    ("6.987654321G", 6_987_654_321, DECIMAL_SI),
    ("3.001n", Fraction(4, 10**9), DECIMAL_SI),                # rounds up to whole nanos
    ("1.1E-9", Fraction(2, 10**9), DECIMAL_EXPONENT),
    ("0.00000012354", Fraction(124, 10**9), DECIMAL_SI),
    ("9Ei", (1 << 63) - 1, BINARY_SI),                         # binary values stop at the largest int64
    ("100.035Ki", Fraction(10243584, 100), BINARY_SI),
    ("0.05Gi", Fraction(536870912, 10), BINARY_SI),
    ("0.000000000001Ki", Fraction(2, 10**9), DECIMAL_SI),      # below one: the format becomes decimal
    (".001", Fraction(1, 1000), DECIMAL_SI),
    ("1.", 1, DECIMAL_SI),
    ("1.G", 10**9, DECIMAL_SI),
    ("m", 0, DECIMAL_SI),
])
def test_parse_values_and_formats(text: str, value: Fraction | int, format: str) -> None:
    for sign, prefix in ((1, ""), (-1, "-"), (1, "+")):
        quantity = parse_quantity(prefix + text)
        assert Fraction(quantity.amount) == sign * Fraction(value)
        assert quantity.format == format


@pytest.mark.parametrize(("text", "message"), [
    ("", FORMAT_WRONG), ("1.1.M", FORMAT_WRONG), ("1+1.0M", FORMAT_WRONG), ("0.1am", FORMAT_WRONG),
    ("aoeu", FORMAT_WRONG), (" 1", FORMAT_WRONG), ("1 ", FORMAT_WRONG),
    ("0.1mi", SUFFIX), (".5i", SUFFIX), ("-3.01e-", SUFFIX), ("1ki", SUFFIX),
    (".e-20", NUMERIC),
])
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as caught:
        parse_quantity(text)
    assert str(caught.value) == message
    assert message == FORMAT_WRONG or "quantit" in message


@pytest.mark.parametrize(("text", "canonical"), [
    ("1.5Gi", "1536Mi"), ("0.5", "500m"), ("1000m", "1"), ("2e3", "2e3"), ("1.5e3", "1500"), ("1024Mi", "1Gi"),
    ("1000M", "1G"), (".001Ki", "1024m"), (".000001Ki", "1024u"), (".000000000001Ki", "2n"), ("1080m", "1080m"),
    ("1.08", "1080m"), ("0.001T", "1G"), ("300Mi", "300Mi"), ("307200Ki", "300Mi"), ("1025Ki", "1025Ki"),
    ("0.5Ki", "512"), ("1.5Ki", "1536"), ("1000000000n", "1"), ("0.001e12", "1e9"), ("0e3", "0"), ("-0", "0"),
    ("100m", "100m"), ("+100m", "+100m"), ("01Ki", "01Ki"), ("1000E", "1"),
])
def test_canonical_text(text: str, canonical: str) -> None:
    assert str(parse_quantity(text)) == canonical


def test_values_round_up() -> None:
    assert parse_quantity("1500m").value() == 2
    assert parse_quantity("1n").milli_value() == 1
    assert parse_quantity("1.5Gi").value() == 1536 * MI
    assert parse_quantity("250m").milli_value() == 250
    assert parse_quantity("-1.5").value() == -2
    assert parse_quantity("5").scaled_value(-9) == 5 * 10**9


def test_arithmetic_keeps_the_first_nonzero_format() -> None:
    zero = parse_quantity("0")
    for text in ("100m", "1Gi"):
        value = parse_quantity(text)
        assert str(value + zero) == str(zero + value) == str(value - zero) == text
        assert str(zero - value) == str(-value)
    assert str(parse_quantity("1Gi") + parse_quantity("512Mi")) == "1536Mi"
    assert str(parse_quantity("10") - parse_quantity("1Ki")) == "-1014"
    assert str(parse_quantity("250m") * 4) == "1"
    assert str(Quantity.from_milli(1024, BINARY_SI)) == "1024m"
    assert str(Quantity(1024, BINARY_SI)) == "1Ki" and str(Quantity(1000)) == "1k"


def test_comparisons() -> None:
    assert parse_quantity("1Gi") > parse_quantity("1G") > parse_quantity("999999999")
    assert parse_quantity("1000m") == parse_quantity("1") == parse_quantity("1e0")
    assert parse_quantity("1").cmp(parse_quantity("2")) == -1
    assert sorted([parse_quantity("1Ki"), parse_quantity("1k"), parse_quantity("1")]) == [
        parse_quantity("1"), parse_quantity("1k"), parse_quantity("1Ki")]


def test_json_forms() -> None:
    assert str(parse_json_quantity(" 1 ")) == "1"
    assert str(parse_json_quantity(2)) == "2"
    assert str(parse_json_quantity(0.5)) == "500m"
    with pytest.raises(QuantityError):
        parse_json_quantity(True)


# ---- properties ----

DECIMAL_SUFFIXES = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15}
BINARY_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40}


@st.composite
def quantity_texts(draw: st.DrawFn) -> tuple[str, Fraction]:
    """A quantity text below 10^18 and the exact value Kubernetes reads from it (nano-rounded away from zero)."""
    sign = draw(st.sampled_from(["", "-", "+"]))
    whole = draw(st.integers(0, 99_999))
    fraction = draw(st.sampled_from(["", ".", ".5", ".25", ".001", ".0000000001", ".123456789123"]))
    kind = draw(st.sampled_from(["decimal", "binary", "exponent"]))
    if kind == "decimal":
        suffix = draw(st.sampled_from(sorted(DECIMAL_SUFFIXES)))
        scale = Fraction(10) ** DECIMAL_SUFFIXES[suffix]
    elif kind == "binary":
        suffix = draw(st.sampled_from(sorted(BINARY_SUFFIXES)))
        scale = Fraction(2) ** BINARY_SUFFIXES[suffix]
    else:
        exponent = draw(st.integers(-12, 12))
        suffix = draw(st.sampled_from(["e", "E"])) + draw(st.sampled_from(["", "+"] if exponent >= 0 else [""])) + \
            str(exponent)
        scale = Fraction(10) ** exponent
    digits = fraction[1:]
    exact = (whole + (Fraction(int(digits), 10 ** len(digits)) if digits else 0)) * scale
    nanos = exact * 10**9
    rounded = Fraction(-(-nanos.numerator // nanos.denominator), 10**9)
    value = -rounded if sign == "-" else rounded
    return f"{sign}{whole}{fraction}{suffix}", value


@settings(max_examples=400, deadline=None)
@given(quantity_texts())
def test_parsed_values_are_exact_and_canonical_text_reparses_to_them(case: tuple[str, Fraction]) -> None:
    text, value = case
    quantity = parse_quantity(text)
    assert Fraction(quantity.amount) == value
    canonical = str(quantity)
    again = parse_quantity(canonical)
    assert again == quantity
    if quantity.format != BINARY_SI:
        assert str(again) == canonical
    else:   # a binary value that is no whole number of Ki prints bare and reads back as decimal (39872000 -> 39872k)
        assert str(parse_quantity(str(again))) == str(again)


@settings(max_examples=400, deadline=None)
@given(st.lists(quantity_texts(), min_size=1, max_size=5))
def test_arithmetic_matches_fractions(cases: list[tuple[str, Fraction]]) -> None:
    quantities = [parse_quantity(text) for text, _ in cases]
    total, expected = quantities[0], cases[0][1]
    for quantity, (_, value) in zip(quantities[1:], cases[1:]):
        previous = total
        total, expected = total + quantity, expected + value
        assert total - quantity == previous
    assume(abs(expected) < 2**63)   # a sum past int64 is capped when read back, as Kubernetes caps it
    assert Fraction(total.amount) == expected
    assert Fraction(parse_quantity(str(total)).amount) == expected
    first, second = quantities[0], quantities[-1]
    assert first.cmp(second) == (cases[0][1] > cases[-1][1]) - (cases[0][1] < cases[-1][1])
    assert (first < second) == (cases[0][1] < cases[-1][1])
    away_from_zero = math.ceil(abs(expected) * 1000)
    assert total.milli_value() == (away_from_zero if expected >= 0 else -away_from_zero)
