"""The OpenAPI definitions of Kubernetes 1.32's built-in types, from `kubernetes-validate`'s schema set.

One file (`_definitions.json`, every `io.k8s.*` definition with descriptions, `x-kubernetes-group-version-kind`,
`x-kubernetes-patch-merge-key`/`-patch-strategy` and list types) serves validation, strategic merge patch,
server-side apply and the `/openapi` documents. It is read once per process, on first use."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

KUBERNETES_SCHEMA_VERSION = "v1.32.0"
REF_PREFIX = "#/$defs/"


@functools.cache
def definitions() -> dict[str, dict[str, Any]]:
    """Every definition by name (`io.k8s.api.core.v1.Pod`), `$ref`s in the form `#/$defs/<name>`."""
    schemas = resources.files("kubernetes_validate") / "kubernetes-json-schema"
    folder = schemas / f"{KUBERNETES_SCHEMA_VERSION}-local-strict"
    with (folder / "_definitions.json").open("rb") as file:
        return json.load(file)["$defs"]


@functools.cache
def _names_by_gvk() -> dict[tuple[str, str, str], str]:
    names: dict[tuple[str, str, str], str] = {}
    for name, schema in definitions().items():
        for gvk in schema.get("x-kubernetes-group-version-kind", ()):
            names.setdefault((gvk["group"], gvk["version"], gvk["kind"]), name)
    return names


def definition_name(group: str, version: str, kind: str) -> str | None:
    """The definition of a kind (`("apps", "v1", "Deployment")` -> `io.k8s.api.apps.v1.Deployment`)."""
    return _names_by_gvk().get((group, version, kind))


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a `$ref` (the definition it names, with no further indirection); other schemas as they are."""
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return definitions()[ref.removeprefix(REF_PREFIX)]
