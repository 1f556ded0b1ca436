"""What every generator shares: objects laid out in Go struct field order (`kind`, `apiVersion`, `metadata` with
`creationTimestamp: null`), containers, and the small parsers kubectl applies to flag values (Go's strconv,
`key=value` lists, ports, quantities), each failing with kubectl's own message."""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from minikube_py.flags.pflag import quote

from ..names import regex_error
from ..quantity import QuantityError, parse_quantity
from .errors import GeneratorError

Obj = dict[str, Any]

_ENV_VAR_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")
_INT64_MAX = (1 << 63) - 1


def sorted_map(mapping: Mapping[str, Any] | None) -> dict[str, Any]:
    """A Go map as encoding/json writes it: keys sorted."""
    return dict(sorted((mapping or {}).items()))


def metadata(name: str = "", namespace: str = "", labels: Mapping[str, str] | None = None,
             annotations: Mapping[str, str] | None = None) -> Obj:
    """ObjectMeta of a new object: name, namespace, `creationTimestamp: null`, labels, annotations."""
    meta: Obj = {}
    if name:
        meta["name"] = name
    if namespace:
        meta["namespace"] = namespace
    meta["creationTimestamp"] = None
    if labels:
        meta["labels"] = sorted_map(labels)
    if annotations:
        meta["annotations"] = sorted_map(annotations)
    return meta


def new_object(api_version: str, kind: str, meta: Obj, **fields: Any) -> Obj:
    """`kind`, `apiVersion`, `metadata`, then the type's own fields in the order given."""
    return {"kind": kind, "apiVersion": api_version, "metadata": meta, **fields}


def container(name: str, image: str, command: list[str] | None = None, args: list[str] | None = None,
              ports: list[Obj] | None = None, env: list[Obj] | None = None, resources: Obj | None = None,
              image_pull_policy: str = "", security_context: Obj | None = None, stdin: bool = False,
              stdin_once: bool = False, tty: bool = False) -> Obj:
    """corev1.Container with its fields in struct order, empty ones omitted, `resources: {}` always present."""
    spec: Obj = {"name": name}
    if image:
        spec["image"] = image
    if command:
        spec["command"] = list(command)
    if args:
        spec["args"] = list(args)
    if ports:
        spec["ports"] = ports
    if env:
        spec["env"] = env
    spec["resources"] = resources or {}
    if image_pull_policy:
        spec["imagePullPolicy"] = image_pull_policy
    if security_context:
        spec["securityContext"] = security_context
    for key, flag in (("stdin", stdin), ("stdinOnce", stdin_once), ("tty", tty)):
        if flag:
            spec[key] = True
    return spec


def name_from_args(args: list[str], args_len_at_dash: int = -1) -> str:
    """NameFromCommandArgs: the one NAME before `--` (`args_len_at_dash` as cobra counts it, -1 without `--`)."""
    count = len(args) if args_len_at_dash == -1 else args_len_at_dash
    if count != 1:
        raise GeneratorError(f"exactly one NAME is required, got {count}", usage=True)
    return args[0]


# ---- Go's strconv ----

def atoi(text: str) -> int:
    """strconv.Atoi."""
    body = text[1:] if text[:1] in "+-" else text
    if not body or not body.isascii() or not body.isdigit():
        raise GeneratorError(f"strconv.Atoi: parsing {quote(text)}: invalid syntax")
    value = int(text)
    if not -_INT64_MAX - 1 <= value <= _INT64_MAX:
        raise GeneratorError(f"strconv.Atoi: parsing {quote(text)}: value out of range")
    return value


def parse_port(text: str) -> int:
    """k8s.io/utils/net.ParsePort(text, allowZero=true): strconv.ParseUint(text, 10, 16)."""
    if not text or not text.isascii() or not text.isdigit():
        raise GeneratorError(f"strconv.ParseUint: parsing {quote(text)}: invalid syntax")
    value = int(text)
    if value > 0xFFFF:
        raise GeneratorError(f"strconv.ParseUint: parsing {quote(text)}: value out of range")
    return value


def int_or_string(text: str) -> int | str:
    """intstr.Parse: a number when strconv.Atoi takes it, else the text."""
    try:
        return atoi(text)
    except GeneratorError:
        return text


# ---- flag value syntaxes ----

def parse_label_spec(spec: str) -> dict[str, str]:
    """`k1=v1,k2=v2` as kubectl run/expose read --labels and --selector (generate.ParseLabels)."""
    if not spec:
        raise GeneratorError("no label spec passed")
    labels: dict[str, str] = {}
    for item in spec.split(","):
        parts = item.split("=")
        if len(parts) != 2:
            raise GeneratorError(f"unexpected label spec: {item}")
        if not parts[0]:
            raise GeneratorError("unexpected empty label key")
        labels[parts[0]] = parts[1]
    return labels


def resource_list(spec: str) -> dict[str, str] | None:
    """populateResourceListV1: `cpu=1,memory=1G` to a ResourceList of canonical quantities (None for "")."""
    if not spec:
        return None
    result: dict[str, str] = {}
    for statement in spec.split(","):
        parts = statement.split("=")
        if len(parts) != 2:
            raise GeneratorError(f"Invalid argument syntax {statement}, expected <resource>=<value>")
        try:
            result[parts[0]] = str(parse_quantity(parts[1]))
        except QuantityError as err:
            raise GeneratorError(str(err)) from None
    return sorted_map(result)


def env_var_name_errors(name: str) -> list[str]:
    """validation.IsEnvVarName."""
    errors = []
    if not _ENV_VAR_NAME.fullmatch(name):
        errors.append(regex_error("a valid environment variable name must consist of alphabetic characters, "
                                  "digits, '_', '-', or '.', and must not start with a digit",
                                  "[-._a-zA-Z][-._a-zA-Z0-9]*", "my.env-name", "MY_ENV.NAME", "MyEnvName1"))
    if name in (".", ".."):
        errors.append(f"must not be '{name}'")
    elif name.startswith(".."):
        errors.append("must not start with '..'")
    return errors


def unique(values: Iterable[str]) -> list[str]:
    """The values without repeats, first occurrence kept."""
    return list(dict.fromkeys(values))
