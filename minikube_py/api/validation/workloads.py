"""Validation of the workload kinds: Deployments, ReplicaSets, StatefulSets, DaemonSets (apps/v1), Jobs and
CronJobs (batch/v1), ReplicationControllers and PodTemplates (core/v1) — selectors required and matching the
template's labels, the template's restart policy per kind, strategies, and what may not change on update."""

from __future__ import annotations

import json
from typing import Any, Callable

from ..errors import Cause
from . import field, metadata
from .pods import pod_template

Obj = dict[str, Any]
_PERCENT_DETAIL = ("a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', "
                   "regex used for validation is '[0-9]+%')")
_JOB_RESTART = ("OnFailure", "Never")
_STATEFUL_SET_UPDATABLE = ("updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                           "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are "
                           "forbidden")


def _go_int_or_string(value: Any) -> str:
    """`%#v` of an intstr.IntOrString."""
    if isinstance(value, str):
        return f"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{field.go_quote(value)}}}"
    return f"intstr.IntOrString{{Type:0, IntVal:{value if value is not None else 0}, StrVal:\"\"}}"


def _go_labels(labels: Any) -> str:
    return field.go_value(labels) if labels else "map[string]string(nil)"


def _template_labels(template: Any) -> Any:
    return ((template or {}).get("metadata") or {}).get("labels") if isinstance(template, dict) else None


def _selector_and_template(spec: Obj, path: str, kind_word: str, restart: tuple[str, ...],
                           claim_names: frozenset[str] = frozenset()) -> list[Cause]:
    """Selector required (non-empty) and valid, template labels selected by it, the template valid, and its restart
    policy one of `restart` (ValidatePodTemplateSpecForReplicaSet & co.)."""
    causes: list[Cause] = []
    selector = spec.get("selector")
    template = spec.get("template")
    labels = _template_labels(template)
    selector_causes = metadata.label_selector(selector, f"{path}.selector")
    if selector is None:
        causes.append(field.required(f"{path}.selector"))
    else:
        causes += selector_causes
        if metadata.selector_is_empty(selector):
            causes.append(field.invalid_repr(f"{path}.selector", metadata.go_label_selector(selector),
                                             f"empty selector is invalid for {kind_word}"))
    if not selector_causes and (selector is None or not metadata.selector_is_empty(selector)) \
            and not metadata.selector_matches(selector, labels):
        causes.append(field.invalid_repr(f"{path}.template.metadata.labels", _go_labels(labels),
                                         "`selector` does not match template `labels`"))
    return causes + template_restart(template, f"{path}.template", restart, claim_names)


def template_restart(template: Any, path: str, restart: tuple[str, ...],
                     claim_names: frozenset[str] = frozenset()) -> list[Cause]:
    """The template's own validation, then its restart policy against what the kind allows."""
    causes = pod_template(template, path, claim_names)
    if not isinstance(template, dict):
        return causes
    policy = (template.get("spec") or {}).get("restartPolicy") or ""
    policy_path = f"{path}.spec.restartPolicy"
    if not policy and restart == _JOB_RESTART:
        causes.append(field.required(policy_path, 'valid values: "OnFailure", "Never"'))
    elif policy and policy not in restart:
        causes.append(field.not_supported(policy_path, policy, restart))
    deadline = (template.get("spec") or {}).get("activeDeadlineSeconds")
    if restart == ("Always",) and deadline is not None:
        causes.append(field.invalid(f"{path}.spec.activeDeadlineSeconds", deadline,
                                    "activeDeadlineSeconds in ReplicaSet is not Supported"))
    return causes


def _non_negative(spec: Obj, path: str, keys: tuple[str, ...]) -> list[Cause]:
    causes: list[Cause] = []
    for key in keys:
        causes += field.non_negative(f"{path}.{key}", spec.get(key))
    return causes


def _int_or_percent(value: Any, path: str) -> list[Cause]:
    if isinstance(value, str):
        number = value.removesuffix("%")
        if not value.endswith("%") or not number.isdigit():
            return [field.invalid_repr(path, _go_int_or_string(value), _PERCENT_DETAIL)]
        return []
    if isinstance(value, int) and value < 0:
        return [field.invalid(path, value, "must be greater than or equal to 0")]
    return []


def _int_or_percent_value(value: Any) -> int:
    if isinstance(value, str):
        number = value.removesuffix("%")
        return int(number) if number.isdigit() else 0
    return value or 0


def _not_over_100(value: Any, path: str) -> list[Cause]:
    if isinstance(value, str) and value.endswith("%") and _int_or_percent_value(value) > 100:
        return [field.invalid_repr(path, _go_int_or_string(value), "must not be greater than 100%")]
    return []


def _rolling(rolling: Obj, path: str, surge_key: str = "maxSurge") -> list[Cause]:
    unavailable, surge = rolling.get("maxUnavailable"), rolling.get(surge_key)
    causes = _int_or_percent(unavailable, f"{path}.maxUnavailable") + _int_or_percent(surge, f"{path}.{surge_key}")
    if _int_or_percent_value(unavailable) == 0 and _int_or_percent_value(surge) == 0:
        causes.append(field.invalid_repr(f"{path}.maxUnavailable", _go_int_or_string(unavailable),
                                         f"may not be 0 when `{surge_key}` is 0"))
    return causes + _not_over_100(unavailable, f"{path}.maxUnavailable")


