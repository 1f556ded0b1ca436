"""Kubeconfig files as kubectl reads them, and the connection they describe.

`load` finds and merges the files (`--kubeconfig`; else `$KUBECONFIG`, a colon-separated list in which the first
file to name an entry wins and missing files are ignored; else `$MINIKUBE_PY_HOME/admin.conf`, `MINIKUBE_PY_HOME`
defaulting to `~/.minikube_py`, else `~/.kube/config`). The merged config is kept in kubeconfig's v1 shape
(`clusters: [{name, cluster}]` ...) with the file each entry came from, so relative paths resolve against that
file's directory. `connection` applies the command-line `Overrides` to the current (or `--context`) context and
returns the `Connection` to use, raising `ConfigError` with kubectl's text when the config cannot be used; an
empty config means `http://localhost:8080`."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError, invalid_configuration

DEFAULT_SERVER = "http://localhost:8080"
SECTIONS = {"clusters": "cluster", "contexts": "context", "users": "user"}  # list key -> entry key


@dataclass(frozen=True)
class Overrides:
    """The command-line flags that override the kubeconfig (empty / None: not given)."""

    context: str = ""
    cluster: str = ""
    user: str = ""
    namespace: str = ""
    server: str = ""
    token: str = ""
    certificate_authority: str = ""
    client_certificate: str = ""
    client_key: str = ""
    insecure_skip_tls_verify: bool | None = None
    tls_server_name: str = ""
    as_user: str = ""
    as_uid: str = ""
    as_groups: tuple[str, ...] = ()


@dataclass
class KubeConfig:
    """The merged config (v1 shape, entries in the order read), the files it came from, and the file `kubectl
    config` writes (`path`: `--kubeconfig`, else the first existing file of the list, else the first one)."""

    data: dict[str, Any]
    path: Path
    files: list[Path] = field(default_factory=list)
    origins: dict[tuple[str, str], Path] = field(default_factory=dict)   # (section, name) -> file

    def entries(self, section: str) -> list[dict[str, Any]]:
        """The named entries of `clusters`, `contexts` or `users` (an empty list when there are none)."""
        return self.data.get(section) or []

    def find(self, section: str, name: str) -> dict[str, Any] | None:
        """The body of the entry `name` of a section (`{"server": ...}`), None when absent."""
        for entry in self.entries(section):
            if entry.get("name") == name:
                return entry.get(SECTIONS[section]) or {}
        return None

    @property
    def current_context(self) -> str:
        return self.data.get("current-context") or ""

    def base_dir(self, section: str, name: str) -> Path:
        """The directory relative paths of an entry resolve against."""
        return self.origins.get((section, name), self.path).parent


@dataclass(frozen=True)
class Connection:
    """Where and how to talk to the server. Certificates and keys are PEM bytes (files already read)."""

    server: str
    namespace: str = "default"
    namespace_explicit: bool = False   # -n/--namespace was given (kubectl then sets it on generated objects)
    context: str = ""
    cluster: str = ""
    user: str = ""
    ca_data: bytes | None = None
    cert_data: bytes | None = None
    key_data: bytes | None = None
    token: str = ""
    token_file: str = ""
    insecure: bool = False
    tls_server_name: str = ""
    impersonate_user: str = ""
    impersonate_uid: str = ""
    impersonate_groups: tuple[str, ...] = ()

    @property
    def host_port(self) -> str:
        """`127.0.0.1:6443` as kubectl names the server in its messages (the URL's host part)."""
        return urlsplit(self.server).netloc or self.server

    def bearer_token(self) -> str:
        """The token to send: `token`, else the contents of `tokenFile` (read on each call, as it may rotate)."""
        if self.token or not self.token_file:
            return self.token
        try:
            return Path(self.token_file).read_text().strip()
        except OSError as err:
            raise ConfigError(f"error: {_go_os_error('open', self.token_file, err)}") from None


def default_paths(env: dict[str, str] | os._Environ[str] = os.environ) -> list[Path]:
    """The files kubectl would read with no --kubeconfig: the $KUBECONFIG list, else our admin.conf then
    ~/.kube/config (the first that exists is used)."""
    if env.get("KUBECONFIG"):
        return [Path(p).expanduser() for p in env["KUBECONFIG"].split(os.pathsep) if p]
    home = Path(env.get("MINIKUBE_PY_HOME") or Path(env.get("HOME") or Path.home()) / ".minikube_py").expanduser()
    defaults = [home / "admin.conf", Path(env.get("HOME") or Path.home()) / ".kube" / "config"]
    return [next((p for p in defaults if p.exists()), defaults[0])]


def load(kubeconfig: str = "", env: dict[str, str] | os._Environ[str] = os.environ, *,
         must_exist: bool = True) -> KubeConfig:
    """Read and merge the kubeconfig files kubectl would use (an empty config when none exists). A missing
    `--kubeconfig` file is an error unless `must_exist` is False (`kubectl config` commands: an empty config)."""
    if kubeconfig:
        path = Path(kubeconfig).expanduser()
        if must_exist and not path.exists():
            raise ConfigError(f"error: stat {kubeconfig}: no such file or directory")
        paths = [path]
    else:
        paths = default_paths(env)
    existing = [p for p in paths if p.exists()]
    config = KubeConfig(data=empty_config(), path=(existing or paths)[0])
    for path in existing:
        _merge(config, path, read_file(path))
    return config


def empty_config() -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Config", "preferences": {}, "clusters": None, "contexts": None,
            "users": None, "current-context": ""}


