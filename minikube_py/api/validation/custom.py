"""Custom resources and their definitions.

- `prune`: unknown fields of a custom object dropped as the apiextensions-apiserver prunes them against the
  structural schema (kept under `x-kubernetes-preserve-unknown-fields`, `apiVersion`/`kind`/`metadata` of the
  object and of embedded resources always kept), reported per fieldValidation like built-ins.
- `schema_causes`: the value rules of the openAPIV3Schema (type, required, enum, bounds, pattern, lengths, items),
  checked with jsonschema (Draft 4, which OpenAPI v3 schemas follow: boolean exclusiveMaximum) and worded as
  kube-openapi's validator words them (`spec.replicas in body should be less than or equal to 10`).
- `custom_resource_definition` / `_update`: the CRD object's own rules (name `<plural>.<group>`, names, scope,
  exactly one storage version, schemas required)."""

from __future__ import annotations

import functools
import json
from typing import Any, Sequence

from .. import names
from ..errors import Cause
from . import field
from .structural import strict_outcome

Obj = dict[str, Any]
_ALWAYS_KEPT = ("apiVersion", "kind", "metadata")


def prune(schema: Obj | None, obj: Obj, kind: str, version: str, field_validation: str,
          duplicate_fields: Sequence[str] = ()) -> list[str]:
    """Drop the fields `schema` does not declare; Strict raises the 400, Warn returns the warnings."""
    unknown: list[str] = []
    if schema is not None:
        _prune(schema, obj, "", unknown, root=True)
    return strict_outcome(kind, version, unknown, duplicate_fields, field_validation)


def _prune(schema: Obj, value: Any, path: str, unknown: list[str], root: bool = False) -> None:
    if schema.get("x-kubernetes-preserve-unknown-fields") and "properties" not in schema \
            and not isinstance(schema.get("additionalProperties"), dict):
        return
    if isinstance(value, dict):
        properties = schema.get("properties")
        additional = schema.get("additionalProperties")
        keep_meta = root or schema.get("x-kubernetes-embedded-resource")
        for key in list(value):
            child_path = f"{path}.{key}" if path else key
            if keep_meta and key in _ALWAYS_KEPT and key not in (properties or {}):
                continue
            if properties is not None and key in properties:
                _prune(properties[key], value[key], child_path, unknown)
            elif isinstance(additional, dict):
                _prune(additional, value[key], child_path, unknown)
            elif additional is True or schema.get("x-kubernetes-preserve-unknown-fields"):
                continue
            else:
                unknown.append(child_path)
                del value[key]
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            _prune(schema["items"], item, f"{path}[{index}]", unknown)


def _to_json_schema(schema: Any) -> Any:
    """The CRD schema as JSON Schema: nullable, int-or-string, the root metadata left to metadata validation."""
    if isinstance(schema, list):
        return [_to_json_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _to_json_schema(value) for key, value in schema.items()
                 if not key.startswith("x-kubernetes-") and key not in ("nullable", "format", "default", "example",
                                                                        "description")}
    if isinstance(schema.get("properties"), dict):
        converted["properties"] = {key: _to_json_schema(value) for key, value in schema["properties"].items()}
    if schema.get("x-kubernetes-int-or-string"):
        converted.pop("type", None)
        converted.pop("anyOf", None)
        converted["type"] = ["integer", "string"]
    if schema.get("nullable") and isinstance(converted.get("type"), str):
        converted["type"] = [converted["type"], "null"]
        if "enum" in converted:
            converted["enum"] = [*converted["enum"], None]
    return converted


@functools.lru_cache(maxsize=256)
def _validator(schema_text: str) -> Any:
    import jsonschema

    schema = _to_json_schema(json.loads(schema_text))
    if isinstance(schema.get("properties"), dict):
        schema["properties"].pop("metadata", None)
    return jsonschema.Draft4Validator(schema)


def _path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _go_type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "null" if value is None else "object"


def schema_causes(schema: Obj | None, obj: Obj) -> list[Cause]:
    if not schema:
        return []
    validator = _validator(json.dumps(schema, sort_keys=True))
    causes: list[Cause] = []
    for error in sorted(validator.iter_errors(obj), key=lambda e: list(map(str, e.absolute_path))):
        causes.append(_cause(error))
    return causes


