"""The bootstrap RBAC objects of Kubernetes 1.32 at work: what view, edit and admin let a user do in a
namespace, what every authenticated (or anonymous) user may do, what the system components and controllers
may do, and the objects' shape (labels, annotations, aggregation)."""

from __future__ import annotations

from test_auth_support import FakeReader, cluster_role_binding, role_binding, subject

from minikube_py.apiserver.auth import (
    RBACAuthorizer,
    RequestAttributes,
    aggregate,
    anonymous,
    authenticated,
    default_rbac_objects,
    kubeadm_rbac_objects,
    service_account_user,
)

JANE = authenticated("jane")


def can(authorizer: RBACAuthorizer, verb: str, resource: str, namespace: str = "dev", group: str = "",
        user=JANE, subresource: str = "") -> bool:
    return authorizer.authorize(RequestAttributes(user, verb, namespace, group, resource, subresource)).allowed


def can_get_path(authorizer: RBACAuthorizer, path: str, user=JANE) -> bool:
    return authorizer.authorize(RequestAttributes(user, "get", path=path, resource_request=False)).allowed


def grant(reader: FakeReader, cluster_role: str) -> None:
    reader.add(role_binding(f"jane-{cluster_role}", "dev", "ClusterRole", cluster_role, subject("User", "jane")))


def test_view_reads_workloads_but_not_secrets(reader, authorizer) -> None:
    assert not can(authorizer, "get", "pods")
    grant(reader, "view")
    assert can(authorizer, "get", "pods") and can(authorizer, "list", "deployments", group="apps")
    assert can(authorizer, "get", "pods", subresource="log")
    assert not can(authorizer, "get", "secrets")
    assert not can(authorizer, "create", "pods")
    assert not can(authorizer, "get", "pods", namespace="prod")


def test_edit_creates_deployments_and_reads_secrets_but_grants_nothing(reader, authorizer) -> None:
    grant(reader, "edit")
    assert can(authorizer, "create", "deployments", group="apps")
    assert can(authorizer, "patch", "deployments", group="apps", subresource="scale")
    assert can(authorizer, "get", "secrets") and can(authorizer, "create", "serviceaccounts", subresource="token")
    assert not can(authorizer, "create", "rolebindings", group="rbac.authorization.k8s.io")
    assert not can(authorizer, "update", "resourcequotas")


def test_admin_manages_role_bindings_in_its_namespace_only(reader, authorizer) -> None:
    grant(reader, "admin")
    assert can(authorizer, "create", "rolebindings", group="rbac.authorization.k8s.io")
    assert can(authorizer, "create", "localsubjectaccessreviews", group="authorization.k8s.io")
    assert can(authorizer, "delete", "pods")
    assert not can(authorizer, "create", "rolebindings", "prod", "rbac.authorization.k8s.io")
    assert not can(authorizer, "list", "nodes", namespace="")


def test_cluster_admin_bound_to_a_user_can_do_anything(reader, authorizer) -> None:
    reader.add(cluster_role_binding("root", "cluster-admin", subject("User", "jane")))
    decision = authorizer.authorize(RequestAttributes(JANE, "delete", "", "", "nodes"))
    assert decision.reason == ('RBAC: allowed by ClusterRoleBinding "root" of ClusterRole "cluster-admin" to '
                               'User "jane"')
    assert can_get_path(authorizer, "/metrics")


def test_every_authenticated_user_may_discover_and_review_itself(authorizer) -> None:
    assert can_get_path(authorizer, "/api") and can_get_path(authorizer, "/apis/apps/v1")
    assert can_get_path(authorizer, "/version") and can_get_path(authorizer, "/healthz")
    assert not can_get_path(authorizer, "/metrics")
    assert can(authorizer, "create", "selfsubjectaccessreviews", "", "authorization.k8s.io")
    assert can(authorizer, "create", "selfsubjectreviews", "", "authentication.k8s.io")
    assert not can(authorizer, "list", "namespaces", "")


