"""Shared fixtures: etcd members (real and ours) on free loopback ports, and the cluster PKI that gives
them TLS. `member` is parametrised over both kinds, so a test of `mketcdctl` proves it behaves the same
against the real etcd 3.4 and against `mk-etcd`."""

from __future__ import annotations

from pathlib import Path

import pytest
from etcd_members import Member, TLSFiles, start_member, start_pair


@pytest.fixture(scope="session")
def cluster_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A kubeadm-style pki/ directory made by minikube_py.pki (etcd CA, server, client certificates)."""
    from minikube_py.pki import create_pki

    directory = tmp_path_factory.mktemp("state") / "pki"
    create_pki(directory)
    return directory


@pytest.fixture(scope="session")
def foreign_pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, unrelated PKI: its certificates must be refused by members of `cluster_pki`."""
    from minikube_py.pki import create_pki

    directory = tmp_path_factory.mktemp("foreign") / "pki"
    create_pki(directory)
    return directory


def etcd_server_tls(pki: Path) -> TLSFiles:
    return TLSFiles(str(pki / "etcd/ca.crt"), str(pki / "etcd/server.crt"), str(pki / "etcd/server.key"))


def etcd_client_tls(pki: Path) -> TLSFiles:
    """The apiserver's etcd client certificate (signed by the etcd CA), as a CKA learner would use it."""
    return TLSFiles(str(pki / "etcd/ca.crt"), str(pki / "apiserver-etcd-client.crt"),
                    str(pki / "apiserver-etcd-client.key"))


@pytest.fixture(params=["real", "mk"])
def member(request: pytest.FixtureRequest, tmp_path: Path) -> Member:
    """A fresh plain-HTTP member, once the real etcd and once mk-etcd."""
    started = start_member(request.param, tmp_path)
    yield started
    started.stop()


@pytest.fixture(params=["real", "mk"])
def tls_member(request: pytest.FixtureRequest, tmp_path: Path, cluster_pki: Path) -> Member:
    """A fresh HTTPS member with --client-cert-auth, once real and once ours, same certificates."""
    started = start_member(request.param, tmp_path, server_tls=etcd_server_tls(cluster_pki),
                           client_tls=etcd_client_tls(cluster_pki))
    yield started
    started.stop()


@pytest.fixture
def mk_member(tmp_path: Path) -> Member:
    started = start_member("mk", tmp_path)
    yield started
    started.stop()


@pytest.fixture
def pair(tmp_path: Path) -> list[Member]:
    """A fresh real etcd and a fresh mk-etcd side by side (plain HTTP), both sending watch progress
    notifications every second."""
    members = start_pair(tmp_path, ["--experimental-watch-progress-notify-interval=1s"])
    yield members
    for started in members:
        started.stop()


def _apiserver_over(kind: str, tmp_path_factory: pytest.TempPathFactory, pki: Path):
    from apiservers import start_apiserver

    workdir = tmp_path_factory.mktemp(f"apiserver-{kind}")
    etcd = start_member(kind, workdir, server_tls=etcd_server_tls(pki), client_tls=etcd_client_tls(pki))
    server = start_apiserver(workdir, pki, etcd)
    yield server
    server.stop()
    etcd.stop()


@pytest.fixture(scope="session")
def apiserver(tmp_path_factory: pytest.TempPathFactory, cluster_pki: Path):
    """One mk-apiserver over an mk-etcd member with TLS, shared by the tests of a worker (each test uses its
    own namespace or names)."""
    yield from _apiserver_over("mk", tmp_path_factory, cluster_pki)


@pytest.fixture(scope="session", params=["mk", "real"])
def any_apiserver(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, cluster_pki: Path):
    """mk-apiserver once over mk-etcd and once over the real etcd 3.4: the API must not tell them apart."""
    yield from _apiserver_over(request.param, tmp_path_factory, cluster_pki)


@pytest.fixture
def reader():
    """A stand-in for the apiserver's cache holding the bootstrap RBAC objects (a module needing another one
    defines its own `reader`)."""
    from fake_cache import FakeReader

    from minikube_py.apiserver.auth import default_rbac_objects

    return FakeReader(*default_rbac_objects())


@pytest.fixture
def authorizer(reader):
    """The RBAC authorizer over `reader`."""
    from minikube_py.apiserver.auth import RBACAuthorizer

    return RBACAuthorizer(reader)
