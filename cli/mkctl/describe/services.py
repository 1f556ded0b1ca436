"""`kubectl describe` of services (with the endpoints their EndpointSlices hold), endpoints, endpointslices and
ingresses (whose backends show their services' endpoints)."""

from __future__ import annotations

from minikube_py.api.printers.columns import format_labels

from .common import Obj, PrefixWriter, annotations, events, labels, meta, name_and_namespace

SERVICE_NAME_LABEL = "kubernetes.io/service-name"


def slices_of(service_name: str, slices: list[Obj]) -> list[Obj]:
    return [s for s in slices if (meta(s).get("labels") or {}).get(SERVICE_NAME_LABEL) == service_name]


def format_endpoint_slices(slices: list[Obj], port_name: str | None) -> str:
    """`formatEndpointSlices`: up to three ready `ip:port` (ports named `port_name`; all when None), then
    ` + N more...`; `<none>` when there is no slice."""
    if not slices:
        return "<none>"
    shown: list[str] = []
    more, count, limit = False, 0, 3
    for endpoint_slice in slices:
        ports = endpoint_slice.get("ports") or []
        endpoints = endpoint_slice.get("endpoints") or []
        if not ports:
            targets = [(endpoint, None) for endpoint in endpoints]
        else:
            targets = [(endpoint, port) for port in ports if port_name is None or port.get("name", "") == port_name
                       for endpoint in endpoints]
        for endpoint, port in targets:
            if len(shown) == limit:
                more = True
            if (endpoint.get("conditions") or {}).get("ready") is False:
                continue
            if not more:
                address = (endpoint.get("addresses") or [""])[0]
                if port is not None:
                    host = f"[{address}]" if ":" in address else address
                    address = f"{host}:{port.get('port', 0)}"
                shown.append(address)
            count += 1
    text = ",".join(shown)
    return f"{text} + {count - limit} more..." if more else text


def _ingress_string(ingress: list[Obj]) -> str:
    parts = []
    for item in ingress:
        if item.get("ip"):
            parts.append(item["ip"] + (f" ({item['ipMode']})" if item.get("ipMode") else ""))
        else:
            parts.append(item.get("hostname", ""))
    return ", ".join(parts)


def describe_service(service: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                     now: float) -> str:
    spec, status, metadata = service.get("spec") or {}, service.get("status") or {}, meta(service)
    slices = slices_of(metadata.get("name", ""), related.get("endpointslices") or [])
    w = PrefixWriter()
    name_and_namespace(w, service)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Selector:\t{format_labels(spec.get('selector'))}\n")
    w.write(0, f"Type:\t{spec.get('type', '')}\n")
    if spec.get("ipFamilyPolicy") is not None:
        w.write(0, f"IP Family Policy:\t{spec['ipFamilyPolicy']}\n")
    w.write(0, f"IP Families:\t{','.join(spec.get('ipFamilies') or []) or '<none>'}\n")
    w.write(0, f"IP:\t{spec.get('clusterIP', '')}\n")
    w.write(0, f"IPs:\t{','.join(spec.get('clusterIPs') or []) or '<none>'}\n")
    if spec.get("externalIPs"):
        w.write(0, f"External IPs:\t{','.join(spec['externalIPs'])}\n")
    if spec.get("loadBalancerIP"):
        w.write(0, f"Desired LoadBalancer IP:\t{spec['loadBalancerIP']}\n")
    if spec.get("externalName"):
        w.write(0, f"External Name:\t{spec['externalName']}\n")
    ingress = (status.get("loadBalancer") or {}).get("ingress") or []
    if ingress:
        w.write(0, f"LoadBalancer Ingress:\t{_ingress_string(ingress)}\n")
    for port in spec.get("ports") or ():
        name, protocol = port.get("name") or "<unset>", port.get("protocol", "")
        w.write(0, f"Port:\t{name}\t{port.get('port', 0)}/{protocol}\n")
        w.write(0, f"TargetPort:\t{port.get('targetPort', 0)}/{protocol}\n")
        if port.get("nodePort"):
            w.write(0, f"NodePort:\t{name}\t{port['nodePort']}/{protocol}\n")
        w.write(0, f"Endpoints:\t{format_endpoint_slices(slices, port.get('name', ''))}\n")
    w.write(0, f"Session Affinity:\t{spec.get('sessionAffinity', '')}\n")
    if spec.get("externalTrafficPolicy"):
        w.write(0, f"External Traffic Policy:\t{spec['externalTrafficPolicy']}\n")
    if spec.get("internalTrafficPolicy") is not None:
        w.write(0, f"Internal Traffic Policy:\t{spec['internalTrafficPolicy']}\n")
    if spec.get("healthCheckNodePort"):
        w.write(0, f"HealthCheck NodePort:\t{spec['healthCheckNodePort']}\n")
    if spec.get("loadBalancerSourceRanges"):
        w.write(0, f"LoadBalancer Source Ranges:\t{','.join(spec['loadBalancerSourceRanges'])}\n")
    events(w, object_events, now)
    return w.render()


def describe_endpoints(endpoints: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                       now: float) -> str:
    metadata = meta(endpoints)
    w = PrefixWriter()
    name_and_namespace(w, endpoints)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, "Subsets:\n")
    for subset in endpoints.get("subsets") or ():
        ready = ",".join(a.get("ip", "") for a in subset.get("addresses") or ())
        not_ready = ",".join(a.get("ip", "") for a in subset.get("notReadyAddresses") or ())
        w.write(1, f"Addresses:\t{ready or '<none>'}\n")
        w.write(1, f"NotReadyAddresses:\t{not_ready or '<none>'}\n")
        if subset.get("ports"):
            w.write(1, "Ports:\n")
            w.write(2, "Name\tPort\tProtocol\n")
            w.write(2, "----\t----\t--------\n")
            for port in subset["ports"]:
                w.write(2, f"{port.get('name') or '<unset>'}\t{port.get('port', 0)}\t{port.get('protocol', '')}\n")
        w.write(0, "\n")
    events(w, object_events, now)
    return w.render()


