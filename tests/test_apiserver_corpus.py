"""The kubernetes.io examples through the real kubectl and `create --dry-run=server`: every document INDEX.tsv
marks valid is accepted (save the ones a real 1.32 apiserver refuses too, listed with the field it names),
and every invalid one is refused with a message naming what is wrong."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from apiservers import ApiServer

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "k8s-website-examples"
pytestmark = pytest.mark.skipif(not (CORPUS / "INDEX.tsv").exists(), reason="the corpus is not beside the checkout")

# Marked valid by a schema check, refused by a Kubernetes 1.32 apiserver under kubectl's default
# fieldValidation=Strict: fields newer than 1.32, or rules only the server's semantic validation knows.
REFUSED_BY_1_32 = {
    "application/job/job-tmpl.yaml": 'metadata.name: Invalid value: "process-item-$ITEM"',   # a template
    "controllers/job-success-policy-example.yaml": "metadata.name: Required value",
    "pods/emptydir-volume-mode.yaml": 'unknown field "spec.volumes[0].emptyDir.mode"',
    "pods/pod-with-numeric-toleration.yaml": 'spec.tolerations[0].operator: Unsupported value: "Gt"',
    "pods/restart-policy/restart-all-containers.yaml": 'unknown field "spec.',
    "pods/security/security-context-7.yaml": 'unknown field "spec.containers[0].security',
    "pods/storage/projected-podcertificate.yaml": 'unknown field "spec.volumes[0].p',
    "secret/tls-auth-secret.yaml": "illegal base64 data at input byte",
    "service/networking/dual-stack-ipfamilies-ipv6.yaml": 'spec.ipFamilies[0]: Invalid value: "IPv6"',
    "service/networking/dual-stack-ipv6-lb-svc.yaml": 'unknown field "s',
    "service/networking/dual-stack-ipv6-svc.yaml": 'unknown field "spec.ip',
    "service/networking/dual-stack-prefer-ipv6-lb-svc.yaml": 'spec.ipFamilies[0]: Invalid value: "IPv6"',
    "service/networking/dual-stack-preferred-ipfamilies-svc.yaml": 'spec.ipFamilies[0]: Invalid value: "IPv6"',
}


def index() -> list[dict[str, str]]:
    with open(CORPUS / "INDEX.tsv", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t"))


def namespaces_named(paths: list[str]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        for document in yaml.safe_load_all((CORPUS / path).read_text()):
            if isinstance(document, dict):
                namespace = (document.get("metadata") or {}).get("namespace")
                if isinstance(namespace, str) and document.get("kind") != "Namespace":
                    found.add(namespace)
    return found


@pytest.fixture(scope="module")
def corpus_server(apiserver: ApiServer) -> ApiServer:
    """The shared apiserver with the namespaces the examples name (each with its default ServiceAccount)."""
    valid = [row["path"] for row in index() if row["valid_v1_32"] == "yes"]
    for namespace in sorted(namespaces_named(valid) | {"default"}):
        apiserver.request("POST", "/api/v1/namespaces", {"metadata": {"name": namespace}})
        apiserver.request("POST", f"/api/v1/namespaces/{namespace}/serviceaccounts", {"metadata": {"name": "default"}})
    return apiserver


def test_valid_examples_are_accepted(corpus_server: ApiServer) -> None:
    accepted = [row for row in index() if row["valid_v1_32"] == "yes" and row["path"] not in REFUSED_BY_1_32]
    arguments = [argument for row in accepted for argument in ("-f", row["path"])]
    result = corpus_server.kubectl("create", "--dry-run=server", *arguments, cwd=CORPUS, timeout=300)
    assert result.returncode == 0, result.stderr
    created = [line for line in result.stdout.splitlines() if line.endswith(" created (server dry run)")]
    assert len(created) == sum(int(row["documents"]) for row in accepted)


@pytest.mark.parametrize("path", sorted(REFUSED_BY_1_32))
def test_examples_a_real_apiserver_refuses_are_refused(corpus_server: ApiServer, path: str) -> None:
    result = corpus_server.kubectl("create", "--dry-run=server", "-f", path, cwd=CORPUS)
    assert result.returncode == 1 and REFUSED_BY_1_32[path] in result.stderr


@pytest.mark.parametrize("row", [row for row in index() if row["valid_v1_32"] != "yes"], ids=lambda row: row["path"])
def test_invalid_examples_are_refused_naming_the_problem(corpus_server: ApiServer, row: dict[str, str]) -> None:
    result = corpus_server.kubectl("create", "--dry-run=server", "-f", row["path"], cwd=CORPUS)
    assert result.returncode == 1
    error = row["first_error"]
    field = re.match(r"([a-zA-Z.\[\]0-9]+): ", error)
    if field and not error.startswith(("YAML", "schema")):
        assert field.group(1).split("[")[0].split(".")[-1] in result.stderr, result.stderr
    else:   # kubectl's own refusal (no such kind, unparsable YAML) or the server's, naming the field
        assert result.stderr.startswith("error:") or 'unknown field "spec.' in result.stderr, result.stderr
