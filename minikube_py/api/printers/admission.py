"""Admission configuration: webhook configurations and (validating/mutating) admission policies with their
bindings."""

from __future__ import annotations

from typing import Any

from .columns import AGE, NAME, Column, Printer, age, name, spec

_PARAM_KIND = Column("ParamKind", "string",
                     "ParamKind specifies the kind of resources used to parameterize this policy")
_BINDING_COLUMNS = (
    NAME,
    Column("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding binded to"),
    Column("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param"),
    AGE,
)


def _webhooks_printer() -> Printer:
    return Printer((
        NAME,
        Column("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"),
        AGE,
    ), lambda obj, now: [name(obj), len(obj.get("webhooks") or []), age(obj, now)])


def _policy_printer(field: str, column: Column) -> Printer:
    """A policy's table: how many `spec.<field>` rules, and its `paramKind`."""
    def row(obj: dict[str, Any], now: float) -> list[Any]:
        kind = spec(obj).get("paramKind")
        shown = "<unset>" if kind is None else f"{kind.get('apiVersion', '')}/{kind.get('kind', '')}"
        return [name(obj), len(spec(obj).get(field) or []), shown, age(obj, now)]
    return Printer((NAME, column, _PARAM_KIND, AGE), row)


def go_label_selector(selector: dict[str, Any]) -> str:
    """A `*metav1.LabelSelector` printed with its generated `String()` method."""
    labels = selector.get("matchLabels") or {}
    shown_labels = "".join(f"{key}: {labels[key]}," for key in sorted(labels))
    expressions = "".join(
        f"LabelSelectorRequirement{{Key:{e.get('key', '')},Operator:{e.get('operator', '')},"
        f"Values:[{' '.join(e.get('values') or [])}],}},"
        for e in selector.get("matchExpressions") or [])
    return (f"&LabelSelector{{MatchLabels:map[string]string{{{shown_labels}}},"
            f"MatchExpressions:[]LabelSelectorRequirement{{{expressions}}},}}")


def _binding_row(obj: dict[str, Any], now: float) -> list[Any]:
    param = spec(obj).get("paramRef")
    shown = "<unset>"
    if param is not None:
        if param.get("name"):
            shown = f"{param.get('namespace') or '*'}/{param['name']}"
        elif param.get("selector") is not None:
            shown = go_label_selector(param["selector"])
    return [name(obj), spec(obj).get("policyName", ""), shown, age(obj, now)]


_GROUP = "admissionregistration.k8s.io"

PRINTERS = {
    (_GROUP, "MutatingWebhookConfiguration"): _webhooks_printer(),
    (_GROUP, "ValidatingWebhookConfiguration"): _webhooks_printer(),
    (_GROUP, "ValidatingAdmissionPolicy"): _policy_printer("validations", Column(
        "Validations", "integer",
        "Validations indicates the number of validation rules defined in this configuration")),
    (_GROUP, "MutatingAdmissionPolicy"): _policy_printer("mutations", Column(
        "Mutations", "integer", "Mutation indicates the number of mutations rules defined in this configuration")),
    (_GROUP, "ValidatingAdmissionPolicyBinding"): Printer(_BINDING_COLUMNS, _binding_row),
    (_GROUP, "MutatingAdmissionPolicyBinding"): Printer(_BINDING_COLUMNS, _binding_row),
}
