"""Field sets as Kubernetes' structured-merge-diff computes them for managedFields and server-side apply.

A field set is a tree in the fieldsV1 shape: keys are path elements (`f:<field>`, `k:{"name":"nginx"}` for an item
of a keyed list, `v:<json>` for a set member, `i:<n>` for a position) and `"."` marks a node that is itself a
member. Inside this module every member carries `"."` (leaves too); `encode_fields`/`decode_fields` translate to
and from the stored form, where a member leaf is `{}`.

`fields_of()` is the set an applied configuration sets; `compare()` finds what a write added, modified and removed
the way structured-merge-diff compares two typed objects. Those objects come out of Go structs in Kubernetes, so a
struct that is not a pointer (`spec`, `status`, `metadata`, a pod template) or a field without `omitempty` is
present even when a client left it out; the walk fills those in, which is why a new object's `f:spec` has no `"."`
but its new `f:labels` has one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

from minikube_py.api import json_values as _json
from minikube_py.api.errors import StatusError
from minikube_py.api.patch import _schema
from minikube_py.api.patch._schema import Schema

Tree = dict[str, Any]
MEMBER = "."
_MISSING: Any = object()

# Struct fields that are not pointers in the Go types, so present (empty) in every object.
_VALUE_STRUCTS = {
    "io.k8s.api.core.v1.PodTemplateSpec": ("metadata", "spec"),
    "io.k8s.api.batch.v1.JobTemplateSpec": ("metadata", "spec"),
    "io.k8s.api.apps.v1.DeploymentSpec": ("strategy",),
    "io.k8s.api.apps.v1.DaemonSetSpec": ("updateStrategy",),
    "io.k8s.api.apps.v1.StatefulSetSpec": ("updateStrategy",),
    "io.k8s.api.core.v1.Container": ("resources",),
    "io.k8s.api.core.v1.EphemeralContainer": ("resources",),
}
_TOP_LEVEL_STRUCTS = ("metadata", "spec", "status")
# Fields Go always writes, as null when unset (a metav1.Time that is not a pointer).
_ALWAYS_NULL = {"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": ("creationTimestamp",)}
# List-map keys that have a default, so an item may leave them out.
_KEY_DEFAULTS = {"protocol": "TCP"}


# --- field set trees ------------------------------------------------------------------------------------------


def member() -> Tree:
    return {MEMBER: {}}


def union(left: Tree, right: Tree) -> Tree:
    result = dict(left)
    for key, sub in right.items():
        result[key] = union(result[key], sub) if key in result and key != MEMBER else sub
    return result


def difference(left: Tree, right: Tree) -> Tree:
    """The members of `left` that are not members of `right` (exact paths, as fieldpath.Set.Difference);
    `left` itself when they share no member."""
    if not _overlaps(left, right):
        return left
    result: Tree = {}
    for key, sub in left.items():
        if key == MEMBER:
            if MEMBER not in right:
                result[MEMBER] = {}
        elif key in right:
            rest = difference(sub, right[key])
            if rest:
                result[key] = rest
        else:
            result[key] = sub
    return result


def _overlaps(left: Tree, right: Tree) -> bool:
    for key, sub in right.items():
        if key in left and (key == MEMBER or _overlaps(left[key], sub)):
            return True
    return False


def intersection(left: Tree, right: Tree) -> Tree:
    result: Tree = {}
    for key, sub in left.items():
        if key not in right:
            continue
        if key == MEMBER:
            result[MEMBER] = {}
        else:
            common = intersection(sub, right[key])
            if common:
                result[key] = common
    return result


def without_subtrees(tree: Tree, removed: Tree) -> Tree:
    """`tree` without anything under the leaves of `removed` (fieldpath.Set.RecursiveDifference)."""
    result: Tree = {}
    for key, sub in tree.items():
        if key not in removed:
            result[key] = sub
        elif key != MEMBER and set(removed[key]) != {MEMBER}:
            rest = without_subtrees(sub, removed[key])
            if rest:
                result[key] = rest
    return result


def contains(tree: Tree, path: tuple[str, ...]) -> bool:
    """Whether the path or anything below it is in the set."""
    node = tree
    for element in path:
        if element not in node:
            return False
        node = node[element]
    return True


def members(tree: Tree, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every member path below `prefix`, in structured-merge-diff's order: the members of a node (fields by name,
    then keys, values, positions) before what lies deeper."""
    elements = sorted((element for element in tree if element != MEMBER), key=_element_order)
    for element in elements:
        if MEMBER in tree[element]:
            yield prefix + (element,)
    for element in elements:
        yield from members(tree[element], prefix + (element,))


def _element_order(element: str) -> tuple[int, Any]:
    rank = "fkvi".index(element[0]) if element[:1] in ("f", "k", "v", "i") else 4
    return rank, int(element[2:]) if element.startswith("i:") else element


