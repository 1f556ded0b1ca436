"""Who may do what: a client certificate from the cluster CA for a user with no rights is Forbidden (with
Kubernetes' message) until a RoleBinding allows it; a certificate from another CA never gets past TLS; no
credentials is 401; a ServiceAccount token works for what its role allows."""

from __future__ import annotations

import ssl
import urllib.request
from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace, write_user_kubeconfig


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    return new_namespace(apiserver, "auth", service_account=False)


def test_jane_is_forbidden_until_a_rolebinding_allows_her(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    jane = write_user_kubeconfig(tmp_path / "jane.conf", apiserver.pki, apiserver.url, "jane")
    refused = apiserver.kubectl("-n", ns, "get", "pods", kubeconfig=jane)
    assert refused.returncode == 1
    assert refused.stderr == (f'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource '
                              f'"pods" in API group "" in the namespace "{ns}"\n')
    assert apiserver.kubectl("-n", ns, "auth", "can-i", "list", "pods", kubeconfig=jane).stdout == "no\n"
    assert apiserver.kubectl("-n", ns, "create", "role", "pod-reader", "--verb=get,list,watch",
                             "--resource=pods").returncode == 0
    assert apiserver.kubectl("-n", ns, "create", "rolebinding", "jane-reads", "--role=pod-reader",
                             "--user=jane").returncode == 0
    allowed = apiserver.kubectl("-n", ns, "get", "pods", kubeconfig=jane)
    assert (allowed.returncode, allowed.stderr) == (0, f"No resources found in {ns} namespace.\n")
    assert apiserver.kubectl("-n", ns, "auth", "can-i", "list", "pods", kubeconfig=jane).stdout == "yes\n"
    still = apiserver.kubectl("-n", ns, "create", "configmap", "x", kubeconfig=jane)
    assert still.returncode == 1
    assert 'User "jane" cannot create resource "configmaps" in API group "" in the namespace' in still.stderr
    elsewhere = apiserver.kubectl("-n", "default", "get", "pods", kubeconfig=jane)
    assert elsewhere.returncode == 1 and "Forbidden" in elsewhere.stderr


def test_a_certificate_from_another_ca_is_refused_at_tls(apiserver: ApiServer, foreign_pki: Path) -> None:
    context = ssl.create_default_context(cafile=str(apiserver.pki / "ca.crt"))
    context.load_cert_chain(str(foreign_pki / "apiserver-kubelet-client.crt"),
                            str(foreign_pki / "apiserver-kubelet-client.key"))
    with pytest.raises((ssl.SSLError, ConnectionResetError, urllib.error.URLError)):
        with urllib.request.urlopen(urllib.request.Request(apiserver.url + "/api"), context=context, timeout=5) as r:
            r.read()


def test_no_credentials_is_unauthorized(apiserver: ApiServer) -> None:
    context = ssl.create_default_context(cafile=str(apiserver.pki / "ca.crt"))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(apiserver.url + "/api/v1/pods"), context=context, timeout=5)
    assert refused.value.code == 401


def test_a_service_account_token_works_for_its_role(apiserver: ApiServer, ns: str, tmp_path: Path) -> None:
    k = apiserver.kubectl
    assert k("-n", ns, "create", "serviceaccount", "robot").returncode == 0
    assert k("-n", ns, "create", "role", "cm-reader", "--verb=get,list", "--resource=configmaps").returncode == 0
    assert k("-n", ns, "create", "rolebinding", "robot-reads", "--role=cm-reader",
             f"--serviceaccount={ns}:robot").returncode == 0
    token = k("-n", ns, "create", "token", "robot")
    assert token.returncode == 0 and token.stdout.count(".") == 2
    status, listed = apiserver.request("GET", f"/api/v1/namespaces/{ns}/configmaps", token=token.stdout.strip())
    assert status == 200 and listed["kind"] == "ConfigMapList"
    status, refused = apiserver.request("GET", f"/api/v1/namespaces/{ns}/secrets", token=token.stdout.strip())
    assert status == 403
    assert refused["message"] == (f'secrets is forbidden: User "system:serviceaccount:{ns}:robot" cannot list '
                                  f'resource "secrets" in API group "" in the namespace "{ns}"')
    status, _ = apiserver.request("GET", f"/api/v1/namespaces/{ns}/configmaps", token=token.stdout.strip() + "x")
    assert status == 401
