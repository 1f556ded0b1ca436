"""mk-etcd's v3 JSON gateway, unary calls, driven with `curl` as a user drives it, side by side with the real
etcd 3.4: the same calls go to a fresh real member and a fresh mk-etcd, and each answer (HTTP status and JSON
body) must be the same once member/cluster ids and raft numbers are masked (revisions are not masked: both
members start at revision 1, so they must agree). Covers the KV calls, requests the gateway refuses (bad JSON,
base64, numbers, enums, methods, paths), leases (and expiry with no client connected), maintenance and
cluster calls, /health and /version, the answers' headers, and TLS with client certificates. The streaming
calls are in test_mk_etcd_gateway_streams.py."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import etcd_client_tls
from etcd_members import Member, b64, curl_args, curl_json, json_diff, masked, same_answers, wait_until


def test_kv_calls_answer_as_etcd(pair: list[Member]) -> None:
    foo, a_prefix, a_end = b64("foo"), b64("a/"), b64("a0")
    a_range = {"key": a_prefix, "range_end": a_end}
    answers = same_answers(pair, [
        ("/v3/kv/put", {"key": foo, "value": b64("bar")}),  # revision 2
        ("/v3/kv/put", {"key": foo, "value": b64("baz"), "prev_kv": True}),  # 3
        ("/v3/kv/put", {"key": b64("missing"), "ignore_value": True}),
        ("/v3/kv/put", {"key": foo, "ignore_value": True, "lease": "0"}),  # 4
        ("/v3/kv/put", {"key": foo, "value": b64("v"), "ignore_value": True}),
        ("/v3/kv/put", {"key": foo, "value": b64("v"), "lease": "999"}),
        *[("/v3/kv/put", {"key": b64(f"a/{n}"), "value": b64(str(4 - n) * n)}) for n in (1, 2, 3)],  # 5..7
        ("/v3/kv/put", {"key": b64("a/1"), "value": b64("again")}),  # 8
        ("/v3/kv/range", {"key": foo}),
        ("/v3/kv/range", {"key": b64("nothing")}),
        ("/v3/kv/range", a_range),
        ("/v3/kv/range", {**a_range, "count_only": True}),
        ("/v3/kv/range", {**a_range, "keys_only": True, "limit": 2}),
        ("/v3/kv/range", {**a_range, "sort_order": "DESCEND", "sort_target": "VALUE"}),
        *[("/v3/kv/range", {**a_range, "sort_target": target, "sort_order": "DESCEND"})
          for target in ("VERSION", "CREATE", "MOD")],
        ("/v3/kv/range", {**a_range, "min_mod_revision": 6, "max_create_revision": 6}),
        ("/v3/kv/range", {"key": b64("\0"), "range_end": b64("\0"), "serializable": True, "keys_only": True}),
        ("/v3/kv/range", {"key": b64("a/2"), "range_end": b64("\0"), "count_only": True}),
        ("/v3/kv/range", {"key": foo, "revision": 2}),
        ("/v3/kv/range", {**a_range, "revision": "6"}),
        ("/v3/kv/range", {"key": foo, "revision": 1000}),
        ("/v3/kv/txn", {"compare": [{"key": foo, "target": "VALUE", "result": "EQUAL", "value": b64("baz")}],
                        "success": [{"request_put": {"key": b64("t"), "value": b64("yes"), "prev_kv": True}},
                                    {"request_range": {"key": b64("t")}}],
                        "failure": [{"request_put": {"key": b64("t"), "value": b64("no")}}]}),  # 9
        ("/v3/kv/txn", {"compare": [{"key": foo, "target": "VERSION", "result": "GREATER", "version": 5}],
                        "success": [{"request_delete_range": {"key": foo}}],
                        "failure": [{"request_txn": {"success": [{"request_range": {"key": foo}}]}}]}),
        ("/v3/kv/txn", {"compare": [{"key": foo, "target": "MOD", "result": "LESS", "mod_revision": 100},
                                    {"key": foo, "target": "CREATE", "result": "NOT_EQUAL",
                                     "create_revision": 1},
                                    {"key": foo, "target": "LEASE", "result": "EQUAL", "lease": 0}],
                        "success": [{"request_put": {"key": foo, "value": b64("txn")}},
                                    {"request_delete_range": {"key": b64("t"), "prev_kv": True}}]}),  # 10
        ("/v3/kv/txn", {"compare": [{"key": b64("a/"), "range_end": b64("a0"), "target": "VERSION",
                                     "result": "EQUAL", "version": 1}],
                        "failure": [{"request_range": {**a_range, "count_only": True}}]}),
        ("/v3/kv/txn", {"success": [{"request_put": {"key": foo, "value": b64("1")}},
                                    {"request_put": {"key": foo, "value": b64("2")}}]}),
        ("/v3/kv/txn", {}),
        ("/v3/kv/deleterange", {"key": b64("a/3"), "prev_kv": True}),  # 11
        ("/v3/kv/deleterange", {"key": b64("a/3"), "prev_kv": True}),
        ("/v3/kv/deleterange", {**a_range, "prev_kv": True}),  # 12
        ("/v3/kv/compaction", {"revision": 3, "physical": True}),
        ("/v3/kv/range", {"key": foo, "revision": 2}),
        ("/v3/kv/range", {"key": foo, "revision": 3}),
        ("/v3/kv/compaction", {"revision": 2}),
        ("/v3/kv/compaction", {"revision": 100}),
    ])
    status, body = zip(*answers)
    assert body[2]["message"] == "etcdserver: key not found" and status[5] == 404  # ignore_value; no lease
    assert body[10]["kvs"][0]["value"] == b64("baz")  # a put with ignore_value kept the value
    assert [kv["key"] for kv in body[15]["kvs"]] == [b64("a/1"), b64("a/2"), b64("a/3")]  # again > 22 > 111
    assert body[14]["more"] is True and body[21]["count"] == "3"
    assert body[26]["responses"][0]["response_txn"]["succeeded"] is True  # the failure branch's nested txn
    assert body[35]["message"] == "etcdserver: mvcc: required revision has been compacted"
    assert body[36]["kvs"][0]["value"] == b64("baz")


# Requests the gateway refuses or reads its own way (what etcd 3.4 answers, where not obvious, in comments).
BAD_REQUESTS = [
    ("/v3/kv/range", "{not json"),  # 400, code 3, Go's JSON syntax error
    ("/v3/kv/range", '{"key": "Zm9v"'),  # unexpected EOF
    ("/v3/kv/range", "[1]"),  # not an object
    ("/v3/kv/range", "null"),  # an empty message: no key
    ("/v3/kv/range", ""),
    ("/v3/kv/range", '{"key": "Zm9v"} and more'),  # the rest is not read
    ("/v3/kv/range", {"key": b64("foo"), "bogus": 1, "revison": 1}),  # unknown fields are ignored
    ("/v3/kv/range", {"key": b64("foo"), "rangeEnd": b64("\0")}),  # lowerCamel names too
    *[("/v3/kv/range", {"key": key}) for key in (
        "not base64!", "YmF", "YQ", "YQ=", "Zm9vYg", "Zm9v====", "YQ==YQ==", "a", "-_-_", "Zm9v\n", 5)],
    *[("/v3/kv/range", '{"key": "Zm9v", "limit": %s}' % limit) for limit in (
        '"abc"', '"1.5"', "1.5", "1e3", '"1e3"', '"+1"', '"0x10"', '""', '" 2"', '"null"', "true", "[1]",
        "{}", '"9223372036854775808"', "9223372036854775807")],
    *[("/v3/kv/range", '{"key": "Zm9v", "keys_only": %s}' % flag) for flag in ('"true"', "1", "null")],
    *[("/v3/kv/range", '{"key": "Zm9v", "sort_order": %s}' % order)
      for order in ('"UP"', '"2"', "1.0", "true")],
    ("/v3/kv/put", {"key": "", "value": b64("v")}),
    ("/v3/kv/txn", {"compare": {"key": b64("foo")}}),
    ("/v3/kv/txn", {"compare": ["x"]}),
    ("/v3/kv/txn", {"compare": [{"key": b64("foo"), "target": "SIZE"}]}),
    ("/v3/kv/txn", {"success": [{}]}),
    ("/v3/kv/txn", {"success": [{"request_put": "x"}]}),
    ("/v3/kv/txn", {"failure": [{"request_txn": 7}]}),
    ("/v3/lease/grant", {"TTL": 1.5}),
    ("/v3/lease/timetolive", {}),
    ("/v3/lease/revoke", {}),
    ("/v3/maintenance/alarm", {"action": "BOGUS"}),
    ("/v3/maintenance/alarm", {"action": "GET", "alarm": "BOGUS"}),
    ("/v3/maintenance/alarm", {"action": "ACTIVATE", "memberID": "-1", "alarm": "NOSPACE"}),
    ("GET /v3/kv/range", None),  # 405 Method Not Allowed
    ("PUT /v3/kv/put", {"key": b64("foo"), "value": b64("v")}),
    ("DELETE /v3/kv/deleterange", {"key": b64("foo")}),
    ("GET /v3/watch", None),
    ("/v3/kv/nothing", {}),  # 404 Not Found
    ("/v3alpha/kv/range", {"key": b64("foo")}),  # gone in 3.4
    ("/v3beta/kv/range", {"key": b64("foo")}),  # still served
]


def test_bad_requests_get_etcds_errors(pair: list[Member]) -> None:
    answers = same_answers(pair, BAD_REQUESTS)
    statuses = {status for status, _ in answers}
    assert statuses == {200, 400, 404, 405}  # the calls do reach each kind of answer
    messages = {answer.get("message") for _, answer in answers if isinstance(answer, dict)}
    assert {"illegal base64 data at input byte 0", "unexpected EOF",
            "json: cannot unmarshal number 1e3 into Go value of type int64",
            "invalid character 'x' after top-level value"} <= messages
    for member in pair:  # nothing was written
        assert curl_json(member, "/v3/kv/range", {"key": b64("\0"), "range_end": b64("\0")})[1]["header"][
            "revision"] == "1"


def test_leases_answer_as_etcd_and_expire_with_no_client(pair: list[Member]) -> None:
    lease = "4242"  # an ID chosen by the client, so that both members' answers name the same lease
    answers = same_answers(pair, [
        ("/v3/lease/grant", {"TTL": 60, "ID": lease}),
        ("/v3/lease/grant", {"TTL": 60, "ID": lease}),
        ("/v3/lease/leases", {}),
        ("/v3/kv/put", {"key": b64("leased"), "value": b64("v"), "lease": lease}),
        ("/v3/kv/put", {"key": b64("leased/2"), "value": b64("v"), "lease": lease}),
        ("/v3/kv/put", {"key": b64("leased"), "value": b64("w"), "lease": "999"}),
        ("/v3/kv/put", {"key": b64("leased"), "ignore_lease": True, "value": b64("x")}),
        ("/v3/kv/range", {"key": b64("leased")}),
    ])
    assert answers[1][1]["message"] == "etcdserver: lease already exists" and answers[2][1]["leases"] == [
        {"ID": "*"}]
    assert answers[7][1]["kvs"][0]["lease"] == lease and answers[7][1]["kvs"][0]["value"] == b64("x")
    for path in ("/v3/lease/timetolive", "/v3/kv/lease/timetolive"):  # the TTL left: within a second or two
        real, ours = (curl_json(member, path, {"ID": lease, "keys": True})[1] for member in pair)
        assert 55 <= int(ours.pop("TTL")) <= 60 and 55 <= int(real.pop("TTL")) <= 60
        real["keys"].sort()  # etcd lists a lease's keys in no particular order
        ours["keys"].sort()
        assert masked(ours) == masked(real), json_diff(masked(real), masked(ours))
        assert real["keys"] == [b64("leased"), b64("leased/2")] and real["grantedTTL"] == "60"
    answers = same_answers(pair, [
        ("/v3/lease/revoke", {"ID": lease}),
        ("/v3/kv/range", {"key": b64("leased"), "range_end": b64("leased0")}),
        ("/v3/lease/revoke", {"ID": lease}),
        ("/v3/lease/timetolive", {"ID": lease}),
        ("/v3/lease/leases", {}),
        ("/v3/lease/grant", {"TTL": 0}),  # etcd's minimum TTL, and an ID of its own
    ])
    assert "kvs" not in answers[1][1] and answers[2][0] == 404 and answers[3][1]["TTL"] == "-1"
    assert "leases" not in answers[4][1] and answers[5][1]["TTL"] == "2"
    for member in pair:  # a short lease, and no client at all until it is gone with its key
        curl_json(member, "/v3/lease/grant", {"TTL": 1, "ID": "78"})
        curl_json(member, "/v3/kv/put", {"key": b64("k78"), "value": b64("v"), "lease": "78"})
        assert "kvs" in curl_json(member, "/v3/kv/range", {"key": b64("k78")})[1]
    for member in pair:
        wait_until(lambda: "kvs" not in curl_json(member, "/v3/kv/range", {"key": b64("k78")})[1], timeout=10,
                   interval=0.25, message=f"{member.kind}: the expired lease's key to be deleted")
        assert curl_json(member, "/v3/lease/timetolive", {"ID": "78"})[1]["TTL"] == "-1"


def test_maintenance_and_cluster_calls_answer_as_etcd(pair: list[Member]) -> None:
    answers = same_answers(pair, [
        ("/v3/kv/put", {"key": b64("k"), "value": b64("v")}),
        ("/v3/maintenance/status", {}),
        ("/v3/maintenance/hash", {}),
        ("/v3/maintenance/alarm", {"action": "GET"}),
        ("/v3/maintenance/alarm", {}),
        ("/v3/maintenance/alarm", {"action": "DEACTIVATE", "alarm": "NOSPACE"}),
        ("/v3/maintenance/defragment", {}),
        ("/v3/maintenance/status", {}),
        ("/v3/cluster/member/list", {}),
    ])
    assert answers[1][1]["version"] == "3.4.23" and answers[1][1]["header"]["revision"] == "2"
    assert answers[3] == answers[4] == (200, {}) and len(answers[8][1]["members"]) == 1
    for member, found in zip(pair, (curl_json(member, "/v3/cluster/member/list") for member in pair)):
        assert found[1]["members"][0]["clientURLs"] == [member.url]


def test_hashkv_follows_the_keys_on_mk_etcd_only(pair: list[Member]) -> None:
    """etcd 3.4's gateway does not route HashKV (its etcdctl calls it over gRPC); mk-etcd serves it."""
    real, ours = pair
    assert curl_json(real, "/v3/maintenance/hashkv", {}) == (404, "Not Found\n")
    for number in range(3):
        curl_json(ours, "/v3/kv/put", {"key": b64(f"k{number}"), "value": b64("v")})
    first = curl_json(ours, "/v3/maintenance/hashkv", {"revision": 3})[1]
    assert curl_json(ours, "/v3/maintenance/defragment", {}) == (200, {})
    assert curl_json(ours, "/v3/maintenance/hashkv", {"revision": 3})[1]["hash"] == first["hash"]
    assert curl_json(ours, "/v3/maintenance/hashkv", {})[1]["hash"] != first["hash"]  # at 4: one key more
    curl_json(ours, "/v3/kv/compaction", {"revision": 3})
    after = curl_json(ours, "/v3/maintenance/hashkv", {"revision": 4})[1]
    assert after["compact_revision"] == "3" and after["header"]["revision"] == "4"


