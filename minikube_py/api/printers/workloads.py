"""Workload controllers: replication controllers, replica sets, deployments, daemon sets, stateful sets, jobs,
cron jobs, controller revisions, horizontal pod autoscalers, their `scale` subresource and pod disruption
budgets."""

from __future__ import annotations

from typing import Any

from ..conversion import hpa_v1_to_v2
from .columns import (
    AGE,
    CONTAINERS,
    IMAGES,
    NAME,
    Column,
    Doc,
    Printer,
    age,
    bool_cell,
    container_cells,
    epoch,
    format_label_selector,
    format_labels,
    name,
    selector_string,
    since,
    spec,
    status,
    template_spec,
)
from .duration import format_age

_SELECTOR = "Selector"


def _replicas(obj: dict[str, Any]) -> int:
    """`spec.replicas` as the v1 defaulting leaves it (1 when unset)."""
    return spec(obj).get("replicas", 1)


def _replication_controller_row(obj: dict[str, Any], now: float) -> list[Any]:
    return [name(obj), _replicas(obj), status(obj).get("replicas", 0), status(obj).get("readyReplicas", 0),
            age(obj, now), *container_cells(template_spec(obj)), format_labels(spec(obj).get("selector"))]


def _replica_set_row(obj: dict[str, Any], now: float) -> list[Any]:
    return [name(obj), _replicas(obj), status(obj).get("replicas", 0), status(obj).get("readyReplicas", 0),
            age(obj, now), *container_cells(template_spec(obj)), format_label_selector(spec(obj).get("selector"))]


def _deployment_row(obj: dict[str, Any], now: float) -> list[Any]:
    state = status(obj)
    return [name(obj), f"{state.get('readyReplicas', 0)}/{_replicas(obj)}", state.get("updatedReplicas", 0),
            state.get("availableReplicas", 0), age(obj, now), *container_cells(template_spec(obj)),
            selector_string(spec(obj).get("selector"))]


def _daemon_set_row(obj: dict[str, Any], now: float) -> list[Any]:
    state = status(obj)
    return [name(obj), state.get("desiredNumberScheduled", 0), state.get("currentNumberScheduled", 0),
            state.get("numberReady", 0), state.get("updatedNumberScheduled", 0), state.get("numberAvailable", 0),
            format_labels(template_spec(obj).get("nodeSelector")), age(obj, now),
            *container_cells(template_spec(obj)), format_label_selector(spec(obj).get("selector"))]


def _stateful_set_row(obj: dict[str, Any], now: float) -> list[Any]:
    return [name(obj), f"{status(obj).get('readyReplicas', 0)}/{_replicas(obj)}", age(obj, now),
            *container_cells(template_spec(obj))]


def _condition_true(obj: dict[str, Any], kind: str) -> bool:
    """`hasJobCondition`: the first condition of that type has status True."""
    found = next((c for c in status(obj).get("conditions") or [] if c.get("type") == kind), None)
    return found is not None and found.get("status") == "True"


def _job_status(obj: dict[str, Any]) -> str:
    if _condition_true(obj, "Complete"):
        return "Complete"
    if _condition_true(obj, "Failed"):
        return "Failed"
    if obj.get("metadata", {}).get("deletionTimestamp"):
        return "Terminating"
    if _condition_true(obj, "Suspended"):
        return "Suspended"
    if _condition_true(obj, "FailureTarget"):
        return "FailureTarget"
    return "Running"


def _job_duration(obj: dict[str, Any], now: float) -> str:
    started, completed = status(obj).get("startTime"), status(obj).get("completionTime")
    if not started:
        return ""
    if not completed:
        return since(started, now)
    return format_age((epoch(completed) or 0.0) - (epoch(started) or 0.0))


