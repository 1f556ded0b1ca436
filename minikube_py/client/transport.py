"""HTTP/1.1 to the apiserver: one kept-alive connection per `Transport`, TLS from the `Connection` (the cluster
CA or the system's, the client certificate, `insecure-skip-tls-verify`, `tls-server-name`), the bearer token,
`User-Agent: mkctl/<version>`, the request timeout, and connection failures turned into `ServerUnreachable` with
kubectl's text. Streams (watch, `logs -f`) use a connection of their own.

Nothing here knows about Kubernetes paths or objects: see `rest` for that."""

from __future__ import annotations

import http.client
import os
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from minikube_py import __version__

from .errors import ConfigError, ServerUnreachable
from .kubeconfig import Connection

USER_AGENT = f"mkctl/{__version__}"
Query = dict[str, Any] | list[tuple[str, Any]] | None

_UNKNOWN_AUTHORITY_CODES = {2, 18, 19, 20, 21}   # OpenSSL: no issuer / self-signed / unable to get local issuer
_TLS_ALERTS = {"UNKNOWN_CA": "unknown certificate authority", "BAD_CERTIFICATE": "bad certificate",
               "CERTIFICATE_REQUIRED": "certificate required", "CERTIFICATE_EXPIRED": "expired certificate",
               "HANDSHAKE_FAILURE": "handshake failure"}


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes = b""
    warnings: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    def json(self) -> Any:
        import json

        return json.loads(self.body)


class _HTTPSConnection(http.client.HTTPSConnection):
    """HTTPSConnection that verifies (and sends SNI for) `server_hostname` instead of the URL's host when the
    kubeconfig sets `tls-server-name`."""

    def __init__(self, host: str, port: int | None, *, context: ssl.SSLContext, timeout: float | None,
                 server_hostname: str) -> None:
        super().__init__(host, port, context=context, timeout=timeout)
        self._server_hostname = server_hostname

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self._server_hostname or self.host)


def ssl_context(conn: Connection) -> ssl.SSLContext:
    """The client TLS context of a connection: only the cluster CA when one is given (else the system's CAs), the
    client certificate and key loaded through a private temporary file (ssl reads them only from a path)."""
    if conn.insecure and conn.ca_data:
        raise ConfigError("error: specifying a root certificates file with the insecure flag is not allowed")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if conn.insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif conn.ca_data:
        try:
            context.load_verify_locations(cadata=conn.ca_data.decode("ascii", "replace"))
        except ssl.SSLError:
            raise ConfigError("error: unable to load root certificates: unable to parse bytes as PEM block") from None
    else:
        context.load_default_certs()
    if conn.cert_data and conn.key_data:
        _load_client_certificate(context, conn.cert_data, conn.key_data)
    return context


def _load_client_certificate(context: ssl.SSLContext, cert: bytes, key: bytes) -> None:
    """ssl reads a certificate chain only from a file: a private one (0600, a random name, removed at once)."""
    directory = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    path = os.path.join(directory, f"mkctl-{os.getpid()}-{os.urandom(8).hex()}.pem")
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as pem:
            pem.write(cert.rstrip(b"\n") + b"\n" + key)
        context.load_cert_chain(path)
    except ssl.SSLError:
        raise ConfigError("error: tls: failed to find any PEM data in certificate input") from None
    finally:
        os.unlink(path)


