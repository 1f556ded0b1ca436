"""`mkctl auth reconcile -f FILE`: kubectl's RBAC reconciliation. Roles and cluster roles gain the rules they
miss (the union; `--remove-extra-permissions`: exactly the file's), bindings the subjects they miss
(`--remove-extra-subjects`), a binding whose roleRef changed is recreated; labels and annotations are merged
(the live values win). Each object's line on stdout, what reconciliation did on stderr, as kubectl prints them."""

from __future__ import annotations

from typing import Any

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from . import _targets

Obj = dict[str, Any]
RULE_FIELDS = ("verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs")
ROLE_KINDS = ("Role", "ClusterRole")
BINDING_KINDS = ("RoleBinding", "ClusterRoleBinding")


def reconcile(session: Session) -> int:
    from ..builder import objects, report
    from .create import print_object

    if not session.flag("filename") and not session.flag("kustomize"):
        raise ClientError("error: must specify one of -f and -k")
    mode = _targets.dry_run(session)
    if mode == "server":
        raise ClientError("error: --dry-run=server for command reconcile is not supported yet")
    infos = objects(session)
    errors = list(infos.errors)
    for info in infos:
        kind = info.resource.kind
        if info.resource.group != "rbac.authorization.k8s.io" or kind not in ROLE_KINDS + BINDING_KINDS:
            continue
        try:
            live = session.client.get(info.resource, info.name, info.namespace)
        except APIError as err:
            if err.reason != "NotFound":
                errors.append(err)
                continue
            live = None
        wanted = info.obj
        result, lines = (_reconcile_role if kind in ROLE_KINDS else _reconcile_binding)(session, wanted, live)
        try:
            if mode != "client" and lines:
                _save(session, info, live, result, lines[0])
        except APIError as err:
            errors.append(err)
            continue
        print_object(session, result, "reconciled", mode)
        session.err("".join(lines))
    return report(session, errors)


def _save(session: Session, info: Any, live: Obj | None, result: Obj, operation: str) -> None:
    if "recreate" in operation and live is not None:
        session.client.delete(info.resource, info.name, info.namespace)
    if live is None or "recreate" in operation:
        session.client.create(info.resource, _fresh(result), info.namespace)
    else:
        session.client.update(info.resource, result, info.namespace)


def _fresh(obj: Obj) -> Obj:
    metadata = {key: value for key, value in (obj.get("metadata") or {}).items()
                if key in ("name", "namespace", "labels", "annotations")}
    return {**obj, "metadata": metadata}


def _merged_metadata(wanted: Obj, live: Obj) -> tuple[Obj, bool]:
    """The live object with the file's labels and annotations added (the live values win)."""
    result = {**live, "metadata": dict(live.get("metadata") or {})}
    changed = False
    for key in ("annotations", "labels"):
        merged = {**((wanted.get("metadata") or {}).get(key) or {}), **(result["metadata"].get(key) or {})}
        if merged != (result["metadata"].get(key) or {}):
            result["metadata"][key], changed = merged, True
    return result, changed


def _reconcile_role(session: Session, wanted: Obj, live: Obj | None) -> tuple[Obj, list[str]]:
    rules = [_rule(r) for r in wanted.get("rules") or ()]
    if live is None:
        return wanted, ["\treconciliation required create\n", *_listed("missing rules added", rules, _rule_text)]
    result, changed = _merged_metadata(wanted, live)
    existing = [_rule(r) for r in live.get("rules") or ()]
    missing = _uncovered(existing, rules)
    extra = _uncovered(rules, existing)
    remove = session.flag("remove-extra-permissions")
    lines: list[str] = []
    if not remove and missing:
        result["rules"] = [*(live.get("rules") or []), *[_compact_rule(r) for r in missing]]
        changed = True
    elif remove and (missing or extra):
        result["rules"] = wanted.get("rules") or []
        changed = True
    if changed:
        lines.append("\treconciliation required update\n")
    lines += _listed("missing rules added", missing, _rule_text)
    if remove:
        lines += _listed("extra rules removed", extra, _rule_text)
    return result, lines if changed else []


