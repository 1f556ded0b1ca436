"""The -w/--write-out formats of etcdctl (simple, json, fields, table) for every answer mketcdctl prints,
with etcdctl's exact texts and field names. Keys and values are bytes and go out unchanged."""

from __future__ import annotations

import sys

from minikube_py.flags.pflag import quote

from . import gofmt
from .errors import BAD_FEATURE, ExitError

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

_ALARMS = ("NONE", "NOSPACE", "CORRUPT")


def write(data: str | bytes, stream: Any = None) -> None:
    (stream or sys.stdout).buffer.write(data.encode() if isinstance(data, str) else data)


def for_format(name: str, hex_output: bool = False) -> Printer:
    """The printer of -w NAME; ExitError(4) for a format etcdctl does not know or mketcdctl cannot make."""
    if name == "simple":
        return Simple(hex_output)
    if name in _PRINTERS:
        return _PRINTERS[name]()
    if name == "protobuf":
        raise ExitError(BAD_FEATURE, "protobuf not supported as output format (mketcdctl speaks etcd's JSON "
                                     "gateway, not gRPC): use -w json")
    raise ExitError(BAD_FEATURE, "unsupported output format")


class Printer:
    """The outputs a format does not support end the command with etcdctl's exit code 4."""

    name = ""

    def _unsupported(self, *_: Any) -> None:
        raise ExitError(BAD_FEATURE, f"{self.name} not supported as output format")

    get = put = delete = txn = watch = grant = revoke = keep_alive = time_to_live = leases = _unsupported
    member_list = endpoint_health = endpoint_status = endpoint_hashkv = alarm = db_status = _unsupported


# --- simple ---------------------------------------------------------------------------------------------

def _hex(data: bytes) -> bytes:
    return "".join(f"\\x{byte:02x}" for byte in data).encode()


def member_rows(response: dict[str, Any]) -> list[list[str]]:
    return [[f"{m['ID']:x}", "started" if m["name"] else "unstarted", m["name"], ",".join(m["peerURLs"]),
             ",".join(m["clientURLs"]), _bool(m["isLearner"])] for m in response["members"]]


