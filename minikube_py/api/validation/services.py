"""Validation of Services and Endpoints (Kubernetes 1.32's ValidateService, ValidateServiceUpdate,
ValidateEndpoints): types, ports and their names, node port range, cluster IPs, selectors, traffic policies."""

from __future__ import annotations

import ipaddress
from typing import Any

from .. import names
from ..errors import Cause
from . import field, metadata
from .pods import port_num_or_name

Obj = dict[str, Any]
_TYPES = ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
_PROTOCOLS = ("SCTP", "TCP", "UDP")
_IP_DETAIL = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def service(obj: Obj, node_port_range: tuple[int, int]) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes: list[Cause] = []
    service_type = spec.get("type")
    headless = spec.get("clusterIP") == "None"
    ports = spec.get("ports") or []
    if service_type not in _TYPES:
        causes.append(field.not_supported("spec.type", service_type or "", _TYPES))
    if service_type == "ExternalName":
        if spec.get("clusterIP") not in (None, ""):
            causes.append(field.forbidden("spec.clusterIPs", "may not be set for ExternalName services"))
        external = spec.get("externalName") or ""
        if not external:
            causes.append(field.required("spec.externalName"))
        else:
            causes += field.each_message("spec.externalName", external,
                                         names.is_dns1123_subdomain(external.removesuffix(".")))
    elif not ports and not headless:
        causes.append(field.required("spec.ports"))
    seen_names: set[str] = set()
    for index, port in enumerate(ports):
        causes += _port(port, f"spec.ports[{index}]", len(ports) > 1, seen_names, headless)
    causes += _cluster_ips(spec)
    causes += metadata.labels(spec.get("selector"), "spec.selector")
    causes += field.one_of("spec.sessionAffinity", spec.get("sessionAffinity"), ("ClientIP", "None"))
    timeout = ((spec.get("sessionAffinityConfig") or {}).get("clientIP") or {}).get("timeoutSeconds")
    if spec.get("sessionAffinity") == "ClientIP" and timeout is not None and not 0 < timeout <= 86400:
        causes.append(field.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                                    "must be greater than 0 and less than 86400"))
    causes += _node_ports(spec, service_type, node_port_range)
    if service_type not in ("NodePort", "LoadBalancer") and spec.get("externalTrafficPolicy"):
        causes.append(field.invalid("spec.externalTrafficPolicy", spec["externalTrafficPolicy"],
                                    "may only be set when `type` is 'NodePort' or 'LoadBalancer'"))
    elif spec.get("externalTrafficPolicy"):
        causes += field.one_of("spec.externalTrafficPolicy", spec["externalTrafficPolicy"], ("Cluster", "Local"))
    if spec.get("internalTrafficPolicy"):
        causes += field.one_of("spec.internalTrafficPolicy", spec["internalTrafficPolicy"], ("Cluster", "Local"))
    for index, address in enumerate(spec.get("externalIPs") or []):
        if not _is_ip(address):
            causes.append(field.invalid(f"spec.externalIPs[{index}]", address, _IP_DETAIL))
    return causes


def _port(port: Obj, path: str, several: bool, seen: set[str], headless: bool) -> list[Cause]:
    causes: list[Cause] = []
    name = port.get("name") or ""
    if several and not name:
        causes.append(field.required(f"{path}.name"))
    elif name:
        causes += field.each_message(f"{path}.name", name, names.is_dns1123_label(name))
        if name in seen:
            causes.append(field.duplicate(f"{path}.name", name))
        seen.add(name)
    causes += field.port_range(f"{path}.port", port.get("port"))
    causes += field.one_of(f"{path}.protocol", port.get("protocol"), _PROTOCOLS)
    target = port.get("targetPort")
    if target is not None and target not in (0, ""):
        causes += port_num_or_name(target, f"{path}.targetPort")
    return causes


def _cluster_ips(spec: Obj) -> list[Cause]:
    causes: list[Cause] = []
    cluster_ip = spec.get("clusterIP") or ""
    cluster_ips = spec.get("clusterIPs") or ([cluster_ip] if cluster_ip else [])
    if cluster_ip and cluster_ips and cluster_ips[0] != cluster_ip:
        causes.append(field.invalid("spec.clusterIPs", cluster_ips,
                                    "must be empty or the first value must match spec.clusterIP"))
    for index, address in enumerate(cluster_ips):
        if address == "None" and index == 0:
            continue
        if not _is_ip(address):
            causes.append(field.invalid(f"spec.clusterIPs[{index}]", address, _IP_DETAIL))
    for index, family in enumerate(spec.get("ipFamilies") or []):
        if family not in ("IPv4", "IPv6"):
            causes.append(field.not_supported(f"spec.ipFamilies[{index}]", family, ("IPv4", "IPv6")))
    policy = spec.get("ipFamilyPolicy")
    if policy is not None:
        causes += field.one_of("spec.ipFamilyPolicy", policy, ("SingleStack", "PreferDualStack", "RequireDualStack"))
    return causes


def _node_ports(spec: Obj, service_type: Any, node_port_range: tuple[int, int]) -> list[Cause]:
    causes: list[Cause] = []
    low, high = node_port_range
    seen: set[tuple[Any, Any]] = set()
    for index, port in enumerate(spec.get("ports") or []):
        node_port = port.get("nodePort")
        if not node_port:
            continue
        path = f"spec.ports[{index}].nodePort"
        if service_type not in ("NodePort", "LoadBalancer"):
            causes.append(field.forbidden(path, f"may not be used when `type` is '{service_type}'"))
            continue
        causes += field.port_range(path, node_port)
        key = (node_port, port.get("protocol"))
        if key in seen:
            causes.append(field.duplicate(path, node_port))
        seen.add(key)
        if isinstance(node_port, int) and 1 <= node_port <= 65535 and not low <= node_port <= high:
            causes.append(field.invalid(path, node_port, f"provided port is not in the valid range. The range of "
                                        f"valid ports is {low}-{high}"))
    return causes


def service_update(new: Obj, old: Obj) -> list[Cause]:
    """ValidateServiceUpdate: the primary cluster IP may not change (unless to or from ExternalName)."""
    new_spec, old_spec = new.get("spec") or {}, old.get("spec") or {}
    if "ExternalName" in (new_spec.get("type"), old_spec.get("type")):
        return []
    old_ips = old_spec.get("clusterIPs") or ([old_spec["clusterIP"]] if old_spec.get("clusterIP") else [])
    new_ips = new_spec.get("clusterIPs") or ([new_spec["clusterIP"]] if new_spec.get("clusterIP") else [])
    if old_ips and (not new_ips or new_ips[0] != old_ips[0]):
        if not new_ips:
            return [field.invalid("spec.clusterIPs[0]", new_ips or [""], "primary clusterIP can not be unset")]
        return [field.invalid("spec.clusterIPs[0]", new_ips, "may not change once set")]
    return []


def endpoints(obj: Obj) -> list[Cause]:
    causes: list[Cause] = []
    for subset_index, subset in enumerate(obj.get("subsets") or []):
        path = f"subsets[{subset_index}]"
        for key in ("addresses", "notReadyAddresses"):
            for index, address in enumerate(subset.get(key) or []):
                if not _is_ip(address.get("ip") or ""):
                    causes.append(field.invalid(f"{path}.{key}[{index}].ip", address.get("ip") or "", _IP_DETAIL))
        for index, port in enumerate(subset.get("ports") or []):
            causes += field.port_range(f"{path}.ports[{index}].port", port.get("port"))
            causes += field.one_of(f"{path}.ports[{index}].protocol", port.get("protocol"), _PROTOCOLS)
    return causes
