"""`kubectl describe` of the workload controllers: deployments (with their old and new ReplicaSets),
replicasets, replicationcontrollers, statefulsets, daemonsets (with their pods' phases), jobs and cronjobs."""

from __future__ import annotations

import copy

from minikube_py.api.printers.columns import epoch, format_age, format_labels, selector_string

from .common import (
    Obj,
    PrefixWriter,
    Writer,
    annotations,
    controlled_by,
    controller_of,
    events,
    go_bool,
    labels,
    meta,
    multiline,
    name_and_namespace,
    print_bool_ptr,
    rfc1123z,
)
from .pods import pod_template
from .storage import claim_class

HASH_LABEL = "pod-template-hash"


def _owned_by(obj: Obj, owner: Obj) -> bool:
    ref = controller_of(obj)
    return ref is not None and ref.get("uid") == meta(owner).get("uid")


def pod_phases(owner: Obj, pods: list[Obj]) -> str:
    """`getPodStatusForController`: the phases of the pods the owner controls."""
    counts = dict.fromkeys(("Running", "Pending", "Succeeded", "Failed"), 0)
    for pod in pods:
        phase = (pod.get("status") or {}).get("phase")
        if _owned_by(pod, owner) and phase in counts:
            counts[phase] += 1
    return (f"{counts['Running']} Running / {counts['Pending']} Waiting / {counts['Succeeded']} Succeeded / "
            f"{counts['Failed']} Failed")


def _conditions(w: Writer, conditions: list[Obj] | None) -> None:
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
        w.write(1, "----\t------\t------\n")
        for c in conditions:
            w.write(1, f"{c.get('type', '')} \t{c.get('status', '')}\t{c.get('reason', '')}\n")


def describe_deployment(deployment: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                        now: float) -> str:
    spec, status, metadata = deployment.get("spec") or {}, deployment.get("status") or {}, meta(deployment)
    w = PrefixWriter()
    name_and_namespace(w, deployment)
    w.write(0, f"CreationTimestamp:\t{rfc1123z(metadata.get('creationTimestamp'))}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Selector:\t{selector_string(spec.get('selector'))}\n")
    w.write(0, f"Replicas:\t{spec.get('replicas', 0)} desired | {status.get('updatedReplicas', 0)} updated | "
               f"{status.get('replicas', 0)} total | {status.get('availableReplicas', 0)} available | "
               f"{status.get('unavailableReplicas', 0)} unavailable\n")
    strategy = spec.get("strategy") or {}
    w.write(0, f"StrategyType:\t{strategy.get('type', '')}\n")
    w.write(0, f"MinReadySeconds:\t{spec.get('minReadySeconds', 0)}\n")
    if strategy.get("rollingUpdate") is not None:
        rolling = strategy["rollingUpdate"]
        w.write(0, f"RollingUpdateStrategy:\t{rolling.get('maxUnavailable', '<nil>')} max unavailable, "
                   f"{rolling.get('maxSurge', '<nil>')} max surge\n")
    pod_template(w, spec.get("template"))
    _conditions(w, status.get("conditions"))
    old, new = replica_sets(deployment, related.get("replicasets") or [])
    if old or new:
        w.write(0, f"OldReplicaSets:\t{_replica_set_list(old)}\n")
        w.write(0, f"NewReplicaSet:\t{_replica_set_list(new)}\n")
    events(w, object_events, now)
    return w.render()


def replica_sets(deployment: Obj, candidates: list[Obj]) -> tuple[list[Obj], list[Obj]]:
    """`GetAllReplicaSets`: the old ReplicaSets with replicas and the new one (the oldest with the deployment's
    template, ignoring the pod-template-hash label) among those the deployment controls."""
    owned = sorted((rs for rs in candidates if _owned_by(rs, deployment)),
                   key=lambda rs: (epoch(meta(rs).get("creationTimestamp") or "") or 0.0, meta(rs).get("name", "")))
    template = _without_hash((deployment.get("spec") or {}).get("template"))
    new = next((rs for rs in owned if _without_hash((rs.get("spec") or {}).get("template")) == template), None)
    old = [rs for rs in owned if rs is not new and (rs.get("spec") or {}).get("replicas", 1) != 0]
    return old, [new] if new is not None else []


def _without_hash(template: Obj | None) -> Obj:
    template = copy.deepcopy(template or {})
    template_labels = (template.get("metadata") or {}).get("labels")
    if template_labels is not None:
        template_labels.pop(HASH_LABEL, None)
        if not template_labels:
            del template["metadata"]["labels"]
    return template


def _replica_set_list(items: list[Obj]) -> str:
    return ", ".join(f"{meta(rs).get('name', '')} ({(rs.get('status') or {}).get('replicas', 0)}/"
                     f"{(rs.get('spec') or {}).get('replicas', 0)} replicas created)" for rs in items) or "<none>"


