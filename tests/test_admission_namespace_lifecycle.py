"""NamespaceLifecycle: what `kubectl create` into a missing or terminating namespace, and `kubectl delete ns
default`, answer."""

from __future__ import annotations

import pytest
from test_admission_support import FakeReader, namespace, pod, request

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import namespace_lifecycle

READER = FakeReader(namespace("default"), namespace("dev"), namespace("old", phase="Terminating"))


def admit(attrs):
    namespace_lifecycle.admit(attrs, READER)


def test_create_in_missing_namespace_is_not_found():
    with pytest.raises(StatusError) as error:
        admit(request("CREATE", "pods", pod(ns="nope"), ns="nope"))
    assert error.value.code == 404
    assert str(error.value) == 'namespaces "nope" not found'
    assert error.value.details == {"name": "nope", "kind": "namespaces"}


def test_update_in_missing_namespace_is_not_found():
    with pytest.raises(StatusError, match='namespaces "nope" not found'):
        admit(request("UPDATE", "pods", pod(ns="nope"), old=pod(ns="nope"), ns="nope"))


def test_create_in_terminating_namespace_is_forbidden():
    with pytest.raises(StatusError) as error:
        admit(request("CREATE", "pods", pod(ns="old"), ns="old"))
    assert error.value.code == 403
    assert str(error.value) == ('pods "nginx" is forbidden: unable to create new content in namespace old because '
                                "it is being terminated")
    assert error.value.details["causes"] == [{"reason": "NamespaceTerminating", "field": "metadata.namespace",
                                              "message": "namespace old is being terminated"}]


def test_create_with_generate_name_names_the_prefix():
    obj = pod(ns="old")
    obj["metadata"] = {"generateName": "web-", "namespace": "old"}
    with pytest.raises(StatusError, match='^pods "web-" is forbidden'):
        admit(request("CREATE", "pods", obj, ns="old"))


def test_updates_and_deletes_in_terminating_namespace_are_allowed():
    admit(request("UPDATE", "pods", pod(ns="old"), old=pod(ns="old"), ns="old"))
    admit(request("DELETE", "pods", None, old=pod(ns="old"), ns="old", name="nginx"))


def test_create_in_active_namespace_and_cluster_scoped_objects_pass():
    admit(request("CREATE", "pods", pod(ns="dev"), ns="dev"))
    admit(request("CREATE", "namespaces", namespace("new")))
    admit(request("CREATE", "clusterroles", {"metadata": {"name": "x"}}, group="rbac.authorization.k8s.io"))


def test_system_namespaces_may_not_be_deleted():
    for name in ("default", "kube-system", "kube-public"):
        with pytest.raises(StatusError) as error:
            admit(request("DELETE", "namespaces", None, name=name))
        assert error.value.code == 403
        assert str(error.value) == f'namespaces "{name}" is forbidden: this namespace may not be deleted'
    admit(request("DELETE", "namespaces", None, name="dev"))


def test_access_reviews_do_not_reveal_namespaces():
    admit(request("CREATE", "localsubjectaccessreviews", {"metadata": {}}, ns="nope",
                  group="authorization.k8s.io"))
