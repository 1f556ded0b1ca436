"""The Kubernetes client mkctl's commands call (standard library only at import time).

- `kubeconfig`: `load` the kubeconfig files, `connection(config, Overrides(...))` -> `Connection`.
- `config_commands`: `kubectl config ...` as pure functions returning a `ConfigResult`.
- `transport`: `Transport`, HTTP/1.1 + TLS to the server, kubectl's connection-failure texts.
- `rest`: `Client`, the REST verbs over `Resource`s (get, list, watch, create, update, patch, delete, raw).
- `discovery`: `Discovery`, the server's resources as a Registry (disk-cached) and `resolve`.
- `errors`: `ClientError` and its kinds (`ConfigError`, `ServerUnreachable`, `APIError`, `ResourceTypeNotFound`),
  each carrying the exact text kubectl prints.

Typical use:

    config = kubeconfig.load(flags.kubeconfig)
    conn = kubeconfig.connection(config, kubeconfig.Overrides(namespace=flags.namespace))
    client = Client.connect(conn)
    pods = Discovery(client, default_cache_dir()).resolve("po")
    table = client.list(pods, conn.namespace, accept=rest.TABLE)
"""

from .errors import APIError, ClientError, ConfigError, ResourceTypeNotFound, ServerUnreachable
from .kubeconfig import Connection, KubeConfig, Overrides
from .rest import Client
from .transport import Transport

__all__ = [
    "APIError", "Client", "ClientError", "ConfigError", "Connection", "KubeConfig", "Overrides",
    "ResourceTypeNotFound", "ServerUnreachable", "Transport",
]
