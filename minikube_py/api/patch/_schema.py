"""What the patch and apply code asks of the OpenAPI definitions: the schema of a field, of a list's items, the
strategic-merge metadata (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`) and the structural list
and map types (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`).

A "field schema" is the property as written in its parent (it carries the patch metadata beside its `$ref` or
`items`); `node()` resolves it to the definition that describes the value. `None` means "no schema known":
callers then fall back to untyped behaviour (maps merge, lists are atomic)."""

from __future__ import annotations

import functools
from typing import Any

from minikube_py.api import schemas

Schema = dict[str, Any]


@functools.cache
def root(schema_name: str | None) -> Schema | None:
    """The field schema of a whole object of the named definition (None for CRDs and unknown names). The same
    dict is returned each time: lookups below are memoized by the identity of the (long-lived) schema dicts."""
    if schema_name is None or schema_name not in schemas.definitions():
        return None
    return {"$ref": schemas.REF_PREFIX + schema_name}


def node(field: Schema | None) -> Schema | None:
    """The definition a field schema refers to, or the field schema itself when it is inline."""
    if field is None:
        return None
    return schemas.resolve(field)


def definition_name(field: Schema | None) -> str:
    ref = field.get("$ref", "") if field else ""
    return ref.removeprefix(schemas.REF_PREFIX)


def is_typed_object(field: Schema | None) -> bool:
    """Whether the value is a struct with declared properties (as opposed to a free map or an unknown value)."""
    described = node(field)
    return bool(described and "properties" in described)


_members: dict[int, tuple[dict[str, Schema], Schema | None]] = {}


def child(field: Schema | None, key: str) -> Schema | None:
    """The field schema of `key` inside an object described by `field` (properties, then additionalProperties)."""
    if field is None:
        return None
    known = _members.get(id(field))
    if known is None:
        described = node(field) or {}
        extra = described.get("additionalProperties")
        known = _members[id(field)] = (described.get("properties") or {}, extra if isinstance(extra, dict) else None)
    properties, extra = known
    found = properties.get(key)
    return found if found is not None else extra


def declared(field: Schema | None, key: str) -> bool:
    """Whether `key` is a declared property (a struct field) rather than an entry of a free-form map."""
    described = node(field)
    return bool(described and key in described.get("properties", ()))


def items(field: Schema | None) -> Schema | None:
    """The schema of a list's items (a list patch of a struct field, as apimachinery allows, uses the struct)."""
    described = node(field)
    if not described:
        return None
    return described.get("items") or (field if "$ref" in field else None)


def strategies(field: Schema | None) -> list[str]:
    text = field.get("x-kubernetes-patch-strategy", "") if field else ""
    return text.split(",") if text else []


def merge_key(field: Schema | None) -> str:
    return field.get("x-kubernetes-patch-merge-key", "") if field else ""


def list_type(field: Schema | None) -> str:
    """`atomic`, `set` or `map` as server-side apply sees a list (from the patch metadata when no list type)."""
    if not field:
        return "atomic"
    declared_type = field.get("x-kubernetes-list-type")
    if declared_type:
        return declared_type
    if "merge" in strategies(field):
        return "map" if merge_key(field) else "set"
    return "atomic"


def list_map_keys(field: Schema | None) -> list[str]:
    if not field:
        return []
    return field.get("x-kubernetes-list-map-keys") or ([merge_key(field)] if merge_key(field) else [])


def is_atomic_map(field: Schema | None) -> bool:
    if not field:
        return False
    described = node(field) or {}
    return "atomic" in (field.get("x-kubernetes-map-type"), described.get("x-kubernetes-map-type"))


def required(field: Schema | None) -> frozenset[str]:
    described = node(field)
    return frozenset(described.get("required", ())) if described else frozenset()
