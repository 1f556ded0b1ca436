"""JSON merge patch (RFC 7386, `application/merge-patch+json`) as evanphx/json-patch applies it for the apiserver:
`null` deletes a key, objects merge recursively, anything else replaces; nulls inside newly added objects are
dropped. The input document is never changed."""

from __future__ import annotations

from typing import Any

from minikube_py.api import json_values as _json
from minikube_py.api.errors import bad_request


def apply(doc: dict[str, Any], patch: Any) -> dict[str, Any]:
    """`doc` with the merge patch applied; a patch that is not a JSON object is refused as the apiserver's strict
    decoding into `map[string]interface{}` refuses it."""
    if patch is None:
        return _json.copy(doc)
    if not isinstance(patch, dict):
        raise bad_request(f"error decoding patch: json: cannot unmarshal {_json.kind(patch)} into Go value of type "
                          "map[string]interface {}")
    return merge(doc, patch)


def merge(target: Any, patch: Any) -> Any:
    """RFC 7386's MergePatch(target, patch) on any JSON values, returning a new value."""
    if isinstance(patch, list):
        return [_pruned(item) for item in patch]
    if not isinstance(patch, dict):
        return patch
    source = target if isinstance(target, dict) else {}
    result = {}
    for key, value in source.items():
        if key not in patch:
            result[key] = _json.copy(value)
        elif patch[key] is not None:
            result[key] = merge(value, patch[key])
    for key, value in patch.items():
        if key not in source and value is not None:
            result[key] = merge(None, value)
    return result


def _pruned(value: Any) -> Any:
    """A value from the patch with the nulls of its objects removed (evanphx's pruneNulls)."""
    if isinstance(value, dict):
        return merge({}, value)
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


def create(original: Any, modified: Any) -> dict[str, Any]:
    """The merge patch that turns `original` into `modified` (apimachinery's jsonmergepatch without preconditions):
    changed keys with their new value, removed keys as null, lists replaced whole."""
    patch: dict[str, Any] = {}
    for key in original:
        if key not in modified:
            patch[key] = None
    for key, value in modified.items():
        before = original.get(key, _MISSING)
        if isinstance(before, dict) and isinstance(value, dict):
            nested = create(before, value)
            if nested:
                patch[key] = nested
        elif before is _MISSING or not _json.equal(before, value):
            patch[key] = _json.copy(value)
    return patch


_MISSING = object()
