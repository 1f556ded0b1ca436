"""`kubectl describe` of roles and clusterroles (rules broken down to one verb each, then compacted back per
resource and sorted as kubectl's `SortableRuleSlice` does) and of rolebindings and clusterrolebindings."""

from __future__ import annotations

from .common import Obj, PrefixWriter, annotations, go_list, labels, meta


def _breakdown(rule: Obj) -> list[Obj]:
    """`rbac.BreakdownRule`: one rule per group, resource, verb and resource name; non-resource URLs apart."""
    names = rule.get("resourceNames") or []
    rules = [{"apiGroups": [group], "resources": [resource], "verbs": [verb],
              **({"resourceNames": [name]} if name is not None else {})}
             for group in rule.get("apiGroups") or () for resource in rule.get("resources") or ()
             for verb in rule.get("verbs") or () for name in (names or [None])]
    rules += [{"nonResourceURLs": [url], "verbs": [verb]}
              for url in rule.get("nonResourceURLs") or () for verb in rule.get("verbs") or ()]
    return rules


def compact_rules(rules: list[Obj]) -> list[Obj]:
    """`rbac.CompactRules` over broken-down rules: the verbs of one group/resource/name gathered in one rule."""
    compacted: list[Obj] = []
    simple: dict[tuple[str, str, str | None], Obj] = {}
    for rule in rules:
        if rule.get("nonResourceURLs"):
            compacted.append(rule)
            continue
        names = rule.get("resourceNames") or []
        key = (rule["apiGroups"][0], rule["resources"][0], names[0] if names else None)
        if key in simple:
            simple[key]["verbs"] += [verb for verb in rule["verbs"] if verb not in simple[key]["verbs"]]
        else:
            simple[key] = {**rule, "verbs": list(rule["verbs"])}
    return compacted + list(simple.values())


def _go_string(rule: Obj) -> str:
    """`PolicyRule.String()`, the sort key of `SortableRuleSlice`."""
    return ("&PolicyRule{" + "".join(f"{field}:{go_list(rule.get(key))},"
                                     for field, key in (("Verbs", "verbs"), ("APIGroups", "apiGroups"),
                                                        ("Resources", "resources"),
                                                        ("ResourceNames", "resourceNames"),
                                                        ("NonResourceURLs", "nonResourceURLs"))) + "}")


def _resource_group(resources: list[str] | None, groups: list[str] | None) -> str:
    """`CombineResourceGroup`: `deployments.apps/scale`."""
    if not resources:
        return ""
    resource, _, subresource = resources[0].partition("/")
    combined = resource + (f".{groups[0]}" if groups and groups[0] else "")
    return combined + (f"/{subresource}" if subresource else "")


def describe_role(role: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]], now: float) -> str:
    rules = compact_rules([part for rule in role.get("rules") or () for part in _breakdown(rule)])
    rules.sort(key=_go_string)
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(role).get('name', '')}\n")
    labels(w, "Labels", meta(role).get("labels"))
    annotations(w, "Annotations", meta(role).get("annotations"))
    w.write(0, "PolicyRule:\n")
    w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n")
    w.write(1, "---------\t-----------------\t--------------\t-----\n")
    for rule in rules:
        w.write(1, f"{_resource_group(rule.get('resources'), rule.get('apiGroups'))}\t"
                   f"{go_list(rule.get('nonResourceURLs'))}\t{go_list(rule.get('resourceNames'))}\t"
                   f"{go_list(rule.get('verbs'))}\n")
    return w.render()


def describe_binding(binding: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                     now: float) -> str:
    role_ref = binding.get("roleRef") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{meta(binding).get('name', '')}\n")
    labels(w, "Labels", meta(binding).get("labels"))
    annotations(w, "Annotations", meta(binding).get("annotations"))
    w.write(0, "Role:\n")
    w.write(1, f"Kind:\t{role_ref.get('kind', '')}\n")
    w.write(1, f"Name:\t{role_ref.get('name', '')}\n")
    w.write(0, "Subjects:\n")
    w.write(1, "Kind\tName\tNamespace\n")
    w.write(1, "----\t----\t---------\n")
    for subject in binding.get("subjects") or ():
        w.write(1, f"{subject.get('kind', '')}\t{subject.get('name', '')}\t{subject.get('namespace', '')}\n")
    return w.render()
