"""Services and networking: services, endpoints, endpoint slices, ingresses, ingress classes, network policies,
service CIDRs and IP addresses."""

from __future__ import annotations

from typing import Any

from .columns import (
    AGE,
    NAME,
    Column,
    Doc,
    Printer,
    age,
    first_with_more,
    format_label_selector,
    format_labels,
    name,
    spec,
    status,
)


def _host_port(ip: str, port: Any) -> str:
    """`net.JoinHostPort`: IPv6 addresses in brackets."""
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def _load_balancer(obj: dict[str, Any]) -> list[str]:
    """The ingress points of `status.loadBalancer`, sorted and distinct (the apiserver prints wide: unclipped)."""
    points = {point.get("ip") or point.get("hostname") or ""
              for point in (status(obj).get("loadBalancer") or {}).get("ingress") or []}
    points.discard("")
    return sorted(points)


def _external_ip(obj: dict[str, Any]) -> str:
    service = spec(obj)
    kind, external = service.get("type", "ClusterIP"), service.get("externalIPs") or []
    if kind in ("ClusterIP", "NodePort"):
        return ",".join(external) or "<none>"
    if kind == "LoadBalancer":
        return ",".join(_load_balancer(obj) + external) or "<pending>"
    if kind == "ExternalName":
        return service.get("externalName", "")
    return "<unknown>"


def _port(port: dict[str, Any]) -> str:
    protocol = port.get("protocol", "TCP")
    if port.get("nodePort", 0) > 0:
        return f"{port.get('port', 0)}:{port['nodePort']}/{protocol}"
    return f"{port.get('port', 0)}/{protocol}"


def _service_row(obj: dict[str, Any], now: float) -> list[Any]:
    service = spec(obj)
    cluster_ips = service.get("clusterIPs") or []
    return [name(obj), service.get("type", "ClusterIP"), cluster_ips[0] if cluster_ips else "<none>",
            _external_ip(obj), ",".join(_port(port) for port in service.get("ports") or []) or "<none>", age(obj, now),
            format_labels(service.get("selector"))]


def _endpoints_cell(obj: dict[str, Any]) -> str:
    """`formatEndpoints`: every `ip:port` of every subset (bare IPs for a subset without ports), three shown."""
    subsets = obj.get("subsets") or []
    if not subsets:
        return "<none>"
    entries: list[str] = []
    for subset in subsets:
        ips = [address.get("ip", "") for address in subset.get("addresses") or []]
        ports = subset.get("ports") or []
        if not ports:
            entries.extend(ips)
        for port in ports:
            entries.extend(_host_port(ip, port.get("port", 0)) for ip in ips)
    return first_with_more(entries, 3, empty="")


def _endpoint_slice_row(obj: dict[str, Any], now: float) -> list[Any]:
    ports = [str(port["port"]) if port.get("port") is not None else port.get("name") or "*"
             for port in obj.get("ports") or []]
    addresses = [address for endpoint in obj.get("endpoints") or [] for address in endpoint.get("addresses") or []]
    return [name(obj), obj.get("addressType", ""), first_with_more(ports, 3), first_with_more(addresses, 3),
            age(obj, now)]


def _hosts(rules: list[dict[str, Any]]) -> str:
    """`formatHosts`: up to three rule hosts, `*` when no rule names one."""
    hosts: list[str] = []
    more = False
    for rule in rules:
        if len(hosts) == 3:
            more = True
        if not more and rule.get("host"):
            hosts.append(rule["host"])
    if not hosts:
        return "*"
    return ",".join(hosts) + (f" + {len(rules) - 3} more..." if more else "")


def _ingress_row(obj: dict[str, Any], now: float) -> list[Any]:
    ingress = spec(obj)
    return [name(obj), ingress.get("ingressClassName") or "<none>", _hosts(ingress.get("rules") or []),
            ",".join(_load_balancer(obj)), "80, 443" if ingress.get("tls") else "80", age(obj, now)]


