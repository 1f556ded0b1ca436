"""`mkctl delete` next to the real kubectl on the same apiserver (each in a namespace of its own, same objects):
the same lines, errors and exit codes, and the same objects left on the server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from apiservers import ApiServer
from test_mkctl_apply import Twins, configmap

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")


@pytest.fixture
def twins(apiserver: ApiServer, tmp_path: Path) -> Twins:
    twins = Twins(apiserver, tmp_path)
    twins.write("objects.yaml", "\n---\n".join(configmap(name, {"a": "1"}, {"tier": tier})
                                               for name, tier in (("one", "front"), ("two", "front"),
                                                                  ("three", "back"))))
    for who in "km":
        assert twins.run(who, "apply", "-f", "objects.yaml").returncode == 0
    return twins


def remaining(twins: Twins, who: str) -> list[str]:
    status, listing = twins.apiserver.request("GET", f"/api/v1/namespaces/{twins.namespaces[who]}/configmaps")
    assert status == 200
    return sorted(item["metadata"]["name"] for item in listing["items"]
                  if item["metadata"]["name"] != "kube-root-ca.crt")


def same_remaining(twins: Twins) -> list[str]:
    left = remaining(twins, "m")
    assert left == remaining(twins, "k")
    return left


def test_delete_by_name_waits_until_gone(twins: Twins):
    assert twins.same("delete", "configmap", "one", "two").stdout == \
        'configmap "one" deleted\nconfigmap "two" deleted\n'
    assert same_remaining(twins) == ["three"]
    assert twins.same("delete", "cm/three", "-o", "name").stdout == "configmap/three\n"
    assert same_remaining(twins) == []


def test_delete_a_missing_name_reports_it_and_deletes_the_others(twins: Twins):
    result = twins.same("delete", "configmap", "one", "missing", "two")
    assert result.returncode == 1
    assert result.stderr == 'Error from server (NotFound): configmaps "missing" not found\n'
    assert same_remaining(twins) == ["three"]
    assert twins.same("delete", "configmap", "missing", "--ignore-not-found").returncode == 0


def test_delete_by_selector_and_all(twins: Twins):
    assert twins.same("delete", "configmap", "-l", "tier=front").stdout == \
        'configmap "one" deleted\nconfigmap "two" deleted\n'
    assert twins.same("delete", "configmap", "-l", "tier=nothing").stdout == "No resources found\n"
    assert same_remaining(twins) == ["three"]
    twins.same("delete", "configmap", "--all")
    assert same_remaining(twins) == []


def test_delete_from_files(twins: Twins):
    twins.write("two.yaml", configmap("two", {}) + "---\n" + configmap("gone", {}))
    result = twins.same("delete", "-f", "two.yaml")
    assert result.returncode == 1 and result.stdout == 'configmap "two" deleted\n'
    assert result.stderr == \
        'Error from server (NotFound): error when deleting "two.yaml": configmaps "gone" not found\n'
    assert same_remaining(twins) == ["one", "three"]
    assert twins.same("delete", "-f", "two.yaml", "--ignore-not-found").returncode == 0


def test_delete_dry_runs_keep_everything(twins: Twins):
    assert twins.same("delete", "configmap", "one", "--dry-run=client").stdout == 'configmap "one" deleted (dry run)\n'
    assert twins.same("delete", "configmap", "one", "--dry-run=server").stdout == \
        'configmap "one" deleted (server dry run)\n'
    assert same_remaining(twins) == ["one", "three", "two"]


def test_delete_force_grace_now_and_cascade(twins: Twins):
    """(Not --cascade=orphan/foreground: without a garbage collector both kubectl and mkctl wait on the orphan or
    foreground finalizer forever.)"""
    forced = twins.same("delete", "configmap", "one", "--force")
    assert forced.stdout == 'configmap "one" force deleted\n'
    assert forced.stderr.startswith("Warning: Immediate deletion does not wait for confirmation")
    assert twins.same("delete", "configmap", "two", "--now").returncode == 0
    assert twins.same("delete", "configmap", "three", "--grace-period=0", "--cascade=background").returncode == 0
    assert same_remaining(twins) == []
    deprecated = twins.same("delete", "configmap", "x", "--cascade=false", "--ignore-not-found")
    assert "--cascade=false is deprecated" in deprecated.stderr


def test_delete_usage_errors(twins: Twins):
    normal = {"normal": lambda text: re.sub(r"\bkubectl\b", "mkctl", text)}
    assert twins.same("delete", **normal).stderr.startswith(
        "error: You must provide one or more resources by argument or filename.\n")
    assert twins.same("delete", "configmap").stderr == "error: resource(s) were provided, but no name was specified\n"
    assert twins.same("delete", "configmap", "one", "-A").stderr == \
        "error: a resource cannot be retrieved by name across all namespaces\n"
    assert twins.same("delete", "configmap", "one", "--cascade=sideways").returncode == 1
    assert twins.same("delete", "configmap", "one", "--now", "--grace-period=3").stderr == \
        "error: --now and --grace-period cannot be specified together\n"
    assert twins.same("delete", "nosuchtype", "x").returncode == 1
    assert same_remaining(twins) == ["one", "three", "two"]


def test_delete_pod_waits_for_it_to_go(twins: Twins):
    pod = ('{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, '
           '"spec": {"containers": [{"name": "c", "image": "busybox"}]}}')
    twins.write("pod.json", pod)
    for who in "km":
        assert twins.run(who, "create", "-f", "pod.json").returncode == 0
    assert twins.same("delete", "pod", "p").stdout == 'pod "p" deleted\n'
    for who in "km":
        status, _ = twins.apiserver.request("GET", f"/api/v1/namespaces/{twins.namespaces[who]}/pods/p")
        assert status == 404


def test_delete_interactive_asks_first(twins: Twins):
    declined = twins.same("delete", "configmap", "one", "missing", "-i", stdin="n\n")
    assert declined.stdout == "You are about to delete the following 2 resource(s):\nconfigmap/one\n" \
                              "configmap/missing\nDo you want to continue? (y/n): deletion is cancelled\n"
    assert same_remaining(twins) == ["one", "three", "two"]
    accepted = twins.same("delete", "configmap", "one", "two", "--interactive", stdin="y\n")
    assert accepted.stdout.endswith('(y/n): configmap "one" deleted\nconfigmap "two" deleted\n')
    assert same_remaining(twins) == ["three"]


def test_delete_raw(twins: Twins):
    for who in "km":
        path = f"/api/v1/namespaces/{twins.namespaces[who]}/configmaps/one"
        results = [twins.run(who, "delete", "--raw", path) for _ in range(2)]
        assert results[0].returncode == 0 and '"name":"one"' in results[0].stdout
        assert results[1].returncode == 1 and results[1].stderr == \
            'Error from server (NotFound): configmaps "one" not found\n'
    assert twins.same("delete", "--raw", "x").stderr == \
        'error: --raw must be a valid URL path: parse "x": invalid URI for request\n'
