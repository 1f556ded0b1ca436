"""The CKA etcd backup-and-restore exercise end to end, as the README's main job runs it: the cluster PKI,
an mk-etcd member with TLS and client-certificate auth, `mketcdctl snapshot save` with --cacert/--cert/--key,
`snapshot status -w table`, writes after the backup, `snapshot restore --data-dir`, and a member started on
the restored data dir serving the data as it was at the snapshot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from etcd_members import free_port

SCRIPT = Path(__file__).resolve().parent.parent / "examples" / "etcd_backup_restore.py"


def test_the_readme_main_job_backs_up_and_restores_etcd(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "MINIKUBE_PY_HOME": str(home),
                               "MINIKUBE_PY_ETCD_PORT": str(free_port())})
    assert done.returncode == 0, done.stdout + done.stderr
    transcript = done.stdout
    status_table = re.search(r"\| +HASH +\| +REVISION +\| +TOTAL KEYS +\| +TOTAL SIZE +\|\n\+[-+]+\+\n"
                             r"\| +[0-9a-f]+ \| +(\d+) \| +\d+ \| +[\d.]+ k?B \|", transcript)
    assert status_table is not None, transcript
    # what was written after the backup is gone after the restore; what was there before is back
    after_restore = transcript.split("etcd-from-backup", 2)[-1]
    assert "hello\n" in after_restore and "written-after-backup" not in after_restore
    assert "/registry/namespaces/default\ncreated-before-backup\n" in after_restore
    assert (home / "etcd-from-backup" / "member").is_dir()
    assert (home / "pki" / "etcd" / "ca.crt").is_file()
