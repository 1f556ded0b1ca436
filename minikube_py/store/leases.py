"""Leases (etcd's lessor): which leases exist, their TTLs and deadlines, and which keys each one holds.

A lease's id and granted TTL are persisted in the `lease` table; its deadline lives in memory and is
reset to a full TTL whenever the store opens, as etcd does when a member starts or a leader changes.
Key attachments are derived from the key-values' `lease` fields (rebuilt when the index is).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field

import lmdb

from .errors import LeaseExistsError, LeaseNotFoundError, LeaseTTLTooLargeError

MIN_TTL = 2  # etcd's minimum for a single member: 1.5 election timeouts, rounded up to seconds
MAX_TTL = 9_000_000_000


def lease_key(lease_id: int) -> bytes:
    return lease_id.to_bytes(8, "big", signed=True)


@dataclass(slots=True)
class Lease:
    id: int
    ttl: int
    deadline: float  # time.monotonic() at which the lease expires
    keys: set[bytes] = field(default_factory=set)


class Lessor:
    def __init__(self, id_prefix: int = 0) -> None:
        self.leases: dict[int, Lease] = {}
        self._key_lease: dict[bytes, int] = {}
        self.set_id_prefix(id_prefix)
        self._suffix = itertools.count(int(time.time() * 1000) << 8)

    def set_id_prefix(self, id_prefix: int) -> None:
        """New lease ids start with these 16 bits (etcd uses its member id's low bits; the sign bit stays 0)."""
        self._prefix = (id_prefix & 0x7FFF) << 48

    # -- loading --------------------------------------------------------------------------------------
    def load(self, txn: lmdb.Transaction, table: lmdb._Database) -> None:
        """Make the set of leases match the `lease` table, keeping the deadlines of leases already known."""
        now = time.monotonic()
        persisted: dict[int, int] = {}
        with txn.cursor(db=table) as cursor:
            for raw_id, raw_ttl in cursor.iternext():
                persisted[int.from_bytes(raw_id, "big", signed=True)] = int.from_bytes(raw_ttl, "big")
        for lease_id in [lease_id for lease_id in self.leases if lease_id not in persisted]:
            self._forget(lease_id)
        for lease_id, ttl in persisted.items():
            if lease_id not in self.leases:
                self.leases[lease_id] = Lease(lease_id, ttl, now + ttl)
        for key, lease_id in self._key_lease.items():
            if lease_id in self.leases:
                self.leases[lease_id].keys.add(key)

    # -- key attachments (called for every put and delete, also when replaying history) ---------------
    def attach(self, key: bytes, lease_id: int) -> None:
        previous = self._key_lease.pop(key, 0)
        if previous and previous in self.leases:
            self.leases[previous].keys.discard(key)
        if lease_id:
            self._key_lease[key] = lease_id
            if lease_id in self.leases:
                self.leases[lease_id].keys.add(key)

    def detach(self, key: bytes) -> None:
        self.attach(key, 0)

    def reset_attachments(self) -> None:
        self._key_lease.clear()
        for lease in self.leases.values():
            lease.keys.clear()

    # -- operations -----------------------------------------------------------------------------------
    def require(self, lease_id: int) -> Lease:
        found = self.leases.get(lease_id)
        if found is None:
            raise LeaseNotFoundError()
        return found

    def grant(self, txn: lmdb.Transaction, table: lmdb._Database, ttl: int, lease_id: int) -> Lease:
        if ttl > MAX_TTL:
            raise LeaseTTLTooLargeError()
        if lease_id == 0:
            lease_id = self._new_id()
        elif lease_id in self.leases:
            raise LeaseExistsError()
        ttl = max(ttl, MIN_TTL)
        txn.put(lease_key(lease_id), ttl.to_bytes(8, "big"), db=table)
        lease = Lease(lease_id, ttl, time.monotonic() + ttl)
        self.leases[lease_id] = lease
        return lease

    def remove(self, txn: lmdb.Transaction, table: lmdb._Database, lease_id: int) -> None:
        txn.delete(lease_key(lease_id), db=table)
        self._forget(lease_id)

    def renew(self, lease_id: int) -> int:
        lease = self.require(lease_id)
        lease.deadline = time.monotonic() + lease.ttl
        return lease.ttl

    def expired(self) -> list[int]:
        now = time.monotonic()
        return [lease.id for lease in self.leases.values() if lease.deadline <= now]

    def next_deadline(self) -> float | None:
        return min((lease.deadline for lease in self.leases.values()), default=None)

    def seconds_remaining(self, lease_id: int) -> int:
        lease = self.require(lease_id)
        return max(0, math.floor(lease.deadline - time.monotonic()))

    def _forget(self, lease_id: int) -> None:
        lease = self.leases.pop(lease_id, None)
        if lease is not None:
            for key in lease.keys:
                if self._key_lease.get(key) == lease_id:
                    del self._key_lease[key]

    def _new_id(self) -> int:
        while True:
            lease_id = self._prefix | (next(self._suffix) & ((1 << 48) - 1))
            if lease_id and lease_id not in self.leases:
                return lease_id
