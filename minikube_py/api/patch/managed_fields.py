"""`metadata.managedFields`: which manager owns which fields, entry by entry (manager, operation, apiVersion,
subresource, time, fieldsV1), as the apiserver's field manager keeps them. `record_update()` is the bookkeeping of
every non-apply write (create, update, patch, subresources); server-side apply lives in `apply`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from minikube_py.api import schemas
from minikube_py.api.errors import StatusError
from minikube_py.api.patch import _schema
from minikube_py.api.patch._schema import Schema
from minikube_py.api.patch.fieldsets import (
    MEMBER,
    Tree,
    compare,
    decode_fields,
    difference,
    encode_fields,
    intersection_subtrees,
    member,
    union,
    without_subtrees,
)

# Fields no manager owns (structured-merge-diff's stripMeta set).
_STRIPPED = {"f:apiVersion": {MEMBER: {}}, "f:kind": {MEMBER: {}}, "f:metadata": {MEMBER: {}, **{
    f"f:{name}": {MEMBER: {}} for name in ("name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName",
                                           "generation", "managedFields", "resourceVersion")}}}


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


# --- non-apply writes -------------------------------------------------------------------------------------------


def record_update(old: dict[str, Any] | None, new: dict[str, Any], manager: str, operation: str = "Update",
                  api_version: str = "", now: str | None = None, *, subresource: str = "",
                  schema_name: str | None = None) -> None:
    """Update `new.metadata.managedFields` for a create/update/patch (`old` None for a create) by `manager`:
    the fields this write added or changed become the manager's (one entry per manager, operation, apiVersion and
    subresource, its time `now`), and other managers lose the fields it changed or removed.

    managedFields sent by the client are kept as the starting point (an empty list, or one empty entry, clears
    them), except on subresources, where the live object's are used. An existing object without managedFields
    is not tracked by updates (the apiserver's skipNonApplied)."""
    field = schema_field(new, schema_name)
    requested = (new.get("metadata") or {}).get("managedFields")
    if subresource or requested is None:
        entries = decode(old)
    elif requested == [] or requested == [{}]:
        entries = []
    else:
        entries = decode(new) or decode(old)
    if not entries and old is not None and (old.get("metadata") or {}).get("uid"):
        store(new, [])  # an existing object nobody tracks stays untracked until someone applies to it
        return
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