def test_health_and_version_answer_as_etcd(pair: list[Member]) -> None:
    answers = same_answers(pair, [
        ("GET /health", None), ("GET /health?serializable=true", None), ("POST /health", None),
        ("PUT /health", None), ("GET /version", None), ("POST /version", None), ("DELETE /version", None),
        ("OPTIONS /health", None), ("OPTIONS /nothing", None), ("OPTIONS /v3/kv/range", None),
        ("GET /nothing", None), ("GET /v3/nothing", None),
    ])
    assert answers[0] == (200, {"health": "true"}) and answers[2] == (405, "Method Not Allowed\n")
    assert answers[4] == (200, {"etcdserver": "3.4.23", "etcdcluster": "3.4.0"})
    assert answers[8] == (200, "") and answers[10] == (404, "404 page not found\n")


def _head_lines(member: Member, *args: str) -> list[str]:
    """`curl -i ARGS` against the member: its status line and headers, with the values that differ between
    two members (date, length, etcd and raft numbers) masked."""
    done = subprocess.run([*curl_args(member), "-i", "--max-time", "2", *args], capture_output=True,
                          text=True, timeout=30)
    head = done.stdout.replace("\r\n", "\n").split("\n\n", 1)[0].split("\n")
    varying = ("Date:", "Content-Length:", "X-Etcd-", "X-Raft-")
    return [line.split(":")[0] + ": *" if line.startswith(varying) else line for line in head]


