"""`mkctl top node|pod`: usage from the metrics.k8s.io API as kubectl's top printer shows it (millicores, Mi,
percentages of the nodes' allocatable); without that API, kubectl's `error: Metrics API not available`."""

from __future__ import annotations

from typing import Any

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets
from ._targets import Obj

METRICS_GROUP = "metrics.k8s.io"
MEBI = 1024 * 1024


def _metrics_version(session: Session) -> str:
    versions = [version for group, version in session.discovery.registry().group_versions()
                if group == METRICS_GROUP]
    if not versions:
        raise ClientError("error: Metrics API not available")
    return "v1beta1" if "v1beta1" in versions else versions[0]


def _list(session: Session, path: str, name: str) -> list[Obj]:
    query = [(key, value) for key, value in (("labelSelector", session.flag("selector")),) if value]
    if name:
        return [session.client.request_json("GET", f"{path}/{name}")]
    return session.client.request_json("GET", path, query=query).get("items") or []


def _cpu(usage: dict[str, Any]) -> int:
    from minikube_py.api.quantity import parse_quantity

    return parse_quantity(str(usage.get("cpu", "0"))).milli_value()


def _memory(usage: dict[str, Any]) -> int:
    from minikube_py.api.quantity import parse_quantity

    return parse_quantity(str(usage.get("memory", "0"))).value()


def _table(session: Session, header: str, rows: list[str]) -> None:
    from minikube_py.tabwriter import TabWriter

    lines = rows if session.flag("no-headers") else [header, *rows]
    session.out(TabWriter(min_width=6, tab_width=4, padding=3).format("".join(lines)))


def node(session: Session) -> int:
    version = _metrics_version(session)
    name = session.args[0] if session.args else ""
    metrics = _list(session, f"/apis/{METRICS_GROUP}/{version}/nodes", name)
    nodes = {obj["metadata"]["name"]: obj for obj in (
        [_targets.get(session, _targets.Target(session.resolve("nodes"), name))] if name else
        _targets.list_all(session, session.resolve("nodes"), selector=session.flag("selector")))}
    if not metrics:
        raise ClientError("error: metrics not available yet")
    rows = []
    for item in sorted(metrics, key=lambda m: m["metadata"]["name"]):
        usage = item.get("usage") or {}
        status = (nodes.get(item["metadata"]["name"]) or {}).get("status") or {}
        available = status.get("capacity" if session.flag("show-capacity") else "allocatable") or {}
        cpu, memory = _cpu(usage), _memory(usage)
        rows.append(f"{item['metadata']['name']}\t{cpu}m\t{_percent(cpu, _cpu(available))}\t{memory // MEBI}Mi\t"
                    f"{_percent(memory, _memory(available))}\n")
    _table(session, "NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\n", rows)
    return 0


def _percent(used: int, available: int) -> str:
    return f"{int(used / available * 100)}%" if available else "<unknown>"


def pod(session: Session) -> int:
    version = _metrics_version(session)
    all_namespaces = session.flag("all-namespaces")
    name = session.args[0] if session.args else ""
    namespace = "" if all_namespaces else f"/namespaces/{session.namespace}"
    metrics = _list(session, f"/apis/{METRICS_GROUP}/{version}{namespace}/pods", name)
    if not metrics:
        session.err(_targets.no_resources(session, all_namespaces))
        return 0
    containers = session.flag("containers")
    header = ("NAMESPACE\t" if all_namespaces else "") + ("POD\tNAME\t" if containers else "NAME\t")
    rows = []
    for item in sorted(metrics, key=lambda m: (m["metadata"].get("namespace", ""), m["metadata"]["name"])):
        lead = f"{item['metadata'].get('namespace', '')}\t" if all_namespaces else ""
        parts = item.get("containers") or []
        if containers:
            rows += [f"{lead}{item['metadata']['name']}\t{c['name']}\t{_cpu(c.get('usage') or {})}m\t"
                     f"{_memory(c.get('usage') or {}) // MEBI}Mi\n" for c in parts]
        else:
            cpu = sum(_cpu(c.get("usage") or {}) for c in parts)
            memory = sum(_memory(c.get("usage") or {}) for c in parts)
            rows.append(f"{lead}{item['metadata']['name']}\t{cpu}m\t{memory // MEBI}Mi\n")
    _table(session, header + "CPU(cores)\tMEMORY(bytes)\n", rows)
    return 0
