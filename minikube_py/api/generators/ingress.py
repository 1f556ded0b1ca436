"""`kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]] [--class] [--default-backend]
[--annotation]`: a networking.k8s.io/v1 Ingress, paths ending in `*` of pathType Prefix, the others Exact."""

from __future__ import annotations

import re

from ._common import Obj, int_or_string, metadata, new_object
from .errors import GeneratorError

_RULE = re.compile(r"(?P<host>[\w\*\-\.]*)(?P<path>/[^,=\n]*)=(?P<svcname>[\w\-]+):(?P<svcport>[\w\-]+)"
                   r"(,(?P<istls>tls)=?(?P<secretname>[\w\-]+)?)?", re.ASCII)


def _backend(service: str) -> Obj:
    """`name:port`, the port a number or a port name."""
    name, port = service.split(":")[:2]
    value = int_or_string(port)
    return {"service": {"name": name, "port": {"number": value} if isinstance(value, int) else {"name": value}}}


def _tls(rules: list[str]) -> list[Obj]:
    """buildTLSRules: one entry per secret, each host listed once."""
    entries: list[Obj] = []
    seen_hosts: set[str] = set()
    for rule in rules:
        parts = rule.split(",")
        if len(parts) != 2:
            continue
        host = rule.split("/", 1)[0]
        secret_parts = parts[1].split("=")
        secret = secret_parts[1] if len(secret_parts) > 1 else ""
        if host in seen_hosts:
            continue
        seen_hosts.add(host)
        existing = next((entry for entry in entries if entry.get("secretName", "") == secret), None)
        if existing is not None:
            existing.setdefault("hosts", []).append(host)
            continue
        entry: Obj = {}
        if host:
            entry["hosts"] = [host]
        if secret:
            entry["secretName"] = secret
        if entry:
            entries.append(entry)
    return entries


def _rules(rules: list[str]) -> list[Obj]:
    """buildIngressRules: paths grouped under their host, in the order given."""
    result: list[Obj] = []
    for rule in rules:
        host, path_and_service = rule.split(",")[0].split("/", 1)
        path, service = path_and_service.split("=")[:2]
        path = "/" + path
        path_type = "Exact"
        if path.endswith("*"):
            path, path_type = path[:-1], "Prefix"
        http_path = {"path": path, "pathType": path_type, "backend": _backend(service)}
        existing = next((entry for entry in result if entry.get("host", "") == host), None)
        if existing is not None:
            existing["http"]["paths"].append(http_path)
            continue
        entry: Obj = {"host": host} if host else {}
        entry["http"] = {"paths": [http_path]}
        result.append(entry)
    return result


def ingress(name: str, rules: list[str] | None = None, default_backend: str = "", ingress_class: str = "",
            annotations: list[str] | None = None, namespace: str = "") -> Obj:
    """`kubectl create ingress`; `rules` and `annotations` as the repeated --rule and --annotation give them."""
    rules, annotations = rules or [], annotations or []
    if not default_backend and not rules:
        raise GeneratorError("not enough information provided: every ingress has to either specify a default-backend "
                             "(which catches all traffic) or a list of rules (which catch specific paths)")
    for rule in rules:
        if not _RULE.fullmatch(rule):
            raise GeneratorError(f"rule {rule} is invalid and should be in format host/path=svcname:svcport"
                                 "[,tls[=secret]]")
    parsed_annotations: dict[str, str] = {}
    for annotation in annotations:
        key, separator, value = annotation.partition("=")
        if not separator:
            raise GeneratorError(f"annotation {annotation} is invalid and should be in format key=[value]")
        parsed_annotations[key] = value
    if default_backend and len(default_backend.split(":")) != 2:
        raise GeneratorError("default-backend should be in format servicename:serviceport")
    spec: Obj = {}
    if ingress_class:
        spec["ingressClassName"] = ingress_class
    if default_backend:
        spec["defaultBackend"] = _backend(default_backend)
    tls = _tls(rules)
    if tls:
        spec["tls"] = tls
    built_rules = _rules(rules)
    if built_rules:
        spec["rules"] = built_rules
    return new_object("networking.k8s.io/v1", "Ingress", metadata(name, namespace, annotations=parsed_annotations),
                      spec=spec, status={"loadBalancer": {}})
