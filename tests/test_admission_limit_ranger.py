"""LimitRanger: the defaults a pod gets from the namespace's LimitRange and the errors for what it forbids."""

from __future__ import annotations

import pytest
from test_admission_support import FakeReader, pod, request

from minikube_py.api.errors import StatusError
from minikube_py.apiserver.admission import limit_ranger


def limit_range(*limits: dict, name: str = "limits") -> dict:
    return {"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": name, "namespace": "default"},
            "spec": {"limits": list(limits)}}


def container(name: str = "nginx", requests: dict | None = None, limits: dict | None = None) -> dict:
    resources = {key: value for key, value in (("requests", requests), ("limits", limits)) if value}
    return {"name": name, "image": "nginx", "resources": resources}


def create(obj: dict, *ranges: dict, plural: str = "pods") -> dict:
    reader = FakeReader(*ranges)
    attrs = request("CREATE", plural, obj)
    limit_ranger.admit(attrs, reader)
    limit_ranger.validate(attrs, reader)
    return obj


def refused(obj: dict, *ranges: dict, plural: str = "pods") -> str:
    with pytest.raises(StatusError) as error:
        create(obj, *ranges, plural=plural)
    assert error.value.code == 403
    return str(error.value)


DEFAULTS = {"type": "Container", "default": {"cpu": "500m", "memory": "512Mi"},
            "defaultRequest": {"cpu": "0.25", "memory": "256Mi"}}


def test_containers_get_default_requests_and_limits():
    obj = create(pod(containers=[container(), container("log", limits={"cpu": "1"})],
                     initContainers=[container("init", requests={"memory": "64Mi"})]), limit_range(DEFAULTS))
    spec = obj["spec"]
    assert spec["containers"][0]["resources"] == {"requests": {"cpu": "250m", "memory": "256Mi"},
                                                  "limits": {"cpu": "500m", "memory": "512Mi"}}
    assert spec["containers"][1]["resources"] == {"requests": {"cpu": "250m", "memory": "256Mi"},
                                                  "limits": {"cpu": "1", "memory": "512Mi"}}
    assert spec["initContainers"][0]["resources"]["requests"] == {"memory": "64Mi", "cpu": "250m"}
    assert obj["metadata"]["annotations"]["kubernetes.io/limit-ranger"] == (
        "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx; "
        "cpu, memory request for container log; memory limit for container log; "
        "cpu request for init container init; cpu, memory limit for init container init")


def test_no_limit_range_no_change():
    obj = create(pod())
    assert "annotations" not in obj["metadata"] and obj["spec"]["containers"][0] == {"name": "nginx",
                                                                                     "image": "nginx"}


def test_container_max():
    item = {"type": "Container", "max": {"cpu": "1"}}
    assert refused(pod(containers=[container(limits={"cpu": "2"})]), limit_range(item)) == (
        'pods "nginx" is forbidden: maximum cpu usage per Container is 1, but limit is 2')
    assert refused(pod(containers=[container(requests={"cpu": "100m"})]), limit_range(item)) == (
        'pods "nginx" is forbidden: maximum cpu usage per Container is 1.  No limit is specified')


def test_container_min():
    item = {"type": "Container", "min": {"memory": "100Mi"}}
    assert refused(pod(containers=[container(requests={"memory": "50Mi"}, limits={"memory": "200Mi"})]),
                   limit_range(item)) == (
        'pods "nginx" is forbidden: minimum memory usage per Container is 100Mi, but request is 50Mi')
    assert refused(pod(containers=[container()]), limit_range(item)) == (
        'pods "nginx" is forbidden: minimum memory usage per Container is 100Mi.  No request is specified')


def test_limit_to_request_ratio():
    item = {"type": "Container", "maxLimitRequestRatio": {"cpu": "2"}}
    assert refused(pod(containers=[container(requests={"cpu": "100m"}, limits={"cpu": "500m"})]),
                   limit_range(item)) == (
        'pods "nginx" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 5.000000')
    create(pod(containers=[container(requests={"cpu": "250m"}, limits={"cpu": "500m"})]), limit_range(item))


def test_several_problems_are_listed():
    item = {"type": "Container", "max": {"cpu": "1", "memory": "1Gi"}}
    assert refused(pod(containers=[container(limits={"cpu": "2", "memory": "2Gi"})]), limit_range(item)) == (
        'pods "nginx" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per '
        "Container is 1Gi, but limit is 2Gi]")


def test_the_same_problem_in_two_containers_is_told_once():
    item = {"type": "Container", "max": {"cpu": "1"}}
    obj = pod(containers=[container("a", limits={"cpu": "2"}), container("b", limits={"cpu": "2"})])
    assert refused(obj, limit_range(item)) == (
        'pods "nginx" is forbidden: maximum cpu usage per Container is 1, but limit is 2')


def test_pod_max_sums_the_containers():
    item = {"type": "Pod", "max": {"memory": "1Gi", "cpu": "2"}}
    obj = pod(containers=[container("a", limits={"memory": "600Mi", "cpu": "1500m"}),
                          container("b", limits={"memory": "600Mi", "cpu": "250m"})])
    assert refused(obj, limit_range(item)) == (
        'pods "nginx" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1258291200')


def test_claims():
    item = {"type": "PersistentVolumeClaim", "min": {"storage": "1Gi"}, "max": {"storage": "2Gi"}}

    def claim(size: str) -> dict:
        return {"metadata": {"name": "data", "namespace": "default"},
                "spec": {"resources": {"requests": {"storage": size}}}}
    assert refused(claim("5Gi"), limit_range(item), plural="persistentvolumeclaims") == (
        'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but '
        "request is 5Gi")
    assert refused(claim("500Mi"), limit_range(item), plural="persistentvolumeclaims") == (
        'persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but '
        "request is 500Mi")
    create(claim("1500Mi"), limit_range(item), plural="persistentvolumeclaims")


def test_pod_updates_are_not_checked():
    reader = FakeReader(limit_range({"type": "Container", "max": {"cpu": "1"}}))
    big = pod(containers=[container(limits={"cpu": "2"})])
    limit_ranger.validate(request("UPDATE", "pods", big, old=big), reader)
