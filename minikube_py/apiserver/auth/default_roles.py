"""The RBAC objects a Kubernetes 1.32 apiserver bootstraps (plugin/pkg/auth/authorizer/rbac/bootstrappolicy:
policy.go, controller_policy.go, namespace_policy.go, with 1.32's default feature gates): the ClusterRoles
(cluster-admin, the aggregated admin/edit/view and their `system:aggregate-to-*` parts, the system roles,
one role per controller), their ClusterRoleBindings, and the Roles and RoleBindings of kube-system and
kube-public. Each is labelled `kubernetes.io/bootstrapping: rbac-defaults` and annotated
`rbac.authorization.kubernetes.io/autoupdate: "true"`, as kube-apiserver writes them."""

from __future__ import annotations

from typing import Any

Object = dict[str, Any]
API_VERSION = "rbac.authorization.k8s.io/v1"
GROUP = "rbac.authorization.k8s.io"
CONTROLLER_PREFIX = "system:controller:"

READ = ("get", "list", "watch")
WRITE = ("create", "delete", "deletecollection", "patch", "update")
READ_WRITE = READ + WRITE

LEGACY, APPS, BATCH, EXTENSIONS, POLICY = "", "apps", "batch", "extensions", "policy"
AUTHENTICATION, AUTHORIZATION = "authentication.k8s.io", "authorization.k8s.io"
AUTOSCALING, CERTIFICATES, COORDINATION = "autoscaling", "certificates.k8s.io", "coordination.k8s.io"
DISCOVERY, EVENTS, NETWORKING, STORAGE = "discovery.k8s.io", "events.k8s.io", "networking.k8s.io", "storage.k8s.io"
ADMISSION_REGISTRATION, NODE = "admissionregistration.k8s.io", "node.k8s.io"

AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-"


def rule(verbs: tuple[str, ...] | list[str] | str, groups: tuple[str, ...] | str = (),
         resources: tuple[str, ...] | str = (), names: tuple[str, ...] | str = (),
         urls: tuple[str, ...] | str = ()) -> Object:
    """A PolicyRule as Kubernetes' rule builder makes it: every list sorted, empty lists left out."""
    built: Object = {}
    for key, values in (("apiGroups", groups), ("nonResourceURLs", urls), ("resourceNames", names),
                        ("resources", resources), ("verbs", verbs)):
        values = (values,) if isinstance(values, str) else tuple(values)
        if values:
            built[key] = sorted(values)
    return built


def events_rule() -> Object:
    return rule(("create", "update", "patch"), (LEGACY, EVENTS), "events")


def _metadata(name: str, labels: dict[str, str] | None = None, namespace: str = "") -> Object:
    meta: Object = {"name": name}
    if namespace:
        meta["namespace"] = namespace
    meta["labels"] = {"kubernetes.io/bootstrapping": "rbac-defaults", **(labels or {})}
    meta["annotations"] = {"rbac.authorization.kubernetes.io/autoupdate": "true"}
    return meta


def cluster_role(name: str, rules: list[Object], labels: dict[str, str] | None = None,
                 aggregate_from: str = "") -> Object:
    role: Object = {"apiVersion": API_VERSION, "kind": "ClusterRole", "metadata": _metadata(name, labels)}
    if aggregate_from:
        role["aggregationRule"] = {"clusterRoleSelectors": [{"matchLabels": {AGGREGATE_TO + aggregate_from: "true"}}]}
        role["rules"] = []
    else:
        role["rules"] = rules
    return role


def user(name: str) -> Object:
    return {"apiGroup": GROUP, "kind": "User", "name": name}


def group(name: str) -> Object:
    return {"apiGroup": GROUP, "kind": "Group", "name": name}


def service_account(namespace: str, name: str) -> Object:
    return {"kind": "ServiceAccount", "name": name, "namespace": namespace}


def binding(kind: str, name: str, role_kind: str, role: str, subjects: list[Object], namespace: str = "") -> Object:
    bound: Object = {"apiVersion": API_VERSION, "kind": kind, "metadata": _metadata(name, namespace=namespace),
                     "roleRef": {"apiGroup": GROUP, "kind": role_kind, "name": role}}
    if subjects:
        bound["subjects"] = subjects
    return bound


