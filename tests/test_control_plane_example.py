"""The README's main job (examples/control_plane.py) end to end: etcd and the apiserver come up, the example
manifests are applied and listed, and the CKA snapshot restore brings a deleted Deployment back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from etcd_members import free_port

SCRIPT = Path(__file__).resolve().parent.parent / "examples" / "control_plane.py"


def test_the_readme_main_job_applies_manifests_and_restores_them(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "MINIKUBE_PY_HOME": str(home), "MINIKUBE_PY_ETCD_PORT": str(free_port()),
                               "MINIKUBE_PY_APISERVER_PORT": str(free_port())})
    assert done.returncode == 0, done.stdout + done.stderr
    transcript = done.stdout
    for line in ("deployment.apps/web serverside-applied", "crontab.stable.example.com/nightly serverside-applied",
                 "/registry/deployments/default/web", "/registry/stable.example.com/crontabs/default/nightly",
                 'deployment.apps "web" deleted'):
        assert line in transcript, transcript
    before, _, after = transcript.partition("snapshot restore")
    assert "No resources found in default namespace." in before
    assert after.split("$ kubectl get deployments\n", 1)[1].splitlines()[:2][1].split()[:2] == ["web", "0/3"]
    assert (home / "admin.conf").is_file() and (home / "etcd-from-backup" / "member").is_dir()
