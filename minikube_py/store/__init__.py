"""etcd's data model on LMDB: revisions, history, ranges, txns, leases, watch events, compaction,
snapshots, and the v2 keyspace beside it. Imported only by the etcd member and the offline snapshot
commands (ARCHITECTURE §2)."""

from .backend import DEFAULT_QUOTA
from .errors import DataDirError, SnapshotError, StoreError
from .records import KeyValue
from .store import MAX_REQUEST_BYTES, NOSPACE, Store
from .types import (
    CompactionRequest,
    CompactionResponse,
    Compare,
    CompareResult,
    CompareTarget,
    DeleteRangeRequest,
    DeleteRangeResponse,
    Event,
    LeaseGrantRequest,
    LeaseGrantResponse,
    LeaseRevokeRequest,
    LeaseRevokeResponse,
    LeaseTimeToLive,
    PutRequest,
    PutResponse,
    RangeRequest,
    RangeResponse,
    SortOrder,
    SortTarget,
    Status,
    TxnRequest,
    TxnResponse,
)
from .v2 import V2Keyspace
from .v2_types import (
    CLUSTER_PREFIX,
    KEYS_PREFIX,
    V2CompareAndDelete,
    V2CompareAndSwap,
    V2Create,
    V2Delete,
    V2Error,
    V2Event,
    V2Expire,
    V2Node,
    V2Response,
    V2Set,
    V2Update,
)
from .v2_watch import V2Watcher

__all__ = [name for name in dir() if not name.startswith("_")]