def read_file(path: Path) -> dict[str, Any]:
    """One kubeconfig file's content (JSON, and the YAML kubeconfigs are usually written in, are read without
    loading PyYAML)."""
    text = path.read_text()
    try:
        data = json.loads(text)
    except ValueError:
        data = _parse_yaml(path, text)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f'error: error loading config file "{path}": not a kubeconfig object')
    return data


def _parse_yaml(path: Path, text: str) -> Any:
    from . import _kubeconfig_yaml

    try:
        return _kubeconfig_yaml.load(text)
    except _kubeconfig_yaml.Unsupported:
        pass
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        raise ConfigError(f'error: error loading config file "{path}": {err}') from None


def _merge(config: KubeConfig, path: Path, data: dict[str, Any]) -> None:
    config.files.append(path)
    for section in SECTIONS:
        for entry in data.get(section) or ():
            name = entry.get("name") if isinstance(entry, dict) else None
            if name is None or config.find(section, name) is not None:
                continue
            config.data[section] = [*(config.data.get(section) or []), entry]
            config.origins[(section, name)] = path
    if not config.data.get("current-context") and data.get("current-context"):
        config.data["current-context"] = data["current-context"]
    preferences = data.get("preferences") or {}
    config.data["preferences"] = {**preferences, **config.data["preferences"]}


