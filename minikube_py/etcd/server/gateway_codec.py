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

from .gojson import DecodeError, b64, decode_bool, decode_bytes, decode_int

Message = dict[str, Any]
FILTERS = {"NOPUT": 0, "NODELETE": 1}


def field(message: Message, name: str) -> Any:
    """A field by its proto name or its lowerCamel JSON name."""
    if name in message:
        return message[name]
    head, *rest = name.split("_")
    return message.get(head + "".join(part.title() for part in rest))


def bytes_field(message: Message, name: str) -> bytes:
    return decode_bytes(field(message, name))


def int_field(message: Message, name: str) -> int:
    return decode_int(field(message, name))


def bool_field(message: Message, name: str) -> bool:
    return decode_bool(field(message, name))


def _enum(message: Message, name: str, kind: type[IntEnum], go_name: str) -> Any:
    value = field(message, name)
    if value is None:
        return kind(0)
    try:
        return kind[value] if isinstance(value, str) else kind(value)
    except (KeyError, ValueError):
        raise DecodeError(f"unknown value {_go_quote(value)} for enum {go_name}") from None


def _go_quote(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def _object(value: object, what: str) -> Message:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DecodeError(f"json: cannot unmarshal {type(value).__name__} into Go value of type {what}")
    return value


# -- requests --------------------------------------------------------------------------------------------


def range_request(m: Message) -> RangeRequest:
    return RangeRequest(
        key=bytes_field(m, "key"), range_end=bytes_field(m, "range_end"), limit=int_field(m, "limit"),
        revision=int_field(m, "revision"),
        sort_order=_enum(m, "sort_order", SortOrder, "etcdserverpb.RangeRequest_SortOrder"),
        sort_target=_enum(m, "sort_target", SortTarget, "etcdserverpb.RangeRequest_SortTarget"),
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
        target=_enum(m, "target", CompareTarget, "etcdserverpb.Compare_CompareTarget"),
        result=_enum(m, "result", CompareResult, "etcdserverpb.Compare_CompareResult"),
        version=int_field(m, "version"), create_revision=int_field(m, "create_revision"),
        mod_revision=int_field(m, "mod_revision"), value=bytes_field(m, "value"), lease=int_field(m, "lease"),
    )


_OPS = {"request_range": range_request, "request_put": put_request, "request_delete_range": delete_range_request}


def request_op(m: Message) -> object:
    for name, decode in _OPS.items():
        found = field(m, name)
        if found is not None:
            return decode(_object(found, "etcdserverpb." + name))
    nested = field(m, "request_txn")
    if nested is not None:
        return txn_request(_object(nested, "etcdserverpb.TxnRequest"))
    return RangeRequest(key=b"")  # an empty RequestOp: etcd refuses it as a range without a key


def _list(m: Message, name: str) -> list:
    value = field(m, name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise DecodeError(f"json: cannot unmarshal {type(value).__name__} into Go value of type []")
    return value


def txn_request(m: Message) -> TxnRequest:
    return TxnRequest(compare=[compare(_object(c, "etcdserverpb.Compare")) for c in _list(m, "compare")],
                      success=[request_op(_object(op, "etcdserverpb.RequestOp")) for op in _list(m, "success")],
                      failure=[request_op(_object(op, "etcdserverpb.RequestOp")) for op in _list(m, "failure")])


def compaction_request(m: Message) -> CompactionRequest:
    return CompactionRequest(revision=int_field(m, "revision"), physical=bool_field(m, "physical"))


def lease_id(m: Message) -> int:
    return int_field(m, "ID")


def watch_filters(m: Message) -> set[int]:
    found = set()
    for value in _list(m, "filters"):
        if isinstance(value, str) and value in FILTERS:
            found.add(FILTERS[value])
        elif isinstance(value, int) and value in FILTERS.values():
            found.add(value)
        else:
            raise DecodeError(f"unknown value {_go_quote(value)} for enum etcdserverpb.WatchCreateRequest_FilterType")
    return found


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
    shown: Message = {"header": header, "ID": str(ttl.id), "TTL": str(ttl.ttl)}
    if ttl.granted_ttl:
        shown["grantedTTL"] = str(ttl.granted_ttl)
    if ttl.keys:
        shown["keys"] = [b64(key) for key in ttl.keys]
    return shown
