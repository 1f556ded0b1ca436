"""NodeRestriction: what a kubelet's credentials may and may not change, with the real plugin's messages."""

from __future__ import annotations

import pytest
from test_admission_support import ADMIN, FakeReader, User, node_user, pod, request

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import node_restriction

NODE01 = node_user("node01")


def node(name: str, labels: dict | None = None, taints: list | None = None) -> dict:
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name, "uid": f"uid-{name}",
                                                             "labels": labels or {}},
            "spec": {"taints": taints} if taints else {}}


def bound_pod(name: str, node_name: str) -> dict:
    return pod(name, nodeName=node_name) | {"metadata": {"name": name, "namespace": "default", "uid": f"uid-{name}"}}


READER = FakeReader(node("node01"), node("node02"), bound_pod("mine", "node01"), bound_pod("theirs", "node02"))


def mirror_pod(**changes) -> dict:
    obj = pod("static-web", nodeName="node01")
    obj["metadata"].update(annotations={"kubernetes.io/config.mirror": "hash"},
                           ownerReferences=[{"apiVersion": "v1", "kind": "Node", "name": "node01", "uid": "uid-node01",
                                             "controller": True}])
    obj["metadata"].update(changes)
    return obj


def refused(attrs) -> str:
    with pytest.raises(StatusError) as error:
        node_restriction.admit(attrs, READER)
    assert error.value.code in (403, 404)
    return str(error.value)


def test_other_users_are_not_restricted():
    node_restriction.admit(request("UPDATE", "nodes", node("node02"), old=node("node02"), user=ADMIN), READER)
    node_restriction.admit(request("UPDATE", "nodes", node("node02"), old=node("node02"),
                                   user=User("system:node:node01")), READER)   # not in system:nodes


def test_node_user_without_a_name():
    assert refused(request("UPDATE", "nodes", node("x"), old=node("x"), user=node_user(""))) == (
        'nodes "x" is forbidden: could not determine node from user "system:node:"')


def test_node_may_modify_only_itself():
    node_restriction.admit(request("UPDATE", "nodes", node("node01"), old=node("node01"), user=NODE01), READER)
    assert refused(request("UPDATE", "nodes", node("node02"), old=node("node02"), user=NODE01)) == (
        'nodes "node02" is forbidden: node "node01" is not allowed to modify node "node02"')


def test_node_may_not_change_its_taints_or_restricted_labels():
    tainted = node("node01", taints=[{"key": "k", "effect": "NoSchedule"}])
    assert refused(request("UPDATE", "nodes", node("node01"), old=tainted, user=NODE01)) == (
        'nodes "node01" is forbidden: node "node01" is not allowed to modify taints')
    labelled = node("node01", {"node-role.kubernetes.io/control-plane": "", "kubernetes.io/hostname": "node01"})
    assert refused(request("UPDATE", "nodes", labelled, old=node("node01"), user=NODE01)) == (
        'nodes "node01" is forbidden: is not allowed to modify labels: node-role.kubernetes.io/control-plane')
    assert refused(request("CREATE", "nodes", node("node01", {"node-restriction.kubernetes.io/x": "1"}),
                           user=NODE01)) == ('nodes "node01" is forbidden: node "node01" is not allowed to set the '
                                             "following labels: node-restriction.kubernetes.io/x")
    node_restriction.admit(request("CREATE", "nodes", node("node01", {"kubernetes.io/os": "linux", "team": "a"}),
                                   user=NODE01, name=""), READER)   # a create's name comes from the object


def test_node_creates_only_its_mirror_pods():
    node_restriction.admit(request("CREATE", "pods", mirror_pod(), user=NODE01), READER)
    assert refused(request("CREATE", "pods", pod("plain", nodeName="node01"), user=NODE01)) == (
        'pods "plain" is forbidden: pod does not have "kubernetes.io/config.mirror" annotation, node "node01" can '
        "only create mirror pods")
    assert refused(request("CREATE", "pods", mirror_pod(ownerReferences=[]), user=NODE01)) == (
        'pods "static-web" is forbidden: node "node01" can only create pods with an owner reference set to itself')
    stale = mirror_pod(ownerReferences=[{"apiVersion": "v1", "kind": "Node", "name": "node01", "uid": "old",
                                         "controller": True}])
    assert refused(request("CREATE", "pods", stale, user=NODE01)) == (
        'pods "static-web" is forbidden: node node01 UID mismatch: expected old got uid-node01')
    with_secret = mirror_pod()
    with_secret["spec"]["volumes"] = [{"name": "s", "secret": {"secretName": "x"}}]
    assert refused(request("CREATE", "pods", with_secret, user=NODE01)).endswith(
        'node "node01" can not create pods that reference secrets')


