"""Subresources with their own shapes: `scale` (autoscaling/v1 Scale over a workload's replicas), pods'
`binding` (the scheduler's bind) and `eviction` (a delete that asks PodDisruptionBudgets), serviceaccounts'
`token` (TokenRequest) and pods' `log` (what the simulated kubelet recorded). `status` goes through the
ordinary verbs: the lifecycle keeps spec and status apart."""

from __future__ import annotations

import copy
from typing import Any

from aiohttp import web

from minikube_py.api import errors

from . import negotiation
from .lifecycle import now_rfc3339
from .rest import Context, ResourceVerbs

Object = dict[str, Any]
SCALABLE = {"Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"}


def scale_of(obj: Object) -> Object:
    """The autoscaling/v1 Scale view of a workload."""
    metadata = obj["metadata"]
    spec, status = obj.get("spec") or {}, obj.get("status") or {}
    selector = spec.get("selector") or {}
    if obj["kind"] == "ReplicationController":
        selector_text = ",".join(f"{k}={v}" for k, v in sorted(selector.items()))
    else:
        from minikube_py.api.labels import from_label_selector

        selector_text = str(from_label_selector(selector)) if selector else ""
    scale_status: Object = {"replicas": int(status.get("replicas", 0))}
    if selector_text:
        scale_status["selector"] = selector_text
    return {"kind": "Scale", "apiVersion": "autoscaling/v1",
            "metadata": {key: metadata[key] for key in ("name", "namespace", "uid", "resourceVersion",
                                                        "creationTimestamp") if key in metadata},
            "spec": {"replicas": int(spec.get("replicas", 0))}, "status": scale_status}


