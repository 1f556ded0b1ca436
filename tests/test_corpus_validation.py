"""The Kubernetes website's example manifests (../shared/corpus/k8s-website-examples) through defaulting and
validation, as `kubectl create --dry-run=server -f` would send them: those INDEX.tsv marks valid are accepted, the
others are refused with a message naming the field (or cannot be sent at all, as kubectl cannot send them)."""

from __future__ import annotations

import copy
import csv
import re
from pathlib import Path

import pytest
import yaml

from minikube_py.api.defaults import apply_defaults
from minikube_py.api.errors import StatusError
from minikube_py.api.registry import builtin_registry
from minikube_py.api.validation import validate_create

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "k8s-website-examples"
GENERATORS = SHARED / "reference" / "kubectl-1.32" / "offline-generators.md"
REGISTRY = builtin_registry()


def _rows(valid: str) -> list[dict[str, str]]:
    if not (CORPUS / "INDEX.tsv").exists():
        return []
    with (CORPUS / "INDEX.tsv").open(newline="") as file:
        return [row for row in csv.DictReader(file, delimiter="\t") if row["valid_v1_32"] == valid]


def _documents(path: str) -> list[dict]:
    """The objects kubectl would send: each YAML document, a List's items one by one."""
    objects = []
    for document in yaml.safe_load_all((CORPUS / path).read_text()):
        if document is None:
            continue
        objects.extend(document.get("items") or [] if document.get("kind") == "List" else [document])
    return objects


def _create(document: dict) -> list[str]:
    """What the apiserver does with a body posted to its namespace's URL: namespace and uid filled in, then
    defaults and validation."""
    obj = copy.deepcopy(document)
    resource = REGISTRY.for_api_version(obj["apiVersion"], obj["kind"])
    assert resource is not None, f'no matches for kind "{obj["kind"]}" in version "{obj["apiVersion"]}"'
    meta = obj.setdefault("metadata", {})
    if resource.namespaced:
        meta.setdefault("namespace", "default")
    if not meta.get("name") and meta.get("generateName"):
        meta["name"] = meta["generateName"] + "x7k2p"
    meta["uid"] = "6f1c2a34-0d7e-4b8e-9a51-3f0c7d2b9e10"
    apply_defaults(resource, obj)
    return validate_create(resource, obj, "Strict")


# INDEX.tsv's verdict is kubernetes-validate's schema check (unknown fields allowed, no semantic rules). These
# examples pass it but a 1.32 apiserver refuses them under kubectl's default fieldValidation=Strict: fields and
# values of later Kubernetes versions, a field removed in 1.20, placeholders left for the reader to replace.
REFUSED_BY_1_32 = {
    "application/job/job-tmpl.yaml": 'metadata.name: Invalid value: "process-item-$ITEM": a lowercase RFC 1123',
    "controllers/job-success-policy-example.yaml": "metadata.name: Required value: name or generateName is required",
    "pods/emptydir-volume-mode.yaml": 'strict decoding error: unknown field "spec.volumes[0].emptyDir.mode"',
    "pods/pod-with-numeric-toleration.yaml": 'spec.tolerations[0].operator: Unsupported value: "Gt"',
    "pods/restart-policy/restart-all-containers.yaml":
        'strict decoding error: unknown field "spec.initContainers[1].restartPolicyRules"',
    "pods/security/security-context-7.yaml":
        'unknown field "spec.containers[0].securityContext.cgroupOptions"',
    "pods/storage/projected-podcertificate.yaml":
        'unknown field "spec.volumes[0].projected.sources[0].podCertificate"',
    "secret/tls-auth-secret.yaml": "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at "
                                   "input byte 7",
    "service/networking/dual-stack-ipv6-lb-svc.yaml": 'strict decoding error: unknown field "spec.ipFamily"',
    "service/networking/dual-stack-ipv6-svc.yaml": 'strict decoding error: unknown field "spec.ipFamily"',
}


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not checked out beside the repository")
@pytest.mark.parametrize("row", _rows("yes"), ids=lambda row: row["path"])
def test_valid_examples_are_accepted(row: dict[str, str]) -> None:
    documents = _documents(row["path"])
    assert len(documents) == int(row["documents"])
    if row["path"] in REFUSED_BY_1_32:
        with pytest.raises(StatusError) as refused:
            for document in documents:
                _create(document)
        assert REFUSED_BY_1_32[row["path"]] in refused.value.message
        return
    for document in documents:
        assert _create(document) == []


# Examples INDEX.tsv marks invalid because kubernetes-validate has no schema for them, which kubectl sends anyway.
KUBECTL_EXPANDS = {"policy/quota-vac.yaml"}  # a v1 List: kubectl creates its items, which are valid


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not checked out beside the repository")
@pytest.mark.parametrize("row", _rows("no"), ids=lambda row: row["path"])
def test_invalid_examples_are_refused(row: dict[str, str]) -> None:
    reason = row["first_error"]
    if row["path"] in KUBECTL_EXPANDS:
        assert all(_create(document) == [] for document in _documents(row["path"]))
        return
    if reason.startswith("YAML parse error"):
        with pytest.raises(yaml.YAMLError):
            _documents(row["path"])
        return
    (document,) = _documents(row["path"])
    if reason == "missing apiVersion":
        assert "apiVersion" not in document
        return
    if reason.startswith("schema not found"):
        assert REGISTRY.for_api_version(document["apiVersion"], document["kind"]) is None
        return
    with pytest.raises(StatusError) as refused:
        _create(document)
    field = reason.split(":", 1)[0]
    assert field.rsplit(".", 1)[-1] in refused.value.message, refused.value.message


def _generated_objects() -> list[dict]:
    """The objects kubectl 1.32's generators (`create deployment`, `run`, `expose`, ...) print with -o yaml."""
    if not GENERATORS.exists():
        return []
    blocks = re.findall(r"```yaml\n(.*?)```", GENERATORS.read_text(), re.S)
    return [document for block in blocks for document in yaml.safe_load_all(block)
            if isinstance(document, dict) and "kind" in document]


@pytest.mark.skipif(not GENERATORS.exists(), reason="../shared/reference is not checked out beside the repository")
@pytest.mark.parametrize("document", _generated_objects(),
                         ids=lambda document: f'{document["kind"]}/{document["metadata"].get("name")}')
def test_objects_kubectl_generates_are_accepted(document: dict) -> None:
    assert _create(document) == []
