"""Duplicate fields of a JSON request body, which the apiserver's strict decoder reports
(`strict decoding error: duplicate field "spec.replicas"`) and otherwise resolves as Go does: the last one wins.

The apiserver parses a JSON body with `load_json` instead of `json.loads` and passes the paths on to
`validate_create` / `validate_update` / `validate_custom` (`duplicate_fields=`)."""

from __future__ import annotations

import json
from typing import Any


class _Object(dict):  # type: ignore[type-arg]
    """A decoded JSON object remembering the keys it saw more than once."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    repeated: list[str] = []
    for key, value in pairs:
        if key in obj and key not in repeated:
            repeated.append(key)
        obj[key] = value
    obj.repeated = repeated
    return obj


def _paths(value: Any, path: str, found: list[str]) -> Any:
    """Plain dicts again, collecting `spec.containers[0].name`-style paths of repeated keys."""
    if isinstance(value, _Object):
        found.extend(f"{path}.{key}" if path else key for key in value.repeated)
        return {key: _paths(item, f"{path}.{key}" if path else key, found) for key, item in value.items()}
    if isinstance(value, list):
        return [_paths(item, f"{path}[{index}]", found) for index, item in enumerate(value)]
    return value


def load_json(body: str | bytes) -> tuple[Any, list[str]]:
    """The decoded body (the last of repeated keys kept) and the paths of its duplicate fields."""
    found: list[str] = []
    return _paths(json.loads(body, object_pairs_hook=_object), "", found), found
