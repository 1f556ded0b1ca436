"""Strategic merge patch (`application/strategic-merge-patch+json`) as apimachinery's `strategicpatch` applies it,
driven by the OpenAPI definitions' `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`: lists merged by
key (containers by name, ports by containerPort, ...), primitive `merge` lists as sets, the directives
`$patch: replace|delete|merge`, `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`,
and `null` deleting a field. `three_way()` builds the patch kubectl's client-side apply sends, `two_way()` the one
of `kubectl edit`/`set`.

Errors are the apiserver's: apimachinery's sentinel errors become 400 or 422 as `interpretStrategicMergePatchError`
maps them; any other library error (a list item missing its merge key, ...) reaches the client as a 500 Status
with an empty reason and the library's text, which kubectl prints as `Error from server: <text>`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from minikube_py.api import json_values as _json
from minikube_py.api.errors import StatusError, bad_request
from minikube_py.api.patch import _schema, merge_patch
from minikube_py.api.patch._schema import Schema

PATCH_TYPES = ("application/json-patch+json", "application/merge-patch+json",
               "application/strategic-merge-patch+json", "application/apply-patch+yaml")
CRD_PATCH_TYPES = ("application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml")

_DIRECTIVE = "$patch"
_RETAIN_KEYS = "$retainKeys"
_DELETE_PRIMITIVES = "$deleteFromPrimitiveList"
_ELEMENT_ORDER = "$setElementOrder"

_BAD_REQUEST = {"invalid JSON document", "invalid patch format of primitive list", "invalid patch format of retainKeys",
                "invalid patch format of setElementOrder list", "strategic merge patch format is not supported"}
_INVALID = {"lists of lists are not supported", "patch content doesn't match retainKeys list"}


class _Failure(Exception):
    """An error of the strategicpatch library, by its text."""

    def status_error(self) -> StatusError:
        text = str(self)
        if text in _BAD_REQUEST:
            return bad_request(text)
        if text in _INVALID:
            return StatusError(422, "Invalid", "the server rejected our request due to an error in our request", {})
        return StatusError(500, "", text)


@dataclass(frozen=True)
class _Options:
    parallel_lists: bool      # apply $deleteFromPrimitiveList / $setElementOrder (False while building a patch)
    ignore_nulls: bool        # null deletes and is not kept (False while building a patch)


_APPLY = _Options(parallel_lists=True, ignore_nulls=True)
_COMBINE = _Options(parallel_lists=False, ignore_nulls=False)


def strategic_supported(schema_name: str | None) -> bool:
    """Whether the apiserver accepts strategic merge patches for objects of this definition (built-in kinds only;
    custom resources answer 415, see `unsupported_patch_type`)."""
    return _schema.root(schema_name) is not None


def patch_types(schema_name: str | None) -> tuple[str, ...]:
    """The PATCH content types the apiserver serves for objects of this definition."""
    return PATCH_TYPES if strategic_supported(schema_name) else CRD_PATCH_TYPES


def unsupported_patch_type(schema_name: str | None) -> StatusError:
    """The 415 of a PATCH whose Content-Type is not among `patch_types(schema_name)`."""
    return StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
                       "media types include: " + ", ".join(patch_types(schema_name)))


def apply(doc: dict[str, Any], patch: Any, schema_name: str | None) -> dict[str, Any]:
    """`doc` with the strategic merge patch applied (a new dict; `doc` and `patch` are not changed). Without a
    schema (custom resources) the patch is applied as a JSON merge patch."""
    if schema_name is None:
        return merge_patch.apply(doc, patch)
    if patch is None:
        patch = {}
    if not isinstance(patch, dict):
        raise bad_request(f"json: cannot unmarshal {_json.kind(patch)} into Go value of type map[string]interface {{}}")
    try:
        return _merge_map(_json.copy(doc), _json.copy(patch), _schema.root(schema_name), _APPLY)
    except _Failure as failure:
        raise failure.status_error() from None


# --- applying -------------------------------------------------------------------------------------------------


def _merge_map(original: dict[str, Any] | None, patch: dict[str, Any], field: Schema | None,
               options: _Options) -> dict[str, Any]:
    if _DIRECTIVE in patch:
        directive = patch[_DIRECTIVE]
        if directive == "replace":
            del patch[_DIRECTIVE]
            return patch
        if directive == "delete":
            return {}
        raise _Failure(f"unknown patch type: {_json.go_format(directive)} in map: {_json.go_format(patch)}")
    if original is None:
        original = {}
    _apply_retain_keys(original, patch, options)
    _merge_ordered_lists(original, patch, field, options)
    for key, value in list(patch.items()):
        delete_list = False
        if key.startswith(_DELETE_PRIMITIVES):
            if not options.parallel_lists:
                original[key] = value
                continue
            key, delete_list = _directive_target(key, _DELETE_PRIMITIVES), True
        if value is None:
            original.pop(key, None)
            if options.ignore_nulls:
                continue
        if key not in original or _json.kind(original[key]) != _json.kind(value):
            if not delete_list:
                _set_from_patch(original, key, value, options)
            continue
        current = original[key]
        sub = _schema.child(field, key)
        strategy = _strategy(sub)
        if isinstance(current, dict):
            original[key] = value if strategy == "replace" else _merge_map(current, value, sub, options)
        elif isinstance(current, list):
            if strategy == "merge" or delete_list:
                original[key] = _merge_list(current, value, sub, options, delete_list)
            else:
                original[key] = value
        else:
            _set_from_patch(original, key, value, options)
    return original


def _set_from_patch(original: dict[str, Any], key: str, value: Any, options: _Options) -> None:
    if options.ignore_nulls:
        _discard_nulls(value)
    kept, keep = _without_directives(value)
    if keep:
        original[key] = kept
    else:
        original.pop(key, None)


def _discard_nulls(value: Any) -> None:
    if isinstance(value, dict):
        for key in [key for key, item in value.items() if item is None]:
            del value[key]
        for item in value.values():
            _discard_nulls(item)
    elif isinstance(value, list):
        for item in value:
            _discard_nulls(item)


def _without_directives(value: Any) -> tuple[Any, bool]:
    """The value with every map carrying `$patch` dropped (`keep` False when the value itself carries one)."""
    if isinstance(value, dict):
        if _DIRECTIVE in value:
            return None, False
        result = {}
        for key, item in value.items():
            kept, keep = _without_directives(item)
            if keep:
                result[key] = kept
        return result, True
    if isinstance(value, list):
        return [kept for kept, keep in map(_without_directives, value) if keep], True
    return value, True


def _strategy(field: Schema | None) -> str:
    """The field's patch strategy without `retainKeys` ("" when none)."""
    return _split_strategies(_schema.strategies(field))[1]


