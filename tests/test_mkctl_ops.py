"""mkctl's day-2 commands next to the real kubectl 1.32 on one mk-apiserver: logs, the containerless commands,
cordon/uncordon/taint on Nodes made through the API, drain with a PodDisruptionBudget, rollout on a deployment
with hand-made ReplicaSets (no controller runs), wait for a condition set through the status subresource,
auth can-i/whoami as jane, certificate approve/deny, top, and edit with a scripted editor."""

from __future__ import annotations

import base64
import json
import os
import subprocess
from pathlib import Path

import pytest
from apiservers import ApiServer, new_namespace, write_user_kubeconfig
from etcd_members import wait_until
from mkctl_ops_support import MKCTL, Runner, create, unique

pytestmark = pytest.mark.skipif(not Path("/usr/bin/kubectl").exists(), reason="the real kubectl is not installed")


@pytest.fixture
def run(apiserver: ApiServer, tmp_path: Path) -> Runner:
    return Runner(apiserver, tmp_path)


@pytest.fixture
def ns(apiserver: ApiServer) -> str:
    return new_namespace(apiserver)


def pod(name: str, labels: dict[str, str] | None = None, node: str = "", **metadata: object) -> dict:
    spec: dict = {"containers": [{"name": "main", "image": "busybox:1.36"}]}
    if node:
        spec["nodeName"] = node
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "labels": labels or {"app": name},
                                                             **metadata}, "spec": spec}


def node_spec(apiserver: ApiServer, name: str) -> dict:
    status, node = apiserver.request("GET", f"/api/v1/nodes/{name}")
    assert status == 200
    return node.get("spec") or {}


# -- logs and the commands that need containers ----------------------------------------------------------------------

def test_logs_errors_as_kubectl(apiserver: ApiServer, run: Runner, ns: str) -> None:
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", pod("web"))
    for args in (("logs",), ("logs", "missing"), ("logs", "deploy/missing"), ("logs", "web"),
                 ("logs", "web", "-c", "nope"), ("logs", "-l", "app=none"), ("logs", "-l", "app=web"),
                 ("logs", "pod/web", "--tail=5", "--timestamps"), ("logs", "web", "--since-time=bogus"),
                 ("logs", "web", "--since=-1s"), ("logs", "web", "--tail=-5"), ("logs", "web", "--limit-bytes=-1"),
                 ("logs", "web", "--since=1s", "--since-time=2024-01-01T00:00:00Z")):
        run.same("-n", ns, *args)


def test_logs_of_running_pods_like_kubectl(apiserver: ApiServer, run: Runner, ns: str) -> None:
    """A running pod with two containers, reached by name, through its deployment and service, by label."""
    body = pod("api-1", {"app": "api"}, node="node-a")
    body["spec"]["containers"].append({"name": "sidecar", "image": "busybox:1.36"})
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", body)
    status, answer = apiserver.request("PATCH", f"/api/v1/namespaces/{ns}/pods/api-1/status",
                                       {"status": {"phase": "Running"}}, content_type="application/merge-patch+json")
    assert status == 200, answer
    create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
        "metadata": {"name": "api"}, "spec": {"selector": {"matchLabels": {"app": "api"}}, "template": {
            "metadata": {"labels": {"app": "api"}}, "spec": {"containers": [{"name": "main", "image": "x"}]}}}})
    create(apiserver, f"/api/v1/namespaces/{ns}/services", {
        "metadata": {"name": "api"}, "spec": {"selector": {"app": "api"}, "ports": [{"port": 80}]}})
    for args in (("api-1",), ("api-1", "-f"), ("api-1", "-c", "sidecar", "--previous"), ("deploy/api",),
                 ("svc/api", "-c", "sidecar"), ("api-1", "--all-containers", "--prefix"),
                 ("-l", "app=api", "-f", "--all-containers"), ("-l", "app=api", "--max-log-requests=1", "-f",
                                                                "--all-containers")):
        run.same("-n", ns, "logs", *args)


