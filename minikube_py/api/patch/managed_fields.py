"""`metadata.managedFields`: which manager owns which fields, as Kubernetes' structured-merge-diff records them.

A field set is a tree in the fieldsV1 shape: keys are path elements (`f:<field>`, `k:{"name":"nginx"}` for an item
of a keyed list, `v:<json>` for a set member, `i:<n>` for a position) and `"."` marks a node that is itself a
member. Inside this module every member carries `"."` (leaves too); `encode`/`decode` translate to and from the
stored form, where a member leaf is `{}`.

`compare()` finds what a write added, modified and removed the way structured-merge-diff compares two typed
objects. Those objects come out of Go structs in Kubernetes, so a struct that is not a pointer (`spec`, `status`,
`metadata`, a pod template) or a field without `omitempty` is present even when a client left it out; the walk
fills those in, which is why a new object's `f:spec` has no `"."` but its new `f:labels` has one.

`record_update()` is the bookkeeping of every non-apply write (create, update, patch, subresources)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator

from minikube_py.api import schemas
from minikube_py.api.errors import StatusError
from minikube_py.api.patch import _json, _schema
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
# Fields no manager owns (structured-merge-diff's stripMeta set).
_STRIPPED = {"f:apiVersion": {MEMBER: {}}, "f:kind": {MEMBER: {}}, "f:metadata": {MEMBER: {}, **{
    f"f:{name}": {MEMBER: {}} for name in ("name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName",
                                           "generation", "managedFields", "resourceVersion")}}}
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
        for key in sorted(value_structs | set(described.get("required", ()))):
            if key in properties:
                cached[key] = {} if key in value_structs or _schema.is_typed_object(properties[key]) else None
        _zero_cache[cache_key] = cached
    return cached


# --- managedFields entries --------------------------------------------------------------------------------------


@dataclass
class Entry:
    manager: str
    operation: str
    api_version: str
    time: str | None
    fields: Tree
    subresource: str = ""
    stored: dict[str, Any] | None = None   # the entry as read, reused while it does not change

    def lose(self, tree: Tree) -> None:
        """Give up the members of `tree`."""
        remaining = difference(self.fields, tree)
        if remaining is not self.fields:
            self.fields, self.stored = remaining, None

    @property
    def identity(self) -> tuple[str, str, str, str]:
        """Entries of the same manager merge; an applier's entry does not depend on the version it applied."""
        version = "" if self.operation == "Apply" else self.api_version
        return self.manager, self.operation, version, self.subresource

    def describe(self) -> str:
        """How conflicts name the manager: `"kubectl-client-side-apply" using apps/v1`."""
        text = json.dumps(self.manager)
        if self.subresource:
            text += f" with subresource {json.dumps(self.subresource)}"
        return f"{text} using {self.api_version}" if self.operation == "Update" else text


def decode(obj: dict[str, Any] | None) -> list[Entry]:
    """The entries of an object's managedFields ([] when it has none or they do not decode, as Kubernetes then
    starts afresh)."""
    try:
        return [_decode_entry(raw) for raw in ((obj or {}).get("metadata") or {}).get("managedFields") or ()]
    except (TypeError, ValueError, AttributeError):
        return []


def _decode_entry(raw: dict[str, Any]) -> Entry:
    if raw.get("operation") not in ("Apply", "Update") or raw.get("fieldsType", "FieldsV1") != "FieldsV1":
        raise ValueError(f"invalid managedFields entry: {raw!r}")
    fields = raw.get("fieldsV1") or {}
    tree = {key: decode_fields(sub) for key, sub in fields.items() if key != MEMBER}
    return Entry(str(raw.get("manager", "")), raw["operation"], str(raw.get("apiVersion", "")), raw.get("time"), tree,
                 str(raw.get("subresource", "")), raw)


def encode(entries: list[Entry]) -> list[dict[str, Any]]:
    """The stored entries, in the apiserver's order (Apply first, then oldest first, then by manager)."""
    ordered = sorted(entries, key=lambda entry: (entry.operation, entry.time or "", entry.manager, entry.api_version,
                                                 entry.subresource))
    result = []
    for entry in ordered:
        if entry.stored is not None:
            result.append(entry.stored)
            continue
        raw: dict[str, Any] = {"manager": entry.manager, "operation": entry.operation,
                               "apiVersion": entry.api_version}
        if entry.time:
            raw["time"] = entry.time
        raw["fieldsType"] = "FieldsV1"
        raw["fieldsV1"] = encode_fields(entry.fields)
        if entry.subresource:
            raw["subresource"] = entry.subresource
        result.append(raw)
    return result


def store(obj: dict[str, Any], entries: list[Entry]) -> None:
    """Write the non-empty entries into `obj.metadata.managedFields` (removing the field when none is left)."""
    kept = [entry for entry in entries if entry.fields]
    metadata = obj.setdefault("metadata", {})
    if kept:
        metadata["managedFields"] = encode(kept)
    else:
        metadata.pop("managedFields", None)


