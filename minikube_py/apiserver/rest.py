"""The resource verbs: get, list, watch, create, update, patch, delete and deletecollection on any registered
resource, each going through the same pipeline Kubernetes' generic registry runs: decode, server-owned
metadata, defaults, admission (mutating), validation, admission (validating), a compare-and-swap write,
and the answer (the object, a List, a Table, or a watch stream)."""

from __future__ import annotations

import asyncio
import base64
import copy
import dataclasses
import json
import time
from dataclasses import dataclass
from typing import Any, Callable

from aiohttp import web

from minikube_py.api import conversion, defaults, errors, validation
from minikube_py.api.registry import Resource

from . import keys, lifecycle, negotiation
from .cache import WatchCache
from .requestinfo import RequestInfo
from .storage import Storage

Object = dict[str, Any]
BOOKMARK_INTERVAL = 10.0


@dataclass
class Context:
    """One resource request: who asks, what for, and the resource it names."""

    request: web.Request
    info: RequestInfo
    resource: Resource
    user: Any
    duplicate_fields: tuple[str, ...] = ()     # keys the JSON body repeats (strict decoding reports them)
    options_dry_run: bool = False              # DeleteOptions asked for dryRun: ["All"]

    @property
    def query(self) -> Any:
        return self.request.query

    @property
    def dry_run(self) -> bool:
        values = self.request.query.getall("dryRun", [])
        for value in values:
            if value != "All":
                raise errors.bad_request(f'dryRun: Unsupported value: "{value}": supported values: "All"')
        return bool(values) or self.options_dry_run

    @property
    def field_validation(self) -> str:
        value = self.request.query.get("fieldValidation", "Strict") or "Strict"
        if value not in ("Strict", "Warn", "Ignore"):
            raise errors.bad_request(f"fieldValidation: Unsupported value: \"{value}\": supported values: "
                                     "\"Ignore\", \"Strict\", \"Warn\"")
        return value

    @property
    def namespace(self) -> str:
        return self.info.namespace if self.resource.namespaced else ""