@pytest.mark.parametrize("verb,args", [
    ("exec", ("--", "ls")), ("attach", ()), ("port-forward", ("8080:80",)), ("cp", ()), ("debug", ("--image=busybox",)),
])
def test_containerless_commands(apiserver: ApiServer, run: Runner, ns: str, verb: str, args: tuple[str, ...]) -> None:
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", pod("web"))
    missing = ("missing:/etc/hosts", "/tmp/x") if verb == "cp" else ("missing", *args)
    run.same("-n", ns, verb, *missing)                      # the target is looked up as kubectl does
    present = ("web:/etc/hosts", "/tmp/x") if verb == "cp" else ("web", *args)
    result = run.mkctl("-n", ns, verb, *present)
    assert result.returncode == 1
    assert result.stderr.endswith(f"error: mkctl cannot {verb}: minikube-py runs no containers\n")


# -- nodes -----------------------------------------------------------------------------------------------------------

def test_cordon_uncordon_like_kubectl(apiserver: ApiServer, run: Runner) -> None:
    zone = unique("zone")
    names = [unique("node"), unique("node")]
    for name in names:
        create(apiserver, "/api/v1/nodes", {"metadata": {"name": name, "labels": {"zone": zone}}})
    for args, unschedulable in ((("cordon", names[0]), True), (("cordon", names[0]), True),
                                (("uncordon", names[0]), None), (("uncordon", names[0]), None),
                                (("cordon", "-l", f"zone={zone}", "--dry-run=client"), None),
                                (("cordon", "-l", f"zone={zone}", "--dry-run=server"), None)):
        assert run.kubectl(*args).returncode == 0
        assert node_spec(apiserver, names[0]).get("unschedulable") == unschedulable
        run.kubectl("uncordon", *names)
        if args[0] == "uncordon":
            run.kubectl("cordon", names[0])
        expected = run.kubectl(*args)
        run.kubectl("uncordon", *names)
        if args[0] == "uncordon":
            run.kubectl("cordon", names[0])
        got = run.mkctl(*args)
        assert (got.stdout, got.stderr, got.returncode) == (expected.stdout, expected.stderr, expected.returncode)
        assert node_spec(apiserver, names[0]).get("unschedulable") == unschedulable
        run.kubectl("uncordon", *names)
    for args in (("cordon",), ("cordon", "missing"), ("uncordon", "-l", "zone=nowhere"),
                 ("cordon", names[0], "-l", f"zone={zone}"), ("drain",), ("drain", "missing"),
                 ("drain", names[0], "--dry-run=bogus")):
        run.same(*args)


def test_taint_like_kubectl(apiserver: ApiServer, run: Runner) -> None:
    """The same sequence of taint commands on two nodes, one by kubectl and one by mkctl: the same lines, errors
    and taints."""
    ours, theirs = unique("node"), unique("node")
    for name in (ours, theirs):
        create(apiserver, "/api/v1/nodes", {"metadata": {"name": name}})
    steps = [("a=b:NoSchedule",), ("a=c:NoSchedule",), ("a=c:NoSchedule", "--overwrite"), ("a:NoSchedule-",),
             ("a:NoSchedule-",), ("q=1:NoExecute", "w=2:PreferNoSchedule"), ("q-", "w=3:PreferNoSchedule"),
             ("w-",), ("a=b:Bad",), (), ("x=y:NoSchedule", "x-"), ("k:NoExecute", "--dry-run=server")]
    for step in steps:
        expected = run.kubectl("taint", "nodes", theirs, *step)
        got = run.mkctl("taint", "nodes", ours, *step)
        assert (got.stdout.replace(ours, "N"), got.stderr.replace(ours, "N"), got.returncode) == \
            (expected.stdout.replace(theirs, "N"), expected.stderr.replace(theirs, "N"), expected.returncode), step
        assert node_spec(apiserver, ours).get("taints") == node_spec(apiserver, theirs).get("taints"), step
    run.same("taint", "pods", ours, "a=b:NoSchedule")
    run.same("taint", "nodes", "missing", "a=b:NoSchedule")