def _split_strategies(strategies: list[str]) -> tuple[bool, str]:
    if len(strategies) > 2 or (len(strategies) == 2 and "retainKeys" not in strategies):
        raise _Failure(f"unexpected patch strategy: [{' '.join(strategies)}]")
    retain = "retainKeys" in strategies
    others = [strategy for strategy in strategies if strategy != "retainKeys"]
    return retain, others[0] if others else ""


def _directive_target(key: str, prefix: str) -> str:
    head, _, rest = key.partition("/")
    if head != prefix or not _:
        raise _Failure("invalid patch format of primitive list" if prefix == _DELETE_PRIMITIVES
                       else "invalid patch format of setElementOrder list")
    return rest


def _apply_retain_keys(original: dict[str, Any], patch: dict[str, Any], options: _Options) -> None:
    if _RETAIN_KEYS not in patch:
        return
    retained = patch.pop(_RETAIN_KEYS)
    if not options.parallel_lists:
        if _RETAIN_KEYS in original and not _json.equal(original[_RETAIN_KEYS], retained):
            raise _Failure(f"{_json.go_format(original[_RETAIN_KEYS])} and {_json.go_format(retained)} are not deep "
                           "equal: this may happen when calculating the 3-way diff patch")
        original[_RETAIN_KEYS] = retained
        return
    if not isinstance(retained, list):
        raise _Failure("invalid patch format of retainKeys")
    for key, value in patch.items():
        if value is None or key.startswith((_DELETE_PRIMITIVES, _ELEMENT_ORDER)):
            continue
        if key not in retained:
            raise _Failure("invalid patch format of retainKeys")
    for key in [key for key in original if key not in retained]:
        del original[key]


