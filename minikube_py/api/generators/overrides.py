"""`--overrides` and `--override-type` of `kubectl run` and `kubectl expose`: a JSON merge patch (default), JSON
patch or strategic merge patch applied to the generated object, which is then decoded into its Go type again
(struct field order, unknown fields dropped)."""

from __future__ import annotations

import json

from ..errors import StatusError
from ._common import Obj
from ._typed import as_typed
from .errors import GeneratorError

OVERRIDE_TYPES = ("json", "merge", "strategic")


def apply_overrides(obj: Obj, overrides: str, override_type: str = "merge") -> Obj:
    """`obj` with kubectl's Overrider applied; unchanged when `overrides` is empty."""
    if not overrides:
        return obj
    if override_type not in OVERRIDE_TYPES:
        raise GeneratorError(f"invalid override type: {override_type}")
    try:
        patch = json.loads(overrides)
    except ValueError:
        raise GeneratorError("Invalid JSON Patch") from None
    from ..patch import json_patch, merge_patch, strategic
    from ..schemas import definition_name

    try:
        if override_type == "json":
            patched = json_patch.apply(obj, patch)
        elif override_type == "merge":
            patched = merge_patch.apply(obj, patch)
        else:
            group, _, version = obj.get("apiVersion", "").rpartition("/")
            patched = strategic.apply(obj, patch, definition_name(group, version, obj.get("kind", "")))
    except StatusError as err:
        raise GeneratorError(err.message) from None
    except ValueError as err:
        raise GeneratorError(str(err)) from None
    return as_typed(patched)
