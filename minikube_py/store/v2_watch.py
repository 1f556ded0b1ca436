"""v2 watches (GET ?wait=true): which event a watcher gets, with etcd 3.4's two sets of rules.

When the watch starts, etcd scans its history from waitIndex: an event matches when it is at the watched
key, under it for a recursive watch, or deletes/expires a directory whose path is a prefix of the key.
Events committed afterwards are matched as etcd notifies waiting watchers: at the key, under it for a
recursive watch unless the change is below a hidden (`_`) name, or when a delete takes the watched key
away with its directory. Refresh events never reach a watcher.
"""

from __future__ import annotations

import posixpath

from .v2 import Snapshot, V2Keyspace
from .v2_tree import clean
from .v2_types import EVENT_INDEX_CLEARED, V2Error, V2Event

_REMOVALS = ("delete", "expire")


def matches_history(event: V2Event, key: str, recursive: bool) -> bool:
    if event.refresh:
        return False
    found = event.node.key == key
    if recursive:
        found = found or event.node.key.startswith(key.rstrip("/") + "/")
    previous = event.prev_node
    if event.action in _REMOVALS and previous is not None and previous.dir:
        found = found or key.startswith(previous.key)
    return found


def matches_live(event: V2Event, key: str, recursive: bool) -> bool:
    if event.refresh:
        return False
    changed = event.node.key
    if changed == key or key in event.removed:
        return True
    if not recursive or not (key == "/" or changed.startswith(key + "/")):
        return False
    below = posixpath.normpath("/" + changed[len(key):])
    return "/_" not in below


class V2Watcher:
    """One watch on `key`, starting at `since` (0: the next change). `start_index` is the etcd index when it
    started (its X-Etcd-Index). `next_event` returns the next matching committed event, or None."""

    def __init__(self, keyspace: V2Keyspace, key: str, *, recursive: bool = False, since: int = 0) -> None:
        snap = keyspace.snapshot()
        self._keyspace = keyspace
        self.key = clean(key)
        self.recursive = recursive
        self.start_index = snap.index
        self._next = since or snap.index + 1
        self._check_retained(snap, self._next)
        self._live_from = snap.index + 1

    def _check_retained(self, snap: Snapshot, index: int) -> None:
        if index < snap.first_index:
            raise V2Error(EVENT_INDEX_CLEARED,
                          f"the requested history has been cleared [{snap.first_index}/{index}]", snap.index)

    def next_event(self) -> V2Event | None:
        """Raises V2Error 401 when the watcher fell so far behind that the history lost its events."""
        snap = self._keyspace.snapshot()
        if self._next > snap.index:
            return None
        self._check_retained(snap, self._next)
        for event in snap.events_from(self._next):
            self._next = event.index + 1
            rule = matches_history if event.index < self._live_from else matches_live
            if rule(event, self.key, self.recursive):
                return event
        return None