class ResourceVerbs:
    """The verbs over the cache (reads) and the storage (writes)."""

    def __init__(self, cache: WatchCache, storage: Storage, admission: Any, config: Any) -> None:
        self.cache = cache
        self.storage = storage
        self.admission = admission
        self.config = config
        self.hooks: list[Callable[[str, Context, Object, Object | None], Any]] = []  # allocators, ...
        self.custom_schema: Callable[[Resource], Object | None] = lambda resource: None
        self.custom_columns: Callable[[Resource], list[Object] | None] = lambda resource: None

    # -- reading --------------------------------------------------------------------------------------------
    async def get(self, ctx: Context) -> web.StreamResponse:
        if ctx.query.get("resourceVersion") in ("0",):
            obj = self.cache.get(ctx.resource, ctx.namespace, ctx.info.name)
            if obj is None:
                raise errors.not_found(ctx.resource.plural, ctx.info.name, ctx.resource.group)
        else:
            obj = await self.storage.get(ctx.resource, ctx.namespace, ctx.info.name)
        return self.answer(ctx, obj)

    def stored(self, ctx: Context) -> Context:
        """The request as the resource its objects are stored as (core/v1 for events.k8s.io/v1 Events,
        autoscaling/v2 for autoscaling/v1 HPAs); itself for every other resource."""
        target = conversion.stored_as(ctx.resource)
        if target is None:
            return ctx
        return dataclasses.replace(ctx, resource=self.cache.registry.get(target[0], target[1], ctx.resource.plural))

    def served(self, ctx: Context, obj: Object) -> Object:
        """A stored object in the version the request names."""
        return conversion.from_storage(ctx.resource, obj) if conversion.stored_as(ctx.resource) else obj

    def answer(self, ctx: Context, obj: Object, status: int = 200, warnings: list[str] = ()) -> web.Response:
        obj = self.served(ctx, obj)
        headers = negotiation.warning_headers(warnings)
        if negotiation.wants_table(ctx.request.headers.get("Accept", "")):
            table = self.table(ctx, [obj])
            table["metadata"]["resourceVersion"] = obj["metadata"].get("resourceVersion", "")
            return negotiation.respond(table, status, headers)
        return negotiation.respond(obj, status, headers)

    def table(self, ctx: Context, objects: list[Object], no_headers: bool = False) -> Object:
        from minikube_py.api import printers

        include = ctx.query.get("includeObject", "Metadata")
        columns = self.custom_columns(ctx.resource) if ctx.resource.schema_name is None else None
        return printers.table(ctx.resource, objects, time.time(), include, printer_columns=columns,
                              no_headers=no_headers)

    def _filter(self, ctx: Context) -> Callable[[Object], bool]:
        from minikube_py.api import fields, labels

        label_text = ctx.query.get("labelSelector", "")
        field_text = ctx.query.get("fieldSelector", "")
        label_selector = labels.parse_selector(label_text) if label_text else None
        field_selector = fields.parse_field_selector(field_text) if field_text else None
        if field_selector is not None:
            fields.check_supported(ctx.resource, field_selector)
        if ctx.info.name:  # a watch of one object by URL
            by_name = ctx.info.name
        else:
            by_name = None
        if label_selector is None and field_selector is None and by_name is None:
            return _everything

        def matches(obj: Object) -> bool:
            metadata = obj.get("metadata") or {}
            if by_name is not None and metadata.get("name") != by_name:
                return False
            if label_selector is not None and not label_selector.matches(metadata.get("labels") or {}):
                return False
            return field_selector is None or field_selector.matches(obj)

        return matches

    async def list(self, ctx: Context) -> web.StreamResponse:
        matches = self._filter(ctx)
        limit = int(ctx.query.get("limit") or 0)
        token = ctx.query.get("continue", "")
        version = ctx.query.get("resourceVersion", "")
        start, revision = b"", 0
        match = ctx.query.get("resourceVersionMatch", "")
        if match not in ("", "NotOlderThan", "Exact"):
            raise errors.bad_request(f'resourceVersionMatch: Unsupported value: "{match}": supported values: '
                                     '"Exact", "NotOlderThan"')
        if match and not version:
            raise errors.bad_request("resourceVersionMatch is forbidden unless resourceVersion is provided")
        if token:
            start, revision = _decode_continue(token)
        elif match == "Exact":
            revision = _revision(version)
            if revision == 0:
                raise errors.bad_request('resourceVersionMatch "exact" is forbidden for resourceVersion "0"')
        elif version and version != "0":
            await self.cache.wait_for(_revision(version))
        elif not version:
            await self.cache.sync()
        keys_of: list[bytes] = []
        if revision and revision != self.cache.revision:
            items, more, revision = await self._list_from_etcd(ctx, revision, start, limit, matches)
        else:
            revision = self.cache.revision
            items, keys_of, more = [], [], False
            for key, obj in self.cache.items(ctx.resource, ctx.namespace or None, start):
                if not matches(obj):
                    continue
                if limit and len(items) == limit:
                    more = True
                    break
                items.append(obj)
                keys_of.append(key)
        if conversion.stored_as(ctx.resource):
            items, keys_of = [self.served(ctx, obj) for obj in items], []
        metadata: Object = {"resourceVersion": str(revision)}
        if more:
            last = items[-1]["metadata"]
            next_key = keys.object_key(ctx.resource, last.get("namespace", ""), last["name"]) + b"\x00"
            metadata["continue"] = _encode_continue(next_key, revision)
        if negotiation.wants_table(ctx.request.headers.get("Accept", "")):
            table = self.table(ctx, items)
            table["metadata"] = metadata
            if len(keys_of) != len(items):
                return negotiation.respond(table)
            keyed = {id(obj["metadata"]): key for key, obj in zip(keys_of, items)}
            return web.Response(body=self._table_body(table, keyed), content_type=negotiation.JSON)
        head = {"kind": ctx.resource.list_kind, "apiVersion": ctx.resource.group_version, "metadata": metadata}
        if len(keys_of) == len(items):   # from the cache, unconverted: each object's JSON is kept
            parts = [self.cache.encoded(key, obj) for key, obj in zip(keys_of, items)]
            body = json.dumps(head, separators=(",", ":")).encode()[:-1] + b',"items":[' + b",".join(parts) + b"]}"
            return web.Response(body=body, content_type=negotiation.JSON)
        return negotiation.respond({**head, "items": items})

    def _table_body(self, table: Object, keyed: dict[int, bytes]) -> bytes:
        """A Table's JSON whose rows' PartialObjectMetadata reuse each cached object's encoded metadata."""
        rows = table["rows"]
        head = json.dumps({**table, "rows": None}, separators=(",", ":")).encode()
        if rows is None:
            return head
        parts = []
        for row in rows:
            embedded = row.get("object")
            key = keyed.get(id(embedded["metadata"])) if isinstance(embedded, dict) and \
                embedded.get("kind") == "PartialObjectMetadata" else None
            if key is None:
                parts.append(json.dumps(row, separators=(",", ":")).encode())
                continue
            rest = json.dumps({k: v for k, v in row.items() if k != "object"}, separators=(",", ":")).encode()
            parts.append(rest[:-1] + b',"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",'
                         b'"metadata":' + self.cache.encoded_metadata(key, embedded["metadata"]) + b"}}")
        return head.removesuffix(b'"rows":null}') + b'"rows":[' + b",".join(parts) + b"]}"

    async def _list_from_etcd(self, ctx: Context, revision: int, start: bytes, limit: int,
                              matches: Callable[[Object], bool]) -> tuple[list[Object], bool, int]:
        prefix = keys.namespace_prefix(ctx.resource, ctx.namespace or None)
        chosen: list[Object] = []
        while True:
            page, more, _ = await self.storage.list_at(prefix, revision, start, max(limit, 500))
            for obj in page:
                if matches(obj):
                    if limit and len(chosen) == limit:
                        return chosen, True, revision
                    chosen.append(obj)
            if not more or not page:
                return chosen, False, revision
            last = page[-1]["metadata"]
            start = keys.object_key(ctx.resource, last.get("namespace", ""), last["name"]) + b"\x00"

    async def watch(self, ctx: Context) -> web.StreamResponse:
        matches = self._filter(ctx)
        version = ctx.query.get("resourceVersion", "")
        bookmarks = ctx.query.get("allowWatchBookmarks") in ("true", "1")
        initial = ctx.query.get("sendInitialEvents") in ("true", "1")
        timeout = float(ctx.query.get("timeoutSeconds") or 0) or None
        table = negotiation.wants_table(ctx.request.headers.get("Accept", ""))
        if not version or version == "0" or initial:
            if not version:
                await self.cache.sync()
            else:
                await self.cache.wait_for(_revision(version) if version != "0" else 0)
            revision = self.cache.revision
            existing = [("ADDED", obj) for obj in self.cache.list(ctx.resource, ctx.namespace or None) if matches(obj)]
            watcher, backlog = self.cache.watch(ctx.resource, ctx.namespace or None, revision, matches)
            backlog = existing + backlog
        else:
            watcher, backlog = self.cache.watch(ctx.resource, ctx.namespace or None, _revision(version), matches)
        response = web.StreamResponse(headers={"Content-Type": "application/json",
                                               "Cache-Control": "no-cache, private"})
        response.enable_chunked_encoding()
        await response.prepare(ctx.request)
        first = [True]

        async def send(kind: str, obj: Object) -> None:
            if kind != "BOOKMARK":
                obj = self.served(ctx, obj)
            if table and kind != "BOOKMARK":
                rendered = self.table(ctx, [obj], no_headers=not first[0])
                rendered["metadata"] = {"resourceVersion": obj["metadata"].get("resourceVersion", "")}
                first[0] = False
                obj = rendered
            await response.write(json.dumps({"type": kind, "object": obj}, separators=(",", ":")).encode() + b"\n")

        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            for kind, obj in backlog:
                await send(kind, obj)
            if initial and bookmarks:
                await send("BOOKMARK", self._bookmark(ctx, self.cache.revision, initial_end=True))
            while True:
                wait = BOOKMARK_INTERVAL if bookmarks else None
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    wait = min(wait, left) if wait is not None else left
                try:
                    item = await asyncio.wait_for(watcher.queue.get(), wait)
                except asyncio.TimeoutError:
                    if bookmarks:
                        await send("BOOKMARK", self._bookmark(ctx, self.cache.revision))
                    continue
                if item is None:
                    break
                await send(*item)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self.cache.stop_watching(watcher)
        try:
            await response.write_eof()
        except (ConnectionResetError, RuntimeError):
            pass
        return response

    def _bookmark(self, ctx: Context, revision: int, initial_end: bool = False) -> Object:
        metadata: Object = {"resourceVersion": str(revision)}
        if initial_end:
            metadata["annotations"] = {"k8s.io/initial-events-end": "true"}
        return {"kind": ctx.resource.kind, "apiVersion": ctx.resource.group_version, "metadata": metadata}

    # -- writing --------------------------------------------------------------------------------------------
    async def create(self, ctx: Context, obj: Object, *, status: int = 201) -> web.Response:
        created, warnings = await self.create_object(ctx, obj)
        return self.answer(ctx, created, status, warnings)

    async def create_object(self, ctx: Context, obj: Object, *, applied: bool = False) -> tuple[Object, list[str]]:
        """Create `obj`; `applied`: it comes from server-side apply, which recorded its managed fields."""
        lifecycle.check_type(ctx.resource, obj)
        metadata = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
        if ctx.resource.namespaced and metadata.get("namespace") and metadata["namespace"] != ctx.namespace:
            raise errors.bad_request("the namespace of the provided object does not match the namespace sent on "
                                     "the request")
        warnings = self._validate_structure(ctx, obj)
        obj, ctx = conversion.to_storage(ctx.resource, obj), self.stored(ctx)
        self._default(ctx, obj)
        lifecycle.prepare_create(ctx.resource, obj, ctx.namespace)
        await self._admission_ready(ctx, obj)
        attributes = self._admit(ctx, "CREATE", obj, None)
        await self._run_hooks("CREATE", ctx, obj, None)
        warnings += self._validate(ctx, obj, None)
        self.admission.validate(attributes)
        if not applied:
            self.record_managed(ctx, None, obj, "Update")
        if ctx.dry_run:
            return obj, warnings
        created = await self.storage.create(ctx.resource, obj)
        await self._settle(ctx)
        return created, warnings

    async def _settle(self, ctx: Context) -> None:
        """A CRD write is answered once the cache (hence the registry) has it: the next request may use it."""
        if ctx.resource.plural == "customresourcedefinitions" and ctx.resource.group == "apiextensions.k8s.io":
            await self.cache.sync()

    def _default(self, ctx: Context, obj: Object) -> None:
        """Kubernetes' defaults for a built-in kind, the CRD schema's `default`s for a custom resource."""
        if ctx.resource.schema_name is not None:
            defaults.apply_defaults(ctx.resource, obj)
            return
        schema = self.custom_schema(ctx.resource)
        if schema is not None:
            defaults.apply_custom_defaults(schema, obj)

    def _validate_structure(self, ctx: Context, obj: Object) -> list[str]:
        """Unknown and mistyped fields, read as the Go decoder reads a body (before defaulting, so that
        defaults never count as the user's). Custom resources are checked against their CRD's schema."""
        if ctx.resource.schema_name is None:
            return []
        from minikube_py.api.validation import structural

        return structural.decode(ctx.resource.schema_name, obj, ctx.resource.kind, ctx.resource.version,
                                 ctx.field_validation, ctx.duplicate_fields)

    def _validate(self, ctx: Context, obj: Object, old: Object | None) -> list[str]:
        """The semantic rules (and a custom resource's schema); raises 422 Invalid."""
        if ctx.resource.schema_name is None:
            schema = self.custom_schema(ctx.resource)
            resource = ctx.resource
            return validation.validate_custom(schema, obj, resource.kind, resource.group, resource.version,
                                              ctx.field_validation, resource.namespaced, old)
        options = {"node_port_range": self.config.node_port_range, "decoded": True}
        if old is None:
            return validation.validate_create(ctx.resource, obj, ctx.field_validation, **options)
        return validation.validate_update(ctx.resource, obj, old, ctx.field_validation, **options)

    async def _admission_ready(self, ctx: Context, obj: Object) -> None:
        """Admission reads the cache: when what it will look up (the namespace, a pod's service account) is not
        there yet, wait until the cache holds every write acknowledged so far (as Kubernetes' plugins fall back to
        a live lookup), so that creating a namespace and then an object in it never fails."""
        registry = self.cache.registry
        wanted = []
        if ctx.resource.namespaced and ctx.namespace:
            wanted.append((registry.get("", "v1", "namespaces"), "", ctx.namespace))
        if ctx.resource.kind == "Pod" and ctx.resource.group == "":
            account = (obj.get("spec") or {}).get("serviceAccountName") or "default"
            wanted.append((registry.get("", "v1", "serviceaccounts"), ctx.namespace, account))
        if any(self.cache.get(resource, namespace, name) is None for resource, namespace, name in wanted):
            await self.cache.sync()

    def _admit(self, ctx: Context, operation: str, obj: Object | None, old: Object | None) -> Any:
        """Run the mutating admission phase; the attributes, for the validating phase after validation."""
        attributes = self.admission.attributes(ctx, operation, obj, old)
        self.admission.admit(attributes)
        return attributes

    async def _run_hooks(self, operation: str, ctx: Context, obj: Object, old: Object | None) -> None:
        for hook in self.hooks:
            result = hook(operation, ctx, obj, old)
            if asyncio.iscoroutine(result):
                await result

    def record_managed(self, ctx: Context, old: Object | None, new: Object, operation: str) -> None:
        manager = ctx.query.get("fieldManager") or _default_manager(ctx.request.headers.get("User-Agent", ""))
        from minikube_py.api.patch import managed_fields

        managed_fields.record_update(old, new, manager, operation, ctx.resource.group_version, lifecycle.now_rfc3339(),
                                     subresource=ctx.info.subresource, schema_name=ctx.resource.schema_name)

    async def update(self, ctx: Context, obj: Object) -> web.Response:
        lifecycle.check_type(ctx.resource, obj)
        lifecycle.check_identity(ctx.resource, obj, ctx.namespace, ctx.info.name)
        warnings = self._validate_structure(ctx, obj)
        wanted = (obj.get("metadata") or {}).get("resourceVersion")

        async def change(current: Object) -> Object:
            if wanted and wanted != current["metadata"]["resourceVersion"]:
                raise errors.conflict(ctx.resource.plural, ctx.info.name, ctx.resource.group)
            new = conversion.to_storage(ctx.resource, copy.deepcopy(obj))
            return await self._prepare_update(self.stored(ctx), new, current, warnings)

        updated = await self._write(ctx, change)
        return self.answer(ctx, updated, 200, warnings)

    async def _prepare_update(self, ctx: Context, new: Object, current: Object, warnings: list[str]) -> Object:
        new.setdefault("metadata", {})
        if ctx.resource.namespaced:
            new["metadata"]["namespace"] = ctx.namespace
        self._default(ctx, new)
        lifecycle.prepare_update(ctx.resource, new, current, ctx.info.subresource)
        attributes = self._admit(ctx, "UPDATE", new, current)
        await self._run_hooks("UPDATE", ctx, new, current)
        warnings += self._validate(ctx, new, current)
        self.admission.validate(attributes)
        self.record_managed(ctx, current, new, "Update")
        return new

    async def _write(self, ctx: Context, change: Callable[[Object], Any]) -> Object:
        """Read-change-write with retries; a dry run stops before the write."""
        if ctx.dry_run:
            current = await self.storage.get(ctx.resource, ctx.namespace, ctx.info.name)
            return await change(current)
        updated = await self.storage.guaranteed_update(ctx.resource, ctx.namespace, ctx.info.name, change)
        await self._settle(ctx)
        return await self._finish_deletion(ctx, updated)

    async def _finish_deletion(self, ctx: Context, obj: Object) -> Object:
        """An object marked for deletion whose last finalizer an update removed is deleted then (graceful pods
        wait for their kubelet's final delete), as the generic registry does after such an update."""
        metadata = obj["metadata"]
        if not metadata.get("deletionTimestamp") or metadata.get("finalizers"):
            return obj
        if ctx.resource.kind == "Pod" and int(metadata.get("deletionGracePeriodSeconds") or 0) > 0:
            return obj
        try:
            revision = await self.storage.delete(ctx.resource, ctx.namespace, metadata["name"],
                                                 int(metadata["resourceVersion"]))
        except errors.StatusError as err:
            if err.code in (404, 409):   # someone else finished it, or changed it again: theirs to finish
                return obj
            raise
        await self._run_hooks("DELETE", ctx, obj, obj)
        return {**obj, "metadata": {**metadata, "resourceVersion": str(revision)}}

    async def patch(self, ctx: Context, raw: bytes, content_type: str) -> web.Response:
        from minikube_py.api.patch import json_patch, merge_patch, strategic

        kind = negotiation.media_type(content_type)
        accepted = negotiation.patch_types(ctx.resource)
        if kind not in accepted:
            raise errors.unsupported_media_type(", ".join(accepted))
        body = negotiation.decode_body(raw, content_type)
        if kind == "application/apply-patch+yaml":
            return await self.apply(ctx, body)
        warnings: list[str] = []

        async def change(current: Object) -> Object:
            shown = self.served(ctx, current)
            if kind == "application/json-patch+json":
                patched = json_patch.apply(shown, body)
            elif kind == "application/merge-patch+json":
                patched = merge_patch.apply(shown, body)
            else:
                patched = strategic.apply(shown, body, self._schema_of(ctx))
            lifecycle.check_type(ctx.resource, patched)
            lifecycle.check_identity(ctx.resource, patched, ctx.namespace, ctx.info.name)
            wanted = patched["metadata"].get("resourceVersion")
            if wanted and wanted != current["metadata"]["resourceVersion"]:
                raise errors.conflict(ctx.resource.plural, ctx.info.name, ctx.resource.group)
            warnings.extend(self._validate_structure(ctx, patched))
            return await self._prepare_update(self.stored(ctx), conversion.to_storage(ctx.resource, patched), current,
                                              warnings)

        updated = await self._write(ctx, change)
        return self.answer(ctx, updated, 200, warnings)

    def _schema_of(self, ctx: Context) -> str | None:
        return ctx.resource.schema_name

    async def apply(self, ctx: Context, applied: Object) -> web.Response:
        """Server-side apply: create when absent, else merge under the field manager's ownership."""
        from minikube_py.api.patch import apply as server_side

        manager = ctx.query.get("fieldManager")
        if not manager:
            raise errors.invalid("PatchOptions", "", [errors.Cause("fieldManager", "FieldValueRequired",
                                                                   "Required value: is required for apply requests")],
                                 "meta.k8s.io")
        force = ctx.query.get("force") in ("true", "1")
        if not isinstance(applied, dict):
            raise errors.bad_request("the body of an apply patch must be an object")
        lifecycle.check_type(ctx.resource, applied)
        warnings = self._validate_structure(ctx, applied)
        try:
            current = await self.storage.get(ctx.resource, ctx.namespace, ctx.info.name)
        except errors.StatusError as err:
            if err.code != 404:
                raise
            current = None
        if current is None:
            merged = server_side.server_side_apply(None, applied, manager, force, self._schema_of(ctx),
                                                   lifecycle.now_rfc3339())
            merged.setdefault("metadata", {})["name"] = ctx.info.name
            created, more = await self.create_object(ctx, merged, applied=True)
            return self.answer(ctx, created, 201, warnings + more)

        async def change(current: Object) -> Object:
            merged = server_side.server_side_apply(self.served(ctx, current), applied, manager, force,
                                                   self._schema_of(ctx), lifecycle.now_rfc3339())
            lifecycle.check_identity(ctx.resource, merged, ctx.namespace, ctx.info.name)
            managed = merged["metadata"].get("managedFields")
            prepared = await self._prepare_update(self.stored(ctx), conversion.to_storage(ctx.resource, merged),
                                                  current, warnings)
            if managed is not None:
                prepared["metadata"]["managedFields"] = managed
            return prepared

        updated = await self._write(ctx, change)
        return self.answer(ctx, updated, 200, warnings)

    async def delete(self, ctx: Context, options: Object | None) -> web.Response:
        options = options or {}
        ctx = _with_options_dry_run(ctx, options)
        grace = ctx.query.get("gracePeriodSeconds", options.get("gracePeriodSeconds"))
        policy = ctx.query.get("propagationPolicy", options.get("propagationPolicy")) or ""
        if ctx.query.get("orphanDependents") == "true" or options.get("orphanDependents") is True:
            policy = policy or "Orphan"
        preconditions = options.get("preconditions") or {}
        deleted = await self.delete_object(ctx, ctx.info.name, None if grace is None else int(grace), policy,
                                           preconditions)
        return self.answer(ctx, deleted)

    async def delete_object(self, ctx: Context, name: str, grace: int | None, policy: str,
                            preconditions: Object) -> Object:
        """Delete now, or mark for deletion (finalizers, graceful pods, foreground/orphan propagation)."""
        for _ in range(16):
            current = await self.storage.get(ctx.resource, ctx.namespace, name)
            metadata = current["metadata"]
            if preconditions.get("uid") and preconditions["uid"] != metadata.get("uid"):
                raise errors.conflict(ctx.resource.plural, name, ctx.resource.group,
                                      f"Precondition failed: UID in precondition: {preconditions['uid']}, UID in "
                                      f"object meta: {metadata.get('uid')}")
            if preconditions.get("resourceVersion") and preconditions["resourceVersion"] != metadata["resourceVersion"]:
                raise errors.conflict(ctx.resource.plural, name, ctx.resource.group,
                                      f"Precondition failed: ResourceVersion in precondition: "
                                      f"{preconditions['resourceVersion']}, ResourceVersion in object meta: "
                                      f"{metadata['resourceVersion']}")
            self.admission.validate(self._admit(ctx, "DELETE", None, current))
            marked = _mark_for_deletion(ctx.resource, current, grace, policy)
            if ctx.dry_run:
                return marked or current
            try:
                if marked is not None:
                    if marked is current:   # already being deleted, nothing new to record
                        return current
                    return await self.storage.update(ctx.resource, marked, int(metadata["resourceVersion"]))
                version = int(metadata["resourceVersion"])
                revision = await self.storage.delete(ctx.resource, ctx.namespace, name, version)
                await self._run_hooks("DELETE", ctx, current, current)
                return {**current, "metadata": {**metadata, "resourceVersion": str(revision)}}
            except errors.StatusError as err:
                if err.reason != "Conflict":
                    raise
        raise errors.conflict(ctx.resource.plural, name, ctx.resource.group, "too many concurrent writers, try again")

    async def delete_collection(self, ctx: Context, options: Object | None) -> web.Response:
        options = options or {}
        ctx = _with_options_dry_run(ctx, options)
        await self.cache.sync()
        matches = self._filter(ctx)
        grace = ctx.query.get("gracePeriodSeconds", options.get("gracePeriodSeconds"))
        policy = ctx.query.get("propagationPolicy", options.get("propagationPolicy")) or ""
        deleted = []
        for obj in self.cache.list(ctx.resource, ctx.namespace or None):
            if not matches(obj):
                continue
            item_ctx = ctx
            namespace = obj["metadata"].get("namespace", "")
            if namespace != ctx.namespace:
                item_ctx = dataclasses.replace(ctx, info=RequestInfo(
                    ctx.info.path, "delete", True, ctx.info.group, ctx.info.version, namespace, ctx.info.resource,
                    obj["metadata"]["name"]))
            try:
                deleted.append(self.served(ctx, await self.delete_object(
                    item_ctx, obj["metadata"]["name"], None if grace is None else int(grace), policy, {})))
            except errors.StatusError as err:
                if err.code != 404:
                    raise
        return negotiation.respond({"kind": ctx.resource.list_kind, "apiVersion": ctx.resource.group_version,
                                    "metadata": {"resourceVersion": str(self.cache.revision)}, "items": deleted})