def status_rows(statuses: list[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    rows = []
    for endpoint, status in statuses:
        member = (status["header"] or {}).get("member_id", 0)
        rows.append([endpoint, f"{member:x}", status["version"], gofmt.human_bytes(status["dbSize"]),
                     _bool(status["leader"] == member), _bool(status["isLearner"]), str(status["raftTerm"]),
                     str(status["raftIndex"]), str(status["raftAppliedIndex"]), ", ".join(status["errors"])])
    return rows


def hash_rows(hashes: list[tuple[str, dict[str, Any]]]) -> list[list[str]]:
    return [[endpoint, str(answer["hash"])] for endpoint, answer in hashes]


def health_rows(healths: list[dict[str, Any]]) -> list[list[str]]:
    return [[h["endpoint"], _bool(h["health"]), h["took"], h.get("error", "")] for h in healths]


def db_status_rows(status: Any) -> list[list[str]]:
    return [[f"{status.hash:x}", str(status.revision), str(status.total_keys),
             gofmt.human_bytes(status.total_size)]]


def _bool(value: bool) -> str:
    return "true" if value else "false"


class Simple(Printer):
    name = "simple"

    def __init__(self, hex_output: bool = False) -> None:
        self.hex, self.value_only = hex_output, False

    def _kv(self, kv: dict[str, Any]) -> None:
        key, value = (_hex(kv["key"]), _hex(kv["value"])) if self.hex else (kv["key"], kv["value"])
        write(value + b"\n" if self.value_only else key + b"\n" + value + b"\n")

    def get(self, response: dict[str, Any]) -> None:
        for kv in response["kvs"]:
            self._kv(kv)

    def put(self, response: dict[str, Any]) -> None:
        write("OK\n")
        if response["prev_kv"] is not None:
            self._kv(response["prev_kv"])

    def delete(self, response: dict[str, Any]) -> None:
        write(f"{response['deleted']}\n")
        for kv in response["prev_kvs"]:
            self._kv(kv)

    def txn(self, response: dict[str, Any]) -> None:
        write("SUCCESS\n" if response["succeeded"] else "FAILURE\n")
        for op in response["responses"]:
            write("\n")
            _print_op(self, op)

    def watch(self, response: dict[str, Any]) -> None:
        for event in response["events"]:
            write(event["type"] + "\n")
            if event["prev_kv"] is not None:
                self._kv(event["prev_kv"])
            self._kv(event["kv"])

    def grant(self, response: dict[str, Any]) -> None:
        write(f"lease {response['ID']:016x} granted with TTL({response['TTL']}s)\n")

    def revoke(self, lease_id: int, response: dict[str, Any]) -> None:
        write(f"lease {lease_id:016x} revoked\n")

    def keep_alive(self, response: dict[str, Any]) -> None:
        write(f"lease {response['ID']:016x} keepalived with TTL({response['TTL']})\n")

    def time_to_live(self, response: dict[str, Any], keys: bool) -> None:
        if response["grantedTTL"] == 0 and response["TTL"] == -1:
            write(f"lease {response['ID']:016x} already expired\n")
            return
        line = (f"lease {response['ID']:016x} granted with TTL({response['grantedTTL']}s), "
                f"remaining({response['TTL']}s)").encode()
        if keys:
            line += b", attached keys([" + b" ".join(response["keys"]) + b"])"
        write(line + b"\n")

    def leases(self, response: dict[str, Any]) -> None:
        write(f"found {len(response['leases'])} leases\n" + "".join(f"{lease['ID']:016x}\n"
                                                                    for lease in response["leases"]))

    def alarm(self, response: dict[str, Any]) -> None:
        for alarm in response["alarms"]:
            write(f"memberID:{alarm['memberID']} alarm:{alarm['alarm']} \n")

    def member_list(self, response: dict[str, Any]) -> None:
        write("".join(", ".join(row) + "\n" for row in member_rows(response)))

    def endpoint_health(self, healths: list[dict[str, Any]]) -> None:
        for health in healths:
            if health.get("error"):
                line = f"{health['endpoint']} is unhealthy: failed to commit proposal: {health['error']}\n"
            else:
                line = (f"{health['endpoint']} is healthy: successfully committed proposal: "
                        f"took = {health['took']}\n")
            write(line, sys.stderr)

    def endpoint_status(self, statuses: list[tuple[str, dict[str, Any]]]) -> None:
        write("".join(", ".join(row) + "\n" for row in status_rows(statuses)))

    def endpoint_hashkv(self, hashes: list[tuple[str, dict[str, Any]]]) -> None:
        write("".join(", ".join(row) + "\n" for row in hash_rows(hashes)))

    def db_status(self, status: Any) -> None:
        write("".join(", ".join(row) + "\n" for row in db_status_rows(status)))


def _print_op(printer: Simple | Fields, op: dict[str, Any]) -> None:
    (name, response), = op.items()
    {"response_range": printer.get, "response_put": printer.put,
     "response_delete_range": printer.delete}[name](response)


# --- json -----------------------------------------------------------------------------------------------

def _flat_header(response: dict[str, Any]) -> dict[str, Any]:
    """clientv3's lease answers embed the header: its fields at the top level, zero ones omitted."""
    return gofmt.omit_empty(response["header"] or {})


class JSON(Printer):
    name = "json"

    @staticmethod
    def _print(value: Any) -> None:
        write(gofmt.to_json(value) + "\n")

    def _message(self, response: dict[str, Any]) -> None:
        self._print(gofmt.omit_empty(response))

    get = put = delete = member_list = _message

    def txn(self, response: dict[str, Any]) -> None:
        names = {"response_range": "ResponseRange", "response_put": "ResponsePut",
                 "response_delete_range": "ResponseDeleteRange", "response_txn": "ResponseTxn"}
        responses = [{"Response": {names[name]: gofmt.omit_empty(answer) for name, answer in op.items()}}
                     for op in response["responses"]]
        self._print(gofmt.omit_empty({"header": response["header"], "succeeded": response["succeeded"],
                                      "responses": responses}))

    def watch(self, response: dict[str, Any]) -> None:
        events = [gofmt.omit_empty({"type": 1 if event["type"] == "DELETE" else 0, "kv": event["kv"],
                                    "prev_kv": event["prev_kv"]}) for event in response["events"]]
        self._print({"Header": gofmt.omit_empty(response["header"]), "Events": events,
                     "CompactRevision": response["compact_revision"], "Canceled": response["canceled"],
                     "Created": response["created"]})

    def grant(self, response: dict[str, Any]) -> None:
        self._print({**_flat_header(response), "ID": response["ID"], "TTL": response["TTL"],
                     "Error": response["error"]})

    def revoke(self, lease_id: int, response: dict[str, Any]) -> None:  # type: ignore[override]
        self._message(response)

    def keep_alive(self, response: dict[str, Any]) -> None:
        self._print({**_flat_header(response), "ID": response["ID"], "TTL": response["TTL"]})

    def time_to_live(self, response: dict[str, Any], keys: bool) -> None:
        self._print({**_flat_header(response), "id": response["ID"], "ttl": response["TTL"],
                     "granted-ttl": response["grantedTTL"], "keys": response["keys"] or None})

    def leases(self, response: dict[str, Any]) -> None:
        leases = [{"id": lease["ID"]} for lease in response["leases"]]
        self._print({**_flat_header(response), "leases": leases})

    def alarm(self, response: dict[str, Any]) -> None:
        alarms = [{"memberID": alarm["memberID"],
                   "alarm": _ALARMS.index(alarm["alarm"]) if alarm["alarm"] in _ALARMS else 0}
                  for alarm in response["alarms"]]
        self._message({"header": response["header"], "alarms": alarms})

    def endpoint_health(self, healths: list[dict[str, Any]]) -> None:
        self._print([{name: value for name, value in health.items() if name != "error" or value}
                     for health in healths])

    def endpoint_status(self, statuses: list[tuple[str, dict[str, Any]]]) -> None:
        self._print([{"Endpoint": endpoint, "Status": gofmt.omit_empty(status)}
                     for endpoint, status in statuses])

    def endpoint_hashkv(self, hashes: list[tuple[str, dict[str, Any]]]) -> None:
        self._print([{"Endpoint": endpoint, "HashKV": gofmt.omit_empty(answer)}
                     for endpoint, answer in hashes])

    def db_status(self, status: Any) -> None:
        self._print({"hash": status.hash, "revision": status.revision, "totalKey": status.total_keys,
                     "totalSize": status.total_size})


# --- fields ---------------------------------------------------------------------------------------------

class Fields(Printer):
    name = "fields"

    @staticmethod
    def _line(name: str, value: Any) -> None:
        if isinstance(value, bool):
            value = _bool(value)
        write(f'"{name}" : {value}\n')

    def _header(self, header: dict[str, int] | None) -> None:
        header = header or {}
        for name, field in (("ClusterID", "cluster_id"), ("MemberID", "member_id"), ("Revision", "revision"),
                            ("RaftTerm", "raft_term")):
            self._line(name, header.get(field, 0))

    def _kv(self, prefix: str, kv: dict[str, Any]) -> None:
        self._line(f"{prefix}Key", quote(kv["key"]))
        for name, field in (("CreateRevision", "create_revision"), ("ModRevision", "mod_revision"),
                            ("Version", "version")):
            self._line(prefix + name, kv[field])
        self._line(f"{prefix}Value", quote(kv["value"]))
        self._line(f"{prefix}Lease", kv["lease"])

    def get(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        for kv in response["kvs"]:
            self._kv("", kv)
        self._line("More", response["more"])
        self._line("Count", response["count"])

    def put(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        if response["prev_kv"] is not None:
            self._kv("Prev", response["prev_kv"])

    def delete(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        self._line("Deleted", response["deleted"])
        for kv in response["prev_kvs"]:
            self._kv("Prev", kv)

    def txn(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        self._line("Succeeded", response["succeeded"])
        for op in response["responses"]:
            _print_op(self, op)

    def watch(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        for event in response["events"]:
            self._line("Type", event["type"])
            if event["prev_kv"] is not None:
                self._kv("Prev", event["prev_kv"])
            self._kv("", event["kv"])

    def grant(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        self._line("ID", response["ID"])
        self._line("TTL", response["TTL"])

    keep_alive = grant

    def revoke(self, lease_id: int, response: dict[str, Any]) -> None:
        self._header(response["header"])

    def time_to_live(self, response: dict[str, Any], keys: bool) -> None:
        self.grant(response)
        self._line("GrantedTTL", response["grantedTTL"])
        for key in response["keys"]:
            self._line("Key", quote(key))

    def leases(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        for lease in response["leases"]:
            self._line("ID", lease["ID"])

    def alarm(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        for alarm in response["alarms"]:
            self._line("MemberID", alarm["memberID"])
            self._line("AlarmType", alarm["alarm"])
            write("\n")

    def member_list(self, response: dict[str, Any]) -> None:
        self._header(response["header"])
        for member in response["members"]:
            self._line("ID", member["ID"])
            self._line("Name", quote(member["name"]))
            for url in member["peerURLs"]:
                self._line("PeerURL", quote(url))
            for url in member["clientURLs"]:
                self._line("ClientURL", quote(url))
            self._line("IsLearner", member["isLearner"])
            write("\n")

    def endpoint_health(self, healths: list[dict[str, Any]]) -> None:
        for health in healths:
            self._line("Endpoint", quote(health["endpoint"]))
            self._line("Health", health["health"])
            self._line("Took", health["took"])
            self._line("Error", health.get("error", ""))
            write("\n")

    def endpoint_status(self, statuses: list[tuple[str, dict[str, Any]]]) -> None:
        for endpoint, status in statuses:
            self._header(status["header"])
            self._line("Version", quote(status["version"]))
            self._line("DBSize", status["dbSize"])
            self._line("Leader", status["leader"])
            self._line("IsLearner", status["isLearner"])
            self._line("RaftIndex", status["raftIndex"])
            self._line("RaftTerm", status["raftTerm"])
            self._line("RaftAppliedIndex", status["raftAppliedIndex"])
            self._line("Errors", "[" + " ".join(status["errors"]) + "]")
            self._line("Endpoint", quote(endpoint))
            write("\n")

    def endpoint_hashkv(self, hashes: list[tuple[str, dict[str, Any]]]) -> None:
        for endpoint, answer in hashes:
            self._header(answer["header"])
            self._line("Endpoint", quote(endpoint))
            self._line("Hash", answer["hash"])
            write("\n")

    def db_status(self, status: Any) -> None:
        for name, value in (("Hash", status.hash), ("Revision", status.revision), ("Keys", status.total_keys),
                            ("Size", status.total_size)):
            self._line(name, value)


# --- table ----------------------------------------------------------------------------------------------

class Table(Printer):
    name = "table"

    def member_list(self, response: dict[str, Any]) -> None:
        write(gofmt.table(["ID", "Status", "Name", "Peer Addrs", "Client Addrs", "Is Learner"],
                          member_rows(response)))

    def endpoint_health(self, healths: list[dict[str, Any]]) -> None:
        write(gofmt.table(["endpoint", "health", "took", "error"], health_rows(healths)))

    def endpoint_status(self, statuses: list[tuple[str, dict[str, Any]]]) -> None:
        write(gofmt.table(["endpoint", "ID", "version", "db size", "is leader", "is learner", "raft term",
                           "raft index", "raft applied index", "errors"], status_rows(statuses)))


    def endpoint_hashkv(self, hashes: list[tuple[str, dict[str, Any]]]) -> None:
        write(gofmt.table(["endpoint", "hash"], hash_rows(hashes)))

    def db_status(self, status: Any) -> None:
        write(gofmt.table(["hash", "revision", "total keys", "total size"], db_status_rows(status)))


_PRINTERS: dict[str, type[Printer]] = {"json": JSON, "fields": Fields, "table": Table}
