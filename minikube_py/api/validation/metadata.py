"""Validation of what every object shares: `metadata` (ValidateObjectMeta / ValidateObjectMetaUpdate), labels,
annotations, label selectors (metav1 LabelSelector) and the name rules per kind."""

from __future__ import annotations

from typing import Any, Callable

from .. import names
from ..errors import Cause
from ..labels import from_label_selector, selector_from_set
from . import field

NameCheck = Callable[[str, bool], list[str]]
_STANDARD_FINALIZERS = {"kubernetes", "orphan", "foregroundDeletion"}


def path_segment_name(name: str, prefix: bool = False) -> list[str]:
    """path.IsValidPathSegmentName (RBAC objects, PriorityClasses ...): any name usable in a URL path."""
    if not prefix and name in (".", ".."):
        return [f"may not be '{name}'"]
    return [f"may not contain '{ch}'" for ch in "/%" if ch in name]


def labels(values: Any, path: str) -> list[Cause]:
    causes: list[Cause] = []
    for key, value in (values or {}).items():
        causes += field.each_message(path, key, names.is_qualified_name(key))
        causes += field.each_message(path, value, names.is_valid_label_value(str(value)))
    return causes


def annotations(values: Any, path: str) -> list[Cause]:
    causes: list[Cause] = []
    for key in values or {}:
        causes += field.each_message(path, key, names.annotation_key_errors(key))
    for detail in names.annotations_size_errors(values or {}):
        causes.append(field.too_long(path, detail))
    return causes


def object_meta(meta: dict[str, Any], namespaced: bool, name_check: NameCheck = names.name_is_dns_subdomain,
                path: str = "metadata") -> list[Cause]:
    """ValidateObjectMeta: name or generateName, namespace per scope, labels, annotations, owners, finalizers."""
    causes: list[Cause] = []
    name, generate_name = meta.get("name") or "", meta.get("generateName") or ""
    if generate_name:
        causes += field.each_message(f"{path}.generateName", generate_name, name_check(generate_name, True))
    if not name:
        causes.append(field.required(f"{path}.name", "name or generateName is required"))
    else:
        causes += field.each_message(f"{path}.name", name, name_check(name, False))
    namespace = meta.get("namespace") or ""
    if namespaced:
        if not namespace:
            causes.append(field.required(f"{path}.namespace"))
        else:
            causes += field.each_message(f"{path}.namespace", namespace, names.is_dns1123_label(namespace))
    elif namespace:
        causes.append(field.forbidden(f"{path}.namespace", "not allowed on this type"))
    for key in ("generation", "deletionGracePeriodSeconds"):
        causes += field.non_negative(f"{path}.{key}", meta.get(key))
    causes += labels(meta.get("labels"), f"{path}.labels")
    causes += annotations(meta.get("annotations"), f"{path}.annotations")
    causes += _owner_references(meta.get("ownerReferences") or [], f"{path}.ownerReferences")
    for index, finalizer in enumerate(meta.get("finalizers") or []):
        finalizer_path = f"{path}.finalizers[{index}]"
        problems = names.is_qualified_name(finalizer)
        causes += field.each_message(finalizer_path, finalizer, problems)
        if not problems and "/" not in finalizer and finalizer not in _STANDARD_FINALIZERS:
            causes.append(field.invalid(finalizer_path, finalizer,
                                        "name is neither a standard finalizer name nor is it fully qualified"))
    return causes


def _owner_references(owners: list[dict[str, Any]], path: str) -> list[Cause]:
    causes: list[Cause] = []
    controllers = 0
    for owner in owners:
        for key, label in (("apiVersion", "version"), ("kind", "kind"), ("name", "name"), ("uid", "uid")):
            if not owner.get(key):
                causes.append(field.invalid(f"{path}.{key}", "", f"{label} must not be empty"))
        controllers += 1 if owner.get("controller") else 0
    if controllers > 1:
        causes.append(field.invalid(path, owners, "Only one reference can have Controller set to true",
                                    "[]v1.OwnerReference"))
    return causes


def object_meta_update(new: dict[str, Any], old: dict[str, Any], path: str = "metadata") -> list[Cause]:
    """ValidateObjectMetaUpdate: what may never change once an object exists (an update that leaves the uid out
    keeps the stored one, as the apiserver fills it in before validating)."""
    causes: list[Cause] = []
    for key in ("name", "namespace", "uid"):
        if key == "uid" and not new.get(key):
            continue
        if (new.get(key) or "") != (old.get(key) or ""):
            causes.append(field.immutable(f"{path}.{key}", new.get(key) or ""))
    return causes


def label_selector(selector: Any, path: str) -> list[Cause]:
    """metav1validation.ValidateLabelSelector."""
    if not isinstance(selector, dict):
        return []
    causes: list[Cause] = []
    for index, expression in enumerate(selector.get("matchExpressions") or []):
        expression_path = f"{path}.matchExpressions[{index}]"
        operator, values = expression.get("operator"), expression.get("values") or []
        if operator in ("In", "NotIn"):
            if not values:
                causes.append(field.required(f"{expression_path}.values",
                                             "must be specified when `operator` is 'In' or 'NotIn'"))
        elif operator in ("Exists", "DoesNotExist"):
            if values:
                causes.append(field.forbidden(f"{expression_path}.values",
                                              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        else:
            causes.append(field.invalid(f"{expression_path}.operator", operator or "",
                                        "not a valid selector operator"))
        key = expression.get("key") or ""
        causes += field.each_message(f"{expression_path}.key", key, names.is_qualified_name(key))
        for value_index, value in enumerate(values):
            causes += field.each_message(f"{expression_path}.values[{value_index}]", value,
                                         names.is_valid_label_value(str(value)))
    causes += labels(selector.get("matchLabels"), f"{path}.matchLabels")
    return causes


def selector_matches(selector: Any, object_labels: dict[str, str] | None) -> bool:
    """Whether a valid metav1 LabelSelector selects these labels."""
    return from_label_selector(selector).matches(object_labels or {})


def set_selector_matches(selector: dict[str, str], object_labels: dict[str, str] | None) -> bool:
    """Whether a map selector (a ReplicationController's or a Service's) selects these labels."""
    return selector_from_set(selector).matches(object_labels or {})


def selector_is_empty(selector: Any) -> bool:
    return not isinstance(selector, dict) or not (selector.get("matchLabels") or selector.get("matchExpressions"))


def go_label_selector(selector: dict[str, Any]) -> str:
    """`%#v` of a v1.LabelSelector, as immutability errors print it."""
    match_labels = selector.get("matchLabels")
    labels_text = field.go_value(match_labels) if match_labels else "map[string]string(nil)"
    expressions = selector.get("matchExpressions")
    if expressions:
        items = ", ".join(
            f'v1.LabelSelectorRequirement{{Key:{field.go_quote(e.get("key", ""))}, '
            f'Operator:{field.go_quote(e.get("operator", ""))}, '
            f'Values:{field.go_value(e["values"]) if e.get("values") else "[]string(nil)"}}}'
            for e in expressions)
        expressions_text = f"[]v1.LabelSelectorRequirement{{{items}}}"
    else:
        expressions_text = "[]v1.LabelSelectorRequirement(nil)"
    return f"v1.LabelSelector{{MatchLabels:{labels_text}, MatchExpressions:{expressions_text}}}"