def deployment(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes = _non_negative(spec, "spec", ("replicas",))
    causes += _selector_and_template(spec, "spec", "deployment", ("Always",))
    strategy = spec.get("strategy") or {}
    strategy_type = strategy.get("type")
    if strategy_type == "Recreate":
        if strategy.get("rollingUpdate") is not None:
            causes.append(field.forbidden("spec.strategy.rollingUpdate",
                                          "may not be specified when strategy `type` is 'Recreate'"))
    elif strategy_type == "RollingUpdate":
        causes += _rolling(strategy.get("rollingUpdate") or {}, "spec.strategy.rollingUpdate")
    else:
        causes.append(field.not_supported("spec.strategy", strategy_type or "", ("Recreate", "RollingUpdate")))
    causes += _non_negative(spec, "spec", ("minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"))
    deadline = spec.get("progressDeadlineSeconds")
    if deadline is not None and deadline <= (spec.get("minReadySeconds") or 0):
        causes.append(field.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"))
    return causes


def replica_set(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes = _non_negative(spec, "spec", ("replicas", "minReadySeconds"))
    return causes + _selector_and_template(spec, "spec", "deployment", ("Always",))


def replication_controller(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes = _non_negative(spec, "spec", ("minReadySeconds",))
    causes += [field.required("spec.selector")] if not spec.get("selector") else []
    causes += _non_negative(spec, "spec", ("replicas",))
    selector, labels = spec.get("selector"), _template_labels(spec.get("template"))
    if selector and not metadata.set_selector_matches(selector, labels):
        causes.append(field.invalid_repr("spec.template.metadata.labels", _go_labels(labels),
                                         "`selector` does not match template `labels`"))
    return causes + template_restart(spec.get("template"), "spec.template", ("Always",))


def stateful_set(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes: list[Cause] = []
    policy = spec.get("podManagementPolicy")
    if policy not in ("OrderedReady", "Parallel"):
        causes.append(field.invalid("spec.podManagementPolicy", policy or "", "must be 'OrderedReady' or 'Parallel'"))
    strategy = spec.get("updateStrategy") or {}
    strategy_type = strategy.get("type")
    if strategy_type == "OnDelete" and strategy.get("rollingUpdate") is not None:
        causes.append(field.invalid("spec.updateStrategy.rollingUpdate", "",
                                    "only allowed for updateStrategy 'RollingUpdate'"))
    elif strategy_type == "RollingUpdate":
        rolling = strategy.get("rollingUpdate") or {}
        causes += _non_negative(rolling, "spec.updateStrategy.rollingUpdate", ("partition",))
    elif strategy_type != "OnDelete":
        causes.append(field.invalid("spec.updateStrategy", strategy_type or "",
                                    "must be 'RollingUpdate' or 'OnDelete'"))
    retention = spec.get("persistentVolumeClaimRetentionPolicy") or {}
    for key in ("whenDeleted", "whenScaled"):
        if key in retention:
            causes += field.one_of(f"spec.persistentVolumeClaimRetentionPolicy.{key}", retention[key],
                                   ("Retain", "Delete"))
    causes += _non_negative(spec, "spec", ("replicas", "minReadySeconds"))
    claims = spec.get("volumeClaimTemplates") or []
    claim_names = frozenset((claim.get("metadata") or {}).get("name") or "" for claim in claims)
    causes += _selector_and_template(spec, "spec", "statefulset", ("Always",), claim_names)
    for index, claim in enumerate(claims):
        claim_name = (claim.get("metadata") or {}).get("name") or ""
        if not claim_name:
            causes.append(field.required(f"spec.volumeClaimTemplates[{index}].metadata.name",
                                         "name or generateName is required"))
    return causes


def daemon_set(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes = _selector_and_template(spec, "spec", "daemonset", ("Always",))
    strategy = spec.get("updateStrategy") or {}
    strategy_type = strategy.get("type")
    if strategy_type == "RollingUpdate":
        causes += _rolling(strategy.get("rollingUpdate") or {}, "spec.updateStrategy.rollingUpdate")
    elif strategy_type != "OnDelete":
        causes.append(field.not_supported("spec.updateStrategy.type", strategy_type or "",
                                          ("OnDelete", "RollingUpdate")))
    return causes + _non_negative(spec, "spec", ("minReadySeconds", "revisionHistoryLimit"))


def generate_job_selector(job: Obj) -> None:
    """The job strategy's generateSelector: unless spec.manualSelector, the selector and the template's labels
    are the controller-uid and job-name labels."""
    spec = job.get("spec")
    meta = job.get("metadata") or {}
    uid, name = meta.get("uid"), meta.get("name")
    if not isinstance(spec, dict) or spec.get("manualSelector") or not uid:
        return
    template = spec.get("template")
    if isinstance(template, dict):
        labels = template.setdefault("metadata", {}).setdefault("labels", {})
        labels.setdefault("batch.kubernetes.io/controller-uid", uid)
        labels.setdefault("batch.kubernetes.io/job-name", name)
        labels.setdefault("controller-uid", uid)
        labels.setdefault("job-name", name)
    if spec.get("selector") is None:
        spec["selector"] = {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}


def _job_spec(spec: Obj, path: str) -> list[Cause]:
    causes = _non_negative(spec, path, ("parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished"))
    deadline = spec.get("activeDeadlineSeconds")
    if deadline is not None and deadline <= 0:
        causes.append(field.invalid(f"{path}.activeDeadlineSeconds", deadline, "must be greater than 0"))
    mode = spec.get("completionMode")
    if mode is not None:
        causes += field.one_of(f"{path}.completionMode", mode, ("NonIndexed", "Indexed"))
        if mode == "Indexed" and spec.get("completions") is None:
            causes.append(field.required(f"{path}.completions", "when completion mode is Indexed"))
    if spec.get("podReplacementPolicy") is not None:
        causes += field.one_of(f"{path}.podReplacementPolicy", spec["podReplacementPolicy"],
                               ("TerminatingOrFailed", "Failed"))
    return causes


def job(obj: Obj) -> list[Cause]:
    generate_job_selector(obj)
    spec = obj.get("spec") or {}
    causes = _job_spec(spec, "spec")
    return causes + _selector_and_template(spec, "spec", "job", _JOB_RESTART)


_CRON_MACROS = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}


def _cron_error(schedule: str) -> str | None:
    if "TZ" in schedule:
        return "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"
    if schedule in _CRON_MACROS or schedule.startswith("@every "):
        return None
    fields = schedule.split()
    if len(fields) != 5:
        return f"expected exactly 5 fields, found {len(fields)}: [{' '.join(fields)}]"
    return None


def cron_job(obj: Obj) -> list[Cause]:
    causes: list[Cause] = []
    name = (obj.get("metadata") or {}).get("name") or ""
    if len(name) > 52:
        causes.append(field.invalid("metadata.name", name, "must be no more than 52 characters"))
    spec = obj.get("spec") or {}
    schedule = spec.get("schedule") or ""
    if not schedule:
        causes.append(field.required("spec.schedule"))
    elif (problem := _cron_error(schedule)) is not None:
        causes.append(field.invalid("spec.schedule", schedule, problem))
    causes += field.one_of("spec.concurrencyPolicy", spec.get("concurrencyPolicy"), ("Allow", "Forbid", "Replace"))
    causes += _non_negative(spec, "spec", ("startingDeadlineSeconds", "successfulJobsHistoryLimit",
                                           "failedJobsHistoryLimit"))
    job_spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    causes += _job_spec(job_spec, "spec.jobTemplate.spec")
    return causes + template_restart(job_spec.get("template"), "spec.jobTemplate.spec.template", _JOB_RESTART)


def pod_template_object(obj: Obj) -> list[Cause]:
    return pod_template(obj.get("template"), "template")


def _selector_immutable(new: Obj, old: Obj) -> list[Cause]:
    new_selector = (new.get("spec") or {}).get("selector")
    if new_selector != (old.get("spec") or {}).get("selector"):
        return [field.invalid_repr("spec.selector", metadata.go_label_selector(new_selector or {}),
                                   "field is immutable")]
    return []


def stateful_set_update(new: Obj, old: Obj) -> list[Cause]:
    updatable = ("replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy",
                 "minReadySeconds")
    new_rest = {k: v for k, v in (new.get("spec") or {}).items() if k not in updatable}
    old_rest = {k: v for k, v in (old.get("spec") or {}).items() if k not in updatable}
    return [] if new_rest == old_rest else [field.forbidden("spec", _STATEFUL_SET_UPDATABLE)]


def job_update(new: Obj, old: Obj) -> list[Cause]:
    causes = _selector_immutable(new, old)
    new_spec, old_spec = new.get("spec") or {}, old.get("spec") or {}
    if new_spec.get("template") != old_spec.get("template") and not old_spec.get("suspend"):
        causes.append(field.invalid_repr("spec.template", "core.PodTemplateSpec{" + json.dumps(
            new_spec.get("template"), sort_keys=True) + "}", "field is immutable"))
    for key in ("completions", "completionMode", "podFailurePolicy", "backoffLimitPerIndex"):
        if key == "completions" and new_spec.get(key) == new_spec.get("parallelism"):
            continue
        if new_spec.get(key) != old_spec.get(key):
            causes.append(field.immutable(f"spec.{key}", new_spec.get(key)))
    return causes


UPDATES: dict[tuple[str, str], Callable[[Obj, Obj], list[Cause]]] = {
    ("apps", "Deployment"): _selector_immutable,
    ("apps", "ReplicaSet"): _selector_immutable,
    ("apps", "DaemonSet"): _selector_immutable,
    ("apps", "StatefulSet"): stateful_set_update,
    ("batch", "Job"): job_update,
}
