"""mketcdctl over HTTPS with client-certificate auth, against the real etcd 3.4 and mk-etcd serving the
cluster PKI's etcd certificates: the commands work with --cacert/--cert/--key (or ETCDCTL_CACERT/...),
and every way of getting TLS wrong ends as etcdctl ends it ("Error: context deadline exceeded", exit 1)
but at once, with the warning line naming the real cause; local file problems exit 128 with Go's texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from etcd_members import Member
from test_mketcdctl_v3_support import block, ctl, elapsed

TLS = "tls.md"
HANDSHAKE = "transport: authentication handshake failed: "
UNKNOWN_AUTHORITY = HANDSHAKE + "x509: certificate signed by unknown authority"
REFUSED_CERTIFICATE = HANDSHAKE + "remote error: tls: bad certificate"


def _files(member: Member) -> dict[str, str]:
    assert member.client_tls is not None
    return {"cacert": member.client_tls.ca, "cert": member.client_tls.cert, "key": member.client_tls.key}


def _foreign(pki: Path) -> dict[str, str]:
    return {"cacert": str(pki / "etcd/ca.crt"), "cert": str(pki / "apiserver-etcd-client.crt"),
            "key": str(pki / "apiserver-etcd-client.key")}


def test_commands_over_tls(tls_member: Member, tmp_path: Path) -> None:
    assert ctl(tls_member, "put", "foo", "bar").stdout == "OK\n"
    assert ctl(tls_member, "get", "foo").stdout == "foo\nbar\n"
    health = ctl(tls_member, "endpoint", "health")
    assert health.stderr.startswith(f"{tls_member.url} is healthy: successfully committed proposal: took = ")
    table = ctl(tls_member, "endpoint", "status", "-w", "table").stdout.splitlines()
    assert table[3].startswith(f"| {tls_member.url} | ") and len(table) == 5
    clients = ctl(tls_member, "member", "list").stdout.rstrip("\n").split(", ")[4]
    assert clients == tls_member.url
    files = _files(tls_member)
    bare = ctl(None, f"--endpoints={tls_member.url}", "get", "foo",
               env={f"ETCDCTL_{name.upper()}": path for name, path in files.items()})
    assert bare.stdout == "foo\nbar\n"
    flags = [f"--{name}={path}" for name, path in files.items()]
    port = tls_member.url.rsplit(":", 1)[1]
    for endpoint in (f"127.0.0.1:{port}", f"https://localhost:{port}"):
        assert ctl(None, f"--endpoints={endpoint}", *flags, "get", "foo").stdout == "foo\nbar\n", endpoint
    skipping = ctl(None, f"--endpoints={tls_member.url}", "--insecure-skip-tls-verify",
                   f"--cert={files['cert']}", f"--key={files['key']}", "get", "foo")
    assert skipping.stdout == "foo\nbar\n"
    saved = ctl(tls_member, "snapshot", "save", "tls.db", cwd=tmp_path)
    assert (saved.stdout, saved.status) == ("Snapshot saved at tls.db\n", 0)


def _refused(member: Member, *args: str) -> str:
    """Run a get that must fail the TLS way, quickly; the cause its warning line names."""
    runs = {}
    took = elapsed(lambda: runs.update(ran=ctl(None, *args, "get", "foo")))
    ran = runs["ran"]
    assert (ran.stdout, ran.status) == ("", 1)
    warning, error = ran.stderr.splitlines()
    assert error == "Error: context deadline exceeded"
    assert took < 3, "a certain failure must not wait for --command-timeout (5s)"
    record = json.loads(warning)
    assert record["level"] == "warn" and record["target"] == args[0].split("=", 1)[1]
    prefix = "rpc error: code = DeadlineExceeded desc = latest balancer error: connection error: desc = "
    assert record["error"].startswith(prefix)
    return record["error"][len(prefix):].strip('"')


def test_tls_failures_name_their_cause(tls_member: Member, foreign_pki: Path) -> None:
    url, files, foreign = f"--endpoints={tls_member.url}", _files(tls_member), _foreign(foreign_pki)
    assert _refused(tls_member, url) == UNKNOWN_AUTHORITY
    assert _refused(tls_member, url, f"--cacert={files['cacert']}") == REFUSED_CERTIFICATE
    assert _refused(tls_member, url, f"--cert={files['cert']}", f"--key={files['key']}") == UNKNOWN_AUTHORITY
    assert _refused(tls_member, url, f"--cacert={foreign['cacert']}", f"--cert={files['cert']}",
                    f"--key={files['key']}") == UNKNOWN_AUTHORITY
    assert _refused(tls_member, url, f"--cacert={files['cacert']}", f"--cert={foreign['cert']}",
                    f"--key={foreign['key']}") == REFUSED_CERTIFICATE
    plain = tls_member.url.replace("https://", "http://")
    assert _refused(tls_member, f"--endpoints={plain}", f"--cacert={files['cacert']}",
                    f"--cert={files['cert']}", f"--key={files['key']}").startswith("transport: ")
    health = ctl(None, url, f"--cacert={files['cacert']}", "endpoint", "health")
    assert health.stderr.splitlines()[1:] == [
        f"{tls_member.url} is unhealthy: failed to commit proposal: context deadline exceeded",
        "Error: unhealthy cluster"] and health.status == 1
    status = ctl(None, url, f"--cacert={files['cacert']}", "endpoint", "status")
    assert status.stderr.splitlines()[1:] == [
        f"Failed to get the status of endpoint {tls_member.url} (context deadline exceeded)"]
    assert status.status == 1


@pytest.mark.parametrize("title", ["--cert without --key", "cert/key that do not match",
                                   "missing --cacert file", "missing --cert file"])
def test_local_tls_file_problems_exit_128(tls_member: Member, foreign_pki: Path, title: str) -> None:
    recorded = block(TLS, title)
    files, foreign = _files(tls_member), _foreign(foreign_pki)
    paths = {"pki/ca.crt": files["cacert"], "pki/client.crt": files["cert"], "pki/client.key": files["key"],
             "pki/other-client.key": foreign["key"], "pki/nosuch.crt": "nosuch.crt"}
    words = recorded.command.split()
    args = [paths.get(word, word) for word in words[words.index("etcdctl") + 1:]]
    args[0] = f"--endpoints={tls_member.url}"
    ran = ctl(None, *args)
    stderr = recorded.stderr.replace("pki/client.crt", files["cert"]).replace("pki/nosuch.crt", "nosuch.crt")
    assert (ran.stdout, ran.stderr, ran.status) == ("", stderr, 128)


def test_v2_flag_names_and_debug(tls_member: Member) -> None:
    recorded = block(TLS, "v3 with the v2 flag names")
    files = _files(tls_member)
    ran = ctl(None, f"--endpoints={tls_member.url}", "--ca-file", files["cacert"], "--cert-file",
              files["cert"], "--key-file", files["key"], "get", "foo")
    count_only = "      --count-only[=false]\t\tGet only the count\n"
    assert (ran.stdout.replace(count_only, ""), ran.stderr, ran.status) == (
        recorded.stdout, recorded.stderr, 1)
    recorded = block(TLS, "--debug: first lines list every setting as ETCDCTL_* variables")
    debug = ctl(None, f"--endpoints={tls_member.url}", "--debug", "--command-timeout=1s",
                f"--cacert={files['cacert']}", f"--cert={files['cert']}", f"--key={files['key']}", "get",
                "foo")
    listed = [line for line in debug.stderr.splitlines() if line.startswith("ETCDCTL_")]
    wanted = (recorded.stdout.replace("pki/ca.crt", files["cacert"]).replace("pki/client.crt", files["cert"])
              .replace("pki/client.key", files["key"]).replace("https://127.0.0.1:23791", tls_member.url))
    assert ("\n".join(listed) + "\n", debug.stdout) == (wanted, "")
