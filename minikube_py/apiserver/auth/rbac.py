"""Authorization: the decision kube-apiserver's authorizer chain makes for one request. `system:masters` may
do anything (the privileged-group authorizer), a node user `system:node:<name>` gets the `system:node`
ClusterRole's rules (a lenient stand-in for the Node authorizer), everyone else what RBAC grants: the rules
of the Roles and ClusterRoles bound to the user, its groups or its service account by RoleBindings (in the
request's namespace) and ClusterRoleBindings.

Bindings are indexed by subject and rebuilt only when an RBAC object changes (`invalidate`; a reader that
publishes its changes, as the watch cache does through `listeners`, is followed automatically), so one
decision is a few dictionary lookups and rule matches. Aggregated ClusterRoles (`aggregationRule`) are
resolved when the index is built, from the ClusterRoles their selectors pick, the way the clusterrole
aggregation controller fills their rules; `aggregate()` gives those rules for writing back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Protocol

from minikube_py.api import errors
from minikube_py.api.labels import from_label_selector

from .user import NODE_PREFIX, NODES, SYSTEM_MASTERS, UserInfo

GROUP = "rbac.authorization.k8s.io"
_PLURALS = ("roles", "rolebindings", "clusterroles", "clusterrolebindings")
_CACHE_SIZE = 4096
Object = dict[str, Any]


class Reader(Protocol):
    registry: Any

    def list(self, resource: Any, namespace: str | None = None) -> list[Object]: ...


@dataclass(frozen=True)
class RequestAttributes:
    """What a request asks to do (Kubernetes' authorizer.Attributes)."""

    user: UserInfo
    verb: str
    namespace: str = ""
    api_group: str = ""
    resource: str = ""
    subresource: str = ""
    name: str = ""
    path: str = ""
    resource_request: bool = True


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""


# -- rules --------------------------------------------------------------------------------------------------
class _Rule:
    """One PolicyRule, prepared for matching ('*' wildcards, `*/sub` resources, `/prefix*` URLs)."""

    __slots__ = ("verbs", "groups", "resources", "any_of_sub", "names", "urls", "url_prefixes", "policy")

    def __init__(self, policy: Object) -> None:
        self.policy = policy
        self.verbs = _wild(policy.get("verbs"))
        self.groups = _wild(policy.get("apiGroups"))
        resources = policy.get("resources") or []
        self.resources = _wild(resources)
        self.any_of_sub = frozenset(r[2:] for r in resources if r.startswith("*/"))
        self.names = frozenset(policy.get("resourceNames") or ())
        urls = policy.get("nonResourceURLs") or []
        self.urls = _wild(urls)
        self.url_prefixes = tuple(url.rstrip("*") for url in urls if url.endswith("*"))

    def allows(self, attrs: RequestAttributes, combined: str) -> bool:
        if self.verbs is not None and attrs.verb not in self.verbs:
            return False
        if not attrs.resource_request:
            return (self.urls is None or attrs.path in self.urls
                    or any(attrs.path.startswith(prefix) for prefix in self.url_prefixes))
        if self.groups is not None and attrs.api_group not in self.groups:
            return False
        if self.resources is not None and combined not in self.resources and not (
                attrs.subresource and attrs.subresource in self.any_of_sub):
            return False
        return not self.names or attrs.name in self.names


def _wild(values: Iterable[str] | None) -> frozenset[str] | None:
    """The set of values, or None when '*' matches anything."""
    values = frozenset(values or ())
    return None if "*" in values else values


# -- aggregation --------------------------------------------------------------------------------------------
def _selects(selector: Object, labels: dict[str, str]) -> bool:
    """A clusterRoleSelector (metav1.LabelSelector) against a ClusterRole's labels; an invalid one selects
    nothing, as the aggregation controller skips it."""
    try:
        return from_label_selector(selector).matches(labels)
    except errors.StatusError:
        return False


def aggregate(clusterroles: list[Object]) -> dict[str, list[Object]]:
    """The rules of each ClusterRole with an aggregationRule: the rules of the ClusterRoles its
    clusterRoleSelectors select (by name, itself excluded, each rule once), aggregated ones resolved first,
    as the clusterrole-aggregation controller converges to."""
    by_name = {role["metadata"]["name"]: role for role in clusterroles}
    resolved: dict[str, list[Object]] = {}

    def rules_of(name: str, visiting: frozenset[str]) -> list[Object]:
        role = by_name[name]
        rule_set = role.get("aggregationRule")
        if not rule_set or name in visiting:
            return list(role.get("rules") or [])
        if name in resolved:
            return resolved[name]
        rules: list[Object] = []
        for selector in rule_set.get("clusterRoleSelectors") or []:
            for other in sorted(by_name):
                labels = by_name[other]["metadata"].get("labels") or {}
                if other == name or not _selects(selector, labels):
                    continue
                rules.extend(rule for rule in rules_of(other, visiting | {name}) if rule not in rules)
        resolved[name] = rules
        return rules

    return {name: rules_of(name, frozenset()) for name, role in by_name.items() if role.get("aggregationRule")}


# -- the index of bindings ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Grant:
    order: tuple[int, str]        # (0 cluster / 1 namespaced, binding name): Kubernetes' visiting order
    subject_index: int
    source: str                   # 'ClusterRoleBinding "x" of ClusterRole "y" to Group "z"'
    rules: tuple[_Rule, ...]
    error: str = ""


def _subject_key(subject: Object, binding_namespace: str) -> str | None:
    """The user name or group a subject matches: 'user:<name>' or 'group:<name>' (a service account is the
    user `system:serviceaccount:<ns>:<name>`, its namespace defaulting to a RoleBinding's)."""
    kind, name = subject.get("kind"), subject.get("name", "")
    if kind == "User":
        return f"user:{name}"
    if kind == "Group":
        return f"group:{name}"
    if kind == "ServiceAccount":
        namespace = subject.get("namespace") or binding_namespace
        return f"user:system:serviceaccount:{namespace}:{name}" if namespace else None
    return None


def _describe_subject(subject: Object, binding_namespace: str) -> str:
    name = subject.get("name", "")
    if subject.get("kind") == "ServiceAccount":
        name = f"{name}/{subject.get('namespace') or binding_namespace}"
    return f'{subject.get("kind", "")} "{name}"'


class _Index:
    """Effective rules of every Role and ClusterRole, and the grants of every binding by (the binding's
    namespace, '' for a ClusterRoleBinding; the subject it names)."""

    def __init__(self, roles: list[Object], bindings: list[Object], clusterroles: list[Object],
                 clusterbindings: list[Object]) -> None:
        aggregated = aggregate(clusterroles)
        self.clusterrole_rules = {
            role["metadata"]["name"]: tuple(_Rule(rule) for rule in aggregated.get(
                role["metadata"]["name"], role.get("rules") or [])) for role in clusterroles}
        self.role_rules = {(role["metadata"].get("namespace", ""), role["metadata"]["name"]):
                           tuple(_Rule(rule) for rule in role.get("rules") or []) for role in roles}
        self.by_subject: dict[tuple[str, str], list[_Grant]] = {}
        for binding in clusterbindings:
            self._add(binding, "")
        for binding in bindings:
            self._add(binding, binding["metadata"].get("namespace", ""))

    def _add(self, binding: Object, namespace: str) -> None:
        meta, ref = binding["metadata"], binding.get("roleRef") or {}
        kind, role_name = ref.get("kind", ""), ref.get("name", "")
        rules: tuple[_Rule, ...] | None = None
        if kind == "ClusterRole":
            rules = self.clusterrole_rules.get(role_name)
        elif kind == "Role":
            rules = self.role_rules.get((namespace, role_name))
        if kind not in ("ClusterRole", "Role"):
            error = f'unsupported role reference kind: "{kind}"'
        else:
            error = f'{kind.lower()}.{GROUP} "{role_name}" not found' if rules is None else ""
        label = "RoleBinding" if namespace else "ClusterRoleBinding"
        shown = f"{meta['name']}/{namespace}" if namespace else meta["name"]
        for index, subject in enumerate(binding.get("subjects") or []):
            key = _subject_key(subject, namespace)
            if key is None:
                continue
            source = f'{label} "{shown}" of {kind} "{role_name}" to {_describe_subject(subject, namespace)}'
            grant = _Grant((1 if namespace else 0, meta["name"]), index, source, rules or (), error)
            self.by_subject.setdefault((namespace, key), []).append(grant)

    def grants(self, user: UserInfo, namespace: str) -> list[_Grant]:
        """The grants that apply to `user` in `namespace`, in Kubernetes' visiting order (ClusterRoleBindings,
        then the namespace's RoleBindings), each binding once, with the first of its subjects that applies."""
        keys = [f"user:{user.name}", *(f"group:{group}" for group in user.groups)]
        scopes = ("", namespace) if namespace else ("",)
        found = [grant for scope in scopes for key in keys for grant in self.by_subject.get((scope, key), ())]
        found.sort(key=lambda grant: (grant.order, grant.subject_index))
        unique: list[_Grant] = []
        for grant in found:
            if not unique or unique[-1].order != grant.order:
                unique.append(grant)
        return unique


# -- the authorizer -----------------------------------------------------------------------------------------
class RBACAuthorizer:
    """Decisions over the RBAC objects `reader` holds (the watch cache: `get`/`list` through its registry)."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._index: _Index | None = None
        self._grants: dict[tuple[str, tuple[str, ...], str], list[_Grant]] = {}
        listeners = getattr(reader, "listeners", None)
        if isinstance(listeners, list):
            listeners.append(self.observe)

    def invalidate(self) -> None:
        """Forget the index: an RBAC object changed."""
        self._index = None
        self._grants = {}

    def observe(self, event: Any) -> None:
        """A watch-cache listener: invalidate when the event is about an RBAC object."""
        prefix = getattr(event, "prefix", b"")
        if prefix.rstrip(b"/").rpartition(b"/")[2].decode() in _PLURALS:
            self.invalidate()

    def _current(self) -> _Index:
        if self._index is None:
            registry = self.reader.registry
            lists = []
            for plural in _PLURALS:
                resource = registry.get(GROUP, "v1", plural)
                objects = self.reader.list(resource, None) if resource is not None else []
                lists.append(sorted(objects, key=lambda obj: obj["metadata"]["name"]))
            self._index = _Index(*lists)
        return self._index

    def _grants_for(self, user: UserInfo, namespace: str) -> list[_Grant]:
        key = (user.name, user.groups, namespace)
        grants = self._grants.get(key)
        if grants is None:
            if len(self._grants) >= _CACHE_SIZE:
                self._grants.clear()
            grants = self._grants[key] = self._current().grants(user, namespace)
        return grants

    def _node_rules(self, user: UserInfo) -> tuple[_Rule, ...]:
        if NODES in user.groups and user.name.startswith(NODE_PREFIX):
            return self._current().clusterrole_rules.get("system:node", ())
        return ()

    def authorize(self, attrs: RequestAttributes) -> Decision:
        user = attrs.user
        if SYSTEM_MASTERS in user.groups:
            return Decision(True)
        combined = f"{attrs.resource}/{attrs.subresource}" if attrs.subresource else attrs.resource
        if any(rule.allows(attrs, combined) for rule in self._node_rules(user)):
            return Decision(True)
        failures: list[str] = []
        for grant in self._grants_for(user, attrs.namespace):
            if grant.error:
                failures.append(grant.error)
                continue
            for rule in grant.rules:
                if rule.allows(attrs, combined):
                    return Decision(True, f"RBAC: allowed by {grant.source}")
        return Decision(False, f"RBAC: {aggregate_errors(failures)}" if failures else "")

    def role_rules(self, kind: str, name: str, namespace: str) -> list[Object]:
        """The rules of the Role (in `namespace`) or ClusterRole a binding refers to (404 as the RBAC
        registry answers when it does not exist)."""
        index = self._current()
        rules = (index.clusterrole_rules.get(name) if kind == "ClusterRole"
                 else index.role_rules.get((namespace, name)) if kind == "Role" else None)
        if rules is None:
            raise errors.not_found(kind.lower(), name, GROUP)
        return [rule.policy for rule in rules]

    def rules_for(self, user: UserInfo, namespace: str) -> tuple[list[Object], list[Object], bool, str]:
        """What `user` may do in `namespace` (SelfSubjectRulesReview): resource rules, non-resource rules,
        whether the list is incomplete, and the evaluation error. As in Kubernetes, these are RBAC's rules
        (system:masters shows those of the cluster-admin binding); a node's are incomplete."""
        policies: list[Object] = []
        incomplete, failures = False, []
        if self._node_rules(user):
            incomplete = True
            failures.append("node authorizer does not support user rule resolution")
        for grant in self._grants_for(user, namespace):
            if grant.error:
                failures.append(grant.error)
            policies += [rule.policy for rule in grant.rules]
        resource_rules = [_resource_rule(policy) for policy in policies if policy.get("resources")]
        non_resource = [{"verbs": list(policy.get("verbs") or []), "nonResourceURLs": list(policy["nonResourceURLs"])}
                        for policy in policies if policy.get("nonResourceURLs")]
        return resource_rules, non_resource, incomplete, aggregate_errors(failures)


def _resource_rule(policy: Object) -> Object:
    rule: Object = {"verbs": list(policy.get("verbs") or [])}
    for field in ("apiGroups", "resources", "resourceNames"):
        if policy.get(field):
            rule[field] = list(policy[field])
    return rule


def aggregate_errors(messages: list[str]) -> str:
    """apimachinery's error aggregate: one message alone, several as `[a, b]`, each once."""
    unique = list(dict.fromkeys(messages))
    if len(unique) <= 1:
        return "".join(unique)
    return "[" + ", ".join(unique) + "]"


# -- the 403 ------------------------------------------------------------------------------------------------
def forbidden_message(attrs: RequestAttributes, reason: str = "") -> str:
    """The Status message of a denied request, exactly as kube-apiserver writes it."""
    user = attrs.user.name
    if not attrs.resource_request:
        detail = f'User "{user}" cannot {attrs.verb} path "{attrs.path}"'
    else:
        resource = f"{attrs.resource}/{attrs.subresource}" if attrs.subresource else attrs.resource
        scope = (f'in the namespace "{attrs.namespace}"' if attrs.namespace else "at the cluster scope")
        detail = f'User "{user}" cannot {attrs.verb} resource "{resource}" in API group "{attrs.api_group}" {scope}'
    if reason:
        detail = f"{detail}: {reason}"
    if not attrs.resource_request or not attrs.resource:
        return f"forbidden: {detail}"
    qualified = errors.qualified(attrs.resource, attrs.api_group)
    if attrs.name:
        return f'{qualified} "{attrs.name}" is forbidden: {detail}'
    return f"{qualified} is forbidden: {detail}"


def forbidden_error(attrs: RequestAttributes, reason: str = "") -> errors.StatusError:
    """The 403 Forbidden StatusError of a denied request."""
    resource = attrs.resource if attrs.resource_request else ""
    return errors.forbidden(forbidden_message(attrs, reason), resource, attrs.name, attrs.api_group)
