"""Request bodies in, responses out: JSON, YAML and protobuf bodies decoded into objects; the Accept header
read for `as=Table`; JSON answers and Status errors as kube-apiserver sends them."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from multidict import CIMultiDict

from minikube_py.api import errors

JSON = "application/json"
YAML = "application/yaml"
PROTOBUF = "application/vnd.kubernetes.protobuf"


def patch_types(resource: Any) -> list[str]:
    """The PATCH media types a resource accepts (no strategic merge for custom resources: no patch keys)."""
    types = ["application/json-patch+json", "application/merge-patch+json"]
    if resource.schema_name is not None:
        types.append("application/strategic-merge-patch+json")
    return types + ["application/apply-patch+yaml"]


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def decode_body(raw: bytes, content_type: str, api_version: str = "", kind: str = "") -> Any:
    """The request body as Python data (objects as dicts); 415 for a media type the server does not read,
    400 for a body that does not parse. A protobuf body is read as the `kind` the URL names."""
    media = media_type(content_type) or JSON
    if media == PROTOBUF:
        from minikube_py.api.protobuf import decode_object

        return decode_object(raw, api_version, kind)
    if media in (JSON, "application/json-patch+json", "application/merge-patch+json",
                "application/strategic-merge-patch+json", "*/*"):
        try:
            return json.loads(raw or b"null")
        except ValueError as err:
            raise errors.bad_request(f"couldn't get version/kind; json parse error: {_json_error(err)}") from None
    if media in (YAML, "application/apply-patch+yaml", "text/yaml", "application/x-yaml"):
        import yaml

        try:
            return yaml.load(raw or b"", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as err:
            raise errors.bad_request(f"error converting YAML to JSON: {err}") from None
    raise errors.unsupported_media_type()


def decode_json_object(raw: bytes) -> tuple[Any, tuple[str, ...]]:
    """A JSON create/update body and the paths of the keys it repeats (strict decoding reports them); 400 for
    a body that does not parse, worded as decode_body words it."""
    from minikube_py.api.validation.duplicates import load_json

    try:
        body, duplicates = load_json(raw)
    except ValueError as err:
        raise errors.bad_request(f"couldn't get version/kind; json parse error: {_json_error(err)}") from None
    return body, tuple(duplicates)


def _json_error(err: ValueError) -> str:
    text = str(err)
    return text[0].lower() + text[1:] if text else text


def wants_table(accept: str) -> bool:
    """The client asked for a `meta.k8s.io` Table (kubectl's `get` does, with JSON as the fallback)."""
    for offer in accept.split(","):
        parameters = dict(part.strip().partition("=")[::2] for part in offer.split(";")[1:])
        if parameters.get("as") == "Table" and parameters.get("g", "meta.k8s.io") == "meta.k8s.io":
            return True
        if media_type(offer) in (JSON, "*/*", PROTOBUF, "application/*", ""):
            return False
    return False


def warning_headers(warnings: list[str]) -> CIMultiDict | None:
    """One `Warning: 299 - "<text>"` header per warning (RFC 7234 quoting), as the apiserver sends them and
    kubectl prints them (`Warning: <text>`)."""
    if not warnings:
        return None
    headers: CIMultiDict = CIMultiDict()
    for text in dict.fromkeys(warnings):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        headers.add("Warning", f'299 - "{quoted}"')
    return headers


def respond(data: Any, status: int = 200, headers: Any = None) -> web.Response:
    body = json.dumps(data, separators=(",", ":")).encode()
    if headers and "Content-Type" in headers:
        return web.Response(body=body, status=status, headers=headers)
    return web.Response(body=body, status=status, content_type=JSON, headers=headers)


def status_response(error: errors.StatusError) -> web.Response:
    return respond(error.status(), error.code)


def success_status(details: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details}
