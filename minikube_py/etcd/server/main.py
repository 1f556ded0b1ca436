"""`mk-etcd`: parse etcd's flags, open the data dir, establish the member's identity, serve the client URLs
(and metrics URLs) until SIGTERM/SIGINT, then stop cleanly: stop accepting, apply the queued writes,
close the store and end by that signal, as etcd does. Exit codes as etcd's: 1 could not start, 2 bad flags."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import ssl
import sys
import time
from urllib.parse import urlsplit

from aiohttp import web

from minikube_py import __version__
from minikube_py.etcd.membership import RECORD, Membership, MembershipError
from minikube_py.eventloop import use_fastest_loop
from minikube_py.flags.values import FlagError, HelpRequested
from minikube_py.store import DEFAULT_QUOTA, DataDirError, Store
from minikube_py.store.backend import store_path

from . import config as configuration
from . import gateway, streams, v2_api
from .config import Config, ConfigError, VersionRequested
from .http_common import ETCD_VERSION, add_plain_routes, cors_preflight, go_headers, not_found, page_not_found
from .member import EtcdMember

log = logging.getLogger("etcdmain")
flags_log = logging.getLogger("pkg/flags")
LOG_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warn": logging.WARNING, "error": logging.ERROR,
              "dpanic": logging.CRITICAL, "panic": logging.CRITICAL, "fatal": logging.CRITICAL}
SHUTDOWN_GRACE = 2.0  # seconds open streams (watches) get to finish when the member stops
REQUEST_OVERHEAD = 64 * 1024  # JSON and base64 around the largest request the store accepts


class StartError(Exception):
    """The member cannot start; the message says why."""


class _CapnslogFormatter(logging.Formatter):
    """etcd 3.4's default log lines: `2026-11-22 11:59:15.107157 I | etcdmain: message`."""

    def format(self, record: logging.LogRecord) -> str:
        moment = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.created))
        micros = int(record.created % 1 * 1_000_000)
        package = record.name.rsplit(".", 1)[-1]
        return f"{moment}.{micros:06d} {record.levelname[0]} | {package}: {record.getMessage()}"


def _server_tls(config: Config) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(config.cert_file, config.key_file)
        if config.client_cert_auth:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(cafile=config.trusted_ca_file)
    except (OSError, ssl.SSLError) as err:
        raise StartError(f"cannot load the TLS files (--cert-file, --key-file, --trusted-ca-file): {err}") from None
    return context


def _bootstrap(config: Config) -> Membership:
    """The membership a fresh data dir starts with; refused (StartError) before anything is written."""
    if config.initial_cluster_state == "existing":
        raise StartError("--initial-cluster-state=existing needs a data dir of that cluster's member")
    try:
        return Membership.bootstrap(config.name, config.initial_cluster, config.initial_advertise_peer_urls,
                                    config.initial_cluster_token)
    except MembershipError as err:
        raise StartError(str(err)) from None


def _membership(store: Store, config: Config, planned: Membership | None) -> Membership:
    """The data dir's recorded membership, else `planned` (or the flags') recorded now."""
    raw = store.get_cluster(RECORD)
    if raw is not None:
        membership = Membership.decode(raw)
        if not any(member.name == config.name for member in membership.members):
            log.warning("the data dir belongs to member %r; serving it as %r",
                        membership.members[0].name, config.name)
        return membership
    membership = planned or _bootstrap(config)
    store.put_cluster(RECORD, membership.encode())
    return membership