def test_drain_like_kubectl(apiserver: ApiServer, run: Runner, ns: str) -> None:
    """Unmanaged and emptyDir pods stop the drain without --force/--delete-emptydir-data; a budget refusing
    the eviction is retried until the timeout; with the flags and no budget every pod is evicted."""
    node = unique("node")
    create(apiserver, "/api/v1/nodes", {"metadata": {"name": node}})

    def populate() -> None:
        for name in ("bare", "scratch", "kept"):
            body = pod(name, node=node)
            if name == "scratch":
                body["spec"]["volumes"] = [{"name": "tmp", "emptyDir": {}}]
            if name == "kept":
                body["metadata"]["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs",
                                                        "uid": "0d8e2f8a-1111-2222-3333-444455556666",
                                                        "controller": True}]
            create(apiserver, f"/api/v1/namespaces/{ns}/pods", body)
        apiserver.request("PATCH", f"/api/v1/namespaces/{ns}/pods/kept/status", {"status": {"phase": "Running"}},
                          content_type="application/merge-patch+json")

    def compare(*args: str) -> subprocess.CompletedProcess:
        outcomes = []
        for runner in (run.kubectl, run.mkctl):
            run.kubectl("-n", ns, "delete", "pods", "--all", "--grace-period=0", "--force")
            run.kubectl("uncordon", node)
            populate()
            result = runner("drain", node, *args)
            left = run.kubectl("-n", ns, "get", "pods", "-o", "name").stdout
            outcomes.append((sorted(result.stdout.splitlines()), sorted(result.stderr.splitlines()),
                             result.returncode, left))
        assert outcomes[1] == outcomes[0], args
        return result

    assert compare("--delete-emptydir-data").returncode == 1   # one kind of refusal (kubectl orders several randomly)
    assert compare("--force").returncode == 1
    refusals = run.mkctl("drain", node)
    assert refusals.returncode == 1
    assert f"cannot delete Pods with local storage (use --delete-emptydir-data to override): {ns}/scratch\n" \
        in refusals.stderr
    assert f"cannot delete cannot delete Pods that declare no controller (use --force to override): {ns}/bare\n" \
        in refusals.stderr
    assert compare("--force", "--delete-emptydir-data", "--grace-period=0").returncode == 0
    assert compare("--force", "--delete-emptydir-data", "--grace-period=0", "--dry-run=client").returncode == 0
    assert compare("--force", "--delete-emptydir-data", "--grace-period=0", "--disable-eviction").returncode == 0
    create(apiserver, f"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets", {
        "metadata": {"name": "keep"}, "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "kept"}}}})
    status, _ = apiserver.request("PATCH", f"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets/keep/status", {
        "status": {"currentHealthy": 1, "desiredHealthy": 1, "expectedPods": 1, "disruptionsAllowed": 0}},
        content_type="application/merge-patch+json")
    assert status == 200
    refused = compare("--force", "--delete-emptydir-data", "--grace-period=0", "--timeout=1s")
    assert refused.returncode == 1
    assert "(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget." in refused.stderr


# -- rollout -----------------------------------------------------------------------------------------------------------

def make_deployment(apiserver: ApiServer, ns: str, name: str, revisions: int) -> None:
    """A deployment at image v<revisions> and one ReplicaSet per revision (as the controller would leave them)."""
    template = {"metadata": {"labels": {"app": name}},
                "spec": {"containers": [{"name": "web", "image": f"nginx:1.{revisions}"}]}}
    deployment = create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
        "metadata": {"name": name, "annotations": {"deployment.kubernetes.io/revision": str(revisions)}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"app": name}}, "template": template}})
    for revision in range(1, revisions + 1):
        labels = {"app": name, "pod-template-hash": f"h{revision}"}
        annotations = {"deployment.kubernetes.io/revision": str(revision)}
        if revision == 2:
            annotations["kubernetes.io/change-cause"] = "kubectl set image deployment/web web=nginx:1.2"
        create(apiserver, f"/apis/apps/v1/namespaces/{ns}/replicasets", {
            "metadata": {"name": f"{name}-h{revision}", "labels": labels, "annotations": annotations,
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": name,
                                              "uid": deployment["metadata"]["uid"], "controller": True}]},
            "spec": {"replicas": 0, "selector": {"matchLabels": labels},
                     "template": {"metadata": {"labels": labels}, "spec": {
                         "containers": [{"name": "web", "image": f"nginx:1.{revision}"}]}}}})


