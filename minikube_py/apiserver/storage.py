"""Objects in etcd: JSON values under `keys.object_key`, `metadata.resourceVersion` = the key's mod revision
(never stored), every write a transaction that checks what it assumes (create: the key is absent; update and
delete: the revision the writer read), so that two writers racing on one object never both win."""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from minikube_py.api import errors
from minikube_py.api.registry import Resource
from minikube_py.etcd.client import v3
from minikube_py.etcd.client.aio import AsyncClient

from . import keys

Object = dict[str, Any]


def encode(obj: Object) -> bytes:
    metadata = obj.get("metadata") or {}
    if "resourceVersion" in metadata:
        obj = {**obj, "metadata": {k: v for k, v in metadata.items() if k != "resourceVersion"}}
    return json.dumps(obj, separators=(",", ":")).encode()


def decode(value: bytes, revision: int) -> Object:
    obj = json.loads(value)
    obj.setdefault("metadata", {})["resourceVersion"] = str(revision)
    return obj


def stamped(obj: Object, revision: int) -> Object:
    """`obj` as stored at `revision` (a new top level and metadata; the rest shared with `obj`, which its
    writer no longer changes)."""
    return {**obj, "metadata": {**(obj.get("metadata") or {}), "resourceVersion": str(revision)}}


def _name(obj: Object) -> tuple[str, str]:
    metadata = obj.get("metadata") or {}
    return metadata.get("namespace", ""), metadata.get("name", "")


def unchanged(new: Object, old: Object) -> bool:
    """The same object apart from what every write refreshes (resourceVersion, managedFields' times)."""
    def comparable(obj: Object) -> Object:
        metadata = {k: v for k, v in obj.get("metadata", {}).items() if k not in ("resourceVersion", "managedFields")}
        return {**obj, "metadata": metadata}

    return comparable(new) == comparable(old)


class Storage:
    """Get, create, update and delete single objects, straight against etcd."""

    def __init__(self, etcd: AsyncClient,
                 on_write: Callable[[bytes, int, Object | None], None] = lambda key, revision, obj: None) -> None:
        self.etcd = etcd
        # hears every acknowledged write: its key, revision and the object written (None: deleted), so the cache
        # knows what to wait for and need not decode its own writes again
        self._on_write = on_write

    async def _txn(self, key: bytes, written: Object | None, compares: list[dict[str, Any]],
                   success: list[dict[str, Any]], failure: list[dict[str, Any]] | None = None
                   ) -> tuple[dict[str, Any], Object | None]:
        answer = await self.etcd.txn(compares, success, failure)
        result = None
        if answer["succeeded"]:
            revision = answer["header"]["revision"]
            result = None if written is None else stamped(written, revision)
            self._on_write(key, revision, result)
        return answer, result

    async def get(self, resource: Resource, namespace: str, name: str) -> Object:
        key = keys.object_key(resource, namespace, name)
        answer = await self.etcd.range(v3.range_request(key))
        if not answer["kvs"]:
            raise errors.not_found(resource.plural, name, resource.group)
        kv = answer["kvs"][0]
        return decode(kv["value"], kv["mod_revision"])

    async def create(self, resource: Resource, obj: Object) -> Object:
        namespace, name = _name(obj)
        key = keys.object_key(resource, namespace, name)
        answer, created = await self._txn(key, obj, [v3.compare("CREATE", key, "EQUAL", 0)],
                                          [{"request_put": v3.put_request(key, encode(obj))}])
        if created is None:
            raise errors.already_exists(resource.plural, name, resource.group)
        return created

    async def update(self, resource: Resource, obj: Object, revision: int) -> Object:
        """Replace the object if its stored revision is still `revision`; 409 Conflict otherwise, 404 if gone."""
        namespace, name = _name(obj)
        key = keys.object_key(resource, namespace, name)
        answer, updated = await self._txn(key, obj, [v3.compare("MOD", key, "EQUAL", revision)],
                                          [{"request_put": v3.put_request(key, encode(obj))}],
                                          [{"request_range": v3.range_request(key, keys_only=True)}])
        if updated is None:
            if not answer["responses"][0]["response_range"]["kvs"]:
                raise errors.not_found(resource.plural, name, resource.group)
            raise errors.conflict(resource.plural, name, resource.group)
        return updated

    async def delete(self, resource: Resource, namespace: str, name: str, revision: int) -> int:
        """Delete the object if it is still at `revision`; the deletion's revision."""
        key = keys.object_key(resource, namespace, name)
        answer, _ = await self._txn(key, None, [v3.compare("MOD", key, "EQUAL", revision)],
                                    [{"request_delete_range": v3.delete_request(key)}],
                                    [{"request_range": v3.range_request(key, keys_only=True)}])
        if not answer["succeeded"]:
            if not answer["responses"][0]["response_range"]["kvs"]:
                raise errors.not_found(resource.plural, name, resource.group)
            raise errors.conflict(resource.plural, name, resource.group)
        return answer["header"]["revision"]

    async def guaranteed_update(self, resource: Resource, namespace: str, name: str,
                                change: Callable[[Object], Awaitable[Object | None]], attempts: int = 16) -> Object:
        """Read, change, write-if-unchanged, retried while others write in between (Kubernetes'
        GuaranteedUpdate). `change` gets a private copy and returns the new object, or None for no write."""
        for _ in range(attempts):
            current = await self.get(resource, namespace, name)
            revision = int(current["metadata"]["resourceVersion"])
            updated = await change(current)
            if updated is None or unchanged(updated, current):
                return current     # no write, no new resourceVersion: kubectl reports "(no change)"
            try:
                return await self.update(resource, updated, revision)
            except errors.StatusError as err:
                if err.reason != "Conflict":
                    raise
        raise errors.conflict(resource.plural, name, resource.group, "too many concurrent writers, try again")

    async def list_at(self, prefix: bytes, revision: int, start: bytes, limit: int) -> tuple[list[Object], bool, int]:
        """Objects under `prefix` from key `start` on, as of `revision` (0: now): (objects, more, revision)."""
        request = v3.range_request(start or prefix, v3.prefix_end(prefix), limit=limit, revision=revision)
        try:
            answer = await self.etcd.range(request)
        except v3.EtcdError as err:
            if "compacted" in str(err):
                raise errors.gone("The provided continue parameter is too old to display a consistent list result. "
                                  "You can start a new list without the continue parameter.") from None
            raise
        objects = [decode(kv["value"], kv["mod_revision"]) for kv in answer["kvs"]]
        return objects, answer["more"], answer["header"]["revision"]