def _aggregated(to: str) -> dict[str, str]:
    return {AGGREGATE_TO + to: "true"}


# -- policy.go ----------------------------------------------------------------------------------------------
def _aggregate_to_view() -> list[Object]:
    return [
        rule(READ, LEGACY, ("pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts",
                            "services", "services/status", "endpoints", "persistentvolumeclaims",
                            "persistentvolumeclaims/status", "configmaps")),
        rule(READ, LEGACY, ("limitranges", "resourcequotas", "bindings", "events", "pods/status",
                            "resourcequotas/status", "namespaces/status", "replicationcontrollers/status",
                            "pods/log")),
        rule(READ, LEGACY, "namespaces"),
        rule(READ, DISCOVERY, "endpointslices"),
        rule(READ, APPS, ("controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale",
                          "daemonsets", "daemonsets/status", "deployments", "deployments/status",
                          "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale")),
        rule(READ, AUTOSCALING, ("horizontalpodautoscalers", "horizontalpodautoscalers/status")),
        rule(READ, BATCH, ("jobs", "cronjobs", "cronjobs/status", "jobs/status")),
        rule(READ, EXTENSIONS, ("daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                                "deployments/status", "ingresses", "ingresses/status", "replicasets",
                                "replicasets/scale", "replicasets/status", "replicationcontrollers/scale",
                                "networkpolicies")),
        rule(READ, POLICY, ("poddisruptionbudgets", "poddisruptionbudgets/status")),
        rule(READ, NETWORKING, ("ingresses", "ingresses/status", "networkpolicies")),
    ]


def _aggregate_to_edit() -> list[Object]:
    return [
        rule(READ, LEGACY, ("pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets",
                            "services/proxy")),
        rule("impersonate", LEGACY, "serviceaccounts"),
        rule(WRITE, LEGACY, ("pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward")),
        rule("create", LEGACY, "pods/eviction"),
        rule(WRITE, LEGACY, ("replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts",
                             "services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets",
                             "events")),
        rule("create", LEGACY, "serviceaccounts/token"),
        rule(WRITE, APPS, ("statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale",
                           "deployments/rollback", "replicasets", "replicasets/scale")),
        rule(WRITE, AUTOSCALING, "horizontalpodautoscalers"),
        rule(WRITE, BATCH, ("jobs", "cronjobs")),
        rule(WRITE, EXTENSIONS, ("daemonsets", "deployments", "deployments/scale", "deployments/rollback",
                                 "ingresses", "replicasets", "replicasets/scale", "replicationcontrollers/scale",
                                 "networkpolicies")),
        rule(WRITE, POLICY, "poddisruptionbudgets"),
        rule(WRITE, NETWORKING, ("ingresses", "networkpolicies")),
        rule(READ_WRITE, COORDINATION, "leases"),
    ]


def _node_rules() -> list[Object]:
    return [
        rule("create", AUTHENTICATION, "tokenreviews"),
        rule("create", AUTHORIZATION, ("subjectaccessreviews", "localsubjectaccessreviews")),
        rule(READ, LEGACY, "services"),
        rule(("create", "get", "list", "watch"), LEGACY, "nodes"),
        rule(("update", "patch"), LEGACY, "nodes/status"),
        rule(("update", "patch"), LEGACY, "nodes"),
        rule(("create", "update", "patch"), LEGACY, "events"),
        rule(READ, LEGACY, "pods"),
        rule(("create", "delete"), LEGACY, "pods"),
        rule(("update", "patch"), LEGACY, "pods/status"),
        rule("create", LEGACY, "pods/eviction"),
        rule(READ, LEGACY, ("secrets", "configmaps")),
        rule("get", LEGACY, ("persistentvolumeclaims", "persistentvolumes")),
        rule("get", LEGACY, "endpoints"),
        rule(("create", "get", "list", "watch"), CERTIFICATES, "certificatesigningrequests"),
        rule(("get", "create", "update", "patch", "delete"), COORDINATION, "leases"),
        rule("get", STORAGE, "volumeattachments"),
        rule("create", LEGACY, "serviceaccounts/token"),
        rule(("get", "update", "patch"), LEGACY, "persistentvolumeclaims/status"),
        rule(READ, STORAGE, "csidrivers"),
        rule(("create", "delete", "get", "patch", "update"), STORAGE, "csinodes"),
        rule(READ, NODE, "runtimeclasses"),
    ]


