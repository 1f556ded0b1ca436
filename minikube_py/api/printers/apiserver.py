"""The apiserver's own kinds: API priority and fairness (flow schemas, priority levels), storage versions,
storage version migrations and aggregated API services."""

from __future__ import annotations

from typing import Any

from .columns import AGE, NAME, Column, Doc, Printer, age, first_with_more, name, spec, status


def _flow_schema_row(obj: dict[str, Any], now: float) -> list[Any]:
    schema = spec(obj)
    method = schema.get("distinguisherMethod")
    dangling = next((c for c in status(obj).get("conditions") or [] if c.get("type") == "Dangling"), None)
    return [name(obj), (schema.get("priorityLevelConfiguration") or {}).get("name", ""),
            schema.get("matchingPrecedence", 0), "<none>" if method is None else method.get("type", ""),
            age(obj, now), "?" if dangling is None else dangling.get("status", "")]


def _by_precedence(objs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`FlowSchemaSequence`: lower matching precedence first, then by name."""
    return sorted(objs, key=lambda obj: (spec(obj).get("matchingPrecedence", 0), name(obj)))


def _priority_level_row(obj: dict[str, Any], now: float) -> list[Any]:
    level = spec(obj)
    shares: Any = "<none>"
    queues: Any = "<none>"
    hand_size: Any = "<none>"
    queue_length: Any = "<none>"
    limited = level.get("limited")
    if limited is not None:
        shares = limited.get("nominalConcurrencyShares", 0)
        queuing = (limited.get("limitResponse") or {}).get("queuing")
        if queuing is not None:
            queues, hand_size = queuing.get("queues", 0), queuing.get("handSize", 0)
            queue_length = queuing.get("queueLengthLimit", 0)
    return [name(obj), level.get("type", ""), shares, queues, hand_size, queue_length, age(obj, now)]


def _storage_version_row(obj: dict[str, Any], now: float) -> list[Any]:
    state = status(obj)
    common = state.get("commonEncodingVersion")
    versions = [f"{version.get('apiServerID', '')}={version.get('encodingVersion', '')}"
                for version in state.get("storageVersions") or []]
    return [name(obj), "<unset>" if common is None else common, first_with_more(versions, 3), age(obj, now)]


def _migration_row(obj: dict[str, Any], now: float) -> list[Any]:
    resource = spec(obj).get("resource") or {}
    return [name(obj), f"{resource.get('resource', '')}.{resource.get('version', '')}.{resource.get('group', '')}"]


def _api_service_row(obj: dict[str, Any], now: float) -> list[Any]:
    service = spec(obj).get("service")
    shown = "Local" if service is None else f"{service.get('namespace', '')}/{service.get('name', '')}"
    available = next((c for c in status(obj).get("conditions") or [] if c.get("type") == "Available"), None)
    state = "Unknown"
    if available is not None:
        state = available.get("status", "")
        if state != "True" and available.get("reason"):
            state = f"{state} ({available['reason']})"
    return [name(obj), shown, state, age(obj, now)]


def _doc(definition: str, field: str) -> Doc:
    return Doc(f"flowcontrol.v1.{definition}", field)


PRINTERS = {
    ("flowcontrol.apiserver.k8s.io", "FlowSchema"): Printer((
        NAME,
        Column("PriorityLevel", "string", _doc("PriorityLevelConfigurationReference", "name")),
        Column("MatchingPrecedence", "string", _doc("FlowSchemaSpec", "matchingPrecedence")),
        Column("DistinguisherMethod", "string", _doc("FlowSchemaSpec", "distinguisherMethod")),
        AGE,
        Column("MissingPL", "string", "references a broken or non-existent PriorityLevelConfiguration"),
    ), _flow_schema_row, order=_by_precedence),
    ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"): Printer((
        NAME,
        Column("Type", "string", _doc("PriorityLevelConfigurationSpec", "type")),
        Column("NominalConcurrencyShares", "string", _doc("LimitedPriorityLevelConfiguration",
                                                          "nominalConcurrencyShares")),
        Column("Queues", "string", _doc("QueuingConfiguration", "queues")),
        Column("HandSize", "string", _doc("QueuingConfiguration", "handSize")),
        Column("QueueLengthLimit", "string", _doc("QueuingConfiguration", "queueLengthLimit")),
        AGE,
    ), _priority_level_row),
    ("internal.apiserver.k8s.io", "StorageVersion"): Printer((
        NAME,
        Column("CommonEncodingVersion", "string",
               Doc("apiserverinternal.v1alpha1.StorageVersionStatus", "commonEncodingVersion")),
        Column("StorageVersions", "string", Doc("apiserverinternal.v1alpha1.StorageVersionStatus", "storageVersions")),
        AGE,
    ), _storage_version_row),
    ("storagemigration.k8s.io", "StorageVersionMigration"): Printer((
        Column("Name", "string", NAME.description),  # Kubernetes leaves out `format: name` here
        Column("Resource", "string", "Fully qualified resource to migrate"),
    ), _migration_row),
    ("apiregistration.k8s.io", "APIService"): Printer((
        NAME,
        Column("Service", "string", "The reference to the service that hosts this API endpoint."),
        Column("Available", "string", "Whether this service is available."),
        AGE,
    ), _api_service_row),
}