def deployment_state(apiserver: ApiServer, ns: str, name: str) -> tuple:
    _, deployment = apiserver.request("GET", f"/apis/apps/v1/namespaces/{ns}/deployments/{name}")
    annotations = deployment["metadata"].get("annotations") or {}
    template = deployment["spec"]["template"]
    return (deployment["spec"].get("paused"), template["spec"]["containers"][0]["image"],
            sorted((template["metadata"].get("annotations") or {})), annotations.get("kubernetes.io/change-cause"))


def test_rollout_like_kubectl(apiserver: ApiServer, run: Runner, ns: str) -> None:
    """Each step once by kubectl on one deployment and once by mkctl on a twin: same output, same state."""
    make_deployment(apiserver, ns, "theirs", 3)
    make_deployment(apiserver, ns, "ours", 3)
    steps = [("history",), ("history", "--revision=2"), ("history", "--revision=9"), ("undo", "--to-revision=9"),
             ("undo", "--to-revision=3"), ("undo", "--to-revision=1"), ("undo", "--dry-run=server"),
             ("undo",), ("pause",), ("pause",), ("restart",), ("undo",), ("resume",), ("resume",), ("restart",),
             ("status", "--watch=false"), ("status", "--revision=7"), ("pause", "-o", "name"),
             ("resume", "-o", "jsonpath={.spec.paused}"), ("pause", "-o", "wide"), ("resume",)]
    for step in steps:
        expected = run.kubectl("-n", ns, "rollout", step[0], "deploy/theirs", *step[1:])
        got = run.mkctl("-n", ns, "rollout", step[0], "deploy/ours", *step[1:])
        assert (got.stdout.replace("ours", "X"), got.stderr.replace("ours", "X"), got.returncode) == \
            (expected.stdout.replace("theirs", "X"), expected.stderr.replace("theirs", "X"), expected.returncode), step
        assert deployment_state(apiserver, ns, "ours") == deployment_state(apiserver, ns, "theirs"), step
    make_deployment(apiserver, ns, "fresh", 0)
    for args in (("history", "deploy/fresh"), ("undo", "deploy/fresh"), ("status", "pod/x"), ("history",),
                 ("history", "deploy/missing"), ("status", "deploy/missing", "deploy/gone", "--watch=false")):
        run.same("-n", ns, "rollout", *args)


def make_daemon_set(apiserver: ApiServer, ns: str, name: str) -> None:
    """A daemon set at image v3 and its ControllerRevisions 1-3 (revision 2 with a change cause)."""
    def template(image: str) -> dict:
        return {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "c", "image": image}]}}

    daemon_set = create(apiserver, f"/apis/apps/v1/namespaces/{ns}/daemonsets", {
        "metadata": {"name": name}, "spec": {"selector": {"matchLabels": {"app": name}}, "template": template("v3")}})
    for revision in (1, 2, 3):
        create(apiserver, f"/apis/apps/v1/namespaces/{ns}/controllerrevisions", {
            "metadata": {"name": f"{name}-r{revision}", "labels": {"app": name},
                         "annotations": {"kubernetes.io/change-cause": "bump"} if revision == 2 else {},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": name,
                                              "uid": daemon_set["metadata"]["uid"], "controller": True}]},
            "revision": revision, "data": {"spec": {"template": {"$patch": "replace", **template(f"v{revision}")}}}})


