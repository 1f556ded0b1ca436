"""`kubectl config` as pure functions of a loaded `KubeConfig`: view, current-context, get-contexts|clusters|users,
use-context, set-context, set-cluster, set-credentials, delete-context|cluster|user, rename-context, unset
current-context.

Each returns a `ConfigResult`: kubectl's stdout and stderr texts, its exit code, and the new config document to
write (None when the file stays as it is). The caller writes `file_text(result.config)` to `config.path`: kubectl's
file layout (keys sorted, entries sorted by name, empty fields dropped). Errors kubectl prints before writing
anything are raised as `ConfigError`."""

from __future__ import annotations

import base64
import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .kubeconfig import SECTIONS, KubeConfig

# kubeconfig v1's fields in Go struct order (-o json prints them so; YAML sorts them).
_FIELDS = {
    "cluster": ("server", "tls-server-name", "insecure-skip-tls-verify", "certificate-authority",
                "certificate-authority-data", "proxy-url", "disable-compression", "extensions"),
    "user": ("client-certificate", "client-certificate-data", "client-key", "client-key-data", "token", "tokenFile",
             "as", "as-uid", "as-groups", "as-user-extra", "username", "password", "auth-provider", "exec",
             "extensions"),
    "context": ("cluster", "user", "namespace", "extensions"),
}
_SECTION_ORDER = ("clusters", "users", "contexts")
_DATA_OMITTED = "DATA+OMITTED"
_REDACTED = "REDACTED"


@dataclass(frozen=True)
class ConfigResult:
    stdout: str = ""
    config: dict[str, Any] | None = None
    stderr: str = ""
    exit_code: int = 0


def normalized(data: dict[str, Any]) -> dict[str, Any]:
    """The config as kubectl re-encodes it: v1 fields only, in Go order, empty ones dropped, entries sorted by
    name, sections null when empty."""
    out: dict[str, Any] = {"kind": "Config", "apiVersion": "v1", "preferences": _preferences(data)}
    for section in _SECTION_ORDER:
        body_key = SECTIONS[section]
        entries = sorted((e for e in data.get(section) or () if isinstance(e, dict)), key=lambda e: e.get("name", ""))
        out[section] = [{"name": e.get("name", ""), body_key: _fields(e.get(body_key) or {}, _FIELDS[body_key])}
                        for e in entries] or None
    out["current-context"] = data.get("current-context") or ""
    if data.get("extensions"):
        out["extensions"] = data["extensions"]
    return out


def _preferences(data: dict[str, Any]) -> dict[str, Any]:
    preferences = data.get("preferences") or {}
    return {key: preferences[key] for key in ("colors", "extensions") if preferences.get(key)}