def path_text(path: tuple[str, ...]) -> str:
    """A path as Kubernetes prints it in conflicts: `.spec.template.spec.containers[name="nginx"].image`."""
    text = []
    for element in path:
        kind, _, rest = element.partition(":")
        if kind == "f":
            text.append("." + rest)
        elif kind == "k":
            text.append("[" + ",".join(f"{name}={_smd_value(value)}" for name, value in json.loads(rest).items())
                        + "]")
        elif kind == "v":
            text.append(f"[={_smd_value(json.loads(rest))}]")
        else:
            text.append(f"[{rest}]")
    return "".join(text)


def _smd_value(value: Any) -> str:
    return _compact(value) if isinstance(value, (str, dict, list)) else _json.go_format(value)


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def encode_fields(tree: Tree) -> dict[str, Any]:
    """The stored fieldsV1 of a set: a member leaf is `{}`, a member with children carries `".": {}`."""
    encoded: dict[str, Any] = {}
    if MEMBER in tree and len(tree) > 1:
        encoded[MEMBER] = {}
    for key in sorted(tree):
        if key != MEMBER:
            encoded[key] = encode_fields(tree[key])
    return encoded


def decode_fields(fields: dict[str, Any]) -> Tree:
    """One node of a stored fieldsV1 (`{}` is a member leaf)."""
    if not isinstance(fields, dict):
        raise ValueError(f"invalid fieldsV1 node: {fields!r}")
    if not fields:
        return member()
    return {key: ({} if key == MEMBER else decode_fields(sub)) for key, sub in fields.items()}


# --- path elements ----------------------------------------------------------------------------------------------


def item_element(item: Any, field: Schema | None, position: int, list_path: str = "") -> str:
    """The path element of one list item: by its keys in a keyed list, by value in a set, else by position."""
    kind = _schema.list_type(field)
    if kind == "map" and isinstance(item, dict):
        keys = {}
        for name in sorted(_schema.list_map_keys(field)):
            if name in item:
                keys[name] = item[name]
            elif name in _KEY_DEFAULTS:
                keys[name] = _KEY_DEFAULTS[name]
            else:
                raise StatusError(500, "", f"{list_path}: element {position}: associative list with keys has an "
                                  f'element that omits key field "{name}" (and doesn\'t have default value)')
        return "k:" + _compact(keys)
    if kind == "set":
        return "v:" + _compact(item)
    return f"i:{position}"


def _list_kind(field: Schema | None) -> str:
    kind = _schema.list_type(field)
    return kind if kind in ("map", "set") else "atomic"


def _items_by_element(items: list[Any], field: Schema | None, path: str) -> dict[str, Any]:
    return {item_element(item, field, position, path): item for position, item in enumerate(items)}


# --- the field set of an applied configuration ----------------------------------------------------------------


def fields_of(value: Any, field: Schema | None) -> Tree:
    """The fields an applied configuration sets (structured-merge-diff's ToFieldSet)."""
    tree: Tree = {}
    _collect(value, field, tree, "")
    return tree


def _collect(value: Any, field: Schema | None, tree: Tree, path: str) -> None:
    if isinstance(value, dict) and not _schema.is_atomic_map(field):
        for key, item in value.items():
            sub_field = _schema.child(field, key)
            sub: Tree = {}
            _collect(item, sub_field, sub, f"{path}.{key}")
            if item is None or item == {} or not _schema.declared(field, key):
                sub[MEMBER] = {}
            if sub:
                tree[f"f:{key}"] = sub
    elif isinstance(value, list) and _list_kind(field) != "atomic":
        item_field = _schema.items(field)
        for element, item in _items_by_element(value, field, path).items():
            sub = {MEMBER: {}}
            _collect(item, item_field, sub, path)
            tree[element] = sub
    else:
        tree[MEMBER] = {}


# --- comparing two objects --------------------------------------------------------------------------------------


@dataclass
class Comparison:
    added: Tree
    modified: Tree
    removed: Tree


def compare(old: Any, new: Any, field: Schema | None) -> Comparison:
    """What changed from `old` to `new` (each a whole object without managedFields; `old` may be {} for a create)."""
    result = Comparison({}, {}, {})
    _compare(_with_zero(old, field, True), _with_zero(new, field, True), field, result.added, result.modified,
             result.removed, "")
    return result


