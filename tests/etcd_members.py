"""Starting etcd members for tests: the real etcd 3.4 (Debian's etcd-server) and our `mk-etcd`, each on
free loopback ports, plain HTTP or HTTPS with client-certificate auth, and running `mketcdctl` (or the real
`etcdctl`) against them. Every wait is a poll with a deadline."""

from __future__ import annotations

import base64
import difflib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import sysconfig
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def b64(text: str) -> str:
    """How the v3 JSON gateway spells a key or value."""
    return base64.b64encode(text.encode()).decode()


def wait_until(predicate: Callable[[], object], timeout: float = 10.0, interval: float = 0.02,
               message: str = "condition") -> object:
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


@dataclass(frozen=True)
class TLSFiles:
    """Paths of a CA and a certificate/key pair signed by it."""

    ca: str
    cert: str
    key: str


@dataclass
class Member:
    kind: str  # "real" or "mk"
    url: str
    data_dir: str
    process: subprocess.Popen
    log: str
    server_tls: TLSFiles | None = None  # the server's certificate (its CA verifies the server)
    client_tls: TLSFiles | None = None  # a client certificate the member accepts
    name: str = "default"
    extra: dict = field(default_factory=dict)

    @property
    def host_port(self) -> str:
        return self.url.split("://", 1)[1]

    def tls_flags_v3(self) -> list[str]:
        if self.client_tls is None:
            return []
        return ["--cacert", self.client_tls.ca, "--cert", self.client_tls.cert, "--key", self.client_tls.key]

    def tls_flags_v2(self) -> list[str]:
        if self.client_tls is None:
            return []
        return ["--ca-file", self.client_tls.ca, "--cert-file", self.client_tls.cert,
                "--key-file", self.client_tls.key]

    def http(self, method: str, path: str, body: bytes | None = None, timeout: float = 5.0
             ) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, data=body, method=method)
        context = None
        if self.client_tls is not None:
            context = ssl.create_default_context(cafile=self.client_tls.ca)
            context.load_cert_chain(self.client_tls.cert, self.client_tls.key)
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def post_json(self, path: str, body: dict) -> tuple[int, dict]:
        """A v3 gateway call: (HTTP status, the decoded JSON answer)."""
        status, data = self.http("POST", path, json.dumps(body).encode())
        return status, json.loads(data)

    def healthy(self) -> bool:
        try:
            status, body = self.http("GET", "/health", timeout=1.0)
        except OSError:
            return False
        return status == 200 and json.loads(body).get("health") == "true"

    def stop(self) -> int:
        return stop_process(self.process)