def describe_endpoint_slice(endpoint_slice: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                            now: float) -> str:
    metadata = meta(endpoint_slice)
    w = PrefixWriter()
    name_and_namespace(w, endpoint_slice)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"AddressType:\t{endpoint_slice.get('addressType', '')}\n")
    ports = endpoint_slice.get("ports") or []
    if not ports:
        w.write(0, "Ports: <unset>\n")
    else:
        w.write(0, "Ports:\n")
        w.write(1, "Name\tPort\tProtocol\n")
        w.write(1, "----\t----\t--------\n")
        for port in ports:
            number = port.get("port")
            w.write(1, f"{port.get('name') or '<unset>'}\t{'<unset>' if number is None else number}\t"
                       f"{port.get('protocol', '')}\n")
    endpoints = endpoint_slice.get("endpoints") or []
    if not endpoints:
        w.write(0, "Endpoints: <none>\n")
    else:
        w.write(0, "Endpoints:\n")
        for endpoint in endpoints:
            w.write(1, f"- Addresses:\t{', '.join(endpoint.get('addresses') or []) or '<none>'}\n")
            w.write(2, "Conditions:\n")
            ready = (endpoint.get("conditions") or {}).get("ready")
            w.write(3, f"Ready:\t{'<unset>' if ready is None else str(ready).lower()}\n")
            hostname = endpoint.get("hostname")
            w.write(2, f"Hostname:\t{'<unset>' if hostname is None else hostname}\n")
            if endpoint.get("targetRef") is not None:
                ref = endpoint["targetRef"]
                w.write(2, f"TargetRef:\t{ref.get('kind', '')}/{ref.get('name', '')}\n")
            node_name, zone = endpoint.get("nodeName"), endpoint.get("zone")
            w.write(2, f"NodeName:\t{'<unset>' if node_name is None else node_name}\n")
            w.write(2, f"Zone:\t{'<unset>' if zone is None else zone}\n")
    events(w, object_events, now)
    return w.render()


def _backend(backend: Obj, namespace_services: list[Obj], slices: list[Obj]) -> str:
    """`describeBackendV1`: `svc:port (endpoints)`, or the resource backend."""
    if backend.get("service") is not None:
        target = backend["service"]
        port = target.get("port") or {}
        text = f"{target.get('name', '')}:{port.get('number') or port.get('name', '')}"
        service = next((s for s in namespace_services if meta(s).get("name") == target.get("name")), None)
        if service is None:
            return (f"{text} (<error: services \"{target.get('name', '')}\" not found>)")
        port_name = ""
        for service_port in (service.get("spec") or {}).get("ports") or ():
            if port.get("number") and port["number"] == service_port.get("port"):
                port_name = service_port.get("name", "")
            elif port.get("name") and port["name"] == service_port.get("name"):
                port_name = service_port.get("name", "")
        return f"{text} ({format_endpoint_slices(slices_of(target.get('name', ''), slices), port_name)})"
    if backend.get("resource") is not None:
        resource = backend["resource"]
        group = resource.get("apiGroup")
        return (f"APIGroup: {'<none>' if group is None else group}, Kind: {resource.get('kind', '')}, "
                f"Name: {resource.get('name', '')}")
    return ""


def _load_balancer(status: Obj) -> str:
    """`ingressLoadBalancerStatusStringerV1` (wide): the sorted, de-duplicated IPs and hostnames."""
    found = {item.get("ip") or item.get("hostname") for item in (status.get("loadBalancer") or {}).get("ingress")
             or () if item.get("ip") or item.get("hostname")}
    return ",".join(sorted(found))


def describe_ingress(ingress: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                     now: float) -> str:
    spec, metadata = ingress.get("spec") or {}, meta(ingress)
    services, slices = related.get("services") or [], related.get("endpointslices") or []
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    w.write(0, f"Namespace:\t{metadata.get('namespace', '')}\n")
    w.write(0, f"Address:\t{_load_balancer(ingress.get('status') or {})}\n")
    class_name = spec.get("ingressClassName")
    w.write(0, f"Ingress Class:\t{'<none>' if class_name is None else class_name}\n")
    default = spec.get("defaultBackend")
    default_text = "<default>" if default is None else _backend(default, services, slices)
    w.write(0, f"Default backend:\t{default_text}\n")
    if spec.get("tls"):
        w.write(0, "TLS:\n")
        for tls in spec["tls"]:
            hosts = ",".join(tls.get("hosts") or [])
            if tls.get("secretName"):
                w.write(1, f"{tls['secretName']} terminates {hosts}\n")
            else:
                w.write(1, f"SNI routes {hosts}\n")
    w.write(0, "Rules:\n  Host\tPath\tBackends\n")
    w.write(1, "----\t----\t--------\n")
    count = 0
    for rule in spec.get("rules") or ():
        if rule.get("http") is None:
            continue
        count += 1
        w.write(1, f"{rule.get('host') or '*'}\t\n")
        for path in rule["http"].get("paths") or ():
            w.write(2, f"\t{path.get('path', '')} \t{_backend(path.get('backend') or {}, services, slices)}\n")
    if count == 0:
        w.write(1, f"*\t*\t{default_text}\n")
    annotations(w, "Annotations", metadata.get("annotations"))
    events(w, object_events, now)
    return w.render()