def _cause(error: Any) -> Cause:
    path = _path(error.absolute_path)
    value, rule = error.instance, error.validator_value
    body = f"{path} in body"
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return field.required(f"{path}.{missing}" if path else missing)
    if kind == "enum":
        return field.not_supported(path, value, [v if isinstance(v, str) else json.dumps(v) for v in rule])
    if kind == "type":
        expected = rule if isinstance(rule, str) else [t for t in rule if t != "null"][0]
        actual = _go_type_name(value)
        return Cause(path, "FieldValueTypeInvalid",
                     f"Invalid value: {field.go_quote(actual)}: {body} must be of type {expected}: "
                     f"{field.go_quote(actual)}")
    if kind == "maxLength":
        return field.too_long(path, f"may not be longer than {rule}")
    if kind == "maxItems":
        return field.too_many(path, len(value), rule)
    details = {
        "maximum": f"should be less than {'' if error.schema.get('exclusiveMaximum') else 'or equal to '}{rule}",
        "minimum": f"should be greater than {'' if error.schema.get('exclusiveMinimum') else 'or equal to '}{rule}",
        "pattern": f"should match '{rule}'",
        "minLength": f"should be at least {rule} chars long",
        "minItems": f"should have at least {rule} items",
        "uniqueItems": "shouldn't contain duplicates",
        "multipleOf": f"should be a multiple of {rule}",
        "minProperties": f"should have at least {rule} properties",
        "maxProperties": f"should have at most {rule} properties",
    }
    detail = f"{body} {details[kind]}" if kind in details else error.message
    return field.invalid(path, value if isinstance(value, (str, int, float, bool)) else "", detail)


def custom_resource_definition(obj: Obj) -> list[Cause]:
    spec = obj.get("spec") or {}
    causes: list[Cause] = []
    crd_names = spec.get("names") or {}
    group, plural = spec.get("group") or "", crd_names.get("plural") or ""
    name = (obj.get("metadata") or {}).get("name") or ""
    if name != f"{plural}.{group}":
        causes.append(field.invalid("metadata.name", name, 'must be spec.names.plural+"."+spec.group'))
    if not group:
        causes.append(field.required("spec.group"))
    elif "." not in group:
        causes.append(field.invalid("spec.group", group, "should be a domain with at least one dot"))
    else:
        causes += field.each_message("spec.group", group, names.is_dns1123_subdomain(group))
    causes += field.one_of("spec.scope", spec.get("scope"), ("Cluster", "Namespaced"))
    for key in ("plural", "singular", "kind", "listKind"):
        value = crd_names.get(key) or ""
        path = f"spec.names.{key}"
        if not value:
            if key in ("plural", "kind", "listKind"):
                causes.append(field.required(path))
        elif key in ("plural", "singular"):
            causes += field.each_message(path, value, names.is_dns1123_label(value))
        else:
            causes += field.each_message(path, value, names.is_dns1035_label(value.lower()))
    for index, short in enumerate(crd_names.get("shortNames") or []):
        causes += field.each_message(f"spec.names.shortNames[{index}]", short, names.is_dns1123_label(short))
    causes += _versions(spec.get("versions") or [])
    return causes


def _versions(versions: list[Obj]) -> list[Cause]:
    causes: list[Cause] = []
    if not versions:
        return [field.invalid("spec.versions", [], "must have exactly one version marked as storage version",
                              "[]apiextensions.CustomResourceDefinitionVersion")]
    if sum(1 for version in versions if version.get("storage")) != 1:
        causes.append(field.invalid_repr("spec.versions", "[]apiextensions.CustomResourceDefinitionVersion{...}",
                                         "must have exactly one version marked as storage version"))
    seen: set[str] = set()
    for index, version in enumerate(versions):
        path = f"spec.versions[{index}]"
        name = version.get("name") or ""
        if not name:
            causes.append(field.required(f"{path}.name"))
        else:
            causes += field.each_message(f"{path}.name", name, names.is_dns1035_label(name))
        if name in seen:
            causes.append(field.invalid("spec.versions", name, "must be unique"))
        seen.add(name)
        root = (version.get("schema") or {}).get("openAPIV3Schema")
        if root is None:
            causes.append(field.required(f"{path}.schema.openAPIV3Schema", "schemas are required"))
        elif not root.get("type") and not root.get("x-kubernetes-preserve-unknown-fields"):
            causes.append(field.required(f"{path}.schema.openAPIV3Schema.type", "must not be empty at the root"))
        elif root.get("type") not in (None, "object"):
            causes.append(field.invalid(f"{path}.schema.openAPIV3Schema.type", root["type"],
                                        "must be object at the root"))
    return causes


def custom_resource_definition_update(new: Obj, old: Obj) -> list[Cause]:
    new_spec, old_spec = new.get("spec") or {}, old.get("spec") or {}
    causes: list[Cause] = []
    if new_spec.get("group") != old_spec.get("group"):
        causes.append(field.immutable("spec.group", new_spec.get("group") or ""))
    if (new_spec.get("names") or {}).get("plural") != (old_spec.get("names") or {}).get("plural"):
        causes.append(field.immutable("spec.names.plural", (new_spec.get("names") or {}).get("plural") or ""))
    if new_spec.get("scope") != old_spec.get("scope"):
        causes.append(field.immutable("spec.scope", new_spec.get("scope") or ""))
    return causes
