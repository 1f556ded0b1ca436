"""One run of a v2 command: the global options (and their ETCDCTL_* environment variables, read after the
flags as etcdctl does), the command's own flags and arguments, and the v2 client they describe: endpoints
checked as Go's url.Parse checks them, TLS files loaded before anything is sent, the cluster synced first
unless --no-sync, and with --debug the lines etcdctl writes about it and the curl commands."""

from __future__ import annotations

import os
import sys

from minikube_py.etcd.client.transport import TLSConfig, TLSFileError
from minikube_py.etcd.client.v2 import Client, ClientError, NoEndpoints

from .commands import DEFAULT_ENDPOINTS, Command
from .errors import BAD_ARGS, BAD_CONNECTION, SERVER_ERROR, USAGE, ExitError, handle_error

TYPE_CHECKING = False  # typing is imported for type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


class Session:
    """What a command's handler works with."""

    def __init__(self, command: Command, options: dict[str, Any], flags: dict[str, Any],
                 args: list[str]) -> None:
        self.command, self.options, self.flags, self.args = command, options, flags, args

    @property
    def output(self) -> str:
        return self.options["output"]

    def key(self) -> str:
        """The first argument, which most commands require."""
        if not self.args:
            raise handle_error(BAD_ARGS, "key required")
        return self.args[0]

    def value(self) -> str:
        """The second argument, else standard input (etcdctl's argOrStdin)."""
        if len(self.args) > 1:
            return self.args[1]
        data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        if not data:
            raise handle_error(BAD_ARGS, "value required")
        return data.decode("utf-8", "surrogateescape")

    def tls(self) -> TLSConfig:
        return TLSConfig(self._option("ca-file", "ETCDCTL_CA_FILE"),
                         self._option("cert-file", "ETCDCTL_CERT_FILE"),
                         self._option("key-file", "ETCDCTL_KEY_FILE"))

    def client(self, *, sync: bool = True) -> Client:
        """The client etcdctl's mustNewClient (or, without `sync`, mustNewClientNoSync) makes."""
        debug = self.options["debug"]
        endpoints = self._endpoints()
        username, password = self._credentials()
        try:
            client = Client(endpoints, self.tls(), header_timeout=self.options["timeout"],
                            total_timeout=self.options["total-timeout"], username=username, password=password,
                            trace=_trace if debug else None)
        except TLSFileError as err:
            raise ExitError(USAGE, f"{err}\n") from None
        if sync and not self.options["no-sync"]:
            self._sync(client, debug)
        if debug:
            sys.stderr.write(f"Cluster-Endpoints: {', '.join(client.endpoints)}\n")
        return client

    def _sync(self, client: Client, debug: bool) -> None:
        if debug:
            sys.stderr.write(f"start to sync cluster using endpoints({','.join(client.endpoints)})\n")
        try:
            client.sync()
        except NoEndpoints as err:
            sys.stderr.write("etcd cluster has no published client endpoints.\nTry '--no-sync' if you want "
                             f"to access non-published client endpoints({','.join(client.endpoints)}).\n")
            raise handle_error(SERVER_ERROR, err) from None
        except ClientError as err:  # other failures are left to the command's own request, as etcdctl does
            if err.connection:
                raise handle_error(BAD_CONNECTION, err) from None
        if debug:
            sys.stderr.write(f"got endpoints({','.join(client.endpoints)}) after sync\n")

    def _option(self, name: str, variable: str) -> str:
        return self.options[name] or os.environ.get(variable, "")

    def _endpoints(self) -> list[str]:
        if self._option("discovery-srv", "ETCDCTL_DISCOVERY_SRV"):
            raise ExitError(USAGE, "mketcdctl: DNS discovery (--discovery-srv) is not supported; name the "
                                   "members with --endpoints\n")
        text = (self._option("endpoints", "ETCDCTL_ENDPOINTS") or self._option("endpoint", "ETCDCTL_ENDPOINT")
                or self._option("peers", "ETCDCTL_PEERS") or DEFAULT_ENDPOINTS)
        try:
            return [endpoint_url(part) for part in text.split(",")]
        except ValueError as err:
            raise ExitError(USAGE, f"{err}\n") from None

    def _credentials(self) -> tuple[str, str]:
        user = self._option("username", "ETCDCTL_USERNAME")
        if not user:
            return "", ""
        name, colon, password = user.partition(":")
        if not colon:
            from getpass import getpass

            password = getpass("Password: ")
        return name, password


def _trace(command: str) -> None:
    sys.stderr.write(f"cURL Command: {command}\n")


def endpoint_url(text: str) -> str:
    """An endpoint as etcdctl reads it: a URL, or a host with no scheme, which gets http; refused with Go's
    url.Parse messages ("127.0.0.1:2379" is a path whose first segment holds a colon)."""
    scheme = ""
    for position, char in enumerate(text):
        if char.isascii() and char.isalpha():
            continue
        if char.isascii() and (char.isdigit() or char in "+-.") and position > 0:
            continue
        if char == ":":
            if position == 0:
                raise ValueError(f'parse "{text}": missing protocol scheme')
            scheme = text[:position].lower()
        break
    if not scheme:
        if ":" in text.split("/", 1)[0]:
            raise ValueError(f'parse "{text}": first path segment in URL cannot contain colon')
        return f"http://{text}"
    rest = text[len(scheme) + 1:]
    if rest.startswith("//"):
        host = rest[2:].split("/", 1)[0]
        port = host.rpartition(":")[2] if ":" in host.rpartition("]")[2] else ""
        if port and not port.isdigit():
            raise ValueError(f'parse "{text}": invalid port ":{port}" after host')
    return scheme + text[len(scheme):]
