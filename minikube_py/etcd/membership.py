"""Member and cluster identity as etcd computes it, so the same --name, peer URLs and cluster token give
the same ids as a real etcd (member 2e1259d415f2a040 / cluster 48276a8f75b6a87 for
`ref=http://127.0.0.1:23800` and token `etcd-cluster`), and the `cluster` table record that holds them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

DEFAULT_TOKEN = "etcd-cluster"
RECORD = b"membership"


class MembershipError(Exception):
    """A bad --initial-cluster / peer URL combination; the message is for the user."""


def member_id(peer_urls: list[str], token: str = DEFAULT_TOKEN) -> int:
    joined = "".join(sorted(peer_urls)).encode() + token.encode()
    return int.from_bytes(hashlib.sha1(joined).digest()[:8], "big")


def cluster_id(member_ids: list[int]) -> int:
    joined = b"".join(mid.to_bytes(8, "big") for mid in sorted(member_ids))
    return int.from_bytes(hashlib.sha1(joined).digest()[:8], "big")


def parse_initial_cluster(text: str) -> dict[str, list[str]]:
    """`a=http://h:2380,b=http://g:2380` -> {name: [peer urls]} (a name may repeat for several URLs)."""
    members: dict[str, list[str]] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, sep, url = part.partition("=")
        if not sep or not name or not url:
            raise MembershipError(f"--initial-cluster {text!r}: expected name=peer-url pairs")
        members.setdefault(name, []).append(url)
    return members


@dataclass
class Member:
    id: int
    name: str
    peer_urls: list[str]
    client_urls: list[str] = field(default_factory=list)


@dataclass
class Membership:
    cluster_id: int
    members: list[Member]
    token: str = DEFAULT_TOKEN

    @classmethod
    def bootstrap(cls, name: str, initial_cluster: str, advertise_peer_urls: list[str],
                  token: str = DEFAULT_TOKEN) -> Membership:
        """The membership of a new cluster of one member, checking --initial-cluster as etcd does."""
        cluster = parse_initial_cluster(initial_cluster)
        if len(cluster) > 1:
            raise MembershipError(
                f"--initial-cluster names {len(cluster)} members ({', '.join(cluster)}), but a minikube-py member "
                "runs alone: it has no raft. For a highly available store, run a real etcd cluster and point "
                "the apiserver at it with --etcd-servers")
        if name not in cluster:
            raise MembershipError(f"couldn't find local name {name!r} in the initial cluster configuration")
        if sorted(cluster[name]) != sorted(advertise_peer_urls):
            raise MembershipError(
                f"--initial-cluster has {name}={','.join(cluster[name])} but missing from "
                f"--initial-advertise-peer-urls={','.join(advertise_peer_urls)}")
        mid = member_id(cluster[name], token)
        return cls(cluster_id([mid]), [Member(mid, name, cluster[name])], token)

    def encode(self) -> bytes:
        return json.dumps(asdict(self)).encode()

    @classmethod
    def decode(cls, raw: bytes) -> Membership:
        data = json.loads(raw)
        return cls(data["cluster_id"], [Member(**m) for m in data["members"]], data.get("token", DEFAULT_TOKEN))
