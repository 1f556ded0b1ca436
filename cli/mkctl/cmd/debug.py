"""`mkctl debug (POD | TYPE/NAME) --image=IMAGE`: finds the pod or node as kubectl does, then says no container
can run to debug with."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets


def run(session: Session) -> int:
    if not session.flag("image") and not session.flag("copy-to"):
        raise ClientError("error: you must specify --image when not using --copy-to.")
    if not session.args:
        raise ClientError("error: debugging a pod requires a pod or node name")
    if not session.given("profile"):
        session.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to '
                    'explicitly specify a profile, for example "--profile=general".\n')
    target = session.args[0]
    if target.startswith(("node/", "nodes/")):
        _targets.get(session, _targets.Target(session.resolve("nodes"), target.partition("/")[2]))
    else:
        _targets.pod_of(session, target)
    raise _targets.no_containers("debug")