def _reconcile_binding(session: Session, wanted: Obj, live: Obj | None) -> tuple[Obj, list[str]]:
    subjects = list(wanted.get("subjects") or [])
    if live is None or live.get("roleRef") != wanted.get("roleRef"):
        if live is not None:
            return wanted, ["\treconciliation required recreate\n"]
        return wanted, ["\treconciliation required create\n", *_listed("missing subjects added", subjects,
                                                                          _subject_text)]
    result, changed = _merged_metadata(wanted, live)
    existing = list(live.get("subjects") or [])
    missing = [s for s in subjects if s not in existing]
    extra = [s for s in existing if s not in subjects]
    remove = session.flag("remove-extra-subjects")
    if not remove and missing:
        result["subjects"], changed = existing + missing, True
    elif remove and (missing or extra):
        result["subjects"], changed = subjects, True
    lines = ["\treconciliation required update\n"] if changed else []
    lines += _listed("missing subjects added", missing, _subject_text)
    if remove:
        lines += _listed("extra subjects removed", extra, _subject_text)
    return result, lines if changed else []


def _listed(title: str, items: list[Obj], text: Any) -> list[str]:
    return [f"\t{title}:\n", *[f"\t\t{text(item)}\n" for item in items]] if items else []


def _rule(rule: Obj) -> dict[str, list[str]]:
    return {name: list(rule.get(name) or []) for name in RULE_FIELDS}


def _compact_rule(rule: dict[str, list[str]]) -> Obj:
    return {name: values for name, values in rule.items() if values}


def _go_list(values: list[str]) -> str:
    return "[" + " ".join(values) + "]"


def _rule_text(rule: dict[str, list[str]]) -> str:
    """Go's `%+v` of a PolicyRule."""
    return ("{Verbs:" + _go_list(rule["verbs"]) + " APIGroups:" + _go_list(rule["apiGroups"]) + " Resources:" +
            _go_list(rule["resources"]) + " ResourceNames:" + _go_list(rule["resourceNames"]) +
            " NonResourceURLs:" + _go_list(rule["nonResourceURLs"]) + "}")


def _subject_text(subject: Obj) -> str:
    return (f"{{Kind:{subject.get('kind', '')} APIGroup:{subject.get('apiGroup', '')} Name:{subject.get('name', '')} "
            f"Namespace:{subject.get('namespace', '')}}}")


def _uncovered(owner: list[dict[str, list[str]]], wanted: list[dict[str, list[str]]]) -> list[dict[str, list[str]]]:
    """rbac validation's Covers: the broken-down parts of `wanted` no rule of `owner` covers."""
    from .auth import breakdown

    return [part for rule in wanted for part in breakdown(rule) if not any(_covers(o, part) for o in owner)]


def _covers(owner: dict[str, list[str]], part: dict[str, list[str]]) -> bool:
    def has(values: list[str], value: str) -> bool:
        return "*" in values or value in values

    if not has(owner["verbs"], part["verbs"][0]):
        return False
    if part["nonResourceURLs"]:
        url = part["nonResourceURLs"][0]
        return any(pattern == url or pattern == "*" or (pattern.endswith("*") and url.startswith(pattern[:-1]))
                   for pattern in owner["nonResourceURLs"])
    if not has(owner["apiGroups"], part["apiGroups"][0]):
        return False
    resource = part["resources"][0]
    if not (has(owner["resources"], resource) or (
            "/" in resource and f"*/{resource.split('/', 1)[1]}" in owner["resources"]) or (
            f"{resource.split('/')[0]}/*" in owner["resources"])):
        return False
    return not owner["resourceNames"] or (part["resourceNames"] and part["resourceNames"][0] in owner["resourceNames"])
