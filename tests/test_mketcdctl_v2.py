"""`mketcdctl` with ETCDCTL_API=2 against a member, once the real etcd 3.4 and once mk-etcd (the `member`
fixture): the reference transcript of etcdctl 3.4.23 (shared/reference/etcd-3.4/etcdctl-v2.md) replayed
command by command on a fresh member and compared after masking what differs from run to run (indexes,
TTLs counting down, member IDs, names and URLs, the order of an unsorted listing); then the stored state
behind directories, TTLs, in-order keys and compare-and-swap, read back over HTTP, and the client's
behaviour with several endpoints, --debug and ETCDCTL_* variables.

The helpers here (`reference_blocks`, `normalise`, `mketcdctl`, `ctl`) serve the other
test_mketcdctl_v2_* modules too."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
from etcd_members import Member, etcdctl_env, run_ctl, tool_command

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "shared" / "reference" / "etcd-3.4"
REFERENCE_URL = "http://127.0.0.1:23790"

# Blocks of the transcript not replayed here: the watch section writes from a background `sleep 1`
# (test_mketcdctl_v2_watch.py covers it with deadlines), backup is out of mketcdctl's scope, the v3 block
# runs the other command set, and the default endpoints depend on what this machine runs on 2379/4001.
SKIPPED = ("sleep 1", " backup ", "ETCDCTL_API=3", "default endpoint")
V3_COMMANDS = ("snapshot", "put", "del", "endpoint", "version", "txn", "lease", "compaction", "defrag",
               "alarm")


def v3_hint(name: str) -> str:
    """What mketcdctl adds after etcdctl's "No help topic" for a command of the v3 set."""
    return f"'{name}' is an ETCDCTL_API=3 command: run `export ETCDCTL_API=3` to use the v3 command set\n"


def with_v3_hint(stderr: str) -> str:
    match = re.fullmatch(r"No help topic for '([\w-]+)'\n", stderr)
    return stderr + v3_hint(match.group(1)) if match and match.group(1) in V3_COMMANDS else stderr


@dataclass
class Block:
    title: str
    command: str
    stdout: str
    stderr: str
    status: int


def reference_blocks(name: str = "etcdctl-v2.md") -> list[Block]:
    """The recorded blocks of a reference transcript, in order."""
    path = REFERENCE_DIR / name
    if not path.exists():
        pytest.skip(f"the reference transcripts are not at {REFERENCE_DIR}")
    blocks = []
    for chunk in path.read_text().split("\n#### ")[1:]:
        title, _, body = chunk.partition("\n")
        command = re.search(r"```sh\n\$ (.*?)\n```", body, re.DOTALL).group(1)
        status = int(re.search(r"exit status: \*\*(\d+)\*\*", body).group(1))
        blocks.append(Block(title, command, _stream(body, "stdout"), _stream(body, "stderr"), status))
    return blocks


def _stream(body: str, name: str) -> str:
    match = re.search(rf"^{name}:(?: \*\(empty\)\*|\n```text\n(.*?)```)", body, re.DOTALL | re.MULTILINE)
    return match.group(1) or ""


def block(title: str) -> Block:
    return next(found for found in reference_blocks() if found.title == title)


def mketcdctl() -> str:
    """The shell words that run mketcdctl (the console script, or python -m)."""
    return shlex.join(tool_command("mketcdctl"))


def ctl(member: Member, *args: str, stdin: str = "", api: str | None = "2") -> tuple[str, str, int]:
    """mketcdctl against `member`: (stdout, stderr, exit status)."""
    done = run_ctl(["--endpoints", member.url, *member.tls_flags_v2(), *args], api=api, stdin=stdin)
    return done.stdout.decode(), done.stderr.decode(), done.returncode


def normalise(text: str, member: Member | None = None, *, unsorted: bool = False) -> str:
    """Mask what differs between runs and members; `unsorted` sorts the lines (an ls without --sort lists
    in the store's order, which etcd does not fix)."""
    if member is not None:
        text = text.replace(member.url, REFERENCE_URL).replace(member.host_port, "127.0.0.1:23790")
    lines = [_json_line(line) if line.startswith('{"action"') else line for line in text.split("\n")]
    text = "\n".join(sorted(lines) if unsorted else lines)
    for pattern, replacement in (
            (r"\[\d+\]", "[N]"), (r"\b(Created-Index|Modified-Index|Index): \d+", r"\1: N"),
            (r'"(createdIndex|modifiedIndex)":\d+', r'"\1":N'), (r"/(\w+)/\d{20}\b", r"/\1/IN-ORDER"),
            (r"\bTTL: [1-9]\d*", "TTL: T"), (r'"ttl":\d+', '"ttl":T'),
            (r'"expiration":"[^"]*"', '"expiration":"E"'),
            # member ids: hexadecimal without leading zeros
            (r"\b[0-9a-f]{1,16}(?=: name=|\[unstarted\]| is )", "MEMBER-ID"),
            (r"(of member )[0-9a-f]{1,16}\b", r"\1MEMBER-ID"),
            (r"name=\S+ peerURLs=\S+", "name=NAME peerURLs=PEERS")):
        text = re.sub(pattern, replacement, text)
    return text


