"""member list and cluster-health: the members API (`/v2/members`, `/v2/members/leader`) and each member's
/health, printed as etcdctl prints them ("ID: name=... isLeader=true"; "member ID is healthy: got healthy
result from URL" and a verdict on the cluster, exit 5 when it is not healthy)."""

from __future__ import annotations

import sys
import time

from minikube_py.etcd.client.transport import TLSFileError
from minikube_py.etcd.client.v2 import Client, ClientError, Member

from .errors import CLUSTER_NOT_HEALTHY, SERVER_ERROR, USAGE, ExitError, handle_error
from .session import Session

CHECK_INTERVAL = 10.0


def member_list(session: Session) -> None:
    if session.args:
        raise ExitError(USAGE, "No arguments accepted\n")
    client = session.client()
    try:
        members = client.members()
    except ClientError as err:
        raise ExitError(USAGE, f"{err}\n") from None
    try:
        leader = client.leader()
    except ClientError as err:
        raise ExitError(USAGE, f"Failed to get leader:  {err}\n") from None
    for member in members:
        if not member.name:
            sys.stdout.write(f"{member.id}[unstarted]: peerURLs={','.join(member.peer_urls)}\n")
        else:
            sys.stdout.write(f"{member.id}: name={member.name} peerURLs={','.join(member.peer_urls)} "
                             f"clientURLs={','.join(member.client_urls)} "
                             f"isLeader={'true' if member.id == leader.id else 'false'}\n")


def cluster_health(session: Session) -> int:
    """Check every member once (every 10 s with --forever, until Ctrl-C)."""
    try:  # etcdctl loads the TLS files for its health checks first, with its own exit code
        session.tls().context()
    except TLSFileError as err:
        raise handle_error(SERVER_ERROR, err) from None
    client = session.client(sync=False)
    try:
        members = client.members()
    except ClientError as err:
        sys.stdout.write("cluster may be unhealthy: failed to list members\n")
        sys.stdout.flush()
        raise handle_error(SERVER_ERROR, err) from None
    try:
        while True:
            healthy = sum(_check(client, member) for member in members)
            if healthy == len(members):
                sys.stdout.write("cluster is healthy\n")
            else:
                sys.stdout.write("cluster is unavailable\n" if healthy == 0 else "cluster is degraded\n")
            if not session.flags["forever"]:
                return 0 if healthy == len(members) else CLUSTER_NOT_HEALTHY
            sys.stdout.write("\nnext check after 10 second...\n\n")
            sys.stdout.flush()
            time.sleep(CHECK_INTERVAL)
    except KeyboardInterrupt:
        return 0


def _check(client: Client, member: Member) -> bool:
    """Print one member's health from the first of its client URLs that answers; True if healthy."""
    if not member.client_urls:
        sys.stdout.write(f"member {member.id} is unreachable: no available published client urls\n")
        return False
    for url in member.client_urls:
        try:
            healthy = client.health(url)
        except ClientError as err:
            sys.stdout.write(f"failed to check the health of member {member.id} on {url}: {err}\n")
            continue
        verdict = "healthy: got healthy" if healthy else "unhealthy: got unhealthy"
        sys.stdout.write(f"member {member.id} is {verdict} result from {url}\n")
        return healthy
    urls = " ".join(member.client_urls)
    sys.stdout.write(f"member {member.id} is unreachable: [{urls}] are all unreachable\n")
    return False
