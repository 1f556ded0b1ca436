"""mkctl commands that need no cluster: `plugin list` as kubectl lists kubectl-* executables, and
`kustomize`, which is out of scope and says so."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from test_mkctl_create import MKCTL


def run(*args: str, path: str) -> subprocess.CompletedProcess:
    return subprocess.run([MKCTL, *args], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PATH": path, "KUBECONFIG": "/nonexistent"})


def test_plugin_list(tmp_path: Path) -> None:
    none = run("plugin", "list", path=str(tmp_path))
    assert (none.returncode, none.stderr) == (1, "error: unable to find any kubectl plugins in your PATH\n")
    plugin = tmp_path / "kubectl-hello"
    plugin.write_text("#!/bin/sh\necho hello\n")
    plugin.chmod(plugin.stat().st_mode | stat.S_IXUSR)
    found = run("plugin", "list", path=str(tmp_path))
    assert (found.returncode, found.stdout) == (0, f"The following compatible plugins are available:\n\n{plugin}\n")
    assert run("plugin", "list", "--name-only", path=str(tmp_path)).stdout.endswith("\nkubectl-hello\n")


def test_kustomize_is_out_of_scope(tmp_path: Path) -> None:
    result = run("kustomize", str(tmp_path), path=os.environ["PATH"])
    assert result.returncode == 1 and "kustomize is out of scope for mkctl" in result.stderr
