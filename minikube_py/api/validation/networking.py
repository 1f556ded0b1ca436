"""Validation of Ingresses, IngressClasses and NetworkPolicies (networking.k8s.io/v1)."""

from __future__ import annotations

import ipaddress
from typing import Any

from .. import names
from ..errors import Cause
from . import field, metadata
from .pods import port_num_or_name

Obj = dict[str, Any]
_PATH_TYPES = ("Exact", "ImplementationSpecific", "Prefix")


def _host(host: str, path: str) -> list[Cause]:
    if host.startswith("*."):
        problems = names.is_dns1123_subdomain(host[2:])
        if problems:
            return [field.invalid(path, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a "
                                  "valid DNS subdomain, which must consist of lower case alphanumeric characters, "
                                  "'-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex "
                                  r"used for validation is '\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*"
                                  r"[a-z0-9])?)*')")]
        return []
    try:
        ipaddress.ip_address(host)
        return [field.invalid(path, host, "must be a DNS name, not an IP address")]
    except ValueError:
        return field.each_message(path, host, names.is_dns1123_subdomain(host))


def _backend(backend: Obj, path: str) -> list[Cause]:
    service, resource = backend.get("service"), backend.get("resource")
    if service is not None and resource is not None:
        return [field.invalid(path, "", "cannot set both resource and service backends")]
    if service is None and resource is None:
        return [field.invalid(path, "", "resource or service backend is required")]
    causes: list[Cause] = []
    if service is not None:
        name = service.get("name") or ""
        if not name:
            causes.append(field.required(f"{path}.service.name"))
        else:
            causes += field.each_message(f"{path}.service.name", name, names.is_dns1035_label(name))
        port = service.get("port") or {}
        has_name, has_number = bool(port.get("name")), port.get("number") is not None
        if has_name and has_number:
            causes.append(field.invalid(f"{path}.service.port", "", "cannot set both port name & port number"))
        elif has_name:
            causes += port_num_or_name(port["name"], f"{path}.service.port.name")
        elif has_number:
            causes += field.port_range(f"{path}.service.port.number", port["number"])
        else:
            causes.append(field.required(f"{path}.service.port", "port name or number is required"))
    else:
        if not resource.get("kind"):
            causes.append(field.required(f"{path}.resource.kind"))
        if not resource.get("name"):
            causes.append(field.required(f"{path}.resource.name"))
    return causes


