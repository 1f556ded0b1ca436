"""`mkctl attach (POD | TYPE/NAME)`: finds the pod as kubectl does, then says no container runs to attach to."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets


def run(session: Session) -> int:
    if not session.args:
        raise ClientError("error: at least 1 argument is required for attach")
    _targets.pod_of(session, session.args[0])
    raise _targets.no_containers("attach")