def _mark_for_deletion(resource: Resource, current: Object, grace: int | None, policy: str) -> Object | None:
    """The object marked for a deletion that must wait (None: delete it now; `current` itself: it is
    already marked)."""
    metadata = current["metadata"]
    finalizers = list(metadata.get("finalizers") or ())
    if policy == "Foreground" and "foregroundDeletion" not in finalizers:
        finalizers.append("foregroundDeletion")
    elif policy == "Orphan" and "orphan" not in finalizers:
        finalizers.append("orphan")
    graceful = resource.kind == "Pod" and (current.get("spec") or {}).get("nodeName") and \
        current.get("status", {}).get("phase") not in ("Succeeded", "Failed")
    if resource.kind == "Pod" and graceful:
        seconds = grace if grace is not None else int(current["spec"].get("terminationGracePeriodSeconds", 30))
        if seconds == 0 and not finalizers:
            return None
    elif resource.kind == "Namespace":
        seconds = 0
    else:
        if not finalizers:
            return None
        seconds = 0
    if metadata.get("deletionTimestamp"):
        if finalizers == list(metadata.get("finalizers") or ()):
            return current
    marked = copy.deepcopy(current)
    marked_meta = marked["metadata"]
    if finalizers:
        marked_meta["finalizers"] = finalizers
    if not marked_meta.get("deletionTimestamp"):
        when = time.time() + seconds
        marked_meta["deletionTimestamp"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(when))
        marked_meta["deletionGracePeriodSeconds"] = seconds
    if resource.kind == "Namespace":
        marked.setdefault("status", {})["phase"] = "Terminating"
    return marked


