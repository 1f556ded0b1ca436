"""`kubectl describe` of the cluster-level policy, class and address kinds kubectl has its own describer for:
priorityclasses, storageclasses, ingressclasses, poddisruptionbudgets, horizontalpodautoscalers (autoscaling/v2),
networkpolicies, csinodes, volumeattributesclasses, servicecidrs and ipaddresses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from minikube_py.api.printers.columns import epoch, format_label_selector, format_labels

from .common import (
    Obj,
    PrefixWriter,
    Writer,
    annotations,
    events,
    go_bool,
    go_list,
    labels,
    meta,
    name_and_namespace,
    print_bool_ptr,
    rfc1123z,
)


def describe_priority_class(pc: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                            now: float) -> str:
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(pc).get('name', '')}\n")
    w.write(0, f"Value:\t{pc.get('value', 0)}\n")
    w.write(0, f"GlobalDefault:\t{go_bool(pc.get('globalDefault'))}\n")
    w.write(0, f"PreemptionPolicy:\t{pc.get('preemptionPolicy', '')}\n")
    w.write(0, f"Description:\t{pc.get('description', '')}\n")
    w.write(0, f"Annotations:\t{format_labels(meta(pc).get('annotations'))}\n")
    events(w, object_events, now)
    return w.render()


def describe_storage_class(sc: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                           now: float) -> str:
    metadata = meta(sc)
    sc_annotations = metadata.get("annotations") or {}
    default = "Yes" if "true" in (sc_annotations.get("storageclass.kubernetes.io/is-default-class"),
                                  sc_annotations.get("storageclass.beta.kubernetes.io/is-default-class")) else "No"
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    w.write(0, f"IsDefaultClass:\t{default}\n")
    w.write(0, f"Annotations:\t{format_labels(sc_annotations)}\n")
    w.write(0, f"Provisioner:\t{sc.get('provisioner', '')}\n")
    w.write(0, f"Parameters:\t{format_labels(sc.get('parameters'))}\n")
    w.write(0, f"AllowVolumeExpansion:\t{print_bool_ptr(sc.get('allowVolumeExpansion'))}\n")
    if not sc.get("mountOptions"):
        w.write(0, "MountOptions:\t<none>\n")
    else:
        w.write(0, "MountOptions:\n")
        for option in sc["mountOptions"]:
            w.write(1, f"{option}\n")
    if sc.get("reclaimPolicy") is not None:
        w.write(0, f"ReclaimPolicy:\t{sc['reclaimPolicy']}\n")
    if sc.get("volumeBindingMode") is not None:
        w.write(0, f"VolumeBindingMode:\t{sc['volumeBindingMode']}\n")
    if sc.get("allowedTopologies") is not None:
        _allowed_topologies(w, sc["allowedTopologies"])
    events(w, object_events, now)
    return w.render()


def _allowed_topologies(w: Writer, terms: list[Obj]) -> None:
    w.write(0, "AllowedTopologies:\t")
    if not terms:
        w.line("<none>")
        return
    w.line("")
    for index, term in enumerate(terms):
        w.write(1, f"Term {index}:\t")
        requirements = term.get("matchLabelExpressions") or []
        if not requirements:
            w.line("<none>")
        for number, requirement in enumerate(requirements):
            if number:
                w.write(1, "\t")
            text = f"{requirement.get('key', '')} in"
            if requirement.get("values"):
                text += f" [{', '.join(requirement['values'])}]"
            w.write(0, text + "\n")


def describe_ingress_class(ic: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                           now: float) -> str:
    spec, metadata = ic.get("spec") or {}, meta(ic)
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Controller:\t{spec.get('controller', '')}\n")
    parameters = spec.get("parameters")
    if parameters is not None:
        w.write(0, "Parameters:\n")
        if parameters.get("apiGroup") is not None:
            w.write(1, f"APIGroup:\t{parameters['apiGroup']}\n")
        w.write(1, f"Kind:\t{parameters.get('kind', '')}\n")
        w.write(1, f"Name:\t{parameters.get('name', '')}\n")
    events(w, object_events, now)
    return w.render()


def describe_pod_disruption_budget(pdb: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                                   now: float) -> str:
    spec, status = pdb.get("spec") or {}, pdb.get("status") or {}
    w = PrefixWriter()
    name_and_namespace(w, pdb)
    if spec.get("minAvailable") is not None:
        w.write(0, f"Min available:\t{spec['minAvailable']}\n")
    elif spec.get("maxUnavailable") is not None:
        w.write(0, f"Max unavailable:\t{spec['maxUnavailable']}\n")
    selector = spec.get("selector")
    w.write(0, f"Selector:\t{'<unset>' if selector is None else format_label_selector(selector)}\n")
    w.write(0, "Status:\n")
    w.write(2, f"Allowed disruptions:\t{status.get('disruptionsAllowed', 0)}\n")
    w.write(2, f"Current:\t{status.get('currentHealthy', 0)}\n")
    w.write(2, f"Desired:\t{status.get('desiredHealthy', 0)}\n")
    w.write(2, f"Total:\t{status.get('expectedPods', 0)}\n")
    events(w, object_events, now)
    return w.render()


def _quantity(value: Any) -> str:
    """A `*resource.Quantity`'s String(): `<nil>` for an absent one."""
    return "<nil>" if value is None else str(value)


