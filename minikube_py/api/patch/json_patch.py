"""JSON patch (RFC 6902, `application/json-patch+json`) as the apiserver applies it with evanphx/json-patch v4.

Errors are the apiserver's: a body that is not a list of operations is a 400 (`json: cannot unmarshal ...`), more
than 10000 operations a 413, and every failure while applying (unknown op, missing path, failed `test`, index out
of range) the 422 `the server rejected our request due to an error in our request` that
`errors.NewGenericServerResponse` builds (the library's own text is not sent to the client; it is kept as the
exception's `__cause__`)."""

from __future__ import annotations

import re
from typing import Any

from minikube_py.api import json_values as _json
from minikube_py.api.errors import StatusError, bad_request

MAX_OPERATIONS = 10000
_INDEX = re.compile(r"[+-]?\d+")


class PatchFailed(Exception):
    """evanphx/json-patch's own error text for a failed operation."""


def apply(doc: dict[str, Any], operations: Any) -> dict[str, Any]:
    """The document after the operations, applied in order to a copy (`doc` is never changed)."""
    _check_decodes(operations)
    if len(operations) > MAX_OPERATIONS:
        raise StatusError(413, "RequestEntityTooLarge", "Request entity too large: The allowed maximum operations in "
                          f"a JSON patch is {MAX_OPERATIONS}, got {len(operations)}")
    result: Any = _json.copy(doc)
    try:
        for operation in operations:
            result = _apply_one(result, operation or {})
    except PatchFailed as failure:
        raise StatusError(422, "Invalid", "the server rejected our request due to an error in our request",
                          {}) from failure
    return result


def _check_decodes(operations: Any) -> None:
    """What `jsonpatch.DecodePatch` (Go's json.Unmarshal into []Operation) refuses."""
    if not isinstance(operations, list):
        raise bad_request(f"json: cannot unmarshal {_json.kind(operations)} into Go value of type jsonpatch.Patch")
    for operation in operations:
        if operation is not None and not isinstance(operation, dict):
            raise bad_request(f"json: cannot unmarshal {_json.kind(operation)} into Go value of type "
                              "jsonpatch.Operation")


def _apply_one(doc: Any, operation: dict[str, Any]) -> Any:
    op = operation.get("op")
    path = _path(operation, "path")
    if op == "add":
        return _add(doc, path, _value(operation))
    if op == "remove":
        _remove(doc, path)
        return doc
    if op == "replace":
        return _replace(doc, path, _value(operation))
    if op == "move":
        source = _path(operation, "from")
        value = _remove(doc, source)
        return _add(doc, path, value)
    if op == "copy":
        source = _path(operation, "from")
        return _add(doc, path, _json.copy(_get(doc, source)))
    if op == "test":
        _test(doc, path, operation)
        return doc
    raise PatchFailed(f"Unexpected kind: {op if isinstance(op, str) else 'unknown'}")


def _path(operation: dict[str, Any], field: str) -> list[str]:
    pointer = operation.get(field)
    if not isinstance(pointer, str):
        raise PatchFailed(f"operation missing {field} field")
    if not pointer.startswith("/"):
        raise PatchFailed(f"operation does not apply: doc is missing path: {pointer!r}")
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


def _value(operation: dict[str, Any]) -> Any:
    if "value" not in operation:
        raise PatchFailed("operation missing value field")
    return _json.copy(operation["value"])


def _container(doc: Any, path: list[str]) -> tuple[Any, str]:
    """The object or array holding the last token of a non-empty path, and that token."""
    node = doc
    for token in path[:-1]:
        node = _child(node, token)
    if not isinstance(node, (dict, list)):
        raise PatchFailed(f"doc is missing path: /{'/'.join(path)}")
    return node, path[-1]


def _child(node: Any, token: str) -> Any:
    if isinstance(node, dict) and token in node:
        return node[token]
    if isinstance(node, list):
        return node[_index(token, len(node))]
    raise PatchFailed(f"doc is missing key: {token}")


def _index(token: str, length: int, *, inclusive: bool = False) -> int:
    """An array index; negative ones count from the end as evanphx v4 allows."""
    if not _INDEX.fullmatch(token):
        raise PatchFailed(f"Unable to access invalid index: {token}")
    index = int(token)
    size = length + 1 if inclusive else length
    if index < 0:
        if index < -size:
            raise PatchFailed(f"Unable to access invalid index: {index}")
        index += size
    if index >= size:
        raise PatchFailed(f"Unable to access invalid index: {index}")
    return index


def _get(doc: Any, path: list[str]) -> Any:
    node = doc
    for token in path:
        node = _child(node, token)
    return node


def _add(doc: Any, path: list[str], value: Any) -> Any:
    container, token = _container(doc, path)
    if isinstance(container, dict):
        container[token] = value
    elif token == "-":
        container.append(value)
    else:
        container.insert(_index(token, len(container), inclusive=True), value)
    return doc


def _remove(doc: Any, path: list[str]) -> Any:
    container, token = _container(doc, path)
    if isinstance(container, dict):
        if token not in container:
            raise PatchFailed(f"Unable to remove nonexistent key: {token}: missing value")
        return container.pop(token)
    return container.pop(_index(token, len(container)))


def _replace(doc: Any, path: list[str], value: Any) -> Any:
    container, token = _container(doc, path)
    if isinstance(container, dict):
        if token not in container:
            raise PatchFailed(f"jsonpatch replace operation does not apply: doc is missing key: /{'/'.join(path)}")
        container[token] = value
    else:
        container[_index(token, len(container))] = value
    return doc


def _test(doc: Any, path: list[str], operation: dict[str, Any]) -> None:
    expected = operation.get("value")
    try:
        actual = _get(doc, path)
    except PatchFailed:
        if expected is None:
            return
        raise PatchFailed(f"testing value /{'/'.join(path)} failed: test failed") from None
    if not _json.equal(actual, expected):
        raise PatchFailed(f"testing value /{'/'.join(path)} failed: test failed")
