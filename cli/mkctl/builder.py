"""kubectl's resource builder for the commands that read objects from files (`-f FILE|DIR|-|URL`, `-R`): apply,
create, replace, delete, diff, and any other command's `-f` (get, describe, label, annotate, patch, ...).

API (a handler calls `objects(session)` and gets `Infos` back):

    from ..builder import objects, report
    infos = objects(session)                 # reads session.flag("filename"), ("recursive"), ("validate")
    errors = list(infos.errors)              # per-file problems, kept as kubectl keeps them (ContinueOnError)
    for info in infos:                       # Info: source, obj, resource, namespace, name
        try:
            ...                              # the command's request for info
        except APIError as err:
            errors.append(err.with_source("creating", info.source))
    return report(session, errors)           # kubectl's text for 0, 1 or several errors; the exit code

- `objects(session, filenames=None, *, recursive=None, validate=None, empty_message="")`: the objects of the
  files, mapped to their `Resource`s through the session's discovery (apiVersion/kind -> `registry.by_kind`,
  discovery fetched again once for a kind the cache does not know), namespaced ones with their namespace
  defaulted to the session's (`-n`, the context's, "default") and refused when `-n` names another one.
  Fatal problems (no such path, `-k`, nothing given) raise `ClientError` with kubectl's text; problems of one file
  or document (YAML/JSON syntax, apiVersion/kind not set, unknown kind, namespace conflict) are collected in
  `Infos.errors` and the other files are still read. `empty_message` (`"no objects passed to apply"`) raises
  when there are neither objects nor errors. `-R` and `--validate` are read only where the command has them
  (`--validate=false|ignore` turns the apiVersion/kind check into kubectl's decoding error).
- `selected(session, infos)`: the objects `-l` selects (kubectl's builder filters file objects by label).
- `report(session, errors) -> int`: kubectl's CheckErr for what a command collected: nothing (0); one error
  (`error: ...`, or an API error's own text); several (one line each, kubectl's MultipleErrors). Exit 1.
- `FileError`: a problem of one source (`ClientError` whose message has no `error: ` prefix); `Aggregate`:
  several such problems as one (printed one per line alone, as `[a, b]` among other errors).
- `read_sources(filenames, recursive)`: the `(source name, bytes)` of every file, `-` (STDIN) and URL.
- `decode_documents(source, data)`: the JSON-shaped documents of one file (YAML or JSON stream; `kind: List`
  and other lists expanded).
- `raw_write(session, method)`: `--raw URI` (create, replace, delete): the `-f` file's bytes sent as they are.
- `refuse_kustomize(session, verb)`: `-k` answered with a clear "out of scope" error (call it first).

Sources are named as kubectl names them: the path as given or found in a directory, `STDIN`, the URL. Directories
contribute their `.json`, `.yaml` and `.yml` files in lexical order (sub-directories only with `-R`); a path that
does not exist is tried as a glob pattern. Only the standard library is imported here at import time."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minikube_py.client.errors import APIError, ClientError

if TYPE_CHECKING:
    from minikube_py.api.registry import Registry, Resource

    from .session import Session

EXTENSIONS = (".json", ".yaml", ".yml")
KUSTOMIZE_MESSAGE = "error: -k (kustomize) is out of scope for mkctl; run `kubectl kustomize DIR | mkctl {verb} -f -`"


class FileError(ClientError):
    """A problem of one source or document; kubectl prints it `error: `-prefixed when it is alone."""


class Aggregate(ClientError):
    """Several errors as one (apimachinery's Aggregate): alone, kubectl prints each on its own line; among
    other errors, as `[a, b]`."""

    def __init__(self, errors: list[ClientError]) -> None:
        super().__init__("[" + ", ".join(err.message.removeprefix("error: ") for err in errors) + "]")
        self.errors = errors


@dataclass
class Info:
    """One object of a file: where it came from, the object (its namespace defaulted), its resource."""

    source: str
    obj: dict[str, Any]
    resource: Resource

    @property
    def name(self) -> str:
        return str((self.obj.get("metadata") or {}).get("name") or "")

    @property
    def namespace(self) -> str:
        """The object's namespace ("" for cluster-scoped resources)."""
        if not self.resource.namespaced:
            return ""
        return str((self.obj.get("metadata") or {}).get("namespace") or "")


@dataclass
class Infos:
    """The objects found, in file order, and the problems met on the way."""

    items: list[Info] = field(default_factory=list)
    errors: list[ClientError] = field(default_factory=list)

    def __iter__(self) -> Iterator[Info]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def refuse_kustomize(session: Session, verb: str) -> None:
    """`-k` is kustomize, which mkctl leaves out: say so."""
    if session.given("kustomize") and session.flag("kustomize"):
        raise ClientError(KUSTOMIZE_MESSAGE.format(verb=verb))


def raw_or_files(session: Session, verb: str, method: str) -> int | None:
    """The start every file-writing command (create, replace) shares: `-k` refused, `--raw` sent as it is
    (its exit code returned), `-f` required; None when the command goes on with its files."""
    refuse_kustomize(session, verb)
    if session.given("raw"):
        return raw_write(session, method)
    if not session.flag("filename"):
        raise ClientError("error: must specify one of -f and -k")
    return None


def objects(session: Session, filenames: list[str] | None = None, *, recursive: bool | None = None,
            validate: bool | None = None, empty_message: str = "") -> Infos:
    """The objects of `-f` (or `filenames`) mapped to resources; see the module docstring."""
    filenames = list(session.flag("filename") if filenames is None else filenames)
    if recursive is None:
        recursive = bool(session.flag("recursive")) if _has_flag(session, "recursive") else False
    if validate is None:
        validate = str(session.flag("validate")).lower() not in ("ignore", "false") \
            if _has_flag(session, "validate") else True
    sources = read_sources(filenames, recursive, stdin=session_stdin(session))
    infos = Infos()
    mapper = _Mapper(session)
    builder_errors: list[ClientError] = []
    for source, data in sources:
        try:
            for obj in decode_documents(source, data, validate=validate):
                try:
                    infos.items.append(mapper.info(source, obj))
                except ClientError as err:
                    builder_errors.append(err)
        except ClientError as err:
            builder_errors.append(err)
    if builder_errors:
        infos.errors.append(_aggregate(builder_errors))
    if empty_message and not infos.items and not infos.errors:
        raise ClientError(f"error: {empty_message}")
    return infos


def selected(session: Session, infos: Infos) -> list[Info]:
    """The objects of the files that `-l` selects (kubectl's builder filters them by label)."""
    text = session.flag("selector") if _has_flag(session, "selector") else ""
    if not text:
        return list(infos)
    from minikube_py.api.errors import StatusError
    from minikube_py.api.labels import parse_selector

    try:
        selector = parse_selector(text)
    except StatusError as err:
        raise ClientError(f"error: {err.message}") from None
    return [info for info in infos if selector.matches((info.obj.get("metadata") or {}).get("labels"))]


def raw_write(session: Session, method: str) -> int:
    """`--raw URI` of create, replace and delete: the one file (or stdin) sent as it is, the answer printed."""
    uri = session.flag("raw")
    if not uri.startswith("/"):
        raise ClientError(f'error: --raw must be a valid URL path: parse "{uri}": invalid URI for request')
    filenames = list(session.flag("filename"))
    if len(filenames) > 1:
        raise ClientError("error: --raw can only use a single local file or stdin")
    body = read_sources(filenames, False, stdin=session_stdin(session))[0][1] if filenames else None
    session.out(session.client.raw(method, uri, body=body).decode("utf-8", "replace"))
    return 0


def session_stdin(session: Session) -> Any:
    """The input `-f -` reads (the session's when it has one, for tests)."""
    return getattr(session, "stdin", None) or sys.stdin


def _has_flag(session: Session, name: str) -> bool:
    """Whether the command declares the flag (not every `-f` command has `-R` or `--validate`)."""
    return session.command.flags().lookup(name) is not None


def report(session: Session, errors: list[ClientError]) -> int:
    """Print what a command collected as kubectl's CheckErr does and return the exit code (0 without errors)."""
    if not errors:
        return 0
    session.stdout.flush()
    if len(errors) == 1 and isinstance(errors[0], Aggregate):
        errors = errors[0].errors
    if len(errors) == 1:
        message = errors[0].message
        if not isinstance(errors[0], APIError) and not message.startswith("error: "):
            message = "error: " + message
    else:
        message = "\n".join(_standard_message(err) for err in errors)
    session.err(message if message.endswith("\n") else message + "\n")
    return 1


def _standard_message(err: ClientError) -> str:
    """kubectl's StandardErrorMessage (API errors as `Error from server (Reason): message`), else the text."""
    if isinstance(err, APIError):
        if err.reason == "Unauthorized" or not err.status_message:
            return err.message
        return f"Error from server ({err.reason}): {err.status_message}" if err.reason else \
            f"Error from server: {err.status_message}"
    return err.message.removeprefix("error: ")


def _aggregate(errors: list[ClientError]) -> ClientError:
    """The builder's errors as one (apimachinery's Aggregate: `[a, b]` when several)."""
    return errors[0] if len(errors) == 1 else Aggregate(errors)


# -- reading the sources ---------------------------------------------------------------------------------------

def read_sources(filenames: list[str], recursive: bool, *, stdin: Any = None) -> list[tuple[str, bytes]]:
    """Every source's name and content. A path that neither exists nor matches as a glob raises kubectl's
    `error: the path "x" does not exist`; a URL that fails raises kubectl's `unable to read URL` error."""
    sources: list[tuple[str, bytes]] = []
    for name in filenames:
        if name == "-":
            stream = stdin or sys.stdin
            data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
            sources.append(("STDIN", data.encode() if isinstance(data, str) else data))
        elif name.startswith(("http://", "https://")):
            sources.append((name, _read_url(name)))
        else:
            sources += [(path, _read_file(path)) for path in _expand(name, recursive)]
    return sources


def _expand(name: str, recursive: bool) -> list[str]:
    if not os.path.exists(name):
        import glob

        matches = sorted(glob.glob(name))
        if not matches:
            raise ClientError(f'error: the path "{name}" does not exist')
        return [path for match in matches for path in _expand(match, recursive)]
    if not os.path.isdir(name):
        return [name]
    return list(_walk(name, recursive))


def _walk(directory: str, recursive: bool) -> Iterator[str]:
    """Go's filepath.Walk below a directory given to `-f`: entries in lexical order, manifests by extension."""
    for entry in sorted(os.listdir(directory)):
        path = os.path.normpath(os.path.join(directory, entry))   # Go's filepath.Join cleans the path
        if os.path.isdir(path):
            if recursive:
                yield from _walk(path, recursive)
        elif entry.endswith(EXTENSIONS):
            yield path


def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as err:
        raise ClientError(f"error: open {path}: {(err.strerror or str(err)).lower()}") from None


def _read_url(url: str) -> bytes:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        raise ClientError(f'error: unable to read URL "{url}", server reported {err.code} {err.reason}, '
                          f"status code={err.code}") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise ClientError(f'error: Get "{url}": {reason}') from None


# -- decoding ---------------------------------------------------------------------------------------------------

def decode_documents(source: str, data: bytes, *, validate: bool = True) -> Iterator[dict[str, Any]]:
    """The objects of one source in order: a JSON stream or YAML documents (`---`), empty ones skipped, lists
    (`kind: List`, `ConfigMapList`, ...) expanded into their items. A syntax error raises `FileError` (`error
    parsing <source>: ...`) after the documents before it; so does a document without apiVersion or kind
    (kubectl's client-side check; with `validate` False, kubectl's decoding error for a missing kind)."""
    text = data.decode("utf-8", "replace")
    documents = _json_stream(source, text) if text.lstrip().startswith("{") else _yaml_documents(source, text)
    for document in documents:
        if document is None:
            continue
        yield from _expanded(source, document, validate)


def _expanded(source: str, document: Any, validate: bool) -> Iterator[dict[str, Any]]:
    if not isinstance(document, dict) and validate:
        raise FileError(_invalid(source, "invalid object to validate"))
    if not isinstance(document, dict):
        raise FileError(f'unable to decode "{source}": json: cannot unmarshal {_go_kind(document)} into Go value of '
                        "type unstructured.detector")
    if not document:
        return
    if validate:
        for key, label in (("apiVersion", "apiVersion"), ("kind", "kind")):
            if not document.get(key):
                raise FileError(_invalid(source, f"{label} not set"))
    elif not document.get("kind"):
        from .printers._gofmt import go_json

        raise FileError(f"unable to decode \"{source}\": Object 'Kind' is missing in '{go_json(document)}'")
    metadata = document.get("metadata")
    for key in ("name", "namespace"):
        value = metadata.get(key) if isinstance(metadata, dict) else None
        if value is not None and not isinstance(value, str):
            raise FileError(f'unable to decode "{source}": json: cannot unmarshal {_go_kind(value)} into Go struct '
                            f"field ObjectMeta.metadata.{key} of type string")
    if str(document.get("kind", "")).endswith("List") and isinstance(document.get("items"), list):
        for item in document["items"]:
            yield from _expanded(source, item, validate)
        return
    yield document


def _invalid(source: str, problem: str) -> str:
    return f'error validating "{source}": error validating data: {problem}; if you choose to ignore these ' \
        "errors, turn validation off with --validate=false"


def _go_kind(value: Any) -> str:
    """encoding/json's name for a JSON value's kind in its unmarshalling errors."""
    if isinstance(value, bool):
        return "bool"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else "number" \
        if isinstance(value, (int, float)) else "string"


def _json_stream(source: str, text: str) -> Iterator[Any]:
    import json

    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as err:
            raise FileError(f"error parsing {source}: {_go_json_error(err)}") from None
        yield value


_GO_JSON_CONTEXTS = {"Expecting property name enclosed in double quotes": "looking for beginning of object key string",
                     "Expecting ':' delimiter": "after object key", "Expecting value": "looking for beginning of value"}


def _go_json_error(err: Any) -> str:
    """encoding/json's text for a syntax error (`json: offset 71: invalid character '}' looking for beginning of
    object key string`, `unexpected EOF`) from Python's JSONDecodeError."""
    import json

    text, position = err.doc, err.pos
    if not text[position:].strip():
        return "unexpected EOF"
    char = text[position]
    if err.msg == "Expecting ',' delimiter":
        context = "after array element" if _innermost(text, position) == "[" else "after object key:value pair"
    elif err.msg.startswith("Invalid control character"):
        context = "in string literal"
    else:
        context = _GO_JSON_CONTEXTS.get(err.msg, "looking for beginning of value")
    quoted = "'\\''" if char == "'" else "'\"'" if char == '"' else repr(char) if char.isprintable() else \
        "'" + json.dumps(char)[1:-1] + "'"
    return f"json: offset {len(text[:position + 1].encode())}: invalid character {quoted} {context}"


def _innermost(text: str, position: int) -> str:
    """The bracket (`{` or `[`) open at `position` of a JSON text."""
    stack: list[str] = []
    in_string = escaped = False
    for char in text[:position]:
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "{[":
            stack.append(char)
        elif char in "}]" and stack:
            stack.pop()
    return stack[-1] if stack else ""


def _yaml_documents(source: str, text: str) -> Iterator[Any]:
    import yaml

    try:
        for document in yaml.load_all(text, Loader=_loader()):
            yield _json_shaped(document)
    except yaml.YAMLError as err:
        line = _go_yaml_line(err)
        problem = getattr(err, "problem", None) or str(err)
        raise FileError(f"error parsing {source}: error converting YAML to JSON: yaml: {line}{problem}") from None


def _go_yaml_line(err: Any) -> str:
    """go-yaml's `line N: ` of an error (libyaml's messages are go-yaml's): the problem's line, counted from
    1 for scanner errors and from 0 for parser errors; the context's when the problem is on the first line."""
    import yaml

    problem, context = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    if problem is not None and problem.line != 0:
        line = problem.line + (1 if isinstance(err, yaml.scanner.ScannerError) else 0)
    elif context is not None and context.line != 0:
        line = context.line
    else:
        return ""
    return f"line {line}: "


_LOADER: Any = None


def _loader() -> Any:
    """A safe loader that keeps timestamps as the strings they were (as sigs.k8s.io/yaml does)."""
    global _LOADER
    if _LOADER is None:
        import re

        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _LOADER = type("ManifestLoader", (base,), {})
        _LOADER.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
        # go-yaml v2 (sigs.k8s.io/yaml) also reads y/Y/n/N as booleans
        _LOADER.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))
        _LOADER.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: loader.construct_scalar(node).lower()
                                in ("y", "yes", "true", "on"))
    return _LOADER


