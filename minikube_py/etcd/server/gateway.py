"""etcd 3.4's v3 JSON gateway, unary calls: POST /v3/<service>/<method> (and the deprecated /v3beta/
prefix) with one JSON message in the body and one in the answer. Reads run on the event loop against the
committed revision; writes go through the member's group commit. The streaming calls are in streams.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from minikube_py.store import LeaseGrantRequest, LeaseRevokeRequest, StoreError

from . import gateway_codec as codec
from .gojson import DecodeError, decode_object
from .http_common import ETCD_VERSION, gateway_error, gateway_json, method_not_allowed, options, store_error

if TYPE_CHECKING:
    from .member import EtcdMember

Message = dict[str, Any]
Call = Callable[[Message], Awaitable[Message]]
PREFIXES = ("/v3/", "/v3beta/")


class Gateway:
    def __init__(self, member: EtcdMember) -> None:
        self.member = member
        self.store = member.store

    # -- kv -------------------------------------------------------------------------------------------

    async def range(self, m: Message) -> Message:
        resp = self.store.range(codec.range_request(m))
        return codec.range_json(resp, self.member.header(resp.revision))

    async def put(self, m: Message) -> Message:
        resp = await self.member.submit(codec.put_request(m))
        return codec.put_json(resp, self.member.header(resp.revision))

    async def delete_range(self, m: Message) -> Message:
        resp = await self.member.submit(codec.delete_range_request(m))
        return codec.delete_range_json(resp, self.member.header(resp.revision))

    async def txn(self, m: Message) -> Message:
        resp = await self.member.submit(codec.txn_request(m))
        return codec.txn_json(resp, self.member.header(resp.revision))

    async def compaction(self, m: Message) -> Message:
        resp = await self.member.submit(codec.compaction_request(m))
        return {"header": self.member.header(resp.revision)}

    # -- lease ----------------------------------------------------------------------------------------

    async def lease_grant(self, m: Message) -> Message:
        resp = await self.member.submit(LeaseGrantRequest(ttl=codec.int_field(m, "TTL"), id=codec.lease_id(m)))
        return {"header": self.member.header(resp.revision), "ID": str(resp.id), "TTL": str(resp.ttl)}

    async def lease_revoke(self, m: Message) -> Message:
        resp = await self.member.submit(LeaseRevokeRequest(codec.lease_id(m)))
        return {"header": self.member.header(resp.revision)}

    async def lease_time_to_live(self, m: Message) -> Message:
        ttl = self.store.lease_time_to_live(codec.lease_id(m), keys=codec.bool_field(m, "keys"))
        return codec.time_to_live_json(ttl, self.member.header())

    async def lease_leases(self, m: Message) -> Message:
        shown: Message = {"header": self.member.header()}
        ids = self.store.lease_ids()
        if ids:
            shown["leases"] = [{"ID": str(lease)} for lease in ids]
        return shown

    # -- maintenance and cluster ----------------------------------------------------------------------

    async def status(self, m: Message) -> Message:
        status = self.store.status()
        shown: Message = {
            "header": self.member.header(status.revision), "version": ETCD_VERSION, "dbSize": str(status.db_size),
            "leader": str(self.member.id), "raftIndex": str(status.raft_index),
            "raftTerm": str(status.raft_term), "raftAppliedIndex": str(status.raft_index),
        }
        if status.alarms:
            shown["errors"] = [f"memberID:{self.member.id} alarm:{alarm} " for alarm in status.alarms]
        shown["dbSizeInUse"] = str(status.db_size_in_use)
        return shown

    async def defragment(self, m: Message) -> Message:
        async with self.member.data_file_lock:  # no snapshot is being read from the file it replaces
            self.store.defragment()  # on the loop thread on purpose: no other read may run meanwhile
        return {}

    async def hash(self, m: Message) -> Message:
        digest = self.store.hash()
        return {"header": self.member.header(), "hash": digest}

    async def hash_kv(self, m: Message) -> Message:
        digest, compact, revision = self.store.hash_kv(codec.int_field(m, "revision"))
        shown: Message = {"header": self.member.header(revision), "hash": digest}
        if compact:
            shown["compact_revision"] = str(compact)
        return shown

    async def alarm(self, m: Message) -> Message:
        """etcd's Alarm: GET lists the alarms (of one type unless NONE); ACTIVATE and DEACTIVATE change
        the alarm of the given type of the member with the given ID, answering with it if it changed."""
        action, kind, member_id = codec.alarm_request(m)
        ours = member_id == self.member.id and kind != "NONE"
        if action == codec.ALARM_ACTIONS["GET"]:
            alarms = [alarm for alarm in self.store.alarms() if kind in ("NONE", alarm)]
        elif action == codec.ALARM_ACTIONS["ACTIVATE"]:
            alarms = [kind] if ours and self.store.arm(kind) else []
        else:
            alarms = [kind] if ours and kind in self.store.disarm(kind) else []
        if not alarms:
            return {}
        return {"alarms": [{"memberID": str(self.member.id), "alarm": alarm} for alarm in alarms]}

    async def member_list(self, m: Message) -> Message:
        members = []
        for known in self.member.membership.members:
            client_urls = known.client_urls or (self.member.client_urls if known.id == self.member.id else [])
            members.append({"ID": str(known.id), "name": known.name, "peerURLs": known.peer_urls,
                            "clientURLs": client_urls})
        return {"header": self.member.header(0), "members": members}

    async def member_change(self, m: Message) -> Message:
        raise StoreError("etcdserver: a minikube-py member runs alone (no raft): to add, remove or promote "
                         "members, run a real etcd cluster and point the apiserver at it with --etcd-servers")

    def calls(self) -> dict[str, Call]:
        return {
            "kv/range": self.range, "kv/put": self.put, "kv/deleterange": self.delete_range, "kv/txn": self.txn,
            "kv/compaction": self.compaction,
            "lease/grant": self.lease_grant, "lease/revoke": self.lease_revoke,
            "lease/timetolive": self.lease_time_to_live, "lease/leases": self.lease_leases,
            "kv/lease/revoke": self.lease_revoke, "kv/lease/timetolive": self.lease_time_to_live,
            "kv/lease/leases": self.lease_leases,
            "maintenance/status": self.status, "maintenance/defragment": self.defragment,
            "maintenance/hash": self.hash, "maintenance/hashkv": self.hash_kv, "maintenance/alarm": self.alarm,
            "cluster/member/list": self.member_list, "cluster/member/add": self.member_change,
            "cluster/member/remove": self.member_change, "cluster/member/update": self.member_change,
            "cluster/member/promote": self.member_change,
        }


def unary(call: Call) -> Callable[[web.Request], Awaitable[web.Response]]:
    """An aiohttp handler for a gateway call: POST only, one JSON message in and out, errors as the
    gateway answers them."""

    async def handle(request: web.Request) -> web.Response:
        if request.method != "POST":
            return options() if request.method == "OPTIONS" else method_not_allowed()
        try:
            return gateway_json(await call(decode_object(await request.read())))
        except DecodeError as err:
            return gateway_error(str(err), 3)
        except StoreError as err:
            return store_error(err)

    return handle


def add_routes(app: web.Application, member: EtcdMember) -> None:
    for path, call in Gateway(member).calls().items():
        handler = unary(call)
        for prefix in PREFIXES:
            app.router.add_route("*", prefix + path, handler)