def _bind(url: str) -> socket.socket:
    """A listening socket for `url`; StartError with Go's message when the address cannot be had."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
    try:
        families = [info[0] for info in socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)]
    except socket.gaierror as err:
        raise StartError(f"listen tcp: lookup {host}: {err.strerror.lower()}") from None
    family = socket.AF_INET if socket.AF_INET in families else families[0]  # Go prefers IPv4 for a name
    try:
        return socket.create_server((host, port), family=family, backlog=128)
    except OSError as err:
        reason = os.strerror(err.errno).lower() if err.errno else str(err)
        raise StartError(f"listen tcp {host}:{port}: bind: {reason}") from None


def _bind_all(urls: list[str]) -> list[tuple[str, socket.socket]]:
    """Sockets for all `urls`, bound before the data dir is touched (as etcd binds its listeners first, so a
    port in use leaves no data dir behind); none stays open if one cannot be had."""
    bound: list[tuple[str, socket.socket]] = []
    try:
        for url in urls:
            bound.append((url, _bind(url)))
    except StartError:
        for _, sock in bound:
            sock.close()
        raise
    return bound


async def _listen(runner: web.AppRunner, bound: list[tuple[str, socket.socket]],
                  context: ssl.SSLContext | None) -> None:
    for url, sock in bound:
        site = web.SockSite(runner, sock, ssl_context=context if url.startswith("https://") else None)
        await site.start()
        log.info("serving client requests on %s", url)


def _application(member: EtcdMember, config: Config) -> web.Application:
    app = web.Application(client_max_size=config.max_request_bytes * 2 + REQUEST_OVERHEAD,
                          middlewares=[cors_preflight])
    app.on_response_prepare.append(go_headers(cors=True))
    add_plain_routes(app, member)
    gateway.add_routes(app, member)
    streams.add_routes(app, member, config.progress_notify_interval)
    if config.enable_v2:
        v2_api.add_routes(app, member)
    app.router.add_route("*", "/{tail:.*}", not_found)
    return app


async def serve(config: Config) -> int:
    """Serve until a stop signal; returns its number."""
    planned = None if os.path.exists(store_path(config.data_dir)) else _bootstrap(config)
    tls = _server_tls(config) if any(url.startswith("https") for url in config.listen_client_urls) else None
    client_sockets = _bind_all(config.listen_client_urls)
    metrics_sockets = _bind_all(config.listen_metrics_urls)
    try:
        store = Store(config.data_dir, quota_bytes=config.quota_backend_bytes or DEFAULT_QUOTA,
                      max_txn_ops=config.max_txn_ops, max_request_bytes=config.max_request_bytes)
    except DataDirError as err:
        raise StartError(str(err)) from None
    runners: list[web.AppRunner] = []
    member = None
    try:
        membership = _membership(store, config, planned)
        loop = asyncio.get_running_loop()
        member = EtcdMember(store, membership, name=config.name, client_urls=config.advertise_client_urls,
                            peer_urls=config.initial_advertise_peer_urls, loop=loop)
        store.set_lease_id_prefix(member.id & 0xFFFF)
        log.info("name = %s, data dir = %s, member id = %x, cluster id = %x, revision = %d",
                 config.name, config.data_dir, member.id, member.cluster_id, store.revision)
        for variable in config.environment:
            flags_log.info("recognized and used environment variable %s", variable)
        for variable in config.unrecognized_environment:
            flags_log.warning("unrecognized environment variable %s", variable)
        for flag in config.without_effect:
            log.info("flag --%s has no effect on a minikube-py member", flag)
        runner = web.AppRunner(_application(member, config), access_log=None, shutdown_timeout=SHUTDOWN_GRACE)
        await runner.setup()
        runners.append(runner)
        await _listen(runner, client_sockets, tls)
        if metrics_sockets:
            metrics = web.Application()
            metrics.on_response_prepare.append(go_headers(cors=False))
            add_plain_routes(metrics, member)
            metrics.router.add_route("*", "/{tail:.*}", page_not_found)
            metrics_runner = web.AppRunner(metrics, access_log=None)
            await metrics_runner.setup()
            runners.append(metrics_runner)
            await _listen(metrics_runner, metrics_sockets, None)
        member.start_chores(compaction_mode=config.auto_compaction_mode,
                            compaction_retention=config.compaction_retention())
        log.info("ready to serve client requests")
        received: asyncio.Future[int] = loop.create_future()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, lambda number=signum: received.done() or received.set_result(number))
        stop_signal = await received
        log.info("received %s: stopping", signal.Signals(stop_signal).name)
    finally:
        if member is not None:
            member.begin_stop()  # open watches end as etcd ends them, before the server closes
        for runner in runners:
            await runner.cleanup()
        if member is not None:
            await member.stop()
        else:
            store.close()
    return stop_signal


def main(argv: list[str] | None = None) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_CapnslogFormatter())
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    try:
        config = configuration.parse(sys.argv[1:] if argv is None else argv)
    except HelpRequested:  # as etcd: how to run it on stderr, the flags on stdout
        print(configuration.usage_line(), file=sys.stderr)
        print(configuration.flags_line())
        sys.exit(0)
    except FlagError as err:
        print(err, file=sys.stderr)
        print(configuration.usage_line(), file=sys.stderr)
        sys.exit(2)
    except VersionRequested:
        print(f"etcd Version: {ETCD_VERSION}\nmk-etcd Version: minikube-py {__version__}\n"
              f"Python Version: {sys.version.split()[0]}")
        sys.exit(0)
    except ConfigError as err:
        log.error("error verifying flags, %s. See 'mk-etcd --help'.", err)
        sys.exit(1)
    logging.getLogger().setLevel(LOG_LEVELS[config.log_level])
    use_fastest_loop()
    try:
        stop_signal = asyncio.run(serve(config))
    except StartError as err:
        log.critical("%s", err)
        sys.exit(1)
    # As etcd does once it has stopped cleanly: end by the signal that stopped it, so whoever sent it sees
    # the process killed by it.
    signal.signal(stop_signal, signal.SIG_DFL)
    os.kill(os.getpid(), stop_signal)