def test_headers_come_as_etcds_go_server_writes_them(pair: list[Member]) -> None:
    requests = [
        ["-X", "POST", "/v3/kv/range", "-d", '{"key":"Zm9v"}'], ["/v3/kv/range"], ["/health"], ["/version"],
        ["-X", "POST", "/v3/nothing", "-d", "{}"], ["/nothing"], ["-X", "OPTIONS", "/v3/kv/put"],
        ["-X", "POST", "/v3/kv/range", "-d", "{"], ["-X", "POST", "/health"], ["-I", "/version"],
        ["-X", "OPTIONS", "/nothing"], ["-X", "OPTIONS", "/v2/keys/foo"],
        ["-X", "PUT", "/v2/keys/foo", "-d", "value=bar"], ["/v2/keys/missing"], ["/v2/machines"],
        ["-I", "/v2/machines"], ["/v2/members"],
        ["-X", "POST", "/v3/watch", "-d", '{"create_request":{"key":"Zm9v"}}'],
    ]
    for args in requests:
        answers = [_head_lines(member, *[member.url + arg if arg.startswith("/") else arg for arg in args])
                   for member in pair]
        assert answers[1] == answers[0], args
    assert answers[0][-1] == "Transfer-Encoding: chunked" and "Server" not in str(answers)