def _metric_line(w: Writer, metric: Obj, current: Obj | None) -> None:
    """One line of an autoscaling/v2 HPA's `Metrics:` (current / target)."""
    kind = metric.get("type", "")
    if kind == "External":
        source, now_values = metric.get("external") or {}, (current or {}).get("external")
        name, target = (source.get("metric") or {}).get("name", ""), source.get("target") or {}
        if target.get("averageValue") is not None:
            value = "<unknown>" if not now_values or (now_values.get("current") or {}).get("averageValue") is None \
                else str(now_values["current"]["averageValue"])
            w.write(1, f'"{name}" (target average value):\t{value} / {target["averageValue"]}\n')
        else:
            value = "<unknown>" if not now_values else _quantity((now_values.get("current") or {}).get("value"))
            w.write(1, f'"{name}" (target value):\t{value} / {_quantity(target.get("value"))}\n')
    elif kind == "Pods":
        source, now_values = metric.get("pods") or {}, (current or {}).get("pods")
        value = "<unknown>" if not now_values else _quantity((now_values.get("current") or {}).get("averageValue"))
        w.write(1, f'"{(source.get("metric") or {}).get("name", "")}" on pods:\t{value} / '
                   f'{_quantity((source.get("target") or {}).get("averageValue"))}\n')
    elif kind == "Object":
        source, now_values = metric.get("object") or {}, (current or {}).get("object")
        described = source.get("describedObject") or {}
        w.write(1, f'"{(source.get("metric") or {}).get("name", "")}" on {described.get("kind", "")}/'
                   f'{described.get("name", "")} ')
        target = source.get("target") or {}
        key, label = ("averageValue", "target average value") if target.get("type") == "AverageValue" \
            else ("value", "target value")
        value = "<unknown>" if not now_values else _quantity((now_values.get("current") or {}).get(key))
        w.write(0, f"({label}):\t{value} / {_quantity(target.get(key))}\n")
    elif kind in ("Resource", "ContainerResource"):
        field = "resource" if kind == "Resource" else "containerResource"
        source, now_values = metric.get(field) or {}, (current or {}).get(field)
        if kind == "Resource":
            w.write(1, f"resource {source.get('name', '')} on pods")
        else:
            w.write(1, f'resource {source.get("name", "")} of container "{source.get("container", "")}" on pods')
        target = source.get("target") or {}
        if target.get("averageValue") is not None:
            value = "<unknown>" if not now_values else _quantity((now_values.get("current") or {}).get("averageValue"))
            w.write(0, f":\t{value} / {target['averageValue']}\n")
        else:
            value = "<unknown>"
            current_values = (now_values or {}).get("current") or {}
            if now_values and current_values.get("averageUtilization") is not None:
                value = f"{current_values['averageUtilization']}% ({_quantity(current_values.get('averageValue'))})"
            utilization = target.get("averageUtilization")
            w.write(1, f"(as a percentage of request):\t{value} / "
                       f"{'<auto>' if utilization is None else f'{utilization}%'}\n")
    else:
        w.write(1, f'<unknown metric type "{kind}">\n')


