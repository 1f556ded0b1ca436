"""`kubectl expose TYPE NAME | -f FILE`: the Service for an existing Pod, Service, ReplicationController,
Deployment or ReplicaSet, its selector, ports, protocols and labels read from that object unless given."""

from __future__ import annotations

from ._common import Obj, atoi, int_or_string, metadata, new_object, parse_label_spec
from .errors import GeneratorError

_EXPOSABLE = {("", "ReplicationController"), ("", "Service"), ("", "Pod"), ("apps", "Deployment"),
              ("apps", "ReplicaSet"), ("extensions", "Deployment"), ("extensions", "ReplicaSet")}
_AFFINITIES = ("None", "ClientIP")
_DNS1035_LABEL_MAX_LENGTH = 63


def _group_kind(obj: Obj) -> tuple[str, str]:
    group, _, _ = obj.get("apiVersion", "").rpartition("/")
    return group, obj.get("kind", "")


def _go_expressions(expressions: list[Obj]) -> str:
    """`%+v` of []LabelSelectorRequirement."""
    items = [f"{{Key:{item.get('key', '')} Operator:{item.get('operator', '')} "
             f"Values:[{' '.join(item.get('values') or [])}]}}" for item in expressions]
    return f"[{' '.join(items)}]"


def _selector(obj: Obj) -> dict[str, str]:
    """MapBasedSelectorForObject."""
    group, kind = _group_kind(obj)
    spec = obj.get("spec") or {}
    if kind == "Pod":
        labels = (obj.get("metadata") or {}).get("labels") or {}
        if not labels:
            raise GeneratorError("the pod has no labels and cannot be exposed")
        return labels
    if kind in ("Service", "ReplicationController"):
        if kind == "Service" and spec.get("selector") is None:
            raise GeneratorError("the service has no pod selector set")
        return spec.get("selector") or {}
    selector = spec.get("selector")
    noun = "deployment" if kind == "Deployment" else "replicaset"
    if group == "extensions":
        if selector is not None and selector.get("matchExpressions"):
            raise GeneratorError(f'couldn\'t convert expressions - "{_go_expressions(selector["matchExpressions"])}" '
                                 "to map-based selector format")
        labels = (selector or {}).get("matchLabels") if selector is not None else \
            ((spec.get("template") or {}).get("metadata") or {}).get("labels")
        if not labels:
            what = "deployment" if kind == "Deployment" else "replica set"
            raise GeneratorError(f"the {what} has no labels or selectors and cannot be exposed")
        return labels
    if not selector or not selector.get("matchLabels"):
        raise GeneratorError(f"invalid {noun}: no selectors, therefore cannot be exposed")
    if selector.get("matchExpressions"):
        raise GeneratorError(f'couldn\'t convert expressions - "{_go_expressions(selector["matchExpressions"])}" to '
                             "map-based selector format")
    return selector["matchLabels"]


def _ports_and_protocols(obj: Obj) -> tuple[list[str], dict[str, list[str]]]:
    """PortsForObject (unique, in order) and MultiProtocolsForObject (port -> protocols, TCP by default)."""
    spec = obj.get("spec") or {}
    if obj.get("kind") == "Service":
        entries = [(port.get("port", 0), port.get("protocol")) for port in spec.get("ports") or []]
    else:
        pod_spec = spec if obj.get("kind") == "Pod" else ((spec.get("template") or {}).get("spec") or {})
        entries = [(port.get("containerPort", 0), port.get("protocol"))
                   for item in pod_spec.get("containers") or [] for port in item.get("ports") or []]
    ports: list[str] = []
    protocols: dict[str, list[str]] = {}
    for number, protocol in entries:
        key = str(number)
        if key not in ports:
            ports.append(key)
        protocols.setdefault(key, []).append(protocol or "TCP")
    return ports, protocols


def _service_ports(port_text: str, protocol: str, protocols: dict[str, list[str]]) -> list[Obj]:
    specs = port_text.split(",") if port_text else []
    ports: list[Obj] = []
    for index, text in enumerate(specs, start=1):
        number = atoi(text)
        name = f"port-{index}" if len(specs) > 1 else ""
        chosen = protocol
        if not protocol:
            known = protocols.get(text) if protocols else None
            if known and len(known) > 1:
                ports += [{"name": f"port-{index}-{each.lower()}", "protocol": each, "port": number}
                          for each in known]
                continue
            chosen = known[0] if known else "TCP"
        entry: Obj = {"name": name} if name else {}
        ports.append({**entry, "protocol": chosen, "port": number})
    return ports


def expose(obj: Obj, port: str = "", protocol: str = "", target_port: str = "", name: str = "", labels: str = "",
           selector: str = "", service_type: str = "", external_ip: str = "", load_balancer_ip: str = "",
           session_affinity: str = "", cluster_ip: str = "", namespace: str = "") -> Obj:
    """The Service `kubectl expose` builds for `obj` (the object as the server returned it); the other arguments
    are the flags of the same names, as strings."""
    group, kind = _group_kind(obj)
    if (group, kind) not in _EXPOSABLE:
        raise GeneratorError(f"cannot expose a {kind}.{group}" if group else f"cannot expose a {kind}")
    default_name = ((obj.get("metadata") or {}).get("name") or "")[:_DNS1035_LABEL_MAX_LENGTH]
    if not selector:
        try:
            found = _selector(obj)
        except GeneratorError as err:
            raise GeneratorError(f"couldn't retrieve selectors via --selector flag or introspection: {err}") from None
        selector = ",".join(f"{key}={value}" for key, value in found.items())
    object_ports, protocols = _ports_and_protocols(obj)
    if not port and not object_ports and cluster_ip != "None":
        raise GeneratorError("couldn't find port via --port flag or introspection")
    port_text = port or ",".join(object_ports)
    if not labels:
        labels = ",".join(f"{key}={value}" for key, value in ((obj.get("metadata") or {}).get("labels") or {}).items())
    if not selector:
        raise GeneratorError("selector must be specified")
    selector_map = parse_label_spec(selector)
    service_labels = parse_label_spec(labels) if labels else {}
    service_name = name or default_name
    if not service_name:
        raise GeneratorError("name must be specified")
    ports = _service_ports(port_text, protocol, protocols)
    target = int_or_string(target_port) if target_port else None
    for entry in ports:
        entry["targetPort"] = entry["port"] if target is None else target
    spec: Obj = {}
    if ports:
        spec["ports"] = ports
    spec["selector"] = dict(sorted(selector_map.items()))
    if cluster_ip:
        spec["clusterIP"] = cluster_ip
    if service_type:
        spec["type"] = service_type
    if external_ip:
        spec["externalIPs"] = [external_ip]
    if session_affinity:
        if session_affinity not in _AFFINITIES:
            raise GeneratorError(f"unknown session affinity: {session_affinity}")
        spec["sessionAffinity"] = session_affinity
    if service_type == "LoadBalancer" and load_balancer_ip:
        spec["loadBalancerIP"] = load_balancer_ip
    return new_object("v1", "Service", metadata(service_name, namespace, service_labels), spec=spec,
                      status={"loadBalancer": {}})
