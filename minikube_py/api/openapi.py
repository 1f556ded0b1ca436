"""The apiserver's OpenAPI documents: `/openapi/v3` (index), `/openapi/v3/apis/<group>/<version>` (OpenAPI 3.0)
and `/openapi/v2` (Swagger 2.0), built from a `Registry` and the 1.32 definitions in `schemas`.

kubectl reads them: `apply`/`create`/`replace` look in a group version's document for the PATCH operation
carrying the object's `x-kubernetes-group-version-kind` and a `fieldValidation` parameter; `explain` finds
the definition whose `x-kubernetes-group-version-kind` names the kind and walks its properties (a field's
own description and its type's one are both printed, which is why a described `$ref` is written as the
apiserver writes it in v3: `{"allOf": [{"$ref": ...}], "description": ...}`).

The definitions in `schemas` are JSON-Schema flavoured (`"type": ["string", "null"]`, `additionalProperties:
false`, `enum` on apiVersion/kind); they are turned back into the OpenAPI forms the apiserver serves.
CustomResourceDefinitions have no definition there: their `openAPIV3Schema` comes in `crd_schemas`, keyed by
(group, version, kind); a CRD without one is an object preserving unknown fields.

Documents are built on demand; `v3_document_bytes`/`v2_document_bytes` keep the serialised bytes per registry
state (what the server should send), and the index's `hash=` is the sha512 of those bytes."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .discovery import group_versions, ordered_resources
from .registry import Registry, Resource, Subresource
from .schemas import KUBERNETES_SCHEMA_VERSION, REF_PREFIX, definition_name, definitions

CrdSchemas = Mapping[tuple[str, str, str], dict[str, Any]]

_META = "io.k8s.apimachinery.pkg.apis.meta.v1."
_DELETE_OPTIONS = _META + "DeleteOptions"
_STATUS = _META + "Status"
_WATCH_EVENT = _META + "WatchEvent"
_PATCH = _META + "Patch"
_OBJECT_META = _META + "ObjectMeta"
_LIST_META = _META + "ListMeta"
_RESOURCE_LIST = _META + "APIResourceList"
_INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
_QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"

_API_VERSION_DESCRIPTION = (
    "APIVersion defines the versioned schema of this representation of an object. Servers should convert "
    "recognized schemas to the latest internal value, and may reject unrecognized values. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources")
_KIND_DESCRIPTION = (
    "Kind is a string value representing the REST resource this object represents. Servers may infer this from "
    "the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: "
    "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds")

# The two definitions kubernetes-validate keeps without their description (text of apimachinery's types).
_DESCRIPTIONS = {
    _INT_OR_STRING: (
        "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and "
        "unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON "
        "field that can accept a name or number."),
    _QUANTITY: (
        "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in "
        "JSON and YAML, in addition to String() and AsInt64() accessors.\n\nThe serialization format is:\n\n``` "
        "<quantity>        ::= <signedNumber><suffix>\n\n\t(Note that <suffix> may be empty, from the \"\" case in "
        "<decimalSI>.)\n\n<digit>           ::= 0 | 1 | ... | 9 <digits>          ::= <digit> | <digit><digits> "
        "<number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits> <sign>            ::= \"+\" | "
        "\"-\" <signedNumber>    ::= <number> | <sign><number> <suffix>          ::= <binarySI> | <decimalExponent> "
        "| <decimalSI> <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei\n\n\t(International System of units; See: "
        "http://physics.nist.gov/cuu/Units/binary.html)\n\n<decimalSI>       ::= m | \"\" | k | M | G | T | P | "
        "E\n\n\t(Note that 1024 = 1Ki but 1000 = 1k; I didn't choose the capitalization.)\n\n<decimalExponent> ::= "
        "\"e\" <signedNumber> | \"E\" <signedNumber> ```\n\nNo matter which of the three exponent forms is used, no "
        "quantity may represent a number greater than 2^63-1 in magnitude, nor may it have more than 3 decimal "
        "places. Numbers larger or more precise will be capped or rounded up. (E.g.: 0.1m will rounded up to 1m.) "
        "This may be extended in the future if we require larger or smaller quantities.\n\nWhen a Quantity is "
        "parsed from a string, it will remember the type of suffix it had, and use the same type again when it is "
        "serialized.\n\nBefore serializing, Quantity will be put in \"canonical form\". This means that "
        "Exponent/suffix will be adjusted up or down (with a corresponding increase or decrease in Mantissa) such "
        "that:\n\n- No precision is lost - No fractional digits will be emitted - The exponent (or suffix) is as "
        "large as possible.\n\nThe sign will be omitted unless the number is negative.\n\nExamples:\n\n- 1.5 will "
        "be serialized as \"1500m\" - 1.5Gi will be serialized as \"1536Mi\"\n\nNote that the quantity will NEVER "
        "be internally represented by a floating point number. That is the whole point of this exercise.\n\n"
        "Non-canonical values will still parse as long as they are well formed, but will be re-emitted in their "
        "canonical form. (So always use canonical form, or don't diff.)\n\nThis format is intended to make it "
        "difficult to use these numbers without writing some sort of special handling code in the hopes that that "
        "will cause implementors to also use a fixed point implementation."),
}


# ---------------------------------------------------------------------------------------------------------
# Definitions: from the JSON-Schema flavour of `schemas` to OpenAPI v3 / Swagger 2.0


@dataclass(frozen=True)
class _Flavour:
    """What differs between the two documents' schemas."""

    ref_prefix: str        # "#/components/schemas/" or "#/definitions/"
    wrap_refs: bool        # v3: a `$ref` with siblings becomes allOf: [{$ref}]


