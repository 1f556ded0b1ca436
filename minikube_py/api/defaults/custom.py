"""Defaults of custom resources: the `default` values of their CRD's structural schema, applied as the
apiextensions-apiserver applies them (a missing property gets its schema's default when its parent object is
there, recursively through properties, items and additionalProperties)."""

from __future__ import annotations

import copy
from typing import Any


def apply_custom_defaults(schema: dict[str, Any] | None, obj: Any) -> None:
    """Fill in `obj` (a custom object, in place) from the `default`s of its openAPIV3Schema."""
    if not isinstance(schema, dict):
        return
    if isinstance(obj, dict):
        for key, sub in (schema.get("properties") or {}).items():
            if key not in obj and isinstance(sub, dict) and "default" in sub:
                obj[key] = copy.deepcopy(sub["default"])
            if key in obj:
                apply_custom_defaults(sub, obj[key])
        additional = schema.get("additionalProperties")
        if isinstance(additional, dict):
            for key in obj:
                if key not in (schema.get("properties") or {}):
                    apply_custom_defaults(additional, obj[key])
    elif isinstance(obj, list):
        for item in obj:
            apply_custom_defaults(schema.get("items"), item)