def _json_line(line: str) -> str:
    """A JSON response with every list of nodes sorted by key (their order is the store's)."""
    def sort(node: dict | None) -> None:
        if node and node.get("nodes"):
            node["nodes"].sort(key=lambda child: child["key"])
            for child in node["nodes"]:
                sort(child)

    data = json.loads(line)
    sort(data.get("node"))
    sort(data.get("prevNode"))
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c").replace(
        ">", "\\u003e").replace("&", "\\u0026")


def _replay(command: str, member: Member, cwd: Path) -> subprocess.CompletedProcess:
    command = command.replace(REFERENCE_URL, member.url).replace("127.0.0.1:23790", member.host_port)
    command = re.sub(r"(?<![\w/.-])etcdctl(?![\w.-])", mketcdctl(), command)
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=cwd, check=False,
                          env=etcdctl_env(None), stdin=subprocess.DEVNULL, timeout=60)


def test_replays_the_reference_transcript(member: Member, tmp_path: Path) -> None:
    mismatches = []
    replayed = 0
    for expected in reference_blocks():
        if any(marker in expected.command or marker in expected.title for marker in SKIPPED):
            continue
        done = _replay(expected.command, member, tmp_path)
        unsorted = bool(re.search(r" ls\b(?!.*--sort)", expected.command))
        got = (normalise(done.stdout, member, unsorted=unsorted), normalise(done.stderr, member),
               done.returncode)
        wanted = (normalise(expected.stdout, unsorted=unsorted), normalise(with_v3_hint(expected.stderr)),
                  expected.status)
        replayed += 1
        if got != wanted:
            mismatches.append(f"#### {expected.title}\n$ {expected.command}\n"
                              f"wanted {wanted!r}\ngot    {got!r}")
    assert replayed > 80
    assert not mismatches, "\n\n".join(mismatches)


# --- stored state ---------------------------------------------------------------------------------------

def stored(member: Member, key: str, **query: str) -> tuple[int, dict]:
    """GET /v2/keys/<key> straight from the member: (status, answer)."""
    suffix = f"?{urllib.parse.urlencode(query)}" if query else ""
    status, body = member.http("GET", f"/v2/keys{key}{suffix}")
    return status, json.loads(body)


def test_set_get_mk_update_and_the_stored_values(member: Member) -> None:
    assert ctl(member, "set", "/app/name", "minikube") == ("minikube\n", "", 0)
    assert stored(member, "/app/name")[1]["node"]["value"] == "minikube"
    assert ctl(member, "get", "app/name") == ("minikube\n", "", 0)

    out, err, status = ctl(member, "mk", "/app/name", "other")
    assert (out, normalise(err), status) == ("", "Error:  105: Key already exists (/app/name) [N]\n", 4)
    assert stored(member, "/app/name")[1]["node"]["value"] == "minikube"

    assert ctl(member, "update", "/app/name", "py") == ("py\n", "", 0)
    out, err, status = ctl(member, "update", "/app/missing", "v")
    assert (out, normalise(err), status) == ("", "Error:  100: Key not found (/app/missing) [N]\n", 4)
    assert stored(member, "/app/missing")[0] == 404

    assert ctl(member, "set", "/from-stdin", stdin="line\n") == ("line\n\n", "", 0)
    assert stored(member, "/from-stdin")[1]["node"]["value"] == "line\n"
    assert ctl(member, "set", "--", "/dash", "-v") == ("-v\n", "", 0)
    assert ctl(member, "set", "/sym", "a b&c<d>é") == ("a b&c<d>é\n", "", 0)
    assert stored(member, "/sym")[1]["node"]["value"] == "a b&c<d>é"
    out, _, _ = ctl(member, "-o", "json", "get", "/sym")
    assert '"value":"a b\\u0026c\\u003cd\\u003eé"' in out


def test_compare_and_swap_and_compare_and_delete(member: Member) -> None:
    ctl(member, "set", "/cas", "one")
    index = stored(member, "/cas")[1]["node"]["modifiedIndex"]
    out, err, status = ctl(member, "set", "--swap-with-value", "two", "/cas", "x")
    assert (out, normalise(err), status) == ("", "Error:  101: Compare failed ([two != one]) [N]\n", 4)
    assert ctl(member, "set", "--swap-with-index", str(index), "/cas", "two") == ("two\n", "", 0)
    assert stored(member, "/cas")[1]["node"]["value"] == "two"
    out, err, status = ctl(member, "rm", "--with-index", str(index), "/cas")
    failed = f"Error:  101: Compare failed ([{index} != {index + 1}]) [N]\n"
    assert (out, normalise(err), status) == ("", failed, 4)
    # A compare-and-delete answers "compareAndDelete", not "delete": etcdctl prints the (empty) node value.
    assert ctl(member, "rm", "--with-value", "two", "/cas") == ("\n", "", 0)
    assert stored(member, "/cas")[0] == 404