def _job_row(obj: dict[str, Any], now: float) -> list[Any]:
    job_spec, succeeded = spec(obj), status(obj).get("succeeded", 0)
    if job_spec.get("completions") is not None:
        completions = f"{succeeded}/{job_spec['completions']}"
    elif (job_spec.get("parallelism") or 0) > 1:
        completions = f"{succeeded}/1 of {job_spec['parallelism']}"
    else:
        completions = f"{succeeded}/1"
    return [name(obj), _job_status(obj), completions, _job_duration(obj, now), age(obj, now),
            *container_cells(template_spec(obj)), format_label_selector(job_spec.get("selector"))]


def _cron_job_row(obj: dict[str, Any], now: float) -> list[Any]:
    cron_spec, state = spec(obj), status(obj)
    job_spec = (cron_spec.get("jobTemplate") or {}).get("spec") or {}
    last = state.get("lastScheduleTime")
    return [name(obj), cron_spec.get("schedule", ""), cron_spec.get("timeZone") or "<none>",
            bool_cell(cron_spec.get("suspend")), len(state.get("active") or []),
            since(last, now) if last else "<none>", age(obj, now),
            *container_cells((job_spec.get("template") or {}).get("spec")),
            format_label_selector(job_spec.get("selector"))]


def _controller_revision_row(obj: dict[str, Any], now: float) -> list[Any]:
    owners = obj.get("metadata", {}).get("ownerReferences") or []
    controller = next((owner for owner in owners if owner.get("controller")), None)
    controller_name = "<none>"
    if controller is not None:
        group = controller.get("apiVersion", "").rpartition("/")[0]
        kind = controller.get("kind", "")
        group_kind = f"{kind}.{group}" if group else kind
        owner = controller.get("name", "")
        controller_name = f"{group_kind.lower()}/{owner}" if group_kind else owner
    return [name(obj), controller_name, obj.get("revision", 0), age(obj, now)]


def _int_or_string(value: Any) -> str:
    return "N/A" if value is None else str(value)


def _pod_disruption_budget_row(obj: dict[str, Any], now: float) -> list[Any]:
    budget = spec(obj)
    return [name(obj), _int_or_string(budget.get("minAvailable")), _int_or_string(budget.get("maxUnavailable")),
            status(obj).get("disruptionsAllowed", 0), age(obj, now)]


def _hpa_quantity(value: Any) -> str:
    """A `*resource.Quantity` printed with `String()`: `<nil>` for a nil pointer."""
    return "<nil>" if value is None else str(value)


def _percent(value: int | None, unset: str) -> str:
    return unset if value is None else f"{value}%"


def _hpa_metric(metric: dict[str, Any], current: dict[str, Any] | None) -> str:
    """One TARGETS entry (`formatHPAMetrics`): `current` is the status entry at the same index, if any."""
    kind = metric.get("type")
    if kind in ("External", "Object"):
        key = kind.lower()
        target = (metric.get(key) or {}).get("target") or {}
        found = (current or {}).get(key)
        if target.get("averageValue") is not None:
            value = ((found or {}).get("current") or {}).get("averageValue")
            shown = "<unknown>" if value is None else str(value)
            return f"{shown}/{target['averageValue']} (avg)"
        shown = "<unknown>" if found is None else _hpa_quantity((found.get("current") or {}).get("value"))
        return f"{shown}/{_hpa_quantity(target.get('value'))}"
    if kind == "Pods":
        target = (metric.get("pods") or {}).get("target") or {}
        found = (current or {}).get("pods")
        shown = "<unknown>" if found is None else _hpa_quantity((found.get("current") or {}).get("averageValue"))
        return f"{shown}/{_hpa_quantity(target.get('averageValue'))}"
    if kind in ("Resource", "ContainerResource"):
        key = "resource" if kind == "Resource" else "containerResource"
        source = metric.get(key) or {}
        target = source.get("target") or {}
        found = (current or {}).get(key)
        values = (found or {}).get("current") or {}
        if target.get("averageValue") is not None:
            shown = "<unknown>" if found is None else _hpa_quantity(values.get("averageValue"))
            return f"{source.get('name', '')}: {shown}/{target['averageValue']}"
        shown = _percent(values.get("averageUtilization"), "<unknown>")
        return f"{source.get('name', '')}: {shown}/{_percent(target.get('averageUtilization'), '<auto>')}"
    return "<unknown type>"