def test_anonymous_users_see_only_public_information(authorizer) -> None:
    assert can_get_path(authorizer, "/version", anonymous()) and can_get_path(authorizer, "/readyz", anonymous())
    assert not can_get_path(authorizer, "/api", anonymous())


def test_system_components_and_controllers_have_their_roles(authorizer) -> None:
    scheduler = authenticated("system:kube-scheduler")
    assert can(authorizer, "create", "pods", user=scheduler, subresource="binding")
    assert can(authorizer, "update", "leases", "kube-system", "coordination.k8s.io", scheduler)
    proxy = authenticated("system:kube-proxy")
    assert can(authorizer, "watch", "endpointslices", "", "discovery.k8s.io", proxy)
    deployments = service_account_user("kube-system", "deployment-controller")
    assert can(authorizer, "update", "deployments", "web", "apps", deployments, "status")
    assert can(authorizer, "create", "replicasets", "web", "apps", deployments)
    assert not can(authorizer, "delete", "nodes", "", user=deployments)
    leader = service_account_user("kube-system", "kube-controller-manager")
    assert can(authorizer, "update", "leases", "kube-system", "coordination.k8s.io", leader)


def test_every_object_carries_the_bootstrap_label_and_autoupdate_annotation() -> None:
    objects = default_rbac_objects()
    for obj in objects:
        assert obj["apiVersion"] == "rbac.authorization.k8s.io/v1"
        assert obj["metadata"]["labels"]["kubernetes.io/bootstrapping"] == "rbac-defaults"
        assert obj["metadata"]["annotations"] == {"rbac.authorization.kubernetes.io/autoupdate": "true"}
    keys = [(obj["kind"], obj["metadata"].get("namespace", ""), obj["metadata"]["name"]) for obj in objects]
    assert len(keys) == len(set(keys))
    names = {name for kind, _, name in keys if kind == "ClusterRole"}
    assert {"cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user",
            "system:public-info-viewer", "system:node", "system:kube-scheduler", "system:kube-controller-manager",
            "system:volume-scheduler", "system:node-proxier", "system:monitoring", "system:aggregate-to-view",
            "system:controller:deployment-controller"} <= names


def test_bindings_of_the_well_known_groups() -> None:
    bindings = {obj["metadata"]["name"]: obj for obj in default_rbac_objects() if obj["kind"] == "ClusterRoleBinding"}
    assert bindings["cluster-admin"]["subjects"] == [
        {"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:masters"}]
    assert [s["name"] for s in bindings["system:public-info-viewer"]["subjects"]] == [
        "system:authenticated", "system:unauthenticated"]
    assert bindings["system:controller:deployment-controller"]["subjects"] == [
        {"kind": "ServiceAccount", "name": "deployment-controller", "namespace": "kube-system"}]
    assert "subjects" not in bindings["system:node"]


def test_admin_edit_and_view_aggregate_into_one_another() -> None:
    roles = [obj for obj in default_rbac_objects() if obj["kind"] == "ClusterRole"]
    rules = aggregate(roles)
    assert set(rules) == {"admin", "edit", "view"}
    assert {name: len(found) for name, found in rules.items()} == {"admin": 25, "edit": 23, "view": 10}
    assert all(role["rules"] == rules[role["metadata"]["name"]] for role in roles if role.get("aggregationRule"))
    assert all(rule in rules["edit"] for rule in rules["view"])
    assert all(rule in rules["admin"] for rule in rules["edit"])
    assert {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings", "roles"],
            "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]} \
        in rules["admin"]


def test_kubeadm_bindings_make_its_cluster_admins_group_cluster_admin(reader, authorizer) -> None:
    kubelet_client = authenticated("kube-apiserver-kubelet-client", ("kubeadm:cluster-admins",))
    assert not can(authorizer, "create", "namespaces", "", user=kubelet_client)
    for obj in kubeadm_rbac_objects():
        reader.add(obj)
    assert can(authorizer, "create", "namespaces", "", user=kubelet_client)
    proxy = service_account_user("kube-system", "kube-proxy")
    assert can(authorizer, "watch", "endpointslices", "", "discovery.k8s.io", proxy)