def _with_options_dry_run(ctx: Context, options: Object) -> Context:
    """The request with DeleteOptions' `dryRun` (kubectl sends it in the body as well as in the query)."""
    values = options.get("dryRun") or []
    for value in values:
        if value != "All":
            raise errors.bad_request(f'dryRun: Unsupported value: "{value}": supported values: "All"')
    return dataclasses.replace(ctx, options_dry_run=True) if values else ctx


def _everything(obj: Object) -> bool:
    return True


def _revision(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise errors.bad_request(f'invalid resource version: {text}') from None
    if value < 0:
        raise errors.bad_request(f'invalid resource version: {text}')
    return value


def _encode_continue(start: bytes, revision: int) -> str:
    token = {"v": "meta.k8s.io/v1", "rv": revision, "start": start.decode("utf-8", "surrogateescape")}
    return base64.urlsafe_b64encode(json.dumps(token, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode_continue(token: str) -> tuple[bytes, int]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        return data["start"].encode("utf-8", "surrogateescape"), int(data["rv"])
    except (ValueError, KeyError, TypeError):
        raise errors.bad_request("continue key is not valid: incorrect encoded start resourceVersion "
                                 "(version meta.k8s.io/v1)") from None


def _default_manager(user_agent: str) -> str:
    """Kubernetes' default field manager: the User-Agent's first word (`kubectl`, `python-requests`)."""
    return (user_agent.split("/", 1)[0] or "unknown")[:128]
