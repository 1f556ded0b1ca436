"""`mkctl delete`: objects named (`TYPE NAME...`, `TYPE/NAME`), selected (`-l`, `--all`, `-A`) or read from files
(`-f`), deleted one by one as kubectl deletes them (DeleteOptions with the propagation policy of `--cascade`,
`--grace-period`, `--now`, `--force` and its warning, `--dry-run`, `--interactive`), each reported
(`pod "x" deleted`, `-o name`), then — `--wait`, the default — waited for until gone (list, then watch for
the DELETED event, `--timeout`). A missing object is reported and the others still deleted (exit 1), unless
`--ignore-not-found`.

`delete_object(session, resource, namespace, name, opts)` is the one-object step `replace --force` reuses."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minikube_py.client.errors import APIError, ClientError

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource

    from ..session import Session

Obj = dict[str, Any]
NO_RESOURCES = ("error: You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n   '<resource>'")
FORCE_WARNING = ("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                 "terminated. The resource may continue to run on the cluster indefinitely.\n")
CASCADES = {"background": "Background", "foreground": "Foreground", "orphan": "Orphan"}
FOREVER = 7 * 24 * 3600.0   # kubectl waits a week when --timeout is 0


@dataclass
class DeleteOptions:
    """How each object is deleted."""

    propagation: str = "Background"
    grace_period: int = -1
    force: bool = False
    dry_run: str = ""   # "" (none), client, server

    def body(self) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if self.grace_period >= 0:
            options["gracePeriodSeconds"] = self.grace_period
        options["propagationPolicy"] = self.propagation
        return options


@dataclass
class Deleted:
    """An object whose deletion was asked for: what `--wait` waits on."""

    resource: Resource
    namespace: str
    name: str
    uid: str


def delete_options(session: Session, *, immediate_force: bool = True) -> DeleteOptions:
    """`--cascade`, `--grace-period`, `--now`, `--force` and `--dry-run` checked as kubectl checks them
    (`immediate_force` False: `--force` means something else, as for replace)."""
    from ._targets import dry_run

    cascade = session.flag("cascade")
    if cascade in ("true", "false"):
        replacement = "background" if cascade == "true" else "orphan"
        session.err(f"warning: --cascade={cascade} is deprecated (boolean value) and can be replaced with "
                    f"--cascade={replacement}.\n")
        cascade = replacement
    if cascade not in CASCADES:
        raise ClientError(f'error: invalid cascade value ({cascade}). Must be "background", "foreground", or '
                          '"orphan"')
    grace = session.flag("grace-period")
    flags = session.command.flags()
    now = bool(flags.lookup("now") and session.flag("now"))
    if now:
        if grace != -1:
            raise ClientError("error: --now and --grace-period cannot be specified together")
        grace = 1
    force = immediate_force and bool(session.flag("force"))
    if force:
        session.err(FORCE_WARNING)
        if grace == -1:
            grace = 0
    elif grace == 0:
        grace = 1   # kubectl: a zero grace period without --force is the shortest graceful one
    return DeleteOptions(CASCADES[cascade], grace, force, dry_run(session))


def run(session: Session) -> int:
    from ..builder import refuse_kustomize

    refuse_kustomize(session, "delete")
    if session.given("raw"):
        from ..builder import raw_write

        return raw_write(session, "DELETE")
    args, filenames = session.args, session.flag("filename")
    if not args and not filenames:
        raise ClientError(NO_RESOURCES)
    if args and filenames:
        raise ClientError("error: Unexpected args: " + str(args).replace("'", "").replace(",", "") +
                          "\nSee 'kubectl delete -h' for help and examples")
    opts = delete_options(session)
    ignore_not_found = session.flag("ignore-not-found") or (session.flag("all") and
                                                            not session.given("ignore-not-found"))
    errors: list[ClientError] = []
    deleted: list[Deleted] = []
    targets, found_any = _targets_of(session, errors)
    if session.flag("interactive") and targets and not _confirmed(session, targets):
        session.out("deletion is cancelled\n")
        return 0
    for resource, namespace, name, source in targets:
        try:
            deleted.append(delete_object(session, resource, namespace, name, opts))
        except APIError as err:
            if err.code == 404 and ignore_not_found:
                continue
            errors.append(err.with_source("deleting", source))
    if not targets and not errors and not found_any:
        session.out("No resources found\n")
    if session.flag("wait") and not opts.dry_run:
        _wait(session, deleted, errors)
    from ..builder import report

    return report(session, errors)


def _targets_of(session: Session, errors: list[ClientError]) -> tuple[list[tuple[Resource, str, str, str]], bool]:
    """(resource, namespace, name, source file) of everything to delete; whether any name or file was given."""
    from . import _targets

    if session.flag("filename"):
        from ..builder import objects

        infos = objects(session)
        errors += infos.errors
        return [(info.resource, info.namespace, info.name, info.source) for info in infos], True
    selector, everything = session.flag("selector"), session.flag("all")
    all_namespaces = session.flag("all-namespaces")
    field_selector = session.flag("field-selector")
    found = _targets.parse(session, session.args)
    named = [target for target in found if target.name]
    if named and (selector or everything or field_selector):
        raise ClientError("error: name cannot be provided when a selector is specified")
    if named and all_namespaces:
        raise ClientError("error: a resource cannot be retrieved by name across all namespaces")
    if not named and not (selector or everything or field_selector):
        raise ClientError("error: resource(s) were provided, but no name was specified")
    if named:
        return [(t.resource, _targets.namespace_of(session, t.resource), t.name, "") for t in named], True
    result = []
    for target in found:
        for item in _targets.list_all(session, target.resource, selector=selector, field_selector=field_selector,
                                      all_namespaces=all_namespaces):
            metadata = item.get("metadata") or {}
            result.append((target.resource, metadata.get("namespace", "") if target.resource.namespaced else "",
                           metadata.get("name", ""), ""))
    return result, False


def _confirmed(session: Session, targets: list[tuple[Resource, str, str, str]]) -> bool:
    """kubectl's `--interactive` question on stdout, answered by a line of stdin ("y" goes on)."""
    import sys

    names = "".join(f"{_kind(resource)}/{name}\n" for resource, _, name, _ in targets)
    session.out(f"You are about to delete the following {len(targets)} resource(s):\n{names}"
                "Do you want to continue? (y/n): ")
    session.stdout.flush()
    answer = sys.stdin.readline().split()
    return bool(answer) and answer[0].lower() == "y"