def stop_process(process: subprocess.Popen) -> int:
    """SIGTERM (SIGKILL after 10 s) and the exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def start_process(kind: str, command: list[str], url: str, data_dir: str, log_path: str,
                  env: dict[str, str] | None = None, **member: object) -> Member:
    """Run `command` (a member serving `url`, with `env` added to the environment) and wait until it is
    healthy."""
    log = open(log_path, "ab")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})})
    log.close()
    started = Member(kind, url, data_dir, process, log_path, **member)  # type: ignore[arg-type]

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"{kind} etcd exited with {process.returncode}:\n{Path(log_path).read_text()}")
        return started.healthy()

    wait_until(up, timeout=20, message=f"{kind} etcd at {url} to be healthy")
    return started


def member_flags(name: str, data_dir: str, url: str, peer_url: str, server_tls: TLSFiles | None) -> list[str]:
    flags = [
        "--name", name, "--data-dir", data_dir,
        "--listen-client-urls", url, "--advertise-client-urls", url,
        "--listen-peer-urls", peer_url, "--initial-advertise-peer-urls", peer_url,
        "--initial-cluster", f"{name}={peer_url}", "--initial-cluster-state", "new",
        "--enable-v2=true",
    ]
    if server_tls is not None:
        flags += ["--cert-file", server_tls.cert, "--key-file", server_tls.key,
                  "--trusted-ca-file", server_tls.ca, "--client-cert-auth"]
    return flags


def start_member(kind: str, workdir: Path, *, server_tls: TLSFiles | None = None,
                 client_tls: TLSFiles | None = None, name: str = "default",
                 data_dir: str | None = None, extra_args: list[str] | None = None,
                 env: dict[str, str] | None = None) -> Member:
    """Start a real etcd (`kind="real"`) or an `mk-etcd` (`kind="mk"`) on free loopback ports."""
    scheme = "https" if server_tls else "http"
    url = f"{scheme}://{LOOPBACK}:{free_port()}"
    peer_url = f"http://{LOOPBACK}:{free_port()}"
    data_dir = data_dir or str(workdir / f"{kind}-{name}.etcd")
    flags = member_flags(name, data_dir, url, peer_url, server_tls) + (extra_args or [])
    log = str(workdir / f"{kind}-{name}.log")
    return start_process(kind, [*member_command(kind), *flags], url, data_dir, log, env,
                         server_tls=server_tls, client_tls=client_tls, name=name)


def member_command(kind: str) -> list[str]:
    """How to run the real etcd (`kind="real"`) or `mk-etcd` (`kind="mk"`)."""
    return [real_etcd_binary("etcd")] if kind == "real" else tool_command("mk-etcd")


def real_etcd_binary(name: str = "etcd") -> str:
    """Path of the real etcd/etcdctl. Missing: the test is skipped, unless MINIKUBE_PY_REQUIRE_REAL_ETCD is
    set (CI sets it, so there a missing etcd fails instead of hiding the comparison)."""
    found = shutil.which(name)
    if found is None:
        import pytest  # only here: the benchmarks use this module without the test dependencies

        message = f"the real {name} is not installed (Debian: apt-get install etcd-server etcd-client)"
        if os.environ.get("MINIKUBE_PY_REQUIRE_REAL_ETCD"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def tool_command(name: str) -> list[str]:
    """How to run one of our console scripts: the installed script, else `python -m` of its module."""
    script = os.path.join(sysconfig.get_path("scripts"), name)
    if os.access(script, os.X_OK):
        return [script]
    module = {"mketcdctl": "minikube_py.cli.mketcdctl", "mk-etcd": "minikube_py.etcd.server"}[name]
    return [sys.executable, "-m", module]


def etcdctl_env(api: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ETCDCTL_")}
    if api is not None:
        env["ETCDCTL_API"] = api
    return env


def run_ctl(args: list[str], *, api: str | None = "3", binary: str = "mketcdctl", stdin: bytes | str = b"",
            cwd: str | Path | None = None, timeout: float = 30, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess:
    """Run mketcdctl (or the real etcdctl with binary="etcdctl"), returning text stdout/stderr."""
    full_env = etcdctl_env(api)
    full_env.update(env or {})
    data = stdin.encode() if isinstance(stdin, str) else stdin
    command = [real_etcd_binary(binary)] if binary == "etcdctl" else tool_command(binary)
    return subprocess.run([*command, *args], input=data, capture_output=True, cwd=cwd, env=full_env,
                          timeout=timeout, text=False)


# -- the v3 JSON gateway with curl, side by side -------------------------------------------------------------

# Fields of gateway answers that differ between two members by nature: identities, raft bookkeeping, sizes on
# disk, hashes of the data file. Revisions are kept: two fresh members given the same writes must agree.
MASKED_FIELDS = {"cluster_id", "member_id", "raft_term", "memberID", "leader", "raftIndex", "raftTerm",
                 "raftAppliedIndex", "dbSize", "dbSizeInUse", "hash", "ID", "id", "peerURLs", "clientURLs",
                 "name"}


def masked(value: Any) -> Any:
    """A decoded gateway answer with MASKED_FIELDS replaced by "*" at any depth."""
    if isinstance(value, dict):
        return {key: "*" if key in MASKED_FIELDS else masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item) for item in value]
    if isinstance(value, str) and value.startswith("memberID:"):  # status errors name the member
        return "memberID:* " + value.split(" ", 1)[1]
    return value


def curl_args(member: Member, tls: TLSFiles | None = None) -> list[str]:
    """`curl -sS` with the member's client certificate (or `tls`'s) when it serves HTTPS."""
    tls = tls if tls is not None else member.client_tls
    files = ["--cacert", tls.ca, "--cert", tls.cert, "--key", tls.key] if tls else []
    return ["curl", "-sS", "--max-time", "10", *files]


def curl_json(member: Member, path: str, body: object = None, *, method: str = "POST") -> tuple[int, Any]:
    """`curl -X METHOD URL -d BODY` (a str body is sent as it is, anything else as JSON; none for GET):
    (HTTP status, the decoded answer)."""
    data = body if isinstance(body, str) else json.dumps(body if body is not None else {})
    done = subprocess.run([*curl_args(member), "-X", method, "-w", "\n%{http_code}", member.url + path,
                           *(["-d", data] if method != "GET" else [])],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    text, status = done.stdout.rsplit("\n", 1)
    return int(status), _decoded(text)


def _decoded(text: str) -> Any:
    """A JSON answer; a streamed one (a JSON message a line) as the list of its messages; else the text."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        if not text.strip():
            return text
    try:
        return [json.loads(line) for line in text.splitlines() if line]
    except json.JSONDecodeError:
        return text


def json_diff(expected: object, actual: object) -> str:
    """A unified diff of two JSON structures, one field a line, for an assertion message."""
    lines = [json.dumps(value, indent=1, sort_keys=True).splitlines() for value in (expected, actual)]
    return "\n" + "\n".join(difflib.unified_diff(*lines, "real etcd", "mk-etcd", lineterm=""))


def same_answers(pair: list[Member], calls: list[tuple[str, object]]) -> list[tuple[int, Any]]:
    """Make `calls` ("[METHOD ]PATH", body), in order, on the real etcd then on mk-etcd (`pair`); assert that
    both answered each with the same status and the same masked body, and return the real etcd's answers."""
    answers = []
    for member in pair:
        made = []
        for target, body in calls:
            method, path = target.split(" ", 1) if " " in target else ("POST", target)
            status, answer = curl_json(member, path, body, method=method)
            made.append({"call": target, "body": body, "status": status, "answer": masked(answer)})
        answers.append(made)
    real, ours = answers
    assert ours == real, json_diff(real, ours)
    return [(made["status"], made["answer"]) for made in real]


def start_pair(workdir: Path, extra_args: list[str] | None = None) -> list[Member]:
    """A fresh real etcd and a fresh mk-etcd, plain HTTP, given the same `extra_args`."""
    real = start_member("real", workdir, extra_args=extra_args)
    try:
        return [real, start_member("mk", workdir, extra_args=extra_args)]
    except BaseException:
        real.stop()
        raise
