"""`kubectl create role|clusterrole|rolebinding|clusterrolebinding`.

Roles name their resources as `resource[.group][/subresource]`; kubectl resolves each through the server's
discovery (short names and singulars become plurals, the group is filled in), which the caller supplies as a
`Resolver`; `registry_resolver` builds one from a `Registry`."""

from __future__ import annotations

from typing import Callable, Mapping

from ..registry import Registry
from ._common import Obj, metadata, new_object, sorted_map, unique
from .errors import GeneratorError

RBAC_GROUP = "rbac.authorization.k8s.io"
RBAC_VERSION = f"{RBAC_GROUP}/v1"

# (group, resource) -> (group, plural) as discovery maps it, or None when the server has no such resource.
Resolver = Callable[[str, str], "tuple[str, str] | None"]

VALID_RESOURCE_VERBS = ("*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy",
                        "deletecollection", "use", "bind", "escalate", "impersonate")
VALID_NON_RESOURCE_VERBS = ("*", "get", "post", "put", "delete", "patch", "head", "options")
_SPECIAL_VERBS = {
    "use": (("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")),
    "bind": ((RBAC_GROUP, "roles"), (RBAC_GROUP, "clusterroles")),
    "escalate": ((RBAC_GROUP, "roles"), (RBAC_GROUP, "clusterroles")),
    "impersonate": (("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras")),
}


def registry_resolver(registry: Registry) -> Resolver:
    """Discovery's RESTMapper: a short name as written, else plural or singular in any case; the first match in
    discovery order, within `group` when one is given."""
    def resolve(group: str, resource: str) -> tuple[str, str] | None:
        wanted = resource.lower()
        for candidate in registry.resources:
            if group and candidate.group != group:
                continue
            if resource in candidate.short_names or wanted in (candidate.plural, candidate.singular):
                return candidate.group, candidate.plural
        return None
    return resolve


def _as_given(group: str, resource: str) -> tuple[str, str]:
    """The resolver without discovery: every resource exists as written."""
    return group, resource


def nonstandard_verb_warnings(verbs: list[str]) -> list[str]:
    """What kubectl prints on stderr for verbs it does not know (the role is still created)."""
    return [f"Warning: '{verb}' is not a standard resource verb" for verb in _unique_verbs(verbs)
            if verb not in VALID_RESOURCE_VERBS]


def _unique_verbs(verbs: list[str]) -> list[str]:
    return ["*"] if "*" in verbs else unique(verbs)


def _parse_resources(resources: list[str]) -> list[tuple[str, str, str]]:
    """`resource.group/subresource` specs as (group, resource, subresource); a bare `*` stands alone."""
    parsed = []
    for spec in resources:
        main, _, subresource = spec.partition("/")
        resource, _, group = main.partition(".")
        if resource == "*" and "." not in main and "/" not in spec:
            return [("", "*", "")]
        parsed.append((group, resource, subresource))
    return parsed


def _validate_resources(parsed: list[tuple[str, str, str]], verbs: list[str], resolve: Resolver) -> None:
    for group, resource, _ in parsed:
        if not resource:
            raise GeneratorError("resource must be specified if apiGroup/subresource specified")
        if resource == "*":
            return
        resolved = resolve(group, resource)
        found_group, found_resource = resolved if resolved is not None else (group, resource)
        special = False   # a special verb's own resource needs no discovery (`impersonate` on `users`)
        for verb in verbs:
            allowed = _SPECIAL_VERBS.get(verb)
            if allowed is None:
                continue
            if (found_group, found_resource) not in allowed:
                raise GeneratorError(f"can not perform '{verb}' on '{found_resource}' in group '{found_group}'")
            special = True
        if resolved is None and not special:
            raise GeneratorError(f"no matches for {group}/, Resource={resource}")


def _policy_rules(verbs: list[str], parsed: list[tuple[str, str, str]], resource_names: list[str],
                  non_resource_urls: list[str], resolve: Resolver) -> list[Obj]:
    by_group: dict[str, list[str]] = {}
    for group, resource, subresource in parsed:
        resolved = resolve(group, resource) if resource != "*" else None
        found_group, found_resource = resolved if resolved is not None else (group, resource)
        if subresource:
            found_resource = f"{found_resource}/{subresource}"
        listed = by_group.setdefault(found_group, [])
        if found_resource not in listed:
            listed.append(found_resource)
    rules: list[Obj] = []
    for group in sorted(by_group):
        rule: Obj = {"verbs": verbs, "apiGroups": [group], "resources": by_group[group]}
        if resource_names:
            rule["resourceNames"] = resource_names
        rules.append(rule)
    if non_resource_urls:
        rules.append({"verbs": verbs, "nonResourceURLs": non_resource_urls})
    return rules