def without_managed_fields(obj: dict[str, Any] | None) -> dict[str, Any]:
    """A shallow copy of the object without `metadata.managedFields` (nothing else is copied)."""
    if not obj:
        return {}
    metadata = obj.get("metadata")
    if not isinstance(metadata, dict) or "managedFields" not in metadata:
        return obj
    return {**obj, "metadata": {key: value for key, value in metadata.items() if key != "managedFields"}}


def schema_field(obj: dict[str, Any], schema_name: str | None = None) -> Schema | None:
    """The field schema of a whole object: the named definition, or the one its apiVersion and kind name."""
    if schema_name is None:
        group, _, version = str(obj.get("apiVersion", "")).rpartition("/")
        schema_name = schemas.definition_name(group, version, str(obj.get("kind", "")))
    return _schema.root(schema_name)


def ignored_fields(field: Schema | None, subresource: str) -> tuple[Tree, bool]:
    """What a write through this endpoint may not own: a main-resource write leaves `status` alone and a status
    write owns only `status` (the strategies' reset fields). Returns (tree, only) where `only` keeps the tree."""
    status = {"f:status": member()}
    if subresource == "status":
        return status, True
    if subresource == "" and _schema.child(field, "status") is not None:
        return status, False
    return {}, False


def trackable(tree: Tree, ignored: tuple[Tree, bool]) -> Tree:
    """The part of a field set a write may own: without stripped metadata and the endpoint's reset fields."""
    ignore, only = ignored
    tree = difference(tree, _STRIPPED)
    if only:
        return intersection_subtrees(tree, ignore)
    return without_subtrees(tree, ignore) if ignore else tree


def intersection_subtrees(tree: Tree, kept: Tree) -> Tree:
    """The part of `tree` under the leaves of `kept`."""
    return {key: tree[key] for key in kept if key in tree}


# --- non-apply writes -------------------------------------------------------------------------------------------


def record_update(old: dict[str, Any] | None, new: dict[str, Any], manager: str, operation: str = "Update",
                  api_version: str = "", now: str | None = None, *, subresource: str = "",
                  schema_name: str | None = None) -> None:
    """Update `new.metadata.managedFields` for a create/update/patch (`old` None for a create) by `manager`:
    the fields this write added or changed become the manager's (one entry per manager, operation, apiVersion and
    subresource, its time `now`), and other managers lose the fields it changed or removed.

    managedFields sent by the client are kept as the starting point (an empty list, or one empty entry, clears
    them), except on subresources, where the live object's are used."""
    field = schema_field(new, schema_name)
    requested = (new.get("metadata") or {}).get("managedFields")
    if subresource or requested is None:
        entries = decode(old)
    elif requested == [] or requested == [{}]:
        entries = []
    else:
        entries = decode(new) or decode(old)
    ignored = ignored_fields(field, subresource)
    try:
        changes = compare(without_managed_fields(old), without_managed_fields(new), field)
    except StatusError:
        store(new, decode(old))  # as UpdateNoErrors: an object the schema cannot type keeps the live entries
        return
    touched = trackable(union(changes.added, changes.modified), ignored)
    lost = union(touched, trackable(changes.removed, ignored))
    for entry in entries:
        entry.lose(lost)
    if touched:
        entry = Entry(manager, operation, api_version or str(new.get("apiVersion", "")), now, touched, subresource)
        previous = next((known for known in entries if known.identity == entry.identity), None)
        if previous is None:
            entries.append(entry)
        else:
            previous.fields, previous.time, previous.api_version = union(previous.fields, touched), now, \
                entry.api_version
            previous.stored = None
    store(new, cap_update_managers([entry for entry in entries if entry.fields]))


MAX_UPDATE_MANAGERS = 10
ANCIENT_CHANGES = "ancient-changes"


def cap_update_managers(entries: list[Entry]) -> list[Entry]:
    """Keep at most ten Update entries: the oldest are folded, per apiVersion, into an `ancient-changes` entry
    (the apiserver's capManagers)."""
    updaters = sorted((entry for entry in entries if entry.operation == "Update"),
                      key=lambda entry: (entry.time or "", json.dumps(entry.identity)))
    count = len(updaters)
    first_of_version: dict[str, Entry] = {}
    for entry in updaters:
        if count <= MAX_UPDATE_MANAGERS:
            break
        first = first_of_version.get(entry.api_version)
        if first is None:
            first_of_version[entry.api_version] = entry
            continue
        if first.manager != ANCIENT_CHANGES:
            first.manager, first.subresource = ANCIENT_CHANGES, ""
        first.fields, first.time, first.stored = union(first.fields, entry.fields), entry.time, None
        entries = [kept for kept in entries if kept is not entry]
        count -= 1
    return entries