def test_directories_in_order_keys_and_removal(member: Member) -> None:
    assert ctl(member, "mkdir", "/jobs") == ("", "", 0)
    assert stored(member, "/jobs")[1]["node"]["dir"] is True
    for job in ("build", "test"):
        assert ctl(member, "mk", "--in-order", "/jobs", job) == (f"{job}\n", "", 0)
    children = stored(member, "/jobs", sorted="true")[1]["node"]["nodes"]
    assert [child["value"] for child in children] == ["build", "test"]
    assert ctl(member, "ls", "--sort", "/jobs")[0] == "".join(f"{child['key']}\n" for child in children)

    out, err, status = ctl(member, "rmdir", "/jobs")
    assert (out, normalise(err), status) == ("", "Error:  108: Directory not empty (/jobs) [N]\n", 4)
    out, err, status = ctl(member, "get", "/jobs")
    assert (out, err, status) == ("", "/jobs: is a directory\n", 1)
    assert ctl(member, "rm", "-r", "/jobs") == ("", "", 0)
    assert stored(member, "/jobs")[0] == 404

    assert ctl(member, "setdir", "/d") == ("", "", 0)
    out, _, status = ctl(member, "-o", "json", "updatedir", "--ttl", "100", "/d")
    answer = json.loads(out)
    node = answer["node"]
    assert (status, answer["action"], node["dir"], node["ttl"]) == (0, "update", True, 100)
    assert stored(member, "/d")[1]["node"]["ttl"] in (99, 100)
    assert ctl(member, "rmdir", "/d") == ("", "", 0)


def test_ttl_keys_expire(member: Member) -> None:
    from etcd_members import wait_until

    assert ctl(member, "set", "--ttl", "1", "/short", "v") == ("v\n", "", 0)
    out, _, _ = ctl(member, "-o", "extended", "get", "/short")
    assert re.search(r"^TTL: 1$", out, re.MULTILINE)
    wait_until(lambda: stored(member, "/short")[0] == 404, timeout=10, message="/short to expire")
    out, err, status = ctl(member, "get", "/short")
    assert (out, normalise(err), status) == ("", "Error:  100: Key not found (/short) [N]\n", 4)


def test_ls_recursive_sorted_with_slashes(member: Member) -> None:
    for key in ("/t/b", "/t/a/x", "/t/c"):
        ctl(member, "set", key, "v")
    assert ctl(member, "ls", "--sort", "-r", "-p", "/t")[0] == "/t/a/\n/t/a/x\n/t/b\n/t/c\n"
    # urfave/cli moves flags first: the argument after a flag given without "=" goes with it, as in etcdctl.
    assert ctl(member, "ls", "/t", "-r", "/t/a")[0] == "/t/a/x\n"


def test_endpoints_from_the_environment_and_in_a_list(member: Member) -> None:
    ctl(member, "set", "/env", "yes")
    done = run_ctl(["get", "/env"], api="2", env={"ETCDCTL_ENDPOINTS": member.url})
    assert (done.stdout, done.returncode) == (b"yes\n", 0)
    # An endpoint that refuses is skipped; the cluster's own client URL is used after the sync.
    done = run_ctl(["--endpoints", f"http://127.0.0.1:1,{member.url}", "--debug", "get", "/env"], api="2")
    assert (done.stdout, done.returncode) == (b"yes\n", 0)
    assert f"got endpoints({member.url}) after sync".encode() in done.stderr
    # --no-sync keeps the endpoints given, and the refusal is the command's error.
    done = run_ctl(["--endpoints", "http://127.0.0.1:1", "--no-sync", "rm", "/env"], api="2")
    refused = b"Error:  dial tcp 127.0.0.1:1: connect: connection refused\n"
    assert (done.stderr, done.returncode) == (refused, 4)
    assert stored(member, "/env")[1]["node"]["value"] == "yes"


def test_unset_api_is_v2(member: Member) -> None:
    assert ctl(member, "set", "/unset", "v2", api=None) == ("v2\n", "", 0)
    assert ctl(member, "get", "/unset", api=None) == ("v2\n", "", 0)
    assert stored(member, "/unset")[1]["node"]["value"] == "v2"


def test_total_timeout(member: Member) -> None:
    # No time at all: the sync fails as a connection problem (exit 2); without the sync, the request (exit 4).
    assert ctl(member, "--total-timeout", "0", "get", "/k") == ("", "Error:  context deadline exceeded\n", 2)
    assert ctl(member, "--total-timeout", "0", "--no-sync", "get", "/k") == (
        "", "Error:  context deadline exceeded\n", 4)
    assert ctl(member, "--timeout", "0", "--total-timeout", "1m", "set", "/k", "v") == ("v\n", "", 0)
