"""Label selectors as apimachinery has them (`k8s.io/apimachinery/pkg/labels`): the `labelSelector` grammar of
kubectl and the REST API (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`,
comma-joined), `metav1.LabelSelector` objects (matchLabels/matchExpressions), matching and the canonical
`String()` form.

A `Selector` is compiled once into per-requirement checks, so that matching is a few dict look-ups per
object. Parse errors are `StatusError` 400 BadRequest with apimachinery's words (`unable to parse
requirement: found '', expected: identifier`). The label key/value format checks live in `names`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from minikube_py.api.errors import StatusError, bad_request
from minikube_py.api.names import is_qualified_name, is_valid_label_value
from minikube_py.flags.pflag import quote

# selection.Operator values, as Go spells them (they appear in error messages).
IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS = "in", "notin", "=", "==", "!="
GREATER_THAN, LESS_THAN, EXISTS, DOES_NOT_EXIST = "gt", "lt", "exists", "!"
_BINARY_OPERATORS = (IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN)
_SELECTOR_OPERATORS = {"In": IN, "NotIn": NOT_IN, "Exists": EXISTS, "DoesNotExist": DOES_NOT_EXIST}

_MISSING = object()
LabelCheck = Callable[[Mapping[str, str]], bool]


def _parse_int64(text: str) -> int | None:
    """strconv.ParseInt(text, 10, 64): optional sign, ASCII digits, in range."""
    digits = text[1:] if text[:1] in ("+", "-") else text
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    number = int(text)
    return number if -(1 << 63) <= number < (1 << 63) else None


def _go_string_slice(values: Iterable[str] | None) -> str:
    """fmt's %#v of a []string: `[]string{"a", "b"}`, `[]string(nil)`."""
    if values is None:
        return "[]string(nil)"
    return "[]string{" + ", ".join(quote(value) for value in values) + "}"


def _invalid(path: str, value: str, detail: str) -> str:
    """field.Invalid(...).Error()."""
    return f"{path}: Invalid value: {value}: {detail}"


def _aggregate(errors: list[str]) -> str:
    """utilerrors.NewAggregate(...).Error(): one message as is, several as `[a, b]`, duplicates dropped."""
    unique = list(dict.fromkeys(errors))
    return unique[0] if len(unique) == 1 else "[" + ", ".join(unique) + "]"


def _key_error(key: str, path: str) -> str | None:
    errors = is_qualified_name(key)
    return _invalid(path, quote(key), "; ".join(errors)) if errors else None


@dataclass(frozen=True)
class Requirement:
    """One `key <operator> values` term. Build it with `Requirement.new` (validated) or the parser."""

    key: str
    operator: str
    values: tuple[str, ...] = ()

    @classmethod
    def new(cls, key: str, operator: str, values: Iterable[str] | None = None) -> Requirement:
        """labels.NewRequirement: raises `StatusError` (400) with apimachinery's aggregated field errors."""
        listed = None if values is None else list(values)
        given = listed or []
        errors: list[str] = []
        if (key_error := _key_error(key, "key")) is not None:
            errors.append(key_error)
        if operator in (IN, NOT_IN):
            if not given:
                errors.append(_invalid("values", _go_string_slice(listed),
                                       "for 'in', 'notin' operators, values set can't be empty"))
        elif operator in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS):
            if len(given) != 1:
                errors.append(_invalid("values", _go_string_slice(listed),
                                       "exact-match compatibility requires one single value"))
        elif operator in (EXISTS, DOES_NOT_EXIST):
            if given:
                errors.append(_invalid("values", _go_string_slice(listed),
                                       "values set must be empty for exists and does not exist"))
        elif operator in (GREATER_THAN, LESS_THAN):
            if len(given) != 1:
                errors.append(_invalid("values", _go_string_slice(listed),
                                       "for 'Gt', 'Lt' operators, exactly one value is required"))
            errors.extend(_invalid(f"values[{index}]", quote(value), "for 'Gt', 'Lt' operators, the value must be "
                                   "an integer") for index, value in enumerate(given) if _parse_int64(value) is None)
        else:
            supported = ", ".join(quote(op) for op in _BINARY_OPERATORS + (EXISTS, DOES_NOT_EXIST))
            errors.append(f"operator: Unsupported value: {quote(operator)}: supported values: {supported}")
        for index, value in enumerate(given):
            if problems := is_valid_label_value(value):
                errors.append(_invalid(f"values[{index}][{key}]", quote(value), "; ".join(problems)))
        if errors:
            raise bad_request(_aggregate(errors))
        return cls(key, operator, tuple(given))

    def matches(self, labels: Mapping[str, str]) -> bool:
        return self.check()(labels)

    def check(self) -> LabelCheck:
        """A function of a labels dict that answers `matches` without re-reading this requirement."""
        key, operator = self.key, self.operator
        if operator in (IN, EQUALS, DOUBLE_EQUALS):
            if len(self.values) == 1:
                only = self.values[0]
                return lambda labels: labels.get(key, _MISSING) == only
            wanted = frozenset(self.values)
            return lambda labels: labels.get(key, _MISSING) in wanted
        if operator in (NOT_IN, NOT_EQUALS):
            unwanted = frozenset(self.values)
            return lambda labels: labels.get(key, _MISSING) not in unwanted
        if operator == EXISTS:
            return lambda labels: key in labels
        if operator == DOES_NOT_EXIST:
            return lambda labels: key not in labels
        bound = _parse_int64(self.values[0]) if len(self.values) == 1 else None
        if operator not in (GREATER_THAN, LESS_THAN) or bound is None:
            return lambda labels: False
        greater = operator == GREATER_THAN

        def compare(labels: Mapping[str, str]) -> bool:
            value = labels.get(key)
            number = None if value is None else _parse_int64(value)
            return number is not None and (number > bound if greater else number < bound)
        return compare

    def __str__(self) -> str:
        if self.operator == EXISTS:
            return self.key
        if self.operator == DOES_NOT_EXIST:
            return "!" + self.key
        values = ",".join(sorted(self.values))
        if self.operator in (IN, NOT_IN):
            return f"{self.key} {self.operator} ({values})"
        symbol = {GREATER_THAN: ">", LESS_THAN: "<"}.get(self.operator, self.operator)
        return f"{self.key}{symbol}{values}"