def _json_shaped(value: Any) -> Any:
    """YAML's values as JSON's: map keys as strings, bytes as base64 text."""
    if isinstance(value, dict):
        return {_key_text(key): _json_shaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_shaped(item) for item in value]
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode()
    return value


def _key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


# -- mapping ----------------------------------------------------------------------------------------------------

class _Mapper:
    """apiVersion/kind -> Resource through the session's discovery, and kubectl's namespace rules."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._registry: Registry | None = None
        self._refreshed = False

    def resource(self, api_version: str, kind: str) -> Resource | None:
        if self._registry is None:
            self._registry = self.session.discovery.registry()
        group, _, version = api_version.rpartition("/")
        found = self._registry.by_kind(group, version, kind)
        if found is None and not self._refreshed:
            self._refreshed = True
            self._registry = self.session.discovery.refresh()
            found = self._registry.by_kind(group, version, kind)
        return found

    def info(self, source: str, obj: dict[str, Any]) -> Info:
        api_version, kind = str(obj.get("apiVersion") or ""), str(obj.get("kind") or "")
        metadata = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
        resource = self.resource(api_version, kind)
        if resource is None:
            group, _, version = api_version.rpartition("/")
            wanted = f'kind "{kind}" in version "{api_version}"' if group else \
                f'kind "{kind}" in version "{version}"'
            raise FileError(f'resource mapping not found for name: "{metadata.get("name", "")}" namespace: '
                            f'"{metadata.get("namespace", "")}" from "{source}": no matches for {wanted}\n'
                            "ensure CRDs are installed first")
        if resource.namespaced:
            namespace = str(metadata.get("namespace") or "")
            wanted_namespace = self.session.namespace
            if namespace and self.session.given("namespace") and namespace != wanted_namespace:
                raise FileError(f'the namespace from the provided object "{namespace}" does not match the namespace '
                                f'"{wanted_namespace}". You must pass \'--namespace={namespace}\' to perform this '
                                "operation.")
            if not namespace:
                obj = {**obj, "metadata": {**metadata, "namespace": wanted_namespace}}
        return Info(source, obj, resource)
