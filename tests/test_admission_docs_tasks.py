"""The kubernetes.io tasks on LimitRanges and ResourceQuotas (their manifests in ../shared/corpus), replayed
through the admission chain: the refusals the pages show, in Kubernetes 1.32's words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_admission_support import FakeReader, namespace, request, service_account

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import AdmissionChain

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "k8s-website-examples" / "admin" / "resource"
pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="the shared corpus is not beside the repository")


def manifest(name: str) -> dict:
    obj = yaml.safe_load((EXAMPLES / name).read_text())
    obj["metadata"]["namespace"] = "default"
    return obj


def create(reader: FakeReader, name: str) -> dict:
    """`kubectl apply -f <name>` as far as admission goes; the object is stored when admitted."""
    obj = manifest(name)
    plural = {"Pod": "pods", "PersistentVolumeClaim": "persistentvolumeclaims"}[obj["kind"]]
    chain = AdmissionChain.from_flags([], [], reader)
    attrs = request("CREATE", plural, obj)
    chain.admit(attrs)
    chain.validate(attrs)
    return reader.add(obj)


def refusal(reader: FakeReader, name: str) -> str:
    with pytest.raises(StatusError) as error:
        create(reader, name)
    assert error.value.code == 403
    return str(error.value)


def cluster(*manifests: str) -> FakeReader:
    return FakeReader(namespace("default"), service_account(), *(manifest(name) for name in manifests))


def test_cpu_constraints():
    reader = cluster("cpu-constraints.yaml")
    create(reader, "cpu-constraints-pod.yaml")
    assert refusal(reader, "cpu-constraints-pod-2.yaml") == (
        'pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m')


def test_memory_constraints():
    reader = cluster("memory-constraints.yaml")
    assert refusal(reader, "memory-constraints-pod-2.yaml") == (
        'pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi')
    assert refusal(reader, "memory-constraints-pod-3.yaml") == (
        'pods "constraints-mem-demo-3" is forbidden: minimum memory usage per Container is 500Mi, but request is '
        "100Mi")


def test_memory_and_cpu_quota():
    reader = cluster("quota-mem-cpu.yaml")
    create(reader, "quota-mem-cpu-pod.yaml")
    assert refusal(reader, "quota-mem-cpu-pod-2.yaml") == (
        'pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, '
        "used: requests.memory=600Mi, limited: requests.memory=1Gi")


def test_claim_storage_limits():
    reader = cluster("storagelimits.yaml")
    assert refusal(reader, "pvc-limit-greater.yaml") == (
        'persistentvolumeclaims "pvc-limit-greater" is forbidden: maximum storage usage per PersistentVolumeClaim is '
        "2Gi, but request is 5Gi")
    assert refusal(reader, "pvc-limit-lower.yaml") == (
        'persistentvolumeclaims "pvc-limit-lower" is forbidden: minimum storage usage per PersistentVolumeClaim is '
        "1Gi, but request is 500Mi")


def test_one_claim_per_quota():
    reader = cluster("quota-objects.yaml")
    create(reader, "quota-objects-pvc.yaml")
    claim = manifest("quota-objects-pvc.yaml")
    claim["metadata"]["name"] = "pvc-quota-demo-2"
    with pytest.raises(StatusError) as error:
        AdmissionChain.from_flags([], [], reader).validate(request("CREATE", "persistentvolumeclaims", claim))
    assert str(error.value) == (
        'persistentvolumeclaims "pvc-quota-demo-2" is forbidden: exceeded quota: object-quota-demo, requested: '
        "persistentvolumeclaims=1, used: persistentvolumeclaims=1, limited: persistentvolumeclaims=1")
