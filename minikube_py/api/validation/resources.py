"""Validation of compute resource maps: container `resources` (ValidateResourceRequirements: standard names,
non-negative quantities, requests not above limits, extended resources as integers with request == limit) and the
resource lists of quotas and limit ranges."""

from __future__ import annotations

from typing import Any

from .. import names
from ..errors import Cause
from ..quantity import Quantity, QuantityError, parse_json_quantity
from . import field

_STANDARD_CONTAINER = {"cpu", "memory", "ephemeral-storage"}


def quantity(value: Any) -> Quantity | None:
    """A quantity as decoded (already checked by the decoder), None when it does not parse."""
    try:
        return parse_json_quantity(value)
    except QuantityError:
        return None


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
    value = quantity(text)
    if value is None:
        return []
    if value.sign() < 0:
        return [field.invalid(path, str(value), "must be greater than or equal to 0")]
    if _is_integer_resource(name) and value.milli_value() % 1000:
        return [field.invalid(path, str(value), "must be an integer")]
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
        request = quantity(text)
        if name in limits:
            limit = quantity(limits[name])
            if request is None or limit is None:
                continue
            if request != limit and not _overcommit_allowed(name):
                causes.append(field.invalid(f"{path}.requests", str(request),
                                            f"must be equal to {name} limit of {limit}"))
            elif request > limit:
                causes.append(field.invalid(f"{path}.requests", str(request),
                                            f"must be less than or equal to {name} limit of {limit}"))
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
