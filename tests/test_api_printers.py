"""The apiserver's Tables: the columns and cells `kubectl get` prints (reference: kubectl-1.32/printer-columns.md
and Kubernetes' pkg/printers/internalversion), AGE as apimachinery's HumanDuration, the default and CRD tables."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from minikube_py.api.errors import StatusError
from minikube_py.api.printers import column_definitions, format_age, table
from minikube_py.api.registry import Resource

CREATED = "2024-01-01T00:00:00Z"


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


NOW = at("2024-01-01T02:00:00")  # every object below is 2 hours old: AGE 120m


def resource(group: str, kind: str, *, builtin: bool = True) -> Resource:
    plural = kind.lower() + "s"
    return Resource(group, "v1", kind, plural, kind.lower(), True, schema_name=f"io.k8s.{kind}" if builtin else None)


def meta(name: str = "x", **extra: Any) -> dict[str, Any]:
    return {"name": name, "namespace": "default", "uid": "0d1e", "resourceVersion": "7", "creationTimestamp": CREATED,
            **extra}


def cells(group: str, kind: str, obj: dict[str, Any], now: float = NOW) -> list[Any]:
    return table(resource(group, kind), [obj], now)["rows"][0]["cells"]


def headers(group: str, kind: str) -> list[tuple[str, int]]:
    """Column names as kubectl shows them (upper case), with their priority (1: `-o wide` only)."""
    return [(c["name"].upper(), c["priority"]) for c in column_definitions(resource(group, kind))]


# --- AGE: duration.HumanDuration ------------------------------------------------------------------------------

MINUTE, HOUR, DAY, YEAR = 60, 3600, 86400, 365 * 86400


@pytest.mark.parametrize("seconds, shown", [
    (-5, "<invalid>"), (-2, "<invalid>"), (-1.9, "0s"), (-1, "0s"), (0, "0s"), (0.9, "0s"), (5, "5s"),
    (59, "59s"), (119, "119s"), (119.99, "119s"), (120, "2m"), (150, "2m30s"), (192, "3m12s"),
    (9 * MINUTE + 59, "9m59s"), (10 * MINUTE, "10m"), (10 * MINUTE + 59, "10m"), (179 * MINUTE + 59, "179m"),
    (3 * HOUR, "3h"), (3 * HOUR + 5 * MINUTE, "3h5m"), (7 * HOUR + 59 * MINUTE + 59, "7h59m"), (8 * HOUR, "8h"),
    (47 * HOUR + 59 * MINUTE, "47h"), (2 * DAY, "2d"), (2 * DAY + 3 * HOUR, "2d3h"), (7 * DAY + 23 * HOUR, "7d23h"),
    (8 * DAY, "8d"), (729 * DAY + 23 * HOUR, "729d"), (730 * DAY, "2y"), (2 * YEAR + 326 * DAY, "2y326d"),
    (7 * YEAR + 364 * DAY, "7y364d"), (8 * YEAR, "8y"), (8 * YEAR + 200 * DAY, "8y"), (31 * YEAR, "31y"),
])
def test_format_age_is_human_duration(seconds: float, shown: str) -> None:
    assert format_age(seconds) == shown


# --- pods ----------------------------------------------------------------------------------------------------

def pod(phase: str = "Running", statuses: list[dict[str, Any]] | None = None, *, containers: int = 1,
        conditions: list[dict[str, Any]] | None = None, **parts: Any) -> dict[str, Any]:
    metadata = meta("web", **parts.pop("metadata", {}))
    spec = {"containers": [{"name": f"c{i}", "image": "nginx:1.27"} for i in range(containers)],
            **parts.pop("spec", {})}
    status = {"phase": phase, "conditions": conditions or [], **parts.pop("status", {})}
    if statuses is not None:
        status["containerStatuses"] = statuses
    return {"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec, "status": status}


def running(name: str = "c0", ready: bool = True, restarts: int = 0, **more: Any) -> dict[str, Any]:
    return {"name": name, "ready": ready, "restartCount": restarts,
            "state": {"running": {"startedAt": "2024-01-01T00:00:05Z"}}, **more}


def waiting(reason: str, name: str = "c0", restarts: int = 0, **more: Any) -> dict[str, Any]:
    return {"name": name, "ready": False, "restartCount": restarts, "state": {"waiting": {"reason": reason}}, **more}


def terminated(name: str = "c0", **state: Any) -> dict[str, Any]:
    return {"name": name, "ready": False, "restartCount": 0, "state": {"terminated": state}}


def test_pod_columns_with_wide_ones_at_priority_1() -> None:
    assert headers("", "Pod") == [("NAME", 0), ("READY", 0), ("STATUS", 0), ("RESTARTS", 0), ("AGE", 0), ("IP", 1),
                                  ("NODE", 1), ("NOMINATED NODE", 1), ("READINESS GATES", 1)]
    name, restarts = column_definitions(resource("", "Pod"))[0], column_definitions(resource("", "Pod"))[3]
    assert (name["format"], name["type"]) == ("name", "string")
    assert name["description"].startswith("Name must be unique within a namespace.")
    assert restarts == {"name": "Restarts", "type": "string", "format": "", "priority": 0,
                        "description": "The number of times the containers in this pod have been restarted and when "
                                       "the last container in this pod has restarted."}


def test_running_pod_row_wide() -> None:
    obj = pod("Running", [running()], spec={"nodeName": "node-1"},
              status={"podIP": "10.0.0.9", "podIPs": [{"ip": "10.0.0.5"}, {"ip": "fd00::5"}]})
    assert cells("", "Pod", obj) == ["web", "1/1", "Running", "0", "120m", "10.0.0.5", "node-1", "<none>", "<none>"]


@pytest.mark.parametrize("obj, ready, shown", [
    (pod("Pending"), "0/1", "Pending"),
    (pod("Pending", [waiting("ContainerCreating")]), "0/1", "ContainerCreating"),
    (pod("Pending", [waiting("ErrImagePull")]), "0/1", "ErrImagePull"),
    (pod("Pending", [waiting("ImagePullBackOff")]), "0/1", "ImagePullBackOff"),
    (pod("Succeeded", [terminated(exitCode=0, reason="Completed")]), "0/1", "Completed"),
    (pod("Failed", [terminated(exitCode=1, reason="Error")]), "0/1", "Error"),
    (pod("Failed", [terminated(exitCode=137, reason="OOMKilled")]), "0/1", "OOMKilled"),
    (pod("Failed", [terminated(exitCode=2)]), "0/1", "ExitCode:2"),
    (pod("Failed", [terminated(exitCode=143, signal=15)]), "0/1", "Signal:15"),
    (pod("Running", [running(ready=False)]), "0/1", "Running"),
    (pod("Failed", metadata={}, status={"reason": "Evicted"}), "0/1", "Evicted"),
    (pod("Pending", conditions=[{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]),
     "0/1", "SchedulingGated"),
])
def test_pod_status_cell(obj: dict[str, Any], ready: str, shown: str) -> None:
    assert cells("", "Pod", obj)[1:3] == [ready, shown]


def test_the_first_container_state_wins() -> None:
    obj = pod("Running", [waiting("CrashLoopBackOff", "c0"), waiting("ContainerCreating", "c1")], containers=2)
    assert cells("", "Pod", obj)[1:3] == ["0/2", "CrashLoopBackOff"]


def test_crash_loop_restarts_show_when_the_last_one_ended() -> None:
    last = {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": "2024-01-01T01:54:00Z",
                           "finishedAt": "2024-01-01T01:55:00Z"}}
    obj = pod("Running", [running("c0", restarts=1, lastState={"terminated": {
        "exitCode": 0, "finishedAt": "2024-01-01T01:00:00Z"}}),
        waiting("CrashLoopBackOff", "c1", restarts=4, lastState=last)], containers=2)
    assert cells("", "Pod", obj)[1:4] == ["1/2", "CrashLoopBackOff", "5 (5m ago)"]


def test_restarts_without_a_finish_time_are_a_bare_count() -> None:
    assert cells("", "Pod", pod("Running", [running(restarts=3)]))[3] == "3"


def test_completed_with_a_container_still_running() -> None:
    statuses = [terminated("c0", exitCode=0, reason="Completed"), running("c1")]
    ready_condition = [{"type": "Ready", "status": "True"}]
    assert cells("", "Pod", pod("Running", statuses, containers=2, conditions=ready_condition))[1:3] == \
        ["1/2", "Running"]
    assert cells("", "Pod", pod("Running", statuses, containers=2))[1:3] == ["1/2", "NotReady"]


def test_terminating_pod() -> None:
    deleting = {"deletionTimestamp": "2024-01-01T01:59:00Z", "deletionGracePeriodSeconds": 30}
    assert cells("", "Pod", pod("Running", [running()], metadata=deleting))[1:3] == ["1/1", "Terminating"]
    assert cells("", "Pod", pod("Succeeded", [terminated(exitCode=0, reason="Completed")],
                                metadata=deleting))[2] == "Completed"
    lost = pod("Running", [running()], metadata=deleting, status={"reason": "NodeLost"})
    assert cells("", "Pod", lost)[2] == "Unknown"


def init_pod(init_statuses: list[dict[str, Any]], init_specs: list[dict[str, Any]], statuses: list | None = None,
             conditions: list | None = None, phase: str = "Pending") -> dict[str, Any]:
    obj = pod(phase, statuses if statuses is not None else [waiting("PodInitializing")], conditions=conditions,
              spec={"initContainers": init_specs})
    obj["status"]["initContainerStatuses"] = init_statuses
    return obj


INIT = [{"name": "setup", "image": "busybox"}]


@pytest.mark.parametrize("init_status, shown", [
    (waiting("PodInitializing", "setup"), "Init:0/1"),
    (running("setup", ready=False), "Init:0/1"),
    (waiting("CrashLoopBackOff", "setup", restarts=3), "Init:CrashLoopBackOff"),
    (waiting("ErrImagePull", "setup"), "Init:ErrImagePull"),
    (terminated("setup", exitCode=1, reason="Error"), "Init:Error"),
    (terminated("setup", exitCode=3), "Init:ExitCode:3"),
    (terminated("setup", exitCode=137, signal=9), "Init:Signal:9"),
])
def test_init_container_status(init_status: dict[str, Any], shown: str) -> None:
    assert cells("", "Pod", init_pod([init_status], INIT))[1:3] == ["0/1", shown]


def test_init_restarts_count_while_initializing() -> None:
    row = cells("", "Pod", init_pod([waiting("CrashLoopBackOff", "setup", restarts=3)], INIT))
    assert row[2:4] == ["Init:CrashLoopBackOff", "3"]


def test_second_of_two_init_containers() -> None:
    specs = INIT + [{"name": "migrate", "image": "busybox"}]
    statuses = [terminated("setup", exitCode=0, reason="Completed"), running("migrate", ready=False)]
    assert cells("", "Pod", init_pod(statuses, specs))[2] == "Init:1/2"


def test_initialized_pod_shows_its_containers() -> None:
    statuses = [terminated("setup", exitCode=0, reason="Completed")]
    assert cells("", "Pod", init_pod(statuses, INIT, [running()], phase="Running"))[1:3] == ["1/1", "Running"]


def test_sidecar_counts_in_ready_and_restarts() -> None:
    specs = [{"name": "proxy", "image": "envoy", "restartPolicy": "Always"}]
    sidecar = running("proxy", restarts=2, started=True)
    row = cells("", "Pod", init_pod([sidecar], specs, [running()],
                                    conditions=[{"type": "Initialized", "status": "True"}], phase="Running"))
    assert row[1:4] == ["2/2", "Running", "2"]


def test_readiness_gates_and_nominated_node() -> None:
    gates = [{"conditionType": "example.com/lb"}, {"conditionType": "example.com/dns"}]
    conditions = [{"type": "example.com/lb", "status": "True"}, {"type": "example.com/dns", "status": "False"}]
    obj = pod("Pending", [], conditions=conditions, spec={"readinessGates": gates},
              status={"nominatedNodeName": "node-2"})
    assert cells("", "Pod", obj)[5:] == ["<none>", "<none>", "node-2", "1/2"]


def ago(seconds: float) -> str:
    return datetime.fromtimestamp(NOW - seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def restarted(status: dict[str, Any], restarts: int, seconds_ago: float) -> dict[str, Any]:
    return {**status, "restartCount": restarts, "lastState": {"terminated": {"finishedAt": ago(seconds_ago)}}}


EMPTY_WAIT = {"name": "c0", "ready": False, "restartCount": 0, "state": {"waiting": {}}}


@pytest.mark.parametrize("init_statuses, init_count, statuses, containers, phase, expected", [
    # the first container's state wins over the second's termination
    ([], 0, [waiting("ContainerWaitingReason", restarts=3), terminated("c1", reason="ContainerTerminatedReason")],
     2, "podPhase", ["0/2", "ContainerWaitingReason", "3"]),
    # ready but not running is not counted ready
    ([], 0, [running("c0", restarts=3), {"name": "c1", "ready": True, "restartCount": 3, "state": {}}], 2, "podPhase",
     ["1/2", "podPhase", "6"]),
    # an init container restarting
    ([restarted(running("i0", ready=False), 3, 10)], 1, [EMPTY_WAIT], 1, "podPhase",
     ["0/1", "Init:0/1", "3 (10s ago)"]),
    # the first init container done after restarts, the second restarting
    ([restarted(terminated("i0", exitCode=0), 2, 120), restarted(running("i1", ready=False), 3, 10)], 2, [EMPTY_WAIT],
     1, "podPhase", ["0/1", "Init:1/2", "5 (10s ago)"]),
    # init container restarts stop counting once the pod is initialized
    ([restarted(terminated("i0", exitCode=0), 2, 120)], 1, [restarted(running(ready=False), 4, 20)], 1, "Running",
     ["0/1", "Running", "4 (20s ago)"]),
    # the latest restart of several containers
    ([], 0, [restarted(running("c0"), 6, 5 * DAY), restarted(running("c1"), 3, 20 * DAY)], 2, "Running",
     ["2/2", "Running", "9 (5d ago)"]),
])
def test_kubernetes_pod_vectors(init_statuses: list, init_count: int, statuses: list, containers: int, phase: str,
                                expected: list[str]) -> None:
    obj = pod(phase, statuses, containers=containers,
              spec={"initContainers": [{"name": f"i{i}", "image": "busybox"} for i in range(init_count)]})
    obj["status"]["initContainerStatuses"] = init_statuses
    assert cells("", "Pod", obj)[1:4] == expected


def test_statuses_of_unknown_containers() -> None:
    specs = [{"name": "init1", "image": "i"}, {"name": "sidecar1", "image": "s", "restartPolicy": "Always"}]
    obj = pod("Running", [{"name": "containerinvalid"}, {"name": "c0"}], spec={"initContainers": specs})
    obj["status"]["initContainerStatuses"] = [{"name": "initinvalid"}, {"name": "init1"}, {"name": "sidecar1"}]
    assert cells("", "Pod", obj)[1:4] == ["0/2", "Init:0/2", "0"]


def test_finished_pods_carry_a_completed_row_condition() -> None:
    rows = table(resource("", "Pod"), [pod("Succeeded"), pod("Failed"), pod("Running")], NOW)["rows"]
    assert rows[0]["conditions"] == [{"type": "Completed", "status": "True", "reason": "Succeeded",
                                      "message": "The pod has completed successfully."}]
    assert rows[1]["conditions"] == [{"type": "Completed", "status": "True", "reason": "Failed",
                                      "message": "The pod failed."}]
    assert "conditions" not in rows[2]


# --- the Table, includeObject, headers ---------------------------------------------------------------------------

def test_table_shape_and_partial_object_metadata() -> None:
    obj = pod("Running", [running()])
    result = table(resource("", "Pod"), [obj], NOW)
    assert list(result) == ["kind", "apiVersion", "metadata", "columnDefinitions", "rows"]
    assert (result["kind"], result["apiVersion"], result["metadata"]) == ("Table", "meta.k8s.io/v1", {})
    assert result["rows"][0]["object"] == {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                           "metadata": obj["metadata"]}


def test_include_object_and_none() -> None:
    obj = pod("Running", [running()])
    assert table(resource("", "Pod"), [obj], NOW, "Object")["rows"][0]["object"] is obj
    assert table(resource("", "Pod"), [obj], NOW, "None")["rows"][0]["object"] is None


def test_unknown_include_object_is_a_bad_request() -> None:
    with pytest.raises(StatusError) as raised:
        table(resource("", "Pod"), [], NOW, "Everything")
    assert raised.value.status()["code"] == 400
    assert raised.value.status()["message"] == 'unrecognized includeObject value: "Everything"'


def test_no_headers_for_later_watch_events_and_empty_lists() -> None:
    assert table(resource("", "Pod"), [pod()], NOW, no_headers=True)["columnDefinitions"] is None
    assert table(resource("", "Pod"), [], NOW)["rows"] == []


def test_every_column_description_is_kubernetes_text() -> None:
    """Each description cited from the 1.32 API docs resolves (Kubernetes itself cites three absent docs)."""
    from minikube_py.api.printers import PRINTERS

    absent = {("LeaseCandidate", "BinaryVersion"), ("LeaseCandidate", "EmulationVersion"), ("RuntimeClass", "Handler")}
    for (group, kind), printer in PRINTERS.items():
        for column in printer.column_definitions():
            assert set(column) == {"name", "type", "format", "description", "priority"}
            assert bool(column["description"]) != ((kind, column["name"]) in absent), (kind, column["name"])


# --- workloads -----------------------------------------------------------------------------------------------

TEMPLATE = {"metadata": {"labels": {"app": "web"}},
            "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}, {"name": "log", "image": "busybox"}]}}
SELECTOR = {"matchLabels": {"app": "web", "pod-template-hash": "7d4b9c"}}


def test_deployment() -> None:
    obj = {"metadata": meta("web"), "spec": {"replicas": 3, "selector": SELECTOR, "template": TEMPLATE},
           "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}}
    assert headers("apps", "Deployment") == [("NAME", 0), ("READY", 0), ("UP-TO-DATE", 0), ("AVAILABLE", 0),
                                             ("AGE", 0), ("CONTAINERS", 1), ("IMAGES", 1), ("SELECTOR", 1)]
    assert cells("apps", "Deployment", obj) == ["web", "2/3", 3, 2, "120m", "app,log", "nginx:1.27,busybox",
                                                "app=web,pod-template-hash=7d4b9c"]
    fresh = {"metadata": meta("new"), "spec": {"selector": {"matchLabels": {"app": "new"}}, "template": TEMPLATE}}
    assert cells("apps", "Deployment", fresh)[1:4] == ["0/1", 0, 0]


def test_replica_set_and_replication_controller() -> None:
    rs = {"metadata": meta("web-7d4b9c"), "spec": {"replicas": 2, "selector": SELECTOR, "template": TEMPLATE},
          "status": {"replicas": 2, "readyReplicas": 1}}
    assert headers("apps", "ReplicaSet") == [("NAME", 0), ("DESIRED", 0), ("CURRENT", 0), ("READY", 0), ("AGE", 0),
                                             ("CONTAINERS", 1), ("IMAGES", 1), ("SELECTOR", 1)]
    assert cells("apps", "ReplicaSet", rs) == ["web-7d4b9c", 2, 2, 1, "120m", "app,log", "nginx:1.27,busybox",
                                               "app=web,pod-template-hash=7d4b9c"]
    rc = {"metadata": meta("old"), "spec": {"replicas": 1, "selector": {"tier": "db", "app": "old"},
                                            "template": TEMPLATE}, "status": {"replicas": 1}}
    assert cells("", "ReplicationController", rc) == ["old", 1, 1, 0, "120m", "app,log", "nginx:1.27,busybox",
                                                      "app=old,tier=db"]


def test_selector_with_expressions() -> None:
    selector = {"matchLabels": {"tier": "web"}, "matchExpressions": [
        {"key": "env", "operator": "In", "values": ["prod", "dev"]}, {"key": "zone", "operator": "NotIn",
                                                                     "values": ["b"]},
        {"key": "canary", "operator": "DoesNotExist"}, {"key": "app", "operator": "Exists"}]}
    obj = {"metadata": meta(), "spec": {"replicas": 1, "selector": selector, "template": TEMPLATE}}
    assert cells("apps", "ReplicaSet", obj)[-1] == "app,!canary,env in (dev,prod),tier=web,zone notin (b)"
    assert cells("apps", "ReplicaSet", {"metadata": meta(), "spec": {"selector": {}}})[-1] == "<none>"


def test_daemon_set_and_stateful_set() -> None:
    ds_template = {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"}, **TEMPLATE["spec"]}}
    ds = {"metadata": meta("kube-proxy"), "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
                                                   "template": ds_template},
          "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberReady": 2,
                     "updatedNumberScheduled": 3, "numberAvailable": 2}}
    assert [h for h, _ in headers("apps", "DaemonSet")] == ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE",
                                                            "AVAILABLE", "NODE SELECTOR", "AGE", "CONTAINERS",
                                                            "IMAGES", "SELECTOR"]
    assert cells("apps", "DaemonSet", ds) == ["kube-proxy", 3, 3, 2, 3, 2, "kubernetes.io/os=linux", "120m", "app,log",
                                              "nginx:1.27,busybox", "k8s-app=kube-proxy"]
    sts = {"metadata": meta("db"), "spec": {"replicas": 3, "template": TEMPLATE}, "status": {"readyReplicas": 3}}
    assert headers("apps", "StatefulSet") == [("NAME", 0), ("READY", 0), ("AGE", 0), ("CONTAINERS", 1),
                                              ("IMAGES", 1)]
    assert cells("apps", "StatefulSet", sts) == ["db", "3/3", "120m", "app,log", "nginx:1.27,busybox"]


def job(status: dict[str, Any], **spec: Any) -> dict[str, Any]:
    return {"metadata": meta("pi"), "spec": {"selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u"}},
                                             "template": TEMPLATE, **spec}, "status": status}


def test_jobs() -> None:
    assert [h for h, _ in headers("batch", "Job")] == ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE",
                                                       "CONTAINERS", "IMAGES", "SELECTOR"]
    done = job({"succeeded": 1, "startTime": "2024-01-01T00:00:00Z", "completionTime": "2024-01-01T00:00:42Z",
                "conditions": [{"type": "Complete", "status": "True"}]}, completions=1, parallelism=1)
    assert cells("batch", "Job", done) == ["pi", "Complete", "1/1", "42s", "120m", "app,log", "nginx:1.27,busybox",
                                           "batch.kubernetes.io/controller-uid=u"]
    started = job({"startTime": "2024-01-01T01:57:00Z", "active": 2}, completions=5, parallelism=2)
    assert cells("batch", "Job", started)[1:4] == ["Running", "0/5", "3m"]
    assert cells("batch", "Job", job({}, parallelism=3))[1:4] == ["Running", "0/1 of 3", ""]
    failed = job({"conditions": [{"type": "Failed", "status": "True"}]})
    assert cells("batch", "Job", failed)[1:3] == ["Failed", "0/1"]
    suspended = job({"conditions": [{"type": "Suspended", "status": "True"}]}, completions=1)
    assert cells("batch", "Job", suspended)[1] == "Suspended"


def test_cron_job() -> None:
    obj = {"metadata": meta("backup"), "spec": {"schedule": "*/5 * * * *", "suspend": False, "jobTemplate": {
        "spec": {"template": TEMPLATE}}}, "status": {"active": [{"name": "backup-1"}],
                                                     "lastScheduleTime": "2024-01-01T01:55:00Z"}}
    assert [h for h, _ in headers("batch", "CronJob")] == ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE",
                                                           "LAST SCHEDULE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]
    assert cells("batch", "CronJob", obj) == ["backup", "*/5 * * * *", "<none>", "False", 1, "5m", "120m", "app,log",
                                              "nginx:1.27,busybox", "<none>"]
    never = {"metadata": meta("n"), "spec": {"schedule": "@daily", "timeZone": "Etc/UTC", "jobTemplate": {}}}
    assert cells("batch", "CronJob", never)[2:6] == ["Etc/UTC", "<unset>", 0, "<none>"]


def test_hpa_targets() -> None:
    v2 = {"apiVersion": "autoscaling/v2", "metadata": meta("web"), "spec": {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}, "minReplicas": 1,
        "maxReplicas": 10, "metrics": [
            {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                        "averageUtilization": 50}}},
            {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue",
                                                                           "averageValue": "500Mi"}}},
            {"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue",
                                                                           "averageValue": "10"}}}]},
        "status": {"currentReplicas": 2, "currentMetrics": [
            {"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 12}}}]}}
    assert headers("autoscaling", "HorizontalPodAutoscaler") == [
        ("NAME", 0), ("REFERENCE", 0), ("TARGETS", 0), ("MINPODS", 0), ("MAXPODS", 0), ("REPLICAS", 0), ("AGE", 0)]
    assert cells("autoscaling", "HorizontalPodAutoscaler", v2) == [
        "web", "Deployment/web", "cpu: 12%/50%, memory: <unknown>/500Mi + 1 more...", "1", 10, 2, "120m"]
    v1 = {"apiVersion": "autoscaling/v1", "metadata": meta("api"), "spec": {
        "scaleTargetRef": {"kind": "Deployment", "name": "api"}, "maxReplicas": 3}}
    assert cells("autoscaling", "HorizontalPodAutoscaler", v1)[1:6] == [
        "Deployment/api", "cpu: <unknown>/80%", "<unset>", 3, 0]


def test_pod_disruption_budget_and_controller_revision() -> None:
    pdb = {"metadata": meta("web"), "spec": {"minAvailable": "50%"}, "status": {"disruptionsAllowed": 1}}
    assert headers("policy", "PodDisruptionBudget") == [("NAME", 0), ("MIN AVAILABLE", 0), ("MAX UNAVAILABLE", 0),
                                                        ("ALLOWED DISRUPTIONS", 0), ("AGE", 0)]
    assert cells("policy", "PodDisruptionBudget", pdb) == ["web", "50%", "N/A", 1, "120m"]
    owner = {"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "kube-proxy", "uid": "u", "controller": True}
    revision = {"metadata": meta("kube-proxy-5d8f", ownerReferences=[owner]), "revision": 2, "data": {}}
    assert cells("apps", "ControllerRevision", revision) == ["kube-proxy-5d8f", "daemonset.apps/kube-proxy", 2, "120m"]


# --- services and networking ----------------------------------------------------------------------------------

def service(kind: str, **spec: Any) -> dict[str, Any]:
    return {"metadata": meta("web"), "spec": {"type": kind, **spec}, "status": spec.pop("status", {})}


def test_services() -> None:
    assert headers("", "Service") == [("NAME", 0), ("TYPE", 0), ("CLUSTER-IP", 0), ("EXTERNAL-IP", 0),
                                      ("PORT(S)", 0), ("AGE", 0), ("SELECTOR", 1)]
    cluster = service("ClusterIP", clusterIP="10.96.0.10", clusterIPs=["10.96.0.10"], selector={"app": "web"},
                      ports=[{"port": 80, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}])
    assert cells("", "Service", cluster) == ["web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53/UDP", "120m",
                                             "app=web"]
    headless = service("ClusterIP", clusterIP="None", clusterIPs=["None"])
    assert cells("", "Service", headless)[2:5] == ["None", "<none>", "<none>"]
    node_port = service("NodePort", clusterIPs=["10.96.1.1"], externalIPs=["1.2.3.4"],
                        ports=[{"port": 80, "nodePort": 30080, "protocol": "TCP"}])
    assert cells("", "Service", node_port)[3:5] == ["1.2.3.4", "80:30080/TCP"]
    pending = service("LoadBalancer", clusterIPs=["10.96.1.2"], ports=[{"port": 443, "nodePort": 31443}])
    assert cells("", "Service", pending)[3:5] == ["<pending>", "443:31443/TCP"]
    balanced = service("LoadBalancer", clusterIPs=["10.96.1.2"])
    balanced["status"] = {"loadBalancer": {"ingress": [{"ip": "203.0.113.10"},
                                                       {"hostname": "a-long-name.elb.example.com"}]}}
    assert cells("", "Service", balanced)[3] == "203.0.113.10,a-long-name.elb.example.com"
    external = service("ExternalName", externalName="db.example.com")
    assert cells("", "Service", external)[2:5] == ["<none>", "db.example.com", "<none>"]


def test_endpoints_and_slices() -> None:
    subsets = [{"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "ports": [{"port": 80}, {"port": 443}]}]
    endpoints = {"metadata": meta("web"), "subsets": subsets}
    assert cells("", "Endpoints", endpoints) == ["web", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", "120m"]
    assert cells("", "Endpoints", {"metadata": meta("none")})[1] == "<none>"
    headless = {"metadata": meta("h"), "subsets": [{"addresses": [{"ip": "fd00::1"}]}]}
    assert cells("", "Endpoints", headless)[1] == "fd00::1"
    v6 = {"metadata": meta("h"), "subsets": [{"addresses": [{"ip": "fd00::1"}], "ports": [{"port": 80}]}]}
    assert cells("", "Endpoints", v6)[1] == "[fd00::1]:80"
    slice_ = {"metadata": meta("web-abc"), "addressType": "IPv4", "ports": [{"name": "http", "port": 80}],
              "endpoints": [{"addresses": ["10.0.0.1"]}, {"addresses": ["10.0.0.2"]}]}
    assert headers("discovery.k8s.io", "EndpointSlice") == [("NAME", 0), ("ADDRESSTYPE", 0), ("PORTS", 0),
                                                            ("ENDPOINTS", 0), ("AGE", 0)]
    assert cells("discovery.k8s.io", "EndpointSlice", slice_) == ["web-abc", "IPv4", "80", "10.0.0.1,10.0.0.2", "120m"]
    empty = {"metadata": meta("e"), "addressType": "IPv4", "ports": [{}]}
    assert cells("discovery.k8s.io", "EndpointSlice", empty)[2:4] == ["*", "<unset>"]


def test_ingress_ingress_class_network_policy() -> None:
    ingress = {"metadata": meta("web"), "spec": {"ingressClassName": "nginx", "tls": [{"hosts": ["a.example.com"]}],
                                                 "rules": [{"host": "a.example.com"}, {"host": "b.example.com"}]},
               "status": {"loadBalancer": {"ingress": [{"ip": "192.168.49.2"}]}}}
    assert cells("networking.k8s.io", "Ingress", ingress) == ["web", "nginx", "a.example.com,b.example.com",
                                                              "192.168.49.2", "80, 443", "120m"]
    bare = {"metadata": meta("b"), "spec": {"defaultBackend": {"service": {"name": "web"}}}}
    assert cells("networking.k8s.io", "Ingress", bare)[1:5] == ["<none>", "*", "", "80"]
    many = {"metadata": meta("m"), "spec": {"rules": [{"host": f"h{i}"} for i in range(5)]}}
    assert cells("networking.k8s.io", "Ingress", many)[2] == "h0,h1,h2 + 2 more..."
    klass = {"metadata": meta("nginx"), "spec": {"controller": "k8s.io/ingress-nginx", "parameters": {
        "apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "external-lb"}}}
    assert cells("networking.k8s.io", "IngressClass", klass) == [
        "nginx", "k8s.io/ingress-nginx", "IngressParameters.k8s.example.com/external-lb", "120m"]
    policy = {"metadata": meta("deny"), "spec": {"podSelector": {}}}
    assert cells("networking.k8s.io", "NetworkPolicy", policy) == ["deny", "<none>", "120m"]


# --- nodes and cluster kinds -----------------------------------------------------------------------------------

def test_nodes() -> None:
    assert headers("", "Node") == [("NAME", 0), ("STATUS", 0), ("ROLES", 0), ("AGE", 0), ("VERSION", 0),
                                   ("INTERNAL-IP", 1), ("EXTERNAL-IP", 1), ("OS-IMAGE", 1), ("KERNEL-VERSION", 1),
                                   ("CONTAINER-RUNTIME", 1)]
    node = {"metadata": meta("controlplane", labels={"node-role.kubernetes.io/control-plane": "",
                                                     "kubernetes.io/role": "master", "kubernetes.io/os": "linux"}),
            "spec": {"unschedulable": True},
            "status": {"conditions": [{"type": "MemoryPressure", "status": "False"},
                                      {"type": "Ready", "status": "True"}],
                       "addresses": [{"type": "Hostname", "address": "controlplane"},
                                     {"type": "InternalIP", "address": "192.168.0.10"}],
                       "nodeInfo": {"kubeletVersion": "v1.32.0", "osImage": "Ubuntu 22.04.4 LTS",
                                    "kernelVersion": "6.8.0", "containerRuntimeVersion": "containerd://1.7.22"}}}
    assert cells("", "Node", node) == ["controlplane", "Ready,SchedulingDisabled", "control-plane,master", "120m",
                                       "v1.32.0", "192.168.0.10", "<none>", "Ubuntu 22.04.4 LTS", "6.8.0",
                                       "containerd://1.7.22"]
    worker = {"metadata": meta("node01"), "status": {"conditions": [{"type": "Ready", "status": "Unknown"}]}}
    assert cells("", "Node", worker) == ["node01", "NotReady", "<none>", "120m", "", "<none>", "<none>", "<unknown>",
                                         "<unknown>", "<unknown>"]
    assert cells("", "Node", {"metadata": meta("new")})[1] == "Unknown"


def test_leases_priority_and_runtime_classes() -> None:
    lease = {"metadata": meta("kube-scheduler"), "spec": {"holderIdentity": "controlplane_1234"}}
    assert cells("coordination.k8s.io", "Lease", lease) == ["kube-scheduler", "controlplane_1234", "120m"]
    assert cells("coordination.k8s.io", "Lease", {"metadata": meta("l"), "spec": {}})[1] == ""
    priority = {"metadata": meta("system-node-critical"), "value": 2000001000, "globalDefault": False,
                "preemptionPolicy": "PreemptLowerPriority"}
    assert headers("scheduling.k8s.io", "PriorityClass")[-1] == ("PREEMPTIONPOLICY", 0)
    assert cells("scheduling.k8s.io", "PriorityClass", priority) == ["system-node-critical", 2000001000, False, "120m",
                                                                     "PreemptLowerPriority"]
    runtime = {"metadata": meta("gvisor"), "handler": "runsc"}
    assert cells("node.k8s.io", "RuntimeClass", runtime) == ["gvisor", "runsc", "120m"]


# --- core kinds ----------------------------------------------------------------------------------------------

def test_namespace_configmap_secret_serviceaccount() -> None:
    assert cells("", "Namespace", {"metadata": meta("kube-system"), "status": {"phase": "Active"}}) == \
        ["kube-system", "Active", "120m"]
    configmap = {"metadata": meta("cfg"), "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AA=="}}
    assert headers("", "ConfigMap") == [("NAME", 0), ("DATA", 0), ("AGE", 0)]
    assert cells("", "ConfigMap", configmap) == ["cfg", 3, "120m"]
    secret = {"metadata": meta("regcred"), "type": "kubernetes.io/dockerconfigjson",
              "data": {".dockerconfigjson": "e30="}}
    assert headers("", "Secret") == [("NAME", 0), ("TYPE", 0), ("DATA", 0), ("AGE", 0)]
    assert cells("", "Secret", secret) == ["regcred", "kubernetes.io/dockerconfigjson", 1, "120m"]
    assert cells("", "ServiceAccount", {"metadata": meta("default")}) == ["default", 0, "120m"]


def test_events_core_and_events_k8s_io() -> None:
    assert headers("", "Event") == [("LAST SEEN", 0), ("TYPE", 0), ("REASON", 0), ("OBJECT", 0), ("SUBOBJECT", 1),
                                    ("SOURCE", 1), ("MESSAGE", 0), ("FIRST SEEN", 1), ("COUNT", 1), ("NAME", 1)]
    assert column_definitions(resource("", "Event"))[-1]["format"] == "name"
    event = {"metadata": meta("rich.17a"), "involvedObject": {"kind": "Pod", "name": "rich",
                                                             "fieldPath": "spec.containers{sidecar}"},
             "reason": "BackOff", "message": "Back-off restarting failed container sidecar\n", "type": "Warning",
             "source": {"component": "kubelet", "host": "node-1"}, "firstTimestamp": "2024-01-01T00:00:00Z",
             "lastTimestamp": "2024-01-01T01:58:00Z", "count": 25}
    assert cells("", "Event", event) == ["2m", "Warning", "BackOff", "pod/rich", "spec.containers{sidecar}",
                                         "kubelet, node-1", "Back-off restarting failed container sidecar", "120m",
                                         25, "rich.17a"]
    new_api = {"apiVersion": "events.k8s.io/v1", "metadata": meta("web.18b"),
               "eventTime": "2024-01-01T01:00:00.000000Z",
               "regarding": {"kind": "Deployment", "name": "web"}, "note": "Scaled up", "reason": "ScalingReplicaSet",
               "type": "Normal", "reportingController": "deployment-controller", "reportingInstance": ""}
    assert cells("events.k8s.io", "Event", new_api) == ["60m", "Normal", "ScalingReplicaSet", "deployment/web", "",
                                                        "deployment-controller", "Scaled up", "60m", 1, "web.18b"]
    series = dict(new_api, series={"count": 4, "lastObservedTime": "2024-01-01T01:59:30.000000Z"})
    assert cells("events.k8s.io", "Event", series)[0::8] == ["30s", 4]


def test_resource_quota_from_status() -> None:
    quota = {"metadata": meta("compute"), "spec": {"hard": {"cpu": "1"}},
             "status": {"hard": {"pods": "2", "cpu": "1", "memory": "1G", "limits.cpu": "2", "limits.memory": "2Gi"},
                        "used": {"pods": "1", "cpu": "0", "limits.cpu": "500m"}}}
    assert cells("", "ResourceQuota", quota) == ["compute", "cpu: 0/1, memory: 0/1G, pods: 1/2",
                                                 "limits.cpu: 500m/2, limits.memory: 0/2Gi", "120m"]
    assert cells("", "ResourceQuota", {"metadata": meta("new"), "spec": {"hard": {"cpu": "1"}}})[1:3] == ["", ""]


def test_component_status_has_no_age() -> None:
    healthy = {"metadata": {"name": "etcd-0"}, "conditions": [{"type": "Healthy", "status": "True",
                                                              "message": "ok"}]}
    assert cells("", "ComponentStatus", healthy) == ["etcd-0", "Healthy", "ok", ""]


# --- storage -------------------------------------------------------------------------------------------------

def test_persistent_volumes_and_claims() -> None:
    pv = {"metadata": meta("pv0001"), "spec": {"capacity": {"storage": "5Gi"}, "accessModes": [
        "ReadWriteMany", "ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "manual",
        "claimRef": {"namespace": "default", "name": "data"}, "volumeMode": "Filesystem"},
        "status": {"phase": "Bound"}}
    assert [h for h, _ in headers("", "PersistentVolume")] == [
        "NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS", "REASON", "AGE", "VOLUMEMODE"]
    assert cells("", "PersistentVolume", pv) == ["pv0001", "5Gi", "RWO,RWX", "Retain", "Bound", "default/data",
                                                 "manual", "<unset>", "", "120m", "Filesystem"]
    bound = {"metadata": meta("data"), "spec": {"volumeName": "pv0001", "storageClassName": "manual",
                                                "resources": {"requests": {"storage": "3Gi"}}},
             "status": {"phase": "Bound", "capacity": {"storage": "5Gi"}, "accessModes": ["ReadWriteOncePod"]}}
    assert [h for h, _ in headers("", "PersistentVolumeClaim")] == [
        "NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE",
        "VOLUMEMODE"]
    assert cells("", "PersistentVolumeClaim", bound) == ["data", "Bound", "pv0001", "5Gi", "RWOP", "manual",
                                                         "<unset>", "120m", "<unset>"]
    pending = {"metadata": meta("new", annotations={"volume.beta.kubernetes.io/storage-class": "slow"},
                                deletionTimestamp="2024-01-01T01:00:00Z"),
               "spec": {"storageClassName": "fast"}, "status": {"phase": "Pending"}}
    assert cells("", "PersistentVolumeClaim", pending)[1:6] == ["Terminating", "", "", "", "slow"]


def test_storage_classes_attachments_and_csi() -> None:
    default = {"metadata": meta("standard", annotations={"storageclass.kubernetes.io/is-default-class": "true"}),
               "provisioner": "k8s.io/minikube-hostpath"}
    assert cells("storage.k8s.io", "StorageClass", default) == ["standard (default)", "k8s.io/minikube-hostpath",
                                                                "Delete", "Immediate", False, "120m"]
    attachment = {"metadata": meta("csi-123"), "spec": {"attacher": "ebs.csi.aws.com", "nodeName": "node-1",
                                                        "source": {"persistentVolumeName": "pv-1"}},
                  "status": {"attached": True}}
    assert cells("storage.k8s.io", "VolumeAttachment", attachment) == ["csi-123", "ebs.csi.aws.com", "pv-1", "node-1",
                                                                       True, "120m"]
    driver = {"metadata": meta("hostpath.csi.k8s.io"), "spec": {"podInfoOnMount": True,
                                                                "volumeLifecycleModes": ["Persistent", "Ephemeral"]}}
    assert [h for h, _ in headers("storage.k8s.io", "CSIDriver")] == [
        "NAME", "ATTACHREQUIRED", "PODINFOONMOUNT", "STORAGECAPACITY", "TOKENREQUESTS", "REQUIRESREPUBLISH", "MODES",
        "AGE"]
    assert cells("storage.k8s.io", "CSIDriver", driver) == ["hostpath.csi.k8s.io", True, True, False, "<unset>",
                                                            False, "Persistent,Ephemeral", "120m"]
    csinode = {"metadata": meta("node-1"), "spec": {"drivers": [{"name": "a"}, {"name": "b"}]}}
    assert cells("storage.k8s.io", "CSINode", csinode) == ["node-1", 2, "120m"]


# --- RBAC, admission, certificates, flow control -------------------------------------------------------------------

def test_role_bindings() -> None:
    binding = {"metadata": meta("read-pods"), "roleRef": {"kind": "Role", "name": "pod-reader"}, "subjects": [
        {"kind": "User", "name": "jane"}, {"kind": "User", "name": "bob"}, {"kind": "Group", "name": "devs"},
        {"kind": "ServiceAccount", "name": "default", "namespace": "kube-system"}]}
    assert headers("rbac.authorization.k8s.io", "RoleBinding") == [("NAME", 0), ("ROLE", 0), ("AGE", 0), ("USERS", 1),
                                                                   ("GROUPS", 1), ("SERVICEACCOUNTS", 1)]
    assert cells("rbac.authorization.k8s.io", "RoleBinding", binding) == [
        "read-pods", "Role/pod-reader", "120m", "jane, bob", "devs", "kube-system/default"]
    cluster = {"metadata": meta("admins"), "roleRef": {"kind": "ClusterRole", "name": "cluster-admin"}}
    assert cells("rbac.authorization.k8s.io", "ClusterRoleBinding", cluster) == [
        "admins", "ClusterRole/cluster-admin", "120m", "", "", ""]


def test_webhooks_policies_and_bindings() -> None:
    group = "admissionregistration.k8s.io"
    webhooks = {"metadata": meta("cert-manager-webhook"), "webhooks": [{"name": "a"}, {"name": "b"}]}
    assert cells(group, "ValidatingWebhookConfiguration", webhooks) == ["cert-manager-webhook", 2, "120m"]
    assert cells(group, "MutatingWebhookConfiguration", {"metadata": meta("m")}) == ["m", 0, "120m"]
    policy = {"metadata": meta("replicas"), "spec": {"validations": [{"expression": "true"}],
                                                     "paramKind": {"apiVersion": "v1", "kind": "ConfigMap"}}}
    assert cells(group, "ValidatingAdmissionPolicy", policy) == ["replicas", 1, "v1/ConfigMap", "120m"]
    binding = {"metadata": meta("b"), "spec": {"policyName": "replicas", "paramRef": {"name": "limits"}}}
    assert cells(group, "ValidatingAdmissionPolicyBinding", binding) == ["b", "replicas", "*/limits", "120m"]
    selected = {"metadata": meta("s"), "spec": {"policyName": "p", "paramRef": {"selector": {
        "matchLabels": {"env": "prod"}, "matchExpressions": [{"key": "tier", "operator": "In",
                                                              "values": ["a", "b"]}]}}}}
    assert cells(group, "ValidatingAdmissionPolicyBinding", selected)[2] == (
        "&LabelSelector{MatchLabels:map[string]string{env: prod,},MatchExpressions:[]LabelSelectorRequirement"
        "{LabelSelectorRequirement{Key:tier,Operator:In,Values:[a b],},},}")


def test_certificate_signing_requests() -> None:
    csr = {"metadata": meta("jane"), "spec": {"signerName": "kubernetes.io/kube-apiserver-client",
                                              "username": "kubernetes-admin", "expirationSeconds": 86400},
           "status": {"conditions": [{"type": "Approved", "status": "True"}], "certificate": "LS0t"}}
    assert headers("certificates.k8s.io", "CertificateSigningRequest") == [
        ("NAME", 0), ("AGE", 0), ("SIGNERNAME", 0), ("REQUESTOR", 0), ("REQUESTEDDURATION", 0), ("CONDITION", 0)]
    assert cells("certificates.k8s.io", "CertificateSigningRequest", csr) == [
        "jane", "120m", "kubernetes.io/kube-apiserver-client", "kubernetes-admin", "24h", "Approved,Issued"]
    pending = {"metadata": meta("p"), "spec": {"signerName": "x/y", "username": "u"}}
    assert cells("certificates.k8s.io", "CertificateSigningRequest", pending)[4:] == ["<none>", "Pending"]


def test_flow_schemas_sort_by_precedence() -> None:
    def schema(name: str, precedence: int) -> dict[str, Any]:
        return {"metadata": meta(name), "spec": {"priorityLevelConfiguration": {"name": "workload-low"},
                                                 "matchingPrecedence": precedence,
                                                 "distinguisherMethod": {"type": "ByUser"}},
                "status": {"conditions": [{"type": "Dangling", "status": "False"}]}}
    rows = table(resource("flowcontrol.apiserver.k8s.io", "FlowSchema"),
                 [schema("service-accounts", 9000), schema("exempt", 1), schema("catch-all", 10000),
                  schema("b", 9000)], NOW)["rows"]
    assert [row["cells"][0] for row in rows] == ["exempt", "b", "service-accounts", "catch-all"]
    assert rows[0]["cells"] == ["exempt", "workload-low", 1, "ByUser", "120m", "False"]
    level = {"metadata": meta("global-default"), "spec": {"type": "Limited", "limited": {
        "nominalConcurrencyShares": 20, "limitResponse": {"type": "Queue", "queuing": {
            "queues": 128, "handSize": 6, "queueLengthLimit": 50}}}}}
    assert cells("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", level) == [
        "global-default", "Limited", 20, 128, 6, 50, "120m"]
    exempt = {"metadata": meta("exempt"), "spec": {"type": "Exempt", "exempt": {}}}
    assert cells("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", exempt)[1:6] == [
        "Exempt", "<none>", "<none>", "<none>", "<none>"]


def test_api_services() -> None:
    local = {"metadata": meta("v1.apps"), "spec": {"group": "apps", "version": "v1"},
             "status": {"conditions": [{"type": "Available", "status": "True", "reason": "Local"}]}}
    assert cells("apiregistration.k8s.io", "APIService", local) == ["v1.apps", "Local", "True", "120m"]
    missing = {"metadata": meta("v1beta1.metrics.k8s.io"),
               "spec": {"service": {"namespace": "kube-system", "name": "metrics-server"}},
               "status": {"conditions": [{"type": "Available", "status": "False", "reason": "MissingEndpoints"}]}}
    assert cells("apiregistration.k8s.io", "APIService", missing)[1:3] == [
        "kube-system/metrics-server", "False (MissingEndpoints)"]


# --- kinds without a printer, custom resources -------------------------------------------------------------------

def test_kinds_without_printer_get_name_and_created_at() -> None:
    role = {"metadata": meta("pod-reader"), "rules": []}
    result = table(resource("rbac.authorization.k8s.io", "Role"), [role], NOW)
    assert [(c["name"], c["type"], c["format"]) for c in result["columnDefinitions"]] == [
        ("Name", "string", "name"), ("Created At", "date", "")]
    assert result["rows"][0]["cells"] == ["pod-reader", "2024-01-01T00:00:00Z"]
    offset = {"metadata": meta("lr", creationTimestamp="2024-01-01T02:00:00+02:00")}
    assert cells("", "LimitRange", offset) == ["lr", "2024-01-01T00:00:00Z"]
    assert cells("", "LimitRange", {"metadata": {"name": "zero"}}) == ["zero", "0001-01-01T00:00:00Z"]
    assert cells("storage.k8s.io", "CSIStorageCapacity", {"metadata": meta("c")}) == ["c", "2024-01-01T00:00:00Z"]
    assert table(resource("", "LimitRange"), [], NOW)["rows"] is None


CRONTAB_COLUMNS = [
    {"name": "Spec", "type": "string", "jsonPath": ".spec.cronSpec"},
    {"name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"},
    {"name": "Ready", "type": "string", "jsonPath": '.status.conditions[?(@.type=="Ready")].status',
     "description": "Whether it is ready"},
    {"name": "Suspended", "type": "boolean", "jsonPath": ".spec.suspend"},
    {"name": "Image", "type": "string", "jsonPath": ".spec.containers[0].image", "priority": 1},
    {"name": "Ratio", "type": "number", "jsonPath": ".spec.ratio"},
    {"name": "App", "type": "string", "jsonPath": ".metadata.labels['app.kubernetes.io/name']"},
    {"name": "Selector", "type": "string", "jsonPath": ".spec.selector"},
    {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"},
]


def test_crd_additional_printer_columns() -> None:
    crd = resource("stable.example.com", "CronTab", builtin=False)
    obj = {"apiVersion": "stable.example.com/v1", "kind": "CronTab",
           "metadata": meta("tab", labels={"app.kubernetes.io/name": "cron"}),
           "spec": {"cronSpec": "* * * * */5", "replicas": 3.0, "suspend": False, "ratio": 2,
                    "containers": [{"image": "my-cron-image"}], "selector": {"b": 1, "a": "<x>"}},
           "status": {"conditions": [{"type": "Synced", "status": "True"}, {"type": "Ready", "status": "False"}]}}
    result = table(crd, [obj], NOW, printer_columns=CRONTAB_COLUMNS)
    assert [(c["name"], c["type"], c["priority"]) for c in result["columnDefinitions"]] == [
        ("Name", "string", 0), ("Spec", "string", 0), ("Replicas", "integer", 0), ("Ready", "string", 0),
        ("Suspended", "boolean", 0), ("Image", "string", 1), ("Ratio", "number", 0), ("App", "string", 0),
        ("Selector", "string", 0), ("Age", "date", 0)]
    assert result["columnDefinitions"][1]["description"] == \
        "Custom resource definition column (in JSONPath format): .spec.cronSpec"
    assert result["columnDefinitions"][3]["description"] == "Whether it is ready"
    assert result["rows"][0]["cells"] == ["tab", "* * * * */5", 3, "False", False, "my-cron-image", 2.0, "cron",
                                          '{"a":"\\u003cx\\u003e","b":1}', "120m"]
    empty = {"metadata": meta("bare"), "spec": {}}
    assert table(crd, [empty], NOW, printer_columns=CRONTAB_COLUMNS)["rows"][0]["cells"] == \
        ["bare", None, None, None, None, None, None, None, None, "120m"]


def test_crd_without_printer_columns_gets_name_and_age() -> None:
    crd = resource("stable.example.com", "CronTab", builtin=False)
    result = table(crd, [{"metadata": meta("tab")}], NOW)
    assert [(c["name"], c["type"], c["format"]) for c in result["columnDefinitions"]] == [
        ("Name", "string", "name"), ("Age", "date", "")]
    assert result["columnDefinitions"][1]["description"].startswith("CreationTimestamp is a timestamp")
    assert result["rows"] == [{"cells": ["tab", "120m"], "object": {
        "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": meta("tab")}}]
    assert table(crd, [], NOW)["rows"] == []


@pytest.mark.parametrize("value, shown", [
    ("text", "text"), (7, "7"), (True, "true"), (None, "<no value>"), (1.5, "1.5"), (2.0, "2"),
    (1e6, "1e+06"), (123456.5, "123456.5"), (1234567.5, "1.2345675e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
    ([1, "a"], '[1,"a"]'),
])
def test_crd_string_column_prints_as_jsonpath(value: Any, shown: str) -> None:
    crd = resource("example.com", "Thing", builtin=False)
    columns = [{"name": "V", "type": "string", "jsonPath": ".spec.v"}]
    assert table(crd, [{"metadata": meta(), "spec": {"v": value}}], NOW, printer_columns=columns)["rows"][0][
        "cells"][1] == shown


def test_scale_subresource_table() -> None:
    scale = {"apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": meta("web"), "spec": {"replicas": 3},
             "status": {"replicas": 2, "selector": "app=web"}}
    result = table(resource("autoscaling", "Scale"), [scale], NOW)
    assert [(c["name"], c["format"]) for c in result["columnDefinitions"]] == [
        ("Name", ""), ("Desired", ""), ("Available", ""), ("Age", "")]
    assert result["rows"][0]["cells"] == ["web", 3, 2, "120m"]


def test_a_builtin_kind_keeps_its_printer_whatever_its_schema() -> None:
    unschemed = resource("", "ConfigMap", builtin=False)
    assert table(unschemed, [{"metadata": meta("cfg"), "data": {"a": "b"}}], NOW)["rows"][0]["cells"] == \
        ["cfg", 1, "120m"]