def describe_horizontal_pod_autoscaler(hpa: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                                       now: float) -> str:
    """autoscaling/v2, the version kubectl reads (an autoscaling/v1 object is described as its v2 form)."""
    spec, status, metadata = hpa.get("spec") or {}, hpa.get("status") or {}, meta(hpa)
    target = spec.get("scaleTargetRef") or {}
    w = PrefixWriter()
    name_and_namespace(w, hpa)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(metadata.get('creationTimestamp'))}\n")
    w.write(0, f"Reference:\t{target.get('kind', '')}/{target.get('name', '')}\n")
    w.write(0, "Metrics:\t( current / target )\n")
    current = status.get("currentMetrics") or []
    for index, metric in enumerate(spec.get("metrics") or ()):
        _metric_line(w, metric, current[index] if index < len(current) else None)
    minimum = spec.get("minReplicas")
    w.write(0, f"Min replicas:\t{'<unset>' if minimum is None else minimum}\n")
    w.write(0, f"Max replicas:\t{spec.get('maxReplicas', 0)}\n")
    behavior = spec.get("behavior")
    if behavior is not None:
        w.write(0, "Behavior:\n")
        for key, title in (("scaleUp", "Scale Up"), ("scaleDown", "Scale Down")):
            _direction(w, title, behavior.get(key))
    w.write(0, f"{target.get('kind', '')} pods:\t")
    w.write(0, f"{status.get('currentReplicas', 0)} current / {status.get('desiredReplicas', 0)} desired\n")
    if status.get("conditions"):
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tReason\tMessage\n")
        w.write(1, "----\t------\t------\t-------\n")
        for c in status["conditions"]:
            w.write(1, f"{c.get('type', '')}\t{c.get('status', '')}\t{c.get('reason', '')}\t{c.get('message', '')}\n")
    events(w, object_events, now)
    return w.render()


def _direction(w: Writer, title: str, rules: Obj | None) -> None:
    if rules is None:
        return
    w.write(1, f"{title}:\n")
    if rules.get("stabilizationWindowSeconds") is not None:
        w.write(2, f"Stabilization Window: {rules['stabilizationWindowSeconds']} seconds\n")
    if rules.get("policies"):
        w.write(2, f"Select Policy: {rules.get('selectPolicy') or 'Max'}\n")
        w.write(2, "Policies:\n")
        for policy in rules["policies"]:
            w.write(3, f"- Type: {policy.get('type', '')}\tValue: {policy.get('value', 0)}\t"
                       f"Period: {policy.get('periodSeconds', 0)} seconds\n")


def go_time(timestamp: str | None) -> str:
    """Go's `Time.String()` in the local zone: `2026-12-07 21:04:49 +0000 UTC`."""
    then = epoch(timestamp) if timestamp else None
    if then is None:
        return "0001-01-01 00:00:00 +0000 UTC"
    local = datetime.fromtimestamp(then).astimezone()
    return local.strftime("%Y-%m-%d %H:%M:%S %z ") + (local.tzname() or "")


