"""One mkctl invocation as its command handler sees it: the command and its parsed flags and arguments, the
output streams, and — made only when first asked for — the kubeconfig, the connection (with the global flags'
overrides), the REST client and the server's discovery. A handler is `def run(session: Session) -> int`."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

    from minikube_py.api.registry import Resource
    from minikube_py.client import Client, Connection, KubeConfig
    from minikube_py.client.discovery import Discovery
    from minikube_py.flags.pflag import Command, Parsed


class Session:
    def __init__(self, command: Command, parsed: Parsed, stdout: TextIO | None = None,
                 stderr: TextIO | None = None) -> None:
        self.command = command
        self.args: list[str] = parsed.args
        self.dash_at = parsed.dash_at
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self._flags = command.flags()
        self._config: KubeConfig | None = None
        self._connection: Connection | None = None
        self._client: Client | None = None
        self._discovery: Discovery | None = None

    # -- flags ----------------------------------------------------------------------------------------------
    def flag(self, name: str) -> Any:
        """A flag's value (its default when not given)."""
        return self._flags[name]

    def given(self, name: str) -> bool:
        """Whether the command line set the flag."""
        flag = self._flags.lookup(name)
        return flag is not None and flag.changed

    # -- output ---------------------------------------------------------------------------------------------
    def out(self, text: str) -> None:
        self.stdout.write(text)

    def err(self, text: str) -> None:
        self.stderr.write(text)

    # -- the cluster ----------------------------------------------------------------------------------------
    @property
    def config(self) -> KubeConfig:
        if self._config is None:
            from minikube_py.client import kubeconfig

            self._config = kubeconfig.load(self.flag("kubeconfig"))
        return self._config

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            from minikube_py.client import kubeconfig

            self._connection = kubeconfig.connection(self.config, self.overrides())
        return self._connection

    def overrides(self) -> Any:
        """The global flags that override the kubeconfig."""
        from minikube_py.client.kubeconfig import Overrides

        own = self.command.local_flags()

        def global_flag(name: str) -> Any:
            """The global flag's value; a command declaring a flag of that name (`create rolebinding --user`,
            `config set-context --cluster`) hides the global one, as in kubectl."""
            return None if own.lookup(name) is not None else self.flag(name)

        insecure = global_flag("insecure-skip-tls-verify") if self.given("insecure-skip-tls-verify") else None
        return Overrides(context=global_flag("context") or "", cluster=global_flag("cluster") or "",
                         user=global_flag("user") or "", namespace=global_flag("namespace") or "",
                         server=global_flag("server") or "", token=global_flag("token") or "",
                         certificate_authority=global_flag("certificate-authority") or "",
                         client_certificate=global_flag("client-certificate") or "",
                         client_key=global_flag("client-key") or "", insecure_skip_tls_verify=insecure,
                         tls_server_name=global_flag("tls-server-name") or "", as_user=global_flag("as") or "",
                         as_uid=global_flag("as-uid") or "", as_groups=tuple(global_flag("as-group") or ()))

    def _warn(self, text: str) -> None:
        """A server warning, printed as kubectl prints it (stderr, `Warning: <text>`)."""
        self.stderr.write(f"Warning: {text}\n")

    @property
    def namespace(self) -> str:
        """The namespace of namespaced requests: -n, else the context's, else "default"."""
        return self.connection.namespace

    @property
    def client(self) -> Client:
        if self._client is None:
            from minikube_py.client import Client

            self._client = Client.connect(self.connection, timeout=_timeout(self.flag("request-timeout")),
                                          on_warning=self._warn)
        return self._client

    @property
    def discovery(self) -> Discovery:
        if self._discovery is None:
            from pathlib import Path

            from minikube_py.client.discovery import Discovery

            self._discovery = Discovery(self.client, Path(self.flag("cache-dir")))
        return self._discovery

    def resolve(self, text: str) -> Resource:
        """The resource a user's word names (`po`, `deployments.apps`, `Deployment`): kubectl's resolution,
        refetching discovery once when the cache does not know it."""
        return self.discovery.resolve(text)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _timeout(text: str) -> float | None:
    """`--request-timeout` ("0" none, "5s", "1m", a bare number of seconds)."""
    if not text or text == "0":
        return None
    from minikube_py.flags.values import parse_duration

    return parse_duration(text if text[-1].isalpha() else text + "s") or None