_V3 = _Flavour("#/components/schemas/", True)
_V2 = _Flavour("#/definitions/", False)


def _convert(schema: Any, flavour: _Flavour, gvk_object: bool = False) -> Any:
    """One schema (recursively) in the flavour's form. `gvk_object`: the schema of a kind, whose
    apiVersion/kind properties lose the `enum` JSON-Schema validators add."""
    if isinstance(schema, list):
        return [_convert(item, flavour) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "type" and isinstance(value, list):
            out[key] = next(t for t in value if t != "null")
        elif key == "additionalProperties" and value is False:
            continue
        elif key == "$ref":
            out[key] = flavour.ref_prefix + value.removeprefix(REF_PREFIX)
        elif key == "properties":
            out[key] = {name: _convert_property(name, prop, flavour, gvk_object) for name, prop in value.items()}
        elif key in ("items", "additionalProperties", "oneOf", "anyOf", "allOf", "not"):
            out[key] = _convert(value, flavour)
        else:
            out[key] = value
    if flavour.wrap_refs and "$ref" in out and len(out) > 1:
        out["allOf"] = [{"$ref": out.pop("$ref")}]
    return out


def _convert_property(name: str, schema: dict[str, Any], flavour: _Flavour, gvk_object: bool) -> Any:
    converted = _convert(schema, flavour)
    if gvk_object and name in ("apiVersion", "kind"):
        converted.pop("enum", None)
    return converted


def _scalar_union(name: str, flavour: _Flavour) -> dict[str, Any]:
    """IntOrString and Quantity as the apiserver describes them: v3 `oneOf`, v2 a formatted string."""
    schema: dict[str, Any] = {"description": _DESCRIPTIONS[name]}
    if name == _INT_OR_STRING:
        schema["format"] = "int-or-string"
    if flavour is _V3:
        schema["oneOf"] = ([{"type": "integer"}, {"type": "string"}] if name == _INT_OR_STRING
                           else [{"type": "string"}, {"type": "number"}])
    else:
        schema["type"] = "string"
    return schema


@functools.cache
def _converted(flavour: _Flavour) -> dict[str, dict[str, Any]]:
    result = {}
    for name, schema in definitions().items():
        if name in _DESCRIPTIONS:
            result[name] = _scalar_union(name, flavour)
        else:
            result[name] = _convert(schema, flavour, "x-kubernetes-group-version-kind" in schema)
    return result


def _refs(schema: Any, prefix: str) -> Iterable[str]:
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(prefix):
            yield ref.removeprefix(prefix)
        for value in schema.values():
            yield from _refs(value, prefix)
    elif isinstance(schema, list):
        for item in schema:
            yield from _refs(item, prefix)


def _closure(roots: Iterable[dict[str, Any]], flavour: _Flavour) -> dict[str, dict[str, Any]]:
    """The built-in definitions the given schemas reference, directly or not, by name (sorted)."""
    table = _converted(flavour)
    pending = [name for root in roots for name in _refs(root, flavour.ref_prefix)]
    found: dict[str, dict[str, Any]] = {}
    while pending:
        name = pending.pop()
        if name in found or name not in table:
            continue
        found[name] = table[name]
        pending.extend(_refs(table[name], flavour.ref_prefix))
    return dict(sorted(found.items()))


# ---------------------------------------------------------------------------------------------------------
# Custom resources


def _crd_definition_name(group: str, version: str, kind: str) -> str:
    """`widgets.example.com` v1 Widget -> `com.example.v1.Widget`, as the apiserver names CRD definitions."""
    return ".".join([*reversed(group.split(".")), version, kind])


def _crd_definitions(resource: Resource, crd_schemas: CrdSchemas, flavour: _Flavour) -> dict[str, dict[str, Any]]:
    """The object and list definitions of a custom resource."""
    gvk = {"group": resource.group, "version": resource.version, "kind": resource.kind}
    source = crd_schemas.get((resource.group, resource.version, resource.kind))
    schema: dict[str, Any] = (dict(source) if source is not None
                              else {"type": "object", "x-kubernetes-preserve-unknown-fields": True})
    properties = dict(schema.get("properties", {}))
    properties.update(
        apiVersion={"description": _API_VERSION_DESCRIPTION, "type": "string"},
        kind={"description": _KIND_DESCRIPTION, "type": "string"},
        metadata=_ref_with(_OBJECT_META, flavour,
                          description="Standard object's metadata. More info: https://git.k8s.io/community/"
                                      "contributors/devel/sig-architecture/api-conventions.md#metadata"))
    schema.update(type="object", properties=dict(sorted(properties.items())))
    schema["x-kubernetes-group-version-kind"] = [gvk]
    name = _crd_definition_name(resource.group, resource.version, resource.kind)
    list_schema = {
        "description": f"{resource.list_kind} is a list of {resource.kind}",
        "properties": {
            "apiVersion": {"description": _API_VERSION_DESCRIPTION, "type": "string"},
            "items": {"description": f"List of {resource.plural}. More info: https://git.k8s.io/community/"
                                     "contributors/devel/sig-architecture/api-conventions.md",
                      "items": {"$ref": flavour.ref_prefix + name}, "type": "array"},
            "kind": {"description": _KIND_DESCRIPTION, "type": "string"},
            "metadata": _ref_with(_LIST_META, flavour, description="Standard list metadata. More info: https://"
                                  "git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"
                                  "#types-kinds"),
        },
        "required": ["items"],
        "type": "object",
        "x-kubernetes-group-version-kind": [{**gvk, "kind": resource.list_kind}],
    }
    return {name: schema, _crd_definition_name(resource.group, resource.version, resource.list_kind): list_schema}


def _ref_with(name: str, flavour: _Flavour, **siblings: Any) -> dict[str, Any]:
    ref = {"$ref": flavour.ref_prefix + name}
    if not siblings:
        return ref
    return {"allOf": [ref], **siblings} if flavour.wrap_refs else {**ref, **siblings}


# ---------------------------------------------------------------------------------------------------------
# Operations


@dataclass(frozen=True)
class _Param:
    name: str
    location: str          # "query" or "path"
    type: str
    description: str
    required: bool = False


_DRY_RUN = _Param("dryRun", "query", "string",
                  "When present, indicates that modifications should not be persisted. An invalid or unrecognized "
                  "dryRun directive will result in an error response and no further processing of the request. "
                  "Valid values are: - All: all dry run stages will be processed")
_FIELD_MANAGER = _Param("fieldManager", "query", "string",
                        "fieldManager is a name associated with the actor or entity that is making these changes. "
                        "The value must be less than or 128 characters long, and only contain printable "
                        "characters, as defined by https://golang.org/pkg/unicode/#IsPrint.")
_PATCH_FIELD_MANAGER = _Param("fieldManager", "query", "string",
                              _FIELD_MANAGER.description + " This field is required for apply requests "
                              "(application/apply-patch) but optional for non-apply patch types (JsonPatch, "
                              "MergePatch, StrategicMergePatch).")
_FIELD_VALIDATION = _Param(
    "fieldValidation", "query", "string",
    "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing "
    "unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are "
    "silently dropped from the object, and will ignore all but the last duplicate field that the decoder "
    "encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard "
    "warning response header for each unknown field that is dropped from the object, and for each duplicate "
    "field that is encountered. The request will still succeed if there are no other errors, and will only "
    "persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the "
    "request with a BadRequest error if any unknown fields would be dropped from the object, or if any "
    "duplicate fields are present. The error returned from the server will contain all unknown and duplicate "
    "fields encountered.")
_FORCE = _Param("force", "query", "boolean",
                "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned "
                "by other people. Force flag must be unset for non-apply patch requests.")
_GRACE_PERIOD = _Param("gracePeriodSeconds", "query", "integer",
                       "The duration in seconds before the object should be deleted. Value must be non-negative "
                       "integer. The value zero indicates delete immediately. If this value is nil, the default "
                       "grace period for the specified type will be used. Defaults to a per object value if not "
                       "specified. zero means delete immediately.")
_IGNORE_STORE_READ_ERROR = _Param(
    "ignoreStoreReadErrorWithClusterBreakingPotential", "query", "boolean",
    "if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails "
    "with a corrupt object error. A resource is considered corrupt if it can not be retrieved from the "
    "underlying storage successfully because of a) its data can not be transformed e.g. decryption failure, or "
    "b) it fails to decode into an object. NOTE: unsafe deletion ignores finalizer constraints, skips "
    "precondition checks, and removes the object from the storage. WARNING: This may potentially break the "
    "cluster if the workload associated with the resource being unsafe-deleted relies on normal deletion flow. "
    "Use only if you REALLY know what you are doing. The default value is false, and the user must opt in to "
    "enable it")
_ORPHAN = _Param("orphanDependents", "query", "boolean",
                 "Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the "
                 "dependent objects be orphaned. If true/false, the \"orphan\" finalizer will be added to/removed "
                 "from the object's finalizers list. Either this field or PropagationPolicy may be set, but not "
                 "both.")
_PROPAGATION = _Param("propagationPolicy", "query", "string",
                      "Whether and how garbage collection will be performed. Either this field or OrphanDependents "
                      "may be set, but not both. The default policy is decided by the existing finalizer set in the "
                      "metadata.finalizers and the resource-specific default policy. Acceptable values are: "
                      "'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the "
                      "dependents in the background; 'Foreground' - a cascading policy that deletes all dependents "
                      "in the foreground.")
_PRETTY = _Param("pretty", "query", "string",
                 "If 'true', then the output is pretty printed. Defaults to 'false' unless the user agent indicates "
                 "a browser or command-line HTTP tool (curl and wget).")
_ALLOW_BOOKMARKS = _Param("allowWatchBookmarks", "query", "boolean",
                          "allowWatchBookmarks requests watch events with type \"BOOKMARK\". Servers that do not "
                          "implement bookmarks may ignore this flag and bookmarks are sent at the server's "
                          "discretion. Clients should not assume bookmarks are returned at any specific interval, "
                          "nor may they assume the server will send any BOOKMARK event during a session. If this is "
                          "not a watch, this field is ignored.")
_CONTINUE = _Param("continue", "query", "string",
                   "The continue option should be set when retrieving more results from the server. Since this value "
                   "is server defined, clients may only use the continue value from a previous query result with "
                   "identical query parameters (except for the value of continue) and the server may reject a "
                   "continue value it does not recognize.")
_FIELD_SELECTOR = _Param("fieldSelector", "query", "string",
                         "A selector to restrict the list of returned objects by their fields. Defaults to "
                         "everything.")
_LABEL_SELECTOR = _Param("labelSelector", "query", "string",
                         "A selector to restrict the list of returned objects by their labels. Defaults to "
                         "everything.")
_LIMIT = _Param("limit", "query", "integer",
                "limit is a maximum number of responses to return for a list call. If more items exist, the server "
                "will set the `continue` field on the list metadata to a value that can be used with the same "
                "initial query to retrieve the next set of results.")
_RESOURCE_VERSION = _Param("resourceVersion", "query", "string",
                           "resourceVersion sets a constraint on what resource versions a request may be served "
                           "from. See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions "
                           "for details.\n\nDefaults to unset")
_RESOURCE_VERSION_MATCH = _Param("resourceVersionMatch", "query", "string",
                                 "resourceVersionMatch determines how resourceVersion is applied to list calls. It "
                                 "is highly recommended that resourceVersionMatch be set for list calls where "
                                 "resourceVersion is set See https://kubernetes.io/docs/reference/using-api/"
                                 "api-concepts/#resource-versions for details.\n\nDefaults to unset")
_SEND_INITIAL_EVENTS = _Param("sendInitialEvents", "query", "boolean",
                              "`sendInitialEvents=true` may be set together with `watch=true`. In that case, the "
                              "watch stream will begin with synthetic events to produce the current state of "
                              "objects in the collection. Once all such events have been sent, a synthetic "
                              "\"Bookmark\" event  will be sent.")
_TIMEOUT = _Param("timeoutSeconds", "query", "integer",
                  "Timeout for the list/watch call. This limits the duration of the call, regardless of any "
                  "activity or inactivity.")
_WATCH = _Param("watch", "query", "boolean",
                "Watch for changes to the described resources and return them as a stream of add, update, and "
                "remove notifications. Specify resourceVersion.")

_LIST_PARAMS = (_ALLOW_BOOKMARKS, _CONTINUE, _FIELD_SELECTOR, _LABEL_SELECTOR, _LIMIT, _RESOURCE_VERSION,
                _RESOURCE_VERSION_MATCH, _SEND_INITIAL_EVENTS, _TIMEOUT, _WATCH)
_WRITE_PARAMS = (_DRY_RUN, _FIELD_MANAGER, _FIELD_VALIDATION)
_PATCH_PARAMS = (_DRY_RUN, _PATCH_FIELD_MANAGER, _FIELD_VALIDATION, _FORCE)
_DELETE_PARAMS = (_DRY_RUN, _GRACE_PERIOD, _IGNORE_STORE_READ_ERROR, _ORPHAN, _PROPAGATION)
_DELETE_COLLECTION_PARAMS = (_CONTINUE, _DRY_RUN, _FIELD_SELECTOR, _GRACE_PERIOD, _IGNORE_STORE_READ_ERROR,
                             _LABEL_SELECTOR, _LIMIT, _ORPHAN, _PROPAGATION, _RESOURCE_VERSION,
                             _RESOURCE_VERSION_MATCH, _SEND_INITIAL_EVENTS, _TIMEOUT)

_MEDIA = ("application/json", "application/yaml", "application/vnd.kubernetes.protobuf")
_STREAM_MEDIA = ("application/json;stream=watch", "application/vnd.kubernetes.protobuf;stream=watch")
_PATCH_MEDIA = ("application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
                "application/strategic-merge-patch+json")
_LIST_MEDIA = _MEDIA + _STREAM_MEDIA
_STATUS_TEXT = {"200": "OK", "201": "Created", "202": "Accepted"}


@dataclass(frozen=True)
class _Operation:
    method: str             # get, post, put, patch, delete
    operation_id: str
    description: str
    action: str             # x-kubernetes-action
    gvk: dict[str, str] | None
    response: str | None    # definition name of the answer (None: a plain string)
    codes: tuple[str, ...] = ("200",)
    body: str | None = None
    body_media: tuple[str, ...] = ("application/json",)
    params: tuple[_Param, ...] = ()
    media: tuple[str, ...] = _MEDIA


@dataclass
class _PathItem:
    operations: list[_Operation]
    params: tuple[_Param, ...]


def _group_words(group: str) -> list[str]:
    return group.removesuffix(".k8s.io").split(".") if group else ["core"]


def _id_prefix(resource: Resource) -> str:
    """`CoreV1`, `AppsV1`, `RbacAuthorizationV1`, `ExampleComV1`: the middle of the apiserver's operation ids."""
    return "".join(word.capitalize() for word in _group_words(resource.group)) + resource.version.capitalize()


def _tag(resource: Resource) -> str:
    first, *rest = _group_words(resource.group)
    return first + "".join(word.capitalize() for word in rest) + "_" + resource.version


def _gvk(group: str, version: str, kind: str) -> dict[str, str]:
    return {"group": group, "kind": kind, "version": version}


def _name_param(kind: str) -> _Param:
    return _Param("name", "path", "string", f"name of the {kind}", True)


_NAMESPACE = _Param("namespace", "path", "string", "object name and auth scope, such as for teams and projects", True)


def _resource_paths(resource: Resource, object_schema: str, list_schema: str | None,
                    subresource_schemas: Mapping[str, str | None], custom: bool) -> dict[str, _PathItem]:
    """Every path of one resource with its operations, as the apiserver lays them out."""
    prefix, kind, verbs = resource.url_prefix, resource.kind, set(resource.verbs)
    ident = _id_prefix(resource)
    scoped = f"{ident}Namespaced" if resource.namespaced else ident
    ns_path = "/namespaces/{namespace}" if resource.namespaced else ""
    ns_params = (_NAMESPACE,) if resource.namespaced else ()
    gvk = _gvk(resource.group, resource.version, kind)
    collection = f"{prefix}{ns_path}/{resource.plural}"
    item = f"{collection}/{{name}}"
    patch_media = _PATCH_MEDIA[:3] if custom else _PATCH_MEDIA
    watch_list = f"watch individual changes to a list of {kind}. deprecated: use the 'watch' parameter with a " \
                 "list operation instead."
    paths: dict[str, _PathItem] = {}

    collection_ops = []
    if "list" in verbs and list_schema:
        collection_ops.append(_Operation("get", f"list{scoped}{kind}", f"list or watch objects of kind {kind}",
                                         "list", gvk, list_schema, params=_LIST_PARAMS, media=_LIST_MEDIA))
    if "create" in verbs:
        collection_ops.append(_Operation("post", f"create{scoped}{kind}", f"create a{_article(kind)} {kind}",
                                         "post", gvk, object_schema, ("200", "201", "202"), object_schema,
                                         params=_WRITE_PARAMS))
    if "deletecollection" in verbs:
        collection_ops.append(_Operation("delete", f"delete{ident}Collection{scoped.removeprefix(ident)}{kind}",
                                         f"delete collection of {kind}", "deletecollection", gvk, _STATUS,
                                         body=_DELETE_OPTIONS, params=_DELETE_COLLECTION_PARAMS))
    if collection_ops:
        paths[collection] = _PathItem(collection_ops, (*ns_params, _PRETTY))

    item_ops = []
    if "get" in verbs:
        item_ops.append(_Operation("get", f"read{scoped}{kind}", f"read the specified {kind}", "get", gvk,
                                   object_schema))
    if "update" in verbs:
        item_ops.append(_Operation("put", f"replace{scoped}{kind}", f"replace the specified {kind}", "put", gvk,
                                   object_schema, ("200", "201"), object_schema, params=_WRITE_PARAMS))
    if "patch" in verbs:
        item_ops.append(_Operation("patch", f"patch{scoped}{kind}", f"partially update the specified {kind}",
                                   "patch", gvk, object_schema, ("200", "201"), _PATCH, patch_media, _PATCH_PARAMS))
    if "delete" in verbs:
        item_ops.append(_Operation("delete", f"delete{scoped}{kind}", f"delete a{_article(kind)} {kind}", "delete",
                                   gvk, _STATUS, ("200", "202"), _DELETE_OPTIONS, params=_DELETE_PARAMS))
    if item_ops:
        paths[item] = _PathItem(item_ops, (_name_param(kind), *ns_params, _PRETTY))

    if "watch" in verbs and list_schema:
        if resource.namespaced:
            paths[f"{prefix}/{resource.plural}"] = _PathItem([_Operation(
                "get", f"list{ident}{kind}ForAllNamespaces", f"list or watch objects of kind {kind}", "list", gvk,
                list_schema, media=_LIST_MEDIA)], (*_LIST_PARAMS, _PRETTY))
            paths[f"{prefix}/watch/{resource.plural}"] = _PathItem([_Operation(
                "get", f"watch{ident}{kind}ListForAllNamespaces", watch_list, "watchlist", gvk, _WATCH_EVENT,
                media=_LIST_MEDIA)], (*_LIST_PARAMS, _PRETTY))
        paths[f"{prefix}/watch{ns_path}/{resource.plural}"] = _PathItem([_Operation(
            "get", f"watch{scoped}{kind}List", watch_list, "watchlist", gvk, _WATCH_EVENT, media=_LIST_MEDIA)],
            (*_LIST_PARAMS, *ns_params, _PRETTY))
        paths[f"{prefix}/watch{ns_path}/{resource.plural}/{{name}}"] = _PathItem([_Operation(
            "get", f"watch{scoped}{kind}", f"watch changes to an object of kind {kind}. deprecated: use the "
            "'watch' parameter with a list operation, filtered to a single item with the 'fieldSelector' "
            "parameter.", "watch", gvk, _WATCH_EVENT, media=_LIST_MEDIA)],
            (*_LIST_PARAMS, _name_param(kind), *ns_params, _PRETTY))

    for sub in resource.subresources:
        connect = _is_connect(sub)
        paths[f"{item}/{sub.name}"] = _PathItem(
            _subresource_operations(resource, sub, subresource_schemas.get(sub.name), scoped, patch_media),
            (_name_param(sub.kind), *ns_params, *(() if connect else (_PRETTY,))))
    return paths


def _article(kind: str) -> str:
    return "n" if kind[:1] in "AEIOU" else ""


def _is_connect(sub: Subresource) -> bool:
    return sub.kind.endswith("Options")


_CONNECT_METHODS = {"create": "post", "get": "get", "delete": "delete", "patch": "patch", "update": "put"}
_METHOD_VERBS = {"post": "Post", "get": "Get", "delete": "Delete", "patch": "Patch", "put": "Put"}


def _subresource_operations(resource: Resource, sub: Subresource, schema: str | None, ident: str,
                            patch_media: tuple[str, ...]) -> list[_Operation]:
    """A subresource's operations: `status`/`scale`-like get/replace/patch, `eviction`/`binding`/`token` create,
    `log` read, `exec`/`attach`/`portforward`/`proxy` connect."""
    gvk = _gvk(resource.group if sub.group is None else sub.group, sub.version or resource.version, sub.kind)
    name = f"{resource.kind}{sub.name.capitalize()}"
    if _is_connect(sub):
        return [_Operation(method, f"connect{_METHOD_VERBS[method]}{ident}{name}",
                           f"connect {method.upper()} requests to {sub.name} of {resource.kind}", "connect", gvk,
                           None, media=("*/*",))
                for method in (_CONNECT_METHODS[verb] for verb in sub.verbs)]
    if sub.name == "log":
        return [_Operation("get", f"read{ident}{name}", f"read log of the specified {resource.kind}", "get", gvk,
                           None, media=("text/plain", "application/json", "application/yaml",
                                        "application/vnd.kubernetes.protobuf"))]
    operations = []
    for verb in sub.verbs:
        if verb == "get":
            operations.append(_Operation("get", f"read{ident}{name}", f"read {sub.name} of the specified "
                                         f"{resource.kind}", "get", gvk, schema))
        elif verb == "update":
            operations.append(_Operation("put", f"replace{ident}{name}", f"replace {sub.name} of the specified "
                                         f"{resource.kind}", "put", gvk, schema, ("200", "201"), schema,
                                         params=_WRITE_PARAMS))
        elif verb == "patch":
            operations.append(_Operation("patch", f"patch{ident}{name}", f"partially update {sub.name} of the "
                                         f"specified {resource.kind}", "patch", gvk, schema, ("200", "201"), _PATCH,
                                         patch_media, _PATCH_PARAMS))
        elif verb == "create":
            operations.append(_Operation("post", f"create{ident}{name}", f"create {sub.name} of "
                                         f"a{_article(resource.kind)} {resource.kind}", "post", gvk, schema,
                                         ("200", "201", "202"), schema, params=_WRITE_PARAMS))
    return operations


# ---------------------------------------------------------------------------------------------------------
# Rendering


def _render_param(param: _Param, flavour: _Flavour) -> dict[str, Any]:
    rendered: dict[str, Any] = {"description": param.description, "in": param.location, "name": param.name}
    if param.required:
        rendered["required"] = True
    if flavour is _V3:
        rendered["schema"] = {"type": param.type, "uniqueItems": True}
    else:
        rendered.update(type=param.type, uniqueItems=True)
    return rendered


def _schema_of(definition: str | None, flavour: _Flavour) -> dict[str, Any]:
    return {"$ref": flavour.ref_prefix + definition} if definition else {"type": "string"}


def _render_operation(operation: _Operation, flavour: _Flavour, tag: str) -> dict[str, Any]:
    schema = _schema_of(operation.response, flavour)
    rendered: dict[str, Any] = {"description": operation.description, "operationId": operation.operation_id}
    params = [_render_param(param, flavour) for param in operation.params]
    if flavour is _V3:
        if params:
            rendered["parameters"] = params
        if operation.body:
            body = _schema_of(operation.body, flavour)
            rendered["requestBody"] = {"content": {media: {"schema": body} for media in operation.body_media},
                                       "required": True}
        rendered["responses"] = {
            **{code: {"content": {media: {"schema": schema} for media in operation.media},
                      "description": _STATUS_TEXT[code]} for code in operation.codes},
            "401": {"description": "Unauthorized"}}
    else:
        if operation.body:
            params.append({"in": "body", "name": "body", "required": True,
                           "schema": _schema_of(operation.body, flavour)})
        rendered.update(consumes=list(operation.body_media) if operation.body else ["*/*"],
                        produces=list(operation.media), schemes=["https"])
        if params:
            rendered["parameters"] = params
        rendered["responses"] = {**{code: {"description": _STATUS_TEXT[code], "schema": schema}
                                    for code in operation.codes}, "401": {"description": "Unauthorized"}}
    rendered["tags"] = [tag]
    if operation.action:
        rendered["x-kubernetes-action"] = operation.action
    if operation.gvk is not None:
        rendered["x-kubernetes-group-version-kind"] = operation.gvk
    return rendered


def _render_paths(paths: Mapping[str, _PathItem], flavour: _Flavour, tag: str) -> dict[str, Any]:
    rendered = {}
    for path, item in paths.items():
        entry: dict[str, Any] = {operation.method: _render_operation(operation, flavour, tag)
                                 for operation in item.operations}
        if item.params:
            entry["parameters"] = [_render_param(param, flavour) for param in item.params]
        rendered[path] = entry
    return rendered


def _subresource_schema(resource: Resource, sub: Subresource, object_schema: str) -> str | None:
    group = resource.group if sub.group is None else sub.group
    version = sub.version or resource.version
    if (group, version, sub.kind) == (resource.group, resource.version, resource.kind):
        return object_schema
    return definition_name(group, version, sub.kind)


def _group_version_contents(group: str, version: str, resources: Iterable[Resource], crd_schemas: CrdSchemas,
                            flavour: _Flavour) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The rendered paths of one group version and the definitions they use."""
    resources = sorted(resources, key=lambda r: r.plural)
    first = resources[0]
    tag = _tag(first)
    root = f"{first.url_prefix}/"
    paths = _render_paths({root: _PathItem([_Operation(
        "get", f"get{_id_prefix(first)}APIResources", "get available resources", "", None, _RESOURCE_LIST,
        media=("application/json", "application/yaml", "application/vnd.kubernetes.protobuf"))], ())},
        flavour, tag)
    custom_definitions: dict[str, dict[str, Any]] = {}
    for resource in resources:
        if resource.schema_name is None:
            crd = _crd_definitions(resource, crd_schemas, flavour)
            custom_definitions.update(crd)
            object_schema, list_schema = list(crd)
        else:
            object_schema = resource.schema_name
            list_schema = definition_name(group, version, resource.list_kind)
        subresource_schemas = {sub.name: _subresource_schema(resource, sub, object_schema)
                               for sub in resource.subresources}
        resource_paths = _resource_paths(resource, object_schema, list_schema, subresource_schemas,
                                         resource.schema_name is None)
        paths.update(_render_paths(resource_paths, flavour, tag))
    used = _closure([paths, *custom_definitions.values()], flavour)
    return paths, {**used, **custom_definitions}


_SECURITY_SCHEME = {"BearerToken": {"description": "Bearer Token authentication", "in": "header",
                                    "name": "authorization", "type": "apiKey"}}
_INFO = {"title": "Kubernetes", "version": KUBERNETES_SCHEMA_VERSION}


def _dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()


def _crd_key(crd_schemas: CrdSchemas | None, group_versions: set[tuple[str, str]]) -> str:
    """The CRD schemas of those group versions as a canonical text (a cache key that is also the content)."""
    if not crd_schemas:
        return ""
    return json.dumps(sorted(([*key], schema) for key, schema in crd_schemas.items()
                             if (key[0], key[1]) in group_versions), sort_keys=True)


def _resources_of(registry: Registry, group: str, version: str) -> tuple[Resource, ...]:
    return tuple(sorted(registry.in_group_version(group, version), key=lambda r: r.plural))


@functools.lru_cache(maxsize=128)
def _v3_bytes(group: str, version: str, resources: tuple[Resource, ...], crd_json: str) -> bytes:
    crd_schemas = {tuple(key): schema for key, schema in json.loads(crd_json)} if crd_json else {}
    paths, schemas = _group_version_contents(group, version, resources, crd_schemas, _V3)
    return _dumps({"openapi": "3.0.0", "info": _INFO, "paths": paths,
                   "components": {"schemas": schemas, "securitySchemes": _SECURITY_SCHEME},
                   "security": [{"BearerToken": []}]})


def v3_document_bytes(registry: Registry, group: str, version: str,
                      crd_schemas: CrdSchemas | None = None) -> bytes | None:
    """`/openapi/v3/api/v1`, `/openapi/v3/apis/<group>/<version>` serialised (compact JSON), None when that group
    version is not served. Kept per registry state: the same bytes until the group version's resources or their
    CRD schemas change."""
    resources = _resources_of(registry, group, version)
    if not resources:
        return None
    return _v3_bytes(group, version, resources, _crd_key(crd_schemas, {(group, version)}))


def v3_document(registry: Registry, group: str, version: str,
                crd_schemas: CrdSchemas | None = None) -> dict[str, Any] | None:
    """The OpenAPI 3.0 document of one group version (a fresh copy), None when it is not served."""
    data = v3_document_bytes(registry, group, version, crd_schemas)
    return None if data is None else json.loads(data)


def v3_path(group: str, version: str) -> str:
    """`api/v1`, `apis/apps/v1`: a group version's key in the index (its URL is `/openapi/v3/<key>`)."""
    return f"apis/{group}/{version}" if group else f"api/{version}"


@functools.lru_cache(maxsize=128)
def _digest(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest().upper()


def v3_index(registry: Registry, crd_schemas: CrdSchemas | None = None) -> dict[str, Any]:
    """`/openapi/v3`: every group version's document URL, with `hash=` the sha512 of its bytes (clients cache
    documents by URL, so the hash changes whenever the document does)."""
    paths = {}
    for group, versions in group_versions(registry).items():
        for version in versions:
            data = v3_document_bytes(registry, group, version, crd_schemas)
            if data is not None:
                key = v3_path(group, version)
                paths[key] = {"serverRelativeURL": f"/openapi/v3/{key}?hash={_digest(data)}"}
    return {"paths": paths}


@functools.lru_cache(maxsize=8)
def _v2_bytes(resources: tuple[Resource, ...], crd_json: str) -> bytes:
    crd_schemas = {tuple(key): schema for key, schema in json.loads(crd_json)} if crd_json else {}
    by_group_version: dict[tuple[str, str], list[Resource]] = {}
    for resource in resources:
        by_group_version.setdefault((resource.group, resource.version), []).append(resource)
    paths: dict[str, Any] = {}
    schemas: dict[str, dict[str, Any]] = {}
    for (group, version), members in by_group_version.items():
        gv_paths, gv_schemas = _group_version_contents(group, version, members, crd_schemas, _V2)
        paths.update(gv_paths)
        schemas.update(gv_schemas)
    return _dumps({"swagger": "2.0", "info": _INFO, "paths": paths, "definitions": dict(sorted(schemas.items())),
                   "securityDefinitions": _SECURITY_SCHEME, "security": [{"BearerToken": []}]})


def v2_document_bytes(registry: Registry, crd_schemas: CrdSchemas | None = None) -> bytes:
    """`/openapi/v2` (Swagger 2.0, JSON) serialised, kept per registry state."""
    resources = tuple(ordered_resources(registry))
    return _v2_bytes(resources, _crd_key(crd_schemas, {(r.group, r.version) for r in resources}))


def v2_document(registry: Registry, crd_schemas: CrdSchemas | None = None) -> dict[str, Any]:
    """The Swagger 2.0 document of every served group version (a fresh copy)."""
    return json.loads(v2_document_bytes(registry, crd_schemas))