def connection(config: KubeConfig, overrides: Overrides = Overrides()) -> Connection:
    """The connection of the chosen context with the overrides applied, validated as kubectl validates it."""
    context_name = overrides.context or config.current_context
    context = config.find("contexts", context_name) if context_name else {}
    if context is None:
        raise ConfigError(f"Error in configuration: context was not found for specified context: {context_name}")
    cluster_name = overrides.cluster or context.get("cluster", "")
    user_name = overrides.user or context.get("user", "")
    cluster = dict(config.find("clusters", cluster_name) or {}) if cluster_name else {}
    if overrides.cluster and config.find("clusters", cluster_name) is None and not overrides.server:
        raise ConfigError(f'error: no server found for cluster "{cluster_name}"')
    user = config.find("users", user_name) if user_name else {}
    if user is None:
        if overrides.user:
            raise ConfigError(f'error: auth info "{user_name}" does not exist')
        user = {}
    problems: list[str] = []
    cluster_dir = config.base_dir("clusters", cluster_name)
    user_dir = config.base_dir("users", user_name)
    server = overrides.server or cluster.get("server") or ""
    if cluster and not server and not overrides.server:
        problems.append(f'no server found for cluster "{cluster_name}"')
    insecure = cluster.get("insecure-skip-tls-verify", False) if overrides.insecure_skip_tls_verify is None \
        else overrides.insecure_skip_tls_verify
    if overrides.insecure_skip_tls_verify:
        cluster.pop("certificate-authority", None)
        cluster.pop("certificate-authority-data", None)
    if overrides.certificate_authority:
        ca_path, ca_dir, ca_inline = overrides.certificate_authority, Path.cwd(), None
    else:
        ca_path, ca_dir = cluster.get("certificate-authority", ""), cluster_dir
        ca_inline = cluster.get("certificate-authority-data")
    cert_file, key_file = (overrides.client_certificate or user.get("client-certificate", ""),
                           overrides.client_key or user.get("client-key", ""))
    cert_dir = Path.cwd() if overrides.client_certificate else user_dir
    key_dir = Path.cwd() if overrides.client_key else user_dir
    has_cert = bool(cert_file or user.get("client-certificate-data"))
    has_key = bool(key_file or user.get("client-key-data"))
    if has_cert and not has_key:
        problems.append(f"client-key-data or client-key must be specified for {user_name} to use the clientCert "
                        "authentication method.")
    if has_key and not has_cert:
        problems.append(f"client-cert-data or client-cert must be specified for {user_name} to use the clientCert "
                        "authentication method.")
    cert = _read_or_problem(cert_file, cert_dir, user.get("client-certificate-data"), "client-cert", user_name,
                            problems)
    key = _read_or_problem(key_file, key_dir, user.get("client-key-data"), "client-key", user_name, problems)
    ca_data = _read_or_problem(ca_path, ca_dir, ca_inline, "certificate-authority", cluster_name, problems)
    if problems:
        if len(problems) == 1:
            raise ConfigError(f"error: {problems[0]}")
        raise invalid_configuration(problems)
    if insecure and ca_data:
        raise ConfigError("error: specifying a root certificates file with the insecure flag is not allowed")
    token_file = user.get("tokenFile", "")
    return Connection(
        server=server or DEFAULT_SERVER,
        namespace=overrides.namespace or context.get("namespace") or "default",
        namespace_explicit=bool(overrides.namespace), context=context_name, cluster=cluster_name, user=user_name,
        ca_data=ca_data, cert_data=cert, key_data=key, token=overrides.token or user.get("token", ""),
        token_file=str(_absolute(token_file, user_dir)) if token_file and not overrides.token else "",
        insecure=bool(insecure), tls_server_name=overrides.tls_server_name or cluster.get("tls-server-name", ""),
        impersonate_user=overrides.as_user or user.get("as", ""), impersonate_uid=overrides.as_uid or user.get(
            "as-uid", ""), impersonate_groups=tuple(overrides.as_groups or user.get("as-groups") or ()))


def _absolute(path: str, base: Path) -> Path:
    return (base / Path(path).expanduser()).absolute() if path else base


def _read_or_problem(path: str, base: Path, data: str | None, what: str, owner: str, problems: list[str]
                     ) -> bytes | None:
    """A `*-data` field decoded, else the file's bytes; an unreadable file becomes kubectl's problem text."""
    if data:
        try:
            return base64.b64decode(data, validate=False)
        except ValueError as err:
            problems.append(f"unable to decode {what}-data for {owner}: {err}")
            return None
    if not path:
        return None
    absolute = _absolute(path, base)
    try:
        return absolute.read_bytes()
    except OSError as err:
        problems.append(f"unable to read {what} {absolute} for {owner} due to "
                        f"{_go_os_error('open', str(absolute), err)}")
        return None


def _go_os_error(op: str, path: str, err: OSError) -> str:
    """Go's `*PathError` text: `open /x: no such file or directory`."""
    reason = (err.strerror or str(err))
    return f"{op} {path}: {reason[:1].lower()}{reason[1:]}"