def _hpa_metrics(obj: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """spec.metrics and status.currentMetrics in autoscaling/v2's shape (an autoscaling/v1 object converted;
    its unset CPU target is v2's default, 80%)."""
    if obj.get("apiVersion") == "autoscaling/v1":
        obj = hpa_v1_to_v2(obj)
        if not spec(obj).get("metrics"):
            obj["spec"]["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": {
                "type": "Utilization", "averageUtilization": 80}}}]
    return spec(obj).get("metrics") or [], status(obj).get("currentMetrics") or []


def _hpa_targets(obj: dict[str, Any]) -> str:
    metrics, statuses = _hpa_metrics(obj)
    if not metrics:
        return "<none>"
    shown = [_hpa_metric(metric, statuses[index] if index < len(statuses) else None)
             for index, metric in enumerate(metrics[:2])]
    more = f" + {len(metrics) - 2} more..." if len(metrics) > 2 else ""
    return ", ".join(shown) + more


def _hpa_row(obj: dict[str, Any], now: float) -> list[Any]:
    target = spec(obj).get("scaleTargetRef") or {}
    minimum = spec(obj).get("minReplicas")
    return [name(obj), f"{target.get('kind', '')}/{target.get('name', '')}", _hpa_targets(obj),
            "<unset>" if minimum is None else str(minimum), spec(obj).get("maxReplicas", 0),
            status(obj).get("currentReplicas", 0), age(obj, now)]


def _template_columns(selector: str | Doc | None) -> tuple[Column, ...]:
    if selector is None:
        return (CONTAINERS, IMAGES)
    return (CONTAINERS, IMAGES, Column(_SELECTOR, "string", selector, priority=1))


