"""`mkctl auth can-i VERB TYPE[/NAME] | VERB /URL [--subresource] [-A] [--quiet]`, `auth can-i --list`
(SelfSubjectAccessReview / SelfSubjectRulesReview, kubectl's rule breakdown, compaction and order), and
`auth whoami [-o json|yaml]` (SelfSubjectReview). Impersonation (`--as`) is the connection's."""

from __future__ import annotations

import json
from typing import Any

from minikube_py.client.errors import ClientError, ResourceTypeNotFound

from ..session import Session

CAN_I_USAGE = ("error: you must specify two arguments: verb resource or verb resource/resourceName.\n"
               "See 'kubectl auth can-i -h' for help and examples.")
NON_STANDARD_RESOURCES = ("users", "groups")
Rule = dict[str, list[str]]


def can_i(session: Session) -> int:
    if session.flag("list"):
        return _list(session)
    args = session.args
    if len(args) != 2:
        raise ClientError(CAN_I_USAGE)
    verb, what = args
    namespace = "" if session.flag("all-namespaces") else session.namespace
    if what.startswith("/"):
        attributes = {"nonResourceAttributes": {"path": what, "verb": verb}}
    else:
        kind, _, name = what.partition("/")
        group, resource = _resource_for(session, kind, namespace)
        resource_attributes = {"namespace": namespace, "verb": verb, "group": group, "resource": resource,
                               "subresource": session.flag("subresource"), "name": name}
        attributes = {"resourceAttributes": {key: value for key, value in resource_attributes.items() if value}}
    review = session.client.request_json("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", body={
        "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1", "metadata": {},
        "spec": attributes})
    status = review.get("status") or {}
    if not session.flag("quiet"):
        if status.get("allowed"):
            session.out("yes\n")
        else:
            session.out("no" + "".join(f" - {status[key]}" for key in ("reason", "evaluationError")
                                       if status.get(key)) + "\n")
    return 0 if status.get("allowed") else 1



def _resource_for(session: Session, text: str, namespace: str) -> tuple[str, str]:
    """The (group, resource) of a typed name, with kubectl's warnings for unknown and cluster-wide types."""
    if text == "*":
        return "", "*"
    lowered = text.lower()
    try:
        resource = session.resolve(lowered)
    except ResourceTypeNotFound:
        resource_part, _, group = lowered.partition(".")
        if lowered not in NON_STANDARD_RESOURCES:
            where = f" in group '{group}'" if group else ""
            session.err(f"Warning: the server doesn't have a resource type '{resource_part}'{where}\n\n")
        return "", text
    if namespace and not resource.namespaced:
        where = f" in group '{resource.group}'" if resource.group else ""
        session.err(f"Warning: resource '{resource.plural}' is not namespace scoped{where}\n\n")
    return resource.group, resource.plural


def _list(session: Session) -> int:
    from minikube_py.tabwriter import TabWriter

    namespace = "" if session.flag("all-namespaces") else session.namespace
    review = session.client.request_json("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", body={
        "kind": "SelfSubjectRulesReview", "apiVersion": "authorization.k8s.io/v1", "metadata": {},
        "spec": {"namespace": namespace}})
    status = review.get("status") or {}
    if status.get("incomplete"):
        session.err(f"warning: the list may be incomplete: {status.get('evaluationError', '')}\n")
    rules = [{"verbs": r.get("verbs") or [], "apiGroups": r.get("apiGroups") or [],
              "resources": r.get("resources") or [], "resourceNames": r.get("resourceNames") or [],
              "nonResourceURLs": []} for r in status.get("resourceRules") or ()]
    rules += [{"verbs": r.get("verbs") or [], "apiGroups": [], "resources": [], "resourceNames": [],
               "nonResourceURLs": r.get("nonResourceURLs") or []} for r in status.get("nonResourceRules") or ()]
    compacted = sorted(_compact([part for rule in rules for part in breakdown(rule)]), key=_rule_string)
    lines = [] if session.flag("no-headers") else ["Resources\tNon-Resource URLs\tResource Names\tVerbs\n"]
    lines += [f"{_resource_group(rule)}\t{_go_list(rule['nonResourceURLs'])}\t{_go_list(rule['resourceNames'])}\t"
              f"{_go_list(rule['verbs'])}\n" for rule in compacted]
    session.out(TabWriter(min_width=6, tab_width=4, padding=3).format("".join(lines)))
    return 0


