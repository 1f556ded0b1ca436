"""Server-side apply and managedFields: what `kubectl get -o yaml --show-managed-fields` shows after creates,
label/scale/status writes and applies, the 409 apply conflicts (message and causes as Kubernetes writes them),
`--force-conflicts`, removal of fields an applier stops applying, and the client-side to server-side upgrade."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minikube_py.api.errors import StatusError
from minikube_py.api.patch import fieldsets
from minikube_py.api.patch.apply import LAST_APPLIED, server_side_apply
from minikube_py.api.patch.managed_fields import record_update

DEPLOYMENT = "io.k8s.api.apps.v1.Deployment"
T0, T1, T2, T3 = "2026-12-07T10:00:00Z", "2026-12-07T10:01:00Z", "2026-12-07T10:02:00Z", "2026-12-07T10:03:00Z"


def deployment(replicas=1, image="nginx", labels=None, containers=None) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default", "labels": labels or {"app": "web"}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": containers or [{"name": "nginx", "image": image}]}}}}


def entries(obj: dict) -> list[tuple]:
    return [(e["manager"], e["operation"], e["apiVersion"], e.get("subresource", ""))
            for e in obj["metadata"]["managedFields"]]


def fields(obj: dict, manager: str, operation: str | None = None) -> dict:
    return next(e["fieldsV1"] for e in obj["metadata"]["managedFields"]
                if e["manager"] == manager and operation in (None, e["operation"]))


def conflict_of(call) -> StatusError:
    with pytest.raises(StatusError) as caught:
        call()
    assert caught.value.code == 409 and caught.value.reason == "Conflict"
    return caught.value


# --- non-apply writes -----------------------------------------------------------------------------------------


def test_kubectl_run_pod_entry_is_what_kubernetes_records():
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "nginx", "namespace": "default", "labels": {"run": "nginx"},
                        "creationTimestamp": T0, "uid": "u"},
           "spec": {"containers": [{"name": "nginx", "image": "nginx", "imagePullPolicy": "Always", "resources": {},
                                    "terminationMessagePath": "/dev/termination-log",
                                    "terminationMessagePolicy": "File"}],
                    "dnsPolicy": "ClusterFirst", "enableServiceLinks": True, "restartPolicy": "Always",
                    "schedulerName": "default-scheduler", "securityContext": {}, "terminationGracePeriodSeconds": 30},
           "status": {"phase": "Pending"}}
    record_update(None, pod, "kubectl-run", "Update", "v1", T0)
    assert pod["metadata"]["managedFields"] == [{
        "manager": "kubectl-run", "operation": "Update", "apiVersion": "v1", "time": T0, "fieldsType": "FieldsV1",
        "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:run": {}}},
                     "f:spec": {"f:containers": {'k:{"name":"nginx"}': {
                         ".": {}, "f:image": {}, "f:imagePullPolicy": {}, "f:name": {}, "f:resources": {},
                         "f:terminationMessagePath": {}, "f:terminationMessagePolicy": {}}},
                         "f:dnsPolicy": {}, "f:enableServiceLinks": {}, "f:restartPolicy": {}, "f:schedulerName": {},
                         "f:securityContext": {}, "f:terminationGracePeriodSeconds": {}}}}]


def test_deployment_create_has_no_member_marks_on_value_structs():
    obj = deployment()
    obj["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%"}}
    record_update(None, obj, "kubectl-create", "Update", "apps/v1", T0)
    spec = fields(obj, "kubectl-create")["f:spec"]
    assert spec["f:strategy"] == {"f:rollingUpdate": {".": {}, "f:maxSurge": {}}, "f:type": {}}
    assert spec["f:template"]["f:metadata"] == {"f:labels": {".": {}, "f:app": {}}}
    assert spec["f:selector"] == {}


def test_null_creation_timestamp_of_a_template_is_not_a_change():
    obj = deployment()
    obj["spec"]["template"]["metadata"]["creationTimestamp"] = None
    record_update(None, obj, "kubectl-create", "Update", "apps/v1", T0)
    assert fields(obj, "kubectl-create")["f:spec"]["f:template"]["f:metadata"] == {"f:labels": {".": {}, "f:app": {}}}


def test_label_write_takes_the_changed_fields_and_keeps_one_entry_per_manager():
    old = deployment()
    record_update(None, old, "kubectl-create", "Update", "apps/v1", T0)
    new = copy.deepcopy(old)
    new["metadata"]["labels"]["app"] = "other"
    new["metadata"]["labels"]["tier"] = "a"
    record_update(old, new, "kubectl-label", "Update", "apps/v1", T1)
    assert entries(new) == [("kubectl-create", "Update", "apps/v1", ""), ("kubectl-label", "Update", "apps/v1", "")]
    assert fields(new, "kubectl-label") == {"f:metadata": {"f:labels": {"f:app": {}, "f:tier": {}}}}
    assert fields(new, "kubectl-create")["f:metadata"] == {"f:labels": {}}
    again = copy.deepcopy(new)
    again["metadata"]["labels"]["x"] = "y"
    record_update(new, again, "kubectl-label", "Update", "apps/v1", T2)
    assert fields(again, "kubectl-label") == {"f:metadata": {"f:labels": {"f:app": {}, "f:tier": {}, "f:x": {}}}}
    assert [e["time"] for e in again["metadata"]["managedFields"]] == [T0, T2]


def test_write_that_changes_nothing_keeps_the_entries():
    old = deployment()
    record_update(None, old, "kubectl-create", "Update", "apps/v1", T0)
    new = copy.deepcopy(old)
    record_update(old, new, "someone", "Update", "apps/v1", T1)
    assert new["metadata"]["managedFields"] == old["metadata"]["managedFields"]


def test_removed_fields_leave_every_manager():
    old = deployment(labels={"app": "web", "tier": "a"})
    record_update(None, old, "kubectl-create", "Update", "apps/v1", T0)
    new = copy.deepcopy(old)
    del new["metadata"]["labels"]["tier"]
    record_update(old, new, "kubectl-label", "Update", "apps/v1", T1)
    assert entries(new) == [("kubectl-create", "Update", "apps/v1", "")]
    assert fields(new, "kubectl-create")["f:metadata"] == {"f:labels": {".": {}, "f:app": {}}}


def test_status_writes_belong_to_the_status_subresource_only():
    old = deployment()
    record_update(None, old, "kubectl-create", "Update", "apps/v1", T0)
    new = copy.deepcopy(old)
    new["status"] = {"replicas": 1}
    record_update(old, new, "kube-controller-manager", "Update", "apps/v1", T1, subresource="status")
    assert entries(new)[-1] == ("kube-controller-manager", "Update", "apps/v1", "status")
    assert fields(new, "kube-controller-manager") == {"f:status": {"f:replicas": {}}}
    main = copy.deepcopy(new)
    main["status"]["replicas"] = 5
    record_update(new, main, "sneaky", "Update", "apps/v1", T2)
    assert "sneaky" not in [e[0] for e in entries(main)]


def test_clients_can_reset_managed_fields_and_not_lose_them_by_omission():
    old = deployment()
    record_update(None, old, "kubectl-create", "Update", "apps/v1", T0)
    omitted = copy.deepcopy(old)
    del omitted["metadata"]["managedFields"]
    record_update(old, omitted, "kubectl-replace", "Update", "apps/v1", T1)
    assert entries(omitted) == [("kubectl-create", "Update", "apps/v1", "")]
    for reset in ([{}], []):
        cleared = copy.deepcopy(old)
        cleared["metadata"]["managedFields"] = reset
        record_update(old, cleared, "kubectl-patch", "Update", "apps/v1", T1)
        assert "managedFields" not in cleared["metadata"]


def test_custom_resources_track_every_map_as_a_member():
    cr = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"size": {"a": 1}}}
    record_update(None, cr, "kubectl-create", "Update", "example.com/v1", T0)
    assert fields(cr, "kubectl-create") == {"f:spec": {".": {}, "f:size": {".": {}, "f:a": {}}}}


# --- server-side apply ------------------------------------------------------------------------------------------


def test_apply_creates_with_an_apply_entry():
    out = server_side_apply(None, deployment(), "kubectl", False, DEPLOYMENT, T0)
    assert entries(out) == [("kubectl", "Apply", "apps/v1", "")]
    assert fields(out, "kubectl") == {
        "f:metadata": {"f:labels": {"f:app": {}}},
        "f:spec": {"f:replicas": {}, "f:selector": {}, "f:template": {
            "f:metadata": {"f:labels": {"f:app": {}}},
            "f:spec": {"f:containers": {'k:{"name":"nginx"}': {".": {}, "f:image": {}, "f:name": {}}}}}}}
    assert out["spec"] == deployment()["spec"]


def test_kubectl_create_then_apply_server_side_shares_equal_fields_and_conflicts_on_changes():
    live = deployment()
    record_update(None, live, "kubectl-create", "Update", "apps/v1", T0)
    same = server_side_apply(live, deployment(), "kubectl", False, DEPLOYMENT, T1)
    assert entries(same) == [("kubectl", "Apply", "apps/v1", ""), ("kubectl-create", "Update", "apps/v1", "")]
    error = conflict_of(lambda: server_side_apply(same, deployment(replicas=3), "kubectl", False, DEPLOYMENT, T2))
    assert error.message == ('Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: '
                             '.spec.replicas')
    assert error.details == {"causes": [{"reason": "FieldManagerConflict",
                                         "message": 'conflict with "kubectl-create" using apps/v1',
                                         "field": ".spec.replicas"}]}
    assert error.status()["details"]["causes"][0]["field"] == ".spec.replicas"


def test_two_appliers_conflict_and_force_moves_the_fields():
    first = server_side_apply(None, deployment(), "ci", False, DEPLOYMENT, T0)
    error = conflict_of(lambda: server_side_apply(first, deployment(replicas=3, image="nginx:2"), "me", False,
                                                  DEPLOYMENT, T1))
    assert error.message == ('Apply failed with 2 conflicts: conflicts with "ci":\n- .spec.replicas\n'
                             '- .spec.template.spec.containers[name="nginx"].image')
    assert [cause["field"] for cause in error.details["causes"]] == [
        ".spec.replicas", '.spec.template.spec.containers[name="nginx"].image']
    forced = server_side_apply(first, deployment(replicas=3, image="nginx:2"), "me", True, DEPLOYMENT, T1)
    assert forced["spec"]["replicas"] == 3
    assert "f:replicas" not in fields(forced, "ci")["f:spec"]
    assert "f:replicas" in fields(forced, "me")["f:spec"]
    assert fields(forced, "ci")["f:spec"]["f:template"]["f:spec"]["f:containers"] == {
        'k:{"name":"nginx"}': {".": {}, "f:name": {}}}


def test_kubectl_scale_then_apply_conflicts_with_the_scale_subresource():
    live = server_side_apply(None, deployment(), "kubectl", False, DEPLOYMENT, T0)
    scaled = copy.deepcopy(live)
    scaled["spec"]["replicas"] = 5
    record_update(live, scaled, "kubectl", "Update", "apps/v1", T1, subresource="scale")
    assert ("kubectl", "Update", "apps/v1", "scale") in entries(scaled)
    assert "f:replicas" not in fields(scaled, "kubectl", "Apply")["f:spec"]
    error = conflict_of(lambda: server_side_apply(scaled, deployment(replicas=2), "kubectl", False, DEPLOYMENT, T2))
    assert error.message == ('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using '
                             'apps/v1: .spec.replicas')


def test_fields_no_longer_applied_are_removed_unless_someone_else_owns_them():
    first = server_side_apply(None, deployment(labels={"app": "web", "tier": "a", "team": "x"}), "me", False,
                              DEPLOYMENT, T0)
    shared = copy.deepcopy(first)
    shared["metadata"]["labels"]["team"] = "y"
    record_update(first, shared, "kubectl-label", "Update", "apps/v1", T1)
    second = server_side_apply(shared, deployment(), "me", False, DEPLOYMENT, T2)
    assert second["metadata"]["labels"] == {"app": "web", "team": "y"}
    assert first["metadata"]["labels"] == {"app": "web", "tier": "a", "team": "x"}


def test_dropped_container_is_removed_and_kept_containers_merge_by_name():
    two = [{"name": "nginx", "image": "nginx"}, {"name": "sidecar", "image": "envoy"}]
    first = server_side_apply(None, deployment(containers=two), "me", False, DEPLOYMENT, T0)
    live = copy.deepcopy(first)
    live["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = "Always"
    record_update(first, live, "defaulter", "Update", "apps/v1", T1)
    second = server_side_apply(live, deployment(image="nginx:2"), "me", False, DEPLOYMENT, T2)
    assert second["spec"]["template"]["spec"]["containers"] == [
        {"name": "nginx", "image": "nginx:2", "imagePullPolicy": "Always"}]


def test_apply_with_the_same_configuration_is_stable():
    first = server_side_apply(None, deployment(), "me", False, DEPLOYMENT, T0)
    second = server_side_apply(first, deployment(), "me", False, DEPLOYMENT, T1)
    assert {k: v for k, v in second.items() if k != "metadata"} == {k: v for k, v in first.items() if k != "metadata"}
    assert fields(second, "me") == fields(first, "me")


def test_client_side_apply_objects_move_to_server_side_apply_without_conflicts():
    configuration = deployment()
    created = copy.deepcopy(configuration)
    created["metadata"]["annotations"] = {LAST_APPLIED: json.dumps(configuration)}
    record_update(None, created, "kubectl-client-side-apply", "Update", "apps/v1", T0)
    upgraded = server_side_apply(created, deployment(replicas=3), "kubectl", False, DEPLOYMENT, T1)
    assert upgraded["spec"]["replicas"] == 3
    assert json.loads(upgraded["metadata"]["annotations"][LAST_APPLIED])["spec"]["replicas"] == 3
    error = conflict_of(lambda: server_side_apply(created, deployment(replicas=3), "ci", False, DEPLOYMENT, T1))
    assert error.message == ('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using '
                             'apps/v1: .spec.replicas')
    drifted = copy.deepcopy(created)
    drifted["spec"]["replicas"] = 7
    record_update(created, drifted, "kubectl-edit", "Update", "apps/v1", T2)
    error = conflict_of(lambda: server_side_apply(drifted, deployment(replicas=3), "kubectl", False, DEPLOYMENT, T3))
    assert error.message.endswith('conflict with "kubectl-edit" using apps/v1: .spec.replicas')


@pytest.mark.parametrize("configuration, message", [
    ({**deployment(), "apiVersion": "apps/v1beta1"},
     "Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1"),
    ({**deployment(), "metadata": {"name": "web", "managedFields": []}}, "metadata.managedFields must be nil"),
])
def test_refused_configurations_are_400(configuration, message):
    with pytest.raises(StatusError) as caught:
        server_side_apply(None, configuration, "me", False, DEPLOYMENT, T0, api_version="apps/v1")
    assert (caught.value.code, caught.value.message) == (400, message)


def test_keyed_list_item_without_its_key_is_refused():
    with pytest.raises(StatusError) as caught:
        server_side_apply(None, deployment(containers=[{"image": "nginx"}]), "me", False, DEPLOYMENT, T0)
    assert caught.value.code == 500
    assert caught.value.message == ('failed to create typed patch object (default/web; apps/v1, Kind=Deployment): '
                                    '.spec.template.spec.containers: element 0: associative list with keys has an '
                                    'element that omits key field "name" (and doesn\'t have default value)')


def test_writes_the_schema_cannot_type_keep_the_live_entries():
    old = deployment()
    record_update(None, old, "kubectl-create", "Update", "apps/v1", T0)
    new = copy.deepcopy(old)
    new["spec"]["template"]["spec"]["containers"] = [{"image": "nginx"}]
    record_update(old, new, "kubectl-edit", "Update", "apps/v1", T1)
    assert new["metadata"]["managedFields"] == old["metadata"]["managedFields"]


def test_ports_key_on_port_and_defaulted_protocol():
    containers = [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80}]}]
    out = server_side_apply(None, deployment(containers=containers), "me", False, DEPLOYMENT, T0)
    ports = fields(out, "me")["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"nginx"}']["f:ports"]
    assert ports == {'k:{"containerPort":80,"protocol":"TCP"}': {".": {}, "f:containerPort": {}}}


def test_entries_are_ordered_as_the_apiserver_stores_them():
    live = deployment()
    record_update(None, live, "z-creator", "Update", "apps/v1", T1)
    out = server_side_apply(live, deployment(), "a-applier", False, DEPLOYMENT, T2)
    later = copy.deepcopy(out)
    later["metadata"]["labels"]["x"] = "1"
    record_update(out, later, "b-labeler", "Update", "apps/v1", T0)
    assert [e[0] for e in entries(later)] == ["a-applier", "b-labeler", "z-creator"]


labels = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["1", "2"]), min_size=1)


@given(labels, labels, labels)
def test_an_applier_ends_up_owning_exactly_what_it_applied(first, second, third):
    obj = None
    for step, applied_labels in enumerate((first, second, third)):
        obj = server_side_apply(obj, deployment(labels=applied_labels), "me", False, DEPLOYMENT, f"t{step}")
        assert obj["metadata"]["labels"] == applied_labels
        owned = fields(obj, "me")["f:metadata"]["f:labels"]
        assert owned == {f"f:{key}": {} for key in sorted(applied_labels)}


def test_field_paths_print_as_kubernetes_prints_them():
    path = ("f:spec", "f:ports", 'k:{"port":80,"protocol":"TCP"}', "f:targetPort")
    assert fieldsets.path_text(path) == '.spec.ports[port=80,protocol="TCP"].targetPort'
    assert fieldsets.path_text(("f:metadata", "f:finalizers", 'v:"a/b"')) == '.metadata.finalizers[="a/b"]'


def test_more_than_ten_updaters_fold_into_ancient_changes():
    obj = deployment()
    record_update(None, obj, "creator", "Update", "apps/v1", "2026-12-07T09:00:00Z")
    for number in range(11):
        changed = copy.deepcopy(obj)
        changed["metadata"]["labels"][f"l{number}"] = "x"
        record_update(obj, changed, f"labeler-{number:02}", "Update", "apps/v1", f"2026-12-07T10:{number:02}:00Z")
        obj = changed
    managers = [e[0] for e in entries(obj)]
    assert len(managers) == 10 and managers[0] == "ancient-changes" and "creator" not in managers
    assert "labeler-00" not in managers and managers[1:] == [f"labeler-{n:02}" for n in range(2, 11)]
    assert fields(obj, "ancient-changes")["f:metadata"]["f:labels"].keys() >= {"f:app", "f:l0", "f:l1"}


def test_apply_then_merge_patches_by_another_manager_split_the_configmap():
    configmap = {"apiVersion": "v1", "kind": "ConfigMap",
                 "metadata": {"name": "test-cm", "namespace": "default", "labels": {"test-label": "test"}},
                 "data": {"key": "value"}}
    applied = server_side_apply(None, configmap, "apply_test", False, "io.k8s.api.core.v1.ConfigMap", T0)
    first = {**applied, "data": {"key": "value", "new-key": "value"}}
    record_update(applied, first, "updater", "Update", "v1", T1)
    second = {**first, "data": {"key": "new value", "new-key": "value"}}
    record_update(first, second, "updater", "Update", "v1", T2)
    assert second["metadata"]["managedFields"] == [
        {"manager": "apply_test", "operation": "Apply", "apiVersion": "v1", "time": T0, "fieldsType": "FieldsV1",
         "fieldsV1": {"f:metadata": {"f:labels": {"f:test-label": {}}}}},
        {"manager": "updater", "operation": "Update", "apiVersion": "v1", "time": T2, "fieldsType": "FieldsV1",
         "fieldsV1": {"f:data": {"f:key": {}, "f:new-key": {}}}}]


def test_apply_of_nothing_but_the_name_leaves_no_entry():
    configmap = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "test-cm", "namespace": "default"}}
    first = server_side_apply(None, configmap, "apply_test", False, "io.k8s.api.core.v1.ConfigMap", T0)
    again = server_side_apply(first, configmap, "apply_test", False, "io.k8s.api.core.v1.ConfigMap", T1)
    assert "managedFields" not in again["metadata"]


def test_removing_a_container_port_by_apply():
    containers = [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80, "protocol": "TCP"}]}]
    first = server_side_apply(None, deployment(containers=containers), "apply_test", False, DEPLOYMENT, T0)
    second = server_side_apply(first, deployment(), "apply_test", False, DEPLOYMENT, T1)
    assert not second["spec"]["template"]["spec"]["containers"][0].get("ports")


def test_apply_bodies_are_json_or_yaml():
    from minikube_py.api.patch.apply import decode_configuration

    assert decode_configuration(b'{"apiVersion":"v1","kind":"ConfigMap"}') == {"apiVersion": "v1", "kind": "ConfigMap"}
    assert decode_configuration(b"apiVersion: v1\nkind: ConfigMap\n") == {"apiVersion": "v1", "kind": "ConfigMap"}
    for body in (b"a: b: c", b"- 1\n- 2\n"):
        with pytest.raises(StatusError) as caught:
            decode_configuration(body)
        assert caught.value.code == 400 and caught.value.message.startswith("error decoding YAML: ")


def test_unreadable_managed_fields_in_a_request_fall_back_to_the_live_ones():
    old = deployment()
    record_update(None, old, "kubectl-create", "Update", "apps/v1", T0)
    new = copy.deepcopy(old)
    new["metadata"]["managedFields"] = [{"manager": "x", "operation": "Bogus", "fieldsV1": {}}]
    new["spec"]["replicas"] = 2
    record_update(old, new, "kubectl-edit", "Update", "apps/v1", T1)
    assert [e[0] for e in entries(new)] == ["kubectl-create", "kubectl-edit"]


def test_removal_drops_the_maps_it_empties_but_not_the_spec():
    first = server_side_apply(None, deployment(labels={"tier": "a"}), "me", False, DEPLOYMENT, T0)
    config = deployment()
    del config["metadata"]["labels"]
    second = server_side_apply(first, config, "me", False, DEPLOYMENT, T1)
    assert "labels" not in second["metadata"]
    strategy = server_side_apply(second, {**config, "spec": {**config["spec"], "strategy": {
        "rollingUpdate": {"maxSurge": 1}}}}, "me", False, DEPLOYMENT, T2)
    assert strategy["spec"]["strategy"] == {"rollingUpdate": {"maxSurge": 1}}
    dropped = server_side_apply(strategy, config, "me", False, DEPLOYMENT, T3)
    assert dropped["spec"]["strategy"] == {} and dropped["spec"]["replicas"] == 1
    only_name = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}}
    emptied = server_side_apply(dropped, only_name, "me", False, DEPLOYMENT, T3)
    assert emptied["spec"] == {"strategy": {}, "template": {"metadata": {}, "spec": {}}}


@given(labels, labels)
def test_two_appliers_conflict_exactly_on_the_labels_they_set_differently(mine, theirs):
    first = server_side_apply(None, deployment(labels=mine), "me", False, DEPLOYMENT, T0)
    clashing = sorted(key for key in mine.keys() & theirs.keys() if mine[key] != theirs[key])
    if clashing:
        error = conflict_of(lambda: server_side_apply(first, deployment(labels=theirs), "you", False, DEPLOYMENT, T1))
        assert [cause["field"] for cause in error.details["causes"]] == [f".metadata.labels.{k}" for k in clashing]
        return
    both = server_side_apply(first, deployment(labels=theirs), "you", False, DEPLOYMENT, T1)
    assert both["metadata"]["labels"] == {**mine, **theirs}
    kept = {key: value for key, value in list(mine.items())[:1]}
    after = server_side_apply(both, deployment(labels=kept or {"app": "web"}), "me", False, DEPLOYMENT, T2)
    expected = {**theirs, **(kept or {"app": "web"})}
    assert after["metadata"]["labels"] == expected


def test_conflicts_list_the_fields_of_a_level_before_deeper_ones():
    first = server_side_apply(None, deployment(), "ci", False, DEPLOYMENT, T0)
    changed = deployment(replicas=2, image="nginx:2")
    changed["spec"]["template"]["metadata"]["labels"]["app"] = "web"
    changed["spec"]["selector"] = {"matchLabels": {"app": "other"}}
    error = conflict_of(lambda: server_side_apply(first, changed, "me", False, DEPLOYMENT, T1))
    assert [cause["field"] for cause in error.details["causes"]] == [
        ".spec.replicas", ".spec.selector", '.spec.template.spec.containers[name="nginx"].image']


def test_objects_nobody_tracks_stay_untracked_until_an_apply():
    live = deployment()
    live["metadata"]["uid"] = "u-1"
    changed = copy.deepcopy(live)
    changed["spec"]["replicas"] = 4
    record_update(live, changed, "kubectl-edit", "Update", "apps/v1", T1)
    assert "managedFields" not in changed["metadata"]
    error = conflict_of(lambda: server_side_apply(changed, deployment(replicas=2), "me", False, DEPLOYMENT, T2))
    assert error.message == ('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: '
                             '.spec.replicas')
    shared = server_side_apply(changed, deployment(replicas=4), "me", False, DEPLOYMENT, T2)
    assert entries(shared) == [("me", "Apply", "apps/v1", ""), ("before-first-apply", "Update", "apps/v1", "")]
