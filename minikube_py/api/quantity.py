"""Resource quantities as apimachinery has them (`k8s.io/apimachinery/pkg/api/resource.Quantity`): `100m`,
`1.5Gi`, `2e3`, `1Ki`, `0.1`; exact decimal values rounded up to nano units on parse, comparison and
arithmetic without floats, and the canonical text Kubernetes writes back (`1.5Gi` -> `1536Mi`, `0.5` ->
`500m`, `1000m` -> `1`), each quantity keeping its format (binary SI, decimal SI or decimal exponent).

As in Go, a quantity parsed from an already canonical text keeps that text verbatim (`+1`, `01Ki` print as
given), and the canonical form of decimal values beyond `E` (10^18) or binary ones beyond `Ei` lacks its
suffix, as Kubernetes' own does."""

from __future__ import annotations

import decimal
from decimal import ROUND_UP, Decimal
from functools import total_ordering

DECIMAL_EXPONENT, BINARY_SI, DECIMAL_SI = "DecimalExponent", "BinarySI", "DecimalSI"

FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
NUMERIC = "unable to parse numeric part of quantity"
SUFFIX = "unable to parse quantity's suffix"

_MAX_ALLOWED = Decimal((1 << 63) - 1)
_NANO = Decimal("1e-9")
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                         traps=[decimal.InvalidOperation, decimal.Overflow])
_SUFFIX_CHARS = frozenset("eEinumkKMGTP")
_DIGITS = frozenset("0123456789")
_DECIMAL_SUFFIXES = {"": 0, "n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_BINARY_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL_BY_EXPONENT = {exponent: suffix for suffix, exponent in _DECIMAL_SUFFIXES.items()}
_BINARY_BY_EXPONENT = {exponent: suffix for suffix, exponent in _BINARY_SUFFIXES.items()}


class QuantityError(ValueError):
    """A text that is not a quantity; `str(err)` is apimachinery's message."""


@total_ordering
class Quantity:
    """An exact decimal amount with its format. Immutable; `+`, `-`, unary `-` and comparisons are exact."""

    __slots__ = ("_amount", "format", "_text")

    def __init__(self, amount: Decimal | int, format: str = DECIMAL_SI, text: str | None = None) -> None:
        self._amount = Decimal(amount)
        self.format = format
        self._text = text   # the canonical text, when known (Go's cached `s`)

    @classmethod
    def from_milli(cls, value: int, format: str = DECIMAL_SI) -> Quantity:
        """resource.NewMilliQuantity."""
        return cls(Decimal(value).scaleb(-3, _EXACT), format)

    @property
    def amount(self) -> Decimal:
        """The exact value."""
        return self._amount

    def is_zero(self) -> bool:
        return not self._amount

    def sign(self) -> int:
        return (self._amount > 0) - (self._amount < 0)

    def value(self) -> int:
        """Value(): the integer value, a fraction rounded away from zero (`1500m` -> 2)."""
        return self.scaled_value(0)

    def milli_value(self) -> int:
        """MilliValue(): the value in thousandths, rounded away from zero (`1n` -> 1)."""
        return self.scaled_value(-3)

    def scaled_value(self, scale: int) -> int:
        """The value in units of 10^scale, rounded away from zero."""
        if self._amount.adjusted() - scale > 60:
            raise OverflowError(f"quantity {self} does not fit in an int64 at scale {scale}")
        return int(self._amount.scaleb(-scale, _EXACT).to_integral_value(ROUND_UP, _EXACT))

    def as_float(self) -> float:
        """AsApproximateFloat64."""
        return float(self._amount)

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(_EXACT.add(self._amount, other._amount), other.format if self.is_zero() else self.format)

    def __sub__(self, other: Quantity) -> Quantity:
        return Quantity(_EXACT.subtract(self._amount, other._amount),
                        other.format if self.is_zero() else self.format)

    def __neg__(self) -> Quantity:
        return Quantity(self._amount.copy_negate(), self.format)

    def __mul__(self, factor: int) -> Quantity:
        return Quantity(_EXACT.multiply(self._amount, Decimal(factor)), self.format)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quantity) and self._amount == other._amount

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return self._amount < other._amount

    def __hash__(self) -> int:
        return hash(self._amount)

    def cmp(self, other: Quantity) -> int:
        """Cmp: -1, 0 or 1."""
        return (self._amount > other._amount) - (self._amount < other._amount)

    def __str__(self) -> str:
        if self._text is None:
            self._text = _canonical(self._amount, self.format)
        return self._text

    def __repr__(self) -> str:
        return f"Quantity({str(self)!r}, {self.format})"


