"""Defaulting as `kubectl create --dry-run=server -o yaml` shows it: Kubernetes 1.32's defaults of pods, templates,
workloads, services and the smaller kinds, and the strategies' create/update preparation."""

from __future__ import annotations

import copy
from typing import Any

from minikube_py.api.defaults import apply_custom_defaults, apply_defaults, prepare_for_create, prepare_for_update
from minikube_py.api.registry import Resource, builtin_registry

REGISTRY = builtin_registry()


def resource(api_version: str, kind: str) -> Resource:
    found = REGISTRY.for_api_version(api_version, kind)
    assert found is not None
    return found


def defaulted(api_version: str, kind: str, **fields: Any) -> dict[str, Any]:
    obj = {"apiVersion": api_version, "kind": kind, "metadata": {"name": "web"}, **copy.deepcopy(fields)}
    apply_defaults(resource(api_version, kind), obj)
    return obj


CONTAINER = {"name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}
DEFAULTED_CONTAINER = {
    "name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}],
    "imagePullPolicy": "IfNotPresent", "resources": {}, "terminationMessagePath": "/dev/termination-log",
    "terminationMessagePolicy": "File"}
DEFAULTED_TEMPLATE_SPEC = {
    "containers": [DEFAULTED_CONTAINER], "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
    "schedulerName": "default-scheduler", "securityContext": {}, "terminationGracePeriodSeconds": 30,
    "enableServiceLinks": True}


def test_pod_defaults() -> None:
    pod = defaulted("v1", "Pod", spec={"containers": [CONTAINER]})
    assert pod["spec"] == {**DEFAULTED_TEMPLATE_SPEC, "priority": 0, "preemptionPolicy": "PreemptLowerPriority"}


def test_image_pull_policy_follows_the_tag() -> None:
    images = {"nginx": "Always", "nginx:latest": "Always", "nginx:1.27": "IfNotPresent",
              "localhost:5000/app": "Always", "localhost:5000/app:v2": "IfNotPresent",
              "nginx@sha256:" + "a" * 64: "IfNotPresent"}
    pod = defaulted("v1", "Pod", spec={"containers": [{"name": f"c{i}", "image": image}
                                                      for i, image in enumerate(images)]})
    assert [c["imagePullPolicy"] for c in pod["spec"]["containers"]] == list(images.values())


def test_probes_volumes_and_env_defaults() -> None:
    pod = defaulted("v1", "Pod", spec={
        "containers": [{"name": "app", "image": "nginx", "livenessProbe": {"httpGet": {"port": 80}},
                        "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}]}],
        "volumes": [{"name": "scratch"}, {"name": "conf", "configMap": {"name": "conf"}},
                    {"name": "creds", "secret": {"secretName": "creds"}}]})
    container = pod["spec"]["containers"][0]
    assert container["livenessProbe"] == {"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"}, "timeoutSeconds": 1,
                                          "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}
    assert container["env"][0]["valueFrom"]["fieldRef"] == {"fieldPath": "spec.nodeName", "apiVersion": "v1"}
    assert pod["spec"]["volumes"] == [{"name": "scratch", "emptyDir": {}},
                                      {"name": "conf", "configMap": {"name": "conf", "defaultMode": 420}},
                                      {"name": "creds", "secret": {"secretName": "creds", "defaultMode": 420}}]


def test_pod_requests_default_to_limits_but_not_in_templates() -> None:
    limited = {"name": "app", "image": "nginx", "resources": {"limits": {"cpu": "1", "memory": "1Gi"},
                                                              "requests": {"cpu": "500m"}}}
    pod = defaulted("v1", "Pod", spec={"containers": [limited]})
    assert pod["spec"]["containers"][0]["resources"]["requests"] == {"cpu": "500m", "memory": "1Gi"}
    deployment = defaulted("apps/v1", "Deployment", spec={"template": {"spec": {"containers": [limited]}}})
    assert deployment["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"] == {"cpu": "500m"}


def test_pod_status_on_create_carries_the_qos_class() -> None:
    res = resource("v1", "Pod")
    for resources, qos in (({}, "BestEffort"), ({"requests": {"cpu": "1"}}, "Burstable"),
                           ({"limits": {"cpu": "1", "memory": "1Gi"}}, "Guaranteed")):
        pod = defaulted("v1", "Pod", spec={"containers": [{"name": "a", "image": "i", "resources": resources}]})
        prepare_for_create(res, pod)
        assert pod["status"] == {"phase": "Pending", "qosClass": qos}


def test_deployment_defaults() -> None:
    deployment = defaulted("apps/v1", "Deployment", spec={"template": {"spec": {"containers": [CONTAINER]}}})
    assert deployment["spec"] == {
        "replicas": 1, "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
        "template": {"metadata": {"creationTimestamp": None}, "spec": DEFAULTED_TEMPLATE_SPEC}}
    recreate = defaulted("apps/v1", "Deployment", spec={"strategy": {"type": "Recreate"}})
    assert recreate["spec"]["strategy"] == {"type": "Recreate"}


def test_statefulset_and_daemonset_defaults() -> None:
    stateful = defaulted("apps/v1", "StatefulSet", spec={"volumeClaimTemplates": [{"metadata": {"name": "data"}}]})
    spec = stateful["spec"]
    assert (spec["replicas"], spec["podManagementPolicy"], spec["revisionHistoryLimit"]) == (1, "OrderedReady", 10)
    assert spec["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
    assert spec["persistentVolumeClaimRetentionPolicy"] == {"whenDeleted": "Retain", "whenScaled": "Retain"}
    assert spec["volumeClaimTemplates"][0] == {
        "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "creationTimestamp": None},
        "spec": {"volumeMode": "Filesystem"}, "status": {"phase": "Pending"}}
    daemon = defaulted("apps/v1", "DaemonSet", spec={})
    assert daemon["spec"]["updateStrategy"] == {"type": "RollingUpdate",
                                                "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}}
    assert daemon["spec"]["revisionHistoryLimit"] == 10


def test_job_and_cronjob_defaults() -> None:
    job = defaulted("batch/v1", "Job", spec={"template": {"spec": {"containers": [CONTAINER]}}})
    assert {k: v for k, v in job["spec"].items() if k != "template"} == {
        "completions": 1, "parallelism": 1, "backoffLimit": 6, "completionMode": "NonIndexed", "suspend": False,
        "podReplacementPolicy": "TerminatingOrFailed"}
    parallel = defaulted("batch/v1", "Job", spec={"parallelism": 3})
    assert "completions" not in parallel["spec"]
    cron = defaulted("batch/v1", "CronJob", spec={"schedule": "* * * * *", "jobTemplate": {"spec": {
        "template": {"spec": {"containers": [CONTAINER], "restartPolicy": "OnFailure"}}}}})
    assert {k: cron["spec"][k] for k in ("concurrencyPolicy", "suspend", "successfulJobsHistoryLimit",
                                         "failedJobsHistoryLimit")} == {
        "concurrencyPolicy": "Allow", "suspend": False, "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1}
    assert "backoffLimit" not in cron["spec"]["jobTemplate"]["spec"]
    assert cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["dnsPolicy"] == "ClusterFirst"


def test_replication_controller_takes_selector_and_labels_from_its_template() -> None:
    rc = defaulted("v1", "ReplicationController", spec={"template": {"metadata": {"labels": {"app": "web"}},
                                                                     "spec": {"containers": [CONTAINER]}}})
    assert rc["spec"]["selector"] == {"app": "web"} and rc["metadata"]["labels"] == {"app": "web"}
    assert rc["spec"]["replicas"] == 1


def test_service_defaults() -> None:
    service = defaulted("v1", "Service", spec={"selector": {"app": "web"}, "ports": [{"port": 80}]})
    assert service["spec"] == {
        "selector": {"app": "web"}, "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
        "type": "ClusterIP", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
        "ipFamilyPolicy": "SingleStack", "ipFamilies": ["IPv4"]}
    node_port = defaulted("v1", "Service", spec={"type": "NodePort", "ports": [{"port": 80, "targetPort": "http"}]})
    assert node_port["spec"]["externalTrafficPolicy"] == "Cluster"
    assert node_port["spec"]["ports"][0]["targetPort"] == "http"
    external = defaulted("v1", "Service", spec={"type": "ExternalName", "externalName": "example.com"})
    assert "ipFamilies" not in external["spec"] and "internalTrafficPolicy" not in external["spec"]


def test_a_service_update_keeps_its_allocated_cluster_ip_and_node_ports() -> None:
    res = resource("v1", "Service")
    old = defaulted("v1", "Service", spec={"type": "NodePort", "ports": [{"port": 80}]})
    old["spec"].update(clusterIP="10.96.0.20", clusterIPs=["10.96.0.20"])
    old["spec"]["ports"][0]["nodePort"] = 31000
    old["status"] = {"loadBalancer": {}}
    applied = defaulted("v1", "Service", spec={"type": "NodePort", "ports": [{"port": 80}]})
    prepare_for_update(res, applied, old)
    assert applied["spec"]["clusterIP"] == "10.96.0.20" and applied["spec"]["ports"][0]["nodePort"] == 31000
    assert applied["status"] == {"loadBalancer": {}}


def test_namespace_and_small_kinds() -> None:
    res = resource("v1", "Namespace")
    namespace = defaulted("v1", "Namespace")
    prepare_for_create(res, namespace)
    assert namespace["metadata"]["labels"] == {"kubernetes.io/metadata.name": "web"}
    assert (namespace["spec"], namespace["status"]) == ({"finalizers": ["kubernetes"]}, {"phase": "Active"})
    assert defaulted("v1", "Secret")["type"] == "Opaque"
    assert defaulted("v1", "PersistentVolumeClaim", spec={})["spec"] == {"volumeMode": "Filesystem"}
    policy = defaulted("networking.k8s.io/v1", "NetworkPolicy", spec={"podSelector": {}, "egress": [{}]})
    assert policy["spec"]["policyTypes"] == ["Ingress", "Egress"]
    binding = defaulted("rbac.authorization.k8s.io/v1", "RoleBinding", roleRef={"kind": "Role", "name": "r"},
                        subjects=[{"kind": "User", "name": "jane"}, {"kind": "ServiceAccount", "name": "default"}])
    assert binding["roleRef"]["apiGroup"] == "rbac.authorization.k8s.io"
    assert binding["subjects"] == [{"kind": "User", "name": "jane", "apiGroup": "rbac.authorization.k8s.io"},
                                   {"kind": "ServiceAccount", "name": "default"}]
    limits = defaulted("v1", "LimitRange", spec={"limits": [{"type": "Container", "max": {"cpu": "2"}}]})
    assert limits["spec"]["limits"][0]["default"] == {"cpu": "2"}
    assert limits["spec"]["limits"][0]["defaultRequest"] == {"cpu": "2"}


def test_generation_and_status_on_create_and_update() -> None:
    res = resource("apps/v1", "Deployment")
    deployment = defaulted("apps/v1", "Deployment", spec={"replicas": 2}, status={"replicas": 9})
    prepare_for_create(res, deployment)
    assert deployment["metadata"]["generation"] == 1 and deployment["status"] == {}
    deployment["status"] = {"replicas": 2}
    scaled = copy.deepcopy(deployment)
    scaled["spec"]["replicas"] = 3
    scaled["status"] = {}
    prepare_for_update(res, scaled, deployment)
    assert scaled["metadata"]["generation"] == 2 and scaled["status"] == {"replicas": 2}
    relabeled = copy.deepcopy(deployment)
    relabeled["metadata"]["labels"] = {"a": "b"}
    prepare_for_update(res, relabeled, deployment)
    assert relabeled["metadata"]["generation"] == 1


def test_a_malformed_body_is_left_for_validation_to_refuse() -> None:
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"}, "spec": {"containers": ["nginx"]}}
    apply_defaults(resource("v1", "Pod"), pod)
    assert pod["spec"]["containers"] == ["nginx"]


def test_status_on_create_is_what_go_writes_for_an_empty_status() -> None:
    expected = {("apps/v1", "StatefulSet"): {"availableReplicas": 0, "replicas": 0},
                ("apps/v1", "ReplicaSet"): {"replicas": 0}, ("v1", "Service"): {"loadBalancer": {}},
                ("policy/v1", "PodDisruptionBudget"): {"currentHealthy": 0, "desiredHealthy": 0,
                                                       "disruptionsAllowed": 0, "expectedPods": 0},
                ("batch/v1", "Job"): {}}
    for (api_version, kind), status in expected.items():
        obj = defaulted(api_version, kind, spec={}, status={"anything": 1})
        prepare_for_create(resource(api_version, kind), obj)
        assert obj["status"] == status, kind
    node = {"metadata": {"name": "node01"}, "status": {"capacity": {"cpu": "4"}}}
    prepare_for_create(resource("v1", "Node"), node)
    assert node["status"] == {"capacity": {"cpu": "4"}}


def test_custom_resources_get_their_schema_defaults() -> None:
    schema = {"type": "object", "properties": {"spec": {"type": "object", "properties": {
        "replicas": {"type": "integer", "default": 1},
        "ports": {"type": "array", "items": {"type": "object", "properties": {
            "protocol": {"type": "string", "default": "TCP"}, "port": {"type": "integer"}}}},
        "limits": {"type": "object", "default": {"cpu": "1"}}}}}}
    obj = {"apiVersion": "example.com/v1", "kind": "App", "metadata": {"name": "a"},
           "spec": {"ports": [{"port": 80}], "limits": {"memory": "1Gi"}}}
    apply_custom_defaults(schema, obj)
    assert obj["spec"] == {"replicas": 1, "ports": [{"port": 80, "protocol": "TCP"}], "limits": {"memory": "1Gi"}}
    no_spec: dict[str, Any] = {"metadata": {"name": "b"}}
    apply_custom_defaults(schema, no_spec)
    assert no_spec == {"metadata": {"name": "b"}}


def test_secret_string_data_is_stored_as_data() -> None:
    secret = defaulted("v1", "Secret", data={"user": "YWRtaW4=", "password": "b2xk"}, stringData={"password": "s3cr3t"})
    assert secret["data"] == {"user": "YWRtaW4=", "password": "czNjcjN0"} and "stringData" not in secret


def test_an_update_keeps_uid_creation_time_and_generation() -> None:
    res = resource("v1", "ConfigMap")
    old = {"metadata": {"name": "web", "uid": "u1", "creationTimestamp": "2026-01-01T00:00:00Z", "generation": 3}}
    replaced = {"metadata": {"name": "web", "generation": 9, "creationTimestamp": "1999-01-01T00:00:00Z"},
                "data": {"a": "b"}}
    prepare_for_update(res, replaced, old)
    assert replaced["metadata"] == old["metadata"]
