"""Field selectors as the apiserver has them: apimachinery's grammar (`k8s.io/apimachinery/pkg/fields`:
`a=b`, `a==b`, `a!=b`, comma-joined, `\\`, `,` and `=` escaped with a backslash in values), the fields each
built-in resource lets a client select on (the field label conversion functions of `pkg/apis/*/v1` and a
CRD's `selectableFields`) with the apiserver's rejection messages, and matching against JSON-shaped objects
with the values the registry strategies' `GetAttrs` compute (`spec.hostNetwork` "false" when unset,
`status.successful` from a Job's `status.succeeded`, an Event's `source` from `source.component`, ...).

A selector compiles, per kind of object it meets, one reader per term, so filtering a long list costs a few
dict look-ups per object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from minikube_py.api.errors import bad_request
from minikube_py.api.registry import Resource
from minikube_py.flags.pflag import quote

Reader = Callable[[Mapping[str, Any]], str]
_OPERATORS = ("!=", "==", "=")   # tried in this order at each position, as apimachinery's splitTerm does
_ESCAPED = {"\\": "\\\\", ",": "\\,", "=": "\\="}


def escape_value(value: str) -> str:
    """fields.EscapeValue."""
    return "".join(_ESCAPED.get(char, char) for char in value)


def _unescape_value(value: str) -> str:
    if not any(char in value for char in "\\,="):
        return value
    out: list[str] = []
    in_slash = False
    for char in value:
        if in_slash:
            if char not in "\\,=":
                raise bad_request(f"invalid field selector: invalid escape sequence: \\{char}")
            out.append(char)
            in_slash = False
        elif char == "\\":
            in_slash = True
        elif char in ",=":
            raise bad_request(f"invalid field selector: unescaped character in value: {ord(char)}")
        else:
            out.append(char)
    if in_slash:
        raise bad_request("invalid field selector: invalid escape sequence: \\")
    return "".join(out)


def _split_terms(text: str) -> list[str]:
    """Split on commas that are not escaped."""
    if not text:
        return []
    terms: list[str] = []
    start, in_slash = 0, False
    for index, char in enumerate(text):
        if in_slash:
            in_slash = False
        elif char == "\\":
            in_slash = True
        elif char == ",":
            terms.append(text[start:index])
            start = index + 1
    terms.append(text[start:])
    return terms


def _split_term(term: str) -> tuple[str, str, str] | None:
    for index in range(len(term)):
        for operator in _OPERATORS:
            if term.startswith(operator, index):
                return term[:index], operator, term[index + len(operator):]
    return None


def _scalar(value: Any) -> str:
    """A field value as the apiserver's field sets hold it (fmt.Sprint of a JSON scalar, "" when absent)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def _path_reader(path: str, default: str = "") -> Reader:
    keys = path.split(".")
    if len(keys) == 2:
        first, second = keys

        def read_two(obj: Mapping[str, Any]) -> str:
            inner = obj.get(first)
            value = inner.get(second) if isinstance(inner, dict) else None
            return default if value is None else _scalar(value)
        return read_two

    def read(obj: Mapping[str, Any]) -> str:
        value: Any = obj
        for key in keys:
            if not isinstance(value, dict):
                return default
            value = value.get(key)
        return default if value is None else _scalar(value)
    return read


def _first_reader(*readers: Reader) -> Reader:
    """The first non-empty value: events.k8s.io Events spell core Event fields differently."""
    return lambda obj: next((value for read in readers if (value := read(obj))), "")


def _pod_ip(obj: Mapping[str, Any]) -> str:
    status = obj.get("status") or {}
    ips = status.get("podIPs") or []
    if ips and isinstance(ips[0], dict):
        return ips[0].get("ip") or ""
    return status.get("podIP") or ""


def _event_readers() -> dict[str, Reader]:
    """Core Events and events.k8s.io Events name the same fields differently; each name reads either shape."""
    readers: dict[str, Reader] = {}
    for name in ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"):
        read = _first_reader(_path_reader(f"involvedObject.{name}"), _path_reader(f"regarding.{name}"))
        readers[f"involvedObject.{name}"] = readers[f"regarding.{name}"] = read
    readers["source"] = _first_reader(_path_reader("source.component"), _path_reader("deprecatedSource.component"))
    readers["reportingComponent"] = readers["reportingController"] = _first_reader(
        _path_reader("reportingComponent"), _path_reader("reportingController"))
    return readers


_EVENT_READERS = _event_readers()
# Fields whose value is not simply the object's value at that path: (group, kind) -> label -> reader.
_SPECIAL_READERS: dict[tuple[str, str], dict[str, Reader]] = {
    ("", "Pod"): {"spec.hostNetwork": _path_reader("spec.hostNetwork", "false"), "status.podIP": _pod_ip,
                  "status.podIPs": lambda obj: "", "spec.host": _path_reader("spec.nodeName")},
    ("", "Node"): {"spec.unschedulable": _path_reader("spec.unschedulable", "false")},
    ("", "ReplicationController"): {"status.replicas": _path_reader("status.replicas", "0")},
    ("batch", "Job"): {"status.successful": _path_reader("status.succeeded", "0")},
    ("", "Event"): _EVENT_READERS,
    ("events.k8s.io", "Event"): _EVENT_READERS,
}


@dataclass(frozen=True)
class FieldRequirement:
    """One `field=value` or `field!=value` term (`==` is read as `=`)."""

    field: str
    operator: str
    value: str

    def __str__(self) -> str:
        return f"{self.field}{self.operator}{escape_value(self.value)}"


