"""`mkctl port-forward TYPE/NAME PORT...`: finds the pod (or the service's, the workload's) as kubectl does,
then says no container listens to forward to."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets


def run(session: Session) -> int:
    if len(session.args) < 2:
        raise ClientError("error: TYPE/NAME and list of ports are required for port-forward\n"
                          "See 'kubectl port-forward -h' for help and examples")
    _targets.pod_of(session, session.args[0])
    raise _targets.no_containers("port-forward")
