"""`mkctl cp [NS/]POD:PATH LOCAL | LOCAL [NS/]POD:PATH`: finds the pod as kubectl does, then says no container
holds files to copy."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets


def run(session: Session) -> int:
    if len(session.args) != 2:
        raise ClientError("error: source and destination are required")
    remote = next((arg for arg in session.args if ":" in arg and not arg.startswith(("/", "."))), "")
    if not remote:
        raise ClientError("error: one of src or dest must be a remote file specification")
    pod = remote.partition(":")[0]
    namespace, slash, name = pod.rpartition("/")
    if slash and namespace:
        session.client.get(session.resolve("pods"), name, namespace)
    else:
        _targets.pod_of(session, pod)
    raise _targets.no_containers("cp")
