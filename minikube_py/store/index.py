"""The in-memory revision index (etcd's treeIndex): for every key, the revisions at which it was put or
deleted.

It is derived state: rebuilt from the `rev` table when a store opens and kept current by the writer (and
by catching up with revisions other processes wrote). Writers append revisions before their LMDB commit;
readers therefore always look up "the latest revision at or below R" for the committed revision R, so an
uncommitted write is never visible. Mutations are single list operations (atomic under the GIL) or whole
list replacements, which is what lets readers go without a lock.
"""

from __future__ import annotations

import bisect

from .records import rev_id

_ALL_KEYS_END = b"\0"


class KeyHistory:
    __slots__ = ("revs", "tombs")

    def __init__(self) -> None:
        self.revs: list[int] = []  # ascending revision ids of every put and delete still retained
        self.tombs: set[int] = set()  # the revision ids in `revs` that are deletes

    def visible(self, main: int) -> int | None:
        """Revision id of the value visible at main revision `main`, or None if the key is absent."""
        revs = self.revs
        limit = rev_id(main + 1) - 1
        if revs and revs[-1] <= limit:
            found = revs[-1]
        else:
            position = bisect.bisect_right(revs, limit) - 1
            if position < 0:
                return None
            found = revs[position]
        return None if found in self.tombs else found

    def before(self, revision_id: int) -> int | None:
        """Revision id of the value the key had just before `revision_id` (for prev_kv), or None."""
        position = bisect.bisect_left(self.revs, revision_id) - 1
        if position < 0:
            return None
        found = self.revs[position]
        return None if found in self.tombs else found


class Index:
    def __init__(self) -> None:
        self._keys: list[bytes] = []  # sorted
        self._histories: dict[bytes, KeyHistory] = {}

    def __len__(self) -> int:
        return len(self._histories)

    def get(self, key: bytes) -> KeyHistory | None:
        return self._histories.get(key)

    def visible(self, key: bytes, main: int) -> int | None:
        """Revision id of `key`'s value at main revision `main`, or None. A key listed by `keys_in` may be
        gone by now (a compaction dropped its history) and is then absent."""
        history = self._histories.get(key)
        return None if history is None else history.visible(main)

    def keys_in(self, key: bytes, range_end: bytes) -> list[bytes]:
        """The indexed keys of etcd's range [key, range_end): one key when range_end is empty, every key
        from `key` on when range_end is "\\0"."""
        if not range_end:
            return [key] if key in self._histories else []
        keys = self._keys
        start = bisect.bisect_left(keys, key)
        if range_end == _ALL_KEYS_END:
            return keys[start:]
        return keys[start : bisect.bisect_left(keys, range_end, start)]

    def history(self, key: bytes) -> KeyHistory:
        """The history of `key`, created (and placed in key order) when new."""
        found = self._histories.get(key)
        if found is None:
            found = KeyHistory()
            bisect.insort(self._keys, key)
            self._histories[key] = found
        return found

    def record_put(self, key: bytes, revision_id: int) -> None:
        self.history(key).revs.append(revision_id)

    def record_delete(self, key: bytes, revision_id: int) -> None:
        history = self.history(key)
        history.tombs.add(revision_id)
        history.revs.append(revision_id)

    def compact(self, main: int) -> list[int]:
        """Forget every revision at or below `main` except each key's value visible at `main`; return the
        revision ids forgotten (the records to delete from disk)."""
        limit = rev_id(main + 1) - 1
        dropped: list[int] = []
        emptied: list[bytes] = []
        for key, history in self._histories.items():
            revs = history.revs
            if not revs or revs[0] > limit:
                continue
            cut = bisect.bisect_right(revs, limit)
            last = revs[cut - 1]
            keep_last = last not in history.tombs
            drop = revs[: cut - 1] if keep_last else revs[:cut]
            if not drop:
                continue
            dropped.extend(drop)
            history.revs = revs[len(drop) :]
            if history.tombs:
                history.tombs = history.tombs.difference(drop)
            if not history.revs:
                emptied.append(key)
        if emptied:
            gone = set(emptied)
            for key in emptied:
                del self._histories[key]
            self._keys = [key for key in self._keys if key not in gone]
        return dropped
