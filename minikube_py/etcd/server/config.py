"""`mk-etcd`'s configuration: etcd 3.4's flags with Go's syntax (and the ETCD_* environment variables
etcd reads), the ones this member implements and the ones it accepts without effect, so a kubeadm-style
etcd.yaml runs unchanged."""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from urllib.parse import urlsplit

from minikube_py.flags import goflag
from minikube_py.flags.values import Flag, FlagError, convert, parse_duration, parse_int

IMPLEMENTED = [
    Flag("name", "string", "default", "Human-readable name for this member."),
    Flag("data-dir", "string", "", "Path to the data directory (default: ${name}.etcd)."),
    Flag("listen-client-urls", "string", "http://localhost:2379", "List of URLs to listen on for client traffic."),
    Flag("advertise-client-urls", "string", "http://localhost:2379",
         "List of this member's client URLs to advertise to the public."),
    Flag("listen-peer-urls", "string", "http://localhost:2380", "List of URLs to listen on for peer traffic."),
    Flag("initial-advertise-peer-urls", "string", "http://localhost:2380",
         "List of this member's peer URLs to advertise to the rest of the cluster."),
    Flag("initial-cluster", "string", "", "Initial cluster configuration for bootstrapping."),
    Flag("initial-cluster-state", "string", "new", "Initial cluster state ('new' or 'existing')."),
    Flag("initial-cluster-token", "string", "etcd-cluster", "Initial cluster token for the etcd cluster."),
    Flag("cert-file", "string", "", "Path to the client server TLS cert file."),
    Flag("key-file", "string", "", "Path to the client server TLS key file."),
    Flag("trusted-ca-file", "string", "", "Path to the client server TLS trusted CA cert file."),
    Flag("client-cert-auth", "bool", False, "Enable client cert authentication."),
    Flag("quota-backend-bytes", "int", 0, "Raise alarms when backend size exceeds the given quota (0 = 2 GiB)."),
    Flag("auto-compaction-mode", "string", "periodic", "'periodic' or 'revision'."),
    Flag("auto-compaction-retention", "string", "0",
         "Auto compaction retention: hours or a duration (periodic), revisions (revision); 0 disables."),
    Flag("enable-v2", "bool", False, "Accept etcd V2 client requests."),
    Flag("max-txn-ops", "uint", 128, "Maximum number of operations permitted in a transaction."),
    Flag("max-request-bytes", "uint", 1536 * 1024, "Maximum client request size in bytes the server will accept."),
    Flag("listen-metrics-urls", "string", "", "List of URLs to listen on for the /metrics and /health endpoints."),
    Flag("experimental-watch-progress-notify-interval", "duration", 600.0,
         "Duration of periodic watch progress notifications."),
    Flag("log-level", "string", "info", "Configures log level: debug, info, warn, error."),
    Flag("version", "bool", False, "Print the version and exit."),
]

