"""RBAC's privilege-escalation check on writes of Roles, ClusterRoles, RoleBindings and ClusterRoleBindings,
as the RBAC registry makes it: a user may only create or change a role with permissions it already holds
(in the role's namespace), and only bind a role whose permissions it holds, unless it may `escalate` the
role or `bind` it, or is in system:masters. Refusals are 403 with Kubernetes' message listing the missing
permissions."""

from __future__ import annotations

import json
from typing import Any

from minikube_py.api import errors

from ._gofmt import quoted_strings
from .rbac import GROUP, RBACAuthorizer, RequestAttributes
from .user import SYSTEM_MASTERS, UserInfo

Object = dict[str, Any]
PLURALS = {"Role": "roles", "ClusterRole": "clusterroles", "RoleBinding": "rolebindings",
           "ClusterRoleBinding": "clusterrolebindings"}
FULL_AUTHORITY = [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}, {"verbs": ["*"], "nonResourceURLs": ["*"]}]
_GC_FIELDS = ("ownerReferences", "finalizers", "managedFields", "resourceVersion")


def check_escalation(user: UserInfo, obj: Object, old: Object | None, authorizer: RBACAuthorizer,
                request_name: str = "") -> None:
    """Raise 403 Forbidden when `user` may not write `obj` (a create when `old` is None, else an update)
    without gaining permissions it does not hold. `request_name` is the name in the request path ('' on a
    create), against which an `escalate` permission is checked, as Kubernetes does."""
    kind = obj.get("kind", "")
    if kind not in PLURALS or SYSTEM_MASTERS in user.groups or (old is not None and _only_gc_fields(obj, old)):
        return
    namespace = obj["metadata"].get("namespace", "") if kind in ("Role", "RoleBinding") else ""
    name = obj["metadata"].get("name", "")
    if kind in ("Role", "ClusterRole"):
        escalate = RequestAttributes(user, "escalate", namespace, GROUP, PLURALS[kind], name=request_name)
        if authorizer.authorize(escalate).allowed:
            return
        _confirm_held(user, obj.get("rules") or [], namespace, kind, name, authorizer)
        if kind == "ClusterRole" and obj.get("aggregationRule"):
            try:
                _confirm_held(user, FULL_AUTHORITY, namespace, kind, name, authorizer)
            except errors.StatusError:
                raise _forbidden(kind, name, "must have cluster-admin privileges to use the aggregationRule") from None
        return
    ref = obj.get("roleRef") or {}
    if ref.get("kind") in ("Role", "ClusterRole"):
        bind = RequestAttributes(user, "bind", namespace, ref.get("apiGroup", ""), PLURALS[ref["kind"]],
                                 name=ref.get("name", ""))
        if authorizer.authorize(bind).allowed:
            return
    _confirm_held(user, authorizer.role_rules(ref.get("kind", ""), ref.get("name", ""), namespace), namespace,
                  kind, name, authorizer)


def _only_gc_fields(obj: Object, old: Object) -> bool:
    """Whether an update changes nothing but what the garbage collector writes (owners, finalizers)."""
    def rest(doc: Object) -> Object:
        meta = {key: value for key, value in (doc.get("metadata") or {}).items() if key not in _GC_FIELDS}
        return {**doc, "metadata": meta}

    return rest(obj) == rest(old)


def _forbidden(kind: str, name: str, detail: str) -> errors.StatusError:
    plural = PLURALS[kind]
    return errors.forbidden(f'{plural}.{GROUP} "{name}" is forbidden: {detail}', plural, name, GROUP)


def _confirm_held(user: UserInfo, rules: list[Object], namespace: str, kind: str, name: str,
                  authorizer: RBACAuthorizer) -> None:
    resource_rules, non_resource_rules, _, error = authorizer.rules_for(user, namespace)
    owned = resource_rules + non_resource_rules
    missing = [sub for rule in rules for sub in breakdown(rule) if not any(covers(own, sub) for own in owned)]
    if not missing:
        return
    lines = sorted({compact_string(rule) for rule in compact(missing)})
    detail = (f"user {json.dumps(user.name)} (groups={quoted_strings(user.groups)}) is attempting to grant RBAC "
              f"permissions not currently held:\n" + "\n".join(lines))
    if error:
        detail += f"; resolution errors: [{error}]"
    raise _forbidden(kind, name, detail)


# -- component-helpers/auth/rbac/validation: covering one set of rules with another -------------------------
def breakdown(rule: Object) -> list[Object]:
    """A rule as single-verb, single-group, single-resource (and single-name) rules, then one per URL."""
    simple = []
    for group in rule.get("apiGroups") or []:
        for resource in rule.get("resources") or []:
            for verb in rule.get("verbs") or []:
                names = rule.get("resourceNames") or [None]
                simple += [{"apiGroups": [group], "resources": [resource], "verbs": [verb],
                            **({"resourceNames": [name]} if name is not None else {})} for name in names]
    for url in rule.get("nonResourceURLs") or []:
        simple += [{"nonResourceURLs": [url], "verbs": [verb]} for verb in rule.get("verbs") or []]
    return simple


def covers(owner: Object, sub: Object) -> bool:
    """Whether the owner's rule grants everything of `sub` (ruleCovers)."""
    def has_all(values: list[str], wanted: list[str]) -> bool:
        return "*" in values or all(value in values for value in wanted)

    owned_resources = owner.get("resources") or []
    resources_ok = "*" in owned_resources or all(
        resource in owned_resources or ("/" in resource and "*/" + resource.split("/", 1)[1] in owned_resources)
        for resource in sub.get("resources") or [])
    urls_ok = all(any(url == own or (own.endswith("*") and url.startswith(own.rstrip("*")))
                      for own in owner.get("nonResourceURLs") or []) for url in sub.get("nonResourceURLs") or [])
    owned_names, names = owner.get("resourceNames") or [], sub.get("resourceNames") or []
    names_ok = not owned_names or (bool(names) and all(name in owned_names for name in names))
    return (has_all(owner.get("verbs") or [], sub.get("verbs") or [])
            and has_all(owner.get("apiGroups") or [], sub.get("apiGroups") or [])
            and resources_ok and urls_ok and names_ok)


def compact(rules: list[Object]) -> list[Object]:
    """CompactRules: single group/resource(/name) rules that differ only by verb merged into one."""
    merged: dict[tuple, Object] = {}
    others = []
    for rule in rules:
        simple = (set(rule) <= {"apiGroups", "resources", "verbs", "resourceNames"}
                  and len(rule.get("apiGroups", ())) == 1 and len(rule.get("resources", ())) == 1
                  and len(rule.get("resourceNames") or ()) <= 1)
        if not simple:
            others.append(rule)
            continue
        key = (rule["apiGroups"][0], rule["resources"][0], tuple(rule.get("resourceNames") or ()))
        if key in merged:
            merged[key]["verbs"] = merged[key]["verbs"] + rule["verbs"]
        else:
            merged[key] = {**rule, "verbs": list(rule["verbs"])}
    return others + list(merged.values())


def compact_string(rule: Object) -> str:
    """How Kubernetes prints a rule in escalation errors: {APIGroups:["apps"], Resources:["pods"], Verbs:["get"]}."""
    parts = [f"{label}:{quoted_strings(rule[key])}" for key, label in (
        ("apiGroups", "APIGroups"), ("resources", "Resources"), ("nonResourceURLs", "NonResourceURLs"),
        ("resourceNames", "ResourceNames"), ("verbs", "Verbs")) if rule.get(key)]
    return "{" + ", ".join(parts) + "}"
