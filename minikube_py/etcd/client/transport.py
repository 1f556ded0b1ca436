"""A small blocking HTTP/1.1 client over a socket (optionally TLS with a client certificate), made for
short-lived command-line tools: it imports only socket (and ssl when the endpoint is https), keeps one
connection alive for several requests, and streams chunked responses line by line (the etcd gateway's
watch/keepalive/snapshot streams are newline-separated JSON messages).

Errors are `TransportError`s whose message names the cause (refused, timeout, TLS verification).

The value types are named tuples rather than dataclasses, and typing is not imported at run time: on a
CLI's start-up path dataclasses (through inspect) and typing cost more than socket itself."""

from __future__ import annotations

import socket
from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ssl
    from collections.abc import Iterator


class TransportError(Exception):
    """The request did not get an HTTP answer: could not connect, timed out, TLS failed, connection lost."""


class TimeoutError_(TransportError):
    """No answer within the deadline (etcdctl: context deadline exceeded)."""


class TLSFileError(Exception):
    """A local certificate/key problem found before connecting (etcdctl exits 128 on these)."""


class Endpoint(namedtuple("Endpoint", "scheme host port")):
    scheme: str
    host: str
    port: int
    __slots__ = ()

    @classmethod
    def parse(cls, text: str, *, secure_default: bool = False) -> Endpoint:
        """`http://h:p`, `https://h:p`, `unix://...` is not supported; `h:p` uses https when TLS is configured."""
        scheme, sep, rest = text.partition("://")
        if not sep:
            scheme, rest = ("https" if secure_default else "http"), text
        rest = rest.rstrip("/")
        host, _, port = rest.rpartition(":")
        if not host:
            host, port = rest, ("443" if scheme == "https" else "80")
        return cls(scheme, host.strip("[]"), int(port))

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


class TLSConfig(namedtuple("TLSConfig", "cacert cert key insecure_skip_verify",
                           defaults=("", "", "", False))):
    cacert: str
    cert: str
    key: str
    insecure_skip_verify: bool
    __slots__ = ()

    @property
    def configured(self) -> bool:
        return bool(self.cacert or self.cert or self.key or self.insecure_skip_verify)

    def context(self) -> ssl.SSLContext:
        """The client SSL context; raises TLSFileError with Go's wording for missing or mismatched files."""
        import ssl

        if bool(self.cert) != bool(self.key):
            raise TLSFileError(f"KeyFile and CertFile must both be present[key: {self.key}, cert: {self.cert}]")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        if self.insecure_skip_verify:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        for path in (self.cacert, self.cert, self.key):
            if path:
                _readable(path)
        try:
            if self.cacert:
                context.load_verify_locations(cafile=self.cacert)
            elif not self.insecure_skip_verify:
                context.load_default_certs()
        except ssl.SSLError as err:
            raise TLSFileError(f"failed to load CA bundle {self.cacert}: {err.reason or err}") from None
        if self.cert:
            try:
                context.load_cert_chain(self.cert, self.key)
            except ssl.SSLError as err:
                if "KEY_VALUES_MISMATCH" in str(err) or "key values mismatch" in str(err):
                    raise TLSFileError("tls: private key does not match public key") from None
                raise TLSFileError(f"tls: failed to find any PEM data in {self.cert} or {self.key}") from None
        return context


def _readable(path: str) -> None:
    try:
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        raise TLSFileError(f"open {path}: no such file or directory") from None
    except PermissionError:
        raise TLSFileError(f"open {path}: permission denied") from None


class Response(namedtuple("Response", "status headers body")):
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    __slots__ = ()


