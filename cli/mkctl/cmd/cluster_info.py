"""`mkctl cluster-info`: the control plane's address and the services labelled
`kubernetes.io/cluster-service=true` (namespace kube-system unless `-n`), with the proxy or load-balancer URL
kubectl prints for each; always plain (kubectl colours the names only on a terminal). `cluster-info dump` is not
implemented: it says so."""

from __future__ import annotations

from typing import Any

from minikube_py.client.errors import ClientError

from ..session import Session

_FOOTER = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"


def run(session: Session) -> int:
    namespace = session.flag("namespace") or "kube-system"
    host = session.connection.server
    failure: ClientError | None = None
    try:
        services = session.client.list(session.resolve("services"), namespace,
                                       label_selector="kubernetes.io/cluster-service=true").get("items") or []
        session.out(f"Kubernetes control plane is running at {host}\n")
        for service in services:
            metadata = service.get("metadata") or {}
            label = (metadata.get("labels") or {}).get("kubernetes.io/name") or metadata.get("name", "")
            session.out(f"{label} is running at {_link(service, host)}\n")
    except ClientError as err:   # the footer comes first, then the error (kubectl's order)
        failure = err
    session.out(_FOOTER)
    if failure is not None:
        raise failure
    return 0


def _link(service: dict[str, Any], host: str) -> str:
    spec, metadata = service.get("spec") or {}, service.get("metadata") or {}
    ports = spec.get("ports") or []
    ingress = ((service.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
    if ingress:
        address = ingress[0].get("ip") or ingress[0].get("hostname", "")
        return "".join(f"http://{address}:{port.get('port', 0)} " for port in ports)
    name = metadata.get("name", "")
    if ports:
        port = ports[0]
        scheme = "https" if port.get("name") == "https" or port.get("port") == 443 else ""
        port_name = port.get("name", "")
        name = f"{scheme}:{name}:{port_name}" if scheme else f"{name}:{port_name}" if port_name else name
    return f"{host}/api/v1/namespaces/{metadata.get('namespace', '')}/services/{name}/proxy"


def dump(session: Session) -> int:
    raise ClientError('error: "cluster-info dump" is not implemented by mkctl yet; use kubectl for it')
