"""The v2 keyspace's records in the LMDB `v2` table: the log of applied writes and the checkpoints that let
it be compacted.

Key: the etcd index after the record (8 bytes, big-endian) and its kind (1 byte), so a cursor walks the
records in the order they were applied and the last key tells the committed index:
  ENTRY       a write request as applied, with the clock it saw (replaying it gives the same tree and
              the same events: TTLs count from that clock);
  CHECKPOINT  the whole tree and the last events (etcd keeps 1000 for waitIndex) at that index; every
              record before a checkpoint may be deleted.
Values are JSON.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from .v2_tree import Node, child_key
from .v2_types import V2Event, V2Node, V2Request

ENTRY = 0
CHECKPOINT = 1

_REQUESTS = {cls.__name__: cls for cls in V2Request}


def record_key(index: int, kind: int) -> bytes:
    return index.to_bytes(8, "big") + bytes((kind,))


def parse_key(key: bytes) -> tuple[int, int]:
    """(etcd index, kind)."""
    return int.from_bytes(key[:8], "big"), key[8]


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def encode_entry(req: object, now: int) -> bytes:
    return _dumps({"op": type(req).__name__, "now": now, "args": asdict(req)})  # type: ignore[call-overload]


def decode_entry(raw: bytes) -> tuple[object, int]:
    data = json.loads(raw)
    return _REQUESTS[data["op"]](**data["args"]), data["now"]


# -- checkpoints -----------------------------------------------------------------------------------------


def _tree_data(node: Node) -> list[Any]:
    children = None
    if node.children is not None:
        children = {name: _tree_data(child) for name, child in node.children.items()}
    return [node.created, node.modified, node.value, node.expire, children]


def _tree(data: list[Any], key: str) -> Node:
    created, modified, value, expire, children = data
    if children is not None:
        children = {name: _tree(child, child_key(key, name)) for name, child in children.items()}
    return Node(key, created, modified, value, children, expire)


def _view_data(shown: V2Node | None) -> list[Any] | None:
    if shown is None:
        return None
    return [shown.key, shown.value, shown.dir, shown.expiration, shown.ttl, shown.modified, shown.created]


def _view(data: list[Any] | None) -> V2Node | None:
    if data is None:
        return None
    key, value, is_dir, expiration, ttl, modified, created = data
    return V2Node(key, value, is_dir, expiration, ttl, None, modified, created)


def encode_checkpoint(root: Node, index: int, events: list[V2Event]) -> bytes:
    return _dumps({
        "index": index,
        "tree": _tree_data(root),
        "events": [[event.action, _view_data(event.node), _view_data(event.prev_node), event.refresh]
                   for event in events],
    })


def decode_checkpoint(raw: bytes) -> tuple[Node, int, list[V2Event]]:
    data = json.loads(raw)
    events = [V2Event(action, _view(node), _view(previous), refresh)  # type: ignore[arg-type]
              for action, node, previous, refresh in data["events"]]
    return _tree(data["tree"], "/"), data["index"], events