def test_tls_accepts_the_cluster_client_certificate_only(tls_member: Member, foreign_pki: Path) -> None:
    status, answer = curl_json(tls_member, "/v3/kv/put", {"key": b64("k"), "value": b64("v")})
    assert status == 200 and answer["header"]["revision"] == "2"
    assert curl_json(tls_member, "/v3/kv/range", {"key": b64("k")})[1]["kvs"][0]["value"] == b64("v")
    foreign = etcd_client_tls(foreign_pki)
    ca = tls_member.client_tls.ca
    refused = {"no client certificate": ["--cacert", ca],
               "a certificate of another CA": ["--cacert", ca, "--cert", foreign.cert, "--key", foreign.key],
               "a server certificate of another CA": ["--cacert", foreign.ca]}
    for why, files in refused.items():
        done = subprocess.run(["curl", "-sS", "--max-time", "10", *files, "-X", "POST", "-d", "{}",
                               tls_member.url + "/v3/kv/range"], capture_output=True, text=True, timeout=30)
        assert done.returncode != 0 and done.stdout == "", (why, done.returncode, done.stderr)
    plain = tls_member.url.replace("https://", "http://")  # plain HTTP to the HTTPS port: no answer at all
    done = subprocess.run(["curl", "-sS", "--max-time", "10", plain + "/health"], capture_output=True,
                          text=True, timeout=30)
    assert (done.returncode, done.stdout) == (52, ""), done
