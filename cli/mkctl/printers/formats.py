"""`kubectl get -o json|yaml|name` (and the other commands' `-o`): the document kubectl prints and its text.

`printed_document`: one object named on its own (`get pod x`) is printed as the server sent it; anything else
(`get pods`, `get pod a b`, `get pods,svc`) as a `v1` `List` of the items with `metadata.resourceVersion: ""`
(kubectl regroups the items it flattened). `list_items` gives a server list's items with their `kind`/`apiVersion`
(as client-go's unstructured decoding fills them in). `managedFields` are dropped unless `show_managed_fields`.
JSON is Go's `json.MarshalIndent` of a map (keys sorted, 4 spaces), YAML sigs.k8s.io/yaml's; `-o name` prints
`kind[.group]/name` per object. Watches print object after object (YAML documents separated by `---`)."""

from __future__ import annotations

import copy
from typing import Any

from ._gofmt import sorted_keys


def list_items(server_list: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of a `PodList`/`DeploymentList`..., each with the list's apiVersion and item kind when missing."""
    kind = str(server_list.get("kind", "")).removesuffix("List")
    api_version = server_list.get("apiVersion", "")
    items = []
    for item in server_list.get("items") or []:
        if not item.get("kind") or not item.get("apiVersion"):
            item = {**item, "apiVersion": item.get("apiVersion") or api_version, "kind": item.get("kind") or kind}
        items.append(item)
    return items


def printed_document(objects: list[dict[str, Any]], single: bool) -> dict[str, Any]:
    """The object kubectl prints: `objects[0]` when one object was named alone (`single`), else a List."""
    if single and len(objects) == 1:
        return objects[0]
    return {"apiVersion": "v1", "items": list(objects), "kind": "List", "metadata": {"resourceVersion": ""}}


def without_managed_fields(obj: dict[str, Any]) -> dict[str, Any]:
    """OmitManagedFieldsPrinter: the object (or each item of a List) without `metadata.managedFields`."""
    if isinstance(obj.get("items"), list):
        return {**obj, "items": [without_managed_fields(item) for item in obj["items"]]}
    metadata = obj.get("metadata")
    if not isinstance(metadata, dict) or "managedFields" not in metadata:
        return obj
    trimmed = copy.copy(obj)
    trimmed["metadata"] = {key: value for key, value in metadata.items() if key != "managedFields"}
    return trimmed


def to_json_text(obj: dict[str, Any], *, show_managed_fields: bool = False) -> str:
    """`-o json`."""
    from minikube_py.api.generators.output import to_json

    return to_json(sorted_keys(obj if show_managed_fields else without_managed_fields(obj)))


def to_yaml_text(obj: dict[str, Any], *, show_managed_fields: bool = False, separator: bool = False) -> str:
    """`-o yaml`; `separator` for every document after the first one the same printer prints (watch)."""
    from minikube_py.api.generators.output import to_yaml

    text = to_yaml(obj if show_managed_fields else without_managed_fields(obj))
    return "---\n" + text if separator else text


def to_name_text(obj: dict[str, Any], operation: str = "") -> str:
    """`-o name` (with `operation`: the line of commands like `apply` and `delete`, `pod/x created`)."""
    if isinstance(obj.get("items"), list) and str(obj.get("kind", "")).endswith("List"):
        return "".join(to_name_text(item, operation) for item in obj["items"])
    kind = str(obj.get("kind") or "")
    if not kind:
        raise ValueError("missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type")
    group = str(obj.get("apiVersion") or "").rpartition("/")[0]
    name = (obj.get("metadata") or {}).get("name") or "<unknown>"
    suffix = f" {operation}" if operation else ""
    return f"{kind.lower()}.{group}/{name}{suffix}\n" if group else f"{kind.lower()}/{name}{suffix}\n"


def watch_event_text(event_type: str, obj: dict[str, Any], output: str, *, separator: bool = False) -> str:
    """`get -w --output-watch-events -o json|yaml`: the event as kubectl prints it (JSON compact on one line;
    managedFields kept, as kubectl's printer cannot reach into an event)."""
    if output == "json":
        from ._gofmt import go_json

        return '{"type":' + go_json(event_type) + ',"object":' + go_json(obj) + "}\n"
    return to_yaml_text({"object": obj, "type": event_type}, show_managed_fields=True, separator=separator)