def _merge_ordered_lists(original: dict[str, Any], patch: dict[str, Any], field: Schema | None,
                         options: _Options) -> None:
    """`$setElementOrder/<list>`: merge the list now and order it as the directive says (apimachinery's
    mergePatchIntoOriginal); the list is then removed from the patch."""
    for key in [key for key in patch if key.startswith(_ELEMENT_ORDER)]:
        order = patch.pop(key)
        if not options.parallel_lists:
            if key in original and not _json.equal(original[key], order):
                raise _Failure("invalid patch format of setElementOrder list")
            original[key] = order
        if not isinstance(order, list):
            raise _Failure(f"expected a []interface {{}}, but received a {_go_type(order)}")
        name = _directive_target(key, _ELEMENT_ORDER)
        current, patched = original.get(name, _MISSING), patch.get(name, _MISSING)
        for value in (current, patched):
            if value is not _MISSING and not isinstance(value, list):
                raise _Failure(f"expected a []interface {{}}, but received a {_go_type(value)}")
        sub = _schema.child(field, name)
        strategy, key_name = _strategy(sub), _schema.merge_key(sub)
        _check_order_list(patched if patched is not _MISSING else [], order, key_name)
        if current is not _MISSING and patched is _MISSING:
            merged = current
        elif current is _MISSING and patched is not _MISSING:
            merged, keep = _without_directives(patched)
            if not keep:
                continue
        elif current is not _MISSING:
            merged = _merge_list(current, patched, sub, options, False) if strategy == "merge" else patched
        else:
            continue
        in_order, server_only = _partition(merged, order, key_name)
        original_items = current if current is not _MISSING else []
        kind = _element_kind(original_items, patched if patched is not _MISSING else [])
        original[name] = _normalize(in_order, server_only, order, original_items, key_name, kind)
        patch.pop(name, None)


def _check_order_list(patch_list: list[Any], order: list[Any], key_name: str) -> None:
    """The patch list's items must appear in the `$setElementOrder` list, in the same relative order."""
    if not order or not patch_list:
        return
    items = [item for item in patch_list if not (key_name and _is_delete(item))] if key_name else patch_list
    position = 0
    for wanted in order:
        while position < len(items) and _has_directive(items[position]):
            position += 1
        if position >= len(items):
            return
        if _same_key(items[position], wanted, key_name):
            position += 1
    while position < len(items) and _has_directive(items[position]):
        position += 1
    if position < len(items):
        raise _Failure(f"The order in patch list:\n{_json.go_format(patch_list)}\n doesn't match {_ELEMENT_ORDER} "
                       f"list:\n{_json.go_format(order)}\n")


def _merge_list(original: list[Any], patch: list[Any], field: Schema | None, options: _Options,
                delete_list: bool) -> list[Any]:
    if not original and not patch:
        return original
    kind = _element_kind(original, patch)
    key_name = _schema.merge_key(field)
    if kind != "object":
        if options.parallel_lists and delete_list:
            return [item for item in original if not any(_json.equal(item, gone) for gone in patch)]
        merged = _unique(original + patch)
        key_name = ""
    else:
        if not key_name:
            raise _Failure(f"cannot merge lists without merge key for {_type_name(field)}")
        shared = _SharedArray(original)
        original, patch = _special_items(shared, patch, key_name)
        merged = list(original)
        item_field = _schema.items(field)
        for item in patch:
            if key_name not in item:
                raise _Failure(_no_merge_key(item, key_name))
            index = _find(merged, key_name, item[key_name])
            if index >= 0:
                merged[index] = _merge_map(merged[index], item, item_field, options)
            else:
                merged.append(item)
                shared.append(item)
    in_patch, server_only = _partition(merged, patch, key_name)
    return _normalize(in_patch, server_only, patch, original, key_name, kind)