def test_rollout_of_a_daemon_set_like_kubectl(apiserver: ApiServer, run: Runner, ns: str) -> None:
    make_daemon_set(apiserver, ns, "theirs")
    make_daemon_set(apiserver, ns, "ours")
    for step in (("history",), ("history", "--revision=2"), ("undo", "--to-revision=3"), ("undo", "--to-revision=9"),
                 ("undo", "--to-revision=1"), ("history",), ("undo",), ("status", "--watch=false")):
        expected = run.kubectl("-n", ns, "rollout", step[0], "ds/theirs", *step[1:])
        got = run.mkctl("-n", ns, "rollout", step[0], "ds/ours", *step[1:])
        assert (got.stdout.replace("ours", "X"), got.stderr.replace("ours", "X"), got.returncode) == \
            (expected.stdout.replace("theirs", "X"), expected.stderr.replace("theirs", "X"), expected.returncode), step
        images = [apiserver.request("GET", f"/apis/apps/v1/namespaces/{ns}/daemonsets/{name}")[1]["spec"]["template"]
                  ["spec"]["containers"][0]["image"] for name in ("ours", "theirs")]
        assert images[0] == images[1], step


def test_rollout_status_follows_the_deployment(apiserver: ApiServer, run: Runner, ns: str) -> None:
    make_deployment(apiserver, ns, "web", 1)
    path = f"/apis/apps/v1/namespaces/{ns}/deployments/web/status"

    def set_status(**status: int) -> None:
        answer = apiserver.request("PATCH", path, {"status": {"observedGeneration": 1, "replicas": 2, **status}},
                                   content_type="application/merge-patch+json")
        assert answer[0] == 200, answer

    set_status(updatedReplicas=1)
    run.same("-n", ns, "rollout", "status", "deploy/web", "--timeout=1s")
    watcher = subprocess.Popen([MKCTL, "-n", ns, "rollout", "status", "deploy/web", "--timeout=30s"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run.env())
    assert watcher.stdout is not None
    first = watcher.stdout.readline()
    assert first == 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n'
    set_status(updatedReplicas=2, availableReplicas=1)
    set_status(updatedReplicas=2, availableReplicas=2)
    out, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0, err
    assert out.endswith('deployment "web" successfully rolled out\n')
    assert 'Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available...\n' in out


# -- wait --------------------------------------------------------------------------------------------------------------

def test_wait_errors_and_immediate_answers_like_kubectl(apiserver: ApiServer, run: Runner, ns: str) -> None:
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", pod("w1"))
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", pod("w2"))
    for args in (("pod/w1",), ("pod/w1", "--for=foo"), ("pod/w1", "--for=condition=Ready", "--timeout=0"),
                 ("pods", "-l", "app=none", "--for=condition=Ready"), ("pods", "--for=condition=Ready"),
                 ("pod/w1", "--for=jsonpath={.status.phase}=Pending", "--timeout=0"),
                 ("pod/w1", "--for=jsonpath={.status.phase}=Running", "--timeout=0"),
                 ("pod/w1", "--for=jsonpath={.spec}=x", "--timeout=0"),
                 ("pods", "--all", "--for=jsonpath={.status.phase}=Pending"), ("pod/w1", "--for=create"),
                 ("pod/missing", "--for=condition=Ready"), ("pod/missing", "--for=delete"),
                 ("pod/w1", "--for=condition=Ready", "--timeout=1s"), ("pod/w1", "--for=create", "-o", "name"),
                 ("pod/w1", "--for=create", "-o", "yaml"), ("pod/w1", "--for=create", "-o", "wide"),
                 ("pods", "--all", "--for=create", "-o", "jsonpath={.metadata.name}")):
        run.same("-n", ns, "wait", *args)
    late = run.mkctl("-n", ns, "wait", "pod/w1", "--for=delete", "--timeout=1s")   # kubectl may add a klog line
    assert (late.stdout, late.stderr, late.returncode) == ("", "error: timed out waiting for the condition on "
                                                                "pods/w1\n", 1)


def test_wait_for_a_condition_set_through_status(apiserver: ApiServer, run: Runner, ns: str) -> None:
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", pod("w"))
    waiter = subprocess.Popen([MKCTL, "-n", ns, "wait", "pod/w", "--for=condition=Ready", "--timeout=30s"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run.env())
    status, answer = apiserver.request("PATCH", f"/api/v1/namespaces/{ns}/pods/w/status", {"status": {
        "phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}},
        content_type="application/merge-patch+json")
    assert status == 200, answer
    out, err = waiter.communicate(timeout=30)
    assert (out, err, waiter.returncode) == ("pod/w condition met\n", "", 0)
    run.same("-n", ns, "wait", "pod/w", "--for=condition=Ready=true")
    run.same("-n", ns, "wait", "pod/w", "--for=condition=Ready=false", "--timeout=0")


def sockets(pid: int) -> int:
    """How many sockets a process has open (Linux /proc)."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except OSError:
            pass
    return count


def test_wait_for_delete(apiserver: ApiServer, run: Runner, ns: str) -> None:
    create(apiserver, f"/api/v1/namespaces/{ns}/pods", pod("gone"))
    waiter = subprocess.Popen([MKCTL, "-n", ns, "wait", "pod/gone", "--for=delete", "--timeout=30s"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=run.env())
    # a second connection is the watch, opened after the pod was read: the deletion cannot be missed now
    wait_until(lambda: sockets(waiter.pid) >= 2, message="mkctl wait to watch the pod")
    run.kubectl("-n", ns, "delete", "pod", "gone", "--grace-period=0", "--force")
    out, err = waiter.communicate(timeout=30)
    assert (out, waiter.returncode) == ("pod/gone condition met\n", 0), err


# -- auth, certificates, top -------------------------------------------------------------------------------------------

def test_auth_like_kubectl(apiserver: ApiServer, run: Runner, ns: str, tmp_path: Path) -> None:
    jane = write_user_kubeconfig(tmp_path / "jane.conf", apiserver.pki, apiserver.url, "jane", ("devs",))
    create(apiserver, f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/roles", {
        "metadata": {"name": "reader"},
        "rules": [{"apiGroups": [""], "resources": ["pods", "pods/log"], "verbs": ["get", "list"]},
                  {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get"],
                   "resourceNames": ["web"]}]})
    create(apiserver, f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings", {
        "metadata": {"name": "jane-reads"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role",
                                                        "name": "reader"},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "jane"}]})
    # the authorizer sees a binding once the apiserver's cache has it (as in Kubernetes): wait for that first
    wait_until(lambda: apiserver.kubectl("-n", ns, "auth", "can-i", "list", "pods", kubeconfig=jane).stdout == "yes\n",
               timeout=10, message="jane's RoleBinding to take effect")
    for args in (("get", "pods"), ("list", "pods"), ("delete", "pods"), ("get", "pods", "--subresource=log"),
                 ("get", "deployments.apps/web"), ("get", "deployments.apps/db"), ("get", "pods", "-A"),
                 ("get", "/healthz"), ("get", "/logs"), ("get", "foos"), ("get", "nodes"), ("get", "users"),
                 ("create", "pods", "--quiet"), ("--list",), ("--list", "--no-headers"), ("get",)):
        run.same("-n", ns, "auth", "can-i", *args, kubeconfig=jane)
    run.same("-n", ns, "auth", "can-i", "get", "pods", "--as=jane")
    run.same("-n", ns, "auth", "can-i", "--list")
    for output in ((), ("-o", "json"), ("-o", "yaml")):
        run.same("auth", "whoami", *output, kubeconfig=jane)
    run.same("auth", "whoami", "--as=jane", "--as-group=g1")


def csr(name: str) -> dict:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    request = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "jane")])).sign(key, hashes.SHA256())
    pem = request.public_bytes(serialization.Encoding.PEM)
    return {"apiVersion": "certificates.k8s.io/v1", "kind": "CertificateSigningRequest", "metadata": {"name": name},
            "spec": {"request": base64.b64encode(pem).decode(), "signerName": "kubernetes.io/kube-apiserver-client",
                     "usages": ["client auth"]}}


def test_certificate_approve_deny_like_kubectl(apiserver: ApiServer, run: Runner) -> None:
    names = {who: (unique(f"{who}-a"), unique(f"{who}-b")) for who in ("k", "m")}
    for first, second in names.values():
        for name in (first, second):
            create(apiserver, "/apis/certificates.k8s.io/v1/certificatesigningrequests", csr(name))
    for step in (("approve", 0), ("approve", 0), ("deny", 0), ("deny", 1), ("approve", 1)):
        expected = run.kubectl("certificate", step[0], names["k"][step[1]])
        got = run.mkctl("certificate", step[0], names["m"][step[1]])
        assert (got.stdout.replace(names["m"][step[1]], "X"), got.stderr.replace(names["m"][step[1]], "X"),
                got.returncode) == (expected.stdout.replace(names["k"][step[1]], "X"),
                                    expected.stderr.replace(names["k"][step[1]], "X"), expected.returncode), step
    for index in (0, 1):
        conditions = []
        for who in ("k", "m"):
            _, answer = apiserver.request("GET", f"/apis/certificates.k8s.io/v1/certificatesigningrequests/"
                                                 f"{names[who][index]}")
            conditions.append([(c["type"], c["reason"], c["message"]) for c in answer["status"]["conditions"]])
        assert conditions[0] == conditions[1]
    run.same("certificate", "approve", "missing")


def test_top_without_metrics_api(run: Runner) -> None:
    run.same("top", "node")
    run.same("top", "pod", "-A")


# -- edit --------------------------------------------------------------------------------------------------------------

EDITOR = """\
#!/bin/sh
n=$(cat "$EDIT_DIR/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$EDIT_DIR/count"
cp "$1" "$EDIT_DIR/seen.$n"
case "$EDIT_MODE" in
  label) sed -i 's/^    app: \\(.*\\)$/    app: \\1\\n    edited: "yes"/' "$1" ;;
  syntax-then-fix) if [ $n = 1 ]; then echo "  : : bad: [" >> "$1"; else grep -v ': : bad' "$1" > "$1.tmp";
     sed 's/^    app: \\(.*\\)$/    app: \\1\\n    edited: "yes"/' "$1.tmp" > "$1"; fi ;;
  invalid-twice) sed -i 's/^  replicas: .*/  replicas: -1/' "$1" ;;
  none) ;;
  empty) : > "$1" ;;
