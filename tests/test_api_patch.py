"""JSON patch, merge patch and strategic merge patch as the apiserver applies them: kubectl's real request bodies
(../shared/reference/kubectl-1.32/protocol-appendix.md), apimachinery's strategicpatch semantics, the Status
errors a client sees, and the three-way patch kubectl's client-side apply builds."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minikube_py.api.errors import StatusError
from minikube_py.api.patch import json_patch, merge_patch, strategic

DEPLOYMENT = "io.k8s.api.apps.v1.Deployment"
POD = "io.k8s.api.core.v1.Pod"


def deployment(**spec_changes) -> dict:
    spec = {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "nginx", "image": "nginx",
                                                  "ports": [{"containerPort": 80, "protocol": "TCP"}],
                                                  "env": [{"name": "A", "value": "1"}]}]}}}
    spec.update(spec_changes)
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}, "finalizers": ["a/x"]},
            "spec": spec}


def containers(obj: dict) -> list:
    return obj["spec"]["template"]["spec"]["containers"]


# --- JSON patch ----------------------------------------------------------------------------------------------


def test_json_patch_kubectl_body_and_input_untouched():
    live = deployment()
    before = copy.deepcopy(live)
    out = json_patch.apply(live, [{"op": "replace", "path": "/spec/replicas", "value": 1}])
    assert out["spec"]["replicas"] == 1 and live == before
    out["spec"]["template"]["spec"]["containers"][0]["image"] = "changed"
    assert live == before


@pytest.mark.parametrize("operations, check", [
    ([{"op": "add", "path": "/metadata/labels/a~1b", "value": "x"}], lambda o: o["metadata"]["labels"]["a/b"] == "x"),
    ([{"op": "add", "path": "/metadata/labels/t~0", "value": "y"}], lambda o: o["metadata"]["labels"]["t~"] == "y"),
    ([{"op": "add", "path": "/metadata/finalizers/-", "value": "b"}], lambda o: o["metadata"]["finalizers"] ==
     ["a/x", "b"]),
    ([{"op": "add", "path": "/metadata/finalizers/0", "value": "b"}], lambda o: o["metadata"]["finalizers"] ==
     ["b", "a/x"]),
    ([{"op": "add", "path": "/metadata/finalizers/1", "value": "b"}], lambda o: o["metadata"]["finalizers"] ==
     ["a/x", "b"]),
    ([{"op": "add", "path": "/metadata/finalizers/-1", "value": "b"}], lambda o: o["metadata"]["finalizers"] ==
     ["a/x", "b"]),
    ([{"op": "replace", "path": "/metadata/finalizers/-1", "value": "b"}], lambda o: o["metadata"]["finalizers"] ==
     ["b"]),
    ([{"op": "remove", "path": "/metadata/labels/app"}], lambda o: o["metadata"]["labels"] == {}),
    ([{"op": "remove", "path": "/spec/template/spec/containers/0/env/0"}],
     lambda o: containers(o)[0]["env"] == []),
    ([{"op": "move", "from": "/metadata/labels", "path": "/metadata/annotations"}],
     lambda o: o["metadata"]["annotations"] == {"app": "web"} and "labels" not in o["metadata"]),
    ([{"op": "copy", "from": "/metadata/labels", "path": "/spec/template/metadata/annotations"}],
     lambda o: o["spec"]["template"]["metadata"]["annotations"] == {"app": "web"}),
    ([{"op": "test", "path": "/spec/replicas", "value": 1.0}, {"op": "replace", "path": "/spec/replicas",
                                                              "value": 4}], lambda o: o["spec"]["replicas"] == 4),
    ([{"op": "test", "path": "/metadata/missing", "value": None}], lambda o: True),
])
def test_json_patch_operations(operations, check):
    assert check(json_patch.apply(deployment(), operations))


@pytest.mark.parametrize("operations", [
    [{"op": "test", "path": "/spec/replicas", "value": 2}],
    [{"op": "test", "path": "/spec/paused", "value": 1}],
    [{"op": "remove", "path": "/spec/nothing"}],
    [{"op": "replace", "path": "/spec/nothing", "value": 1}],
    [{"op": "add", "path": "/spec/missing/deeper", "value": 1}],
    [{"op": "add", "path": "/metadata/finalizers/5", "value": "b"}],
    [{"op": "remove", "path": "/metadata/finalizers/x"}],
    [{"op": "frobnicate", "path": "/spec"}],
    [{"path": "/spec"}],
    [{"op": "add", "value": 1}],
    [{"op": "add", "path": "/spec/replicas"}],
    [{"op": "move", "from": "/spec/nothing", "path": "/spec/x"}],
    [{"op": "replace", "path": "", "value": {}}],
    [{"op": "test", "path": "", "value": {}}],
    [{"op": "add", "path": "/metadata/finalizers/-3", "value": "b"}],
])
def test_json_patch_failures_are_the_apiservers_422(operations):
    with pytest.raises(StatusError) as caught:
        json_patch.apply(deployment(), operations)
    assert caught.value.code == 422 and caught.value.reason == "Invalid"
    assert caught.value.message == "the server rejected our request due to an error in our request"


def test_json_patch_failed_test_keeps_the_library_text_as_cause():
    with pytest.raises(StatusError) as caught:
        json_patch.apply(deployment(), [{"op": "test", "path": "/spec/replicas", "value": 2}])
    assert str(caught.value.__cause__) == "testing value /spec/replicas failed: test failed"


@pytest.mark.parametrize("body, message", [
    ({"op": "add"}, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
    (["x"], "json: cannot unmarshal string into Go value of type jsonpatch.Operation"),
])
def test_json_patch_undecodable_body_is_400(body, message):
    with pytest.raises(StatusError) as caught:
        json_patch.apply(deployment(), body)
    assert (caught.value.code, caught.value.message) == (400, message)


def test_json_patch_too_many_operations_is_413():
    with pytest.raises(StatusError) as caught:
        json_patch.apply({}, [{"op": "test", "path": "", "value": {}}] * 10001)
    assert caught.value.code == 413
    assert caught.value.message.endswith("The allowed maximum operations in a JSON patch is 10000, got 10001")


# --- merge patch ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("body, check", [
    ({"metadata": {"labels": {"a": "b"}}}, lambda o: o["metadata"]["labels"] == {"app": "web", "a": "b"}),
    ({"metadata": {"annotations": {"note": "hello"}}}, lambda o: o["metadata"]["annotations"] == {"note": "hello"}),
    ({"spec": {"replicas": 5}}, lambda o: o["spec"]["replicas"] == 5),
    ({"metadata": {"labels": {"app": None}}}, lambda o: o["metadata"]["labels"] == {}),
    ({"spec": {"strategy": None}}, lambda o: "strategy" not in o["spec"]),
    ({"spec": {"template": {"spec": {"containers": [{"name": "only"}]}}}},
     lambda o: containers(o) == [{"name": "only"}]),
    ({"spec": {"new": {"a": None, "b": 1}}}, lambda o: o["spec"]["new"] == {"b": 1}),
])
def test_merge_patch(body, check):
    live = deployment()
    before = copy.deepcopy(live)
    assert check(merge_patch.apply(live, body))
    assert live == before


def test_merge_patch_non_object_body_is_400():
    with pytest.raises(StatusError) as caught:
        merge_patch.apply(deployment(), [1])
    assert caught.value.code == 400
    assert caught.value.message == ("error decoding patch: json: cannot unmarshal array into Go value of type "
                                    "map[string]interface {}")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3),
    max_leaves=12)
objects_without_nulls = st.dictionaries(
    st.sampled_from("abcd"),
    st.recursive(st.booleans() | st.integers(-5, 5) | st.text(max_size=3),
                 lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from("abcd"), children,
                                                                                   max_size=3),
                 max_leaves=10), max_size=4)


@given(json_values.filter(lambda v: isinstance(v, dict)) | objects_without_nulls, objects_without_nulls)
def test_merge_patch_of_the_difference_rebuilds_the_target(original, target):
    assert merge_patch.apply(original, merge_patch.create(original, target)) == target


# --- strategic merge patch: kubectl's captured bodies --------------------------------------------------------


def test_set_image_body_keeps_other_fields_of_the_container():
    body = {"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "nginx"}],
                                           "containers": [{"image": "nginx:1.27", "name": "nginx"}]}}}}
    out = strategic.apply(deployment(), body, DEPLOYMENT)
    assert containers(out) == [{"name": "nginx", "image": "nginx:1.27",
                                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                                "env": [{"name": "A", "value": "1"}]}]


def test_set_env_body_merges_env_by_name():
    body = {"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "nginx"}],
                                           "containers": [{"env": [{"name": "FOO", "value": "bar"}],
                                                           "name": "nginx"}]}}}}
    out = strategic.apply(deployment(), body, DEPLOYMENT)
    assert containers(out)[0]["env"] == [{"name": "FOO", "value": "bar"}, {"name": "A", "value": "1"}]


def test_rollout_restart_body_adds_the_template_annotation():
    body = {"spec": {"template": {"metadata": {"annotations": {
        "kubectl.kubernetes.io/restartedAt": "2026-11-22T08:53:23Z"}}}}}
    out = strategic.apply(deployment(), body, DEPLOYMENT)
    assert out["spec"]["template"]["metadata"] == {"labels": {"app": "web"}, "annotations": {
        "kubectl.kubernetes.io/restartedAt": "2026-11-22T08:53:23Z"}}


def test_patch_replicas_and_cordon_bodies():
    assert strategic.apply(deployment(), {"spec": {"replicas": 2}}, DEPLOYMENT)["spec"]["replicas"] == 2
    node = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"}, "spec": {}}
    assert strategic.apply(node, {"spec": {"unschedulable": True}}, "io.k8s.api.core.v1.Node")["spec"] == {
        "unschedulable": True}


def test_client_side_apply_body_from_three_way_round_trips():
    last = deployment()
    modified = deployment(replicas=3)
    containers(modified)[0]["image"] = "nginx:1.27"
    del containers(modified)[0]["env"]
    modified["metadata"]["annotations"] = {"kubectl.kubernetes.io/last-applied-configuration": json.dumps(modified)}
    live = deployment()
    live["status"] = {"replicas": 1}
    containers(live)[0]["imagePullPolicy"] = "Always"
    containers(live).append({"name": "sidecar", "image": "envoy"})
    body = strategic.three_way(last, modified, live, DEPLOYMENT)
    assert body["spec"]["replicas"] == 3
    assert body["spec"]["template"]["spec"]["$setElementOrder/containers"] == [{"name": "nginx"}]
    assert body["spec"]["template"]["spec"]["containers"] == [{"image": "nginx:1.27", "env": None, "name": "nginx"}]
    out = strategic.apply(live, json.loads(json.dumps(body)), DEPLOYMENT)
    assert [c["name"] for c in containers(out)] == ["nginx", "sidecar"]
    assert containers(out)[0] == {"name": "nginx", "image": "nginx:1.27", "imagePullPolicy": "Always",
                                  "ports": [{"containerPort": 80, "protocol": "TCP"}]}
    assert out["status"] == {"replicas": 1} and out["spec"]["replicas"] == 3


def test_three_way_is_empty_when_nothing_changed():
    assert strategic.three_way(deployment(), deployment(), deployment(), DEPLOYMENT) == {}


def test_three_way_removes_a_container_that_left_the_configuration():
    last = deployment()
    containers(last).append({"name": "b", "image": "b"})
    body = strategic.three_way(last, deployment(), last, DEPLOYMENT)
    assert body["spec"]["template"]["spec"]["containers"] == [{"$patch": "delete", "name": "b"}]
    assert [c["name"] for c in containers(strategic.apply(last, body, DEPLOYMENT))] == ["nginx"]


def test_three_way_without_schema_is_a_json_merge_patch():
    last = {"spec": {"a": 1, "b": 2}}
    body = strategic.three_way(last, {"spec": {"a": 2}}, {"spec": {"a": 1, "b": 2, "c": 3}}, None)
    assert body == {"spec": {"a": 2, "b": None}}


# --- strategic merge patch: apimachinery semantics -----------------------------------------------------------


CASES = [
    # (name, patch, check on the result)
    ("new container is merged by name, new items first",
     {"spec": {"template": {"spec": {"containers": [{"name": "side", "image": "busybox"}]}}}},
     lambda o: [c["name"] for c in containers(o)] == ["side", "nginx"]),
    ("$patch delete removes by merge key",
     {"spec": {"template": {"spec": {"containers": [{"name": "nginx", "$patch": "delete"}]}}}},
     lambda o: containers(o) == []),
    ("$patch replace on a list replaces it",
     {"spec": {"template": {"spec": {"containers": [{"name": "x", "image": "y"}, {"$patch": "replace"}]}}}},
     lambda o: containers(o) == [{"name": "x", "image": "y"}]),
    ("$patch replace on a map replaces it",
     {"metadata": {"labels": {"$patch": "replace", "new": "1"}}},
     lambda o: o["metadata"]["labels"] == {"new": "1"}),
    ("$patch delete on a map empties it",
     {"metadata": {"labels": {"$patch": "delete"}}}, lambda o: o["metadata"]["labels"] == {}),
    ("ports merged by containerPort",
     {"spec": {"template": {"spec": {"containers": [{"name": "nginx", "ports": [{"containerPort": 443}]}]}}}},
     lambda o: [p["containerPort"] for p in containers(o)[0]["ports"]] == [443, 80]),
    ("finalizers merge as a set",
     {"metadata": {"finalizers": ["b/y", "a/x"]}}, lambda o: o["metadata"]["finalizers"] == ["b/y", "a/x"]),
    ("$deleteFromPrimitiveList removes set members",
     {"metadata": {"$deleteFromPrimitiveList/finalizers": ["a/x"]}}, lambda o: o["metadata"]["finalizers"] == []),
    ("null deletes a field", {"spec": {"strategy": None}}, lambda o: "strategy" not in o["spec"]),
    ("null in a new map is dropped", {"spec": {"template": {"metadata": {"annotations": {"a": None, "b": "1"}}}}},
     lambda o: o["spec"]["template"]["metadata"]["annotations"] == {"b": "1"}),
    ("retainKeys drops keys the patch does not keep",
     {"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}},
     lambda o: o["spec"]["strategy"] == {"type": "Recreate"}),
    ("setElementOrder reorders the list",
     {"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "side"}, {"name": "nginx"}],
                                     "containers": [{"name": "side", "image": "b"}]}}}},
     lambda o: [c["name"] for c in containers(o)] == ["side", "nginx"]),
    ("atomic lists (tolerations) replace", {"spec": {"template": {"spec": {"tolerations": [{"key": "k"}]}}}},
     lambda o: o["spec"]["template"]["spec"]["tolerations"] == [{"key": "k"}]),
]


@pytest.mark.parametrize("name, body, check", CASES, ids=[case[0] for case in CASES])
def test_strategic_semantics(name, body, check):
    live = deployment()
    before = copy.deepcopy(live)
    assert check(strategic.apply(live, body, DEPLOYMENT))
    assert live == before


def test_volumes_merge_and_retain_keys():
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
           "spec": {"containers": [{"name": "c", "image": "i"}],
                    "volumes": [{"name": "data", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "a"}}]}}
    body = {"spec": {"volumes": [{"name": "data", "$retainKeys": ["name", "hostPath"], "hostPath": {"path": "/x"}}]}}
    out = strategic.apply(pod, body, POD)
    assert out["spec"]["volumes"] == [{"name": "data", "hostPath": {"path": "/x"}},
                                      {"name": "cfg", "configMap": {"name": "a"}}]


@pytest.mark.parametrize("body, code, message", [
    ({"spec": {"template": {"spec": {"containers": [{"image": "x"}]}}}}, 500,
     "map: map[image:x] does not contain declared merge key: name"),
    ({"spec": {"strategy": {"$retainKeys": ["type"], "rollingUpdate": {}}}}, 400,
     "invalid patch format of retainKeys"),
    ({"spec": {"strategy": {"$retainKeys": "type"}}}, 400, "invalid patch format of retainKeys"),
    ({"metadata": {"labels": {"$patch": "bogus"}}}, 500, "unknown patch type: bogus in map: map[$patch:bogus]"),
    ({"spec": {"template": {"spec": {"containers": [{"name": "n", "$patch": "merge"}]}}}}, 500,
     "merging lists cannot yet be specified in the patch"),
    ({"metadata": {"finalizers": [["x"]]}}, 500, "list element types are not identical: [[a/x] [[x]]]"),
    ({"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "a"}],
                                     "containers": [{"name": "b"}]}}}}, 500,
     "The order in patch list:\n[map[name:b]]\n doesn't match $setElementOrder list:\n[map[name:a]]\n"),
])
def test_strategic_errors_as_the_apiserver_answers(body, code, message):
    with pytest.raises(StatusError) as caught:
        strategic.apply(deployment(), body, DEPLOYMENT)
    assert (caught.value.code, caught.value.message) == (code, message)
    assert caught.value.status()["code"] == code


def test_lists_of_lists_are_422():
    live = deployment()
    live["metadata"]["finalizers"] = []
    with pytest.raises(StatusError) as caught:
        strategic.apply(live, {"metadata": {"finalizers": [["x"]]}}, DEPLOYMENT)
    assert (caught.value.code, caught.value.reason) == (422, "Invalid")


def test_custom_resources_patch_as_merge_patch_and_refuse_strategic():
    cr = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"list": [1, 2]}}
    assert strategic.apply(cr, {"spec": {"list": [3]}}, None)["spec"]["list"] == [3]
    assert not strategic.strategic_supported(None) and strategic.strategic_supported(DEPLOYMENT)
    error = strategic.unsupported_patch_type(None)
    assert error.code == 415 and error.message == (
        "the body of the request was in an unknown format - accepted media types include: "
        "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")


def test_two_way_patch_like_kubectl_set():
    live = deployment()
    changed = copy.deepcopy(live)
    containers(changed)[0]["image"] = "nginx:1.27"
    assert strategic.two_way(live, changed, DEPLOYMENT) == {"spec": {"template": {"spec": {
        "$setElementOrder/containers": [{"name": "nginx"}],
        "containers": [{"image": "nginx:1.27", "name": "nginx"}]}}}}


def test_apply_that_drops_and_adds_containers_orders_them_as_kubernetes():
    live = deployment()
    containers(live)[:] = [{"name": "a", "image": "a"}, {"name": "b", "image": "b", "tty": True},
                           {"name": "side", "image": "envoy"}]
    body = {"spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "b"}, {"name": "c"}],
                                           "containers": [{"name": "c", "image": "c"},
                                                          {"$patch": "delete", "name": "a"}]}}}}
    out = strategic.apply(live, body, DEPLOYMENT)
    assert [c["name"] for c in containers(out)] == ["b", "side", "c"]


def test_client_side_apply_of_an_object_without_the_annotation_sends_only_the_annotation():
    config = deployment()
    modified = copy.deepcopy(config)
    modified["metadata"]["annotations"] = {
        "kubectl.kubernetes.io/last-applied-configuration": json.dumps(config, sort_keys=True) + "\n"}
    live = deployment()
    live["status"] = {"replicas": 1}
    body = strategic.three_way(None, modified, live, DEPLOYMENT)
    assert body == {"metadata": {"annotations": modified["metadata"]["annotations"]}}


container_names = st.lists(st.sampled_from(["a", "b", "c", "d"]), unique=True, max_size=4)
pods = st.builds(
    lambda names, images, labels, finalizers: {
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p", "labels": labels, "finalizers": finalizers},
        "spec": {"containers": [{"name": n, "image": images.get(n, "x"), "env": [{"name": "E", "value": n}]}
                                for n in names]}},
    container_names, st.dictionaries(st.sampled_from("abcd"), st.sampled_from(["x", "y"])),
    st.dictionaries(st.sampled_from("abc"), st.sampled_from("12"), max_size=3),
    st.lists(st.sampled_from(["f/1", "f/2", "f/3"]), unique=True))


@given(pods, pods)
def test_two_way_patch_applied_to_its_original_gives_the_modified_object(original, modified):
    assert strategic.apply(original, strategic.two_way(original, modified, POD), POD) == modified


@given(pods, pods, pods)
def test_three_way_patch_brings_the_live_object_to_the_configuration(last, config, live):
    out = strategic.apply(live, strategic.three_way(last, config, live, POD), POD)
    for name, container in ((c["name"], c) for c in config["spec"]["containers"]):
        assert next(c for c in out["spec"]["containers"] if c["name"] == name) == container
    assert {k: v for k, v in out["metadata"]["labels"].items() if k in config["metadata"]["labels"]} == \
        config["metadata"]["labels"]
    assert set(config["metadata"]["finalizers"]) <= set(out["metadata"]["finalizers"])
