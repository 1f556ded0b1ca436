"""`mkctl version`: the client's version and the server's `/version` (kubectl's layout and `-o json|yaml`)."""

from __future__ import annotations

import json

from minikube_py import __version__

from ..session import Session

# The kubectl release whose behaviour mkctl follows, reported as the client version.
CLIENT_VERSION = {"major": "1", "minor": "32", "gitVersion": f"v1.32.4-mkctl.{__version__}", "gitCommit": "",
                  "gitTreeState": "", "buildDate": "", "goVersion": "", "compiler": "", "platform": "linux/amd64"}


def run(session: Session) -> int:
    output = session.flag("output")
    if output not in ("", "json", "yaml"):
        session.err("error: --output must be 'yaml' or 'json'\n")
        return 1
    answer: dict = {"clientVersion": CLIENT_VERSION, "kustomizeVersion": "v5.5.0"}
    if not session.flag("client"):
        answer["serverVersion"] = session.client.request_json("GET", "/version")
    if output == "json":
        session.out(json.dumps(answer, indent=2) + "\n")
    elif output == "yaml":
        from minikube_py.api.generators import to_yaml

        session.out(to_yaml(answer))
    else:
        session.out(f"Client Version: {CLIENT_VERSION['gitVersion']}\nKustomize Version: v5.5.0\n")
        if "serverVersion" in answer:
            session.out(f"Server Version: {answer['serverVersion']['gitVersion']}\n")
    return 0
