"""`mkctl wait TYPE/NAME...|TYPE -l SEL|--all --for=condition=X[=value]|delete|create|jsonpath={.path}[=value]
[--timeout]`: each object in turn, checked as it is and then on each change its watch reports, until the
condition holds (`pod/x condition met`) or the timeout passes (kubectl's timeout and `condition not met` errors)."""

from __future__ import annotations

import time
from collections.abc import Callable

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from . import _targets
from ._targets import Obj, Target

Check = Callable[[Obj | None], bool]   # None: the object does not exist (any more)


def run(session: Session) -> int:
    check = condition(session.flag("for"))
    targets = _targets.from_args_or_files(session)
    every, selector = session.flag("all"), session.flag("selector")
    field_selector, all_namespaces = session.flag("field-selector"), session.flag("all-namespaces")
    if not targets:
        raise ClientError("error: You must provide one or more resources by argument or filename.\n"
                          "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                          "   '<resource> <name>'\n   '<resource>'")
    waits: list[tuple[Target, Obj | None]] = []
    for target in targets:
        if target.name:
            try:
                waits.append((target, _targets.get(session, target)))
            except APIError as err:
                if err.reason != "NotFound" or session.flag("for") != "delete":
                    raise
        elif every or selector or field_selector:
            waits += [(Target(target.resource, obj["metadata"]["name"]), obj) for obj in _targets.list_all(
                session, target.resource, selector=selector, field_selector=field_selector,
                all_namespaces=all_namespaces)]
        else:
            raise ClientError("error: resource(s) were provided, but no name was specified")
    if not waits and session.flag("for") != "delete":
        raise ClientError("error: no matching resources found")
    if session.flag("output"):
        from .create import check_output

        check_output(session)
    for target, obj in waits:
        met: list[Obj | None] = [None]

        def recording(current: Obj | None) -> bool:
            if check(current):
                met[0] = current
                return True
            return False

        _wait(session, target, obj, recording)
        if session.flag("output") and met[0] is not None:   # -o: the object as it met the condition
            from .create import print_object

            print_object(session, _targets.with_kind(met[0], target.resource), "condition met")
        else:
            session.out(f"{_targets.display_name(target.resource, target.name)} condition met\n")
        session.stdout.flush()
    return 0


def condition(text: str) -> Check:
    """The check `--for` names, or kubectl's `unrecognized condition` error."""
    lowered = text.lower()
    if lowered == "delete":
        return lambda obj: obj is None
    if lowered == "create":
        return lambda obj: obj is not None
    if lowered.startswith("condition="):
        name, _, value = text[len("condition="):].partition("=")
        return lambda obj: obj is not None and _has_condition(obj, name, value or "true")
    if lowered.startswith("jsonpath="):
        return _jsonpath_check(text[len("jsonpath="):])
    raise ClientError(f'error: unrecognized condition: "{text}"')


def _has_condition(obj: Obj, name: str, value: str) -> bool:
    generation = (obj.get("metadata") or {}).get("generation")
    for cond in (obj.get("status") or {}).get("conditions") or ():
        if str(cond.get("type", "")).lower() != name.lower():
            continue
        observed = cond.get("observedGeneration")
        if observed is not None and generation is not None and observed != generation:
            continue
        return str(cond.get("status", "")).lower() == value.lower()
    return False


def _jsonpath_check(text: str) -> Check:
    from ..printers.jsonpath import JSONPath, JSONPathError, relaxed_path

    expression, value, has_value = text, "", False
    if text.startswith("{") and "}=" in text:
        expression, _, value = text.rpartition("}=")
        expression, has_value = expression + "}", True
    elif not text.startswith("{") and "=" in text:
        expression, _, value = text.partition("=")
        has_value = True
    try:
        path = JSONPath(relaxed_path(expression))
    except JSONPathError as err:
        raise ClientError(f"error: {err}") from None

    def check(obj: Obj | None) -> bool:
        if obj is None:
            return False
        try:
            results = [value for group in path.find_results(obj) for value in group]
        except JSONPathError:
            return False
        if not results:
            return False
        if not has_value:
            return True
        if len(results) > 1:
            raise ClientError("error: given jsonpath expression matches more than one value")
        found = results[0]
        if isinstance(found, (dict, list)):
            raise ClientError("error: jsonpath leads to a nested object or list which is not supported")
        text_value = ("true" if found else "false") if isinstance(found, bool) else str(found)
        return text_value == value
    return check


def _wait(session: Session, target: Target, obj: Obj | None, check: Check) -> None:
    timeout = session.flag("timeout")
    where = f"{target.resource.group_resource}/{target.name}"
    if check(obj):
        return
    if timeout == 0:
        raise ClientError(f"error: condition not met for {where}")
    deadline = time.monotonic() + timeout if timeout > 0 else None
    if obj is not None:
        target = Target(target.resource, target.name, (obj.get("metadata") or {}).get("namespace") or "")
    while True:
        current, resource_version = _targets.list_one(session, target)
        if check(current):
            return
        try:
            if _watch_until(session, target, resource_version, deadline, check):
                return
        except APIError as err:
            if err.code != 410:   # Expired: list again
                raise
        if deadline is not None and time.monotonic() >= deadline:
            raise ClientError(f"error: timed out waiting for the condition on {where}")


def _watch_until(session: Session, target: Target, resource_version: str, deadline: float | None,
                 check: Check) -> bool:
    """Watch from `resource_version` until the check holds (True) or the time is up (False)."""
    while True:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            return False
        seconds = None if left is None else max(1, int(left + 0.999))
        for event in session.client.watch(target.resource, _targets.target_namespace(session, target),
                                          name=target.name, resource_version=resource_version,
                                          timeout_seconds=seconds):
            if event["type"] == "BOOKMARK":
                continue
            resource_version = event["object"].get("metadata", {}).get("resourceVersion", resource_version)
            if check(None if event["type"] == "DELETED" else event["object"]):
                return True
