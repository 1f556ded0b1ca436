"""`mkctl explain TYPE[.FIELD...]`: a resource's or field's documentation from the server's OpenAPI v3 document of
its group version, printed as kubectl 1.32's plaintext template prints it (KIND/VERSION, FIELD, DESCRIPTION
wrapped at 76 columns, FIELDS with each field's type guess, `-required-`, enums and description, or with
`--recursive` the field tree). `--api-version` picks the group version; `-o plaintext-openapiv2` is not
supported."""

from __future__ import annotations

from typing import Any

from minikube_py.client.errors import ClientError, ResourceTypeNotFound

from ..session import Session

_NEEDS_TYPE = ("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete "
               "list of supported resources.")
Schema = dict[str, Any]


def run(session: Session) -> int:
    if not session.args:
        raise ClientError(_NEEDS_TYPE)
    if len(session.args) > 1:
        raise ClientError("error: We accept only this format: explain RESOURCE")
    resource, fields = _resource_and_fields(session, session.args[0])
    output = session.flag("output")
    if output not in ("plaintext", "plaintext-openapiv2"):
        raise ClientError(f"error: unrecognized format: {output}")
    if output != "plaintext":
        raise ClientError("error: -o plaintext-openapiv2 is not supported by mkctl explain; use -o plaintext")
    group, version = resource.group, resource.version
    if session.flag("api-version"):
        group, _, version = session.flag("api-version").rpartition("/")
    document = _document(session, group, version, resource.plural)
    gvk = {"group": group, "kind": resource.kind, "version": version}
    schema = next((schema for _, schema in sorted((document.get("components") or {}).get("schemas", {}).items())
                   if gvk in (schema.get("x-kubernetes-group-version-kind") or [])), None)
    head = (f"GROUP:      {group}\n" if group else "") + f"KIND:       {resource.kind}\nVERSION:    {version}\n\n"
    session.out(head)   # kubectl's template has printed this much when it fails
    if schema is None:
        raise ClientError(f"error: GVK {_go_map(gvk)} not found in OpenAPI schema")
    body = _Explainer(document, session.flag("recursive")).output(schema, fields, {})
    if not body:
        raise ClientError(f'error: field "{fields[-1]}" does not exist')
    session.out(body + "\n")
    return 0


def _go_map(gvk: dict[str, str]) -> str:
    return "map[" + " ".join(f"{key}:{gvk[key]}" for key in sorted(gvk)) + "]"


def _resource_and_fields(session: Session, text: str) -> tuple[Any, list[str]]:
    """kubectl's SplitAndParseResourceRequestWithMatchingPrefix: the resources the first word names, the first
    whose `plural[.group]` prefixes the text (`deployments.apps.spec`) wins, else the first one with the words
    after the first as the field path (always so with --api-version)."""
    text = text.removesuffix(".")
    parts = text.split(".")
    try:
        found = session.discovery.resolve_all(parts[0])
    except ResourceTypeNotFound as err:
        raise ClientError(err.message.removeprefix("error: ")) from None
    if not session.flag("api-version"):
        for resource in found:
            if text.startswith(resource.group_resource):
                suffix = text[len(resource.group_resource):]
                return resource, suffix.split(".")[1:] if suffix else []
    return found[0], parts[1:]


def _document(session: Session, group: str, version: str, plural: str) -> dict[str, Any]:
    key = f"apis/{group}/{version}" if group else f"api/{version}"
    paths = session.client.request_json("GET", "/openapi/v3").get("paths") or {}
    if key not in paths:
        raise ClientError(f'error: couldn\'t find resource for "{group}/{version}, Resource={plural}"')
    return session.client.request_json("GET", paths[key]["serverRelativeURL"])


def wrap(text: str, limit: int) -> str:
    """mitchellh/go-wordwrap's WrapString (kubectl's WordWrapWriter): break lines at spaces so they fit `limit`,
    never splitting a word."""
    out: list[str] = []
    current = 0
    word: list[str] = []
    space: list[str] = []
    for char in text:
        if char == "\n":
            if not word:
                if current + len(space) <= limit:
                    out += space
            else:
                out += space + word
            space, word = [], []
            out.append(char)
            current = 0
        elif char.isspace() and char != "\u00a0":
            if not space or word:
                current += len(space) + len(word)
                out += space + word
                space, word = [], []
            space.append(char)
        else:
            word.append(char)
            if current + len(space) + len(word) > limit and len(word) < limit:
                out.append("\n")
                current = 0
                space = []
    if not word:
        if current + len(space) <= limit:
            out += space
    else:
        out += space + word
    return "".join(out)


def indent(amount: int, text: str) -> str:
    pad = " " * amount
    return pad + text.replace("\n", "\n" + pad)