def _leader_rules(component: str) -> list[Object]:
    return [rule("create", COORDINATION, "leases"),
            rule(("get", "update"), COORDINATION, "leases", names=component)]


def _scheduler_rules() -> list[Object]:
    return [
        events_rule(),
        *_leader_rules("kube-scheduler"),
        rule(READ, LEGACY, "nodes"),
        rule(READ + ("delete",), LEGACY, "pods"),
        rule("create", LEGACY, ("pods/binding", "bindings")),
        rule(("patch", "update"), LEGACY, "pods/status"),
        rule(READ, LEGACY, ("replicationcontrollers", "services")),
        rule(READ, (APPS, EXTENSIONS), "replicasets"),
        rule(READ, APPS, "statefulsets"),
        rule(READ, POLICY, "poddisruptionbudgets"),
        rule(READ, LEGACY, ("persistentvolumeclaims", "persistentvolumes")),
        rule("create", AUTHENTICATION, "tokenreviews"),
        rule("create", AUTHORIZATION, "subjectaccessreviews"),
        rule(READ, STORAGE, "csinodes"),
        rule(READ, LEGACY, "namespaces"),
        rule(READ, STORAGE, "csidrivers"),
        rule(READ, STORAGE, "csistoragecapacities"),
    ]


def _controller_manager_rules() -> list[Object]:
    return [
        events_rule(),
        *_leader_rules("kube-controller-manager"),
        rule("create", LEGACY, ("secrets", "serviceaccounts")),
        rule("delete", LEGACY, "secrets"),
        rule("get", LEGACY, ("namespaces", "secrets", "serviceaccounts", "configmaps")),
        rule("update", LEGACY, ("secrets", "serviceaccounts")),
        rule("create", AUTHENTICATION, "tokenreviews"),
        rule("create", AUTHORIZATION, "subjectaccessreviews"),
        rule(("list", "watch"), "*", "*"),
        rule("create", LEGACY, "serviceaccounts/token"),
    ]


def _signer_approver(signer: str) -> Object:
    return cluster_role(f"system:certificates.k8s.io:{signer.removeprefix('kubernetes.io/')}-approver",
                        [rule("approve", CERTIFICATES, "signers", names=signer)])