def describe_network_policy(policy: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                            now: float) -> str:
    spec, metadata = policy.get("spec") or {}, meta(policy)
    w = PrefixWriter()
    name_and_namespace(w, policy)
    w.write(0, f"Created on:\t{go_time(metadata.get('creationTimestamp'))}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, "Spec:\n")
    w.write(1, "PodSelector: ")
    selector = spec.get("podSelector") or {}
    if not selector.get("matchLabels") and not selector.get("matchExpressions"):
        w.write(2, "<none> (Allowing the specific traffic to all pods in this namespace)\n")
    else:
        w.write(2, f"{format_label_selector(selector)}\n")
    types = spec.get("policyTypes") or []
    for kind, rules_key, peers_key, peer_title, label in (
            ("Ingress", "ingress", "from", "From", "source"), ("Egress", "egress", "to", "To", "destination")):
        if kind in types:
            w.write(1, f"Allowing {kind.lower()} traffic:\n")
            _rules(w, spec.get(rules_key) or [], peers_key, peer_title, label, kind.lower())
        else:
            w.write(1, f"Not affecting {kind.lower()} traffic\n")
    w.write(1, f"Policy Types: {', '.join(types) or '<none>'}\n")
    return w.render()


def _rules(w: Writer, rules: list[Obj], peers_key: str, title: str, restricted: str, direction: str) -> None:
    indent = "    "
    if not rules:
        w.write(0, f"{indent}<none> (Selected pods are isolated for {direction} connectivity)\n")
        return
    for index, rule in enumerate(rules):
        if not rule.get("ports"):
            w.write(0, f"{indent}To Port: <any> (traffic allowed to all ports)\n")
        for port in rule.get("ports") or ():
            number = port.get("port", "<nil>")
            protocol = port.get("protocol") or "TCP"
            if port.get("endPort") is None:
                w.write(0, f"{indent}To Port: {number}/{protocol}\n")
            else:
                w.write(0, f"{indent}To Port Range: {number}-{port['endPort']}/{protocol}\n")
        peers = rule.get(peers_key) or []
        if not peers:
            w.write(0, f"{indent}{title}: <any> (traffic not restricted by {restricted})\n")
        for peer in peers:
            w.write(0, f"{indent}{title}:\n")
            pods, namespaces, block = peer.get("podSelector"), peer.get("namespaceSelector"), peer.get("ipBlock")
            if namespaces is not None:
                w.write(1, f"{indent}NamespaceSelector: {format_label_selector(namespaces)}\n")
            if pods is not None:
                w.write(1, f"{indent}PodSelector: {format_label_selector(pods)}\n")
            if pods is None and namespaces is None and block is not None:
                w.write(1, f"{indent}IPBlock:\n")
                w.write(2, f"{indent}CIDR: {block.get('cidr', '')}\n")
                w.write(2, f"{indent}Except: {', '.join(block.get('except') or [])}\n")
        if index != len(rules) - 1:
            w.write(0, f"{indent}----------\n")


def describe_csi_node(csi: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]], now: float) -> str:
    metadata, drivers = meta(csi), (csi.get("spec") or {}).get("drivers")
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"CreationTimestamp:\t{rfc1123z(metadata.get('creationTimestamp'))}\n")
    w.write(0, "Spec:\n")
    if drivers is not None:
        w.write(1, "Drivers:\n")
        for driver in drivers:
            w.write(2, f"{driver.get('name', '')}:\n")
            w.write(3, f"Node ID:\t{driver.get('nodeID', '')}\n")
            count = (driver.get("allocatable") or {}).get("count")
            if count is not None:
                w.write(3, "Allocatables:\n")
                w.write(4, f"Count:\t{count}\n")
            if driver.get("topologyKeys") is not None:
                w.write(3, f"Topology Keys:\t{go_list(driver['topologyKeys'])}\n")
    events(w, object_events, now)
    return w.render()


def describe_volume_attributes_class(vac: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                                     now: float) -> str:
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(vac).get('name', '')}\n")
    w.write(0, f"Annotations:\t{format_labels(meta(vac).get('annotations'))}\n")
    w.write(0, f"DriverName:\t{vac.get('driverName', '')}\n")
    w.write(0, f"Parameters:\t{format_labels(vac.get('parameters'))}\n")
    events(w, object_events, now)
    return w.render()


def describe_service_cidr(cidr: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                          now: float) -> str:
    metadata, conditions = meta(cidr), (cidr.get("status") or {}).get("conditions")
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"CIDRs:\t{', '.join((cidr.get('spec') or {}).get('cidrs') or [])}\n")
    if conditions:
        w.write(0, "Status:\n")
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t------------------\t------\t-------\n")
        for c in conditions:
            w.write(1, f"{c.get('type', '')}\t{c.get('status', '')}\t{rfc1123z(c.get('lastTransitionTime'))}\t"
                       f"{c.get('reason', '')}\t{c.get('message', '')}\n")
    events(w, object_events, now)
    return w.render()


def describe_ip_address(ip: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]], now: float) -> str:
    metadata, parent = meta(ip), (ip.get("spec") or {}).get("parentRef")
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    if parent is not None:
        w.write(0, "Parent Reference:\n")
        for key, title in (("group", "Group"), ("resource", "Resource"), ("namespace", "Namespace"),
                           ("name", "Name")):
            w.write(1, f"{title}:\t{parent.get(key, '')}\n")
    events(w, object_events, now)
    return w.render()
