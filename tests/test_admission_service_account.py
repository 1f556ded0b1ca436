"""ServiceAccount admission: the serviceAccountName, the kube-api-access volume and its mounts a created pod
comes back with, and the errors for a missing ServiceAccount and for mirror pods."""

from __future__ import annotations

import re

import pytest
from test_admission_support import FakeReader, pod, request, service_account

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import service_account as plugin

MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount"
READER = FakeReader(service_account(), service_account("builder", imagePullSecrets=[{"name": "regcred"}]),
                    service_account("quiet", automountServiceAccountToken=False),
                    service_account("strict", secrets=[{"name": "allowed"}],
                                    metadata={"name": "strict", "namespace": "default",
                                              "annotations": {"kubernetes.io/enforce-mountable-secrets": "true"}}))


def admitted(obj, reader=READER):
    plugin.admit(request("CREATE", "pods", obj), reader)
    return obj["spec"]


def test_default_service_account_and_token_volume():
    spec = admitted(pod(initContainers=[{"name": "init", "image": "busybox"}]))
    assert spec["serviceAccountName"] == "default"
    [volume] = spec["volumes"]
    assert re.fullmatch(r"kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}", volume["name"])
    assert volume["projected"] == {"defaultMode": 420, "sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace",
                                    "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}
    for container in spec["containers"] + spec["initContainers"]:
        assert container["volumeMounts"] == [{"name": volume["name"], "readOnly": True, "mountPath": MOUNT}]


def test_existing_mount_at_the_token_path_is_kept():
    own = {"name": "mine", "mountPath": MOUNT}
    spec = admitted(pod(containers=[{"name": "a", "image": "x", "volumeMounts": [own]}],
                        volumes=[{"name": "mine", "emptyDir": {}}]))
    assert spec["containers"][0]["volumeMounts"] == [own]
    assert spec["volumes"] == [{"name": "mine", "emptyDir": {}}]


def test_automount_off_on_the_pod_or_the_service_account():
    assert "volumes" not in admitted(pod(automountServiceAccountToken=False))
    assert "volumes" not in admitted(pod(serviceAccountName="quiet"))
    assert admitted(pod(serviceAccountName="quiet", automountServiceAccountToken=True))["volumes"]


def test_image_pull_secrets_come_from_the_service_account():
    assert admitted(pod(serviceAccountName="builder"))["imagePullSecrets"] == [{"name": "regcred"}]
    assert admitted(pod(serviceAccountName="builder", imagePullSecrets=[{"name": "own"}]))["imagePullSecrets"] == [
        {"name": "own"}]
    assert "imagePullSecrets" not in admitted(pod())


def test_missing_service_account_is_forbidden():
    with pytest.raises(StatusError) as error:
        admitted(pod(serviceAccountName="ghost"))
    assert error.value.code == 403
    assert str(error.value) == ('pods "nginx" is forbidden: error looking up service account default/ghost: '
                                'serviceaccount "ghost" not found')
    with pytest.raises(StatusError, match="error looking up service account default/default"):
        admitted(pod(), FakeReader())


def test_mirror_pods_are_left_alone_but_restricted():
    mirror = pod(nodeName="node01")
    mirror["metadata"]["annotations"] = {"kubernetes.io/config.mirror": "abc"}
    spec = admitted(mirror, FakeReader())
    assert "serviceAccountName" not in spec and "volumes" not in spec
    mirror["spec"]["serviceAccountName"] = "default"
    with pytest.raises(StatusError, match='pods "nginx" is forbidden: a mirror pod may not reference service '
                                          "accounts$"):
        admitted(mirror)
    del mirror["spec"]["serviceAccountName"]
    mirror["spec"]["volumes"] = [{"name": "s", "secret": {"secretName": "x"}}]
    with pytest.raises(StatusError, match="a mirror pod may not reference secrets$"):
        admitted(mirror)


def test_enforced_mountable_secrets():
    with pytest.raises(StatusError) as error:
        admitted(pod(serviceAccountName="strict", volumes=[{"name": "s", "secret": {"secretName": "other"}}]))
    assert str(error.value) == ('pods "nginx" is forbidden: volume with secret.secretName="other" is not allowed '
                                "because service account strict does not reference that secret")
    env = [{"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "other", "key": "t"}}}]
    with pytest.raises(StatusError, match='container nginx with envVar TOKEN referencing secret.secretName="other" '
                                          "is not allowed because service account strict does not reference"):
        admitted(pod(serviceAccountName="strict", containers=[{"name": "nginx", "image": "x", "env": env}]))
    admitted(pod(serviceAccountName="strict", volumes=[{"name": "s", "secret": {"secretName": "allowed"}}]))


def test_only_pod_creates():
    obj = pod()
    plugin.admit(request("UPDATE", "pods", obj, old=pod()), READER)
    plugin.admit(request("CREATE", "pods", obj, subresource="binding"), READER)
    assert "serviceAccountName" not in obj["spec"]