class _SharedArray:
    """The caller's list as the backing array of Go slices taken from it. apimachinery deletes list items with
    `append(s[:i], s[i+1:]...)` and appends to the shortened slice, which writes through to the array the caller
    still reads (as `$setElementOrder` handling does, using it as the live order). The element order of a merge
    that both deletes and adds items depends on it, so the same writes are replayed here."""

    def __init__(self, array: list[Any]) -> None:
        self.array, self.length, self.detached = array, len(array), False

    def view(self) -> list[Any]:
        return self.array[:self.length]

    def delete(self, index: int) -> None:
        self.array[index:self.length - 1] = self.array[index + 1:self.length]
        self.length -= 1

    def append(self, item: Any) -> None:
        if not self.detached and self.length < len(self.array):
            self.array[self.length] = item
            self.length += 1
        else:
            self.detached = True


def _special_items(shared: _SharedArray, patch: list[Any], key_name: str) -> tuple[list[Any], list[Any]]:
    """Apply the `$patch` items of a list patch: delete by key, replace the whole list."""
    plain: list[Any] = []
    replace = False
    for item in patch:
        if _DIRECTIVE not in item:
            plain.append(item)
            continue
        directive = item[_DIRECTIVE]
        if directive == "delete":
            if key_name not in item:
                raise _Failure(_no_merge_key(item, key_name))
            while (index := _find(shared.view(), key_name, item[key_name])) >= 0:
                shared.delete(index)
        elif directive == "replace":
            replace = True
        elif directive == "merge":
            raise _Failure("merging lists cannot yet be specified in the patch")
        else:
            raise _Failure(f"unknown patch type: {_json.go_format(directive)} in map: {_json.go_format(item)}")
    if replace:
        shared.detached = True
        return plain, []
    return shared.view(), plain


def _partition(merged: list[Any], by: list[Any], key_name: str) -> tuple[list[Any], list[Any]]:
    """The merged items present in `by` (by merge key, or by value for primitives) and the others."""
    present: list[Any] = []
    others: list[Any] = []
    for item in merged:
        if key_name:
            if not isinstance(item, dict):
                raise _Failure(f"expected a map[string]interface {{}}, but received a {_go_type(item)}")
            if key_name not in item:
                raise _Failure(_no_merge_key(item, key_name))
            found = _find(by, key_name, item[key_name]) >= 0
        else:
            found = any(_same_value(item, other) for other in by)
        (present if found else others).append(item)
    return present, others


def _normalize(in_patch: list[Any], server_only: list[Any], patch_order: list[Any], server_order: list[Any],
               key_name: str, kind: str) -> list[Any]:
    """Patch items in the patch's order, server-only items in the live order, interleaved as the live list had
    them (apimachinery's normalizeElementOrder + mergeSortedSlice)."""
    in_patch = _sort_by(in_patch, patch_order, key_name, kind)
    server_only = _sort_by(server_only, server_order, key_name, kind)
    result: list[Any] = []
    left, right = 0, 0
    while left < len(server_only) or right < len(in_patch):
        if left >= len(server_only):
            result.append(in_patch[right])
            right += 1
        elif right >= len(in_patch):
            result.append(server_only[left])
            left += 1
        else:
            left_at = _index(server_order, server_only[left], key_name, kind)
            right_at = _index(server_order, in_patch[right], key_name, kind)
            if 0 <= left_at < right_at:
                result.append(server_only[left])
                left += 1
            else:
                result.append(in_patch[right])
                right += 1
    return result


