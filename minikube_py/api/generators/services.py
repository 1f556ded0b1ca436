"""`kubectl create service clusterip|nodeport|loadbalancer|externalname`."""

from __future__ import annotations

from ..names import is_dns1123_subdomain
from ..validation.pods import is_valid_port_name
from ._common import Obj, atoi, metadata, new_object, parse_port
from .errors import GeneratorError

CLUSTER_IP, EXTERNAL_NAME = "ClusterIP", "ExternalName"
# `kubectl create service <subcommand>` -> the Service type it creates
SERVICE_TYPES = {"clusterip": CLUSTER_IP, "nodeport": "NodePort", "loadbalancer": "LoadBalancer",
                 "externalname": EXTERNAL_NAME}


def _parse_tcp(spec: str) -> tuple[int, int | str]:
    """parsePorts: `port[:targetPort]`, the target a number (1-65535) or an IANA port name."""
    parts = spec.split(":")
    port = parse_port(parts[0])
    if len(parts) == 1:
        return port, port
    try:
        number = atoi(parts[1])
    except GeneratorError:
        errors = is_valid_port_name(parts[1])
        if errors:
            raise GeneratorError(",".join(errors)) from None
        return port, parts[1]
    if not 1 <= number <= 65535:
        raise GeneratorError("must be between 1 and 65535, inclusive")
    return port, number


def service(service_type: str, name: str, tcp: list[str] | None = None, cluster_ip: str = "", node_port: int = 0,
            external_name: str = "", namespace: str = "") -> Obj:
    """`kubectl create service <type> NAME [--tcp=port:target ...] [--clusterip] [--node-port] [--external-name]`;
    `service_type` is ClusterIP, NodePort, LoadBalancer or ExternalName."""
    tcp = tcp or []
    if cluster_ip == "None" and service_type != CLUSTER_IP:
        raise GeneratorError("ClusterIP=None can only be used with ClusterIP service type")
    if cluster_ip != "None" and not tcp and service_type != EXTERNAL_NAME:
        raise GeneratorError("at least one tcp port specifier must be provided")
    if service_type == EXTERNAL_NAME and is_dns1123_subdomain(external_name):
        raise GeneratorError(f"invalid service external name {external_name}")
    ports = []
    for spec in tcp:
        port, target = _parse_tcp(spec)
        entry: Obj = {"name": spec.replace(":", "-"), "protocol": "TCP", "port": port, "targetPort": target}
        if node_port:
            entry["nodePort"] = node_port
        ports.append(entry)
    labels = {"app": name}
    spec_fields: Obj = {}
    if ports:
        spec_fields["ports"] = ports
    spec_fields["selector"] = dict(labels)
    if cluster_ip:
        spec_fields["clusterIP"] = cluster_ip
    spec_fields["type"] = service_type
    if external_name:
        spec_fields["externalName"] = external_name
    return new_object("v1", "Service", metadata(name, namespace, labels), spec=spec_fields,
                      status={"loadBalancer": {}})
