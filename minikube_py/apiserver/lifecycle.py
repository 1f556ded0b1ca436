"""What the apiserver itself writes into objects, as Kubernetes' registry strategies do: uid, creation time,
generateName, generation and its bump on spec changes, status reset on create, status kept on main-resource
updates and spec kept on status updates, immutable metadata, and the marks of a graceful deletion."""

from __future__ import annotations

import copy
import functools
import random
import time
import uuid
from typing import Any

from minikube_py.api import defaults, errors
from minikube_py.api.registry import Resource

Object = dict[str, Any]

_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"  # apimachinery's SimpleNameGenerator: no vowels, no look-alikes


def now_rfc3339() -> str:
    """The current time as Kubernetes stamps objects (RFC 3339, whole seconds, UTC)."""
    return _rfc3339(int(time.time()))


@functools.lru_cache(maxsize=2)
def _rfc3339(second: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(second))


def _custom_with_status(resource: Resource) -> bool:
    return resource.schema_name is None and resource.subresource("status") is not None


def prepare_create(resource: Resource, obj: Object, namespace: str) -> None:
    """Server-owned metadata of a new object, then the strategy's PrepareForCreate (status reset, generation),
    in place; `obj` is already defaulted."""
    metadata = obj.setdefault("metadata", {})
    if not metadata.get("name") and metadata.get("generateName"):
        metadata["name"] = metadata["generateName"] + "".join(random.choices(_NAME_ALPHABET, k=5))
    if resource.namespaced:
        metadata["namespace"] = namespace
    else:
        metadata.pop("namespace", None)
    metadata["uid"] = str(uuid.uuid4())
    metadata["creationTimestamp"] = now_rfc3339()
    for server_owned in ("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
                         "generation"):
        metadata.pop(server_owned, None)
    if resource.schema_name is None:          # custom resources: generation tracked, status only by subresource
        metadata["generation"] = 1
        if _custom_with_status(resource):
            obj.pop("status", None)
    else:
        defaults.prepare_for_create(resource, obj)


def prepare_update(resource: Resource, new: Object, old: Object, subresource: str) -> None:
    """Carry what the writer may not change from `old` into `new`, in place: identity and deletion marks; on a
    status write everything but status; on a main-resource write the strategy's PrepareForUpdate (status kept,
    generation bumped when the spec changed)."""
    metadata = new.setdefault("metadata", {})
    old_metadata = old["metadata"]
    for kept in ("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"):
        if kept in old_metadata:
            metadata[kept] = old_metadata[kept]
        else:
            metadata.pop(kept, None)
    if subresource == "status":
        for name in set(new) | set(old):
            if name in ("status", "metadata"):
                continue
            if name in old:
                new[name] = copy.deepcopy(old[name])
            else:
                del new[name]
        for name in ("labels", "annotations", "finalizers", "ownerReferences", "generation"):
            if name in old_metadata:
                metadata[name] = old_metadata[name]
            else:
                metadata.pop(name, None)
        return
    if resource.schema_name is not None:
        defaults.prepare_for_update(resource, new, old)
        return
    if _custom_with_status(resource):
        if "status" in old:
            new["status"] = old["status"]
        else:
            new.pop("status", None)
    generation = int(old_metadata.get("generation", 1))
    ignored = ("metadata", "status")
    changed = {k: v for k, v in new.items() if k not in ignored} != {k: v for k, v in old.items() if k not in ignored}
    metadata["generation"] = generation + 1 if changed else generation


def check_identity(resource: Resource, obj: Object, namespace: str, name: str) -> None:
    """The body names the object the URL names (update, status, patch results)."""
    metadata = obj.get("metadata") or {}
    if metadata.get("name", "") != name:
        raise errors.bad_request(f"the name of the object ({metadata.get('name', '')}) does not match the name "
                                 f"on the URL ({name})")
    if resource.namespaced and metadata.get("namespace", namespace) != namespace:
        raise errors.bad_request("the namespace of the provided object does not match the namespace sent on the "
                                 "request")


def check_type(resource: Resource, obj: Object) -> None:
    """apiVersion/kind of a body: filled in when absent, 400 when they name another type."""
    kind, api_version = resource.kind, resource.group_version
    if not isinstance(obj, dict):
        raise errors.bad_request("the body of the request is not an object")
    given_kind, given_version = obj.get("kind"), obj.get("apiVersion")
    if given_version and given_version != api_version:
        raise errors.bad_request(f"the API version in the data ({given_version}) does not match the expected API "
                                 f"version ({api_version})")
    if given_kind and given_kind != kind:
        raise errors.bad_request(f"the kind in the data ({given_kind}) does not match the expected kind ({kind})")
    obj["apiVersion"], obj["kind"] = api_version, kind