def _ingress_class_row(obj: dict[str, Any], now: float) -> list[Any]:
    parameters = spec(obj).get("parameters")
    shown = "<none>"
    if parameters is not None:
        group = f".{parameters['apiGroup']}" if parameters.get("apiGroup") is not None else ""
        shown = f"{parameters.get('kind', '')}{group}/{parameters.get('name', '')}"
    return [name(obj), spec(obj).get("controller", ""), shown, age(obj, now)]


def _network_policy_row(obj: dict[str, Any], now: float) -> list[Any]:
    return [name(obj), format_label_selector(spec(obj).get("podSelector")), age(obj, now)]


def _service_cidr_row(obj: dict[str, Any], now: float) -> list[Any]:
    return [name(obj), ",".join(spec(obj).get("cidrs") or []), age(obj, now)]


def _ip_address_row(obj: dict[str, Any], now: float) -> list[Any]:
    parent = spec(obj).get("parentRef")
    shown = "<none>"
    if parent is not None:
        resource, group = parent.get("resource", ""), parent.get("group", "")
        shown = (f"{resource}.{group}" if group else resource).lower()
        if parent.get("namespace"):
            shown += "/" + parent["namespace"]
        shown += "/" + parent.get("name", "")
    return [name(obj), shown, age(obj, now)]


PRINTERS = {
    ("", "Service"): Printer((
        NAME,
        Column("Type", "string", Doc("core.v1.ServiceSpec", "type")),
        Column("Cluster-IP", "string", Doc("core.v1.ServiceSpec", "clusterIP")),
        Column("External-IP", "string", Doc("core.v1.ServiceSpec", "externalIPs")),
        Column("Port(s)", "string", Doc("core.v1.ServiceSpec", "ports")),
        AGE,
        Column("Selector", "string", Doc("core.v1.ServiceSpec", "selector"), priority=1),
    ), _service_row),
    ("", "Endpoints"): Printer((
        NAME,
        Column("Endpoints", "string", Doc("core.v1.Endpoints", "subsets")),
        AGE,
    ), lambda obj, now: [name(obj), _endpoints_cell(obj), age(obj, now)]),
    ("discovery.k8s.io", "EndpointSlice"): Printer((
        NAME,
        Column("AddressType", "string", Doc("discovery.v1.EndpointSlice", "addressType")),
        Column("Ports", "string", Doc("discovery.v1.EndpointSlice", "ports")),
        Column("Endpoints", "string", Doc("discovery.v1.EndpointSlice", "endpoints")),
        AGE,
    ), _endpoint_slice_row),
    ("networking.k8s.io", "Ingress"): Printer((
        NAME,
        Column("Class", "string", "The name of the IngressClass resource that should be used for additional "
                                  "configuration"),
        Column("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
        Column("Address", "string", "Address is a list containing ingress points for the load-balancer"),
        Column("Ports", "string", "Ports of TLS configurations that open"),
        AGE,
    ), _ingress_row),
    ("networking.k8s.io", "IngressClass"): Printer((
        NAME,
        Column("Controller", "string", "Controller that is responsible for handling this class"),
        Column("Parameters", "string", "A reference to a resource with additional parameters"),
        AGE,
    ), _ingress_class_row),
    ("networking.k8s.io", "NetworkPolicy"): Printer((
        NAME,
        # extensions/v1beta1's doc, which Kubernetes still cites here.
        Column("Pod-Selector", "string",
               "Selects the pods to which this NetworkPolicy object applies.  The array of ingress rules is applied to "
               "any pods selected by this field. Multiple network policies can select the same set of pods.  In this "
               "case, the ingress rules for each are combined additively. This field is NOT optional and follows "
               "standard label selector semantics. An empty podSelector matches all pods in this namespace."),
        AGE,
    ), _network_policy_row),
    ("networking.k8s.io", "ServiceCIDR"): Printer((
        NAME,
        Column("CIDRs", "string", Doc("networking.v1beta1.ServiceCIDRSpec", "cidrs")),
        AGE,
    ), _service_cidr_row),
    # Kubernetes declares two columns and sends three cells (the age) for IP addresses; so do we.
    ("networking.k8s.io", "IPAddress"): Printer((
        NAME,
        Column("ParentRef", "string", Doc("networking.v1beta1.IPAddressSpec", "parentRef")),
    ), _ip_address_row),
}
