"""The REST API itself, as any client sees it, over mk-etcd and over a real etcd 3.4: resourceVersion and
409 Conflicts, racing writers, generation, status and scale subresources, dry runs, list paging, watches
(resume, bookmarks, 410 Gone, Tables), custom resources, and the keys in etcd."""

from __future__ import annotations

import json
import ssl
import threading
import urllib.request
import uuid

import pytest
from apiservers import ApiServer, new_namespace, start_apiserver


@pytest.fixture
def apiserver(any_apiserver: ApiServer) -> ApiServer:
    """Every test here runs over mk-etcd and over the real etcd 3.4."""
    return any_apiserver


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    return new_namespace(apiserver, "api", service_account=False)


def configmap(name: str, **data: str) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name}, "data": data}


def deployment(name: str, replicas: int = 1) -> dict:
    labels = {"app": name}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name},
            "spec": {"replicas": replicas, "selector": {"matchLabels": labels},
                     "template": {"metadata": {"labels": labels},
                                  "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}


def test_stale_update_is_a_conflict(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    status, created = apiserver.request("POST", path, configmap("cm", a="1"))
    assert status == 201 and created["metadata"]["resourceVersion"].isdigit()
    first = {**created, "data": {"a": "2"}}
    status, updated = apiserver.request("PUT", f"{path}/cm", first)
    assert status == 200 and updated["data"] == {"a": "2"}
    assert int(updated["metadata"]["resourceVersion"]) > int(created["metadata"]["resourceVersion"])
    status, refused = apiserver.request("PUT", f"{path}/cm", {**created, "data": {"a": "3"}})
    assert status == 409
    assert refused == {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                       "message": 'Operation cannot be fulfilled on configmaps "cm": the object has been modified; '
                                  'please apply your changes to the latest version and try again',
                       "reason": "Conflict", "details": {"name": "cm", "kind": "configmaps"}, "code": 409}
    assert apiserver.request("GET", f"{path}/cm")[1]["data"] == {"a": "2"}


def test_racing_writers_one_wins_each_round_nothing_lost(apiserver: ApiServer, ns: str) -> None:
    """Two writers read-modify-write one counter with resourceVersion preconditions: every round exactly
    one write lands, the other gets 409, and the final count equals the successful writes."""
    path = f"/api/v1/namespaces/{ns}/configmaps"
    apiserver.request("POST", path, configmap("counter", n="0"))
    context = apiserver.context()
    results: dict[str, list[int]] = {"a": [], "b": []}
    barrier = threading.Barrier(2)

    def put(body: dict) -> int:
        request = urllib.request.Request(apiserver.url + f"{path}/counter", data=json.dumps(body).encode(),
                                         method="PUT", headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, context=context, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code

    def writer(name: str, rounds: list[dict]) -> None:
        for current in rounds:
            barrier.wait()
            body = {**current, "data": {"n": str(int(current["data"]["n"]) + 1)}}
            results[name].append(put(body))
            barrier.wait()

    for _ in range(10):
        current = apiserver.request("GET", f"{path}/counter")[1]
        threads = [threading.Thread(target=writer, args=(name, [current])) for name in "ab"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for a, b in zip(results["a"], results["b"]):
        assert sorted((a, b)) == [200, 409]
    assert apiserver.request("GET", f"{path}/counter")[1]["data"]["n"] == "10"


def test_generation_status_and_scale(apiserver: ApiServer, ns: str) -> None:
    path = f"/apis/apps/v1/namespaces/{ns}/deployments"
    status, created = apiserver.request("POST", path, {**deployment("gen"), "status": {"replicas": 9}})
    assert status == 201 and created["metadata"]["generation"] == 1 and created["status"] == {}
    status, scale = apiserver.request("GET", f"{path}/gen/scale")
    assert status == 200 and scale["kind"] == "Scale" and scale["spec"] == {"replicas": 1}
    assert scale["status"] == {"replicas": 0, "selector": "app=gen"}
    status, scaled = apiserver.request("PATCH", f"{path}/gen/scale", {"spec": {"replicas": 5}},
                                       content_type="application/merge-patch+json")
    assert status == 200 and scaled["spec"]["replicas"] == 5
    current = apiserver.request("GET", f"{path}/gen")[1]
    assert current["spec"]["replicas"] == 5 and current["metadata"]["generation"] == 2
    status, with_status = apiserver.request("PUT", f"{path}/gen/status",
                                            {**current, "status": {"replicas": 5, "observedGeneration": 2},
                                             "spec": {**current["spec"], "replicas": 1}})
    assert status == 200 and with_status["status"]["replicas"] == 5
    assert with_status["spec"]["replicas"] == 5 and with_status["metadata"]["generation"] == 2
    status, main = apiserver.request("PUT", f"{path}/gen", {**with_status, "status": {}})
    assert status == 200 and main["status"]["replicas"] == 5


def test_dry_run_writes_nothing(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    status, answer = apiserver.request("POST", path + "?dryRun=All", configmap("ghost", a="1"))
    assert status == 201 and answer["metadata"]["uid"]
    assert apiserver.request("GET", f"{path}/ghost")[0] == 404


def test_paging_with_limit_and_continue(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    for index in range(7):
        apiserver.request("POST", path, configmap(f"cm-{index}"))
    names, token, pages = [], "", 0
    while True:
        status, page = apiserver.request("GET", f"{path}?limit=3" + (f"&continue={token}" if token else ""))
        assert status == 200
        names += [item["metadata"]["name"] for item in page["items"]]
        pages += 1
        token = page["metadata"].get("continue", "")
        if not token:
            break
    assert names == [f"cm-{index}" for index in range(7)] and pages == 3


def test_watch_resumes_from_a_resource_version(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    created = apiserver.request("POST", path, configmap("w", a="1"))[1]
    apiserver.request("PATCH", f"{path}/w", {"data": {"a": "2"}}, content_type="application/merge-patch+json")
    apiserver.request("DELETE", f"{path}/w")
    since = created["metadata"]["resourceVersion"]
    events = apiserver.watch_events(f"{path}?watch=true&resourceVersion={since}&timeoutSeconds=1")
    assert [(e["type"], e["object"].get("data")) for e in events] == [("MODIFIED", {"a": "2"}), ("DELETED", {"a": "2"})]


def test_watch_from_before_the_cache_is_gone(tmp_path, cluster_pki) -> None:
    """An apiserver started on a store with history cannot replay what came before it: 410 Gone."""
    from conftest import etcd_client_tls, etcd_server_tls
    from etcd_members import start_member

    etcd = start_member("mk", tmp_path, server_tls=etcd_server_tls(cluster_pki),
                        client_tls=etcd_client_tls(cluster_pki))
    try:
        first = start_apiserver(tmp_path / "first", cluster_pki, etcd)
        first.stop()
        second = start_apiserver(tmp_path / "second", cluster_pki, etcd)
        try:
            status, body = second.request("GET", "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2")
            assert status == 410 and body["reason"] == "Expired"
            assert body["message"].startswith("too old resource version: 2 (")
        finally:
            second.stop()
    finally:
        etcd.stop()


def test_watch_as_table_and_label_selected(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    apiserver.request("POST", path, {**configmap("in"), "metadata": {"name": "in", "labels": {"pick": "me"}}})
    apiserver.request("POST", path, configmap("out"))
    events = apiserver.watch_events(f"{path}?watch=true&labelSelector=pick%3Dme&timeoutSeconds=1",
                                    accept="application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
    assert [e["type"] for e in events] == ["ADDED"]
    table = events[0]["object"]
    assert table["kind"] == "Table" and table["rows"][0]["cells"][0] == "in"
    assert table["columnDefinitions"][0]["format"] == "name"


def test_unsupported_field_selector_is_refused(apiserver: ApiServer, ns: str) -> None:
    status, body = apiserver.request("GET", f"/api/v1/namespaces/{ns}/configmaps?fieldSelector=data.a%3D1")
    assert status == 400
    assert body["message"] == '"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"'


def test_custom_resources_are_served_and_validated(apiserver: ApiServer, ns: str) -> None:
    group = f"{ns}.example.com"
    crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
           "metadata": {"name": f"apiwidgets.{group}"},
           "spec": {"group": group, "scope": "Namespaced",
                    "names": {"plural": "apiwidgets", "singular": "apiwidget", "kind": "Widget"},
                    "versions": [{"name": "v1", "served": True, "storage": True, "subresources": {"status": {}},
                                  "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                                      "spec": {"type": "object", "properties": {
                                          "size": {"type": "integer", "minimum": 1}}}}}}}]}}
    status, body = apiserver.request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
    assert status == 201, body
    path = f"/apis/{group}/v1/namespaces/{ns}/apiwidgets"
    widget = {"apiVersion": f"{group}/v1", "kind": "Widget", "metadata": {"name": "w1"}, "spec": {"size": 3}}
    status, created = apiserver.request("POST", path, widget)
    assert status == 201 and created["spec"] == {"size": 3}
    status, refused = apiserver.request("POST", path, {**widget, "metadata": {"name": "w2"}, "spec": {"size": 0}})
    assert status == 422 and "spec.size" in refused["message"]
    assert [i["metadata"]["name"] for i in apiserver.request("GET", path)[1]["items"]] == ["w1"]


def test_objects_live_under_registry_keys(apiserver: ApiServer, ns: str) -> None:
    apiserver.request("POST", f"/api/v1/namespaces/{ns}/configmaps", configmap("keyed"))
    etcd = apiserver.etcd
    context = ssl.create_default_context(cafile=etcd.client_tls.ca)
    context.load_cert_chain(etcd.client_tls.cert, etcd.client_tls.key)
    import base64

    key = base64.b64encode(f"/registry/configmaps/{ns}/keyed".encode()).decode()
    request = urllib.request.Request(etcd.url + "/v3/kv/range", data=json.dumps({"key": key}).encode(), method="POST")
    with urllib.request.urlopen(request, context=context, timeout=5) as response:
        answer = json.loads(response.read())
    stored = json.loads(base64.b64decode(answer["kvs"][0]["value"]))
    assert stored["metadata"]["name"] == "keyed" and "resourceVersion" not in stored["metadata"]


def test_finalizers_hold_a_deletion_until_removed(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    apiserver.request("POST", path, {**configmap("held"), "metadata": {"name": "held", "finalizers": ["example/x"]}})
    status, marked = apiserver.request("DELETE", f"{path}/held")
    assert status == 200 and marked["metadata"]["deletionTimestamp"]
    assert apiserver.request("GET", f"{path}/held")[0] == 200
    status, released = apiserver.request("PATCH", f"{path}/held", {"metadata": {"finalizers": None}},
                                         content_type="application/merge-patch+json")
    assert status == 200
    assert apiserver.request("GET", f"{path}/held")[0] == 404


def test_delete_collection_by_label(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    for name, tier in (("a", "web"), ("b", "web"), ("c", "db")):
        apiserver.request("POST", path, {**configmap(name), "metadata": {"name": name, "labels": {"tier": tier}}})
    status, deleted = apiserver.request("DELETE", f"{path}?labelSelector=tier%3Dweb")
    assert status == 200 and sorted(item["metadata"]["name"] for item in deleted["items"]) == ["a", "b"]
    assert [item["metadata"]["name"] for item in apiserver.request("GET", path)[1]["items"]] == ["c"]


def test_list_at_an_exact_past_resource_version(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    version = apiserver.request("POST", path, configmap("then"))[1]["metadata"]["resourceVersion"]
    apiserver.request("POST", path, configmap("later"))
    status, past = apiserver.request("GET", f"{path}?resourceVersion={version}&resourceVersionMatch=Exact")
    assert status == 200 and [item["metadata"]["name"] for item in past["items"]] == ["then"]
    assert past["metadata"]["resourceVersion"] == version
    assert len(apiserver.request("GET", path)[1]["items"]) == 2


def test_one_stored_event_two_served_versions(apiserver: ApiServer, ns: str) -> None:
    core = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e1"},
            "involvedObject": {"kind": "Pod", "name": "web", "namespace": ns}, "reason": "Started",
            "message": "Started container", "type": "Normal", "source": {"component": "kubelet"}, "count": 2,
            "firstTimestamp": "2026-01-01T00:00:00Z", "lastTimestamp": "2026-01-01T00:01:00Z"}
    assert apiserver.request("POST", f"/api/v1/namespaces/{ns}/events", core)[0] == 201
    status, new = apiserver.request("GET", f"/apis/events.k8s.io/v1/namespaces/{ns}/events/e1")
    assert status == 200 and new["apiVersion"] == "events.k8s.io/v1"
    assert (new["regarding"]["name"], new["note"], new["deprecatedCount"]) == ("web", "Started container", 2)
    later = {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e2"},
             "eventTime": "2026-01-01T00:02:00.000000Z", "reportingController": "example.com/ctl",
             "reportingInstance": "ctl-1", "action": "Scaled", "reason": "Scaled", "type": "Normal",
             "regarding": {"kind": "Deployment", "name": "web", "namespace": ns}, "note": "scaled up"}
    status, body = apiserver.request("POST", f"/apis/events.k8s.io/v1/namespaces/{ns}/events", later)
    assert status == 201, body
    status, old = apiserver.request("GET", f"/api/v1/namespaces/{ns}/events/e2")
    assert status == 200 and (old["involvedObject"]["kind"], old["message"]) == ("Deployment", "scaled up")
    names = [e["metadata"]["name"] for e in apiserver.request("GET", f"/apis/events.k8s.io/v1/namespaces/{ns}/events")
             [1]["items"]]
    assert names == ["e1", "e2"]


def test_autoscaling_v1_reads_and_writes_v2_objects(apiserver: ApiServer, ns: str) -> None:
    hpa = {"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "web"},
           "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                    "minReplicas": 1, "maxReplicas": 5, "targetCPUUtilizationPercentage": 60}}
    status, created = apiserver.request("POST", f"/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers", hpa)
    assert status == 201 and created["spec"]["targetCPUUtilizationPercentage"] == 60, created
    status, v2 = apiserver.request("GET", f"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers/web")
    assert status == 200 and v2["spec"]["metrics"] == [
        {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}}}]


def test_duplicate_fields_are_a_strict_decoding_error(apiserver: ApiServer, ns: str) -> None:
    body = b'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","name":"dup"},"data":{"a":"1"}}'
    status, refused = apiserver.request("POST", f"/api/v1/namespaces/{ns}/configmaps", body)
    assert status == 400 and 'duplicate field "metadata.name"' in refused["message"], refused
    assert apiserver.request("POST", f"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Ignore", body)[0] == 201


def test_a_body_over_three_megabytes_is_refused(apiserver: ApiServer, ns: str) -> None:
    status, refused = apiserver.request("POST", f"/api/v1/namespaces/{ns}/configmaps",
                                        configmap("huge", blob="x" * (3 * 1024 * 1024)))
    assert status == 413 and refused["message"] == "Request entity too large: limit is 3145728"


def test_delete_options_dry_run_deletes_nothing(apiserver: ApiServer, ns: str) -> None:
    path = f"/api/v1/namespaces/{ns}/configmaps"
    apiserver.request("POST", path, configmap("kept"))
    status, _ = apiserver.request("DELETE", f"{path}/kept", {"kind": "DeleteOptions", "apiVersion": "v1",
                                                             "dryRun": ["All"]})
    assert status == 200 and apiserver.request("GET", f"{path}/kept")[0] == 200


def test_objects_in_a_namespace_created_just_before(apiserver: ApiServer) -> None:
    """Create a namespace, its service account and a pod back to back: admission must see each new object."""
    for round_ in range(20):
        name = f"quick-{uuid.uuid4().hex[:8]}"
        assert apiserver.request("POST", "/api/v1/namespaces", {"metadata": {"name": name}})[0] == 201
        status, body = apiserver.request("POST", f"/api/v1/namespaces/{name}/serviceaccounts",
                                         {"metadata": {"name": "default"}})
        assert status == 201, (round_, body)
        status, body = apiserver.request("POST", f"/api/v1/namespaces/{name}/pods", {
            "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
        assert status == 201, (round_, body)