def role(name: str, verbs: list[str], resources: list[str], resource_names: list[str] | None = None,
         namespace: str = "", resolve: Resolver | None = None) -> Obj:
    """`kubectl create role NAME --verb=... --resource=resource.group/subresource [--resource-name=...]`."""
    resolve = resolve or _as_given
    verbs = _unique_verbs(verbs)
    parsed = _parse_resources(resources)
    names = unique(resource_names or [])
    if not name:
        raise GeneratorError("name must be specified")
    if not verbs:
        raise GeneratorError("at least one verb must be specified")
    if not parsed:
        raise GeneratorError("at least one resource must be specified")
    _validate_resources(parsed, verbs, resolve)
    return new_object(RBAC_VERSION, "Role", metadata(name, namespace),
                      rules=_policy_rules(verbs, parsed, names, [], resolve))


def clusterrole(name: str, verbs: list[str] | None = None, resources: list[str] | None = None,
                resource_names: list[str] | None = None, non_resource_urls: list[str] | None = None,
                aggregation_rule: Mapping[str, str] | None = None, resolve: Resolver | None = None) -> Obj:
    """`kubectl create clusterrole NAME --verb=... (--resource=... | --non-resource-url=...) |
    --aggregation-rule=k=v,...`."""
    resolve = resolve or _as_given
    verbs = _unique_verbs(verbs or [])
    parsed = _parse_resources(resources or [])
    names = unique(resource_names or [])
    urls = unique(non_resource_urls or [])
    if not name:
        raise GeneratorError("name must be specified")
    if aggregation_rule:
        if urls or verbs or parsed or names:
            raise GeneratorError("aggregation rule must be specified without nonResourceURLs, verbs, resources or "
                                 "resourceNames")
        return new_object(RBAC_VERSION, "ClusterRole", metadata(name), rules=None,
                          aggregationRule={"clusterRoleSelectors": [{"matchLabels": sorted_map(aggregation_rule)}]})
    if not verbs:
        raise GeneratorError("at least one verb must be specified")
    if not parsed and not urls:
        raise GeneratorError("one of resource or nonResourceURL must be specified")
    if parsed:
        _validate_resources(parsed, verbs, resolve)
    if urls:
        for verb in verbs:
            if verb not in VALID_NON_RESOURCE_VERBS:
                raise GeneratorError(f"invalid verb: '{verb}' for nonResourceURL")
        for url in urls:
            if url == "*":
                continue
            if not url.startswith("/"):
                raise GeneratorError("nonResourceURL should start with /")
            if "*" in url[:-1]:
                raise GeneratorError("nonResourceURL only supports wildcard matches when '*' is at the end")
    return new_object(RBAC_VERSION, "ClusterRole", metadata(name),
                      rules=_policy_rules(verbs, parsed, names, urls, resolve))


def _subjects(users: list[str] | None, groups: list[str] | None, serviceaccounts: list[str] | None) -> list[Obj]:
    subjects: list[Obj] = [{"kind": "User", "apiGroup": RBAC_GROUP, "name": user} for user in users or []]
    subjects += [{"kind": "Group", "apiGroup": RBAC_GROUP, "name": group} for group in groups or []]
    for account in serviceaccounts or []:
        parts = account.split(":")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise GeneratorError("serviceaccount must be <namespace>:<name>")
        subjects.append({"kind": "ServiceAccount", "name": parts[1], "namespace": parts[0]})
    return subjects


def _binding(kind: str, meta: Obj, role_kind: str, role_name: str, subjects: list[Obj]) -> Obj:
    fields: Obj = {"subjects": subjects} if subjects else {}
    fields["roleRef"] = {"apiGroup": RBAC_GROUP, "kind": role_kind, "name": role_name}
    return new_object(RBAC_VERSION, kind, meta, **fields)


def rolebinding(name: str, role: str = "", clusterrole: str = "", users: list[str] | None = None,
                groups: list[str] | None = None, serviceaccounts: list[str] | None = None,
                namespace: str = "") -> Obj:
    """`kubectl create rolebinding NAME --role=R|--clusterrole=CR [--user] [--group] [--serviceaccount=ns:name]`."""
    if not name:
        raise GeneratorError("name must be specified")
    if bool(clusterrole) == bool(role):
        raise GeneratorError("exactly one of clusterrole or role must be specified")
    role_kind, role_name = ("Role", role) if role else ("ClusterRole", clusterrole)
    return _binding("RoleBinding", metadata(name, namespace), role_kind, role_name,
                    _subjects(users, groups, serviceaccounts))


def clusterrolebinding(name: str, clusterrole: str, users: list[str] | None = None, groups: list[str] | None = None,
                       serviceaccounts: list[str] | None = None) -> Obj:
    """`kubectl create clusterrolebinding NAME --clusterrole=CR [--user] [--group] [--serviceaccount=ns:name]`."""
    return _binding("ClusterRoleBinding", metadata(name), "ClusterRole", clusterrole,
                    _subjects(users, groups, serviceaccounts))