def _kind(resource: Resource) -> str:
    return resource.kind.lower() + (f".{resource.group}" if resource.group else "")


def delete_object(session: Session, resource: Resource, namespace: str, name: str, opts: DeleteOptions) -> Deleted:
    """DELETE one object and print kubectl's line for it."""
    from ._targets import dry_run_suffix

    answer: Obj = {}
    if opts.dry_run != "client":
        answer = session.client.delete(resource, name, namespace, options=opts.body(),
                                       dry_run=opts.dry_run == "server")
    uid = (answer.get("metadata") or {}).get("uid") or (answer.get("details") or {}).get("uid") or ""
    kind = _kind(resource)
    if session.flag("output") == "name":
        session.out(f"{kind}/{name}\n")
    else:
        operation = "force deleted" if opts.force else "deleted"
        session.out(f'{kind} "{name}" {operation}{dry_run_suffix(opts.dry_run)}\n')
    return Deleted(resource, namespace, name, uid)


def _wait(session: Session, deleted: list[Deleted], errors: list[ClientError]) -> None:
    """kubectl's wait for deletion of each object: gone, or replaced by another of the same name."""
    timeout = timeout_of(session)
    deadline = time.monotonic() + (timeout or FOREVER)
    for target in deleted:
        if not wait_deleted(session, target, deadline):
            kind = target.resource.plural + (f".{target.resource.group}" if target.resource.group else "")
            errors.append(ClientError(f"error: timed out waiting for the condition on {kind}/{target.name}"))


def wait_deleted(session: Session, target: Deleted, deadline: float) -> bool:
    """Whether the object disappeared before `deadline` (list it, then watch from the list's version)."""
    client = session.client
    while True:
        listing = client.list(target.resource, target.namespace, field_selector=f"metadata.name={target.name}")
        items = listing.get("items") or []
        if not items or (target.uid and (items[0].get("metadata") or {}).get("uid") != target.uid):
            return True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        version = (listing.get("metadata") or {}).get("resourceVersion")
        try:
            for event in client.watch(target.resource, target.namespace, name=target.name, resource_version=version,
                                      timeout_seconds=max(1, int(remaining))):
                if event.get("type") == "DELETED":
                    return True
                if time.monotonic() >= deadline:
                    return False
        except APIError as err:
            if err.code != 410:
                raise
        if time.monotonic() >= deadline:
            return False


def timeout_of(session: Session) -> float:
    from minikube_py.flags.values import parse_duration

    value = session.flag("timeout")
    if isinstance(value, (int, float)):
        return float(value)
    return float(parse_duration(str(value)) or 0) if value else 0.0
