"""Kubernetes API errors as exceptions carrying the `Status` object the apiserver answers with.

`str(err)` is the Status message, the text kubectl prints after `Error from server (<reason>): `. The
factories below build the exact messages Kubernetes' apimachinery (`k8s.io/apimachinery/pkg/api/errors`)
writes for each reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cause:
    """One field-level problem of an Invalid (422) error: `field: <type>: <detail>`."""

    field: str
    type: str      # "FieldValueInvalid", "FieldValueRequired", ... (StatusCause.reason)
    message: str   # the whole text as Kubernetes prints it: 'Invalid value: "Web": a lowercase ...'

    def status_cause(self) -> dict[str, str]:
        return {"reason": self.type, "message": self.message, "field": self.field}

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class StatusError(Exception):
    """A failed request: HTTP `code`, Status `reason`, `message` and optional `details`."""

    def __init__(self, code: int, reason: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code, self.reason, self.message, self.details = code, reason, message, details

    def status(self) -> dict[str, Any]:
        body: dict[str, Any] = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                "message": self.message}
        if self.reason:
            body["reason"] = self.reason
        if self.details:
            body["details"] = self.details
        body["code"] = self.code
        return body


def qualified(resource: str, group: str) -> str:
    """`pods`, `deployments.apps`: a group-resource as Kubernetes names it in messages."""
    return f"{resource}.{group}" if group else resource


def _details(name: str, group: str, kind: str) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if name:
        details["name"] = name
    if group:
        details["group"] = group
    details["kind"] = kind
    return details


def not_found(resource: str, name: str, group: str = "") -> StatusError:
    return StatusError(404, "NotFound", f'{qualified(resource, group)} "{name}" not found',
                       _details(name, group, resource))


def already_exists(resource: str, name: str, group: str = "") -> StatusError:
    return StatusError(409, "AlreadyExists", f'{qualified(resource, group)} "{name}" already exists',
                       _details(name, group, resource))


def conflict(resource: str, name: str, group: str = "", why: str = "") -> StatusError:
    why = why or "the object has been modified; please apply your changes to the latest version and try again"
    message = f'Operation cannot be fulfilled on {qualified(resource, group)} "{name}": {why}'
    return StatusError(409, "Conflict", message, _details(name, group, resource))


def invalid(kind: str, name: str, causes: list[Cause], group: str = "") -> StatusError:
    """422 `Pod "x" is invalid: <cause>` or, with several, `... is invalid: [<cause>, <cause>]`."""
    texts = [str(cause) for cause in causes]
    listed = texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"
    qualified_kind = f"{kind}.{group}" if group else kind
    details = _details(name, group, kind)
    details["causes"] = [cause.status_cause() for cause in causes]
    return StatusError(422, "Invalid", f'{qualified_kind} "{name}" is invalid: {listed}', details)


def bad_request(message: str) -> StatusError:
    return StatusError(400, "BadRequest", message)


def forbidden(message: str, resource: str = "", name: str = "", group: str = "") -> StatusError:
    return StatusError(403, "Forbidden", message, _details(name, group, resource) if resource else None)


def unauthorized() -> StatusError:
    return StatusError(401, "Unauthorized", "Unauthorized")


def method_not_supported(resource: str, verb: str, group: str = "") -> StatusError:
    return StatusError(405, "MethodNotAllowed", f"{verb} is not supported on resources of kind "
                       f'"{qualified(resource, group)}"', {"group": group, "kind": resource} if group else
                       {"kind": resource})


def gone(message: str) -> StatusError:
    return StatusError(410, "Expired", message)


def unsupported_media_type(accepted: str = "application/json, application/yaml, application/vnd.kubernetes.protobuf"
                           ) -> StatusError:
    """415 as the apiserver words it, listing the media types it would have read."""
    return StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
                       f"media types include: {accepted}")


def page_not_found() -> StatusError:
    return StatusError(404, "NotFound", "the server could not find the requested resource", {})


def internal(message: str) -> StatusError:
    return StatusError(500, "InternalError", f"Internal error occurred: {message}",
                       {"causes": [{"message": message}]})


def too_many_requests(message: str) -> StatusError:
    return StatusError(429, "TooManyRequests", message)
