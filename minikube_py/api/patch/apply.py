"""Server-side apply (`application/apply-patch+yaml`): merge an applied configuration into the live object by the
schema's list-map keys, sets and atomic types, give the applier ownership of exactly the fields it applied,
remove the fields it applied before and no longer applies (unless another manager owns them), and refuse with
Kubernetes' 409 apply conflict when the change would take a field another manager owns, unless forced.

As the apiserver does for `kubectl apply --server-side` (manager `kubectl`), conflicts on fields whose live value
is still the one recorded in the `kubectl.kubernetes.io/last-applied-configuration` annotation are allowed, so that
objects created by client-side apply move to server-side apply without conflicts."""

from __future__ import annotations

import json
from typing import Any

from minikube_py.api import json_values as _json
from minikube_py.api.errors import StatusError, bad_request
from minikube_py.api.patch import _schema
from minikube_py.api.patch._schema import Schema
from minikube_py.api.patch.fieldsets import (
    Tree,
    compare,
    contains,
    difference,
    fields_of,
    intersection,
    is_value_struct,
    item_element,
    members,
    path_text,
    union,
)
from minikube_py.api.patch.managed_fields import (
    Entry,
    decode,
    ignored_fields,
    store,
    trackable,
    without_managed_fields,
)

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_UPGRADING_MANAGER = "kubectl"
BEFORE_FIRST_APPLY = "before-first-apply"


def server_side_apply(live: dict[str, Any] | None, applied: dict[str, Any], manager: str, force: bool,
                      schema_name: str | None, now: str | None = None, *, api_version: str | None = None,
                      subresource: str = "") -> dict[str, Any]:
    """The object after `manager` applies `applied` to `live` (None when the object does not exist yet), with its
    managedFields updated. `api_version` is the group-version of the endpoint (the configuration must use it)."""
    _check_configuration(applied, api_version)
    version = api_version or str(applied.get("apiVersion", ""))
    field = _schema.root(schema_name)
    current = _json.copy(without_managed_fields(live))
    ignored = ignored_fields(field, subresource)
    entries = decode(live) or _existing_fields(current, field, ignored, version, now)
    try:
        applied_set = trackable(fields_of(applied, field), ignored)
    except StatusError as error:
        raise StatusError(500, "", f"failed to create typed patch object ({_describe(applied)}): {error.message}")
    applier = Entry(manager, "Apply", version, now, applied_set, subresource)
    previous = next((entry for entry in entries if entry.identity == applier.identity), None)
    others = [entry for entry in entries if entry is not previous]
    merged = _merge(current, applied, field, "")
    owned = applied_set
    for entry in others:
        owned = union(owned, entry.fields)
    if previous is not None:
        for path in members(difference(previous.fields, applied_set)):
            if not contains(owned, path):
                _remove(merged, path, field)
    changes = compare(current, merged, field)
    changed = trackable(union(changes.added, changes.modified), ignored)
    conflicts = [(entry, intersection(entry.fields, changed)) for entry in others]
    conflicts = [(entry, taken) for entry, taken in conflicts if taken]
    if conflicts and not force:
        remaining = _not_upgraded(manager, current, conflicts, field, version)
        if remaining:
            raise _conflict_error(remaining)
    for entry, taken in conflicts:
        entry.lose(taken)
    for entry in others:
        entry.lose(trackable(changes.removed, ignored))
    store(merged, others + [applier])
    if manager == _UPGRADING_MANAGER and _last_applied(current) is not None:
        _record_last_applied(merged, applied)
    return merged


def decode_configuration(body: bytes) -> dict[str, Any]:
    """The applied configuration of an `application/apply-patch+yaml` body (kubectl sends JSON, which is YAML),
    or the apiserver's 400 `error decoding YAML: ...`."""
    try:
        value = json.loads(body)
    except ValueError:
        import yaml  # only for real YAML bodies

        try:
            value = yaml.safe_load(body)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}: " if mark is not None else ""
            problem = getattr(error, "problem", None) or str(error)
            raise bad_request(f"error decoding YAML: error converting YAML to JSON: yaml: {where}{problem}") from None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad_request(f"error decoding YAML: json: cannot unmarshal {_json.kind(value)} into Go value of type "
                          "map[string]interface {}")
    return value


def _existing_fields(current: dict[str, Any], field: Schema | None, ignored: tuple[Tree, bool], version: str,
                     now: str | None) -> list[Entry]:
    """The first apply to an object nobody tracked: its fields become `before-first-apply`'s."""
    existing = compare({}, current, field) if current else None
    owned = trackable(union(existing.added, existing.modified), ignored) if existing else {}
    return [Entry(BEFORE_FIRST_APPLY, "Update", version, now, owned)] if owned else []


def _describe(obj: dict[str, Any]) -> str:
    """apimachinery's objectGVKNN: `default/web; apps/v1, Kind=Deployment`."""
    metadata = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    group, _, version = str(obj.get("apiVersion", "")).rpartition("/")
    return f"{metadata.get('namespace', '')}/{metadata.get('name', '')}; {group}/{version}, Kind={obj.get('kind', '')}"


def _check_configuration(applied: Any, api_version: str | None) -> None:
    if not isinstance(applied, dict):
        raise bad_request(f"error decoding YAML: json: cannot unmarshal {_json.kind(applied)} into Go value of type "
                          "map[string]interface {}")
    if api_version and applied.get("apiVersion") != api_version:
        raise bad_request("Incorrect version specified in apply patch. Specified patch version: "
                          f"{applied.get('apiVersion', '')}, expected: {api_version}")
    metadata = applied.get("metadata")
    if isinstance(metadata, dict) and metadata.get("managedFields") is not None:
        raise bad_request("metadata.managedFields must be nil")


