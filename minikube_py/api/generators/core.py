"""`kubectl create namespace|serviceaccount|quota|priorityclass|poddisruptionbudget`."""

from __future__ import annotations

import re

from minikube_py.flags.pflag import quote

from ..errors import StatusError
from ..labels import DOES_NOT_EXIST, DOUBLE_EQUALS, EQUALS, EXISTS, GREATER_THAN, IN, LESS_THAN, NOT_IN, parse_selector
from ._common import Obj, int_or_string, metadata, new_object, resource_list
from .errors import GeneratorError

_PDB_AMOUNT = re.compile(r"[0-9]+%?")
_SELECTOR_OPERATORS = {IN: "In", NOT_IN: "NotIn", EXISTS: "Exists", DOES_NOT_EXIST: "DoesNotExist"}


def namespace(name: str) -> Obj:
    """`kubectl create namespace NAME`."""
    return new_object("v1", "Namespace", metadata(name), spec={}, status={})


def serviceaccount(name: str, namespace: str = "") -> Obj:
    """`kubectl create serviceaccount NAME`."""
    return new_object("v1", "ServiceAccount", metadata(name, namespace))


def quota(name: str, hard: str = "", scopes: str = "", namespace: str = "") -> Obj:
    """`kubectl create quota NAME [--hard=cpu=1,pods=2] [--scopes=BestEffort,...]`."""
    if not name:
        raise GeneratorError("name must be specified")
    spec: Obj = {}
    limits = resource_list(hard)
    if limits:
        spec["hard"] = limits
    if scopes:
        listed = scopes.split(",")
        if "" in listed:
            raise GeneratorError('invalid resource quota scope ""')
        spec["scopes"] = listed
    return new_object("v1", "ResourceQuota", metadata(name, namespace), spec=spec, status={})


def priorityclass(name: str, value: int = 0, global_default: bool = False, description: str = "",
                  preemption_policy: str = "PreemptLowerPriority") -> Obj:
    """`kubectl create priorityclass NAME [--value] [--global-default] [--description] [--preemption-policy]`."""
    fields: Obj = {"value": value}
    if global_default:
        fields["globalDefault"] = True
    if description:
        fields["description"] = description
    fields["preemptionPolicy"] = preemption_policy
    return new_object("scheduling.k8s.io/v1", "PriorityClass", metadata(name), **fields)


def label_selector(text: str) -> Obj:
    """metav1.ParseToLabelSelector: a selector string as a LabelSelector (matchLabels, matchExpressions)."""
    try:
        selector = parse_selector(text)
    except StatusError as err:
        raise GeneratorError(f'couldn\'t parse the selector string "{text}": {err.message}') from None
    match_labels: dict[str, str] = {}
    expressions: list[Obj] = []
    for requirement in selector.requirements:
        if requirement.operator in (EQUALS, DOUBLE_EQUALS):
            match_labels[requirement.key] = requirement.values[0]
        elif requirement.operator in (GREATER_THAN, LESS_THAN):
            raise GeneratorError(f"{quote(requirement.operator)} isn't supported in label selectors")
        elif requirement.operator in _SELECTOR_OPERATORS:
            expression: Obj = {"key": requirement.key, "operator": _SELECTOR_OPERATORS[requirement.operator]}
            if requirement.values:
                expression["values"] = sorted(requirement.values)
            expressions.append(expression)
        else:
            raise GeneratorError(f"{quote(requirement.operator)} is not a valid label selector operator")
    result: Obj = {}
    if match_labels:
        result["matchLabels"] = dict(sorted(match_labels.items()))
    if expressions:
        result["matchExpressions"] = expressions
    return result


def poddisruptionbudget(name: str, selector: str, min_available: str = "", max_unavailable: str = "",
                        namespace: str = "") -> Obj:
    """`kubectl create poddisruptionbudget NAME --selector=... --min-available=N|N% | --max-unavailable=...`."""
    if not name:
        raise GeneratorError("name must be specified")
    if not selector:
        raise GeneratorError("a selector must be specified")
    if not max_unavailable and not min_available:
        raise GeneratorError("one of min-available or max-unavailable must be specified")
    if max_unavailable and min_available:
        raise GeneratorError("min-available and max-unavailable cannot be both specified")
    if min_available and not _PDB_AMOUNT.fullmatch(min_available):
        raise GeneratorError("invalid format specified for min-available")
    if max_unavailable and not _PDB_AMOUNT.fullmatch(max_unavailable):
        raise GeneratorError("invalid format specified for max-unavailable")
    spec: Obj = {}
    if min_available:
        spec["minAvailable"] = int_or_string(min_available)
    spec["selector"] = label_selector(selector)
    if max_unavailable:
        spec["maxUnavailable"] = int_or_string(max_unavailable)
    status = {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}
    return new_object("policy/v1", "PodDisruptionBudget", metadata(name, namespace), spec=spec, status=status)
