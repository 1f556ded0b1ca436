"""`mkctl cordon NODE... | -l SELECTOR`: mark nodes unschedulable (`spec.unschedulable`), kubectl's lines
(`node/x cordoned`, `node/x already cordoned`); shared with uncordon and drain."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets
from ._targets import Obj


def run(session: Session) -> int:
    return set_schedulable(session, "cordon", unschedulable=True)


def set_schedulable(session: Session, verb: str, *, unschedulable: bool) -> int:
    mode = _targets.dry_run(session)
    for node in nodes(session, verb):
        session.out(cordon(session, node, unschedulable, mode))
    return 0


def nodes(session: Session, verb: str) -> list[Obj]:
    """The nodes named on the command line (or matching -l)."""
    resource = session.resolve("nodes")
    selector = session.flag("selector")
    if not session.args and not selector:
        raise ClientError(f"error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples")
    if selector and session.args:
        raise ClientError("error: cannot specify both a node name and a --selector option\n"
                          f"See 'kubectl {verb} -h' for help and examples")
    if selector:
        return _targets.list_all(session, resource, selector=selector)
    return [_targets.get(session, _targets.Target(resource, name)) for name in session.args]


def cordon(session: Session, node: Obj, unschedulable: bool, mode: str) -> str:
    """Patch one node's `spec.unschedulable` unless it is already so; kubectl's line for it."""
    verb = "cordoned" if unschedulable else "uncordoned"
    name = node["metadata"]["name"]
    if bool((node.get("spec") or {}).get("unschedulable")) == unschedulable:
        return f"node/{name} already {verb}{_targets.dry_run_suffix(mode)}\n"
    if mode != "client":
        session.client.patch(session.resolve("nodes"), name, {"spec": {"unschedulable": unschedulable or None}},
                             dry_run=mode == "server")
    return f"node/{name} {verb}{_targets.dry_run_suffix(mode)}\n"