def test_node_deletes_and_updates_status_of_its_own_pods_only():
    node_restriction.admit(request("DELETE", "pods", None, name="mine", user=NODE01), READER)
    assert refused(request("DELETE", "pods", None, name="theirs", user=NODE01)) == (
        'pods "theirs" is forbidden: node "node01" can only delete pods with spec.nodeName set to itself')
    assert refused(request("DELETE", "pods", None, name="ghost", user=NODE01)) == 'pods "ghost" not found'
    mine = bound_pod("mine", "node01")
    node_restriction.admit(request("UPDATE", "pods", mine, old=mine, subresource="status", user=NODE01), READER)
    theirs = bound_pod("theirs", "node02")
    assert refused(request("UPDATE", "pods", theirs, old=theirs, subresource="status", user=NODE01)) == (
        'pods "theirs" is forbidden: node "node01" can only update pod status for pods with spec.nodeName set to '
        "itself")
    relabelled = bound_pod("mine", "node01")
    relabelled["metadata"]["labels"] = {"app": "x"}
    assert refused(request("UPDATE", "pods", relabelled, old=mine, subresource="status", user=NODE01)).endswith(
        'node "node01" cannot update labels through pod status')
    assert refused(request("UPDATE", "pods", mine, old=mine, user=NODE01)) == (
        'pods "mine" is forbidden: unexpected operation "UPDATE", node "node01" can only create and delete mirror '
        "pods")


def test_node_leases():
    lease = {"metadata": {"name": "node01", "namespace": "kube-node-lease"}}
    node_restriction.admit(request("CREATE", "leases", lease, ns="kube-node-lease", group="coordination.k8s.io",
                                   user=NODE01), READER)
    assert refused(request("UPDATE", "leases", lease, old=lease, ns="kube-node-lease", name="node02",
                           group="coordination.k8s.io", user=NODE01)) == (
        'leases.coordination.k8s.io "node02" is forbidden: can only access node lease with the same name as the '
        "requesting node")
    assert refused(request("UPDATE", "leases", lease, old=lease, ns="default", group="coordination.k8s.io",
                           user=NODE01)) == (
        'leases.coordination.k8s.io "node01" is forbidden: can only access leases in the "kube-node-lease" system '
        "namespace")


def test_tokens_only_for_pods_on_the_node():
    def token_request(pod_name: str, uid: str) -> dict:
        return {"metadata": {"name": "default"},
                "spec": {"boundObjectRef": {"apiVersion": "v1", "kind": "Pod", "name": pod_name, "uid": uid}}}
    node_restriction.admit(request("CREATE", "serviceaccounts", token_request("mine", "uid-mine"),
                                   subresource="token", user=NODE01), READER)
    assert refused(request("CREATE", "serviceaccounts", token_request("theirs", "uid-theirs"),
                           subresource="token", user=NODE01)) == (
        'serviceaccounts "default" is forbidden: node requested token bound to a pod scheduled on a different node')


def test_pvc_only_status():
    claim = {"metadata": {"name": "data", "namespace": "default"}, "spec": {}, "status": {"phase": "Bound"}}
    assert refused(request("UPDATE", "persistentvolumeclaims", claim, old=claim, user=NODE01)) == (
        'persistentvolumeclaims "data" is forbidden: may only update PVC status')
    grown = claim | {"status": {"phase": "Bound", "capacity": {"storage": "2Gi"}}}
    node_restriction.admit(request("UPDATE", "persistentvolumeclaims", grown, old=claim, subresource="status",
                                   user=NODE01), READER)
    relabelled = claim | {"metadata": {"name": "data", "namespace": "default", "labels": {"a": "b"}}}
    assert "is not allowed to update fields other than status.capacity and status.conditions" in refused(
        request("UPDATE", "persistentvolumeclaims", relabelled, old=claim, subresource="status", user=NODE01))