_REPLICA_SET_COLUMNS = (
    NAME,
    Column("Desired", "integer", Doc("apps.v1.ReplicaSetSpec", "replicas")),
    Column("Current", "integer", Doc("apps.v1.ReplicaSetStatus", "replicas")),
    # extensions/v1beta1's docs, which Kubernetes still cites here.
    Column("Ready", "integer", "The number of ready replicas for this replica set."),
    AGE,
    *_template_columns(
        "Selector is a label query over pods that should match the replica count. If the selector is empty, it is "
        "defaulted to the labels present on the pod template. Label keys and values that must match in order to be "
        "controlled by this replica set. More info: "
        "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
)

PRINTERS = {
    ("", "ReplicationController"): Printer((
        NAME,
        Column("Desired", "integer", Doc("core.v1.ReplicationControllerSpec", "replicas")),
        Column("Current", "integer", Doc("core.v1.ReplicationControllerStatus", "replicas")),
        Column("Ready", "integer", Doc("core.v1.ReplicationControllerStatus", "readyReplicas")),
        AGE,
        *_template_columns(Doc("core.v1.ReplicationControllerSpec", "selector")),
    ), _replication_controller_row),
    ("apps", "ReplicaSet"): Printer(_REPLICA_SET_COLUMNS, _replica_set_row),
    ("apps", "Deployment"): Printer((
        NAME,
        Column("Ready", "string", "Number of the pod with ready state"),
        Column("Up-to-date", "string", Doc("apps.v1.DeploymentStatus", "updatedReplicas")),
        Column("Available", "string", Doc("apps.v1.DeploymentStatus", "availableReplicas")),
        AGE,
        *_template_columns("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the "
                           "ones affected by this deployment."),
    ), _deployment_row),
    ("apps", "DaemonSet"): Printer((
        NAME,
        Column("Desired", "integer", Doc("apps.v1.DaemonSetStatus", "desiredNumberScheduled")),
        Column("Current", "integer", Doc("apps.v1.DaemonSetStatus", "currentNumberScheduled")),
        Column("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of "
                                   "the daemon pod running and ready."),
        Column("Up-to-date", "integer", Doc("apps.v1.DaemonSetStatus", "updatedNumberScheduled")),
        Column("Available", "integer", Doc("apps.v1.DaemonSetStatus", "numberAvailable")),
        Column("Node Selector", "string", Doc("core.v1.PodSpec", "nodeSelector")),
        AGE,
        *_template_columns(
            "A label query over pods that are managed by the daemon set. Must match in order to be controlled. If "
            "empty, defaulted to labels on Pod template. More info: "
            "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
    ), _daemon_set_row),
    ("apps", "StatefulSet"): Printer((
        NAME,
        Column("Ready", "string", "Number of the pod with ready state"),
        AGE,
        *_template_columns(None),
    ), _stateful_set_row),
    ("apps", "ControllerRevision"): Printer((
        NAME,
        Column("Controller", "string", "Controller of the object"),
        Column("Revision", "string", "revision indicates the revision of the state represented by Data."),
        AGE,
    ), _controller_revision_row),
    ("batch", "Job"): Printer((
        NAME,
        Column("Status", "string", "Status of the job."),
        Column("Completions", "string", Doc("batch.v1.JobStatus", "succeeded")),
        Column("Duration", "string", "Time required to complete the job."),
        AGE,
        *_template_columns(Doc("batch.v1.JobSpec", "selector")),
    ), _job_row),
    ("batch", "CronJob"): Printer((
        NAME,
        Column("Schedule", "string", Doc("batch.v1.CronJobSpec", "schedule")),
        Column("Timezone", "string", Doc("batch.v1.CronJobSpec", "timeZone")),
        Column("Suspend", "boolean", Doc("batch.v1.CronJobSpec", "suspend")),
        Column("Active", "integer", Doc("batch.v1.CronJobStatus", "active")),
        Column("Last Schedule", "string", Doc("batch.v1.CronJobStatus", "lastScheduleTime")),
        AGE,
        *_template_columns(Doc("batch.v1.JobSpec", "selector")),
    ), _cron_job_row),
    ("autoscaling", "HorizontalPodAutoscaler"): Printer((
        NAME,
        Column("Reference", "string", Doc("autoscaling.v2.HorizontalPodAutoscalerSpec", "scaleTargetRef")),
        Column("Targets", "string",
               "metrics contains the specifications for which to use to calculate the desired replica count (the "
               "maximum replica count across all metrics will be used).  The desired replica count is calculated "
               "multiplying the ratio between the target value and the current value by the current number of pods.  "
               "Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual "
               "metric source types for more information about how each type of metric must respond."),
        Column("MinPods", "string", Doc("autoscaling.v2.HorizontalPodAutoscalerSpec", "minReplicas")),
        Column("MaxPods", "string", Doc("autoscaling.v2.HorizontalPodAutoscalerSpec", "maxReplicas")),
        Column("Replicas", "string", Doc("autoscaling.v2.HorizontalPodAutoscalerStatus", "currentReplicas")),
        AGE,
    ), _hpa_row),
    # `kubectl get deployment web --subresource=scale`
    ("autoscaling", "Scale"): Printer((
        Column("Name", "string", NAME.description),  # Kubernetes leaves out `format: name` here
        Column("Desired", "integer", Doc("autoscaling.v1.ScaleSpec", "replicas")),
        Column("Available", "integer", Doc("autoscaling.v1.ScaleStatus", "replicas")),
        AGE,
    ), lambda obj, now: [name(obj), spec(obj).get("replicas", 0), status(obj).get("replicas", 0), age(obj, now)]),
    ("policy", "PodDisruptionBudget"): Printer((
        NAME,
        Column("Min Available", "string", "The minimum number of pods that must be available."),
        Column("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        Column("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        AGE,
    ), _pod_disruption_budget_row),
}