class Transport:
    """Requests to one server. `request` returns the whole `Response` (any status); `stream` yields the lines
    of a 200 response body as they arrive (or returns the failed response's `Response` through `on_error`)."""

    def __init__(self, conn: Connection, *, timeout: float | None = None, user_agent: str = USER_AGENT,
                 on_warning: Callable[[str], None] | None = None) -> None:
        self.conn = conn
        self.timeout = timeout or None
        self.user_agent = user_agent
        self.on_warning = on_warning
        parts = urlsplit(conn.server)
        self._scheme = parts.scheme or "https"
        self._host = parts.hostname or "localhost"
        self._port = parts.port
        self._base_path = parts.path.rstrip("/")
        self._context: ssl.SSLContext | None = None
        self._http: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def url(self, path: str, query: Query = None) -> str:
        """The request target: the server's path prefix, `path`, and the query (plus `timeout=` when a request
        timeout is set, as kubectl's `--request-timeout` does)."""
        pairs = list(query.items()) if isinstance(query, dict) else list(query or ())
        pairs = [(k, _query_value(v)) for k, v in pairs if v is not None]
        if self.timeout:
            pairs.append(("timeout", go_duration(self.timeout)))
        return self._base_path + path + ("?" + urlencode(pairs) if pairs else "")

    def request(self, method: str, path: str, *, query: Query = None, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Response:
        target = self.url(path, query)
        all_headers = self._headers(headers)
        for attempt in (0, 1):
            reused = self._http is not None
            connection = self._connection()
            try:
                _send(connection, method, target, body, all_headers)
                raw = connection.getresponse()
                data = raw.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as err:
                self.close()
                if reused and attempt == 0:
                    continue   # the server closed the kept-alive connection: once more on a new one
                raise self._unreachable(err) from None
            except (OSError, http.client.HTTPException) as err:
                self.close()
                raise self._unreachable(err) from None
            if raw.will_close:
                self.close()
            return self._response(raw, data)
        raise AssertionError("unreachable")

    def stream(self, method: str, path: str, *, query: Query = None, body: bytes | None = None,
               headers: dict[str, str] | None = None) -> Iterator[Response | bytes]:
        """First the `Response` (headers only, its `body` read fully when the status is not 200), then each line
        of the body as it arrives. Closing the generator closes the stream's connection."""
        connection = self._new_connection(timeout=None)
        try:
            try:
                _send(connection, method, self.url(path, query), body, self._headers(headers))
                raw = connection.getresponse()
            except (OSError, http.client.HTTPException) as err:
                raise self._unreachable(err) from None
            if raw.status != 200:
                yield self._response(raw, raw.read())
                return
            yield self._response(raw, b"")
            while True:
                try:
                    line = raw.readline()
                except (OSError, http.client.HTTPException):
                    return
                if not line:
                    return
                yield line
        finally:
            connection.close()

    def _headers(self, extra: dict[str, str] | None) -> list[tuple[str, str]]:
        """The request's headers: User-Agent, Accept, the bearer token, impersonation (`--as`, `--as-group`,
        `--as-uid`), then `extra` (which replaces a header of the same name)."""
        headers = {"User-Agent": self.user_agent, "Accept": "application/json"}
        token = self.conn.bearer_token()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if self.conn.impersonate_user:
            headers["Impersonate-User"] = self.conn.impersonate_user
        if self.conn.impersonate_uid:
            headers["Impersonate-Uid"] = self.conn.impersonate_uid
        headers.update(extra or {})
        return [*headers.items(), *(("Impersonate-Group", group) for group in self.conn.impersonate_groups)]

    def _response(self, raw: http.client.HTTPResponse, data: bytes) -> Response:
        warnings = [_warning_text(value) for value in raw.headers.get_all("Warning") or ()]
        if self.on_warning is not None:
            for warning in warnings:
                self.on_warning(warning)
        return Response(raw.status, raw.headers, data, warnings)

    def _connection(self) -> http.client.HTTPConnection:
        if self._http is None:
            self._http = self._new_connection(self.timeout)
        return self._http

    def _new_connection(self, timeout: float | None) -> http.client.HTTPConnection:
        if self._scheme == "http":
            return http.client.HTTPConnection(self._host, self._port, timeout=timeout)
        if self._context is None:
            self._context = ssl_context(self.conn)
        return _HTTPSConnection(self._host, self._port, context=self._context, timeout=timeout,
                                server_hostname=self.conn.tls_server_name)

    def _unreachable(self, err: BaseException) -> ServerUnreachable:
        return ServerUnreachable(connection_error_text(err, self.conn.host_port))


def _send(connection: http.client.HTTPConnection, method: str, target: str, body: bytes | None,
          headers: list[tuple[str, str]]) -> None:
    """http.client's `request`, but with repeatable headers (one `Impersonate-Group` per group)."""
    connection.putrequest(method, target, skip_accept_encoding=True)
    for name, value in headers:
        connection.putheader(name, value)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)


def connection_error_text(err: BaseException, host_port: str) -> str:
    """kubectl's text for a request that got no answer."""
    if isinstance(err, ConnectionRefusedError):
        return f"The connection to the server {host_port} was refused - did you specify the right host or port?"
    if isinstance(err, ssl.SSLCertVerificationError):
        return f"Unable to connect to the server: tls: failed to verify certificate: x509: {_x509_text(err)}"
    if isinstance(err, ssl.SSLError):
        reason = err.reason or ""
        alert = next((text for key, text in _TLS_ALERTS.items() if reason.endswith("ALERT_" + key)), None)
        return f"Unable to connect to the server: {'remote error: tls: ' + alert if alert else err}"
    if isinstance(err, socket.gaierror):
        return f"Unable to connect to the server: dial tcp: lookup {host_port.rpartition(':')[0]}: no such host"
    if isinstance(err, TimeoutError):
        return "Unable to connect to the server: net/http: request canceled (Client.Timeout exceeded while " \
               "awaiting headers)"
    if isinstance(err, ConnectionResetError):
        return f"Unable to connect to the server: read tcp {host_port}: read: connection reset by peer"
    if isinstance(err, http.client.RemoteDisconnected):
        return "Unable to connect to the server: EOF"
    if isinstance(err, OSError) and err.strerror:
        return f"Unable to connect to the server: dial tcp {host_port}: connect: {err.strerror[:1].lower()}" \
               f"{err.strerror[1:]}"
    return f"Unable to connect to the server: {err}"


def _x509_text(err: ssl.SSLCertVerificationError) -> str:
    if err.verify_code in _UNKNOWN_AUTHORITY_CODES:
        return "certificate signed by unknown authority"
    if err.verify_code == 10:
        return "certificate has expired or is not yet valid"
    return err.verify_message or str(err)


def _warning_text(header: str) -> str:
    """The text of an RFC 7234 `Warning: 299 - "text"` header (kubectl prints `Warning: text`)."""
    code, _, rest = header.partition(" ")
    _, _, quoted = rest.partition(" ")
    return quoted.strip().removeprefix('"').removesuffix('"').replace('\\"', '"') if code == "299" else header


def _query_value(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def go_duration(seconds: float) -> str:
    """Go's time.Duration text: `5s`, `1m0s`, `1h0m0s`, `500ms`."""
    if seconds < 1:
        return f"{round(seconds * 1000)}ms"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    fraction = seconds - whole
    sec_text = f"{secs + fraction:g}" if fraction else str(secs)
    if hours:
        return f"{hours}h{minutes}m{sec_text}s"
    if minutes:
        return f"{minutes}m{sec_text}s"
    return f"{sec_text}s"
