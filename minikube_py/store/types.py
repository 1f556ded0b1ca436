"""Requests and responses of the store, shaped like etcd's etcdserverpb messages (without the header:
`revision` is the store revision after the request, which the server puts in the response header)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from .records import KeyValue


class SortOrder(IntEnum):
    NONE = 0
    ASCEND = 1
    DESCEND = 2


class SortTarget(IntEnum):
    KEY = 0
    VERSION = 1
    CREATE = 2
    MOD = 3
    VALUE = 4


class CompareTarget(IntEnum):
    VERSION = 0
    CREATE = 1
    MOD = 2
    VALUE = 3
    LEASE = 4


class CompareResult(IntEnum):
    EQUAL = 0
    GREATER = 1
    LESS = 2
    NOT_EQUAL = 3


@dataclass(slots=True)
class RangeRequest:
    key: bytes
    range_end: bytes = b""
    limit: int = 0
    revision: int = 0
    sort_order: SortOrder = SortOrder.NONE
    sort_target: SortTarget = SortTarget.KEY
    serializable: bool = False
    keys_only: bool = False
    count_only: bool = False
    min_mod_revision: int = 0
    max_mod_revision: int = 0
    min_create_revision: int = 0
    max_create_revision: int = 0


@dataclass(slots=True)
class RangeResponse:
    revision: int
    kvs: list[KeyValue] = field(default_factory=list)
    more: bool = False
    count: int = 0


@dataclass(slots=True)
class PutRequest:
    key: bytes
    value: bytes = b""
    lease: int = 0
    prev_kv: bool = False
    ignore_value: bool = False
    ignore_lease: bool = False


@dataclass(slots=True)
class PutResponse:
    revision: int
    prev_kv: KeyValue | None = None


@dataclass(slots=True)
class DeleteRangeRequest:
    key: bytes
    range_end: bytes = b""
    prev_kv: bool = False


@dataclass(slots=True)
class DeleteRangeResponse:
    revision: int
    deleted: int = 0
    prev_kvs: list[KeyValue] = field(default_factory=list)


@dataclass(slots=True)
class Compare:
    key: bytes
    target: CompareTarget
    result: CompareResult = CompareResult.EQUAL
    range_end: bytes = b""
    version: int = 0
    create_revision: int = 0
    mod_revision: int = 0
    value: bytes = b""
    lease: int = 0


RequestOp = "RangeRequest | PutRequest | DeleteRangeRequest | TxnRequest"


@dataclass(slots=True)
class TxnRequest:
    compare: list[Compare] = field(default_factory=list)
    success: list = field(default_factory=list)  # of RequestOp
    failure: list = field(default_factory=list)  # of RequestOp


@dataclass(slots=True)
class TxnResponse:
    revision: int
    succeeded: bool = False
    responses: list = field(default_factory=list)  # of the matching responses


@dataclass(slots=True)
class CompactionRequest:
    revision: int
    physical: bool = False


@dataclass(slots=True)
class CompactionResponse:
    revision: int


@dataclass(slots=True)
class LeaseGrantRequest:
    ttl: int
    id: int = 0


@dataclass(slots=True)
class LeaseGrantResponse:
    revision: int
    id: int
    ttl: int


@dataclass(slots=True)
class LeaseRevokeRequest:
    id: int


@dataclass(slots=True)
class LeaseRevokeResponse:
    revision: int


@dataclass(slots=True)
class LeaseTimeToLive:
    id: int
    ttl: int  # remaining seconds, -1 when the lease does not exist (expired or revoked)
    granted_ttl: int = 0
    keys: list[bytes] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """One change, as a watcher sees it: a put (kv is the new value) or a delete (kv is the tombstone)."""

    revision_id: int
    kv: KeyValue

    @property
    def is_delete(self) -> bool:
        return self.kv.version == 0


@dataclass(slots=True)
class Status:
    revision: int
    compact_revision: int
    raft_index: int
    raft_term: int
    db_size: int
    db_size_in_use: int
    alarms: list[str]
