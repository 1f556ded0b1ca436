"""The quick start's main job, until the whole cluster exists: the CKA etcd backup-and-restore exercise.

It makes the cluster PKI under $MINIKUBE_PY_HOME (default: a fresh temporary directory), starts an `mk-etcd`
member with TLS and client-certificate auth on loopback, and runs a `mketcdctl` session against it, printing
every command and its output: put/get, endpoint health, member list, `snapshot save` with
--cacert/--cert/--key, `snapshot status -w table`, more writes, `snapshot restore --data-dir`, then a member
started on the restored data dir shows the data as it was at the snapshot. Exits non-zero if any step does
not behave as etcd would.

The member listens on etcd's client port 2379 when it is free (else on any free port);
$MINIKUBE_PY_ETCD_PORT chooses another one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from session import Session, free_port, in_state_directory, tool


def run(home: Path) -> None:
    from minikube_py.pki import create_pki

    session = Session(home)
    v3 = {"ETCDCTL_API": "3"}
    try:
        print(f"# state directory {home}: making the cluster PKI (pki/, as kubeadm lays out /etc/kubernetes/pki)")
        create_pki(session.pki)
        port = free_port(int(os.environ.get("MINIKUBE_PY_ETCD_PORT", "2379")))
        member = session.start_member("controlplane", home / "etcd", port)
        ctl = session.ctl(port)
        session.show(ctl + ["put", "/registry/namespaces/default", "created-before-backup"], env=v3, expect="OK")
        session.show(ctl + ["put", "greeting", "hello"], env=v3, expect="OK")
        session.show(ctl + ["get", "--prefix", "/registry/"], env=v3, expect="created-before-backup")
        session.show(ctl + ["member", "list", "-w", "table"], env=v3, expect="controlplane")
        session.show(ctl + ["snapshot", "save", "snapshot.db"], env=v3, expect="Snapshot saved at")
        session.show([tool("mketcdctl"), "snapshot", "status", "snapshot.db", "-w", "table"], env=v3,
                     expect="REVISION")
        session.show(ctl + ["put", "greeting", "written-after-backup"], env=v3, expect="OK")
        session.show(ctl + ["del", "/registry/namespaces/default"], env=v3, expect="1")
        session.show([tool("mketcdctl"), "snapshot", "restore", "snapshot.db", "--data-dir", "etcd-from-backup"],
                     env=v3)
        session.stop(member)
        session.start_member("controlplane", home / "etcd-from-backup", port)
        session.show(ctl + ["get", "greeting", "--print-value-only"], env=v3, expect="hello")
        session.show(ctl + ["get", "--prefix", "/registry/"], env=v3, expect="created-before-backup")
        print("# the restored member serves the data as it was at the snapshot: backup and restore work")
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(in_state_directory(run))