class Connection:
    """One keep-alive connection to one endpoint."""

    def __init__(self, endpoint: Endpoint, tls: TLSConfig | None = None, *, dial_timeout: float = 2.0,
                 timeout: float | None = 5.0, context: ssl.SSLContext | None = None) -> None:
        """`context`: an SSL context already made from `tls` (several connections can share one)."""
        self.endpoint = endpoint
        self._tls = tls or TLSConfig()
        self._context = (context or self._tls.context()) if endpoint.scheme == "https" else None
        self.dial_timeout = dial_timeout
        self.timeout = timeout
        self._sock: socket.socket | None = None
        self._reader = None

    def _connect(self) -> None:
        endpoint = self.endpoint
        try:
            # an ASCII host goes as bytes: a str would make getaddrinfo load the idna codec (start-up time)
            host = endpoint.host.encode("ascii") if endpoint.host.isascii() else endpoint.host
            sock = socket.create_connection((host, endpoint.port), timeout=self.dial_timeout)
        except TimeoutError:
            raise TimeoutError_(f"dial tcp {endpoint.host}:{endpoint.port}: i/o timeout") from None
        except OSError as err:
            reason = "connect: connection refused" if isinstance(err, ConnectionRefusedError) else str(err)
            raise TransportError(f"dial tcp {endpoint.host}:{endpoint.port}: {reason}") from None
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self._context is not None:
            import ssl

            try:
                sock = self._context.wrap_socket(sock, server_hostname=endpoint.host)
            except ssl.SSLCertVerificationError as err:
                sock.close()
                raise TransportError(f"x509: {_verify_reason(err)}") from None
            except (ssl.SSLError, OSError) as err:
                sock.close()
                raise TransportError(f"remote error: tls: {_alert(err)}") from None
        sock.settimeout(self.timeout)
        self._sock, self._reader = sock, sock.makefile("rb")

    def close(self) -> None:
        if self._sock is not None:
            self._reader.close()  # type: ignore[union-attr]
            self._sock.close()
            self._sock = self._reader = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
                ) -> Response:
        """Send a request and read the whole answer (retrying once on a keep-alive connection the server
        closed meanwhile)."""
        for attempt in (0, 1):
            fresh = self._sock is None
            try:
                status, response_headers = self._send(method, path, body, headers)
                return Response(status, response_headers, self._read_body(response_headers))
            except TransportError:
                self.close()
                if fresh or attempt:
                    raise
        raise AssertionError("unreachable")

    def stream(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
               ) -> tuple[int, dict[str, str], Iterator[bytes]]:
        """Send a request; return the status, headers and an iterator of the body's lines (without the
        newline) as they arrive. The connection is used up by the stream."""
        status, response_headers = self._send(method, path, body, headers)
        return status, response_headers, self._lines(response_headers)

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str] | None
              ) -> tuple[int, dict[str, str]]:
        fresh = self._sock is None
        if fresh:
            self._connect()
        endpoint = self.endpoint
        lines = [f"{method} {path} HTTP/1.1", f"Host: {endpoint.host}:{endpoint.port}",
                 f"Content-Length: {len(body)}", "User-Agent: mketcdctl"]
        lines.extend(f"{name}: {value}" for name, value in (headers or {}).items())
        try:
            self._sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)  # type: ignore[union-attr]
            status_line = self._reader.readline()  # type: ignore[union-attr]
            if not status_line:  # closed before answering; Go's net/http says "EOF"
                raise TransportError(_refused_certificate() if fresh and self._context else "EOF")
            status = int(status_line.split(b" ", 2)[1])
            response_headers: dict[str, str] = {}
            while True:
                line = self._reader.readline()  # type: ignore[union-attr]
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                response_headers[name.strip().lower()] = value.strip()
            return status, response_headers
        except TimeoutError:
            raise TimeoutError_("context deadline exceeded") from None
        except (OSError, ValueError, IndexError) as err:
            if self._context is not None and _is_tls_alert(err):  # TLS 1.3: a refused client certificate
                raise TransportError(f"remote error: tls: {_alert(err)}") from None
            if fresh and self._context is not None and isinstance(err, ConnectionError):
                raise TransportError(_refused_certificate()) from None
            raise TransportError(f"connection lost: {err}") from None

    def _read_body(self, headers: dict[str, str]) -> bytes:
        try:
            if headers.get("transfer-encoding", "").lower() == "chunked":
                return b"".join(self._chunks())
            length = headers.get("content-length")
            if length is not None:
                return self._exact(int(length))
            data = self._reader.read()  # type: ignore[union-attr]
            self.close()
            return data
        except TimeoutError:
            raise TimeoutError_("context deadline exceeded") from None
        except OSError as err:
            raise TransportError(f"connection lost: {err}") from None

    def _exact(self, size: int) -> bytes:
        data = self._reader.read(size)  # type: ignore[union-attr]
        if len(data) != size:
            raise TransportError("connection closed by the server")
        return data

    def _chunks(self) -> Iterator[bytes]:
        while True:
            size_line = self._reader.readline()  # type: ignore[union-attr]
            if not size_line:
                raise TransportError("connection closed by the server")
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                while self._reader.readline() not in (b"\r\n", b"\n", b""):  # type: ignore[union-attr]
                    pass  # trailers
                return
            chunk = self._exact(size)
            self._exact(2)
            yield chunk

    def _lines(self, headers: dict[str, str]) -> Iterator[bytes]:
        pending = b""
        try:
            source = self._chunks() if headers.get("transfer-encoding", "").lower() == "chunked" \
                else iter(lambda: self._reader.read1(65536), b"")  # type: ignore[union-attr]
            for chunk in source:
                pending += chunk
                *complete, pending = pending.split(b"\n")
                yield from (line for line in complete if line.strip())
        except TimeoutError:
            raise TimeoutError_("context deadline exceeded") from None
        except OSError as err:
            raise TransportError(f"connection lost: {err}") from None
        if pending.strip():
            yield pending


def _verify_reason(err: Exception) -> str:
    message = getattr(err, "verify_message", "") or str(err)
    if "unable to get local issuer" in message or "self-signed" in message or "self signed" in message:
        return "certificate signed by unknown authority"
    if "Hostname mismatch" in message or "IP address mismatch" in message:
        return f"certificate is not valid for the requested host ({message})"
    if "expired" in message:
        return "certificate has expired or is not yet valid"
    return message


def _refused_certificate() -> str:
    """A TLS 1.3 server that refuses the client's certificate may just close the connection after the
    handshake (Python's asyncio servers do, without the alert Go sends): the cause is the same."""
    return "remote error: tls: bad certificate"


def _is_tls_alert(err: Exception) -> bool:
    import ssl

    return isinstance(err, ssl.SSLError) and "ALERT" in str(err)


def _alert(err: Exception) -> str:
    text = str(err).lower()
    if "certificate required" in text or "handshake failure" in text:
        return "bad certificate"
    if "unknown ca" in text or "bad certificate" in text or "certificate unknown" in text:
        return "bad certificate"
    if "wrong version number" in text or "record layer failure" in text:
        return "first record does not look like a TLS handshake"
    return text or "handshake failure"