class _Explainer:
    """The plaintext template's sub-templates over one OpenAPI v3 document."""

    def __init__(self, document: dict[str, Any], recursive: bool) -> None:
        self.document = document
        self.recursive = recursive

    def resolve(self, ref: Any) -> Schema | None:
        if not isinstance(ref, str) or not ref.startswith("#"):
            return None
        current: Any = self.document
        for key in ref[1:].split("/"):
            if key:
                current = current.get(key) if isinstance(current, dict) else None
                if not isinstance(current, dict):
                    return None
        return current

    def output(self, schema: Schema, fields: list[str], history: dict[str, int]) -> str:
        ref = schema.get("$ref") or ""
        next_history = {**history, ref: 1}
        resolved = self.resolve(ref) or schema
        if not fields:
            text = "DESCRIPTION:\n" + indent(4, wrap(self.description(resolved) or "<empty>", 76)) + "\n"
            docs = self.external_docs(resolved)
            if docs:
                text += "\n" + docs
            field_list = self.field_list(resolved, 1, {})
            if field_list:
                text += "FIELDS:\n" + field_list
            return text
        if ref and history.get(ref):
            return ""
        properties = resolved.get("properties") or {}
        if fields[0] in properties:
            sub = properties[fields[0]]
            text = ""
            if len(fields) == 1:
                text = f"FIELD: {fields[0]} <{self.type_guess(sub)}>\n" + self.enum(sub, long=True) + "\n\n"
            return text + self.output(sub, fields[1:], {})
        if resolved.get("items"):
            return self.output(resolved["items"], fields, next_history)
        if _map_of(resolved):
            return self.output(resolved["additionalProperties"], fields, next_history)
        for sub in resolved.get("allOf") or []:
            text = self.output(sub, fields, next_history)
            if text:
                return text
        return ""

    def field_list(self, schema: Schema, level: int, history: dict[str, int]) -> str:
        ref = schema.get("$ref") or ""
        if ref and history.get(ref):
            return ""
        next_history = {**history, ref: 1}
        resolved = self.resolve(ref) or schema
        text = ""
        for name, sub in sorted((resolved.get("properties") or {}).items()):
            text += self.field_detail(name, resolved, level)
            if self.recursive:
                text += self.field_list(sub, level + 1, next_history)
        for sub in resolved.get("allOf") or []:
            text += self.field_list(sub, level, next_history)
        if resolved.get("items"):
            text += self.field_list(resolved["items"], level, next_history)
        if _map_of(resolved):
            text += self.field_list(resolved["additionalProperties"], level, next_history)
        return text

    def field_detail(self, name: str, schema: Schema, level: int) -> str:
        amount = level * 2
        field = (schema.get("properties") or {})[name]
        text = indent(amount, name) + f"\t<{self.type_guess(field)}>"
        if name in (schema.get("required") or []):
            text += " -required-"
        text += self.enum(field, long=False, limit=4, amount=amount) + "\n"
        if self.recursive:
            return text
        text += indent(amount + 2, wrap(field.get("description") or "<no description>", 78 - amount)) + "\n"
        docs = field.get("externalDocs")
        if docs:
            text += "\n" + indent(amount + 2, "EXTERNAL DOCS:") + "\n"
            if docs.get("description"):
                text += indent(amount + 4, wrap(docs["description"], 76 - amount)) + "\n"
            if docs.get("url"):
                text += indent(amount + 4, "URL: " + docs["url"]) + "\n"
        return text + "\n"

    def description(self, schema: Schema) -> str:
        resolved = self.resolve(schema.get("$ref")) or schema
        text = resolved["description"] + "\n" if resolved.get("description") else ""
        for sub in resolved.get("allOf") or []:
            text += self.description(sub)
        if resolved.get("items"):
            text += self.description(resolved["items"])
        if _map_of(resolved):
            text += self.description(resolved["additionalProperties"])
        return text

    @staticmethod
    def external_docs(schema: Schema) -> str:
        docs = schema.get("externalDocs")
        if not docs:
            return ""
        text = "EXTERNAL DOCS:\n"
        if docs.get("description"):
            text += indent(4, wrap(docs["description"], 76)) + "\n"
        if docs.get("url"):
            text += indent(4, "URL: " + docs["url"]) + "\n"
        return text

    def type_guess(self, schema: Schema) -> str:
        if not schema:
            raise ClientError("error: expected schema argument to subtemplate 'typeguess'")
        if schema.get("items"):
            return "[]" + self.type_guess(schema["items"])
        if _map_of(schema):
            return "map[string]" + self.type_guess(schema["additionalProperties"])
        all_of = schema.get("allOf") or []
        if all_of and not schema.get("properties") and len(all_of) == 1:
            return self.type_guess(all_of[0])
        ref = schema.get("$ref")
        if ref:
            target = self.resolve(ref)
            if not target or not target.get("type") or target.get("type") == "object":
                return ref.split("/")[-1].split(".")[-1] or "Object"
            return target["type"]
        kind = schema.get("type")
        return "Object" if kind == "object" else kind or "Object"

    @staticmethod
    def enum(schema: Schema, *, long: bool, limit: int = -1, amount: int = 0) -> str:
        values = schema.get("enum")
        if not values:
            return ""
        text = "ENUM:" if long else "\n" + " " * amount + "enum: "
        for index, value in enumerate(values):
            if limit > -1 and index >= limit:
                text += ", ...."
                break
            if index > 0 and not long:
                text += ", "
            elif long:
                text += "\n    "
            text += '""' if value == "" else _go_print(value)
        return text


def _map_of(schema: Schema) -> bool:
    additional = schema.get("additionalProperties")
    return bool(additional) and not isinstance(additional, bool)


def _go_print(value: Any) -> str:
    from ..printers._gofmt import sprint

    return sprint(value)
