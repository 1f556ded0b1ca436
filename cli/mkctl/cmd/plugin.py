"""`mkctl plugin list`: the `kubectl-*` executables on $PATH, as kubectl lists its plugins (mkctl runs none of
them itself)."""

from __future__ import annotations

import os

from minikube_py.client.errors import ClientError

from ..session import Session

PREFIX = "kubectl-"


def list(session: Session) -> int:  # noqa: A001 - the handler of `plugin list`
    found: list[str] = []
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        try:
            names = sorted(os.listdir(directory or "."))
        except OSError:
            continue
        for name in names:
            path = os.path.join(directory, name)
            if name.startswith(PREFIX) and os.path.isfile(path) and os.access(path, os.X_OK):
                found.append(path if not session.flag("name-only") else name)
    if not found:
        raise ClientError("error: unable to find any kubectl plugins in your PATH")
    session.out("The following compatible plugins are available:\n\n" + "".join(f"{path}\n" for path in found))
    return 0
