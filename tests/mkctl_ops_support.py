"""Helpers of the day-2 command tests: run `mkctl` (the console script) and the real kubectl on the same
mk-apiserver and compare what a user sees; make namespaces and objects through the API."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from apiservers import ApiServer

MKCTL = str(Path(sys.executable).parent / "mkctl")


class Runner:
    """`mkctl` with the apiserver's admin kubeconfig (or another) and a private HOME."""

    def __init__(self, apiserver: ApiServer, home: Path) -> None:
        self.apiserver, self.home = apiserver, home

    def env(self, kubeconfig: Path | None = None, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {**os.environ, "HOME": str(self.home), "KUBECONFIG": str(kubeconfig or self.apiserver.kubeconfig),
                **(extra or {})}

    def mkctl(self, *args: str, kubeconfig: Path | None = None, env: dict[str, str] | None = None,
              stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([MKCTL, *args], capture_output=True, text=True, timeout=60, input=stdin,
                              env=self.env(kubeconfig, env))

    def kubectl(self, *args: str, kubeconfig: Path | None = None, env: dict[str, str] | None = None
                ) -> subprocess.CompletedProcess:
        return self.apiserver.kubectl(*args, kubeconfig=kubeconfig, env=env)

    def same(self, *args: str, kubeconfig: Path | None = None, env: dict[str, str] | None = None) -> str:
        """Run both; stdout, stderr and exit code must be equal. Returns the stdout."""
        expected = outcome(self.kubectl(*args, kubeconfig=kubeconfig, env=env))
        got = outcome(self.mkctl(*args, kubeconfig=kubeconfig, env=env))
        assert got == expected, args
        return got[0]


def outcome(result: subprocess.CompletedProcess) -> tuple[str, str, int]:
    return result.stdout, result.stderr, result.returncode


def create(apiserver: ApiServer, path: str, body: dict[str, Any]) -> dict[str, Any]:
    status, answer = apiserver.request("POST", path, body)
    assert status == 201, answer
    return answer


def unique(prefix: str) -> str:
    return f"{prefix}-" + uuid.uuid4().hex[:6]