def describe_replica_set(rs: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                         now: float) -> str:
    spec, status, metadata = rs.get("spec") or {}, rs.get("status") or {}, meta(rs)
    w = PrefixWriter()
    name_and_namespace(w, rs)
    w.write(0, f"Selector:\t{selector_string(spec.get('selector')) or '<none>'}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    controlled_by(w, rs)
    w.write(0, f"Replicas:\t{status.get('replicas', 0)} current / {spec.get('replicas', 0)} desired\n")
    w.write(0, f"Pods Status:\t{pod_phases(rs, related.get('pods') or [])}\n")
    pod_template(w, spec.get("template"))
    _conditions(w, status.get("conditions"))
    events(w, object_events, now)
    return w.render()


def describe_replication_controller(rc: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                                    now: float) -> str:
    spec, status, metadata = rc.get("spec") or {}, rc.get("status") or {}, meta(rc)
    w = PrefixWriter()
    name_and_namespace(w, rc)
    w.write(0, f"Selector:\t{format_labels(spec.get('selector'))}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Replicas:\t{status.get('replicas', 0)} current / {spec.get('replicas', 0)} desired\n")
    w.write(0, f"Pods Status:\t{pod_phases(rc, related.get('pods') or [])}\n")
    pod_template(w, spec.get("template"))
    _conditions(w, status.get("conditions"))
    events(w, object_events, now)
    return w.render()


def describe_stateful_set(sts: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                          now: float) -> str:
    spec, status, metadata = sts.get("spec") or {}, sts.get("status") or {}, meta(sts)
    w = PrefixWriter()
    name_and_namespace(w, sts)
    w.write(0, f"CreationTimestamp:\t{rfc1123z(metadata.get('creationTimestamp'))}\n")
    w.write(0, f"Selector:\t{selector_string(spec.get('selector'))}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Replicas:\t{spec.get('replicas', 0)} desired | {status.get('replicas', 0)} total\n")
    strategy = spec.get("updateStrategy") or {}
    w.write(0, f"Update Strategy:\t{strategy.get('type', '')}\n")
    rolling = strategy.get("rollingUpdate")
    if rolling is not None and rolling.get("partition") is not None:
        w.write(1, f"Partition:\t{rolling['partition']}\n")
        if rolling.get("maxUnavailable") is not None:
            w.write(1, f"MaxUnavailable:\t{rolling['maxUnavailable']}\n")
    w.write(0, f"Pods Status:\t{pod_phases(sts, related.get('pods') or [])}\n")
    pod_template(w, spec.get("template"))
    _volume_claim_templates(w, spec.get("volumeClaimTemplates"))
    events(w, object_events, now)
    return w.render()


def _volume_claim_templates(w: Writer, templates: list[Obj] | None) -> None:
    if not templates:
        w.write(0, "Volume Claims:\t<none>\n")
        return
    w.write(0, "Volume Claims:\n")
    for pvc in templates:
        metadata, spec = meta(pvc), pvc.get("spec") or {}
        w.write(1, f"Name:\t{metadata.get('name', '')}\n")
        w.write(1, f"StorageClass:\t{claim_class(pvc)}\n")
        labels(w, "Labels", metadata.get("labels"), "  ")
        pvc_annotations = metadata.get("annotations") or {}
        multiline(w, "Annotations", [f"{key}={pvc_annotations[key]}" for key in sorted(pvc_annotations)], "  ")
        capacity = ((spec.get("resources") or {}).get("requests") or {}).get("storage")
        w.write(1, f"Capacity:\t{capacity if capacity is not None else '<default>'}\n")
        w.write(1, f"Access Modes:\t[{' '.join(spec.get('accessModes') or [])}]\n")


def describe_daemon_set(ds: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                        now: float) -> str:
    spec, status, metadata = ds.get("spec") or {}, ds.get("status") or {}, meta(ds)
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    w.write(0, f"Selector:\t{selector_string(spec.get('selector'))}\n")
    node_selector = ((spec.get("template") or {}).get("spec") or {}).get("nodeSelector")
    w.write(0, f"Node-Selector:\t{format_labels(node_selector)}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Desired Number of Nodes Scheduled: {status.get('desiredNumberScheduled', 0)}\n")
    w.write(0, f"Current Number of Nodes Scheduled: {status.get('currentNumberScheduled', 0)}\n")
    w.write(0, f"Number of Nodes Scheduled with Up-to-date Pods: {status.get('updatedNumberScheduled', 0)}\n")
    w.write(0, f"Number of Nodes Scheduled with Available Pods: {status.get('numberAvailable', 0)}\n")
    w.write(0, f"Number of Nodes Misscheduled: {status.get('numberMisscheduled', 0)}\n")
    w.write(0, f"Pods Status:\t{pod_phases(ds, related.get('pods') or [])}\n")
    pod_template(w, spec.get("template"))
    events(w, object_events, now)
    return w.render()


def describe_job(job: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]], now: float) -> str:
    spec, status, metadata = job.get("spec") or {}, job.get("status") or {}, meta(job)
    w = PrefixWriter()
    name_and_namespace(w, job)
    w.write(0, f"Selector:\t{selector_string(spec.get('selector'))}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    controlled_by(w, job)
    if spec.get("parallelism") is not None:
        w.write(0, f"Parallelism:\t{spec['parallelism']}\n")
    w.write(0, f"Completions:\t{spec['completions'] if spec.get('completions') is not None else '<unset>'}\n")
    if spec.get("completionMode") is not None:
        w.write(0, f"Completion Mode:\t{spec['completionMode']}\n")
    if spec.get("suspend") is not None:
        w.write(0, f"Suspend:\t{go_bool(spec['suspend'])}\n")
    if spec.get("backoffLimit") is not None:
        w.write(0, f"Backoff Limit:\t{spec['backoffLimit']}\n")
    if spec.get("ttlSecondsAfterFinished") is not None:
        w.write(0, f"TTL Seconds After Finished:\t{spec['ttlSecondsAfterFinished']}\n")
    if status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(status['startTime'])}\n")
    if status.get("completionTime"):
        w.write(0, f"Completed At:\t{rfc1123z(status['completionTime'])}\n")
    if status.get("startTime") and status.get("completionTime"):
        took = (epoch(status["completionTime"]) or 0.0) - (epoch(status["startTime"]) or 0.0)
        w.write(0, f"Duration:\t{format_age(took)}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(0, f"Active Deadline Seconds:\t{spec['activeDeadlineSeconds']}s\n")
    active, succeeded, failed = status.get("active", 0), status.get("succeeded", 0), status.get("failed", 0)
    if status.get("ready") is None:
        w.write(0, f"Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")
    else:
        w.write(0, f"Pods Statuses:\t{active} Active ({status['ready']} Ready) / {succeeded} Succeeded / "
                   f"{failed} Failed\n")
    if spec.get("completionMode") == "Indexed":
        w.write(0, f"Completed Indexes:\t{_cap_indexes(status.get('completedIndexes', ''), 50)}\n")
    pod_template(w, spec.get("template"))
    events(w, object_events, now)
    return w.render()


def _cap_indexes(indexes: str, soft_limit: int) -> str:
    if not indexes:
        return "<none>"
    cut = indexes.find(",", soft_limit)
    return indexes if cut < 0 or soft_limit >= len(indexes) else indexes[:cut + 1] + "..."


def describe_cron_job(cron_job: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                      now: float) -> str:
    spec, status, metadata = cron_job.get("spec") or {}, cron_job.get("status") or {}, meta(cron_job)
    w = PrefixWriter()
    name_and_namespace(w, cron_job)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Schedule:\t{spec.get('schedule', '')}\n")
    w.write(0, f"Concurrency Policy:\t{spec.get('concurrencyPolicy', '')}\n")
    w.write(0, f"Suspend:\t{print_bool_ptr(spec.get('suspend'))}\n")
    for key, title, unit in (("successfulJobsHistoryLimit", "Successful Job History Limit", ""),
                             ("failedJobsHistoryLimit", "Failed Job History Limit", ""),
                             ("startingDeadlineSeconds", "Starting Deadline Seconds", "s")):
        value = spec.get(key)
        w.write(0, f"{title}:\t{'<unset>' if value is None else f'{value}{unit}'}\n")
    job_spec = ((spec.get("jobTemplate") or {}).get("spec")) or {}
    selector = job_spec.get("selector")
    w.write(0, f"Selector:\t{'<unset>' if selector is None else selector_string(selector)}\n")
    for key, title in (("parallelism", "Parallelism"), ("completions", "Completions")):
        w.write(0, f"{title}:\t{'<unset>' if job_spec.get(key) is None else job_spec[key]}\n")
    if job_spec.get("activeDeadlineSeconds") is not None:
        w.write(0, f"Active Deadline Seconds:\t{job_spec['activeDeadlineSeconds']}s\n")
    pod_template(w, job_spec.get("template"))
    last = status.get("lastScheduleTime")
    w.write(0, f"Last Schedule Time:\t{rfc1123z(last) if last else '<unset>'}\n")
    w.write(0, "Active Jobs:\t")
    w.line(", ".join(ref.get("name", "") for ref in status.get("active") or ()) or "<none>")
    events(w, object_events, now)
    return w.render()
