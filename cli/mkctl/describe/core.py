"""`kubectl describe` of the namespaced core kinds that are neither pods, workloads, services nor storage:
namespaces (with their quotas and limit ranges), resourcequotas, limitranges, configmaps, secrets and
serviceaccounts."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from .common import (
    Obj,
    PrefixWriter,
    Writer,
    annotations,
    events,
    labels,
    meta,
    name_and_namespace,
    rfc1123z,
)

SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token"
QUOTA_SCOPE_HELP = {
    "Terminating": "Matches all pods that have an active deadline. These pods have a limited lifespan on a node "
                   "before being actively terminated by the system.",
    "NotTerminating": "Matches all pods that do not have an active deadline. These pods usually include long "
                      "running pods whose container command is not expected to terminate.",
    "BestEffort": "Matches all pods that do not have resource requirements set. These pods have a best effort "
                  "quality of service.",
    "NotBestEffort": "Matches all pods that have at least one resource requirement set. These pods have a "
                     "burstable or guaranteed quality of service.",
}
LIMIT_HEADER = "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n"
LIMIT_RULE = "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n"


def describe_namespace(namespace: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                       now: float) -> str:
    metadata, status = meta(namespace), namespace.get("status") or {}
    w = PrefixWriter()
    w.write(0, f"Name:\t{metadata.get('name', '')}\n")
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"Status:\t{status.get('phase', '')}\n")
    if status.get("conditions"):
        w.write(0, "Conditions:\n")
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
        w.write(1, "----\t------\t------------------\t------\t-------\n")
        for c in status["conditions"]:
            w.write(1, f"{c.get('type', '')}\t{c.get('status', '')}\t{rfc1123z(c.get('lastTransitionTime'))}\t"
                       f"{c.get('reason', '')}\t{c.get('message', '')}\n")
    if "resourcequotas" in related:
        w.write(0, "\n")
        _quotas(w, related["resourcequotas"])
    if "limitranges" in related:
        w.write(0, "\n")
        if not related["limitranges"]:
            w.write(0, "No LimitRange resource.\n")
        else:
            w.write(0, "Resource Limits\n " + LIMIT_HEADER)
            w.write(0, " " + LIMIT_RULE)
            for limit_range in related["limitranges"]:
                _limit_range_items(w, limit_range, " ")
    return w.render()


def _quotas(w: Writer, quotas: list[Obj]) -> None:
    """`DescribeResourceQuotas`: each quota by name, its scopes, then Resource/Used/Hard."""
    if not quotas:
        w.write(0, "No resource quota.\n")
        return
    w.write(0, "Resource Quotas\n")
    for quota in sorted(quotas, key=lambda q: meta(q).get("name", "")):
        w.write(1, f"Name:\t{meta(quota).get('name', '')}\n")
        scopes = sorted((quota.get("spec") or {}).get("scopes") or [])
        if scopes:
            w.write(1, f"Scopes:\t{', '.join(scopes)}\n")
            for scope in scopes:
                if scope in QUOTA_SCOPE_HELP:
                    w.write(1, f"* {QUOTA_SCOPE_HELP[scope]}\n")
        w.write(1, "Resource\tUsed\tHard\n")
        w.write(1, "--------\t---\t---\n")
        status = quota.get("status") or {}
        hard, used = status.get("hard") or {}, status.get("used") or {}
        for name in sorted(hard):
            w.write(1, f"{name}\t{used.get(name, '0')}\t{hard[name]}\n")


def describe_resource_quota(quota: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                            now: float) -> str:
    w = PrefixWriter()
    name_and_namespace(w, quota)
    scopes = sorted((quota.get("spec") or {}).get("scopes") or [])
    if scopes:
        w.write(0, f"Scopes:\t{', '.join(scopes)}\n")
        for scope in scopes:
            if scope in QUOTA_SCOPE_HELP:
                w.write(0, f" * {QUOTA_SCOPE_HELP[scope]}\n")
    w.write(0, "Resource\tUsed\tHard\n")
    w.write(0, "--------\t----\t----\n")
    status = quota.get("status") or {}
    hard, used = status.get("hard") or {}, status.get("used") or {}
    for name in sorted(hard):
        w.write(0, f"{name}\t{_used_as_hard(used.get(name), hard[name])}\t{hard[name]}\n")
    return w.render()


def _used_as_hard(used: Any, hard: Any) -> str:
    """describeQuota re-expresses `used` in the format of `hard` when their formats differ."""
    from minikube_py.api.quantity import Quantity, QuantityError, parse_quantity

    try:
        used_quantity, hard_quantity = parse_quantity(str(used or "0")), parse_quantity(str(hard))
    except QuantityError:
        return str(used or "0")
    if used is not None and used_quantity.format == hard_quantity.format:
        return str(used)
    return str(Quantity(used_quantity.value(), hard_quantity.format))


def _limit_range_items(w: Writer, limit_range: Obj, prefix: str) -> None:
    """`describeLimitRangeSpec`: a row per limit and resource (`-` where a value is not set); kubectl walks a Go
    map here, so the order of resources within a limit is by name."""
    for item in (limit_range.get("spec") or {}).get("limits") or ():
        columns = [item.get(key) or {} for key in ("min", "max", "defaultRequest", "default", "maxLimitRequestRatio")]
        for resource in sorted({name for column in columns for name in column}):
            values = "\t".join(str(column.get(resource, "-")) for column in columns)
            w.write(0, f"{prefix}{item.get('type', '')}\t{resource}\t{values}\n")


def describe_limit_range(limit_range: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                         now: float) -> str:
    w = PrefixWriter()
    name_and_namespace(w, limit_range)
    w.write(0, LIMIT_HEADER)
    w.write(0, LIMIT_RULE)
    _limit_range_items(w, limit_range, "")
    return w.render()


def describe_config_map(config_map: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                        now: float) -> str:
    metadata = meta(config_map)
    w = PrefixWriter()
    name_and_namespace(w, config_map)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, "\nData\n====\n")
    data = config_map.get("data") or {}
    for key in sorted(data):
        w.write(0, f"{key}:\n----\n")
        w.write(0, f"{data[key]}\n")
        w.write(0, "\n")
    w.write(0, "\nBinaryData\n====\n")
    binary = config_map.get("binaryData") or {}
    for key in sorted(binary):
        w.write(0, f"{key}: {len(_decoded(binary[key]))} bytes\n")
    w.write(0, "\n")
    events(w, object_events, now)
    return w.render()


def _decoded(value: str) -> bytes:
    try:
        return base64.b64decode(value or "")
    except (binascii.Error, ValueError):
        return (value or "").encode()


def describe_secret(secret: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                    now: float) -> str:
    metadata = meta(secret)
    w = PrefixWriter()
    name_and_namespace(w, secret)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    w.write(0, f"\nType:\t{secret.get('type', '')}\n")
    w.write(0, "\nData\n====\n")
    data = secret.get("data") or {}
    for key in sorted(data):
        value = _decoded(data[key])
        if key == "token" and secret.get("type") == SERVICE_ACCOUNT_TOKEN:
            w.write(0, f"{key}:\t{value.decode(errors='replace')}\n")
        else:
            w.write(0, f"{key}:\t{len(value)} bytes\n")
    return w.render()


def describe_service_account(account: Obj, object_events: list[Obj] | None, related: dict[str, list[Obj]],
                             now: float) -> str:
    metadata = meta(account)
    secrets = related.get("secrets")
    existing = {meta(s).get("name") for s in secrets or ()}
    tokens = [meta(s).get("name", "") for s in secrets or ()
              if s.get("type") == SERVICE_ACCOUNT_TOKEN
              and (meta(s).get("annotations") or {}).get("kubernetes.io/service-account.name") == metadata.get("name")
              and (meta(s).get("annotations") or {}).get("kubernetes.io/service-account.uid") == metadata.get("uid")]
    w = PrefixWriter()
    name_and_namespace(w, account)
    labels(w, "Labels", metadata.get("labels"))
    annotations(w, "Annotations", metadata.get("annotations"))
    sections = {
        "Image pull secrets:": [ref.get("name", "") for ref in account.get("imagePullSecrets") or ()],
        "Mountable secrets: ": [ref.get("name", "") for ref in account.get("secrets") or ()],
        "Tokens:            ": tokens,
    }
    for header in sorted(sections):
        names = sections[header]
        if not names:
            w.write(0, f"{header}\t<none>\n")
        for index, name in enumerate(names):
            missing = secrets is not None and name not in existing
            w.write(0, f"{header if index == 0 else ' ' * 19}\t{name}{' (not found)' if missing else ''}\n")
    events(w, object_events, now)
    return w.render()
