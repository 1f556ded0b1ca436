"""DefaultTolerationSeconds: the two NoExecute tolerations `kubectl get pod -o yaml` shows on every pod."""

from __future__ import annotations

from test_admission_support import FakeReader, pod, request

from minikube_py.apiserver.admission import default_toleration_seconds

DEFAULTS = [
    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
    {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
]


def admitted(obj, **options):
    default_toleration_seconds.admit(request("CREATE", "pods", obj), FakeReader(), **options)
    return obj["spec"].get("tolerations")


def test_added_when_absent():
    assert admitted(pod()) == DEFAULTS


def test_kept_after_existing_tolerations():
    mine = {"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}
    assert admitted(pod(tolerations=[mine])) == [mine] + DEFAULTS


def test_not_added_when_already_tolerated():
    own = {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
           "tolerationSeconds": 10}
    assert admitted(pod(tolerations=[own])) == [own, DEFAULTS[0]]
    everything = {"operator": "Exists"}
    assert admitted(pod(tolerations=[everything])) == [everything]


def test_flag_values():
    assert [t["tolerationSeconds"] for t in admitted(pod(), not_ready_seconds=60, unreachable_seconds=30)] == [60, 30]


def test_other_resources_and_subresources_untouched():
    obj = pod()
    default_toleration_seconds.admit(request("UPDATE", "pods", obj, old=pod(), subresource="status"), FakeReader())
    assert "tolerations" not in obj["spec"]