def cluster_roles() -> list[Object]:
    """policy.go's ClusterRoles."""
    return [
        cluster_role("cluster-admin", [rule("*", "*", "*"), rule("*", urls="*")]),
        cluster_role("system:discovery", [rule("get", urls=("/livez", "/readyz", "/healthz", "/version", "/version/",
                                                             "/openapi", "/openapi/*", "/api", "/api/*", "/apis",
                                                             "/apis/*"))]),
        cluster_role("system:monitoring", [rule("get", urls=("/metrics", "/metrics/slis", "/livez", "/readyz",
                                                              "/healthz", "/livez/*", "/readyz/*", "/healthz/*"))]),
        cluster_role("system:basic-user", [
            rule("create", AUTHORIZATION, ("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
            rule("create", AUTHENTICATION, "selfsubjectreviews")]),
        cluster_role("system:public-info-viewer", [rule("get", urls=("/livez", "/readyz", "/healthz", "/version",
                                                                      "/version/"))]),
        cluster_role("admin", [], aggregate_from="admin"),
        cluster_role("edit", [], _aggregated("admin"), aggregate_from="edit"),
        cluster_role("view", [], _aggregated("edit"), aggregate_from="view"),
        cluster_role("system:aggregate-to-admin", [
            rule("create", AUTHORIZATION, "localsubjectaccessreviews"),
            rule(READ_WRITE, GROUP, ("roles", "rolebindings"))], _aggregated("admin")),
        cluster_role("system:aggregate-to-edit", _aggregate_to_edit(), _aggregated("edit")),
        cluster_role("system:aggregate-to-view", _aggregate_to_view(), _aggregated("view")),
        cluster_role("system:heapster", [rule(READ, LEGACY, ("events", "pods", "nodes", "namespaces")),
                                         rule(READ, EXTENSIONS, "deployments")]),
        cluster_role("system:node", _node_rules()),
        cluster_role("system:node-problem-detector", [rule("get", LEGACY, "nodes"),
                                                      rule("patch", LEGACY, "nodes/status"), events_rule()]),
        cluster_role("system:kubelet-api-admin", [rule(READ, LEGACY, "nodes"), rule("proxy", LEGACY, "nodes"),
                                                  rule("*", LEGACY, ("nodes/proxy", "nodes/metrics", "nodes/stats",
                                                                     "nodes/log"))]),
        cluster_role("system:node-bootstrapper", [
            rule(("create", "get", "list", "watch"), CERTIFICATES, "certificatesigningrequests")]),
        cluster_role("system:auth-delegator", [rule("create", AUTHENTICATION, "tokenreviews"),
                                               rule("create", AUTHORIZATION, "subjectaccessreviews")]),
        cluster_role("system:kube-aggregator", [rule(READ, LEGACY, ("services", "endpoints"))]),
        cluster_role("system:kube-controller-manager", _controller_manager_rules()),
        cluster_role("system:kube-dns", [rule(("list", "watch"), LEGACY, ("endpoints", "services"))]),
        cluster_role("system:persistent-volume-provisioner", [
            rule(("get", "list", "watch", "create", "delete"), LEGACY, "persistentvolumes"),
            rule(("get", "list", "watch", "update"), LEGACY, "persistentvolumeclaims"),
            rule(READ, STORAGE, "storageclasses"),
            rule("watch", LEGACY, "events"),
            events_rule()]),
        cluster_role("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [
            rule("create", CERTIFICATES, "certificatesigningrequests/nodeclient")]),
        cluster_role("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [
            rule("create", CERTIFICATES, "certificatesigningrequests/selfnodeclient")]),
        cluster_role("system:volume-scheduler", [
            rule(READ + ("patch", "update"), LEGACY, "persistentvolumes"),
            rule(READ, STORAGE, "storageclasses"),
            rule(READ + ("patch", "update"), LEGACY, "persistentvolumeclaims")]),
        _signer_approver("kubernetes.io/legacy-unknown"),
        _signer_approver("kubernetes.io/kube-apiserver-client"),
        _signer_approver("kubernetes.io/kube-apiserver-client-kubelet"),
        _signer_approver("kubernetes.io/kubelet-serving"),
        cluster_role("system:service-account-issuer-discovery", [
            rule("get", urls=("/.well-known/openid-configuration", "/openid/v1/jwks"))]),
        cluster_role("system:node-proxier", [
            rule(("list", "watch"), LEGACY, ("services", "endpoints")),
            rule(READ, LEGACY, "nodes"),
            events_rule(),
            rule(("list", "watch"), DISCOVERY, "endpointslices")]),
        cluster_role("system:kube-scheduler", _scheduler_rules()),
    ]


def cluster_role_bindings() -> list[Object]:
    """policy.go's ClusterRoleBindings."""
    def bound(role: str, subjects: list[Object], name: str = "") -> Object:
        return binding("ClusterRoleBinding", name or role, "ClusterRole", role, subjects)

    return [
        bound("cluster-admin", [group("system:masters")]),
        bound("system:monitoring", [group("system:monitoring")]),
        bound("system:discovery", [group("system:authenticated")]),
        bound("system:basic-user", [group("system:authenticated")]),
        bound("system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")]),
        bound("system:node-proxier", [user("system:kube-proxy")]),
        bound("system:kube-controller-manager", [user("system:kube-controller-manager")]),
        bound("system:kube-dns", [service_account("kube-system", "kube-dns")]),
        bound("system:kube-scheduler", [user("system:kube-scheduler")]),
        bound("system:volume-scheduler", [user("system:kube-scheduler")]),
        bound("system:node", []),
        bound("system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
    ]