class Subresources:
    def __init__(self, verbs: ResourceVerbs, signing_key: bytes | None, issuers: list[str]) -> None:
        self.verbs = verbs
        self.signing_key = signing_key
        self.issuers = issuers

    async def scale(self, ctx: Context, method: str, body: Any, content_type: str) -> web.Response:
        if ctx.resource.kind not in SCALABLE and ctx.resource.schema_name is not None:
            raise errors.page_not_found()
        storage = self.verbs.storage
        if method == "GET":
            return negotiation.respond(scale_of(await storage.get(ctx.resource, ctx.namespace, ctx.info.name)))

        async def change(current: Object) -> Object:
            scale = scale_of(current)
            if method == "PUT":
                wanted = body
            else:
                wanted = _patch(scale, body, content_type)
            if not isinstance(wanted, dict) or not isinstance((wanted.get("spec") or {}).get("replicas", 0), int):
                raise errors.bad_request("the body of a Scale must be an autoscaling/v1 Scale object")
            replicas = (wanted.get("spec") or {}).get("replicas", 0)
            version = (wanted.get("metadata") or {}).get("resourceVersion")
            if version and version != current["metadata"]["resourceVersion"]:
                raise errors.conflict(ctx.resource.plural, ctx.info.name, ctx.resource.group)
            if replicas < 0:
                raise errors.invalid("Scale", ctx.info.name, [errors.Cause(
                    "spec.replicas", "FieldValueInvalid", f"Invalid value: {replicas}: must be greater than or "
                    "equal to 0")], "autoscaling")
            updated = copy.deepcopy(current)
            updated.setdefault("spec", {})["replicas"] = replicas
            if updated != current:
                updated["metadata"]["generation"] = int(current["metadata"].get("generation", 0)) + 1
                self.verbs.record_managed(ctx, current, updated, "Update")
            return updated

        updated = await self.verbs._write(ctx, change)
        return negotiation.respond(scale_of(updated))

    async def binding(self, ctx: Context, body: Any) -> web.Response:
        """POST pods/<name>/binding: set spec.nodeName once (409 when the pod is bound already)."""
        target = ((body or {}).get("target") or {}).get("name", "") if isinstance(body, dict) else ""
        if not target:
            raise errors.invalid("Binding", ctx.info.name, [errors.Cause("target.name", "FieldValueRequired",
                                                                       "Required value")])

        async def change(current: Object) -> Object:
            if current["metadata"].get("deletionTimestamp"):
                raise errors.conflict("pods", ctx.info.name, "", "pod is being deleted, cannot be assigned to a host")
            bound = (current.get("spec") or {}).get("nodeName")
            if bound:
                raise errors.conflict("pods", ctx.info.name, "", f'pod {ctx.info.name} is already assigned to node '
                                      f'"{bound}"')
            updated = copy.deepcopy(current)
            updated["spec"]["nodeName"] = target
            conditions = [c for c in updated.setdefault("status", {}).get("conditions", ())
                          if c.get("type") != "PodScheduled"]
            conditions.append({"type": "PodScheduled", "status": "True", "lastProbeTime": None,
                               "lastTransitionTime": now_rfc3339()})
            updated["status"]["conditions"] = conditions
            return updated

        await self.verbs._write(ctx, change)
        return negotiation.respond(negotiation.success_status({}), 201)

    async def eviction(self, ctx: Context, body: Any) -> web.Response:
        """POST pods/<name>/eviction: delete the pod unless a PodDisruptionBudget forbids it now."""
        pod = await self.verbs.storage.get(ctx.resource, ctx.namespace, ctx.info.name)
        self._check_budgets(ctx, pod)
        options = (body or {}).get("deleteOptions") if isinstance(body, dict) else None
        options = options or {}
        grace = options.get("gracePeriodSeconds")
        await self.verbs.delete_object(ctx, ctx.info.name, grace, options.get("propagationPolicy", ""),
                                       options.get("preconditions") or {})
        return negotiation.respond(negotiation.success_status({}), 201)

    def _check_budgets(self, ctx: Context, pod: Object) -> None:
        from minikube_py.api.labels import from_label_selector

        registry = self.verbs.cache.registry
        budgets = registry.get("policy", "v1", "poddisruptionbudgets")
        if budgets is None or pod.get("status", {}).get("phase") in ("Succeeded", "Failed", "Pending"):
            return
        labels = pod["metadata"].get("labels") or {}
        for budget in self.verbs.cache.list(budgets, ctx.namespace):
            selector = (budget.get("spec") or {}).get("selector")
            if selector is None or not from_label_selector(selector).matches(labels):
                continue
            allowed = int((budget.get("status") or {}).get("disruptionsAllowed", 0))
            if allowed <= 0:
                name = budget["metadata"]["name"]
                raise errors.StatusError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's "
                                         "disruption budget.", {"causes": [{"reason": "DisruptionBudget",
                                                                            "message": f"The disruption budget {name} "
                                                                            f"needs {_needs(budget)} healthy pods and "
                                                                            f"has {_healthy(budget)} currently"}]})

    async def token(self, ctx: Context, body: Any) -> web.Response:
        """POST serviceaccounts/<name>/token: a bound token signed with the service-account key."""
        from .auth import tokens

        if self.signing_key is None:
            raise errors.StatusError(500, "InternalError", "Internal error occurred: no service account signing "
                                     "key (--service-account-signing-key-file)")
        body = body if isinstance(body, dict) else {}
        account = await self.verbs.storage.get(ctx.resource, ctx.namespace, ctx.info.name)
        bound, node = await self._bound_object(ctx, (body.get("spec") or {}).get("boundObjectRef"))
        answer = tokens.token_request(body, account, self.signing_key, issuer=self.issuers[0], bound_object=bound,
                                      node=node)
        return negotiation.respond(answer, 201)

    async def _bound_object(self, ctx: Context, reference: Object | None) -> tuple[Object | None, Object | None]:
        """The Pod or Secret a token is bound to (and a pod's Node), when the request names one."""
        if not reference or reference.get("kind") not in ("Pod", "Secret"):
            return None, None
        registry = self.verbs.cache.registry
        plural = "pods" if reference["kind"] == "Pod" else "secrets"
        try:
            obj = await self.verbs.storage.get(registry.get("", "v1", plural), ctx.namespace, reference.get("name", ""))
        except errors.StatusError:
            return None, None
        node_name = (obj.get("spec") or {}).get("nodeName") if plural == "pods" else None
        node = self.verbs.cache.get(registry.get("", "v1", "nodes"), "", node_name) if node_name else None
        return obj, node

    async def log(self, ctx: Context) -> web.Response:
        """GET pods/<name>/log: the simulated container's output (the node agent records it in an annotation
        until it serves logs itself)."""
        pod = await self.verbs.storage.get(ctx.resource, ctx.namespace, ctx.info.name)
        containers = [c["name"] for c in (pod.get("spec") or {}).get("containers", ())]
        container = ctx.query.get("container") or (containers[0] if len(containers) == 1 else "")
        if not container:
            raise errors.bad_request(f"a container name must be specified for pod {ctx.info.name}, choose one of: "
                                     f"[{' '.join(containers)}]")
        if container not in containers:
            raise errors.bad_request(f"container {container} is not valid for pod {ctx.info.name}")
        if not (pod.get("spec") or {}).get("nodeName") or pod.get("status", {}).get("phase") == "Pending":
            raise errors.bad_request(f'container "{container}" in pod "{ctx.info.name}" is waiting to start: '
                                     "ContainerCreating")
        return web.Response(text="", content_type="text/plain")


def _patch(scale: Object, body: Any, content_type: str) -> Object:
    from minikube_py.api.patch import json_patch, merge_patch

    kind = negotiation.media_type(content_type)
    if kind == "application/json-patch+json":
        return json_patch.apply(scale, body)
    if kind in ("application/merge-patch+json", "application/strategic-merge-patch+json"):
        return merge_patch.apply(scale, body)
    if kind == "application/apply-patch+yaml":
        return merge_patch.apply(scale, body)
    raise errors.unsupported_media_type("application/json-patch+json, application/merge-patch+json, "
                                        "application/strategic-merge-patch+json, application/apply-patch+yaml")


def _needs(budget: Object) -> int:
    return int((budget.get("status") or {}).get("desiredHealthy", 0))


def _healthy(budget: Object) -> int:
    return int((budget.get("status") or {}).get("currentHealthy", 0))