def _merge(live: Any, applied: Any, field: Schema | None, path: str) -> Any:
    """structured-merge-diff's merge: applied values win, maps merge by field, keyed lists and sets by item (live
    order first, new items after), atomic values are replaced."""
    if isinstance(applied, dict) and isinstance(live, dict) and not _schema.is_atomic_map(field):
        result = dict(live)
        for key, value in applied.items():
            if value is None:
                result.pop(key, None)
            else:
                result[key] = _merge(live.get(key), value, _schema.child(field, key), f"{path}.{key}")
        return result
    kind = _schema.list_type(field)
    if isinstance(applied, list) and isinstance(live, list) and kind in ("map", "set"):
        item_field = _schema.items(field)
        applied_items = {item_element(item, field, position, path): item for position, item in enumerate(applied)}
        result = []
        seen = set()
        for position, item in enumerate(live):
            element = item_element(item, field, position, path)
            seen.add(element)
            result.append(_merge(item, applied_items[element], item_field, path) if element in applied_items
                          else item)
        result.extend(_json.copy(item) for element, item in applied_items.items() if element not in seen)
        return result
    if isinstance(applied, list) and kind in ("map", "set"):
        for position, item in enumerate(applied):
            item_element(item, field, position, path)
    return _json.copy(applied)


def _remove(obj: dict[str, Any], path: tuple[str, ...], field: Schema | None) -> None:
    """Remove the value at a field-set path from the object, and the maps and lists that removal empties (as
    structured-merge-diff leaves them null), except struct values Go always has (`spec`, a pod template...).
    Containers on the way are copied: the live object's are never changed."""
    chain: list[tuple[Any, Any, Schema | None, bool]] = []
    container, container_field = obj, field
    for depth, element in enumerate(path):
        found = _locate(container, element, container_field)
        if found is None:
            return
        key, child_field = found
        chain.append((container, key, container_field, depth == 0))
        if depth == len(path) - 1:
            break
        child = container[key]
        if not isinstance(child, (dict, list)):
            return
        container[key] = dict(child) if isinstance(child, dict) else list(child)
        container, container_field = container[key], child_field
    container, key, _, _ = chain.pop()
    del container[key]
    while chain and not container:
        parent, key, parent_field, top = chain.pop()
        if is_value_struct(parent_field, key, top):
            break
        del parent[key]
        container = parent


def _locate(container: Any, element: str, field: Schema | None) -> tuple[Any, Schema | None] | None:
    if element.startswith("f:"):
        name = element[2:]
        return (name, _schema.child(field, name)) if isinstance(container, dict) and name in container else None
    if not isinstance(container, list):
        return None
    for position, item in enumerate(container):
        if item_element(item, field, position) == element:
            return position, _schema.items(field)
    return None


def _not_upgraded(manager: str, live: dict[str, Any], conflicts: list[tuple[Entry, Tree]], field: Schema | None,
                  version: str) -> list[tuple[Entry, Tree]]:
    """The conflicts left once `kubectl apply --server-side` may take the fields whose live value is still the one
    of the client-side last-applied configuration (all of them for any other manager)."""
    last_applied = _last_applied(live) if manager == _UPGRADING_MANAGER else None
    if last_applied is None or last_applied.get("apiVersion") != version:
        return conflicts
    drift = compare(last_applied, live, field)
    allowed = fields_of(last_applied, field)
    for changed in (drift.modified, drift.added, drift.removed):
        allowed = difference(allowed, changed)
    remaining = [(entry, difference(taken, allowed)) for entry, taken in conflicts]
    return [(entry, taken) for entry, taken in remaining if taken]


def _last_applied(live: dict[str, Any]) -> dict[str, Any] | None:
    text = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _record_last_applied(obj: dict[str, Any], applied: dict[str, Any]) -> None:
    """Keep the client-side annotation in step with what kubectl applied server-side (lastAppliedUpdater)."""
    configuration = _json.copy(applied)
    annotations = (configuration.get("metadata") or {}).get("annotations")
    if isinstance(annotations, dict):
        annotations.pop(LAST_APPLIED, None)
    text = json.dumps(configuration, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    metadata = obj.setdefault("metadata", {})
    metadata["annotations"] = {**(metadata.get("annotations") or {}), LAST_APPLIED: text}


def _conflict_error(conflicts: list[tuple[Entry, Tree]]) -> StatusError:
    """Kubernetes' apply conflict: `Apply failed with 1 conflict: conflict with "x" using apps/v1: .spec.replicas`."""
    listed = [(entry, path) for entry, taken in sorted(conflicts, key=lambda pair: _manager_key(pair[0]))
              for path in members(taken)]
    causes = [{"reason": "FieldManagerConflict", "message": f"conflict with {entry.describe()}",
               "field": path_text(path)} for entry, path in listed]
    if len(listed) == 1:
        entry, path = listed[0]
        message = f"Apply failed with 1 conflict: conflict with {entry.describe()}: {path_text(path)}"
    else:
        lines = []
        for entry, taken in sorted(conflicts, key=lambda pair: _manager_key(pair[0])):
            lines.append(f"conflicts with {entry.describe()}:")
            lines.extend(f"- {path_text(path)}" for path in members(taken))
        message = f"Apply failed with {len(listed)} conflicts: " + "\n".join(lines)
    return StatusError(409, "Conflict", message, {"causes": causes})


def _manager_key(entry: Entry) -> str:
    """The manager identifier Kubernetes sorts conflicts by (the JSON of manager, operation, apiVersion...)."""
    identity = {"manager": entry.manager, "operation": entry.operation}
    if entry.operation == "Update":
        identity["apiVersion"] = entry.api_version
    if entry.subresource:
        identity["subresource"] = entry.subresource
    return json.dumps(identity, separators=(",", ":"))