# -- controller_policy.go -----------------------------------------------------------------------------------
def _controller_rules() -> dict[str, list[Object]]:
    """The rules of each controller's role, by controller name (1.32's default feature gates)."""
    status = ("patch", "update")
    return {
        "attachdetach-controller": [
            rule(("list", "watch"), LEGACY, ("persistentvolumes", "persistentvolumeclaims")),
            rule(READ, LEGACY, "nodes"),
            rule(status, LEGACY, "nodes/status"),
            rule(("list", "watch"), LEGACY, "pods"),
            events_rule(),
            rule(("get", "create", "delete", "list", "watch"), STORAGE, "volumeattachments"),
            rule(READ, STORAGE, "csidrivers"),
            rule(READ, STORAGE, "csinodes")],
        "clusterrole-aggregation-controller": [
            rule(("escalate", "get", "list", "watch", "update", "patch"), GROUP, "clusterroles")],
        "cronjob-controller": [
            rule(("get", "list", "watch", "update"), BATCH, "cronjobs"),
            rule(("get", "list", "watch", "create", "update", "delete", "patch"), BATCH, "jobs"),
            rule("update", BATCH, "cronjobs/status"),
            rule("update", BATCH, "cronjobs/finalizers"),
            rule(("list", "watch", "delete"), LEGACY, "pods"),
            events_rule()],
        "daemon-set-controller": [
            rule(READ, (EXTENSIONS, APPS), "daemonsets"),
            rule("update", (EXTENSIONS, APPS), "daemonsets/status"),
            rule("update", (EXTENSIONS, APPS), "daemonsets/finalizers"),
            rule(("list", "watch"), LEGACY, "nodes"),
            rule(("list", "watch", "create", "delete", "patch"), LEGACY, "pods"),
            rule("create", LEGACY, "pods/binding"),
            rule(READ + ("create", "delete", "update", "patch"), APPS, "controllerrevisions"),
            events_rule()],
        "deployment-controller": [
            rule(("get", "list", "watch", "update"), (EXTENSIONS, APPS), "deployments"),
            rule("update", (EXTENSIONS, APPS), "deployments/status"),
            rule("update", (EXTENSIONS, APPS), "deployments/finalizers"),
            rule(READ + ("create", "update", "patch", "delete"), (APPS, EXTENSIONS), "replicasets"),
            rule(("get", "list", "watch", "update"), LEGACY, "pods"),
            events_rule()],
        "disruption-controller": [
            rule(READ, (EXTENSIONS, APPS), "deployments"),
            rule(READ, (APPS, EXTENSIONS), "replicasets"),
            rule(READ, LEGACY, "replicationcontrollers"),
            rule(READ, POLICY, "poddisruptionbudgets"),
            rule(READ, APPS, "statefulsets"),
            rule("update", POLICY, "poddisruptionbudgets/status"),
            rule(status, LEGACY, "pods/status"),
            rule("get", "*", "*/scale"),
            events_rule()],
        "endpoint-controller": [
            rule(READ, LEGACY, ("services", "pods")),
            rule(READ + ("create", "update", "delete"), LEGACY, "endpoints"),
            rule("create", LEGACY, "endpoints/restricted"),
            events_rule()],
        "endpointslice-controller": [
            rule(READ, LEGACY, ("services", "pods", "nodes")),
            rule("update", LEGACY, "services/finalizers"),
            rule(READ + ("create", "update", "delete"), DISCOVERY, "endpointslices"),
            events_rule()],
        "endpointslicemirroring-controller": [
            rule(READ, LEGACY, ("services", "endpoints")),
            rule("update", LEGACY, "services/finalizers"),
            rule("update", LEGACY, "endpoints/finalizers"),
            rule(READ + ("create", "update", "delete"), DISCOVERY, "endpointslices"),
            events_rule()],
        "expand-controller": [
            rule(READ + ("update", "patch"), LEGACY, "persistentvolumes"),
            rule(("update", "patch"), LEGACY, "persistentvolumeclaims/status"),
            rule(READ, LEGACY, "persistentvolumeclaims"),
            events_rule(),
            rule("get", LEGACY, "services")],
        "ephemeral-volume-controller": [
            rule(READ, LEGACY, "pods"),
            rule("update", LEGACY, "pods/finalizers"),
            rule(READ + ("create",), LEGACY, "persistentvolumeclaims"),
            events_rule()],
        "generic-garbage-collector": [
            rule(READ + ("patch", "update", "delete"), "*", "*"),
            events_rule()],
        "horizontal-pod-autoscaler": [
            rule(READ, AUTOSCALING, "horizontalpodautoscalers"),
            rule("update", AUTOSCALING, "horizontalpodautoscalers/status"),
            rule(("get", "update"), "*", "*/scale"),
            rule(("list", "watch"), LEGACY, "pods"),
            rule(("list", "watch"), "metrics.k8s.io", "pods"),
            rule(READ, "custom.metrics.k8s.io", "*"),
            rule(READ, "external.metrics.k8s.io", "*"),
            events_rule()],
        "job-controller": [
            rule(READ + ("update", "patch"), BATCH, "jobs"),
            rule("update", BATCH, "jobs/status"),
            rule("update", BATCH, "jobs/finalizers"),
            rule(("list", "watch", "create", "delete", "patch"), LEGACY, "pods"),
            events_rule()],
        "namespace-controller": [
            rule(READ + ("delete",), LEGACY, "namespaces"),
            rule("update", LEGACY, ("namespaces/finalize", "namespaces/status")),
            rule(READ + ("delete", "deletecollection"), "*", "*")],
        "node-controller": [
            rule(READ + ("update", "delete", "patch"), LEGACY, "nodes"),
            rule(status, LEGACY, "nodes/status"),
            rule(status, LEGACY, "pods/status"),
            rule(READ + ("delete",), LEGACY, "pods"),
            events_rule()],
        "persistent-volume-binder": [
            rule(READ + ("update", "create", "delete"), LEGACY, "persistentvolumes"),
            rule("update", LEGACY, "persistentvolumes/status"),
            rule(READ + ("update",), LEGACY, "persistentvolumeclaims"),
            rule("update", LEGACY, "persistentvolumeclaims/status"),
            rule(READ + ("create", "delete"), LEGACY, "pods"),
            rule(READ, STORAGE, "storageclasses"),
            rule(("list", "watch"), LEGACY, "nodes"),
            events_rule(),
            rule("watch", LEGACY, "events"),
            rule("get", LEGACY, "services")],
        "pod-garbage-collector": [
            rule(("list", "watch", "delete"), LEGACY, "pods"),
            rule(READ, LEGACY, "nodes"),
            rule("patch", LEGACY, "pods/status")],
        "replicaset-controller": [
            rule(("get", "list", "watch", "update"), (APPS, EXTENSIONS), "replicasets"),
            rule("update", (APPS, EXTENSIONS), "replicasets/status"),
            rule("update", (APPS, EXTENSIONS), "replicasets/finalizers"),
            rule(("list", "watch", "patch", "create", "delete"), LEGACY, "pods"),
            events_rule()],
        "replication-controller": [
            rule(("get", "list", "watch", "update"), LEGACY, "replicationcontrollers"),
            rule("update", LEGACY, "replicationcontrollers/status"),
            rule("update", LEGACY, "replicationcontrollers/finalizers"),
            rule(("list", "watch", "patch", "create", "delete"), LEGACY, "pods"),
            events_rule()],
        "resourcequota-controller": [
            rule(("list", "watch"), "*", "*"),
            rule("update", LEGACY, "resourcequotas/status"),
            events_rule()],
        "route-controller": [
            rule(("list", "watch"), LEGACY, "nodes"),
            rule("patch", LEGACY, "nodes/status"),
            events_rule()],
        "service-account-controller": [
            rule("create", LEGACY, "serviceaccounts"),
            events_rule()],
        "service-controller": [
            rule(READ, LEGACY, "services"),
            rule(status, LEGACY, "services/status"),
            rule(("list", "watch"), LEGACY, "nodes"),
            events_rule()],
        "statefulset-controller": [
            rule(("list", "watch"), LEGACY, "pods"),
            rule(READ, APPS, "statefulsets"),
            rule("update", APPS, "statefulsets/status"),
            rule("update", APPS, "statefulsets/finalizers"),
            rule(("get", "create", "delete", "update", "patch"), LEGACY, "pods"),
            rule(("get", "create", "delete", "update", "patch", "list", "watch"), APPS, "controllerrevisions"),
            rule(("get", "create", "list", "watch"), LEGACY, "persistentvolumeclaims"),
            rule(("update", "delete"), LEGACY, "persistentvolumeclaims"),
            rule("update", LEGACY, "pods/finalizers"),
            events_rule()],
        "ttl-controller": [
            rule(("update", "patch", "list", "watch"), LEGACY, "nodes"),
            events_rule()],
        "certificate-controller": [
            rule(READ + ("delete",), CERTIFICATES, "certificatesigningrequests"),
            rule("update", CERTIFICATES, ("certificatesigningrequests/status", "certificatesigningrequests/approval")),
            rule("approve", CERTIFICATES, "signers", names="kubernetes.io/kube-apiserver-client-kubelet"),
            rule("sign", CERTIFICATES, "signers", names=(
                "kubernetes.io/legacy-unknown", "kubernetes.io/kube-apiserver-client",
                "kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving")),
            rule("create", AUTHORIZATION, "subjectaccessreviews"),
            events_rule()],
        "pvc-protection-controller": [
            rule(("get", "list", "watch", "update"), LEGACY, "persistentvolumeclaims"),
            rule(READ, LEGACY, "pods"),
            events_rule()],
        "pv-protection-controller": [
            rule(("get", "list", "watch", "update"), LEGACY, "persistentvolumes"),
            events_rule()],
        "ttl-after-finished-controller": [
            rule(READ + ("delete",), BATCH, "jobs"),
            events_rule()],
        "root-ca-cert-publisher": [
            rule(("create", "update"), LEGACY, "configmaps"),
            events_rule()],
        "validatingadmissionpolicy-status-controller": [
            rule(READ, ADMISSION_REGISTRATION, "validatingadmissionpolicies"),
            rule(("get", "patch", "update"), ADMISSION_REGISTRATION, "validatingadmissionpolicies/status"),
            events_rule()],
        "legacy-service-account-token-cleaner": [
            rule("get", LEGACY, "configmaps", names="kube-apiserver-legacy-service-account-token-tracking"),
            rule(("patch", "delete"), LEGACY, "secrets")],
    }


