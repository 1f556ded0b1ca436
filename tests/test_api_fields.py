"""Field selectors: apimachinery's grammar and escaping, the values the apiserver selects on for each kind, and
the 400 answers for fields a resource does not support."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_py.api.errors import StatusError
from minikube_py.api.fields import check_supported, escape_value, parse_field_selector, supported_fields
from minikube_py.api.registry import Resource, builtin_registry

REGISTRY = builtin_registry()


def resource(group: str, plural: str) -> Resource:
    found = REGISTRY.get(group, "v1", plural)
    assert found is not None
    return found


WIDGETS = Resource("example.com", "v1", "Widget", "widgets", "widget", namespaced=True)
GADGETS = Resource("example.com", "v1", "Gadget", "gadgets", "gadget", namespaced=False)
SLICES = Resource("resource.k8s.io", "v1beta1", "ResourceSlice", "resourceslices", "resourceslice", False,
                  schema_name="io.k8s.api.resource.v1beta1.ResourceSlice")


@pytest.mark.parametrize(("text", "canonical"), [
    ("metadata.name=web", "metadata.name=web"),
    ("status.phase==Running,spec.nodeName!=", "spec.nodeName!=,status.phase=Running"),
    ("b=1,a=2", "a=2,b=1"),
    (r"a=x\,y\=z\\", r"a=x\,y\=z\\"),
    ("a!b=c", "a!b=c"),
    ("=", ""),
    ("", ""),
    (",,a=b,", "a=b"),
])
def test_parse_and_string(text: str, canonical: str) -> None:
    selector = parse_field_selector(text)
    assert str(selector) == canonical
    assert selector.empty == (canonical == "")


@pytest.mark.parametrize(("text", "message"), [
    ("a", "invalid selector: 'a'; can't understand 'a'"),
    ("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
    (r"a=b\x", r"invalid field selector: invalid escape sequence: \x"),
    ("a=b\\", "invalid field selector: invalid escape sequence: \\"),
    ("a=b=c", "invalid field selector: unescaped character in value: 61"),
])
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(StatusError) as caught:
        parse_field_selector(text)
    assert (caught.value.code, caught.value.message) == (400, message)


def test_escaped_values_are_read_unescaped() -> None:
    term = parse_field_selector(r"metadata.name=a\,b\=c\\d").terms[0]
    assert (term.field, term.operator, term.value) == ("metadata.name", "=", "a,b=c\\d")
    assert parse_field_selector(r"metadata.name=a\,b").matches({"metadata": {"name": "a,b"}})


def test_requires_exact_match() -> None:
    selector = parse_field_selector("metadata.name==web,metadata.namespace!=x")
    assert selector.requires_exact_match("metadata.name") == "web"
    assert selector.requires_exact_match("metadata.namespace") is None


POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "default"},
       "spec": {"restartPolicy": "Always", "schedulerName": "default-scheduler"},
       "status": {"phase": "Pending"}}
RUNNING = {**POD, "metadata": {"name": "db", "namespace": "prod"},
           "spec": {"nodeName": "node-1", "hostNetwork": True},
           "status": {"phase": "Running", "podIP": "10.0.0.5", "podIPs": [{"ip": "10.0.0.5"}, {"ip": "fd00::5"}]}}


@pytest.mark.parametrize(("text", "pending", "running"), [
    ("spec.nodeName=", True, False),
    ("spec.nodeName!=", False, True),
    ("spec.host=node-1", False, True),
    ("spec.hostNetwork=false", True, False),
    ("spec.hostNetwork=true", False, True),
    ("status.phase=Running", False, True),
    ("status.podIP=10.0.0.5", False, True),
    ("status.podIP=", True, False),
    ("status.podIPs=", True, True),
    ("metadata.namespace=default,metadata.name=web", True, False),
    ("metadata.name!=web", False, True),
    ("spec.restartPolicy=Always", True, False),
])
def test_pod_fields(text: str, pending: bool, running: bool) -> None:
    selector = parse_field_selector(text)
    assert (selector.matches(POD), selector.matches(RUNNING)) == (pending, running)


def test_values_of_other_kinds() -> None:
    node = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}, "spec": {}}
    assert parse_field_selector("spec.unschedulable=false").matches(node)
    assert parse_field_selector("metadata.namespace=").matches(node)
    job = {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "status": {}}
    assert parse_field_selector("status.successful=0").matches(job)
    assert parse_field_selector("status.successful=2").matches({**job, "status": {"succeeded": 2}})
    rc = {"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "r"}}
    assert parse_field_selector("status.replicas=0").matches(rc)
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "type": "Opaque"}
    assert parse_field_selector("type=Opaque").matches(secret)


EVENT = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "e", "namespace": "default"},
         "involvedObject": {"kind": "Pod", "name": "web", "namespace": "default", "uid": "u-1"},
         "reason": "Scheduled", "type": "Normal", "source": {"component": "default-scheduler"},
         "reportingComponent": "default-scheduler"}
NEW_EVENT = {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e", "namespace": "default"},
             "regarding": {"kind": "Pod", "name": "web", "namespace": "default", "uid": "u-1"},
             "reason": "Scheduled", "type": "Normal", "reportingController": "default-scheduler",
             "deprecatedSource": {"component": "default-scheduler"}}


@pytest.mark.parametrize("text", [
    "involvedObject.kind=Pod,involvedObject.name=web,involvedObject.uid=u-1,involvedObject.namespace=default",
    "regarding.kind=Pod,regarding.uid=u-1",
    "source=default-scheduler,reportingComponent=default-scheduler,reportingController=default-scheduler",
    "reason=Scheduled,type=Normal,involvedObject.fieldPath=",
])
def test_event_fields_read_both_event_apis(text: str) -> None:
    selector = parse_field_selector(text)
    assert selector.matches(EVENT) and selector.matches(NEW_EVENT)
    assert not parse_field_selector("involvedObject.uid=u-2").matches(EVENT)


def test_custom_resource_fields_print_as_go_does() -> None:
    widget = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"},
              "spec": {"color": "red", "size": 3, "enabled": True, "tags": None}}
    assert parse_field_selector("spec.color=red,spec.size=3,spec.enabled=true,spec.tags=,spec.none=").matches(widget)
    assert not parse_field_selector("spec.size=3.0").matches(widget)


@pytest.mark.parametrize(("target", "text"), [
    (resource("", "pods"), "spec.nodeName=a,status.phase=Running,spec.host=a,status.nominatedNodeName="),
    (resource("", "nodes"), "spec.unschedulable=true,metadata.name=n"),
    (resource("", "namespaces"), "status.phase=Active"),
    (resource("", "secrets"), "type=Opaque"),
    (resource("", "services"), "spec.clusterIP=None,spec.type=ClusterIP"),
    (resource("", "events"), "involvedObject.uid=x,source=y,reportingComponent=z"),
    (resource("events.k8s.io", "events"), "regarding.uid=x,reportingController=z"),
    (resource("", "replicationcontrollers"), "status.replicas=1"),
    (resource("batch", "jobs"), "status.successful=1"),
    (resource("certificates.k8s.io", "certificatesigningrequests"), "spec.signerName=x"),
    (resource("apps", "deployments"), "metadata.name=a,metadata.namespace=b"),
    (WIDGETS, "metadata.name=a,metadata.namespace=b"),
    (SLICES, "spec.nodeName=a,spec.driver=b"),
])
def test_supported_fields_pass(target: Resource, text: str) -> None:
    check_supported(target, parse_field_selector(text))


@pytest.mark.parametrize(("target", "text", "message"), [
    (resource("", "pods"), "spec.foo=x", "field label not supported: spec.foo"),
    (resource("", "nodes"), "metadata.namespace=x", "field label not supported: metadata.namespace"),
    (resource("", "namespaces"), "metadata.namespace=x", "field label not supported: metadata.namespace"),
    (resource("", "events"), "regarding.uid=x", "field label not supported: regarding.uid"),
    (resource("batch", "jobs"), "status.succeeded=1", 'field label "status.succeeded" not supported for batchv1.Job'),
    (resource("apps", "replicasets"), "status.replicas=1",
     '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'),
    (resource("", "configmaps"), "data.x=1",
     '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'),
    (WIDGETS, "spec.color=red", "field label not supported: spec.color"),
    (GADGETS, "metadata.namespace=x", "field label not supported: metadata.namespace"),
    (SLICES, "metadata.namespace=x",
     "field label not supported for resource.k8s.io/v1beta1, Kind=ResourceSlice: metadata.namespace"),
    (resource("", "pods"), "b=1,a=2", "field label not supported: a"),
])
def test_unsupported_fields_are_bad_requests(target: Resource, text: str, message: str) -> None:
    with pytest.raises(StatusError) as caught:
        check_supported(target, parse_field_selector(text))
    assert (caught.value.code, caught.value.reason, caught.value.message) == (400, "BadRequest", message)


def test_custom_resource_selectable_fields() -> None:
    selector = parse_field_selector("spec.color=red")
    check_supported(WIDGETS, selector, (".spec.color",))
    assert "spec.color" in supported_fields(WIDGETS, (".spec.color",))


def test_filtering_ten_thousand_pods_is_cheap() -> None:
    selector = parse_field_selector("spec.nodeName=node-0,status.phase=Running,metadata.namespace!=kube-system")
    pods = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"p{i}", "namespace": "default"},
             "spec": {"nodeName": f"node-{i % 4}"}, "status": {"phase": ("Running", "Pending")[i % 2]}}
            for i in range(10_000)]
    start = time.perf_counter()
    matched = sum(1 for pod in pods if selector.matches(pod))
    assert time.perf_counter() - start < 0.5
    assert matched == 2500


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["metadata.name", "spec.nodeName", "a.b"]), st.sampled_from(["=", "!="]),
                          st.text(st.sampled_from("ab,=\\ !é"), max_size=6)), max_size=4))
def test_escaped_selectors_round_trip(terms: list[tuple[str, str, str]]) -> None:
    text = ",".join(f"{name}{operator}{escape_value(value)}" for name, operator, value in terms)
    selector = parse_field_selector(text)
    parsed = {(term.field, term.operator, term.value) for term in selector.terms}
    assert parsed == {term for term in terms if term[0] or term[2]}
    again = parse_field_selector(str(selector))
    assert again.terms == selector.terms
    obj = {"metadata": {"name": terms[0][2] if terms else ""}}
    assert again.matches(obj) == selector.matches(obj) == all(
        (obj["metadata"]["name"] if name == "metadata.name" else "") == value if operator == "=" else
        (obj["metadata"]["name"] if name == "metadata.name" else "") != value for name, operator, value in terms)