@dataclass(frozen=True)
class Selector:
    """A conjunction of requirements, sorted by key as apimachinery keeps them. `nothing` selects no object."""

    requirements: tuple[Requirement, ...] = ()
    nothing: bool = False
    _checks: tuple[LabelCheck, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_checks", tuple(requirement.check() for requirement in self.requirements))

    @property
    def empty(self) -> bool:
        """True when the selector does not restrict anything (Everything)."""
        return not self.requirements and not self.nothing

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        if self.nothing:
            return False
        labels = labels or {}
        for check in self._checks:
            if not check(labels):
                return False
        return True

    def __str__(self) -> str:
        return ",".join(str(requirement) for requirement in self.requirements)


EVERYTHING = Selector()
NOTHING = Selector(nothing=True)


def _sorted_selector(requirements: Iterable[Requirement]) -> Selector:
    return Selector(tuple(sorted(requirements, key=lambda requirement: requirement.key)))


def selector_from_set(labels: Mapping[str, str] | None) -> Selector:
    """labels.SelectorFromSet: `key=value` for each entry, not validated (a Service's or RC's selector map)."""
    return _sorted_selector(Requirement(key, EQUALS, (value,)) for key, value in (labels or {}).items())


def from_label_selector(selector: Mapping[str, Any] | None) -> Selector:
    """metav1.LabelSelectorAsSelector: None selects nothing, `{}` everything; raises `StatusError` (400)."""
    if selector is None:
        return NOTHING
    match_labels = selector.get("matchLabels") or {}
    expressions = selector.get("matchExpressions") or []
    requirements = [Requirement.new(key, EQUALS, [value]) for key, value in sorted(match_labels.items())]
    for expression in expressions:
        operator = _SELECTOR_OPERATORS.get(expression.get("operator", ""))
        if operator is None:
            raise bad_request(f"{quote(expression.get('operator', ''))} is not a valid label selector operator")
        values = expression.get("values")
        requirements.append(Requirement.new(expression.get("key", ""), operator, values or None))
    return _sorted_selector(requirements)


def parse_selector(text: str) -> Selector:
    """labels.Parse: the `labelSelector` query parameter / `kubectl -l` syntax."""
    return _sorted_selector(_Parser(text).parse())


# ---- the lexer and parser of apimachinery's selector.go ----

_EOS, _CLOSED_PAR, _COMMA, _NOT, _DOUBLE_EQUALS, _EQUALS, _GT, _ID, _IN, _LT, _NOT_EQUALS, _NOT_IN, _OPEN_PAR = (
    range(1, 14))
_TOKENS = {")": _CLOSED_PAR, ",": _COMMA, "!": _NOT, "==": _DOUBLE_EQUALS, "=": _EQUALS, ">": _GT, "in": _IN,
           "<": _LT, "!=": _NOT_EQUALS, "notin": _NOT_IN, "(": _OPEN_PAR}
_SPECIAL = frozenset("=!(),><")
_WHITESPACE = frozenset(" \t\r\n")
_OPERATOR_TOKENS = {_IN: IN, _EQUALS: EQUALS, _DOUBLE_EQUALS: DOUBLE_EQUALS, _GT: GREATER_THAN, _LT: LESS_THAN,
                    _NOT_IN: NOT_IN, _NOT_EQUALS: NOT_EQUALS}


def _lex(text: str) -> list[tuple[int, str]]:
    """The whole token list up to and including end-of-string. A NUL byte reads as the end, as in Go."""
    items: list[tuple[int, str]] = []
    pos, end = 0, len(text)

    def read() -> str:
        nonlocal pos
        if pos < end:
            pos += 1
            return text[pos - 1]
        return "\0"

    while True:
        char = read()
        while char in _WHITESPACE:
            char = read()
        if char == "\0":
            items.append((_EOS, ""))
            return items
        buffer = char
        if char in _SPECIAL:
            token = _TOKENS[char]
            while (char := read()) != "\0":
                if char not in _SPECIAL or (buffer + char) not in _TOKENS:
                    pos -= 1
                    break
                buffer += char
                token = _TOKENS[buffer]
            items.append((token, buffer))
            continue
        while (char := read()) != "\0":
            if char in _SPECIAL or char in _WHITESPACE:
                pos -= 1
                break
            buffer += char
        items.append((_TOKENS.get(buffer, _ID), buffer))


class _ParseError(Exception):
    pass


class _Parser:
    def __init__(self, text: str) -> None:
        self.items = _lex(text)
        self.position = 0

    def lookahead(self, values: bool = True) -> tuple[int, str]:
        token, literal = self.items[self.position]
        return (_ID if values and token in (_IN, _NOT_IN) else token), literal

    def consume(self, values: bool = True) -> tuple[int, str]:
        item = self.lookahead(values)
        self.position += 1
        return item

    def parse(self) -> list[Requirement]:
        requirements: list[Requirement] = []
        while True:
            token, literal = self.lookahead()
            if token == _EOS:
                return requirements
            if token not in (_ID, _NOT):
                raise bad_request(f"found '{literal}', expected: !, identifier, or 'end of string'")
            try:
                requirements.append(self.requirement())
            except _ParseError as err:
                raise bad_request(f"unable to parse requirement: {err}") from None
            token, literal = self.consume()
            if token == _EOS:
                return requirements
            if token != _COMMA:
                raise bad_request(f"found '{literal}', expected: ',' or 'end of string'")
            token, literal = self.lookahead()
            if token not in (_ID, _NOT):
                raise bad_request(f"found '{literal}', expected: identifier after ','")

    def requirement(self) -> Requirement:
        key, operator = self.key_and_operator()
        if operator in (EXISTS, DOES_NOT_EXIST):
            return self.new(key, operator, [])
        token, literal = self.consume(values=False)
        if token not in _OPERATOR_TOKENS:
            raise _ParseError(f"found '{literal}', expected: {', '.join(_BINARY_OPERATORS)}")
        operator = _OPERATOR_TOKENS[token]
        values = self.value_set() if operator in (IN, NOT_IN) else self.exact_value()
        return self.new(key, operator, sorted(values))

    @staticmethod
    def new(key: str, operator: str, values: list[str]) -> Requirement:
        try:
            return Requirement.new(key, operator, values)
        except StatusError as err:
            raise _ParseError(err.message) from None

    def key_and_operator(self) -> tuple[str, str]:
        operator = ""
        token, literal = self.consume()
        if token == _NOT:
            operator = DOES_NOT_EXIST
            token, literal = self.consume()
        if token != _ID:
            raise _ParseError(f"found '{literal}', expected: identifier")
        if (key_error := _key_error(literal, "<nil>")) is not None:
            raise _ParseError(key_error)
        if self.lookahead()[0] in (_EOS, _COMMA) and operator != DOES_NOT_EXIST:
            operator = EXISTS
        return literal, operator

    def value_set(self) -> set[str]:
        token, literal = self.consume()
        if token != _OPEN_PAR:
            raise _ParseError(f"found '{literal}' expected: '('")
        token, literal = self.lookahead()
        if token == _CLOSED_PAR:
            self.consume()
            return {""}
        if token not in (_ID, _COMMA):
            raise _ParseError(f"found '{literal}', expected: ',', ')' or identifier")
        values = self.identifiers()
        if self.consume()[0] != _CLOSED_PAR:
            raise _ParseError(f"found '{literal}', expected: ')'")
        return values

    def identifiers(self) -> set[str]:
        values: set[str] = set()
        while True:
            token, literal = self.consume()
            if token == _ID:
                values.add(literal)
                following, following_literal = self.lookahead()
                if following == _CLOSED_PAR:
                    return values
                if following != _COMMA:
                    raise _ParseError(f"found '{following_literal}', expected: ',' or ')'")
            elif token == _COMMA:
                if not values:
                    values.add("")
                following = self.lookahead()[0]
                if following == _CLOSED_PAR:
                    values.add("")
                    return values
                if following == _COMMA:
                    self.consume()
                    values.add("")
            else:
                raise _ParseError(f"found '{literal}', expected: ',', or identifier")

    def exact_value(self) -> set[str]:
        if self.lookahead()[0] in (_EOS, _COMMA):
            return {""}
        token, literal = self.consume()
        if token != _ID:
            raise _ParseError(f"found '{literal}', expected: identifier")
        return {literal}
