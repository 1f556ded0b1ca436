"""Validation of compute resource maps: container `resources` (ValidateResourceRequirements: standard names,
non-negative quantities, requests not above limits, extended resources as integers with request == limit) and the
resource lists of quotas and limit ranges."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .. import names
from ..errors import Cause
from . import field
from .structural import quantity_error

_STANDARD_CONTAINER = {"cpu", "memory", "ephemeral-storage"}
_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}


def quantity_value(text: Any) -> Fraction | None:
    """The exact value of a quantity (`500m` -> 1/2), None when it does not parse."""
    text = str(text).strip()
    if quantity_error(text):
        return None
    number = text.rstrip("KMGTPEinumk")
    suffix = text[len(number):]
    exponent = 0
    if suffix == "" and ("e" in number.lower()):
        mantissa, _, exp = number.lower().partition("e")
        number, exponent = mantissa, int(exp or 0)
    try:
        value = Fraction(number)
    except ValueError:
        return None
    if suffix in _BINARY:
        return value * _BINARY[suffix]
    return value * Fraction(10) ** (_DECIMAL.get(suffix, 0) + exponent)


def _is_integer_resource(name: str) -> bool:
    """Extended resources (`example.com/gpu`) and hugepages are counted in whole units."""
    return name not in _STANDARD_CONTAINER and not name.startswith("hugepages-") and "/" in name \
        and not name.startswith("requests.")


def _overcommit_allowed(name: str) -> bool:
    return name in _STANDARD_CONTAINER or name.startswith("hugepages-") or "/" not in name


def _resource_name(name: str, path: str) -> list[Cause]:
    causes = field.each_message(path, name, names.is_qualified_name(name))
    if causes:
        return causes
    if "/" not in name and name not in _STANDARD_CONTAINER and not name.startswith("hugepages-"):
        return [field.invalid(path, name, "must be a standard resource for containers")]
    return []


def _quantity(name: str, text: Any, path: str) -> list[Cause]:
    value = quantity_value(text)
    if value is None:
        return []
    if value < 0:
        return [field.invalid(path, str(text), "must be greater than or equal to 0")]
    if _is_integer_resource(name) and value.denominator != 1:
        return [field.invalid(path, str(text), "must be an integer")]
    return []


def container_resources(resources: Any, path: str) -> list[Cause]:
    if not isinstance(resources, dict):
        return []
    causes: list[Cause] = []
    limits = resources.get("limits") or {}
    requests = resources.get("requests") or {}
    for name, text in limits.items():
        causes += _resource_name(name, f"{path}.limits[{name}]")
        causes += _quantity(name, text, f"{path}.limits[{name}]")
    for name, text in requests.items():
        causes += _resource_name(name, f"{path}.requests[{name}]")
        causes += _quantity(name, text, f"{path}.requests[{name}]")
        request = quantity_value(text)
        if name in limits:
            limit = quantity_value(limits[name])
            if request is None or limit is None:
                continue
            if request != limit and not _overcommit_allowed(name):
                causes.append(field.invalid(f"{path}.requests", str(text),
                                            f"must be equal to {name} limit of {limits[name]}"))
            elif request > limit:
                causes.append(field.invalid(f"{path}.requests", str(text),
                                            f"must be less than or equal to {name} limit of {limits[name]}"))
        elif not _overcommit_allowed(name):
            causes.append(field.required(f"{path}.limits", "Limit must be set for non overcommitable resources"))
    return causes


def resource_list(values: Any, path: str) -> list[Cause]:
    """A quota's or a limit range's resource map: qualified names, non-negative quantities."""
    causes: list[Cause] = []
    for name, text in (values or {}).items():
        item_path = f"{path}[{name}]"
        causes += field.each_message(item_path, name, names.is_qualified_name(name))
        causes += _quantity(name, text, item_path)
    return causes
