"""What each v2 write does, with etcd 3.4's v2store semantics: pure functions from the tree, the etcd index,
a request and the clock to the new tree, index and events. Every check is made before anything changes,
so a failed request (a V2Error carrying etcd's code, cause and current index) leaves no trace. v2.py keeps
the state, the history and the log."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from .v2_tree import (
    READ_ONLY,
    SECOND,
    Node,
    check_parents,
    clean,
    find,
    lookup,
    new_dir,
    put,
    remove,
    view,
    walk,
)
from .v2_types import (
    DIR_NOT_EMPTY,
    KEY_NOT_FOUND,
    NODE_EXIST,
    NOT_FILE,
    ROOT_READ_ONLY,
    TEST_FAILED,
    V2CompareAndDelete,
    V2CompareAndSwap,
    V2Create,
    V2Delete,
    V2Error,
    V2Event,
    V2Expire,
    V2Node,
    V2Set,
    V2Update,
)

# The `action` of each kind of event, as etcd names them.
GET, SET, CREATE, UPDATE = "get", "set", "create", "update"
CAS, DELETE, CAD, EXPIRE = "compareAndSwap", "delete", "compareAndDelete", "expire"


@dataclass(slots=True)
class Outcome:
    root: Node
    index: int
    events: list[V2Event]


def expire_at(ttl: int | None, now: int) -> int | None:
    return None if ttl is None else now + ttl * SECOND


def _writable(path: str, index: int) -> str:
    path = clean(path)
    if path in READ_ONLY:
        raise V2Error(ROOT_READ_ONLY, "/", index)
    return path


def _create(root: Node, index: int, path: str, *, dir: bool, value: str, unique: bool, replace: bool,
            expire: int | None, action: str, now: int) -> Outcome:
    """etcd's internalCreate: a new file or directory at `path` (intermediate directories created)."""
    following = index + 1
    if unique:
        path = f"{path}/{following:020d}"
    path = _writable(path, index)
    parent = check_parents(root, path, index)
    siblings = {} if parent is None else parent.children or {}
    existing = siblings.get(posixpath.basename(path))
    previous = None
    if existing is not None:
        if not replace:
            raise V2Error(NODE_EXIST, path, index)
        if existing.is_dir:
            raise V2Error(NOT_FILE, path, index)
        previous = view(existing, now)
    node = new_dir(path, following, expire) if dir else Node(path, following, following, value, None, expire)
    return Outcome(put(root, node, following), following, [V2Event(action, view(node, now), previous)])


def _set(root: Node, index: int, req: V2Set, now: int) -> Outcome:
    path = clean(req.path)
    try:
        previous: Node | None = lookup(root, path, index)
    except V2Error as err:
        if err.error_code != KEY_NOT_FOUND or req.refresh:
            raise
        previous = None
    value = (previous.value or "") if req.refresh and previous is not None else req.value
    outcome = _create(root, index, path, dir=req.dir, value=value, unique=False, replace=True,
                      expire=expire_at(req.ttl, now), action=SET, now=now)
    outcome.events[0].refresh = req.refresh
    return outcome


def _create_request(root: Node, index: int, req: V2Create, now: int) -> Outcome:
    return _create(root, index, req.path, dir=req.dir, value=req.value, unique=req.unique, replace=False,
                   expire=expire_at(req.ttl, now), action=CREATE, now=now)


def _rewrite(root: Node, index: int, node: Node, value: str | None, ttl: int | None, action: str,
             refresh: bool, now: int) -> Outcome:
    """Update and compare-and-swap: a new value (a directory keeps its modified index, as in etcd) and a
    new TTL (none: permanent) for an existing node."""
    following = index + 1
    expire = expire_at(ttl, now)
    if node.is_dir:
        changed = node._replace(expire=expire)
    else:
        changed = node._replace(value=node.value if refresh else value, modified=following, expire=expire)
    shown = view(changed, now)
    shown.modified = following
    event = V2Event(action, shown, view(node, now), refresh=refresh)
    return Outcome(put(root, changed, following), following, [event])