def ingress(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes: list[Cause] = []
    rules = spec.get("rules") or []
    if spec.get("defaultBackend") is None and not rules:
        causes.append(field.invalid("spec", "", "either `defaultBackend` or `rules` must be specified"))
    if spec.get("defaultBackend") is not None:
        causes += _backend(spec["defaultBackend"], "spec.defaultBackend")
    for index, rule in enumerate(rules):
        rule_path = f"spec.rules[{index}]"
        if rule.get("host"):
            causes += _host(rule["host"], f"{rule_path}.host")
        http = rule.get("http")
        if http is None:
            continue
        paths = http.get("paths") or []
        if not paths:
            causes.append(field.required(f"{rule_path}.http.paths"))
        for path_index, item in enumerate(paths):
            causes += _http_path(item, f"{rule_path}.http.paths[{path_index}]")
    for index, tls in enumerate(spec.get("tls") or []):
        for host_index, host in enumerate(tls.get("hosts") or []):
            causes += _host(host, f"spec.tls[{index}].hosts[{host_index}]")
    class_name = spec.get("ingressClassName")
    if class_name:
        causes += field.each_message("spec.ingressClassName", class_name, names.is_dns1123_subdomain(class_name))
    return causes


def _http_path(item: Obj, path: str) -> list[Cause]:
    causes: list[Cause] = []
    path_type, url_path = item.get("pathType"), item.get("path") or ""
    if path_type is None:
        return [field.required(f"{path}.pathType", "pathType must be specified")]
    if path_type not in _PATH_TYPES:
        causes.append(field.not_supported(f"{path}.pathType", path_type, _PATH_TYPES))
    if path_type in ("Exact", "Prefix"):
        if not url_path.startswith("/"):
            causes.append(field.invalid(f"{path}.path", url_path, "must be an absolute path"))
        for bad in ("//", "/./", "/../", "%2f", "%2F"):
            if bad in url_path:
                causes.append(field.invalid(f"{path}.path", url_path, f"must not contain '{bad}'"))
        for suffix in ("/..", "/."):
            if url_path.endswith(suffix):
                causes.append(field.invalid(f"{path}.path", url_path, f"cannot end with '{suffix}'"))
    elif path_type == "ImplementationSpecific" and url_path and not url_path.startswith("/"):
        causes.append(field.invalid(f"{path}.path", url_path, "must be an absolute path"))
    return causes + _backend(item.get("backend") or {}, f"{path}.backend")


def ingress_class(obj: Obj) -> list[Cause]:
    controller = (obj.get("spec") or {}).get("controller") or ""
    if not controller:
        return [field.required("spec.controller")]
    if len(controller) > 250:
        return [field.too_long_bytes("spec.controller", 250)]
    return field.each_message("spec.controller", controller, names.is_qualified_name(controller.lower()))


def network_policy(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes = metadata.label_selector(spec.get("podSelector"), "spec.podSelector")
    for direction, peers_key in (("ingress", "from"), ("egress", "to")):
        for index, rule in enumerate(spec.get(direction) or []):
            rule_path = f"spec.{direction}[{index}]"
            for port_index, port in enumerate(rule.get("ports") or []):
                causes += _policy_port(port, f"{rule_path}.ports[{port_index}]")
            for peer_index, peer in enumerate(rule.get(peers_key) or []):
                causes += _peer(peer, f"{rule_path}.{peers_key}[{peer_index}]")
    for index, policy_type in enumerate(spec.get("policyTypes") or []):
        if policy_type not in ("Ingress", "Egress"):
            causes.append(field.not_supported(f"spec.policyTypes[{index}]", policy_type, ("Ingress", "Egress")))
    if len(spec.get("policyTypes") or []) > 2:
        causes.append(field.invalid("spec.policyTypes", spec["policyTypes"], "may not specify more than two "
                                    "policyTypes", "[]networking.PolicyType"))
    return causes


def _policy_port(port: Obj, path: str) -> list[Cause]:
    causes = field.one_of(f"{path}.protocol", port.get("protocol"), ("SCTP", "TCP", "UDP"), required_when_empty=False)
    if port.get("port") is not None:
        causes += port_num_or_name(port["port"], f"{path}.port")
    end = port.get("endPort")
    if end is not None:
        if not isinstance(port.get("port"), int):
            causes.append(field.required(f"{path}.port", "must be specified when endPort is specified"))
        elif end < port["port"]:
            causes.append(field.invalid(f"{path}.endPort", end, "must be greater than or equal to `port`"))
    return causes


def _peer(peer: Obj, path: str) -> list[Cause]:
    set_keys = [k for k in ("podSelector", "namespaceSelector", "ipBlock") if peer.get(k) is not None]
    if not set_keys:
        return [field.required(path, "must specify a peer")]
    if peer.get("ipBlock") is not None and len(set_keys) > 1:
        return [field.forbidden(path, "may not specify both ipBlock and another peer")]
    causes: list[Cause] = []
    for key in ("podSelector", "namespaceSelector"):
        causes += metadata.label_selector(peer.get(key), f"{path}.{key}")
    block = peer.get("ipBlock")
    if isinstance(block, dict):
        cidr = block.get("cidr") or ""
        if not cidr:
            causes.append(field.required(f"{path}.ipBlock.cidr"))
        else:
            try:
                network = ipaddress.ip_network(cidr, strict=False)
            except ValueError:
                causes.append(field.invalid(f"{path}.ipBlock.cidr", cidr, "must be a valid CIDR value, (e.g. "
                                            "10.9.8.0/24 or 2001:db8::/64)"))
                return causes
            for index, excepted in enumerate(block.get("except") or []):
                try:
                    if not ipaddress.ip_network(excepted, strict=False).subnet_of(network):  # type: ignore[arg-type]
                        causes.append(field.invalid(f"{path}.ipBlock.except[{index}]", excepted,
                                                    "must be a strict subset of `cidr`"))
                except (ValueError, TypeError):
                    causes.append(field.invalid(f"{path}.ipBlock.except[{index}]", excepted,
                                                "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"))
    return causes
