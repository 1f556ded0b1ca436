"""`mkctl exec (POD | TYPE/NAME) -- COMMAND`: finds the pod as kubectl does (NotFound when missing), then says
that no container runs to execute in."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets


def run(session: Session) -> int:
    args = session.args[:session.dash_at] if session.dash_at is not None and session.dash_at >= 0 else session.args
    if not args:
        raise ClientError("error: pod, type/name or --filename must be specified")
    _targets.pod_of(session, args[0])
    raise _targets.no_containers("exec")