def _update(root: Node, index: int, req: V2Update, now: int) -> Outcome:
    path = _writable(req.path, index)
    node = lookup(root, path, index)
    if node.is_dir and req.value:
        raise V2Error(NOT_FILE, path, index)
    return _rewrite(root, index, node, req.value, req.ttl, UPDATE, req.refresh, now)


def _compare(node: Node, prev_value: str, prev_index: int, index: int) -> None:
    value_ok = not prev_value or node.value == prev_value
    index_ok = not prev_index or node.modified == prev_index
    if value_ok and index_ok:
        return
    mismatches = []
    if not value_ok:
        mismatches.append(f"[{prev_value} != {node.value}]")
    if not index_ok:
        mismatches.append(f"[{prev_index} != {node.modified}]")
    raise V2Error(TEST_FAILED, " ".join(mismatches), index)


def _compare_and_swap(root: Node, index: int, req: V2CompareAndSwap, now: int) -> Outcome:
    path = _writable(req.path, index)
    node = lookup(root, path, index)
    if node.is_dir:
        raise V2Error(NOT_FILE, path, index)
    _compare(node, req.prev_value, req.prev_index, index)
    return _rewrite(root, index, node, req.value, req.ttl, CAS, req.refresh, now)


def _removal(root: Node, index: int, node: Node, action: str, now: int) -> Outcome:
    """Delete, compare-and-delete and expire: `node` and everything under it go."""
    following = index + 1
    shown = V2Node(node.key, dir=node.is_dir, modified=following, created=node.created)
    removed = frozenset(gone.key for gone in walk(node))
    event = V2Event(action, shown, view(node, now), removed=removed)
    return Outcome(remove(root, node.key), following, [event])


def _delete(root: Node, index: int, req: V2Delete, now: int) -> Outcome:
    path = _writable(req.path, index)
    node = lookup(root, path, index)
    if node.children is not None:
        if not (req.dir or req.recursive):
            raise V2Error(NOT_FILE, node.key, index)
        if node.children and not req.recursive:
            raise V2Error(DIR_NOT_EMPTY, node.key, index)
    return _removal(root, index, node, DELETE, now)


def _compare_and_delete(root: Node, index: int, req: V2CompareAndDelete, now: int) -> Outcome:
    path = clean(req.path)
    node = lookup(root, path, index)
    if node.is_dir:
        raise V2Error(NOT_FILE, path, index)
    _compare(node, req.prev_value, req.prev_index, index)
    return _removal(root, index, node, CAD, now)


def expire(root: Node, index: int, due: list[tuple[int, str]], now: int) -> Outcome:
    """Remove the nodes `due` lists as (expire time, path), in that order, one index and event each; one
    already gone with a directory that expired before it is skipped."""
    events: list[V2Event] = []
    for expire_time, path in due:
        node = find(root, path)
        if node is None or node.expire != expire_time:
            continue
        outcome = _removal(root, index, node, EXPIRE, now)
        root, index = outcome.root, outcome.index
        events += outcome.events
    return Outcome(root, index, events)


_WRITES: dict[type, Callable[[Node, int, object, int], Outcome]] = {
    V2Set: _set,  # type: ignore[dict-item]
    V2Create: _create_request,  # type: ignore[dict-item]
    V2Update: _update,  # type: ignore[dict-item]
    V2CompareAndSwap: _compare_and_swap,  # type: ignore[dict-item]
    V2Delete: _delete,  # type: ignore[dict-item]
    V2CompareAndDelete: _compare_and_delete,  # type: ignore[dict-item]
}


def write(root: Node, index: int, req: object, now: int) -> Outcome:
    """Apply one write request other than V2Expire (see `expire`)."""
    assert not isinstance(req, V2Expire)
    return _WRITES[type(req)](root, index, req, now)