# Real etcd flags (3.4, and 3.5 ones kubeadm passes) that have no meaning for a member without raft, WAL,
# peers or gRPC: accepted, with one log line each.
NO_EFFECT = [
    "auth-token", "auth-token-ttl", "auto-tls", "backend-batch-interval", "backend-batch-limit", "bcrypt-cost",
    "cipher-suites", "client-cert-allowed-hostname", "client-crl-file", "cors", "debug", "discovery",
    "discovery-fallback", "discovery-proxy", "discovery-srv", "discovery-srv-name", "election-timeout",
    "enable-grpc-gateway", "enable-pprof", "experimental-backend-bbolt-freelist-type",
    "experimental-compaction-batch-limit", "experimental-corrupt-check-time",
    "experimental-enable-distributed-tracing", "experimental-enable-lease-checkpoint",
    "experimental-enable-v2v3", "experimental-initial-corrupt-check",
    "experimental-peer-skip-client-san-verification", "experimental-snapshot-catchup-entries",
    "experimental-warning-apply-duration", "force-new-cluster", "grpc-keepalive-interval",
    "grpc-keepalive-min-time", "grpc-keepalive-timeout", "heartbeat-interval", "host-whitelist",
    "initial-election-tick-advance", "log-outputs", "log-package-levels", "logger", "max-concurrent-streams",
    "max-snapshots", "max-wals", "metrics", "peer-auto-tls", "peer-cert-allowed-cn",
    "peer-cert-allowed-hostname", "peer-cert-file", "peer-client-cert-auth", "peer-crl-file", "peer-key-file",
    "peer-trusted-ca-file", "pre-vote", "proxy", "proxy-dial-timeout", "proxy-failure-wait",
    "proxy-read-timeout", "proxy-refresh-interval", "proxy-write-timeout", "snapshot-count",
    "strict-reconfig-check", "wal-dir",
]
# Their types in etcd (the others are strings): a value etcd would not parse is refused here too.
_NO_EFFECT_KINDS = {
    **dict.fromkeys(["auto-tls", "debug", "enable-grpc-gateway", "enable-pprof",
                     "experimental-enable-distributed-tracing", "experimental-enable-lease-checkpoint",
                     "experimental-initial-corrupt-check", "experimental-peer-skip-client-san-verification",
                     "force-new-cluster", "initial-election-tick-advance", "peer-auto-tls",
                     "peer-client-cert-auth", "pre-vote", "strict-reconfig-check"], "bool"),
    **dict.fromkeys(["auth-token-ttl", "bcrypt-cost", "election-timeout", "experimental-snapshot-catchup-entries",
                     "heartbeat-interval", "max-concurrent-streams", "max-snapshots", "max-wals",
                     "proxy-dial-timeout", "proxy-failure-wait", "proxy-read-timeout", "proxy-refresh-interval",
                     "proxy-write-timeout", "snapshot-count"], "uint"),
    **dict.fromkeys(["backend-batch-limit", "experimental-compaction-batch-limit"], "int"),
    **dict.fromkeys(["backend-batch-interval", "experimental-corrupt-check-time",
                     "experimental-warning-apply-duration", "grpc-keepalive-interval", "grpc-keepalive-min-time",
                     "grpc-keepalive-timeout"], "duration"),
}
_EMPTY = {"bool": False, "uint": 0, "int": 0, "duration": 0.0, "string": ""}

# Values etcd checks while parsing (its flag.Value types), beyond their Go type.
LOG_LEVELS = ("debug", "info", "warn", "error", "dpanic", "panic", "fatal")
_CHOICES = {"initial-cluster-state": ("new", "existing"), "discovery-fallback": ("exit", "proxy"),
            "proxy": ("off", "readonly", "on")}
_URL_FLAGS = {"listen-peer-urls", "listen-client-urls", "advertise-client-urls", "initial-advertise-peer-urls",
              "listen-metrics-urls", "cors"}


def _flags() -> list[Flag]:
    flags = list(IMPLEMENTED)
    for name in NO_EFFECT:
        kind = _NO_EFFECT_KINDS.get(name, "string")
        flags.append(Flag(name, kind, _EMPTY[kind]))
    for flag in flags:
        flag.env = "ETCD_" + flag.name.upper().replace("-", "_")
    return flags


class ConfigError(Exception):
    """A configuration etcd would refuse; the message is for the user (exit code 1)."""


class VersionRequested(Exception):
    """--version was given (etcd prints its version before it reads any ETCD_* variable)."""


