"""Validation of RBAC objects: Roles and ClusterRoles (rules), RoleBindings and ClusterRoleBindings (roleRef,
subjects; roleRef immutable)."""

from __future__ import annotations

from typing import Any

from .. import names
from ..errors import Cause
from . import field
from .metadata import path_segment_name

Obj = dict[str, Any]
_GROUP = "rbac.authorization.k8s.io"


def _rule(rule: Obj, path: str, namespaced: bool) -> list[Cause]:
    causes: list[Cause] = []
    if not rule.get("verbs"):
        causes.append(field.required(f"{path}.verbs", "verbs must contain at least one value"))
    urls = rule.get("nonResourceURLs") or []
    if urls:
        if namespaced:
            causes.append(field.invalid(f"{path}.nonResourceURLs", urls,
                                        "namespaced rules cannot apply to non-resource URLs"))
        if rule.get("apiGroups") or rule.get("resources") or rule.get("resourceNames"):
            causes.append(field.invalid(f"{path}.nonResourceURLs", urls,
                                        "rules cannot apply to both regular resources and non-resource URLs"))
        return causes
    if not rule.get("apiGroups"):
        causes.append(field.required(f"{path}.apiGroups", "resource rules must supply at least one api group"))
    if not rule.get("resources"):
        causes.append(field.required(f"{path}.resources", "resource rules must supply at least one resource"))
    return causes


def role(obj: Obj, namespaced: bool) -> list[Cause]:
    causes: list[Cause] = []
    for index, rule in enumerate(obj.get("rules") or []):
        causes += _rule(rule, f"rules[{index}]", namespaced)
    aggregation = obj.get("aggregationRule")
    if not namespaced and isinstance(aggregation, dict) and not aggregation.get("clusterRoleSelectors"):
        causes.append(field.required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector "
                                     "required if aggregationRule is non-nil"))
    return causes


def binding(obj: Obj, namespaced: bool) -> list[Cause]:
    causes: list[Cause] = []
    role_ref = obj.get("roleRef") or {}
    if role_ref.get("apiGroup") != _GROUP:
        causes.append(field.not_supported("roleRef.apiGroup", role_ref.get("apiGroup") or "", (_GROUP,)))
    kinds = ("Role", "ClusterRole") if namespaced else ("ClusterRole",)
    if role_ref.get("kind") not in kinds:
        causes.append(field.not_supported("roleRef.kind", role_ref.get("kind") or "", kinds))
    role_name = role_ref.get("name") or ""
    if not role_name:
        causes.append(field.required("roleRef.name"))
    else:
        causes += field.each_message("roleRef.name", role_name, path_segment_name(role_name))
    for index, subject in enumerate(obj.get("subjects") or []):
        causes += _subject(subject, f"subjects[{index}]", namespaced)
    return causes


def _subject(subject: Obj, path: str, namespaced: bool) -> list[Cause]:
    causes: list[Cause] = []
    name, kind, group = subject.get("name") or "", subject.get("kind") or "", subject.get("apiGroup") or ""
    if not name:
        causes.append(field.required(f"{path}.name"))
    if kind == "ServiceAccount":
        if name:
            causes += field.each_message(f"{path}.name", name, names.is_dns1123_subdomain(name))
        if group:
            causes.append(field.not_supported(f"{path}.apiGroup", group, ("",)))
        if not namespaced and not subject.get("namespace"):
            causes.append(field.required(f"{path}.namespace"))
    elif kind in ("User", "Group"):
        if group != _GROUP:
            causes.append(field.not_supported(f"{path}.apiGroup", group, (_GROUP,)))
    else:
        causes.append(field.not_supported(f"{path}.kind", kind, ("ServiceAccount", "User", "Group")))
    return causes


def binding_update(new: Obj, old: Obj) -> list[Cause]:
    role_ref = new.get("roleRef") or {}
    if role_ref != (old.get("roleRef") or {}):
        group, kind, name = (field.go_quote(role_ref.get(key, "")) for key in ("apiGroup", "kind", "name"))
        printed = f"rbac.RoleRef{{APIGroup:{group}, Kind:{kind}, Name:{name}}}"
        return [field.invalid_repr("roleRef", printed, "cannot change roleRef")]
    return []