esac
"""


@pytest.mark.parametrize("mode", ["label", "none", "empty", "syntax-then-fix", "invalid-twice"])
def test_edit_like_kubectl(apiserver: ApiServer, run: Runner, ns: str, tmp_path: Path, mode: str) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text(EDITOR)
    editor.chmod(0o755)
    seen: dict[str, list[str]] = {}
    outcomes = []
    for who, runner in (("k", run.kubectl), ("m", run.mkctl)):
        name = f"web-{who}"
        create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
            "metadata": {"name": name, "labels": {"app": name}},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}})
        work = tmp_path / who
        work.mkdir()
        result = runner("-n", ns, "edit", f"deploy/{name}",
                        env={"KUBE_EDITOR": str(editor), "EDIT_MODE": mode, "EDIT_DIR": str(work)})
        stderr = "".join(line if "stored to" not in line else "(copy)\n" for line in
                         result.stderr.splitlines(keepends=True))
        _, live = apiserver.request("GET", f"/apis/apps/v1/namespaces/{ns}/deployments/{name}")
        outcomes.append((result.stdout.replace(name, "X"), stderr.replace(name, "X"), result.returncode,
                         live["metadata"]["labels"].get("edited")))
        seen[who] = [line.replace(name, "X") for path in sorted(work.glob("seen.*"))
                     for line in path.read_text().splitlines() if line.startswith("#") and "yaml: line" not in line]
    assert outcomes[1] == outcomes[0]
    assert seen["m"] == seen["k"]   # the header and the error comments of each re-opened file
    if mode in ("label", "syntax-then-fix"):
        assert outcomes[1][3] == "yes"
    if mode == "invalid-twice":
        assert any("spec.replicas: Invalid value: -1" in line for line in seen["m"])


def test_edit_json_output_and_missing_object(run: Runner, ns: str) -> None:
    run.same("-n", ns, "edit", "deploy/missing", env={"KUBE_EDITOR": "true"})
    run.same("-n", ns, "edit", "sa/default", "-o", "json", env={"KUBE_EDITOR": "true"})


def test_json_of_whoami_is_kubectl_indented(run: Runner) -> None:
    document = json.loads(run.same("auth", "whoami", "-o", "json"))
    assert document["status"]["userInfo"]["username"] == "kubernetes-admin"


def test_edit_a_subresource(apiserver: ApiServer, run: Runner, ns: str, tmp_path: Path) -> None:
    create(apiserver, f"/apis/apps/v1/namespaces/{ns}/deployments", {
        "metadata": {"name": "web"}, "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}}, "template": {
            "metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}})
    editor = tmp_path / "replicas.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/^  replicas: .*/  replicas: 7/' \"$1\"\n")
    editor.chmod(0o755)
    result = run.mkctl("-n", ns, "edit", "deploy/web", "--subresource=scale", env={"KUBE_EDITOR": str(editor)})
    assert (result.stdout, result.returncode) == ("scale.autoscaling/web edited\n", 0), result.stderr
    _, live = apiserver.request("GET", f"/apis/apps/v1/namespaces/{ns}/deployments/web")
    assert live["spec"]["replicas"] == 7


RBAC = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {{name: {name}, labels: {{team: a}}}}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [{verbs}]
- nonResourceURLs: ["/x"]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: {name}, namespace: {ns}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: {role}}}
subjects:
- {{apiGroup: rbac.authorization.k8s.io, kind: User, name: {user}}}
"""


