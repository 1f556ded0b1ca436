"""`mkctl kustomize`: out of scope (mkctl applies plain manifests; `kubectl kustomize DIR | mkctl apply -f -`)."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session


def run(session: Session) -> int:
    raise ClientError("error: kustomize is out of scope for mkctl: build the manifests with "
                      "`kubectl kustomize DIR` (or kustomize) and pipe them to `mkctl apply -f -`")