@dataclass
class Config:
    name: str
    data_dir: str
    listen_client_urls: list[str]
    advertise_client_urls: list[str]
    initial_advertise_peer_urls: list[str]
    initial_cluster: str
    initial_cluster_state: str
    initial_cluster_token: str
    cert_file: str
    key_file: str
    trusted_ca_file: str
    client_cert_auth: bool
    quota_backend_bytes: int
    auto_compaction_mode: str
    auto_compaction_retention: str
    enable_v2: bool
    max_txn_ops: int
    max_request_bytes: int
    listen_metrics_urls: list[str]
    progress_notify_interval: float
    log_level: str
    without_effect: list[str]  # flags given that this member ignores
    environment: list[str]  # the ETCD_* variables used, as NAME=value
    unrecognized_environment: list[str]  # ETCD_* variables that name no flag, as NAME=value

    def compaction_retention(self) -> float:
        """The retention as a number: seconds in periodic mode (a bare number means hours, as etcd reads
        it), revisions in revision mode; 0 disables auto compaction."""
        text = self.auto_compaction_retention
        if self.auto_compaction_mode == "revision":
            return float(parse_int(text))
        try:
            return float(parse_int(text)) * 3600
        except ValueError:
            return parse_duration(text)


def _check_url(url: str) -> None:
    """etcd's types.NewURLs: ValueError with its reason."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        if parts.netloc.endswith("]") or ":" not in parts.netloc:
            raise ValueError(f'URL address does not have the form "host:port": {url}')
        if parts.path:
            raise ValueError(f"URL must not contain a path: {url}")
    elif parts.scheme not in ("unix", "unixs"):
        raise ValueError(f"URL scheme must be http, https, unix, or unixs: {url}")


def _check(name: str, text: str) -> None:
    """The checks etcd makes when it parses flag `name`'s value: ValueError with etcd's reason."""
    if name in _CHOICES and text not in _CHOICES[name]:
        raise ValueError("invalid value")
    if name == "log-level" and text not in LOG_LEVELS:
        raise ValueError(f'unknown level "{text}"')
    if name in _URL_FLAGS and text and not (name == "cors" and text == "*"):  # "*" alone, not in a list
        for url in text.split(","):
            _check_url(url.strip())


def _urls(text: str, flag: str) -> list[str]:
    """The URLs of a flag already checked by `_check`; unix sockets, which etcd also serves, are not served
    here."""
    urls = [url.strip() for url in text.split(",") if url.strip()]
    for url in urls:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ConfigError(f'--{flag}: mk-etcd serves http and https URLs only, not "{url}"')
    return urls


def _shown_default(flag: Flag) -> str:
    """A flag's default as etcd's help shows it (Go's formatting: `false`, `600s`)."""
    if flag.kind == "duration":
        return f"{flag.default:g}s"
    if flag.kind == "bool":
        return str(flag.default).lower()
    return str(flag.default)


def usage_line() -> str:
    """What etcd prints on stderr for --help and after a bad flag: how to run it."""
    return "\n".join(["Usage:", "", "  mk-etcd [flags]",
                      "    Start a minikube-py etcd member (etcd 3.4's HTTP APIs on LMDB).", "",
                      "  mk-etcd --version", "    Show the version.", "",
                      "  mk-etcd -h | --help", "    Show the help information about mk-etcd.", ""])


def flags_line() -> str:
    """What etcd prints on stdout for --help: the flags."""
    lines = ["", "Member flags:", ""]
    for flag in IMPLEMENTED:
        lines.append(f"  --{flag.name} '{_shown_default(flag)}'")
        lines.append(f"      {flag.usage}")
    lines += ["", "Every other etcd 3.4 flag is accepted and has no effect (this member has no raft, WAL or peers):",
              *textwrap.wrap(" ".join(f"--{name}" for name in NO_EFFECT), 100, break_on_hyphens=False,
                             initial_indent="  ", subsequent_indent="  "), ""]
    return "\n".join(lines)


def _command_line(flags: list[Flag], argv: list[str]) -> tuple[dict, set[str]]:
    """The values given on the command line over the defaults, and the names given; as Go's flag package
    with etcd's flag types: FlagError (exit 2) for a value they refuse."""
    values, rest, given = goflag.parse(flags, argv, {flag.name: flag.default for flag in flags})
    for flag in flags:
        if flag.name in given:
            try:
                _check(flag.name, values[flag.name])
            except ValueError as err:
                raise FlagError(f'invalid value "{values[flag.name]}" for flag -{flag.name}: {err}') from None
    if rest:
        raise ConfigError(f"'{rest[0]}' is not a valid flag")
    return values, given


def _environment(flags: list[Flag], values: dict, given: set[str]) -> tuple[list[str], list[str]]:
    """Set `values` from the ETCD_* variables of flags not given on the command line (etcd's
    pkg/flags.SetFlagsFromEnv): the variables used and the unrecognized ones, as NAME=value."""
    used = []
    for flag in flags:
        text = os.environ.get(flag.env)
        if text is None:
            continue
        if flag.name in given:
            raise ConfigError(f'conflicting environment variable "{flag.env}" is shadowed by corresponding '
                              "command-line flag (either unset environment variable or disable flag)")
        try:
            values[flag.name] = convert(flag, text)
            _check(flag.name, text)
        except ValueError as err:
            raise ConfigError(f'invalid value "{text}" for {flag.env}: {goflag.reason(err)}') from None
        used.append(f"{flag.env}={text}")
    known = {flag.env for flag in flags}
    unrecognized = [f"{name}={text}" for name, text in os.environ.items()
                    if name.startswith("ETCD_") and name not in known]
    return used, sorted(unrecognized)


def parse(argv: list[str]) -> Config:
    """The configuration from the command line and ETCD_* variables, in etcd's order. Raises
    flags.values.FlagError (Go's message; exit 2), flags.values.HelpRequested, VersionRequested or
    ConfigError."""
    flags = _flags()
    values, given = _command_line(flags, argv)
    if values["version"]:
        raise VersionRequested()
    environment, unrecognized = _environment(flags, values, given)
    set_anywhere = given | {flag.name for flag in flags if os.environ.get(flag.env) is not None}
    if values["auto-compaction-mode"] not in ("periodic", "revision"):
        raise ConfigError(f'unknown auto-compaction-mode "{values["auto-compaction-mode"]}"')
    peer_urls = _urls(values["initial-advertise-peer-urls"], "initial-advertise-peer-urls")
    name = values["name"]
    config = Config(
        name=name,
        data_dir=values["data-dir"] or f"{name}.etcd",
        listen_client_urls=_urls(values["listen-client-urls"], "listen-client-urls"),
        advertise_client_urls=_urls(values["advertise-client-urls"], "advertise-client-urls"),
        initial_advertise_peer_urls=peer_urls,
        initial_cluster=values["initial-cluster"] or ",".join(f"{name}={url}" for url in peer_urls),
        initial_cluster_state=values["initial-cluster-state"],
        initial_cluster_token=values["initial-cluster-token"],
        cert_file=values["cert-file"],
        key_file=values["key-file"],
        trusted_ca_file=values["trusted-ca-file"],
        client_cert_auth=values["client-cert-auth"],
        quota_backend_bytes=values["quota-backend-bytes"],
        auto_compaction_mode=values["auto-compaction-mode"],
        auto_compaction_retention=values["auto-compaction-retention"],
        enable_v2=values["enable-v2"],
        max_txn_ops=values["max-txn-ops"],
        max_request_bytes=values["max-request-bytes"],
        listen_metrics_urls=_urls(values["listen-metrics-urls"], "listen-metrics-urls"),
        progress_notify_interval=values["experimental-watch-progress-notify-interval"],
        log_level=values["log-level"],
        without_effect=sorted(name for name in set_anywhere if name in NO_EFFECT),
        environment=environment,
        unrecognized_environment=unrecognized,
    )
    https_urls = [url for url in config.listen_client_urls if url.startswith("https://")]
    if https_urls and not (config.cert_file and config.key_file):
        raise ConfigError(f"TLS key/cert (--cert-file, --key-file) must be provided for client url {https_urls[0]} "
                          "with HTTPS scheme")
    if https_urls and config.client_cert_auth and not config.trusted_ca_file:
        raise ConfigError("--client-cert-auth needs --trusted-ca-file to verify client certificates")
    try:
        config.compaction_retention()
    except ValueError as err:
        raise ConfigError(f"error parsing CompactionRetention: {err}") from None
    return config
