"""The auth commands of the real kubectl against mk-apiserver: `auth can-i` and `auth can-i --list` under
the bootstrap `view` role, `auth whoami`, and `create token`'s refusal of too short a duration."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from apiservers import ApiServer, write_user_kubeconfig


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    name = "authk-" + uuid.uuid4().hex[:8]
    assert apiserver.kubectl("create", "namespace", name).returncode == 0
    return name


@pytest.fixture
def jane(apiserver: ApiServer, tmp_path: Path) -> Path:
    return write_user_kubeconfig(tmp_path / "jane.conf", apiserver.pki, apiserver.url, "jane", ("developers",))


def test_can_i_under_the_view_role(apiserver: ApiServer, ns: str, jane: Path) -> None:
    can_i = lambda *args: apiserver.kubectl("auth", "can-i", *args, "-n", ns, kubeconfig=jane).stdout  # noqa: E731
    assert can_i("get", "pods") == "no\n"
    bound = apiserver.kubectl("create", "rolebinding", "jane-view", "--clusterrole=view", "--user=jane", "-n", ns)
    assert bound.returncode == 0, bound.stderr
    assert can_i("get", "pods") == "yes\n"
    assert can_i("list", "deployments.apps") == "yes\n"
    assert can_i("get", "secrets") == "no\n"
    assert can_i("get", "/healthz") == "yes\n"
    listed = apiserver.kubectl("auth", "can-i", "--list", "-n", ns, kubeconfig=jane)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["Resources", "Non-Resource", "URLs", "Resource", "Names", "Verbs"]
    assert any(line.split() == ["pods", "[]", "[]", "[get", "list", "watch]"] for line in lines)
    assert any(line.split() == ["selfsubjectaccessreviews.authorization.k8s.io", "[]", "[]", "[create]"]
               for line in lines)


def test_whoami_shows_the_certificate_user(apiserver: ApiServer, jane: Path) -> None:
    shown = apiserver.kubectl("auth", "whoami", kubeconfig=jane)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["ATTRIBUTE", "VALUE", "Username", "jane", "Groups",
                                    "[developers", "system:authenticated]"]


def test_create_token_refuses_a_duration_under_ten_minutes(apiserver: ApiServer, ns: str) -> None:
    assert apiserver.kubectl("create", "serviceaccount", "bot", "-n", ns).returncode == 0
    short = apiserver.kubectl("create", "token", "bot", "-n", ns, "--duration=1m")
    assert short.returncode == 1
    assert short.stderr.strip().endswith(
        'TokenRequest.authentication.k8s.io "bot" is invalid: spec.expirationSeconds: Invalid value: 60: may not '
        "specify a duration less than 10 minutes")
