"""Pods and pod templates: `kubectl get pods` (READY, STATUS, RESTARTS as `printPod` computes them)."""

from __future__ import annotations

from typing import Any

from .columns import AGE, NAME, Column, Doc, Printer, age, container_cells, epoch, format_age, format_labels, name

_POD_COLUMNS = (
    NAME,
    Column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
    Column("Status", "string", "The aggregate status of the containers in this pod."),
    Column("Restarts", "string", "The number of times the containers in this pod have been restarted and when the "
                                 "last container in this pod has restarted."),
    AGE,
    Column("IP", "string", Doc("core.v1.PodStatus", "podIP"), priority=1),
    Column("Node", "string", Doc("core.v1.PodSpec", "nodeName"), priority=1),
    Column("Nominated Node", "string", Doc("core.v1.PodStatus", "nominatedNodeName"), priority=1),
    Column("Readiness Gates", "string", Doc("core.v1.PodSpec", "readinessGates"), priority=1),
)

_SUCCEEDED = [{"type": "Completed", "status": "True", "reason": "Succeeded",
               "message": "The pod has completed successfully."}]
_FAILED = [{"type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."}]


def _condition_status(conditions: list[dict[str, Any]], kind: str) -> str | None:
    """The status of the first condition of type `kind`, None when there is none."""
    return next((c.get("status") for c in conditions if c.get("type") == kind), None)


def _terminated_reason(terminated: dict[str, Any], prefix: str = "") -> str:
    if terminated.get("reason"):
        return prefix + terminated["reason"]
    if terminated.get("signal"):
        return f"{prefix}Signal:{terminated['signal']}"
    return f"{prefix}ExitCode:{terminated.get('exitCode', 0)}"


class _Restarts:
    """Restart count and the latest `lastState.terminated.finishedAt` of a set of containers."""

    def __init__(self) -> None:
        self.count = 0
        self.last = 0.0

    def add(self, container: dict[str, Any]) -> None:
        self.count += container.get("restartCount", 0)
        finished = ((container.get("lastState") or {}).get("terminated") or {}).get("finishedAt")
        if finished:
            self.last = max(self.last, epoch(finished) or 0.0)

    def cell(self, now: float) -> str:
        if self.count and self.last:
            return f"{self.count} ({format_age(now - self.last)} ago)"
        return str(self.count)


def _pod_row(pod: dict[str, Any], now: float) -> list[Any]:
    spec, status, metadata = pod.get("spec") or {}, pod.get("status") or {}, pod.get("metadata") or {}
    conditions = status.get("conditions") or []
    phase = status.get("phase", "")
    reason = status.get("reason") or phase
    if any(c.get("type") == "PodScheduled" and c.get("reason") == "SchedulingGated" for c in conditions):
        reason = "SchedulingGated"

    init_specs = spec.get("initContainers") or []
    sidecars = {c.get("name") for c in init_specs if c.get("restartPolicy") == "Always"}
    total = len(spec.get("containers") or []) + len(sidecars)
    ready = 0
    restarts, sidecar_restarts = _Restarts(), _Restarts()

    initializing = False
    for index, container in enumerate(status.get("initContainerStatuses") or []):
        restarts.add(container)
        sidecar = container.get("name") in sidecars
        if sidecar:
            sidecar_restarts.add(container)
        state = container.get("state") or {}
        terminated, waiting = state.get("terminated"), state.get("waiting")
        if terminated is not None and terminated.get("exitCode", 0) == 0:
            continue
        if sidecar and container.get("started"):
            ready += 1 if container.get("ready") else 0
            continue
        initializing = True
        if terminated is not None:
            reason = _terminated_reason(terminated, "Init:")
        elif waiting is not None and waiting.get("reason") and waiting["reason"] != "PodInitializing":
            reason = "Init:" + waiting["reason"]
        else:
            reason = f"Init:{index}/{len(init_specs)}"
        break

    if not initializing or _condition_status(conditions, "Initialized") == "True":
        restarts = sidecar_restarts
        running = False
        for container in reversed(status.get("containerStatuses") or []):
            restarts.add(container)
            state = container.get("state") or {}
            waiting, terminated = state.get("waiting") or {}, state.get("terminated")
            if waiting.get("reason"):
                reason = waiting["reason"]
            elif terminated is not None:
                reason = _terminated_reason(terminated)
            elif container.get("ready") and state.get("running") is not None:
                running = True
                ready += 1
        if reason == "Completed" and running:
            has_ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in conditions)
            reason = "Running" if has_ready else "NotReady"

    if metadata.get("deletionTimestamp"):
        if status.get("reason") == "NodeLost":
            reason = "Unknown"
        elif phase not in ("Succeeded", "Failed"):
            reason = "Terminating"

    pod_ips = status.get("podIPs") or []
    gates = spec.get("readinessGates") or []
    readiness = "<none>"
    if gates:
        passed = sum(1 for gate in gates if _condition_status(conditions, gate.get("conditionType")) == "True")
        readiness = f"{passed}/{len(gates)}"
    return [metadata.get("name", ""), f"{ready}/{total}", reason, restarts.cell(now), age(pod, now),
            (pod_ips[0].get("ip") if pod_ips else "") or "<none>", spec.get("nodeName") or "<none>",
            status.get("nominatedNodeName") or "<none>", readiness]


def _pod_conditions(pod: dict[str, Any]) -> list[dict[str, str]] | None:
    phase = (pod.get("status") or {}).get("phase")
    return _SUCCEEDED if phase == "Succeeded" else _FAILED if phase == "Failed" else None


def _pod_template_row(obj: dict[str, Any], now: float) -> list[Any]:
    template = obj.get("template") or {}
    labels = (template.get("metadata") or {}).get("labels")
    return [name(obj), *container_cells(template.get("spec")), format_labels(labels)]


PRINTERS = {
    ("", "Pod"): Printer(_POD_COLUMNS, _pod_row, conditions=_pod_conditions),
    ("", "PodTemplate"): Printer((
        NAME,
        Column("Containers", "string", "Names of each container in the template."),
        Column("Images", "string", "Images referenced by each container in the template."),
        Column("Pod Labels", "string", "The labels for the pod template."),
    ), _pod_template_row),
}
