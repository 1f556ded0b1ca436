"""`kubectl run NAME --image=... [flags] [-- ARGS...]`: the Pod it creates (and, with `--expose`, its Service)."""

from __future__ import annotations

import re
from typing import Mapping

from ._common import (
    Obj,
    atoi,
    container,
    env_var_name_errors,
    metadata,
    new_object,
    parse_label_spec,
    parse_port,
    sorted_map,
)
from .errors import GeneratorError

_RESTART_POLICIES = ("Always", "OnFailure", "Never")
_PULL_POLICIES = ("", "Always", "IfNotPresent", "Never")

# github.com/distribution/reference's ReferenceRegexp.
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_DOMAIN_PART = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_PART}(?:\.{_DOMAIN_PART})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_REFERENCE = re.compile(rf"(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::[\w][\w.-]{{0,127}})?"
                        r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?", re.ASCII)


def _labels(labels: str | Mapping[str, str], name: str) -> dict[str, str]:
    if isinstance(labels, str):
        return parse_label_spec(labels) if labels else {"run": name}
    return dict(labels) or {"run": name}


def _pairs(values: list[str], kind: str) -> dict[str, str]:
    """cmdutil.ParsePairs without removals: `key=value` items, the bad ones listed in one error."""
    pairs: dict[str, str] = {}
    invalid = []
    for value in values:
        if "=" in value and not value.startswith("="):
            key, _, pair_value = value.partition("=")
            pairs[key] = pair_value
        else:
            invalid.append(value)
    if invalid:
        raise GeneratorError(f"invalid {kind} format: {', '.join(invalid)}")
    return pairs


def _env(values: list[str]) -> list[Obj]:
    variables = []
    for value in values:
        name, separator, env_value = value.partition("=")
        if not separator or not name or env_var_name_errors(name):
            raise GeneratorError(f"invalid env: {value}")
        variables.append({"name": name, "value": env_value})
    return variables


def restart_policy(restart: str, interactive: bool) -> str:
    """getRestartPolicy: Always by default, OnFailure with -i."""
    if not restart:
        return "OnFailure" if interactive else "Always"
    if restart not in _RESTART_POLICIES:
        raise GeneratorError(f"invalid restart policy: {restart}")
    return restart


def pod(name: str, image: str, args: list[str] | None = None, command: bool = False,
        labels: str | Mapping[str, str] = "", annotations: list[str] | None = None, env: list[str] | None = None,
        port: str = "", restart: str = "", image_pull_policy: str = "", stdin: bool = False, tty: bool = False,
        leave_stdin_open: bool = False, privileged: bool = False, expose: bool = False, namespace: str = "") -> Obj:
    """The Pod of `kubectl run`: `args` are the words after `--` (the container's command with `command=True`),
    `labels` the --labels text (or a mapping), `annotations`/`env` the repeated flags' values."""
    if not name:
        raise GeneratorError("NAME is required for run")
    if not image:
        raise GeneratorError("--image is required")
    if not _REFERENCE.fullmatch(image):
        raise GeneratorError(f'Invalid image name "{image}": invalid reference format')
    if tty and not stdin:
        raise GeneratorError("-i/--stdin is required for containers with -t/--tty=true")
    if expose and not port:
        raise GeneratorError("--port must be set when exposing a service")
    policy = restart_policy(restart, stdin)
    if image_pull_policy not in _PULL_POLICIES:
        raise GeneratorError(f"invalid image pull policy: {image_pull_policy}")
    pod_labels = _labels(labels, name)
    pod_annotations = _pairs(annotations or [], "annotations")
    variables = _env(env or [])
    ports = [{"containerPort": parse_port(port)}] if port else None
    spec = container(name, image, command=args if command else None, args=None if command else args, ports=ports,
                     env=variables, image_pull_policy=image_pull_policy,
                     security_context={"privileged": True} if privileged else None,
                     stdin=stdin, stdin_once=stdin and not leave_stdin_open, tty=tty)
    return new_object("v1", "Pod", metadata(name, namespace, pod_labels, pod_annotations),
                      spec={"containers": [spec], "restartPolicy": policy, "dnsPolicy": "ClusterFirst"}, status={})


def service(name: str, port: str, labels: str | Mapping[str, str] = "", namespace: str = "") -> Obj:
    """The Service `kubectl run --expose --port=P` creates: selector (and labels) from --labels, else run=NAME."""
    given = _labels(labels, name) if labels else {}
    selector = given or {"run": name}
    number = atoi(port)
    spec = {"ports": [{"protocol": "TCP", "port": number, "targetPort": number}], "selector": sorted_map(selector)}
    return new_object("v1", "Service", metadata(name, namespace, given), spec=spec, status={"loadBalancer": {}})
