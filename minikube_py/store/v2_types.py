"""The v2 keyspace's vocabulary: the write requests applied through `Store.apply`, what reads and writes
answer (etcd's v2store Event and NodeExtern), and etcd's v2 errors with their codes, messages and HTTP
statuses.

Paths are the store's own, as in etcd's v2store: the root holds two read-only namespaces, `/0` (cluster
data the member publishes) and `/1` (the keys of the /v2/keys API); the HTTP layer maps `/v2/keys/foo`
to `/1/foo`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import StoreError

CLUSTER_PREFIX = "/0"
KEYS_PREFIX = "/1"

# etcd's v2 error codes (etcd/error, v2error).
KEY_NOT_FOUND = 100
TEST_FAILED = 101
NOT_FILE = 102
NOT_DIR = 104
NODE_EXIST = 105
ROOT_READ_ONLY = 107
DIR_NOT_EMPTY = 108
PREV_VALUE_REQUIRED = 201
TTL_NAN = 202
INDEX_NAN = 203
INVALID_FIELD = 209
INVALID_FORM = 210
REFRESH_VALUE = 211
REFRESH_TTL_REQUIRED = 212
RAFT_INTERNAL = 300
EVENT_INDEX_CLEARED = 401

MESSAGES = {
    KEY_NOT_FOUND: "Key not found",
    TEST_FAILED: "Compare failed",
    NOT_FILE: "Not a file",
    NOT_DIR: "Not a directory",
    NODE_EXIST: "Key already exists",
    ROOT_READ_ONLY: "Root is read only",
    DIR_NOT_EMPTY: "Directory not empty",
    PREV_VALUE_REQUIRED: "PrevValue is Required in POST form",
    TTL_NAN: "The given TTL in POST form is not a number",
    INDEX_NAN: "The given index in POST form is not a number",
    INVALID_FIELD: "Invalid field",
    INVALID_FORM: "Invalid POST form",
    REFRESH_VALUE: "Value provided on refresh",
    REFRESH_TTL_REQUIRED: "A TTL must be provided on refresh",
    RAFT_INTERNAL: "Raft Internal Error",
    EVENT_INDEX_CLEARED: "The event in requested index is outdated and cleared",
}

_HTTP_STATUS = {KEY_NOT_FOUND: 404, NOT_FILE: 403, DIR_NOT_EMPTY: 403, TEST_FAILED: 412, NODE_EXIST: 412,
                RAFT_INTERNAL: 500}


class V2Error(StoreError):
    """etcd's v2 error: `error_code`, its `text`, a `cause` (usually the path) and the etcd index at the time.
    `str(err)` is what etcdctl prints after `Error:  `."""

    def __init__(self, error_code: int, cause: str = "", index: int = 0) -> None:
        self.error_code = error_code
        self.text = MESSAGES[error_code]
        self.cause = cause
        self.index = index
        super().__init__(f"{error_code}: {self.text} ({cause}) [{index}]")

    @property
    def http_status(self) -> int:
        return _HTTP_STATUS.get(self.error_code, 400)


# -- write requests -------------------------------------------------------------------------------------
# `ttl` is in seconds from the moment the request is applied; None means permanent.


@dataclass(slots=True)
class V2Set:
    path: str
    value: str = ""
    dir: bool = False
    ttl: int | None = None
    refresh: bool = False  # keep the value, only renew the TTL, and notify no watcher


@dataclass(slots=True)
class V2Create:
    path: str
    value: str = ""
    dir: bool = False
    unique: bool = False  # create `path/<20-digit index>` (an in-order key, POST)
    ttl: int | None = None


@dataclass(slots=True)
class V2Update:
    path: str
    value: str = ""
    ttl: int | None = None
    refresh: bool = False


@dataclass(slots=True)
class V2CompareAndSwap:
    path: str
    value: str = ""
    prev_value: str = ""  # "" compares nothing
    prev_index: int = 0  # 0 compares nothing
    ttl: int | None = None
    refresh: bool = False


@dataclass(slots=True)
class V2Delete:
    path: str
    dir: bool = False
    recursive: bool = False


@dataclass(slots=True)
class V2CompareAndDelete:
    path: str
    prev_value: str = ""
    prev_index: int = 0


@dataclass(slots=True)
class V2Expire:
    """Remove every node whose TTL ran out by the time this is applied (etcd's SYNC request)."""


V2Request = (V2Set, V2Create, V2Update, V2CompareAndSwap, V2Delete, V2CompareAndDelete, V2Expire)


# -- answers --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class V2Node:
    """etcd's NodeExtern: a node as an answer shows it. `expiration` is unix nanoseconds (None: permanent),
    `ttl` the seconds left when the answer was made; `value` is None for a directory."""

    key: str
    value: str | None = None
    dir: bool = False
    expiration: int | None = None
    ttl: int = 0
    nodes: list[V2Node] | None = None
    modified: int = 0
    created: int = 0


@dataclass(slots=True)
class V2Event:
    """One answer or change: action (get, set, create, update, compareAndSwap, delete, compareAndDelete,
    expire), the node after it and the node before it. `refresh` events are kept in the history but
    never reach a watcher. `removed` lists every path a delete or expire took away (in memory only: it
    decides which waiting watchers a deleted directory wakes)."""

    action: str
    node: V2Node
    prev_node: V2Node | None = None
    refresh: bool = False
    removed: frozenset[str] = field(default_factory=frozenset)

    @property
    def index(self) -> int:
        return self.node.modified


@dataclass(slots=True)
class V2Response:
    """What a v2 read or write answers: its events (one, or none for an expiry with nothing due, or one
    per expired node) and the etcd index after it. `revision` is the v3 revision, which Store.apply
    stamps on every response."""

    events: list[V2Event]
    etcd_index: int
    revision: int = 0

    @property
    def event(self) -> V2Event:
        return self.events[0]
