"""Assembling and running the apiserver: the etcd client, the watch cache, the storage, authentication,
RBAC, admission, the CRD registry, the bootstrap objects, and the HTTPS listener."""

from __future__ import annotations

import asyncio
import logging
import ssl
from pathlib import Path
from typing import Any

from aiohttp import web

from minikube_py.api.registry import builtin_registry
from minikube_py.etcd.client.aio import AsyncClient
from minikube_py.etcd.client.transport import TLSConfig
from minikube_py.etcd.client.v3 import EtcdError, Unavailable

from . import bootstrap, crds
from .admission_glue import Admission
from .app import Api
from .auth.authn import authenticate
from .auth.escalation import check_escalation
from .auth.rbac import RBACAuthorizer
from .auth.tokens import TokenAuthenticator
from .authorization import AuthorizerChain
from .cache import WatchCache
from .config import Config
from .rest import ResourceVerbs
from .services import ServiceAllocator
from .storage import Storage
from .subresources import Subresources

log = logging.getLogger("mk-apiserver")
ETCD_WAIT_SECONDS = 60.0


class StartupError(Exception):
    """The apiserver cannot start (etcd never answered); `str(err)` says why."""


def version_info(config: Config) -> dict[str, str]:
    major, minor, _ = config.kubernetes_version.lstrip("v").split(".", 2)
    return {"major": major, "minor": minor, "emulationMajor": major, "emulationMinor": minor,
            "minCompatibilityMajor": major, "minCompatibilityMinor": str(max(int(minor) - 1, 0)),
            "gitVersion": config.kubernetes_version, "gitCommit": "minikube-py", "gitTreeState": "clean",
            "buildDate": "2025-01-01T00:00:00Z", "goVersion": "python", "compiler": "cpython",
            "platform": "linux/amd64"}


class ApiServer:
    """One apiserver over the etcd members of `config`; `start()` then `stop()`."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.registry = builtin_registry()
        self.etcd = AsyncClient(config.etcd_servers, TLSConfig(config.etcd_cafile, config.etcd_certfile,
                                                               config.etcd_keyfile))
        self.cache = WatchCache(self.etcd, self.registry)
        self.storage = Storage(self.etcd, self.cache.wrote)
        self.custom = crds.CustomResources(self.registry, self.cache)
        self.verbs = ResourceVerbs(self.cache, self.storage, Admission(config.admission_plugins, self.cache),
                                   config)
        self.verbs.hooks += [ServiceAllocator(self.cache, config.service_cluster_ip_range, config.node_port_range),
                             crds.establish]
        self.verbs.custom_schema = self.custom.schema
        self.verbs.custom_columns = self.custom.printer_columns
        signing = Path(config.service_account_signing_key_file).read_bytes() \
            if config.service_account_signing_key_file else None
        self.public_keys = [Path(path).read_bytes() for path in config.service_account_key_files]
        self.tokens = TokenAuthenticator(self.public_keys, config.service_account_issuers, self.cache) \
            if self.public_keys else None
        authorizer = AuthorizerChain(config.authorization_modes, RBACAuthorizer(self.cache))
        self.verbs.hooks.append(lambda operation, ctx, obj, old: check_escalation(
            ctx.user, obj, old, authorizer, ctx.info.name) if operation in ("CREATE", "UPDATE") else None)
        self.api = Api(registry=self.registry, verbs=self.verbs,
                       subresources=Subresources(self.verbs, signing, config.service_account_issuers),
                       authenticate=self._authenticator(), authorizer=authorizer, tokens=self.tokens,
                       issuer=config.service_account_issuers[0], public_keys=self.public_keys,
                       version=version_info(config), server_address=f"{config.bind_address}:{config.secure_port}",
                       crd_schemas=lambda: dict(self.custom.schemas))
        self._runner: web.AppRunner | None = None

    def _authenticator(self) -> Any:
        tokens, anonymous = self.tokens, self.config.anonymous_auth
        return lambda peercert, authorization: authenticate(peercert, authorization, tokens, anonymous)

    def ssl_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.config.tls_cert_file, self.config.tls_private_key_file)
        if self.config.client_ca_file:
            context.load_verify_locations(cafile=self.config.client_ca_file)
            context.verify_mode = ssl.CERT_OPTIONAL
        context.set_alpn_protocols(["http/1.1"])
        return context

    async def start(self) -> None:
        """Load the cache (waiting for etcd to come up, as a static pod started beside it must), serve the
        CRDs, write the bootstrap objects, then listen."""
        deadline = asyncio.get_running_loop().time() + ETCD_WAIT_SECONDS
        while True:
            try:
                await self.cache.start()
                break
            except (Unavailable, EtcdError) as err:
                if asyncio.get_running_loop().time() > deadline:
                    raise StartupError(f"failed to reach etcd at {','.join(self.config.etcd_servers)} within "
                                       f"{ETCD_WAIT_SECONDS:.0f}s: {err.rpc_error}") from None
                log.warning("waiting for etcd at %s: %s", ",".join(self.config.etcd_servers), err.rpc_error)
                await asyncio.sleep(1.0)
        self.custom.load()
        await bootstrap.ensure(self)
        self.api.ready = True
        self._runner = web.AppRunner(self.api.application(), access_log=None, handle_signals=False,
                                     shutdown_timeout=5.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.bind_address, self.config.secure_port,
                           ssl_context=self.ssl_context(), backlog=1024)
        await site.start()
        log.info("serving securely on %s:%d", self.config.bind_address, self.config.secure_port)

    async def stop(self) -> None:
        """End the watches first (their streams close, as kube-apiserver's do on shutdown), then stop
        listening and let the requests in flight finish."""
        await self.cache.stop()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.etcd.close()


async def serve(config: Config, stopped: asyncio.Event) -> None:
    server = ApiServer(config)
    await server.start()
    try:
        await stopped.wait()
    finally:
        await server.stop()