def _sort_by(items: list[Any], order: list[Any], key_name: str, kind: str) -> list[Any]:
    """Go's sort.SliceStable (an insertion sort for short lists) with normalizeSliceOrder's comparison; items
    deleted with `$patch: delete` go last."""
    deleted: list[Any] = []
    if kind == "object":
        for item in items + order:
            if not isinstance(item, dict):
                raise _Failure(f"expected a map[string]interface {{}}, but received a {_go_type(item)}")
            if key_name not in item:
                raise _Failure(_no_merge_key(item, key_name))
        deleted = [item for item in items if _is_delete(item)]
        items = [item for item in items if not _is_delete(item)]
    result = list(items)

    def less(first: Any, second: Any) -> bool:
        first_at = _index(order, first, key_name, kind)
        second_at = _index(order, second, key_name, kind)
        return first_at < second_at if first_at >= 0 and second_at >= 0 else True

    for position in range(1, len(result)):
        current = position
        while current > 0 and less(result[current], result[current - 1]):
            result[current], result[current - 1] = result[current - 1], result[current]
            current -= 1
    return result + deleted


def _index(items: list[Any], wanted: Any, key_name: str, kind: str) -> int:
    target = _key_of(wanted, key_name) if kind == "object" else wanted
    for position, item in enumerate(items):
        if _same_value(_key_of(item, key_name) if kind == "object" else item, target):
            return position
    return -1


def _find(items: list[Any], key_name: str, value: Any) -> int:
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            raise _Failure(f"value for key {position} is not a map")
        if key_name in item and _same_value(item[key_name], value):
            return position
    return -1


def _key_of(item: Any, key_name: str) -> Any:
    return item.get(key_name) if isinstance(item, dict) else None


def _same_value(left: Any, right: Any) -> bool:
    """Go's `==` on decoded JSON scalars (maps and slices never compare equal there)."""
    if isinstance(left, (dict, list)) or isinstance(right, (dict, list)):
        return False
    return _json.equal(left, right)


def _same_key(left: Any, right: Any, key_name: str) -> bool:
    if not key_name:
        return _same_value(left, right)
    for item in (left, right):
        if not isinstance(item, dict):
            raise _Failure(f"expected a map[string]interface {{}}, but received a {_go_type(item)}")
        if key_name not in item:
            raise _Failure(_no_merge_key(item, key_name))
    return _same_value(left[key_name], right[key_name])