def controller_roles() -> list[Object]:
    return [cluster_role(CONTROLLER_PREFIX + name, rules) for name, rules in _controller_rules().items()]


def controller_role_bindings() -> list[Object]:
    """Each controller's role bound to its service account in kube-system."""
    return [binding("ClusterRoleBinding", CONTROLLER_PREFIX + name, "ClusterRole", CONTROLLER_PREFIX + name,
                    [service_account("kube-system", name)]) for name in _controller_rules()]


# -- namespace_policy.go ------------------------------------------------------------------------------------
def namespace_roles() -> list[Object]:
    def role(namespace: str, name: str, rules: list[Object]) -> Object:
        return {"apiVersion": API_VERSION, "kind": "Role", "metadata": _metadata(name, namespace=namespace),
                "rules": rules}

    leader = [rule(("watch", "get", "list", "create", "update"), COORDINATION, "leases"),
              rule(("watch", "get", "list", "create", "update"), COORDINATION, "leasecandidates")]
    return [
        role("kube-system", "extension-apiserver-authentication-reader", [
            rule(READ, LEGACY, "configmaps", names="extension-apiserver-authentication")]),
        role("kube-system", "system::leader-locking-kube-controller-manager", leader),
        role("kube-system", "system::leader-locking-kube-scheduler", leader),
        role("kube-system", CONTROLLER_PREFIX + "bootstrap-signer", [rule(READ, LEGACY, "secrets")]),
        role("kube-system", CONTROLLER_PREFIX + "cloud-provider", [rule(("create", "get", "list", "watch"), LEGACY,
                                                                        "configmaps")]),
        role("kube-system", CONTROLLER_PREFIX + "token-cleaner", [rule(READ + ("delete",), LEGACY, "secrets"),
                                                                  events_rule()]),
        role("kube-public", CONTROLLER_PREFIX + "bootstrap-signer", [
            rule(READ, LEGACY, "configmaps"),
            rule("update", LEGACY, "configmaps", names="cluster-info"),
            events_rule()]),
    ]


