"""`mkctl config ...`: thin handlers over minikube_py.client.config_commands (kubectl's texts and file layout):
each loads the kubeconfig, prints what the function answered and writes the file when the config changed.
`config set`/`unset` take kubectl's dotted property paths (`current-context`, `clusters.NAME.server`,
`contexts.NAME.namespace`, `users.NAME.token`, `clusters.NAME`); `config view -o` accepts every `get -o` format."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from minikube_py.client import config_commands as commands
from minikube_py.client.errors import ConfigError

from ..help import help_text
from ..session import Session

_SECTIONS = {"clusters": "cluster", "users": "user", "contexts": "context"}


def _finish(session: Session, result: commands.ConfigResult) -> int:
    if result.config is not None:
        path = session.config.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(commands.file_text(result.config))
    session.out(result.stdout)
    session.err(result.stderr)
    return result.exit_code


def _wrong_args(session: Session, word: str = "Unexpected") -> int:
    session.out(help_text(session.command))
    session.err(f"error: {word} args: [{' '.join(session.args)}]\n")
    return 1


def current_context(session: Session) -> int:
    return _finish(session, commands.current_context(session.config))


def get_contexts(session: Session) -> int:
    output = session.flag("output")
    if output not in ("", "name"):
        raise ConfigError(f"error: output must be one of '' or 'name': {output}")
    return _finish(session, commands.get_contexts(session.config, tuple(session.args), output=output,
                                                  no_headers=session.flag("no-headers")))


def get_clusters(session: Session) -> int:
    return _finish(session, commands.get_names(session.config, "clusters"))


def get_users(session: Session) -> int:
    return _finish(session, commands.get_names(session.config, "users"))


def use_context(session: Session) -> int:
    if len(session.args) != 1:
        return _wrong_args(session)
    return _finish(session, commands.use_context(session.config, session.args[0]))


def rename_context(session: Session) -> int:
    if len(session.args) != 2:
        return _wrong_args(session)
    return _finish(session, commands.rename_context(session.config, *session.args))


def _delete(session: Session, section: str) -> int:
    if not session.args:
        session.out(help_text(session.command))
        return 0
    if len(session.args) != 1:
        return _wrong_args(session)
    function = {"contexts": commands.delete_context, "clusters": commands.delete_cluster,
                "users": commands.delete_user}[section]
    return _finish(session, function(session.config, session.args[0]))


def delete_context(session: Session) -> int:
    return _delete(session, "contexts")


def delete_cluster(session: Session) -> int:
    return _delete(session, "clusters")


def delete_user(session: Session) -> int:
    return _delete(session, "users")


def _given(session: Session, name: str) -> Any:
    return session.flag(name) if session.given(name) else None


def set_context(session: Session) -> int:
    if len(session.args) > 1:
        return _wrong_args(session)
    return _finish(session, commands.set_context(
        session.config, session.args[0] if session.args else "", current=session.flag("current"),
        cluster=_given(session, "cluster"), user=_given(session, "user"), namespace=_given(session, "namespace")))


def set_cluster(session: Session) -> int:
    if len(session.args) != 1:
        return _wrong_args(session)
    return _finish(session, commands.set_cluster(
        session.config, session.args[0], server=_given(session, "server"),
        certificate_authority=_given(session, "certificate-authority"),
        insecure_skip_tls_verify=_given(session, "insecure-skip-tls-verify"),
        tls_server_name=_given(session, "tls-server-name"), proxy_url=_given(session, "proxy-url"),
        embed_certs=session.flag("embed-certs")))


_PLUGIN_FLAGS = ("auth-provider", "auth-provider-arg", "exec-command", "exec-api-version", "exec-arg", "exec-env",
                 "exec-interactive-mode", "exec-provide-cluster-info")


def set_credentials(session: Session) -> int:
    if len(session.args) != 1:
        return _wrong_args(session, "unexpected")
    plugin = next((name for name in _PLUGIN_FLAGS if session.given(name)), "")
    if plugin:
        raise ConfigError(f"error: --{plugin} is not supported by mkctl yet (auth-provider and exec plugins); use "
                          "kubectl config set-credentials for it")
    return _finish(session, commands.set_credentials(
        session.config, session.args[0], token=_given(session, "token"),
        client_certificate=_given(session, "client-certificate"), client_key=_given(session, "client-key"),
        username=_given(session, "username"), password=_given(session, "password"),
        embed_certs=session.flag("embed-certs")))


def view(session: Session) -> int:
    output = session.flag("output") or "yaml"
    options = {"minify": session.flag("minify"), "raw": session.flag("raw"), "flatten": session.flag("flatten"),
               "context": session.flag("context")}
    if output in ("yaml", "json"):
        return _finish(session, commands.view(session.config, output=output, **options))
    from .get import print_objects

    print_objects(session, commands.view_object(session.config, **options))
    return 0


# -- config set / unset PROPERTY ------------------------------------------------------------------------------------

def set(session: Session) -> int:  # noqa: A001 - kubectl's command name
    if len(session.args) != 2:
        return _wrong_args(session)
    path, value = session.args
    data = _with_property(session.config.data, path.split("."), _value(path, value, session.flag("set-raw-bytes")))
    return _finish(session, commands.ConfigResult(f'Property "{path}" set.\n', data))


def unset(session: Session) -> int:
    if len(session.args) != 1:
        return _wrong_args(session)
    path = session.args[0]
    return _finish(session, commands.ConfigResult(f'Property "{path}" unset.\n',
                                                  _with_property(session.config.data, path.split("."), None)))


def _value(path: str, value: str, raw_bytes: bool) -> Any:
    field = path.rpartition(".")[2]
    if field.endswith("-data"):
        if raw_bytes:
            return base64.b64encode(value.encode()).decode()
        try:
            base64.b64decode(value, validate=True)
        except binascii.Error as err:
            raise ConfigError(f"error: {err}") from None
        return value
    if field in ("insecure-skip-tls-verify", "disable-compression"):
        if value.lower() not in ("true", "false", "1", "0", "t", "f"):
            raise ConfigError(f'error: strconv.ParseBool: parsing "{value}": invalid syntax')
        return value.lower() in ("true", "1", "t")
    return value


def _with_property(data: dict[str, Any], steps: list[str], value: Any) -> dict[str, Any]:
    """The config with the property at `steps` set to `value` (None: removed)."""
    import copy

    data = copy.deepcopy(data)
    head = steps[0]
    if head in _SECTIONS and len(steps) >= 2:
        entries = data.setdefault(head, []) or []
        data[head] = entries
        entry = next((e for e in entries if e.get("name") == steps[1]), None)
        if entry is None:
            if value is None:
                raise ConfigError(f'error: current map key `{steps[1]}` is invalid')
            entry = {"name": steps[1], _SECTIONS[head]: {}}
            entries.append(entry)
        if len(steps) == 2:
            if value is None:
                entries.remove(entry)
                return data
            raise ConfigError(f"error: can't set a map to a value: {value}")
        target, steps = entry.setdefault(_SECTIONS[head], {}), steps[2:]
    elif steps == ["current-context"]:
        data["current-context"] = value or ""
        return data
    else:
        target = data
    for step in steps[:-1]:
        target = target.setdefault(step, {})
    if value is None:
        target.pop(steps[-1], None)
    else:
        target[steps[-1]] = value
    return data
