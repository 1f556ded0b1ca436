"""The client's errors, each carrying the exact text kubectl prints for it (stderr, exit code 1).

`ClientError.message` is the whole text without the final newline (several lines for an Invalid error with
several causes); `str(err)` is the same text. Kubernetes API failures are `APIError`s carrying the `Status`
the server answered with (or the one client-go makes up when the body is not a Status)."""

from __future__ import annotations

import json
from typing import Any

_GENERIC = {  # client-go's NewGenericServerResponse: (reason, message) by HTTP code ("" keeps the server's text)
    400: ("BadRequest", "the server rejected our request for an unknown reason"),
    401: ("Unauthorized", "the server has asked for the client to provide credentials"),
    403: ("Forbidden", ""),
    404: ("NotFound", "the server could not find the requested resource"),
    405: ("MethodNotAllowed", "the server does not allow this method on the requested resource"),
    406: ("NotAcceptable", ""),
    415: ("UnsupportedMediaType", ""),
    422: ("Invalid", "the server rejected our request due to an error in our request"),
    429: ("TooManyRequests", "the server has received too many requests and has asked us to try again later"),
    503: ("ServiceUnavailable", "the server is currently unable to handle the request"),
    504: ("Timeout", "the server was unable to return a response in the time allotted, but may still be "
                     "processing the request"),
}


class ClientError(Exception):
    """Any failure the user sees as one message (kubectl: printed to stderr, exit code 1)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(ClientError):
    """A kubeconfig problem: `error: ...` or `Error in configuration: ...`."""


class ServerUnreachable(ClientError):
    """The connection could not be made or broke: `The connection to the server ... was refused ...`,
    `Unable to connect to the server: ...`."""


class ResourceTypeNotFound(ClientError):
    """`error: the server doesn't have a resource type "foo"` (`... in group "g"`, `... and version "v"`)."""

    def __init__(self, text: str, group: str = "", version: str = "") -> None:
        message = f'error: the server doesn\'t have a resource type "{text}"'
        if group:
            message += f' in group "{group}"' + (f' and version "{version}"' if version else "")
        super().__init__(message)
        self.text = text


def invalid_configuration(problems: list[str]) -> ConfigError:
    """kubectl's `Error in configuration: ` with one problem on the same line, several as `* ` lines."""
    if len(problems) == 1:
        return ConfigError(f"Error in configuration: {problems[0]}")
    return ConfigError("Error in configuration: \n" + "\n".join(f"* {problem}" for problem in problems))


class APIError(ClientError):
    """A request the server refused. `status` is the Status dict; `code`, `reason`, `details` and
    `status_message` are its fields; `message` is kubectl's text (`Error from server (NotFound): ...`,
    `error: You must be logged in to the server (...)`, `The Pod "x" is invalid: ...`)."""

    def __init__(self, status: dict[str, Any]) -> None:
        self.status = status
        self.code: int = status.get("code") or 0
        self.reason: str = status.get("reason") or ""
        self.details: dict[str, Any] = status.get("details") or {}
        self.status_message: str = status.get("message") or ""
        super().__init__(_kubectl_text(self))

    @classmethod
    def from_response(cls, code: int, body: bytes, content_type: str = "", method: str = "GET") -> APIError:
        """The error of a failed response: its Status when the body is one, else client-go's generic error for
        the code (`the server has asked for the client to provide credentials` for a bare 401)."""
        try:
            status = json.loads(body)
        except ValueError:
            status = None
        if isinstance(status, dict) and status.get("kind") == "Status" and status.get("status") == "Failure":
            status.setdefault("code", code)
            return cls(status)
        text = body[:2048].decode("utf-8", "replace").strip() if content_type.startswith("text/") else ""
        return cls(generic_status(code, method, text or "unknown"))

    def with_source(self, verb: str, source: str) -> APIError:
        """kubectl's `AddSourceToErr`: the message prefixed `error when <verb> "<source>": ` (no-op without one)."""
        if not source:
            return self
        return APIError({**self.status, "message": f'error when {verb} "{source}": {self.status_message}'})


def generic_status(code: int, method: str, server_message: str) -> dict[str, Any]:
    """The Status client-go makes up for a failed response whose body is not a Status."""
    reason, message = _GENERIC.get(code, ("", ""))
    if code == 409:
        reason, message = ("AlreadyExists" if method == "POST" else "Conflict"), "the server reported a conflict"
    elif code in (403, 415):
        message = server_message
    elif code == 406:
        message = server_message if server_message != "unknown" else \
            "the server was unable to respond with a content type that the client supports"
    elif not reason:
        reason, message = ("InternalError", f'an error on the server ("{server_message}") has prevented the '
                           "request from succeeding") if code >= 500 else \
            ("", f"the server responded with the status code {code} but did not return more information")
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure", "message": message,
            "reason": reason, "details": {"causes": [{"reason": "UnexpectedServerResponse",
                                                      "message": server_message}]}, "code": code}


def _kubectl_text(error: APIError) -> str:
    """cmdutil.CheckErr's text for an API error."""
    if error.reason == "Invalid":
        return _invalid_text(error.status.get("details"), error.status_message)
    if error.reason == "Unauthorized":
        return f"error: You must be logged in to the server ({error.status_message})"
    if error.reason:
        return f"Error from server ({error.reason}): {error.status_message}"
    return f"Error from server: {error.status_message}"


def _invalid_text(details: dict[str, Any] | None, message: str) -> str:
    head = "The request is invalid"
    if details is None:
        return f"{head}: {message}" if message else head
    causes: list[str] = []
    for cause in details.get("causes") or ():
        line = f"{cause.get('field', '')}: {cause.get('message', '')}"
        if line not in causes:
            causes.append(line)
    kind, name = details.get("kind", ""), details.get("name", "")
    if kind or name:
        head = f"The {kind} {json.dumps(name)} is invalid"
    elif message and not causes:
        head += ": " + message
    if not causes:
        return head
    if len(causes) == 1:
        return f"{head}: {causes[0]}"
    return f"{head}: \n" + "\n".join(f"* {cause}" for cause in causes)
