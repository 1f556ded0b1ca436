"""The v3 gateway's JSON <-> the store's requests and responses, as etcd's grpc-gateway does it: field
names as in etcd's .proto files (snake_case, and the lowerCamel JSON names also accepted), enums by name
or number, bytes as base64, 64-bit integers written as strings, zero values left out, fields in proto
order."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from minikube_py.store import (
    CompactionRequest,
    Compare,
    CompareResult,
    CompareTarget,
    DeleteRangeRequest,
    DeleteRangeResponse,
    KeyValue,
    LeaseTimeToLive,
    PutRequest,
    PutResponse,
    RangeRequest,
    RangeResponse,
    SortOrder,
    SortTarget,
    TxnRequest,
    TxnResponse,
)

from .gojson import DecodeError, b64, cannot_unmarshal, decode_bool, decode_bytes, decode_int, go_kind

Message = dict[str, Any]
FILTERS = {"NOPUT": 0, "NODELETE": 1}
ALARM_ACTIONS = {"GET": 0, "ACTIVATE": 1, "DEACTIVATE": 2}
ALARM_TYPES = {"NONE": 0, "NOSPACE": 1, "CORRUPT": 2}


def field(message: Message, name: str) -> Any:
    """A field by its proto name or its lowerCamel JSON name."""
    if name in message:
        return message[name]
    head, *rest = name.split("_")
    return message.get(head + "".join(part.title() for part in rest))


def bytes_field(message: Message, name: str) -> bytes:
    return decode_bytes(field(message, name))


def int_field(message: Message, name: str, go_type: str = "int64") -> int:
    return decode_int(field(message, name), go_type)


def bool_field(message: Message, name: str) -> bool:
    return decode_bool(field(message, name))


def _enum(message: Message, name: str, names: dict[str, int], go_name: str) -> int:
    """An enum field, by name or by number."""
    return _enum_value(field(message, name), names, go_name)


def _enum_value(value: object, names: dict[str, int], go_name: str, *, open_enum: bool = False) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        if value not in names:
            raise DecodeError(f"unknown value {_go_quote(value)} for enum {go_name}")
        return names[value]
    if isinstance(value, bool) or not isinstance(value, int) or not -(2**31) <= value < 2**31:
        raise cannot_unmarshal(value, go_name)
    if not open_enum and value not in names.values():  # etcd's enums are open; the store's are not
        raise DecodeError(f"unknown value {value} for enum {go_name}")
    return value


def _store_enum(message: Message, name: str, kind: type[IntEnum], go_name: str) -> Any:
    return kind(_enum(message, name, {member.name: member.value for member in kind}, go_name))


def _go_quote(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def message_field(message: Message, name: str) -> Message | None:
    """A nested message field: None when absent or null."""
    value = field(message, name)
    return None if value is None else _object(value)


def _object(value: object) -> Message:
    """A nested message (null: an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DecodeError(f"json: cannot unmarshal {go_kind(value)} into Go value of type map[string]json.RawMessage")
    return value


# -- requests --------------------------------------------------------------------------------------------


def range_request(m: Message) -> RangeRequest:
    return RangeRequest(
        key=bytes_field(m, "key"), range_end=bytes_field(m, "range_end"), limit=int_field(m, "limit"),
        revision=int_field(m, "revision"),
        sort_order=_store_enum(m, "sort_order", SortOrder, "etcdserverpb.RangeRequest_SortOrder"),
        sort_target=_store_enum(m, "sort_target", SortTarget, "etcdserverpb.RangeRequest_SortTarget"),
        serializable=bool_field(m, "serializable"), keys_only=bool_field(m, "keys_only"),
        count_only=bool_field(m, "count_only"),
        min_mod_revision=int_field(m, "min_mod_revision"), max_mod_revision=int_field(m, "max_mod_revision"),
        min_create_revision=int_field(m, "min_create_revision"),
        max_create_revision=int_field(m, "max_create_revision"),
    )


def put_request(m: Message) -> PutRequest:
    return PutRequest(key=bytes_field(m, "key"), value=bytes_field(m, "value"), lease=int_field(m, "lease"),
                      prev_kv=bool_field(m, "prev_kv"), ignore_value=bool_field(m, "ignore_value"),
                      ignore_lease=bool_field(m, "ignore_lease"))


def delete_range_request(m: Message) -> DeleteRangeRequest:
    return DeleteRangeRequest(key=bytes_field(m, "key"), range_end=bytes_field(m, "range_end"),
                              prev_kv=bool_field(m, "prev_kv"))


def compare(m: Message) -> Compare:
    return Compare(
        key=bytes_field(m, "key"), range_end=bytes_field(m, "range_end"),
        target=_store_enum(m, "target", CompareTarget, "etcdserverpb.Compare_CompareTarget"),
        result=_store_enum(m, "result", CompareResult, "etcdserverpb.Compare_CompareResult"),
        version=int_field(m, "version"), create_revision=int_field(m, "create_revision"),
        mod_revision=int_field(m, "mod_revision"), value=bytes_field(m, "value"), lease=int_field(m, "lease"),
    )


_OPS = {"request_range": range_request, "request_put": put_request, "request_delete_range": delete_range_request}


def request_op(m: Message) -> object:
    for name, decode in _OPS.items():
        found = field(m, name)
        if found is not None:
            return decode(_object(found))
    nested = field(m, "request_txn")
    if nested is not None:
        return txn_request(_object(nested))
    raise DecodeError("etcdserver: key not found")  # etcd's answer to an empty RequestOp


def _list(m: Message, name: str) -> list:
    value = field(m, name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise DecodeError(f"json: cannot unmarshal {go_kind(value)} into Go value of type []json.RawMessage")
    return value


def txn_request(m: Message) -> TxnRequest:
    return TxnRequest(compare=[compare(_object(c)) for c in _list(m, "compare")],
                      success=[request_op(_object(op)) for op in _list(m, "success")],
                      failure=[request_op(_object(op)) for op in _list(m, "failure")])


def compaction_request(m: Message) -> CompactionRequest:
    return CompactionRequest(revision=int_field(m, "revision"), physical=bool_field(m, "physical"))


def lease_id(m: Message) -> int:
    return int_field(m, "ID")


def alarm_request(m: Message) -> tuple[int, str, int]:
    """An AlarmRequest: (action, alarm type name, member ID)."""
    kind = _enum(m, "alarm", ALARM_TYPES, "etcdserverpb.AlarmType")
    return (_enum(m, "action", ALARM_ACTIONS, "etcdserverpb.AlarmRequest_AlarmAction"),
            next(name for name, number in ALARM_TYPES.items() if number == kind), int_field(m, "memberID", "uint64"))


def watch_filters(m: Message) -> set[int]:
    go_name = "etcdserverpb.WatchCreateRequest_FilterType"
    if isinstance(field(m, "filters"), str):  # a name where a list is wanted: protobuf's JSON reader says so
        raise DecodeError(f'invalid target "slice" for enum {go_name}')
    return {_enum_value(value, FILTERS, go_name, open_enum=True) for value in _list(m, "filters")}


# -- responses -------------------------------------------------------------------------------------------


def kv_json(kv: KeyValue) -> Message:
    shown: Message = {"key": b64(kv.key)}
    if kv.create_revision:
        shown["create_revision"] = str(kv.create_revision)
    if kv.mod_revision:
        shown["mod_revision"] = str(kv.mod_revision)
    if kv.version:
        shown["version"] = str(kv.version)
    if kv.value:
        shown["value"] = b64(kv.value)
    if kv.lease:
        shown["lease"] = str(kv.lease)
    return shown


def _revision_header(revision: int) -> Message:
    return {"revision": str(revision)} if revision else {}


def range_json(resp: RangeResponse, header: Message) -> Message:
    shown: Message = {"header": header}
    if resp.kvs:
        shown["kvs"] = [kv_json(kv) for kv in resp.kvs]
    if resp.more:
        shown["more"] = True
    if resp.count:
        shown["count"] = str(resp.count)
    return shown


def put_json(resp: PutResponse, header: Message) -> Message:
    shown: Message = {"header": header}
    if resp.prev_kv is not None:
        shown["prev_kv"] = kv_json(resp.prev_kv)
    return shown


def delete_range_json(resp: DeleteRangeResponse, header: Message) -> Message:
    shown: Message = {"header": header}
    if resp.deleted:
        shown["deleted"] = str(resp.deleted)
    if resp.prev_kvs:
        shown["prev_kvs"] = [kv_json(kv) for kv in resp.prev_kvs]
    return shown


def txn_json(resp: TxnResponse, header: Message) -> Message:
    shown: Message = {"header": header}
    if resp.succeeded:
        shown["succeeded"] = True
    if resp.responses:
        shown["responses"] = [_response_op(nested) for nested in resp.responses]
    return shown


def _response_op(resp: object) -> Message:
    header = _revision_header(resp.revision)  # type: ignore[attr-defined]
    if isinstance(resp, RangeResponse):
        return {"response_range": range_json(resp, header)}
    if isinstance(resp, PutResponse):
        return {"response_put": put_json(resp, header)}
    if isinstance(resp, DeleteRangeResponse):
        return {"response_delete_range": delete_range_json(resp, header)}
    return {"response_txn": txn_json(resp, header)}  # type: ignore[arg-type]


def time_to_live_json(ttl: LeaseTimeToLive, header: Message) -> Message:
    shown: Message = {"header": header}
    if ttl.id:
        shown["ID"] = str(ttl.id)
    shown["TTL"] = str(ttl.ttl)
    if ttl.granted_ttl:
        shown["grantedTTL"] = str(ttl.granted_ttl)
    if ttl.keys:
        shown["keys"] = [b64(key) for key in ttl.keys]
    return shown