def test_auth_reconcile_like_kubectl(apiserver: ApiServer, run: Runner, ns: str, tmp_path: Path) -> None:
    """The same reconciliations of twin objects: create, nothing to do, union, exact, recreate, dry run."""
    names = {"k": unique("rk"), "m": unique("rm")}
    steps = [("get, list", "", "jane", ()), ("get, list", "", "jane", ()), ("get, list, watch", "", "bob", ()),
             ("get", "", "bob", ("--remove-extra-permissions", "--remove-extra-subjects")),
             ("get, delete", "other", "bob", ("--dry-run=client",)), ("get, delete", "other", "bob", ("-o", "name")),
             ("get", "", "bob", ("--dry-run=server",))]
    for verbs, role, user, flags in steps:
        seen = []
        for who, runner in (("k", run.kubectl), ("m", run.mkctl)):
            name = names[who]
            path = tmp_path / f"{who}.yaml"
            path.write_text(RBAC.format(name=name, ns=ns, verbs=verbs, role=role or name, user=user))
            result = runner("auth", "reconcile", "-f", str(path), *flags)
            _, live = apiserver.request("GET", f"/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}")
            _, binding = apiserver.request("GET", f"/apis/rbac.authorization.k8s.io/v1/namespaces/{ns}/rolebindings/"
                                                  f"{name}")
            state = json.dumps([live.get("rules"), binding.get("subjects"), binding.get("roleRef")], sort_keys=True)
            seen.append(tuple(str(part).replace(name, "X") for part in (
                result.stdout, result.stderr, result.returncode, state)))
        assert seen[1] == seen[0], (verbs, role, user, flags)
