"""`mkctl rollout status|history|undo|restart|pause|resume TYPE/NAME...`: kubectl's rollout commands over
deployments (history and undo from the ReplicaSets' revision annotations), daemon sets and stateful sets
(status, restart, pause/resume where kubectl allows them); kubectl's progress lines, messages and errors."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from minikube_py.client.errors import APIError, ClientError

from ..describe.writer import PrefixWriter
from ..session import Session
from . import _targets
from ._targets import Obj, Target
from .create import print_object

REVISION = "deployment.kubernetes.io/revision"
CHANGE_CAUSE = "kubernetes.io/change-cause"
RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"
HASH_LABEL = "pod-template-hash"
# annotations an undo keeps from the deployment rather than copying from the ReplicaSet
SKIPPED_ANNOTATIONS = ("kubectl.kubernetes.io/last-applied-configuration", REVISION,
                       "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                       "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to")
TIMED_OUT = "error: timed out waiting for the condition"


def _targets_of(session: Session) -> list[Target]:
    if not session.args and not session.flag("filename"):
        raise ClientError("error: required resource not specified")
    return _targets.from_args_or_files(session)


def _objects(session: Session) -> list[tuple[Target, Obj]]:
    """The objects named or selected; the missing ones are all reported (kubectl's builder) before any work."""
    found = []
    missing: list[str] = []
    for target in _targets_of(session):
        if target.name:
            try:
                found.append((target, _targets.get(session, target)))
            except APIError as err:
                if err.reason != "NotFound":
                    raise
                missing.append(err.message)
        else:
            found += [(Target(target.resource, obj["metadata"]["name"]), obj) for obj in _targets.list_all(
                session, target.resource, selector=session.flag("selector"))]
    if missing:
        raise ClientError("\n".join(missing))
    return found


class RawWriter(PrefixWriter):
    """kubectl's printTemplate writes describe's lines to a plain buffer: tabs stay tabs."""

    def render(self) -> str:
        return "".join("".join(block) for block in self._blocks)


# -- status -----------------------------------------------------------------------------------------------------

def status(session: Session) -> int:
    revision = session.flag("revision")
    for target, obj in _objects(session):
        viewer = _STATUS.get(target.resource.kind)
        if viewer is None:
            raise ClientError(f"error: no status viewer has been implemented for {target.resource.kind}")
        _wait_for_rollout(session, target, obj, viewer, revision)
    return 0


def _wait_for_rollout(session: Session, target: Target, obj: Obj, viewer: Any, revision: int) -> None:
    """Print the status of the object and of each change the watch reports until done (or once with
    --watch=false); --timeout ends the wait with kubectl's error."""
    timeout = session.flag("timeout")
    deadline = time.monotonic() + timeout if timeout > 0 else None
    if not session.flag("watch"):
        session.out(viewer(obj, revision)[0])
        return
    while True:
        current, resource_version = _targets.list_one(session, target)
        if current is None:
            raise ClientError("error: object has been deleted")
        try:
            for current in _changes(session, target, current, resource_version, deadline):
                text, done = viewer(current, revision)
                session.out(text)
                session.stdout.flush()
                if done:
                    return
        except APIError as err:
            if err.code != 410:   # Expired: list again
                raise
            continue
        raise ClientError(TIMED_OUT)


def _changes(session: Session, target: Target, first: Obj, resource_version: str, deadline: float | None
             ) -> Iterator[Obj]:
    """The object, then as each ADDED/MODIFIED event of its watch shows it, until the deadline."""
    yield first
    while True:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            return
        seconds = None if left is None else max(1, int(left + 0.999))
        for event in session.client.watch(target.resource, _targets.target_namespace(session, target),
                                          name=target.name, resource_version=resource_version,
                                          timeout_seconds=seconds):
            if event["type"] == "DELETED":
                raise ClientError("error: object has been deleted")
            if event["type"] in ("ADDED", "MODIFIED"):
                resource_version = event["object"]["metadata"].get("resourceVersion", resource_version)
                yield _targets.with_kind(event["object"], target.resource)


def _deployment_status(deployment: Obj, revision: int) -> tuple[str, bool]:
    name, spec, state = deployment["metadata"]["name"], deployment.get("spec") or {}, deployment.get("status") or {}
    if revision > 0:
        current = _revision(deployment)
        if revision != current:
            raise ClientError(f"error: desired revision ({revision}) is different from the running revision "
                              f"({current})")
    if deployment["metadata"].get("generation", 0) > state.get("observedGeneration", 0):
        return "Waiting for deployment spec update to be observed...\n", False
    progressing = next((c for c in state.get("conditions") or () if c.get("type") == "Progressing"), {})
    if progressing.get("reason") == "ProgressDeadlineExceeded":
        raise ClientError(f'error: deployment "{name}" exceeded its progress deadline')
    waiting = f'Waiting for deployment "{name}" rollout to finish: '
    updated, replicas = state.get("updatedReplicas", 0), state.get("replicas", 0)
    available = state.get("availableReplicas", 0)
    if "replicas" in spec and updated < spec["replicas"]:
        return f"{waiting}{updated} out of {spec['replicas']} new replicas have been updated...\n", False
    if replicas > updated:
        return f"{waiting}{replicas - updated} old replicas are pending termination...\n", False
    if available < updated:
        return f"{waiting}{available} of {updated} updated replicas are available...\n", False
    return f'deployment "{name}" successfully rolled out\n', True


def _daemon_set_status(daemon: Obj, _revision: int) -> tuple[str, bool]:
    name, spec, state = daemon["metadata"]["name"], daemon.get("spec") or {}, daemon.get("status") or {}
    if (spec.get("updateStrategy") or {}).get("type", "RollingUpdate") != "RollingUpdate":
        raise ClientError("error: rollout status is only available for RollingUpdate strategy type")
    if daemon["metadata"].get("generation", 0) > state.get("observedGeneration", 0):
        return "Waiting for daemon set spec update to be observed...\n", False
    desired, updated = state.get("desiredNumberScheduled", 0), state.get("updatedNumberScheduled", 0)
    waiting = f'Waiting for daemon set "{name}" rollout to finish: '
    if updated < desired:
        return f"{waiting}{updated} out of {desired} new pods have been updated...\n", False
    if state.get("numberAvailable", 0) < desired:
        return f"{waiting}{state.get('numberAvailable', 0)} of {desired} updated pods are available...\n", False
    return f'daemon set "{name}" successfully rolled out\n', True


def _stateful_set_status(sts: Obj, _revision: int) -> tuple[str, bool]:
    spec, state = sts.get("spec") or {}, sts.get("status") or {}
    strategy = spec.get("updateStrategy") or {}
    if strategy.get("type", "RollingUpdate") != "RollingUpdate":
        raise ClientError("error: rollout status is only available for RollingUpdate strategy type")
    observed = state.get("observedGeneration", 0)
    if not observed or sts["metadata"].get("generation", 0) > observed:
        return "Waiting for statefulset spec update to be observed...\n", False
    replicas = spec.get("replicas")
    if replicas is not None and state.get("readyReplicas", 0) < replicas:
        return f"Waiting for {replicas - state.get('readyReplicas', 0)} pods to be ready...\n", False
    updated = state.get("updatedReplicas", 0)
    if strategy.get("rollingUpdate") is not None:
        partition = strategy["rollingUpdate"].get("partition")
        if replicas is not None and partition is not None and updated < replicas - partition:
            return (f"Waiting for partitioned roll out to finish: {updated} out of {replicas - partition} new pods "
                    "have been updated...\n"), False
        return f"partitioned roll out complete: {updated} new pods have been updated...\n", True
    if state.get("updateRevision") != state.get("currentRevision"):
        return (f"waiting for statefulset rolling update to complete {updated} pods at revision "
                f"{state.get('updateRevision', '')}...\n"), False
    return (f"statefulset rolling update complete {state.get('currentReplicas', 0)} pods at revision "
            f"{state.get('currentRevision', '')}...\n"), True


_STATUS = {"Deployment": _deployment_status, "DaemonSet": _daemon_set_status, "StatefulSet": _stateful_set_status}


# -- history and undo (deployments) -----------------------------------------------------------------------------

def _revision(obj: Obj) -> int:
    text = ((obj.get("metadata") or {}).get("annotations") or {}).get(REVISION)
    try:
        return int(text) if text is not None else 0
    except ValueError:
        return -1


def _replica_sets(session: Session, deployment: Obj) -> list[Obj]:
    """The ReplicaSets the deployment controls (its selector, its controller reference)."""
    uid = deployment["metadata"].get("uid")
    items = _targets.list_all(session, session.resolve("replicasets.apps"),
                              selector=_targets.selector_of(deployment))
    return [rs for rs in items if any(ref.get("controller") and ref.get("uid") == uid
                                      for ref in (rs.get("metadata") or {}).get("ownerReferences") or ())]


def _kind_check(target: Target, what: str) -> None:
    if target.resource.kind not in ("Deployment", "DaemonSet", "StatefulSet"):
        raise ClientError(f'error: no {what} has been implemented for "{target.resource.kind}"')


def _controller_revisions(session: Session, obj: Obj) -> list[Obj]:
    """The ControllerRevisions a daemon set or stateful set controls, by revision (its history)."""
    uid = obj["metadata"].get("uid")
    items = _targets.list_all(session, session.resolve("controllerrevisions.apps"),
                              selector=_targets.selector_of(obj))
    owned = [cr for cr in items if any(ref.get("controller") and ref.get("uid") == uid
                                       for ref in (cr.get("metadata") or {}).get("ownerReferences") or ())]
    return sorted(owned, key=lambda cr: int(cr.get("revision") or 0))


def _revision_template(revision: Obj) -> Obj:
    """The pod template a ControllerRevision's patch restores (`data.spec.template` without `$patch`)."""
    template = (((revision.get("data") or {}).get("spec") or {}).get("template") or {})
    return {key: value for key, value in template.items() if key != "$patch"}


def _history(session: Session, target: Target, obj: Obj) -> tuple[dict[int, Obj], dict[int, str]]:
    """The templates and change causes by revision: ReplicaSets for deployments, ControllerRevisions else."""
    templates: dict[int, Obj] = {}
    causes: dict[int, str] = {}
    if target.resource.kind != "Deployment":
        for revision in _controller_revisions(session, obj):
            number = int(revision.get("revision") or 0)
            templates[number] = _revision_template(revision)
            causes[number] = ((revision.get("metadata") or {}).get("annotations") or {}).get(CHANGE_CAUSE, "")
        return templates, causes
    for rs in _replica_sets(session, obj):
        number = _revision(rs)
        if number < 0:
            continue
        template = dict((rs.get("spec") or {}).get("template") or {})
        cause = ((rs.get("metadata") or {}).get("annotations") or {}).get(CHANGE_CAUSE)
        if cause:
            metadata = dict(template.get("metadata") or {})
            metadata["annotations"] = {**(metadata.get("annotations") or {}), CHANGE_CAUSE: cause}
            template["metadata"] = metadata
        templates[number], causes[number] = template, cause or ""
    return templates, causes


def history(session: Session) -> int:
    wanted = session.flag("revision")
    for target, obj in _objects(session):
        _kind_check(target, "history viewer")
        templates, causes = _history(session, target, obj)
        head = _targets.display_name(target.resource, target.name)
        with_revision = f"with revision #{wanted}" if wanted > 0 else ""
        session.out(f"{head} {with_revision}\n{_history_text(templates, causes, wanted)}\n")
    return 0


def _history_text(templates: dict[int, Obj], causes: dict[int, str], wanted: int) -> str:
    if not templates:
        return "No rollout history found."
    if wanted > 0:
        if wanted not in templates:
            raise ClientError("error: unable to find the specified revision")
        from ..describe.pods import pod_template

        writer = RawWriter()
        pod_template(writer, templates[wanted])
        return writer.render()
    from minikube_py.tabwriter import TabWriter

    rows = ["REVISION\tCHANGE-CAUSE\n"] + [f"{number}\t{causes.get(number) or '<none>'}\n"
                                           for number in sorted(templates)]
    return TabWriter(padding=2).format("".join(rows))


def _undo_from_revisions(session: Session, target: Target, obj: Obj, to_revision: int, mode: str) -> str:
    """kubectl's DaemonSet/StatefulSet rollbacker: patch the object with the chosen ControllerRevision."""
    revisions = _controller_revisions(session, obj)
    if to_revision == 0 and len(revisions) <= 1:
        raise ClientError("error: no last revision to roll back to")
    if to_revision == 0:
        chosen: Obj | None = revisions[-2]
    else:
        chosen = next((r for r in revisions if int(r.get("revision") or 0) == to_revision), None)
    if chosen is None:
        raise ClientError(f"error: unable to find specified revision {to_revision} in history")
    head = _targets.display_name(target.resource, target.name)
    if _revision_template(chosen) == (obj.get("spec") or {}).get("template"):
        return (f"{head} skipped rollback (current template already matches revision "
                f"{int(chosen.get('revision') or 0)})\n")
    if mode != "client":
        session.client.patch(target.resource, target.name, chosen.get("data") or {},
                             _targets.target_namespace(session, target), dry_run=mode == "server")
    return f"{head} rolled back{_targets.dry_run_suffix(mode)}\n"


def undo(session: Session) -> int:
    mode = _targets.dry_run(session)
    to_revision = session.flag("to-revision")
    for target, deployment in _objects(session):
        _kind_check(target, "rollbacker")
        if target.resource.kind != "Deployment":
            session.out(_undo_from_revisions(session, target, deployment, to_revision, mode))
            continue
        name = deployment["metadata"]["name"]
        source = _rollback_source(session, deployment, to_revision)
        if (deployment.get("spec") or {}).get("paused"):
            raise ClientError("error: you cannot rollback a paused deployment; resume it first with 'kubectl "
                              "rollout resume' and try again")
        template = source.get("spec", {}).get("template") or {}
        head = _targets.display_name(target.resource, name)
        if _without_hash(template) == _without_hash(deployment["spec"].get("template") or {}):
            session.out(f"{head} skipped rollback (current template already matches revision "
                        f"{_revision(source)})\n")
            continue
        annotations = {key: value for key, value in (deployment["metadata"].get("annotations") or {}).items()
                       if key in SKIPPED_ANNOTATIONS}
        annotations.update({key: value for key, value in (source["metadata"].get("annotations") or {}).items()
                            if key not in SKIPPED_ANNOTATIONS})
        patch = [{"op": "replace", "path": "/spec/template", "value": _without_hash(template)},
                 {"op": "replace", "path": "/metadata/annotations", "value": annotations}]
        if mode != "client":
            session.client.patch(target.resource, name, patch, _targets.target_namespace(session, target),
                                 patch_type="json", dry_run=mode == "server")
        print_object(session, deployment, "rolled back", mode)
    return 0


def _rollback_source(session: Session, deployment: Obj, to_revision: int) -> Obj:
    """kubectl's deploymentRevision: the ReplicaSet of `to_revision`, or of the revision before the latest."""
    latest: tuple[int, Obj | None] = (-1, None)
    previous: tuple[int, Obj | None] = (-1, None)
    for rs in _replica_sets(session, deployment):
        number = _revision(rs)
        if number < 0:
            continue
        if to_revision == 0:
            if latest[0] < number:
                previous, latest = latest, (number, rs)
            elif previous[0] < number:
                previous = (number, rs)
        elif to_revision == number:
            return rs
    if to_revision > 0:
        raise ClientError(f"error: unable to find specified revision {to_revision} in history")
    if previous[1] is None:
        raise ClientError(f'error: no rollout history found for deployment "{deployment["metadata"]["name"]}"')
    return previous[1]


def _without_hash(template: Obj) -> Obj:
    metadata = dict(template.get("metadata") or {})
    labels = {key: value for key, value in (metadata.get("labels") or {}).items() if key != HASH_LABEL}
    if labels or "labels" in metadata:
        metadata["labels"] = labels
    return {**template, "metadata": metadata}


# -- restart, pause, resume ---------------------------------------------------------------------------------------

def restart(session: Session) -> int:
    from datetime import datetime

    now = datetime.now().astimezone().isoformat(timespec="seconds").replace("+00:00", "Z")
    for target, obj in _objects(session):
        kind = target.resource.kind
        if kind not in ("Deployment", "DaemonSet", "StatefulSet"):
            raise ClientError(f'error: {target.resource.group_resource} "{target.name}" restarting is not supported')
        if (obj.get("spec") or {}).get("paused"):
            raise ClientError(f'error: {target.resource.group_resource} "{target.name}" can\'t restart paused '
                              f"deployment (run rollout resume first)")
        patch = {"spec": {"template": {"metadata": {"annotations": {RESTARTED_AT: now}}}}}
        print_object(session, _patch(session, target, patch), "restarted")
    return 0


def pause(session: Session) -> int:
    return _set_paused(session, True)


def resume(session: Session) -> int:
    return _set_paused(session, False)


def _set_paused(session: Session, paused: bool) -> int:
    verb = "paused" if paused else "resumed"
    failures = []
    for target, obj in _objects(session):
        if target.resource.kind != "Deployment":
            failures.append(f'error: {target.resource.group_resource} "{target.name}" '
                            f'{"pausing" if paused else "resuming"} is not supported')
            continue
        if bool((obj.get("spec") or {}).get("paused")) == paused:
            failures.append(f'error: {target.resource.group_resource} "{target.name}" is '
                            f'{"already paused" if paused else "not paused"}')
            continue
        print_object(session, _patch(session, target, {"spec": {"paused": paused or None}}), verb)
    if failures:
        raise ClientError("\n".join(failures))
    return 0


def _patch(session: Session, target: Target, patch: Obj) -> Obj:
    return session.client.patch(target.resource, target.name, patch, _targets.target_namespace(session, target),
                         field_manager=session.flag("field-manager"))