def _canonical(amount: Decimal, format: str) -> str:
    if not amount:
        return "0"
    if format == BINARY_SI and (amount.copy_abs() < 1024 or amount != amount.to_integral_value(context=_EXACT)):
        format = DECIMAL_SI
    sign, magnitude = ("-" if amount < 0 else ""), amount.copy_abs()
    if format == BINARY_SI:
        mantissa, exponent = int(magnitude), 0
        while mantissa >= 1024 and mantissa % 1024 == 0:
            mantissa //= 1024
            exponent += 10
        return f"{sign}{mantissa}{_BINARY_BY_EXPONENT.get(exponent, '')}"
    _, digits, exponent = magnitude.normalize(_EXACT).as_tuple()
    mantissa = int("".join(map(str, digits)))
    assert isinstance(exponent, int)
    while exponent % 3:
        mantissa *= 10
        exponent -= 1
    if format == DECIMAL_SI:
        suffix = _DECIMAL_BY_EXPONENT.get(exponent, "")
    else:
        suffix = f"e{exponent}" if exponent else ""
    return f"{sign}{mantissa}{suffix}"


def _split(text: str) -> tuple[bool, str, str, str, str]:
    """parseQuantityString: (positive, signed number text, integer digits, fraction digits, suffix)."""
    positive, pos, end = True, 0, len(text)
    if text[:1] in ("-", "+"):
        positive = text[0] == "+"
        pos = 1
    while pos < end and text[pos] == "0":
        pos += 1
    if pos >= end:
        return positive, "0", "0", "", ""
    start = pos
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos >= end:
        return positive, text, text[start:], "", ""
    whole = text[start:pos] or "0"
    fraction = ""
    if text[pos] == ".":
        pos += 1
        start = pos
        while pos < end and text[pos] in _DIGITS:
            pos += 1
        fraction = text[start:pos]
        if pos >= end:
            return positive, text, whole, fraction, ""
    number, suffix_start = text[:pos], pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos < end and text[pos] in "-+":
        pos += 1
    while pos < end and text[pos] in _DIGITS:
        pos += 1
    if pos < end:
        raise QuantityError(FORMAT_WRONG)
    return positive, number, whole, fraction, text[suffix_start:]


def _interpret(suffix: str) -> tuple[int, int, str]:
    """(base, exponent, format) of a suffix."""
    if suffix in _DECIMAL_SUFFIXES:
        return 10, _DECIMAL_SUFFIXES[suffix], DECIMAL_SI
    if suffix in _BINARY_SUFFIXES:
        return 2, _BINARY_SUFFIXES[suffix], BINARY_SI
    if len(suffix) > 1 and suffix[0] in "eE":
        digits = suffix[1:].lstrip("+-")
        if digits.isdigit() and -(1 << 63) <= (exponent := int(suffix[1:])) < (1 << 63):
            return 10, (exponent + (1 << 31)) % (1 << 32) - (1 << 31), DECIMAL_EXPONENT   # Go's int32(...)
    raise QuantityError(SUFFIX)


def _kept_text(whole: str, fraction: str, exponent: int, format: str) -> tuple[bool, bool]:
    """(int64 fast path taken, parsed text kept as canonical): ParseQuantity's fast path conditions."""
    if format == BINARY_SI:
        if exponent < 0 or fraction:
            return False, False
        precision = 15 - len(whole) - int(exponent * 3 / 10) - 1
        return precision >= 0, precision >= 0 and exponent % 10 == 0 and int(whole) & 7 != 0
    if 18 - (len(whole) + len(fraction)) < 0:
        return False, False
    scale = exponent - len(fraction)
    if scale < -9:
        return False, False
    shifted = whole + fraction
    return True, scale % 3 == 0 and not shifted.endswith("000") and shifted[0] != "0"


def parse_quantity(text: str) -> Quantity:
    """resource.ParseQuantity: raises `QuantityError` with apimachinery's message."""
    if not text:
        raise QuantityError(FORMAT_WRONG)
    if text == "0":
        return Quantity(0, DECIMAL_SI, "0")
    positive, number, whole, fraction, suffix = _split(text)
    base, exponent, format = _interpret(suffix)
    fast, kept = _kept_text(whole, fraction, exponent, format)
    if fast:
        amount = Decimal(int(whole + fraction)).scaleb(exponent - len(fraction), _EXACT) if base == 10 else \
            Decimal(int(whole) << exponent)
        return Quantity(amount if positive else amount.copy_negate(), format, text if kept else None)
    try:
        amount = Decimal(number).copy_abs()
    except decimal.InvalidOperation:
        raise QuantityError(NUMERIC) from None
    amount = amount.scaleb(exponent, _EXACT) if base == 10 else _EXACT.multiply(amount, Decimal(1 << exponent))
    if amount and amount.as_tuple().exponent < -9:   # type: ignore[operator]
        amount = amount.quantize(_NANO, ROUND_UP, _EXACT)
    if format == BINARY_SI:
        amount = min(amount, _MAX_ALLOWED)
        if 0 < amount < 1:
            format = DECIMAL_SI
    return Quantity(amount.copy_negate() if number[:1] == "-" else amount, format)


def parse_json_quantity(value: str | int | float) -> Quantity:
    """A quantity as JSON carries it (Quantity.UnmarshalJSON): a string, surrounding blanks ignored, or a number."""
    if isinstance(value, bool):
        raise QuantityError(FORMAT_WRONG)
    if isinstance(value, (int, float)):
        return parse_quantity(repr(value))
    return parse_quantity(value.strip())
