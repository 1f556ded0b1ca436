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

import importlib

# Public names and the module each lives in, imported on first use (PEP 562): `mkctl version --client` or
# `mkctl config view` must not pay for http.client and ssl.
_EXPORTS = {"APIError": "errors", "ClientError": "errors", "ConfigError": "errors",
            "ResourceTypeNotFound": "errors", "ServerUnreachable": "errors", "Connection": "kubeconfig",
            "KubeConfig": "kubeconfig", "Overrides": "kubeconfig", "Client": "rest", "Transport": "transport"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