def breakdown(rule: Rule) -> list[Rule]:
    """rbac's BreakdownRule: one rule per group, resource, verb (and resource name); URLs per verb."""
    parts = []
    for group in rule["apiGroups"]:
        for resource in rule["resources"]:
            for verb in rule["verbs"]:
                for name in rule["resourceNames"] or [None]:
                    parts.append({"verbs": [verb], "apiGroups": [group], "resources": [resource],
                                  "resourceNames": [name] if name is not None else [], "nonResourceURLs": []})
    for url in rule["nonResourceURLs"]:
        for verb in rule["verbs"]:
            parts.append({"verbs": [verb], "apiGroups": [], "resources": [], "resourceNames": [],
                          "nonResourceURLs": [url]})
    return parts


def _compact(rules: list[Rule]) -> list[Rule]:
    """rbac's CompactRules: simple resource rules (one group, one resource, at most one name) merge verbs."""
    compacted: list[Rule] = []
    simple: dict[tuple[str, str, str], Rule] = {}
    for rule in rules:
        if len(rule["apiGroups"]) == 1 and len(rule["resources"]) == 1 and len(rule["resourceNames"]) <= 1 \
                and not rule["nonResourceURLs"]:
            key = (rule["apiGroups"][0], rule["resources"][0], "".join(rule["resourceNames"]))
            if key in simple:
                simple[key]["verbs"] = simple[key]["verbs"] + rule["verbs"]
            else:
                simple[key] = {**rule, "verbs": list(rule["verbs"])}
        else:
            compacted.append(rule)
    return compacted + list(simple.values())


def _go_list(values: list[str]) -> str:
    return "[" + " ".join(values) + "]"


def _rule_string(rule: Rule) -> str:
    """The generated `PolicyRule.String()` kubectl sorts by."""
    return (f"&PolicyRule{{Verbs:{_go_list(rule['verbs'])},APIGroups:{_go_list(rule['apiGroups'])},"
            f"Resources:{_go_list(rule['resources'])},ResourceNames:{_go_list(rule['resourceNames'])},"
            f"NonResourceURLs:{_go_list(rule['nonResourceURLs'])},}}")


def _resource_group(rule: Rule) -> str:
    """kubectl's CombineResourceGroup: `pods`, `deployments.apps`, `pods.core/log`... from the first of each."""
    if not rule["resources"]:
        return ""
    resource, slash, sub = rule["resources"][0].partition("/")
    if rule["apiGroups"] and rule["apiGroups"][0]:
        resource += "." + rule["apiGroups"][0]
    return resource + (f"/{sub}" if slash else "")


def whoami(session: Session) -> int:
    output = session.flag("output")
    review = session.client.request_json("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", body={
        "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1", "metadata": {
            "creationTimestamp": None}, "status": {"userInfo": {}}})
    review.setdefault("kind", "SelfSubjectReview")
    review.setdefault("apiVersion", "authentication.k8s.io/v1")
    if output:
        session.out(_printed(review, output))
        return 0
    from minikube_py.tabwriter import TabWriter

    info: dict[str, Any] = (review.get("status") or {}).get("userInfo") or {}
    lines = ["ATTRIBUTE\tVALUE\n"]
    if info.get("username"):
        lines.append(f"Username\t{info['username']}\n")
    if info.get("uid"):
        lines.append(f"UID\t{info['uid']}\n")
    if info.get("groups"):
        lines.append(f"Groups\t{_go_list(info['groups'])}\n")
    for key in sorted(info.get("extra") or {}):
        lines.append(f"Extra: {key}\t{_go_list(info['extra'][key])}\n")
    session.out(TabWriter(min_width=6, tab_width=4, padding=3).format("".join(lines)))
    return 0


def _printed(review: dict[str, Any], output: str) -> str:
    if output == "json":
        return json.dumps(review, indent=4) + "\n"
    if output == "yaml":
        from minikube_py.api.generators import to_yaml

        return to_yaml(review)
    raise ClientError(f"error: unable to match a printer suitable for the output format \"{output}\", allowed "
                      "formats are: json,yaml")


def reconcile(session: Session) -> int:
    from ._reconcile import reconcile

    return reconcile(session)