def _compare(old: Any, new: Any, field: Schema | None, added: Tree, modified: Tree, removed: Tree,
             path: str) -> None:
    if old is _MISSING:
        if new is not _MISSING:
            _everything(new, field, added, path)
        return
    if new is _MISSING:
        _everything(old, field, removed, path)
        return
    if old == new:
        return
    shape = _shape(old, new, field)
    if shape == "leaf":
        if old is _MISSING:
            added[MEMBER] = {}
        elif new is _MISSING:
            removed[MEMBER] = {}
        elif not _json.equal(old, new):
            modified[MEMBER] = {}
        return
    if shape == "map":
        old_items = old if isinstance(old, dict) else {}
        new_items = new if isinstance(new, dict) else {}
        pairs = ((f"f:{key}", old_items.get(key, _MISSING), new_items.get(key, _MISSING), key)
                 for key in {**old_items, **new_items})
    else:
        old_items = _items_by_element(old if isinstance(old, list) else [], field, path)
        new_items = _items_by_element(new if isinstance(new, list) else [], field, path)
        item_field = _schema.items(field)
        pairs = ((element, old_items.get(element, _MISSING), new_items.get(element, _MISSING), None)
                 for element in {**old_items, **new_items})
    for element, old_item, new_item, key in pairs:
        if old_item == new_item and old_item is not _MISSING:
            continue
        if key is None:
            sub_field, sub_path = item_field, path
        else:
            sub_field, sub_path = _schema.child(field, key), f"{path}.{key}"
            old_item = _with_zero(old_item, sub_field, False)
            new_item = _with_zero(new_item, sub_field, False)
        sub_added: Tree = {}
        sub_modified: Tree = {}
        sub_removed: Tree = {}
        _compare(old_item, new_item, sub_field, sub_added, sub_modified, sub_removed, sub_path)
        if old_item is _MISSING and new_item is not _MISSING:
            sub_added[MEMBER] = {}
        elif new_item is _MISSING and old_item is not _MISSING:
            sub_removed[MEMBER] = {}
        for tree, sub in ((added, sub_added), (modified, sub_modified), (removed, sub_removed)):
            if sub:
                tree[element] = sub


def _everything(value: Any, field: Schema | None, tree: Tree, path: str) -> None:
    """Every node and leaf of a value that only one side has (all added, or all removed)."""
    tree[MEMBER] = {}
    if _is_empty(value):
        return
    if isinstance(value, dict) and not _schema.is_atomic_map(field):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                _everything(item, _schema.child(field, key), tree.setdefault(f"f:{key}", {}), f"{path}.{key}")
            else:
                tree[f"f:{key}"] = {MEMBER: {}}
    elif isinstance(value, list) and _list_kind(field) != "atomic":
        item_field = _schema.items(field)
        for element, item in _items_by_element(value, field, path).items():
            _everything(item, item_field, tree.setdefault(element, {}), path)


def _shape(old: Any, new: Any, field: Schema | None) -> str:
    """How two values compare: as one `leaf`, as a `map` of fields, or as a `list` of items."""
    if _is_empty(old) and _is_empty(new):
        return "leaf"
    values = [value for value in (old, new) if value is not _MISSING and value is not None]
    if all(isinstance(value, dict) for value in values) and not _schema.is_atomic_map(field):
        return "map"
    if all(isinstance(value, list) for value in values) and _list_kind(field) != "atomic":
        return "list"
    return "leaf"


def _is_empty(value: Any) -> bool:
    return value is _MISSING or value is None or (isinstance(value, (dict, list)) and not value)


_zero_cache: dict[int, dict[str, Any]] = {}


def _with_zero(value: Any, field: Schema | None, top: bool) -> Any:
    """A struct value with the fields Go always serializes filled in (a zero struct for a value struct, null for a
    field without omitempty), as the object would look after a round trip through its Go type."""
    if not isinstance(value, dict) or not _schema.is_typed_object(field):
        return value
    zero = _zero_fields(field, top)
    if not zero or zero.keys() <= value.keys():
        return value
    return {**zero, **value}


def is_value_struct(field: Schema | None, key: str, top: bool = False) -> bool:
    """Whether `key` of the object described by `field` is a struct that is not a pointer in Go (never absent)."""
    return _schema.is_typed_object(field) and _zero_fields(field, top).get(key) == {}


def _zero_fields(field: Schema, top: bool) -> dict[str, Any]:
    described = _schema.node(field) or {}
    cache_key = id(described) * 2 + top
    cached = _zero_cache.get(cache_key)
    if cached is None:
        name = _schema.definition_name(field)
        properties = described.get("properties", {})
        value_structs = set(_VALUE_STRUCTS.get(name, ()))
        if top or "x-kubernetes-group-version-kind" in described:
            value_structs.update(key for key in _TOP_LEVEL_STRUCTS if key in properties)
        cached = {}
        always = value_structs | set(described.get("required", ())) | set(_ALWAYS_NULL.get(name, ()))
        for key in sorted(always):
            if key in properties:
                cached[key] = {} if key in value_structs or _schema.is_typed_object(properties[key]) else None
        _zero_cache[cache_key] = cached
    return cached


def intersection_subtrees(tree: Tree, kept: Tree) -> Tree:
    """The part of `tree` under the leaves of `kept`."""
    return {key: tree[key] for key in kept if key in tree}