def namespace_role_bindings() -> list[Object]:
    def bound(namespace: str, name: str, role: str, subjects: list[Object]) -> Object:
        return binding("RoleBinding", name, "Role", role, subjects, namespace)

    signer = CONTROLLER_PREFIX + "bootstrap-signer"
    return [
        bound("kube-system", "system::extension-apiserver-authentication-reader",
              "extension-apiserver-authentication-reader",
              [user("system:kube-controller-manager"), user("system:kube-scheduler")]),
        bound("kube-system", "system::leader-locking-kube-controller-manager",
              "system::leader-locking-kube-controller-manager",
              [user("system:kube-controller-manager"), service_account("kube-system", "kube-controller-manager"),
               service_account("kube-system", "leader-election-controller")]),
        bound("kube-system", "system::leader-locking-kube-scheduler", "system::leader-locking-kube-scheduler",
              [user("system:kube-scheduler"), service_account("kube-system", "kube-scheduler")]),
        bound("kube-system", signer, signer, [service_account("kube-system", "bootstrap-signer")]),
        bound("kube-system", CONTROLLER_PREFIX + "cloud-provider", CONTROLLER_PREFIX + "cloud-provider",
              [service_account("kube-system", "cloud-provider")]),
        bound("kube-system", CONTROLLER_PREFIX + "token-cleaner", CONTROLLER_PREFIX + "token-cleaner",
              [service_account("kube-system", "token-cleaner")]),
        bound("kube-public", signer, signer, [service_account("kube-system", "bootstrap-signer")]),
    ]


