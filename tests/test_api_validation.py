"""Validation as `kubectl create/apply/replace --dry-run=server` users meet it: the exact 400 and 422 messages of a
1.32 apiserver, fieldValidation Strict/Warn/Ignore, what may not change on update, and custom resources."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minikube_py.api.defaults import apply_defaults
from minikube_py.api.errors import StatusError
from minikube_py.api.registry import Resource, builtin_registry
from minikube_py.api.validation import load_json, validate_create, validate_custom, validate_update

REGISTRY = builtin_registry()


def resource(api_version: str, kind: str) -> Resource:
    found = REGISTRY.for_api_version(api_version, kind)
    assert found is not None
    return found


def new(api_version: str, kind: str, name: str = "web", **fields: Any) -> tuple[Resource, dict[str, Any]]:
    """A defaulted object as the apiserver holds it before validation (namespace from the URL)."""
    res = resource(api_version, kind)
    metadata: dict[str, Any] = {"name": name, **({"namespace": "default"} if res.namespaced else {})}
    obj = {"apiVersion": api_version, "kind": kind, "metadata": metadata, **copy.deepcopy(fields)}
    apply_defaults(res, obj)
    return res, obj


def refusal(res: Resource, obj: dict[str, Any], **options: Any) -> StatusError:
    with pytest.raises(StatusError) as refused:
        validate_create(res, obj, **options)
    return refused.value


def pod_spec(**container: Any) -> dict[str, Any]:
    return {"containers": [{"name": "app", "image": "nginx:1.27", **container}]}


def template(labels: dict[str, str], **spec: Any) -> dict[str, Any]:
    return {"metadata": {"labels": labels}, "spec": {**pod_spec(), **spec}}


# --- decoding: types and unknown fields -------------------------------------------------------------------------

def test_a_value_of_the_wrong_type_is_the_decoders_bad_request() -> None:
    res, obj = new("v1", "Pod", spec={"containers": "nginx"})
    error = refusal(res, obj)
    assert (error.code, error.reason) == (400, "BadRequest")
    assert error.message == ('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go '
                             'struct field PodSpec.spec.containers of type []v1.Container')


@pytest.mark.parametrize(("spec", "message"), [
    ({"replicas": "3"}, "cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),
    ({"replicas": 1.5}, "cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"),
    ({"paused": "yes"}, "cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool"),
    ({"template": {"metadata": {"labels": {"app": 1}}}},
     "cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string"),
])
def test_type_errors_name_the_go_struct_field(spec: dict[str, Any], message: str) -> None:
    res = resource("apps/v1", "Deployment")
    obj = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
           "spec": spec}
    assert refusal(res, obj).message == f'Deployment in version "v1" cannot be handled as a Deployment: json: {message}'


def test_a_malformed_quantity_is_refused_with_the_quantity_pattern() -> None:
    res, obj = new("v1", "Pod", spec=pod_spec(resources={"limits": {"memory": "1 gig"}}))
    assert refusal(res, obj).message == (
        "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression "
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")


def test_strict_field_validation_lists_every_unknown_field() -> None:
    res, obj = new("v1", "Pod", spec={**pod_spec(imagePullPolicyy="Always"), "foo": 1})
    error = refusal(res, obj, field_validation="Strict")
    assert error.code == 400
    assert error.message == ('Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field '
                             '"spec.containers[0].imagePullPolicyy", unknown field "spec.foo"')


def test_warn_returns_the_unknown_fields_and_drops_them() -> None:
    res, obj = new("v1", "Pod", spec={**pod_spec(), "foo": 1})
    assert validate_create(res, obj, field_validation="Warn") == ['unknown field "spec.foo"']
    assert "foo" not in obj["spec"]


def test_ignore_drops_unknown_fields_silently() -> None:
    res, obj = new("v1", "ConfigMap", data={"a": "b"}, extra={"x": 1})
    assert validate_create(res, obj, field_validation="Ignore") == []
    assert "extra" not in obj


def test_nulls_are_dropped_and_whole_floats_become_integers() -> None:
    res, obj = new("apps/v1", "Deployment", spec={"replicas": 2.0, "paused": None,
                                                   "selector": {"matchLabels": {"app": "web"}},
                                                   "template": template({"app": "web"})})
    validate_create(res, obj)
    assert obj["spec"]["replicas"] == 2 and isinstance(obj["spec"]["replicas"], int)
    assert "paused" not in obj["spec"]


def test_secret_data_must_be_base64() -> None:
    res, obj = new("v1", "Secret", data={"password": "not base64!"})
    assert refusal(res, obj).message == ('Secret in version "v1" cannot be handled as a Secret: illegal base64 data '
                                         "at input byte 3")


# --- pods -------------------------------------------------------------------------------------------------------

def test_a_pod_without_containers() -> None:
    res, obj = new("v1", "Pod", spec={})
    error = refusal(res, obj)
    assert (error.code, error.reason) == (422, "Invalid")
    assert error.message == 'Pod "web" is invalid: spec.containers: Required value'
    assert error.details["causes"] == [{"reason": "FieldValueRequired", "message": "Required value",
                                        "field": "spec.containers"}]


def test_pod_container_errors_are_listed_in_kubernetes_order() -> None:
    res, obj = new("v1", "Pod", spec={"containers": [
        {"name": "app"},
        {"name": "app", "image": "nginx", "ports": [{"containerPort": 70000, "name": "http"},
                                                    {"containerPort": 80, "name": "http"}]}]})
    assert refusal(res, obj).message == (
        'Pod "web" is invalid: [spec.containers[0].image: Required value, spec.containers[1].ports[0].containerPort: '
        'Invalid value: 70000: must be between 1 and 65535, inclusive, spec.containers[1].ports[1].name: Duplicate '
        'value: "http", spec.containers[1].name: Duplicate value: "app"]')


def test_a_pod_name_must_be_a_dns_subdomain() -> None:
    res, obj = new("v1", "Pod", name="Web", spec=pod_spec())
    assert refusal(res, obj).message.startswith(
        'Pod "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of '
        "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")


@pytest.mark.parametrize(("spec", "cause"), [
    ({**pod_spec(), "restartPolicy": "Sometimes"},
     'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'),
    (pod_spec(imagePullPolicy="Sometimes"), 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": '
                                            'supported values: "Always", "IfNotPresent", "Never"'),
    (pod_spec(resources={"limits": {"cpu": "1"}, "requests": {"cpu": "2"}}),
     'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'),
    (pod_spec(volumeMounts=[{"name": "data", "mountPath": "/data"}]),
     'spec.containers[0].volumeMounts[0].name: Not found: "data"'),
    (pod_spec(livenessProbe={"periodSeconds": 5}), "spec.containers[0].livenessProbe: Required value: must specify a "
                                                   "handler type"),
    (pod_spec(readinessProbe={"httpGet": {"port": "web_http"}}),
     'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "web_http": must contain only alphanumeric '
     "characters (a-z, 0-9), and hyphens (-)"),
    (pod_spec(ports=[{"containerPort": 80, "protocol": "HTTP"}]),
     'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'),
    ({**pod_spec(), "volumes": [{"name": "v", "emptyDir": {}, "hostPath": {"path": "/x"}}]},
     "spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type"),
    ({**pod_spec(), "tolerations": [{"operator": "Equal", "value": "x"}]},
     'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means '
     '"match all values and all keys"'),
])
def test_pod_spec_rules(spec: dict[str, Any], cause: str) -> None:
    res, obj = new("v1", "Pod", spec=spec)
    assert refusal(res, obj).message == f'Pod "web" is invalid: {cause}'


def test_a_valid_pod_passes_and_gets_no_warnings() -> None:
    res, obj = new("v1", "Pod", spec=pod_spec(ports=[{"containerPort": 80, "name": "http"}],
                                              resources={"limits": {"cpu": "500m", "memory": "128Mi"}},
                                              livenessProbe={"httpGet": {"path": "/", "port": "http"}}))
    assert validate_create(res, obj) == []


def test_pod_updates_may_only_change_images_and_a_few_fields() -> None:
    res, old = new("v1", "Pod", spec=pod_spec())
    changed_image = copy.deepcopy(old)
    changed_image["spec"]["containers"][0]["image"] = "nginx:1.28"
    changed_image["metadata"]["labels"] = {"tier": "web"}
    assert validate_update(res, changed_image, old) == []
    changed_port = copy.deepcopy(old)
    changed_port["spec"]["containers"][0]["ports"] = [{"containerPort": 8080, "protocol": "TCP"}]
    with pytest.raises(StatusError) as refused:
        validate_update(res, changed_port, old)
    assert refused.value.message.startswith(
        'Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than '
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` "
        "(only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it "
        "was previously negative)\n")


def test_metadata_name_is_immutable() -> None:
    res, old = new("v1", "ConfigMap", data={"a": "b"})
    renamed = copy.deepcopy(old)
    renamed["metadata"]["name"] = "other"
    with pytest.raises(StatusError) as refused:
        validate_update(res, renamed, old)
    assert refused.value.message == ('ConfigMap "other" is invalid: metadata.name: Invalid value: "other": '
                                     "field is immutable")


# --- metadata ---------------------------------------------------------------------------------------------------

def test_namespace_names_are_dns_labels_and_cluster_objects_have_no_namespace() -> None:
    res, obj = new("v1", "Namespace", name="team.a")
    assert refusal(res, obj).message == ('Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": '
                                         "must not contain dots")
    res, obj = new("v1", "Namespace", name="team-a")
    obj["metadata"]["namespace"] = "default"
    assert refusal(res, obj).message == ('Namespace "team-a" is invalid: metadata.namespace: Forbidden: not allowed '
                                         "on this type")


def test_annotations_are_limited_in_total_size() -> None:
    res, obj = new("v1", "ConfigMap")
    obj["metadata"]["annotations"] = {"big": "x" * (256 * 1024)}
    message = refusal(res, obj).message
    assert message.startswith('ConfigMap "web" is invalid: metadata.annotations: Too long: ')
    assert "262144 bytes" in message


def test_a_name_is_required_unless_generated() -> None:
    res, obj = new("v1", "ConfigMap", name="")
    assert refusal(res, obj).message == ('ConfigMap "" is invalid: metadata.name: Required value: name or '
                                         "generateName is required")


# --- workloads --------------------------------------------------------------------------------------------------

def test_a_deployment_needs_a_selector_matching_its_template() -> None:
    res, obj = new("apps/v1", "Deployment", spec={"template": template({"app": "x"})})
    assert refusal(res, obj).message == (
        'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid '
        'value: map[string]string{"app":"x"}: `selector` does not match template `labels`]')


def test_deployment_template_and_strategy_rules() -> None:
    res, obj = new("apps/v1", "Deployment", spec={
        "selector": {"matchLabels": {"app": "x"}},
        "strategy": {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}},
        "template": template({"app": "x"}, restartPolicy="OnFailure")})
    assert refusal(res, obj).message == (
        'Deployment.apps "web" is invalid: [spec.template.spec.restartPolicy: Unsupported value: "OnFailure": '
        'supported values: "Always", spec.strategy.rollingUpdate.maxUnavailable: Invalid value: '
        'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0]')


def test_a_deployments_selector_is_immutable() -> None:
    res, old = new("apps/v1", "Deployment", spec={"selector": {"matchLabels": {"app": "x"}},
                                                   "template": template({"app": "x", "v": "2"})})
    validate_create(res, old)
    changed = copy.deepcopy(old)
    changed["spec"]["selector"] = {"matchLabels": {"app": "x", "v": "2"}}
    with pytest.raises(StatusError) as refused:
        validate_update(res, changed, old)
    assert refused.value.message == (
        'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:'
        'map[string]string{"app":"x", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is '
        "immutable")


def test_a_job_gets_its_selector_and_labels_generated() -> None:
    res, obj = new("batch/v1", "Job", spec={"template": {"spec": {**pod_spec(), "restartPolicy": "Never"}}})
    obj["metadata"]["uid"] = "1234"
    validate_create(res, obj)
    assert obj["spec"]["selector"] == {"matchLabels": {"batch.kubernetes.io/controller-uid": "1234"}}
    assert obj["spec"]["template"]["metadata"]["labels"] == {
        "batch.kubernetes.io/controller-uid": "1234", "batch.kubernetes.io/job-name": "web",
        "controller-uid": "1234", "job-name": "web"}


def test_a_job_template_may_not_restart_always() -> None:
    res, obj = new("batch/v1", "Job", spec={"template": {"spec": pod_spec()}})
    obj["metadata"]["uid"] = "1234"
    assert refusal(res, obj).message == ('Job.batch "web" is invalid: spec.template.spec.restartPolicy: Unsupported '
                                         'value: "Always": supported values: "OnFailure", "Never"')


def test_a_replication_controller_selector_must_match() -> None:
    res, obj = new("v1", "ReplicationController",
                   spec={"selector": {"app": "y"}, "template": template({"app": "x"})})
    assert refusal(res, obj).message == ('ReplicationController "web" is invalid: spec.template.metadata.labels: '
                                         'Invalid value: map[string]string{"app":"x"}: `selector` does not match '
                                         "template `labels`")


def test_a_cronjob_schedule_must_parse() -> None:
    res, obj = new("batch/v1", "CronJob", spec={"schedule": "every minute", "jobTemplate": {"spec": {
        "template": {"spec": {**pod_spec(), "restartPolicy": "OnFailure"}}}}})
    assert refusal(res, obj).message == ('CronJob.batch "web" is invalid: spec.schedule: Invalid value: '
                                         '"every minute": expected exactly 5 fields, found 2: [every minute]')


# --- services ---------------------------------------------------------------------------------------------------

def test_service_names_are_dns_1035_labels_and_ports_are_checked() -> None:
    res, obj = new("v1", "Service", name="1web", spec={"ports": [{"port": 80}, {"port": 0, "name": "b"}]})
    assert refusal(res, obj).message == (
        'Service "1web" is invalid: [metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case '
        "alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character "
        "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?'), "
        "spec.ports[0].name: Required value, spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, "
        "inclusive]")


def test_node_ports_must_be_in_the_configured_range() -> None:
    res, obj = new("v1", "Service", spec={"type": "NodePort", "ports": [{"port": 80, "nodePort": 40000}]})
    assert refusal(res, obj).message == ('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 40000: '
                                         "provided port is not in the valid range. The range of valid ports is "
                                         "30000-32767")
    assert validate_create(res, obj, node_port_range=(30000, 40000)) == []


def test_a_cluster_ip_service_may_not_set_node_ports() -> None:
    res, obj = new("v1", "Service", spec={"ports": [{"port": 80, "nodePort": 30080}]})
    assert refusal(res, obj).message == ('Service "web" is invalid: spec.ports[0].nodePort: Forbidden: may not be '
                                         "used when `type` is 'ClusterIP'")


def test_the_cluster_ip_may_not_change() -> None:
    res, old = new("v1", "Service", spec={"ports": [{"port": 80}], "clusterIP": "10.96.0.10"})
    changed = copy.deepcopy(old)
    changed["spec"]["clusterIP"] = "10.96.0.11"
    changed["spec"]["clusterIPs"] = ["10.96.0.11"]
    with pytest.raises(StatusError) as refused:
        validate_update(res, changed, old)
    assert refused.value.message == ('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: '
                                     '[]string{"10.96.0.11"}: may not change once set')


# --- other kinds ------------------------------------------------------------------------------------------------

def test_ingress_paths_need_a_type_and_an_absolute_path() -> None:
    backend = {"service": {"name": "web", "port": {"number": 80}}}
    res, obj = new("networking.k8s.io/v1", "Ingress", spec={"rules": [{"host": "example.com", "http": {"paths": [
        {"path": "/", "backend": backend}, {"path": "api", "pathType": "Prefix", "backend": backend}]}}]})
    assert refusal(res, obj).message == (
        'Ingress.networking.k8s.io "web" is invalid: [spec.rules[0].http.paths[0].pathType: Required value: pathType '
        'must be specified, spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path]')


def test_rbac_rules_and_bindings() -> None:
    res, obj = new("rbac.authorization.k8s.io/v1", "Role", rules=[{"resources": ["pods"]}])
    assert refusal(res, obj).message == (
        'Role.rbac.authorization.k8s.io "web" is invalid: [rules[0].verbs: Required value: verbs must contain at '
        "least one value, rules[0].apiGroups: Required value: resource rules must supply at least one api group]")
    res, old = new("rbac.authorization.k8s.io/v1", "RoleBinding", name="system:read",
                   roleRef={"kind": "Role", "name": "reader"}, subjects=[{"kind": "User", "name": "jane"}])
    assert validate_create(res, old) == []
    changed = copy.deepcopy(old)
    changed["roleRef"]["name"] = "writer"
    with pytest.raises(StatusError) as refused:
        validate_update(res, changed, old)
    assert refused.value.message == ('RoleBinding.rbac.authorization.k8s.io "system:read" is invalid: roleRef: '
                                     'Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", '
                                     'Name:"writer"}: cannot change roleRef')


def test_immutable_config_maps_keep_their_data() -> None:
    res, old = new("v1", "ConfigMap", data={"a": "1"}, immutable=True)
    changed = copy.deepcopy(old)
    changed["data"]["a"] = "2"
    with pytest.raises(StatusError) as refused:
        validate_update(res, changed, old)
    assert refused.value.message == ('ConfigMap "web" is invalid: data: Forbidden: field is immutable when '
                                     "`immutable` is set")


def test_a_claim_needs_access_modes_and_a_size() -> None:
    res, obj = new("v1", "PersistentVolumeClaim", spec={})
    assert refusal(res, obj).message == ('PersistentVolumeClaim "web" is invalid: [spec.accessModes: Required value: '
                                         "at least 1 access mode is required, spec.resources[storage]: Required value]")


def test_a_pdb_may_not_set_both_bounds() -> None:
    res, obj = new("policy/v1", "PodDisruptionBudget", spec={"minAvailable": 1, "maxUnavailable": "50%"})
    assert refusal(res, obj).message == ('PodDisruptionBudget.policy "web" is invalid: spec: Invalid value: "": '
                                         "minAvailable and maxUnavailable cannot be both set")


# --- custom resources -------------------------------------------------------------------------------------------

CRONTAB_SCHEMA = {"type": "object", "properties": {
    "spec": {"type": "object", "required": ["cronSpec"], "properties": {
        "cronSpec": {"type": "string", "pattern": r"^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$"},
        "image": {"type": "string"},
        "replicas": {"type": "integer", "minimum": 1, "maximum": 10},
        "mode": {"type": "string", "enum": ["fast", "slow"]},
        "config": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}}}}}


def crontab(**spec: Any) -> dict[str, Any]:
    return {"apiVersion": "stable.example.com/v1", "kind": "CronTab",
            "metadata": {"name": "my-cron", "namespace": "default"}, "spec": spec}


def test_a_custom_object_is_pruned_and_strictly_checked() -> None:
    obj = crontab(cronSpec="* * * * */5", image="my-cron", color="blue", config={"anything": {"goes": 1}})
    assert validate_custom(CRONTAB_SCHEMA, obj, "CronTab", "stable.example.com", field_validation="Warn") == [
        'unknown field "spec.color"']
    assert obj["spec"] == {"cronSpec": "* * * * */5", "image": "my-cron", "config": {"anything": {"goes": 1}}}
    with pytest.raises(StatusError) as refused:
        validate_custom(CRONTAB_SCHEMA, crontab(cronSpec="* * * * */5", color="blue"), "CronTab", "stable.example.com")
    assert refused.value.message == ('CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: '
                                     'unknown field "spec.color"')


def test_a_custom_object_breaking_its_schema() -> None:
    with pytest.raises(StatusError) as refused:
        validate_custom(CRONTAB_SCHEMA, crontab(replicas=11, mode="turbo", image=3), "CronTab", "stable.example.com")
    assert refused.value.code == 422
    assert refused.value.message == (
        'CronTab.stable.example.com "my-cron" is invalid: [spec.cronSpec: Required value, spec.image: Invalid value: '
        '"integer": spec.image in body must be of type string: "integer", spec.mode: Unsupported value: "turbo": '
        'supported values: "fast", "slow", spec.replicas: Invalid value: 11: spec.replicas in body should be less '
        "than or equal to 10]")


def test_a_crd_name_must_be_plural_dot_group() -> None:
    res, obj = new("apiextensions.k8s.io/v1", "CustomResourceDefinition", name="crontab.stable.example.com", spec={
        "group": "stable.example.com", "scope": "Namespaced",
        "names": {"plural": "crontabs", "kind": "CronTab"},
        "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": CRONTAB_SCHEMA}}]})
    assert refusal(res, obj).message == (
        'CustomResourceDefinition.apiextensions.k8s.io "crontab.stable.example.com" is invalid: metadata.name: Invalid '
        'value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group')
    obj["metadata"]["name"] = "crontabs.stable.example.com"
    assert validate_create(res, obj) == []
    assert obj["spec"]["names"]["singular"] == "crontab" and obj["spec"]["names"]["listKind"] == "CronTabList"


def test_duplicate_fields_of_a_json_body_are_strict_errors() -> None:
    body = ('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web", "namespace": "default", '
            '"name": "web2"}, "data": {"a": "1", "a": "2"}}')
    obj, duplicates = load_json(body)
    assert duplicates == ["metadata.name", "data.a"]
    assert obj["data"] == {"a": "2"} and obj["metadata"]["name"] == "web2"
    res = resource("v1", "ConfigMap")
    assert validate_create(res, copy.deepcopy(obj), "Warn", duplicate_fields=duplicates) == [
        'duplicate field "metadata.name"', 'duplicate field "data.a"']
    assert refusal(res, obj, duplicate_fields=duplicates).message == (
        'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: duplicate field '
        '"metadata.name", duplicate field "data.a"')


def test_node_taints_as_kubectl_taint_writes_them() -> None:
    res, obj = new("v1", "Node", name="node01", spec={"taints": [
        {"key": "dedicated", "value": "gpu", "effect": "NoSchedule"},
        {"key": "dedicated", "value": "db", "effect": "NoSchedule"},
        {"key": "spot", "effect": "Sometimes"}]})
    assert refusal(res, obj).message == (
        'Node "node01" is invalid: [spec.taints[1]: Duplicate value: core.Taint{Key:"dedicated", Value:"db", '
        'Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair, spec.taints[2].effect: '
        'Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"]')


def test_accepted_pods_and_templates_come_with_kubernetes_warnings() -> None:
    container = {"name": "app", "image": "nginx", "env": [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}],
                 "ports": [{"containerPort": 80}, {"containerPort": 80}]}
    res, obj = new("apps/v1", "Deployment", spec={
        "selector": {"matchLabels": {"app": "x"}},
        "template": {"metadata": {"labels": {"app": "x"}}, "spec": {
            "containers": [container], "nodeSelector": {"beta.kubernetes.io/os": "linux"}}}})
    assert validate_create(res, obj) == [
        'spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" '
        "instead",
        'spec.template.spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using '
        "apply",
        "spec.template.spec.containers[0].ports[1]: duplicate port definition with "
        "spec.template.spec.containers[0].ports[0]"]


# --- robustness -------------------------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
        ["name", "image", "ports", "containerPort", "labels", "selector", "matchLabels", "spec", "template",
         "metadata", "containers", "replicas", "resources", "limits", "cpu", "type", "port", "x"]), inner, max_size=4),
    max_leaves=12)
RICH_POD_SPEC = {
    "containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 80, "name": "http"}],
                    "env": [{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "k"}}}],
                    "resources": {"limits": {"cpu": "1"}, "requests": {"cpu": "500m"}},
                    "livenessProbe": {"httpGet": {"path": "/", "port": "http"}},
                    "lifecycle": {"preStop": {"exec": {"command": ["sh"]}}},
                    "volumeMounts": [{"name": "v", "mountPath": "/v"}], "securityContext": {"runAsUser": 1}}],
    "volumes": [{"name": "v", "configMap": {"name": "c", "items": [{"key": "k", "path": "p"}]}}],
    "tolerations": [{"key": "k", "operator": "Exists"}], "nodeSelector": {"a": "b"},
    "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": "k", "operator": "In", "values": ["v"]}]}]}},
                 "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                     {"weight": 1, "podAffinityTerm": {"topologyKey": "t",
                                                       "labelSelector": {"matchLabels": {"a": "b"}}}}]}},
    "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "t", "whenUnsatisfiable": "DoNotSchedule"}]}
BASES = [
    ("v1", "Pod", {"spec": RICH_POD_SPEC}),
    ("v1", "Service", {"spec": {"type": "NodePort", "selector": {"a": "b"},
                                "ports": [{"port": 80, "name": "a", "nodePort": 30001}, {"port": 81, "name": "b"}]}}),
    ("apps/v1", "Deployment", {"spec": {"selector": {"matchLabels": {"app": "x"}},
                                        "strategy": {"rollingUpdate": {"maxSurge": 1}},
                                        "template": {"metadata": {"labels": {"app": "x"}}, "spec": RICH_POD_SPEC}}}),
    ("apps/v1", "StatefulSet", {"spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "Exists"}]},
                                         "volumeClaimTemplates": [{"metadata": {"name": "d"}, "spec": {
                                             "accessModes": ["ReadWriteOnce"],
                                             "resources": {"requests": {"storage": "1Gi"}}}}],
                                         "template": template({"app": "x"})}}),
    ("batch/v1", "CronJob", {"spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {
        "template": {"spec": {**pod_spec(), "restartPolicy": "Never"}}}}}}),
    ("networking.k8s.io/v1", "Ingress", {"spec": {"rules": [{"host": "a.b", "http": {"paths": [
        {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "s", "port": {"number": 80}}}}]}}]}}),
    ("networking.k8s.io/v1", "NetworkPolicy", {"spec": {"podSelector": {}, "ingress": [{"from": [
        {"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}], "ports": [{"port": 80, "endPort": 90}]}]}}),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", {"roleRef": {"kind": "Role", "name": "r"},
                                                     "subjects": [{"kind": "ServiceAccount", "name": "s"}]}),
    ("v1", "LimitRange", {"spec": {"limits": [{"type": "Container", "max": {"cpu": "2"}, "min": {"cpu": "100m"}}]}}),
    ("v1", "Secret", {"type": "kubernetes.io/tls", "data": {"tls.crt": "YQ==", "tls.key": "YQ=="}}),
]


@pytest.mark.parametrize("base", BASES, ids=lambda base: base[1])
def test_the_fuzzing_bases_are_valid(base: tuple[str, str, dict[str, Any]]) -> None:
    res, obj = new(base[0], base[1], **base[2])
    obj["metadata"]["uid"] = "u"
    assert validate_create(res, obj) == []


@settings(max_examples=300, deadline=None)
@given(base=st.sampled_from(BASES), data=st.data(), key=st.sampled_from(["x", "name", "spec", "port", "values"]),
       value=JSON_VALUES)
def test_any_body_is_accepted_or_refused_with_a_status(base: tuple[str, str, dict[str, Any]], data: Any, key: str,
                                                        value: Any) -> None:
    """Whatever is put wherever in an object, validation answers with warnings or a 400/422, never a crash."""
    api_version, kind, fields = base
    res = resource(api_version, kind)
    obj: dict[str, Any] = {"apiVersion": api_version, "kind": kind,
                           "metadata": {"name": "web", "namespace": "default", "uid": "u"}, **copy.deepcopy(fields)}
    target: Any = obj
    while target and data.draw(st.booleans()):
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        child = target[data.draw(st.sampled_from(keys))]
        if not isinstance(child, (dict, list)):
            break
        target = child
    if isinstance(target, dict):
        target[key] = value
    elif isinstance(target, list):
        target.insert(data.draw(st.integers(0, len(target))), value)
    apply_defaults(res, obj)
    try:
        assert isinstance(validate_create(res, obj, "Warn"), list)
    except StatusError as error:
        assert error.code in (400, 422)
