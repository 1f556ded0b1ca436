"""The running member: its store and identity, the group commit that applies every client's writes in
shared batches on one writer thread (one LMDB commit, one fsync per batch), commit notifications for
watchers, and the member's own chores (lease expiry, auto compaction, seeing other processes' commits)."""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections import deque
from datetime import UTC, datetime

from minikube_py.etcd.membership import Membership
from minikube_py.store import CompactionRequest, LeaseRevokeRequest, Store, StoreError

log = logging.getLogger(__name__)

POLL_INTERVAL = 0.005  # seconds between looks at what other processes committed
LEASE_CHECK = 0.5  # the longest an expired lease waits for its revocation
REVISION_COMPACTION_PERIOD = 300.0  # etcd's revision-mode compactor runs every 5 minutes

_STOP = object()


class EtcdMember:
    def __init__(self, store: Store, membership: Membership, *, name: str, client_urls: list[str],
                 peer_urls: list[str], loop: asyncio.AbstractEventLoop) -> None:
        self.store = store
        self.membership = membership
        self.name = name
        self.client_urls, self.peer_urls = client_urls, peer_urls
        ours = next((m for m in membership.members if m.name == name), membership.members[0])
        self.id, self.cluster_id = ours.id, membership.cluster_id
        self.started_at = datetime.now(UTC)
        self._loop = loop
        self._commit: asyncio.Future = loop.create_future()
        self._writes: queue.SimpleQueue = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write_batches, name="group-commit", daemon=True)
        self._tasks: list[asyncio.Task] = []
        self.commits = self.committed_requests = 0  # group commit's batches and the requests they held
        # Held while a thread reads the data file directly (a snapshot) or defragment replaces the file.
        self.data_file_lock = asyncio.Lock()
        self.stopping = False  # set by begin_stop: open streams end
        store.subscribe(self._committed_in_any_thread)
        self._writer.start()

    # -- writes ---------------------------------------------------------------------------------------

    async def submit(self, request: object) -> object:
        """Apply a write request with whatever else is waiting; raises its StoreError."""
        done = self._loop.create_future()
        self._writes.put((request, done))
        return await done

    def _write_batches(self) -> None:
        while True:
            batch = [self._writes.get()]
            while True:
                try:
                    batch.append(self._writes.get_nowait())
                except queue.Empty:
                    break
            stopping = _STOP in batch
            batch = [item for item in batch if item is not _STOP]
            if batch:
                self.commits += 1
                self.committed_requests += len(batch)
                try:
                    results = self.store.apply([request for request, _ in batch])
                except Exception as err:  # the store could not commit: every request of the batch fails
                    log.error("commit failed: %s", err)
                    results = [StoreError(f"etcdserver: {err}")] * len(batch)
                self._loop.call_soon_threadsafe(_settle, [done for _, done in batch], results)
            if stopping:
                return

    # -- commit notifications --------------------------------------------------------------------------

    def _committed_in_any_thread(self, revision: int) -> None:
        if self._loop.is_closed():
            return
        try:
            self._loop.call_soon_threadsafe(self._committed)
        except RuntimeError:  # the loop closed meanwhile
            pass

    def _committed(self) -> None:
        done, self._commit = self._commit, self._loop.create_future()
        done.set_result(None)

    async def next_commit(self) -> None:
        """Return after the next commit this process makes or sees, or once the member begins to stop (safe
        to cancel)."""
        await asyncio.shield(self._commit)

    def begin_stop(self) -> None:
        """The member is about to stop: wake the open streams, which see `stopping` and end."""
        self.stopping = True
        self._committed()

    # -- identity -------------------------------------------------------------------------------------

    def header(self, revision: int | None = None) -> dict[str, str]:
        """A ResponseHeader as the gateway shows it (revision left out when None or 0)."""
        shown = {"cluster_id": str(self.cluster_id), "member_id": str(self.id)}
        if revision is None:
            revision = self.store.revision
        if revision:
            shown["revision"] = str(revision)
        shown["raft_term"] = str(self.store.raft_term)
        return shown

    # -- chores ---------------------------------------------------------------------------------------

    def start_chores(self, *, compaction_mode: str, compaction_retention: float) -> None:
        self._tasks.append(self._loop.create_task(self._watch_other_processes()))
        self._tasks.append(self._loop.create_task(self._expire_leases()))
        if compaction_retention > 0:
            chore = self._compact_by_revision if compaction_mode == "revision" else self._compact_periodically
            self._tasks.append(self._loop.create_task(chore(compaction_retention)))

    async def _watch_other_processes(self) -> None:
        while True:
            self.store.poll()  # notifies subscribers when another process committed
            await asyncio.sleep(POLL_INTERVAL)

    async def _expire_leases(self) -> None:
        while True:
            deadline = self.store.next_lease_deadline()
            wait = LEASE_CHECK if deadline is None else min(LEASE_CHECK, max(0.0, deadline - time.monotonic()))
            await asyncio.sleep(wait)
            for lease_id in self.store.expired_leases():
                try:
                    await self.submit(LeaseRevokeRequest(lease_id))
                except StoreError:  # revoked meanwhile (by a client or another process)
                    pass

    async def _compact(self, revision: int) -> None:
        if revision > self.store.compact_revision:
            try:
                await self.submit(CompactionRequest(revision, physical=True))
                log.info("auto compaction: compacted at revision %d", revision)
            except StoreError as err:
                log.warning("auto compaction at revision %d failed: %s", revision, err)

    async def _compact_by_revision(self, retention: float) -> None:
        """etcd's revision mode: every 5 minutes, keep the last `retention` revisions."""
        while True:
            await asyncio.sleep(REVISION_COMPACTION_PERIOD)
            await self._compact(self.store.revision - int(retention))

    async def _compact_periodically(self, retention: float) -> None:
        """etcd's periodic mode: sample the revision every retention/10 (at most an hour apart) and compact
        to the revision seen `retention` seconds ago."""
        interval = min(retention, 3600.0) / 10
        samples: deque[tuple[float, int]] = deque()
        while True:
            now = time.monotonic()
            samples.append((now, self.store.revision))
            while len(samples) > 1 and samples[1][0] <= now - retention:
                samples.popleft()
            if samples[0][0] <= now - retention:
                await self._compact(samples[0][1])
            await asyncio.sleep(interval)

    # -- stopping -------------------------------------------------------------------------------------

    async def stop(self) -> None:
        """Stop the chores, apply the writes already queued, and close the store."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._writes.put(_STOP)
        await asyncio.to_thread(self._writer.join)
        self.store.close()


def _settle(futures: list[asyncio.Future], results: list[object]) -> None:
    for done, result in zip(futures, results):
        if done.cancelled():
            continue
        if isinstance(result, BaseException):
            done.set_exception(result)
        else:
            done.set_result(result)
