"""The apiserver's HTTP surface: authentication and authorization of every request, the non-resource paths
(`/version`, health, discovery, OpenAPI, metrics) and the dispatch of resource requests to the verbs and
subresources."""

from __future__ import annotations

import logging
import time
from typing import Any

from aiohttp import web

from minikube_py.api import errors
from minikube_py.api.registry import Registry, Resource

from . import negotiation
from .metrics import Metrics
from .requestinfo import RequestInfo, request_info
from .rest import Context, ResourceVerbs
from .subresources import Subresources

log = logging.getLogger("mk-apiserver")
MAX_BODY = 3 * 1024 * 1024   # kube-apiserver's request body limit
_HEALTH = ("ping", "log", "etcd", "poststarthook/start-apiextensions-controllers", "poststarthook/bootstrap-controller",
           "poststarthook/rbac/bootstrap-roles")


class Api:
    """Everything a request needs, built once by the server (`server.build`)."""

    def __init__(self, *, registry: Registry, verbs: ResourceVerbs, subresources: Subresources, authenticate: Any,
                 authorizer: Any, tokens: Any, issuer: str, public_keys: list[bytes], version: dict[str, str],
                 server_address: str, crd_schemas: Any) -> None:
        self.registry = registry
        self.verbs = verbs
        self.subresources = subresources
        self.authenticate = authenticate
        self.authorizer = authorizer
        self.tokens = tokens              # the ServiceAccount token authenticator (None without keys)
        self.issuer = issuer
        self.public_keys = public_keys
        self.version = version
        self.server_address = server_address
        self.crd_schemas = crd_schemas
        self.metrics = Metrics()
        self.ready = False

    def application(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        started = time.monotonic()
        info = request_info(request.method, request.path, request.query)
        code = 500
        if info.verb == "watch":
            self.metrics.watch_started(info)
        try:
            response = await self._serve(request, info)
            code = response.status
            return response
        except errors.StatusError as err:
            code = err.code
            return negotiation.status_response(err)
        except web.HTTPRequestEntityTooLarge:
            code = 413
            return negotiation.status_response(errors.StatusError(
                413, "RequestEntityTooLarge", f"Request entity too large: limit is {MAX_BODY}"))
        except Exception as err:  # noqa: BLE001 - one failed request must not take the server down
            log.exception("%s %s failed", request.method, request.path)
            code = 500
            return negotiation.status_response(errors.internal(str(err) or type(err).__name__))
        finally:
            if info.verb == "watch":
                self.metrics.watch_ended(info)
            self.metrics.observe(info, request.method, code, time.monotonic() - started)

    async def _serve(self, request: web.Request, info: RequestInfo) -> web.StreamResponse:
        transport = request.transport
        peercert = transport.get_extra_info("ssl_object").getpeercert(binary_form=True) if transport else None
        user = self.authenticate(peercert, request.headers.get("Authorization"))
        if any(header.lower().startswith("impersonate-") for header in request.headers):
            from .auth.impersonation import impersonate

            user = impersonate(user, request.headers.items(), self.authorizer)
        self._authorize(user, info)
        if info.resource_request:
            return await self._resource(request, info, user)
        return await self._non_resource(request, info)

    def _authorize(self, user: Any, info: RequestInfo) -> None:
        from .auth.rbac import RequestAttributes

        attributes = RequestAttributes(user=user, verb=info.verb, namespace=info.namespace, api_group=info.group,
                                       resource=info.resource, subresource=info.subresource, name=info.name,
                                       path=info.path, resource_request=info.resource_request)
        decision = self.authorizer.authorize(attributes)
        if not decision.allowed:
            from .auth.rbac import forbidden_message

            raise errors.forbidden(forbidden_message(attributes, decision.reason), info.resource, info.name,
                                   info.group)

    # -- non-resource paths -----------------------------------------------------------------------------
    async def _non_resource(self, request: web.Request, info: RequestInfo) -> web.StreamResponse:
        path = request.path.rstrip("/") or "/"
        if request.method not in ("GET", "HEAD"):
            raise errors.StatusError(405, "MethodNotAllowed", "the server does not allow this method on the "
                                     "requested resource")
        if path == "/version":
            return negotiation.respond(self.version)
        if path in ("/healthz", "/livez", "/readyz") or path.startswith(("/healthz/", "/livez/", "/readyz/")):
            return self._health(request, path)
        if path == "/metrics":
            return web.Response(body=self.metrics.render().encode(),
                                headers={"Content-Type": "text/plain; version=0.0.4; charset=utf-8"})
        if path in ("/api", "/apis") or path.startswith(("/api/", "/apis/")):
            return self._discovery(request, path)
        if path == "/openapi/v2" or path.startswith("/openapi/v3"):
            return self._openapi(request, path)
        if path in ("/.well-known/openid-configuration", "/openid/v1/jwks"):
            from .auth import tokens

            if path == "/openid/v1/jwks":
                return negotiation.respond(tokens.jwks(self.public_keys))
            return negotiation.respond(tokens.openid_configuration(self.issuer))
        if path == "/":
            paths = sorted({"/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/metrics", "/openapi/v2",
                            "/openapi/v3", "/version"} | {f"/apis/{g}" for g, _ in self.registry.group_versions() if g}
                           | {f"/apis/{g}/{v}" for g, v in self.registry.group_versions() if g})
            return negotiation.respond({"paths": paths})
        raise errors.page_not_found()

    def _health(self, request: web.Request, path: str) -> web.Response:
        if not self.ready:
            return web.Response(text="[-]poststarthook/bootstrap-controller failed: not finished\nhealthz check "
                                "failed\n", status=500, content_type="text/plain")
        if "verbose" in request.query:
            lines = [f"[+]{check} ok" for check in _HEALTH]
            name = path.strip("/").split("/")[0]
            return web.Response(text="\n".join(lines) + f"\n{name} check passed\n", content_type="text/plain")
        return web.Response(text="ok", content_type="text/plain")

    def _discovery(self, request: web.Request, path: str) -> web.Response:
        from minikube_py.api import discovery

        aggregated = "as=APIGroupDiscoveryList" in request.headers.get("Accept", "")
        parts = path.strip("/").split("/")
        if parts == ["api"]:
            if aggregated:
                return negotiation.respond(discovery.aggregated(self.registry, True), headers=_aggregated())
            return negotiation.respond(discovery.api_versions(self.server_address))
        if parts == ["apis"]:
            if aggregated:
                return negotiation.respond(discovery.aggregated(self.registry, False), headers=_aggregated())
            return negotiation.respond(discovery.group_list(self.registry))
        if parts[0] == "api" and len(parts) == 2:
            answer = discovery.resource_list(self.registry, "", parts[1])
        elif parts[0] == "apis" and len(parts) == 3:
            answer = discovery.resource_list(self.registry, parts[1], parts[2])
        elif parts[0] == "apis" and len(parts) == 2:
            answer = discovery.api_group(self.registry, parts[1])
        else:
            answer = None
        if answer is None:
            raise errors.page_not_found()
        return negotiation.respond(answer)

    def _openapi(self, request: web.Request, path: str) -> web.Response:
        from minikube_py.api import openapi

        schemas = self.crd_schemas()
        if path == "/openapi/v2":
            accept = request.headers.get("Accept", "")
            if "protobuf" in accept and "json" not in accept:
                # no protobuf form: answer as a server without the document, which kubectl handles (a 406 makes
                # its edit and apply validation fail)
                raise errors.page_not_found()
            return web.Response(body=openapi.v2_document_bytes(self.registry, schemas), content_type="application/json")
        rest = path.removeprefix("/openapi/v3").strip("/")
        if not rest:
            return negotiation.respond(openapi.v3_index(self.registry, schemas))
        parts = rest.split("/")
        document = None
        if parts[0] == "api" and len(parts) == 2:
            document = openapi.v3_document_bytes(self.registry, "", parts[1], schemas)
        elif parts[0] == "apis" and len(parts) == 3:
            document = openapi.v3_document_bytes(self.registry, parts[1], parts[2], schemas)
        if document is None:
            raise errors.page_not_found()
        return web.Response(body=document, content_type="application/json")

    # -- resources ----------------------------------------------------------------------------------------
    async def _resource(self, request: web.Request, info: RequestInfo, user: Any) -> web.StreamResponse:
        resource = self.registry.get(info.group, info.version, info.resource)
        if resource is None:
            raise errors.page_not_found()
        if info.subresource and resource.subresource(info.subresource) is None:
            raise errors.page_not_found()
        ctx = Context(request, info, resource, user)
        if resource.namespaced and not info.namespace and info.verb not in ("list", "watch"):
            raise errors.page_not_found()
        if not resource.namespaced and info.namespace and resource.kind != "Namespace":
            raise errors.page_not_found()
        if info.subresource:
            return await self._subresource(ctx, request)
        verb = info.verb
        if verb not in resource.verbs:
            raise errors.method_not_supported(resource.plural, verb, resource.group)
        if verb == "get":
            return await self.verbs.get(ctx)
        if verb == "list":
            return await self.verbs.list(ctx)
        if verb == "watch":
            return await self.verbs.watch(ctx)
        raw = await request.read()
        content_type = request.headers.get("Content-Type", "application/json")
        if verb == "patch":
            return await self.verbs.patch(ctx, raw, content_type)
        if raw and verb in ("create", "update") and negotiation.media_type(content_type) in ("", negotiation.JSON):
            body, ctx.duplicate_fields = negotiation.decode_json_object(raw)
        else:
            body = self._body(raw, content_type, resource, verb) if raw else None
        if verb == "create":
            if resource.kind.endswith(("Review",)):
                return await self._review(ctx, body)
            return await self.verbs.create(ctx, _object(body))
        if verb == "update":
            return await self.verbs.update(ctx, _object(body))
        if verb == "delete":
            return await self.verbs.delete(ctx, body)
        if verb == "deletecollection":
            return await self.verbs.delete_collection(ctx, body)
        raise errors.method_not_supported(resource.plural, verb, resource.group)

    def _body(self, raw: bytes, content_type: str, resource: Resource, verb: str) -> Any:
        """A create/update/delete body; protobuf read as the URL's kind (DeleteOptions for deletes), refused
        (415) for custom resources, as Kubernetes has no protobuf form of them."""
        if negotiation.media_type(content_type) == negotiation.PROTOBUF:
            if resource.schema_name is None and verb not in ("delete", "deletecollection"):
                raise errors.unsupported_media_type("application/json, application/yaml")
            if verb in ("delete", "deletecollection"):
                return negotiation.decode_body(raw, content_type, "meta.k8s.io/v1", "DeleteOptions")
            return negotiation.decode_body(raw, content_type, resource.group_version, resource.kind)
        return negotiation.decode_body(raw, content_type)

    async def _subresource(self, ctx: Context, request: web.Request) -> web.StreamResponse:
        name, method = ctx.info.subresource, request.method
        raw = await request.read() if method in ("POST", "PUT", "PATCH") else b""
        content_type = request.headers.get("Content-Type", "application/json")
        sub = ctx.resource.subresource(name)
        body = None
        if raw and method != "PATCH":
            sub_version = f"{sub.group}/{sub.version}" if sub.group else ctx.resource.group_version
            body = negotiation.decode_body(raw, content_type, sub_version.lstrip("/"), sub.kind)
        if name in ("status", "finalize", "approval", "ephemeralcontainers", "resize"):
            if method == "GET":
                return await self.verbs.get(ctx)
            if method == "PUT":
                return await self.verbs.update(ctx, _object(body))
            if method == "PATCH":
                return await self.verbs.patch(ctx, raw, content_type)
        elif name == "scale":
            if method == "PATCH":
                body = negotiation.decode_body(raw, content_type)
            if method in ("GET", "PUT", "PATCH"):
                return await self.subresources.scale(ctx, method, body, content_type)
        elif name == "binding" and method == "POST":
            return await self.subresources.binding(ctx, body)
        elif name == "eviction" and method == "POST":
            return await self.subresources.eviction(ctx, body)
        elif name == "token" and method == "POST":
            return await self.subresources.token(ctx, body)
        elif name == "log" and method == "GET":
            return await self.subresources.log(ctx)
        elif name in ("exec", "attach", "portforward", "proxy"):
            raise errors.bad_request(f"{name} is not supported: minikube-py runs no containers")
        raise errors.StatusError(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                                 "resource")

    async def _review(self, ctx: Context, body: Any) -> web.Response:
        from .auth import reviews

        answer = reviews.review(ctx.resource.kind, _object(body), ctx.user, self.authorizer, self.tokens,
                                ctx.info.namespace)
        return negotiation.respond(answer, 201)


def _object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise errors.bad_request("the body of the request must be a JSON or YAML object")
    return body


def _aggregated() -> dict[str, str]:
    from minikube_py.api.discovery import AGGREGATED_CONTENT_TYPE

    return {"Content-Type": AGGREGATED_CONTENT_TYPE}
