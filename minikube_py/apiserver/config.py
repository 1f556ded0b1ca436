"""`mk-apiserver`'s command line: kube-apiserver's flag names, defaults and checks (pflag grammar)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

from minikube_py.flags import pflag
from minikube_py.flags.pflag import BOOL, INT64, STRING, STRING_SLICE, Flag

DEFAULT_KUBERNETES_VERSION = "v1.32.4"


AUTHORIZATION_MODES = ("AlwaysAllow", "AlwaysDeny", "RBAC", "Node")
USAGE = """The Kubernetes API server validates and configures data for the api objects which include pods,
services, replicationcontrollers, and others. The API Server services REST operations and provides the
frontend to the cluster's shared state through which all other components interact.

Usage:
  kube-apiserver [flags]

Flags:
"""


class ConfigError(Exception):
    """A command line kube-apiserver would refuse; `str(err)` is the message."""


class HelpRequested(Exception):
    """`-h`/`--help`: print `usage()` and exit 0."""


def usage() -> str:
    return USAGE + pflag.flag_usages(flags())


def flags() -> pflag.FlagSet:
    return pflag.FlagSet([
        Flag("secure-port", INT64, 6443, "The port on which to serve HTTPS with authentication and authorization."),
        Flag("bind-address", STRING, "127.0.0.1", "The IP address on which to listen for the --secure-port port."),
        Flag("tls-cert-file", STRING, "", "File containing the default x509 Certificate for HTTPS."),
        Flag("tls-private-key-file", STRING, "", "File containing the default x509 private key matching "
             "--tls-cert-file."),
        Flag("client-ca-file", STRING, "", "If set, any request presenting a client certificate signed by one of "
             "the authorities in the client-ca-file is authenticated with an identity corresponding to the "
             "CommonName of the client certificate."),
        Flag("service-account-key-file", STRING_SLICE, [], "File containing PEM-encoded x509 RSA or ECDSA private or "
             "public keys, used to verify ServiceAccount tokens."),
        Flag("service-account-signing-key-file", STRING, "", "Path to the file that contains the current private "
             "key of the service account token issuer."),
        Flag("service-account-issuer", STRING_SLICE, [], "Identifier of the service account token issuer."),
        Flag("authorization-mode", STRING_SLICE, ["Node", "RBAC"], "Ordered list of plug-ins to do authorization on "
             "secure port."),
        Flag("enable-admission-plugins", STRING_SLICE, [], "admission plugins that should be enabled in addition "
             "to default enabled ones."),
        Flag("disable-admission-plugins", STRING_SLICE, [], "admission plugins that should be disabled although "
             "they are in the default enabled plugins list."),
        Flag("anonymous-auth", BOOL, False, "Enables anonymous requests to the secure port of the API server."),
        Flag("etcd-servers", STRING_SLICE, [], "List of etcd servers to connect with (scheme://ip:port), comma "
             "separated."),
        Flag("etcd-cafile", STRING, "", "SSL Certificate Authority file used to secure etcd communication."),
        Flag("etcd-certfile", STRING, "", "SSL certification file used to secure etcd communication."),
        Flag("etcd-keyfile", STRING, "", "SSL key file used to secure etcd communication."),
        Flag("service-cluster-ip-range", STRING, "10.96.0.0/12", "A CIDR notation IP range from which to assign "
             "service cluster IPs."),
        Flag("service-node-port-range", STRING, "30000-32767", "A port range to reserve for services with NodePort "
             "visibility."),
        Flag("advertise-address", STRING, "", "The IP address on which to advertise the apiserver to members of "
             "the cluster."),
        Flag("kubernetes-version", STRING, DEFAULT_KUBERNETES_VERSION, "The Kubernetes version /version answers "
             "with (kubectl dispatchers pick their client from it)."),
        Flag("v", INT64, 0, "number for the log level verbosity", shorthand="v"),
        pflag.help_flag("kube-apiserver"),
    ])


@dataclass
class Config:
    secure_port: int = 6443
    bind_address: str = "127.0.0.1"
    tls_cert_file: str = ""
    tls_private_key_file: str = ""
    client_ca_file: str = ""
    service_account_key_files: list[str] = field(default_factory=list)
    service_account_signing_key_file: str = ""
    service_account_issuers: list[str] = field(default_factory=lambda: ["https://kubernetes.default.svc.cluster.local"])
    authorization_modes: list[str] = field(default_factory=lambda: ["Node", "RBAC"])
    admission_plugins: list[str] = field(default_factory=list)   # in running order
    anonymous_auth: bool = False
    etcd_servers: list[str] = field(default_factory=list)
    etcd_cafile: str = ""
    etcd_certfile: str = ""
    etcd_keyfile: str = ""
    service_cluster_ip_range: str = "10.96.0.0/12"
    node_port_range: tuple[int, int] = (30000, 32767)
    advertise_address: str = ""
    kubernetes_version: str = DEFAULT_KUBERNETES_VERSION


def parse(argv: list[str]) -> Config:
    flag_set = flags()
    try:
        parsed = pflag.parse(flag_set, argv)
    except pflag.CommandLineError as err:
        raise ConfigError(str(err)) from None
    if parsed.args:
        raise ConfigError(f"unknown command {parsed.args[0]!r} for \"kube-apiserver\"")
    values = {flag.name: flag.value for flag in flag_set}
    if values["help"]:
        raise HelpRequested()
    config = Config(
        secure_port=values["secure-port"], bind_address=values["bind-address"],
        tls_cert_file=values["tls-cert-file"], tls_private_key_file=values["tls-private-key-file"],
        client_ca_file=values["client-ca-file"], service_account_key_files=values["service-account-key-file"],
        service_account_signing_key_file=values["service-account-signing-key-file"],
        authorization_modes=values["authorization-mode"], anonymous_auth=values["anonymous-auth"],
        etcd_servers=values["etcd-servers"], etcd_cafile=values["etcd-cafile"], etcd_certfile=values["etcd-certfile"],
        etcd_keyfile=values["etcd-keyfile"], service_cluster_ip_range=values["service-cluster-ip-range"],
        advertise_address=values["advertise-address"], kubernetes_version=values["kubernetes-version"])
    if values["service-account-issuer"]:
        config.service_account_issuers = values["service-account-issuer"]
    from .admission.chain import enabled_plugins

    try:
        config.admission_plugins = enabled_plugins(values["enable-admission-plugins"],
                                                   values["disable-admission-plugins"])
    except ValueError as err:
        raise ConfigError(str(err)) from None
    config.node_port_range = _port_range(values["service-node-port-range"])
    _check(config)
    return config


def _port_range(text: str) -> tuple[int, int]:
    low, dash, high = text.partition("-")
    try:
        first, last = int(low), int(high) if dash else int(low)
    except ValueError:
        raise ConfigError(f'invalid argument "{text}" for "--service-node-port-range" flag: '
                          f'unable to parse port range: {text}') from None
    if not 0 < first <= last < 65536:
        raise ConfigError(f'invalid argument "{text}" for "--service-node-port-range" flag: '
                          f'unable to parse port range: {text}')
    return first, last


def _check(config: Config) -> None:
    if not config.etcd_servers:
        raise ConfigError("[--etcd-servers must be specified]")
    if not (config.tls_cert_file and config.tls_private_key_file):
        raise ConfigError("--tls-cert-file and --tls-private-key-file are required: mk-apiserver serves HTTPS only")
    for path in (config.tls_cert_file, config.tls_private_key_file, config.client_ca_file, config.etcd_cafile,
                 config.etcd_certfile, config.etcd_keyfile, config.service_account_signing_key_file,
                 *config.service_account_key_files):
        if path and not os.access(path, os.R_OK):
            raise ConfigError(f"open {path}: no such file or directory" if not os.path.exists(path) else
                              f"open {path}: permission denied")
    for mode in config.authorization_modes:
        if mode not in AUTHORIZATION_MODES:
            supported = ", ".join(f'"{name}"' for name in AUTHORIZATION_MODES)
            raise ConfigError(f'authorization-mode: Unsupported value: "{mode}": supported values: {supported}')
    if not config.service_account_key_files and config.service_account_signing_key_file:
        config.service_account_key_files = [config.service_account_signing_key_file]
    try:
        ipaddress.ip_network(config.service_cluster_ip_range)
    except ValueError as err:
        raise ConfigError(f"service-cluster-ip-range[0] {config.service_cluster_ip_range} is not a valid cidr: "
                          f"{err}") from None
    if not config.kubernetes_version.startswith("v") or config.kubernetes_version.count(".") != 2:
        raise ConfigError(f"--kubernetes-version {config.kubernetes_version!r}: want vMAJOR.MINOR.PATCH")