def _unique(items: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if not any(_same_value(item, seen) for seen in result):
            result.append(item)
    return result


def _element_kind(*lists: list[Any]) -> str:
    kinds = {_json.kind(item) for items in lists for item in items}
    if not kinds:
        raise _Failure("no elements in any of the given slices")
    first = _json.kind(next(item for items in lists for item in items))
    if first == "array":
        raise _Failure("lists of lists are not supported")
    if len(kinds) > 1:
        raise _Failure(f"list element types are not identical: {_json.go_format(list(lists))}")
    return first


def _is_delete(item: Any) -> bool:
    return isinstance(item, dict) and item.get(_DIRECTIVE) == "delete"


def _has_directive(item: Any) -> bool:
    return isinstance(item, dict) and _DIRECTIVE in item


def _no_merge_key(item: dict[str, Any], key_name: str) -> str:
    return f"map: {_json.go_format(item)} does not contain declared merge key: {key_name}"


def _type_name(field: Schema | None) -> str:
    return _schema.definition_name(_schema.items(field)).rsplit(".", 1)[-1]


def _go_type(value: Any) -> str:
    return {"null": "<nil>", "bool": "bool", "number": "float64", "string": "string", "array": "[]interface {}",
            "object": "map[string]interface {}"}[_json.kind(value)]


_MISSING = object()


# --- building the patch of kubectl's client-side apply ----------------------------------------------------------


@dataclass(frozen=True)
class _Diff:
    ignore_deletions: bool = False
    ignore_changes: bool = False      # IgnoreChangesAndAdditions
    set_element_order: bool = False
    retain_keys: bool = False         # BuildRetainKeysDirective


def three_way(original: dict[str, Any] | None, modified: dict[str, Any], current: dict[str, Any],
              schema_name: str | None) -> dict[str, Any]:
    """The patch `kubectl apply` sends: what changed from `current` (the live object) to `modified` (the new
    configuration), plus deletions of what `original` (the last applied configuration) had and `modified` drops
    (apimachinery's CreateThreeWayMergePatch with overwrite, or kubectl's three-way JSON merge patch for custom
    resources when `schema_name` is None). An empty dict means nothing to send."""
    original = _json.copy(original or {})
    modified, current = _json.copy(modified), _json.copy(current)
    if schema_name is None:
        additions = _only_nulls(merge_patch.create(current, modified), keep=False)
        deletions = _only_nulls(merge_patch.create(original, modified), keep=True)
        return merge_patch.merge(deletions, additions)
    field = _schema.root(schema_name)
    try:
        delta = _diff_maps(current, modified, field, _Diff(ignore_deletions=True, set_element_order=True))
        deletions = _diff_maps(original, modified, field, _Diff(ignore_changes=True, set_element_order=True))
        return _merge_map(deletions, delta, field, _COMBINE)
    except _Failure as failure:
        raise failure.status_error() from None


def two_way(original: dict[str, Any], modified: dict[str, Any], schema_name: str | None) -> dict[str, Any]:
    """The strategic (or, without a schema, JSON merge) patch that turns `original` into `modified`
    (apimachinery's CreateTwoWayMergePatch, as `kubectl edit` and `kubectl set` build theirs)."""
    if schema_name is None:
        return merge_patch.create(original, modified)
    try:
        return _diff_maps(_json.copy(original), _json.copy(modified), _schema.root(schema_name),
                          _Diff(set_element_order=True))
    except _Failure as failure:
        raise failure.status_error() from None


def _only_nulls(patch: dict[str, Any], keep: bool) -> dict[str, Any]:
    """kubectl's keepOrDeleteNullInObj: only the deletions (`keep`) or only the additions and changes."""
    result: dict[str, Any] = {}
    for key, value in patch.items():
        if value is None:
            if keep:
                result[key] = None
        elif isinstance(value, dict):
            nested = _only_nulls(value, keep)
            if nested or (not keep and not value):
                result[key] = nested
        elif not keep:
            result[key] = value
    return result


def _diff_maps(original: dict[str, Any], modified: dict[str, Any], field: Schema | None,
               options: _Diff) -> dict[str, Any]:
    patch: dict[str, Any] = {}
    retained: list[str] = []
    for key, new in modified.items():
        if options.retain_keys and new is not None:
            retained.append(key)
        if key not in original:
            if not options.ignore_changes:
                patch[key] = new
            continue
        old = original[key]
        if key == _DIRECTIVE:
            if not isinstance(old, str) or not isinstance(new, str):
                raise _Failure(f"invalid value for special key: {_DIRECTIVE}")
            if old != new:
                patch[key] = new
            continue
        if _json.kind(old) != _json.kind(new):
            if not options.ignore_changes:
                patch[key] = new
            continue
        if isinstance(old, dict):
            _diff_nested_map(key, old, new, patch, _schema.child(field, key), options)
        elif isinstance(old, list):
            _diff_nested_list(key, old, new, patch, _schema.child(field, key), options)
        elif not options.ignore_changes and not _json.equal(old, new):
            patch[key] = new
    if not options.ignore_deletions:
        for key in original:
            if key not in modified:
                patch[key] = None
    if retained and (patch or any(value is not None and key not in modified for key, value in original.items())):
        patch[_RETAIN_KEYS] = sorted(retained)
    return patch


def _diff_nested_map(key: str, old: dict[str, Any], new: dict[str, Any], patch: dict[str, Any],
                     field: Schema | None, options: _Diff) -> None:
    retain, strategy = _split_strategies(_schema.strategies(field))
    if strategy == "replace":
        if not options.ignore_changes:
            patch[key] = new
        return
    nested = _diff_maps(old, new, field, _replace(options, retain))
    if nested:
        patch[key] = nested


def _diff_nested_list(key: str, old: list[Any], new: list[Any], patch: dict[str, Any], field: Schema | None,
                      options: _Diff) -> None:
    retain, strategy = _split_strategies(_schema.strategies(field))
    if strategy != "merge":
        if not options.ignore_changes and not _json.equal(old, new):
            patch[key] = new
        return
    additions, deletions, order = _diff_lists(old, new, field, _replace(options, retain))
    if additions:
        patch[key] = additions
    if deletions:
        patch[f"{_DELETE_PRIMITIVES}/{key}"] = deletions
    if order:
        patch[f"{_ELEMENT_ORDER}/{key}"] = order


def _replace(options: _Diff, retain: bool) -> _Diff:
    return _Diff(options.ignore_deletions, options.ignore_changes, options.set_element_order, retain)


def _diff_lists(old: list[Any], new: list[Any], field: Schema | None,
                options: _Diff) -> tuple[list[Any], list[Any], list[Any]]:
    if not old:
        return ([], [], []) if not new or options.ignore_changes else (new, [], [])
    kind = _element_kind(old, new)
    key_name = _schema.merge_key(field)
    order: list[Any] = []
    if kind == "object":
        changes, deletions = _diff_lists_of_maps(old, new, _schema.items(field), key_name, options)
        changes = _sort_by(changes, new, key_name, kind)
        same_order = len(old) == len(new) and all(_same_key(a, b, key_name) for a, b in zip(old, new))
        changes += deletions
        if options.set_element_order and ((not options.ignore_changes and (changes or not same_order))
                                          or (not options.ignore_deletions and changes)):
            order = [{key_name: item[key_name]} for item in new]
        return changes, [], order
    additions, deletions = _diff_scalars(old, new, options)
    additions = _sort_by(additions, new, "", kind)
    if options.set_element_order and ((not options.ignore_deletions and deletions)
                                      or (not options.ignore_changes and not _json.equal(old, new))):
        order = list(new)
    return additions, deletions, order


def _diff_lists_of_maps(old: list[Any], new: list[Any], item_field: Schema | None, key_name: str,
                        options: _Diff) -> tuple[list[Any], list[Any]]:
    def by_key(items: list[Any]) -> list[tuple[str, dict[str, Any]]]:
        keyed = []
        for item in items:
            if not isinstance(item, dict):
                raise _Failure(f"expected a map[string]interface {{}}, but received a {_go_type(item)}")
            if key_name not in item:
                raise _Failure(_no_merge_key(item, key_name))
            keyed.append((_json.go_format(item[key_name]), item))
        return sorted(keyed, key=lambda pair: pair[0])

    olds, news = by_key(old), by_key(new)
    changes: list[Any] = []
    deletions: list[Any] = []
    at_old = at_new = 0
    while at_old < len(olds) or at_new < len(news):
        both = at_old < len(olds) and at_new < len(news)
        if both and olds[at_old][0] == news[at_new][0]:
            nested = _diff_maps(olds[at_old][1], news[at_new][1], item_field, options)
            if nested:
                nested[key_name] = news[at_new][1][key_name]
                changes.append(nested)
            at_old, at_new = at_old + 1, at_new + 1
        elif at_old >= len(olds) or (both and olds[at_old][0] > news[at_new][0]):
            if not options.ignore_changes:
                changes.append(news[at_new][1])
            at_new += 1
        else:
            if not options.ignore_deletions:
                deletions.append({_DIRECTIVE: "delete", key_name: olds[at_old][1][key_name]})
            at_old += 1
    return changes, deletions


def _diff_scalars(old: list[Any], new: list[Any], options: _Diff) -> tuple[list[Any], list[Any]]:
    olds = sorted(old, key=_json.go_format)
    news = sorted(new, key=_json.go_format)
    additions: list[Any] = []
    deletions: list[Any] = []
    at_old = at_new = 0
    while at_old < len(olds) or at_new < len(news):
        old_text = _json.go_format(olds[at_old]) if at_old < len(olds) else None
        new_text = _json.go_format(news[at_new]) if at_new < len(news) else None
        if old_text is not None and old_text == new_text:
            at_old, at_new = at_old + 1, at_new + 1
        elif old_text is None or (new_text is not None and old_text > new_text):
            if not options.ignore_changes:
                additions.append(news[at_new])
            at_new += 1
        else:
            if not options.ignore_deletions:
                deletions.append(olds[at_old])
            at_old += 1
    return additions, _unique(deletions)