def _fields(body: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    return {key: body[key] for key in order if body.get(key) not in (None, "", [], {}, False)}


def file_text(data: dict[str, Any]) -> str:
    """The kubeconfig file as kubectl writes it."""
    from minikube_py.api.generators.output import to_yaml

    return to_yaml(normalized(data))


def view_object(config: KubeConfig, *, minify: bool = False, raw: bool = False, flatten: bool = False,
                context: str = "") -> dict[str, Any]:
    """`config view`'s object (before printing): `--minify` keeps the current (or `--context`) context with its
    cluster and user, `--flatten` embeds the files as `*-data`, and unless `--raw`/`--flatten` the data fields
    read `DATA+OMITTED` and tokens/passwords `REDACTED`."""
    data = copy.deepcopy(config.data)
    if minify:
        name = context or config.current_context
        if not name:
            raise ConfigError("error: current-context must exist in order to minify")
        chosen = config.find("contexts", name)
        if chosen is None:
            raise ConfigError(f"error: cannot locate context {name}")
        keep = {"contexts": name, "clusters": chosen.get("cluster", ""), "users": chosen.get("user", "")}
        for section, kept in keep.items():
            data[section] = [e for e in data.get(section) or () if e.get("name") == kept]
        data["current-context"] = name
    if flatten:
        _flatten(config, data)
    elif not raw:
        _redact(data)
    return normalized(data)


def view(config: KubeConfig, *, output: str = "yaml", minify: bool = False, raw: bool = False,
         flatten: bool = False, context: str = "") -> ConfigResult:
    """`config view` printed as YAML (default) or `-o json`; other -o formats print `view_object` themselves."""
    from minikube_py.api.generators.output import to_json, to_yaml

    obj = view_object(config, minify=minify, raw=raw, flatten=flatten, context=context)
    return ConfigResult(stdout=to_json(obj) if output == "json" else to_yaml(obj))


def _flatten(config: KubeConfig, data: dict[str, Any]) -> None:
    for section, files in (("clusters", ("certificate-authority",)), ("users", ("client-certificate", "client-key"))):
        for entry in data.get(section) or ():
            body = entry.get(SECTIONS[section]) or {}
            for key in files:
                if body.get(key):
                    path = config.base_dir(section, entry["name"]) / Path(body.pop(key)).expanduser()
                    try:
                        body[key + "-data"] = base64.b64encode(path.read_bytes()).decode()
                    except OSError as err:
                        raise ConfigError(f"error: open {path}: {(err.strerror or str(err)).lower()}") from None


def _redact(data: dict[str, Any]) -> None:
    for entry in data.get("clusters") or ():
        body = entry.get("cluster") or {}
        if body.get("certificate-authority-data"):
            body["certificate-authority-data"] = _DATA_OMITTED
    for entry in data.get("users") or ():
        body = entry.get("user") or {}
        for key in ("client-certificate-data", "client-key-data"):
            if body.get(key):
                body[key] = _DATA_OMITTED
        for key in ("token", "password"):
            if body.get(key):
                body[key] = _REDACTED


def current_context(config: KubeConfig) -> ConfigResult:
    if not config.current_context:
        raise ConfigError("error: current-context is not set")
    return ConfigResult(stdout=config.current_context + "\n")


def get_contexts(config: KubeConfig, names: tuple[str, ...] = (), *, output: str = "",
                 no_headers: bool = False) -> ConfigResult:
    """The contexts table (`*` marks the current one), or their names with `-o name`; a missing name is an error
    printed after the rows that were found (exit 1)."""
    contexts = sorted(config.entries("contexts"), key=lambda e: e.get("name", ""))
    chosen = [e for e in contexts if not names or e.get("name") in names]
    missing = [n for n in names if not any(e.get("name") == n for e in contexts)]
    stderr = "".join(f"error: context {name} not found\n" for name in missing)
    if output == "name":
        return ConfigResult("".join(e["name"] + "\n" for e in chosen), stderr=stderr, exit_code=1 if missing else 0)
    rows = [] if no_headers else [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]
    for entry in chosen:
        body = entry.get("context") or {}
        rows.append(["*" if entry["name"] == config.current_context else "", entry["name"], body.get("cluster", ""),
                     body.get("user", ""), body.get("namespace", "")])
    return ConfigResult(tabulate(rows), stderr=stderr, exit_code=1 if missing else 0)


def tabulate(rows: list[list[str]]) -> str:
    """The rows as kubectl's tabwriter aligns them (printers.GetNewTabWriter: min width 6, padding 3)."""
    from minikube_py.tabwriter import TabWriter

    return TabWriter(min_width=6, tab_width=4, padding=3, remember_widths=True).flush(["\t".join(row) for row in rows])


def get_names(config: KubeConfig, section: str) -> ConfigResult:
    """`config get-clusters` (section "clusters") and `config get-users` ("users")."""
    return ConfigResult("NAME\n" + "".join(e["name"] + "\n" for e in config.entries(section)))


def use_context(config: KubeConfig, name: str) -> ConfigResult:
    if config.find("contexts", name) is None:
        raise ConfigError(f'error: no context exists with the name: "{name}"')
    return ConfigResult(f'Switched to context "{name}".\n', {**config.data, "current-context": name})


def set_context(config: KubeConfig, name: str = "", *, current: bool = False, cluster: str | None = None,
                user: str | None = None, namespace: str | None = None) -> ConfigResult:
    """`config set-context NAME|--current [--cluster] [--user] [--namespace]`."""
    if current:
        if name:
            raise ConfigError("error: you cannot specify both a context name and --current")
        name = config.current_context
        if not name:
            raise ConfigError("error: no current context is set")
    if not name:
        raise ConfigError("error: you must specify a non-empty context name or --current")
    existing = config.find("contexts", name)
    body = dict(existing or {})
    for key, value in (("cluster", cluster), ("user", user), ("namespace", namespace)):
        if value is not None:
            body[key] = value
    verb = "modified" if existing is not None else "created"
    return ConfigResult(f'Context "{name}" {verb}.\n', _with_entry(config.data, "contexts", name, body))


def set_cluster(config: KubeConfig, name: str, *, server: str | None = None, certificate_authority: str | None = None,
                insecure_skip_tls_verify: bool | None = None, tls_server_name: str | None = None,
                proxy_url: str | None = None, embed_certs: bool = False) -> ConfigResult:
    """`config set-cluster NAME [--server] [--certificate-authority [--embed-certs]] [--insecure-skip-tls-verify]
    [--tls-server-name] [--proxy-url]`."""
    body = dict(config.find("clusters", name) or {})
    for key, value in (("server", server), ("tls-server-name", tls_server_name), ("proxy-url", proxy_url)):
        if value is not None:
            body[key] = value
    if insecure_skip_tls_verify is not None:
        body["insecure-skip-tls-verify"] = insecure_skip_tls_verify
        if insecure_skip_tls_verify:
            body.pop("certificate-authority", None)
            body.pop("certificate-authority-data", None)
    if certificate_authority is not None:
        _set_file(body, "certificate-authority", certificate_authority, embed_certs)
        if certificate_authority:
            body.pop("insecure-skip-tls-verify", None)
    return ConfigResult(f'Cluster "{name}" set.\n', _with_entry(config.data, "clusters", name, body))


def set_credentials(config: KubeConfig, name: str, *, token: str | None = None, client_certificate: str | None = None,
                    client_key: str | None = None, username: str | None = None, password: str | None = None,
                    embed_certs: bool = False) -> ConfigResult:
    """`config set-credentials NAME [--token] [--client-certificate --client-key [--embed-certs]] [--username
    --password]`: setting one kind of credential clears the others."""
    if token and (username or password):
        raise ConfigError("error: you cannot specify more than one authentication method at the same time: --token, "
                          "--username/--password")
    body = dict(config.find("users", name) or {})
    if client_certificate is not None:
        _set_file(body, "client-certificate", client_certificate, embed_certs)
    if client_key is not None:
        _set_file(body, "client-key", client_key, embed_certs)
    if token is not None:
        body["token"] = token
    if username is not None:
        body["username"] = username
    if password is not None:
        body["password"] = password
    if token:
        body.pop("username", None)
        body.pop("password", None)
    elif username or password:
        body.pop("token", None)
        body.pop("tokenFile", None)
    return ConfigResult(f'User "{name}" set.\n', _with_entry(config.data, "users", name, body))


def _set_file(body: dict[str, Any], key: str, path: str, embed: bool) -> None:
    """A `certificate-authority`/`client-certificate`/`client-key` flag: the absolute path, or with --embed-certs
    the file's content as `<key>-data` (either one replaces the other)."""
    body.pop(key, None)
    body.pop(key + "-data", None)
    if not path:
        return
    absolute = Path(path).expanduser().absolute()
    if not embed:
        body[key] = str(absolute)
        return
    try:
        body[key + "-data"] = base64.b64encode(absolute.read_bytes()).decode()
    except OSError as err:
        raise ConfigError(f"error: could not read {key} data from {path}: open {path}: "
                          f"{(err.strerror or str(err)).lower()}") from None


def delete_context(config: KubeConfig, name: str) -> ConfigResult:
    if config.find("contexts", name) is None:
        raise ConfigError(f"error: cannot delete context {name}, not in {config.path}")
    stderr = ""
    if name == config.current_context:
        stderr = 'warning: this removed your active context, use "kubectl config use-context" to select a ' \
                 "different one\n"
    return ConfigResult(f"deleted context {name} from {config.path}\n", _without_entry(config.data, "contexts", name),
                        stderr=stderr)


def delete_cluster(config: KubeConfig, name: str) -> ConfigResult:
    if config.find("clusters", name) is None:
        raise ConfigError(f"error: cannot delete cluster {name}, not in {config.path}")
    return ConfigResult(f"deleted cluster {name} from {config.path}\n", _without_entry(config.data, "clusters", name))


def delete_user(config: KubeConfig, name: str) -> ConfigResult:
    if config.find("users", name) is None:
        raise ConfigError(f"error: cannot delete user {name}, not in {config.path}")
    return ConfigResult(f"deleted user {name} from {config.path}\n", _without_entry(config.data, "users", name))


def rename_context(config: KubeConfig, old: str, new: str) -> ConfigResult:
    body = config.find("contexts", old)
    if body is None:
        raise ConfigError(f'error: cannot rename the context "{old}", it\'s not in {config.path}')
    if config.find("contexts", new) is not None:
        raise ConfigError(f'error: cannot rename the context "{old}", the context "{new}" already exists in '
                          f"{config.path}")
    data = _with_entry(_without_entry(config.data, "contexts", old), "contexts", new, body)
    if config.current_context == old:
        data["current-context"] = new
    return ConfigResult(f'Context "{old}" renamed to "{new}".\n', data)


def unset_current_context(config: KubeConfig) -> ConfigResult:
    return ConfigResult('Property "current-context" unset.\n', {**config.data, "current-context": ""})


def _with_entry(data: dict[str, Any], section: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
    entries = [e for e in data.get(section) or () if e.get("name") != name]
    return {**data, section: [*entries, {"name": name, SECTIONS[section]: body}]}


def _without_entry(data: dict[str, Any], section: str, name: str) -> dict[str, Any]:
    return {**data, section: [e for e in data.get(section) or () if e.get("name") != name]}