def kubeadm_rbac_objects() -> list[Object]:
    """The bindings `kubeadm init` adds (not the apiserver): group kubeadm:cluster-admins (admin.conf's and
    apiserver-kubelet-client's O since kubeadm 1.29) is cluster-admin; the kube-proxy service account is a
    node proxier. Unlabelled, as kubeadm writes them."""
    def bound(name: str, role: str, subjects: list[Object]) -> Object:
        return {"apiVersion": API_VERSION, "kind": "ClusterRoleBinding", "metadata": {"name": name},
                "roleRef": {"apiGroup": GROUP, "kind": "ClusterRole", "name": role}, "subjects": subjects}

    return [bound("kubeadm:cluster-admins", "cluster-admin", [group("kubeadm:cluster-admins")]),
            bound("kubeadm:node-proxier", "system:node-proxier", [service_account("kube-system", "kube-proxy")])]


def default_rbac_objects() -> list[Object]:
    """Every bootstrap RBAC object, ClusterRoles and ClusterRoleBindings first, then the namespaced ones. The
    aggregated ClusterRoles (admin, edit, view) come with the rules the aggregation controller gives them
    moments after a real apiserver starts, so that `get clusterrole view -o yaml` shows them at once."""
    from .rbac import aggregate

    roles = [*cluster_roles(), *controller_roles()]
    aggregated = aggregate(roles)
    for role in roles:
        role["rules"] = aggregated.get(role["metadata"]["name"], role["rules"])
    return [*roles, *cluster_role_bindings(), *controller_role_bindings(), *namespace_roles(),
            *namespace_role_bindings()]