@dataclass(frozen=True)
class FieldSelector:
    terms: tuple[FieldRequirement, ...] = ()
    _compiled: dict[tuple[str, str], tuple[tuple[Reader, bool, str], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        return not self.terms

    def requires_exact_match(self, name: str) -> str | None:
        """The value an `=` term demands of that field (e.g. `metadata.name`), None when there is none."""
        return next((term.value for term in self.terms if term.field == name and term.operator == "="), None)

    def matches(self, obj: Mapping[str, Any]) -> bool:
        if not self.terms:
            return True
        api_version, kind = obj.get("apiVersion", ""), obj.get("kind", "")
        compiled = self._compiled.get((api_version, kind))
        if compiled is None:
            compiled = self._compile(api_version, kind)
        for read, equal, value in compiled:
            if (read(obj) == value) is not equal:
                return False
        return True

    def _compile(self, api_version: str, kind: str) -> tuple[tuple[Reader, bool, str], ...]:
        group = api_version.rpartition("/")[0]
        special = _SPECIAL_READERS.get((group, kind), {})
        compiled = tuple((special.get(term.field) or _path_reader(term.field), term.operator == "=", term.value)
                         for term in self.terms)
        self._compiled[(api_version, kind)] = compiled
        return compiled

    def __str__(self) -> str:
        return ",".join(str(term) for term in self.terms)


def parse_field_selector(text: str) -> FieldSelector:
    """fields.ParseSelector: raises `StatusError` 400 with apimachinery's message."""
    terms: list[FieldRequirement] = []
    for part in sorted(_split_terms(text)):
        if not part:
            continue
        split = _split_term(part)
        if split is None:
            raise bad_request(f"invalid selector: '{text}'; can't understand '{part}'")
        name, operator, value = split
        value = _unescape_value(value)
        if name or value:   # an empty `=` term selects everything, as its Transform does
            terms.append(FieldRequirement(name, "!=" if operator == "!=" else "=", value))
    return FieldSelector(tuple(terms))


# ---- the fields each resource can be selected on (kube-apiserver 1.32's field label conversions) ----

_NAME, _NAMESPACE = "metadata.name", "metadata.namespace"
_EVENT_FIELDS = frozenset({_NAME, _NAMESPACE, "reason", "reportingComponent", "source", "type"} |
                          {f"involvedObject.{name}" for name in ("kind", "namespace", "name", "uid", "apiVersion",
                                                                 "resourceVersion", "fieldPath")})
SUPPORTED_FIELDS: dict[tuple[str, str], frozenset[str]] = {
    ("", "Pod"): frozenset({_NAME, _NAMESPACE, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP",
                            "status.podIPs", "status.nominatedNodeName", "spec.host"}),
    ("", "Node"): frozenset({_NAME, "spec.unschedulable"}),
    ("", "ReplicationController"): frozenset({_NAME, _NAMESPACE, "status.replicas"}),
    ("", "Event"): _EVENT_FIELDS,
    ("", "Namespace"): frozenset({_NAME, "status.phase"}),
    ("", "Secret"): frozenset({_NAME, _NAMESPACE, "type"}),
    ("", "Service"): frozenset({_NAME, _NAMESPACE, "spec.clusterIP", "spec.type"}),
    ("batch", "Job"): frozenset({_NAME, _NAMESPACE, "status.successful"}),
    ("certificates.k8s.io", "CertificateSigningRequest"): frozenset({_NAME, "spec.signerName"}),
    ("certificates.k8s.io", "ClusterTrustBundle"): frozenset({_NAME, "spec.signerName"}),
    ("events.k8s.io", "Event"): frozenset({_NAME, _NAMESPACE, "reason", "type", "reportingController"} |
                                          {f"regarding.{name}" for name in ("kind", "namespace", "name", "uid",
                                                                             "apiVersion", "resourceVersion",
                                                                             "fieldPath")}),
    ("resource.k8s.io", "ResourceSlice"): frozenset({_NAME, "spec.nodeName", "spec.driver"}),
}


def _unsupported_message(resource: Resource, label: str) -> str:
    key = (resource.group, resource.kind)
    if resource.schema_name is not None and key not in SUPPORTED_FIELDS:
        return f'{quote(label)} is not a known field selector: only "{_NAME}", "{_NAMESPACE}"'
    if key == ("batch", "Job"):
        return f"field label {quote(label)} not supported for batchv1.Job"
    if key == ("resource.k8s.io", "ResourceSlice"):
        return f"field label not supported for {resource.group_version}, Kind={resource.kind}: {label}"
    return f"field label not supported: {label}"


def supported_fields(resource: Resource, selectable_fields: tuple[str, ...] = ()) -> frozenset[str]:
    """The field labels `resource` answers to; `selectable_fields` are a CRD version's (`.spec.x` paths)."""
    if resource.schema_name is None:   # a custom resource
        scoped = {_NAME, _NAMESPACE} if resource.namespaced else {_NAME}
        return frozenset(scoped | {path.removeprefix(".") for path in selectable_fields})
    return SUPPORTED_FIELDS.get((resource.group, resource.kind), frozenset({_NAME, _NAMESPACE}))


def check_supported(resource: Resource, selector: FieldSelector, selectable_fields: tuple[str, ...] = ()) -> None:
    """Raise 400 BadRequest as the apiserver does for the first term on a field `resource` cannot select on."""
    allowed = supported_fields(resource, selectable_fields)
    for term in selector.terms:
        if term.field not in allowed:
            raise bad_request(_unsupported_message(resource, term.field))
