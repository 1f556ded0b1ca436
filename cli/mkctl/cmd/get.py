"""`mkctl get`: what the arguments name (types, `all`, names, `type/name`), fetched as kubectl fetches them
(server-side Tables for the human-readable output, objects for `-o json|yaml|name|jsonpath|...`, `--chunk-size`
pages, `-l`, `--field-selector`, `-A`, `--subresource`), printed with cli/mkctl/printers; `-w`/`--watch-only`
(list, then watch from the list's resourceVersion until the server or `--request-timeout` ends the watch, exit 0,
or Ctrl-C, exit 1: kubectl re-establishes no watch); `--raw PATH`. Errors for some names are printed after what
was found (exit 1); `-k` is out of scope and `-f` not implemented yet (both say so).

`print_objects` / `format_objects` are the `-o` printing other commands reuse (events, config view)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minikube_py.client.errors import APIError, ClientError

from ..session import Session

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource

_NEEDS_TYPE = ("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
               "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" "
               "for a detailed description of that resource (e.g. kubectl explain pods).\n"
               "See 'kubectl get -h' for help and examples")
_SLASH_AND_TYPE = ("error: there is no need to specify a resource type as a separate argument when passing arguments "
                   "in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get "
                   "resource resource/<resource_name>'")
_FORMATS = ("custom-columns", "custom-columns-file", "go-template", "go-template-file", "json", "jsonpath",
            "jsonpath-as-json", "jsonpath-file", "name", "template", "templatefile", "yaml")
_ALLOWED = sorted((*_FORMATS, "wide"))
_TEMPLATE_FORMATS = {"template": "go-template", "templatefile": "go-template-file"}


@dataclass(frozen=True)
class Request:
    """One resource type with the names asked for (none: list it)."""
    resource: Resource
    names: tuple[str, ...] = ()


def run(session: Session) -> int:
    if session.flag("raw"):
        _check_raw(session)
        return _raw(session)
    if session.flag("kustomize"):
        raise ClientError("error: -k (kustomize) is out of scope for mkctl; run `kubectl kustomize DIR` and pass "
                          "its output with -f -")
    if session.flag("filename"):
        raise ClientError('error: "get -f" is not implemented by mkctl yet; use kubectl for it')
    output = session.flag("output")
    human = output in ("", "wide")
    requests, single = requests_for(session, session.args)
    if session.flag("subresource") and any(not request.names for request in requests):
        raise ClientError("error: subresource cannot be used when bulk resources are specified")
    if not human:
        _check_output(session, output)
    if session.flag("watch") or session.flag("watch-only"):
        return _watch(session, requests, human)
    if human:
        return _print_tables(session, requests)
    return _print_generic(session, requests, single)


# -- what the arguments name -------------------------------------------------------------------------------------

def requests_for(session: Session, args: list[str]) -> tuple[list[Request], bool]:
    """The requests the arguments name and whether they imply one single object (`pod/x`, `pods x`)."""
    if not args:
        raise ClientError(_NEEDS_TYPE)
    if any("/" in arg for arg in args):
        if not all("/" in arg for arg in args):
            raise ClientError(_SLASH_AND_TYPE)
        requests: list[Request] = []
        for arg in args:
            kind, _, name = arg.partition("/")
            if "/" in name:
                raise ClientError("error: arguments in resource/name form may not have more than one slash")
            if not kind or not name:
                raise ClientError("error: arguments in resource/name form must have a single resource and name")
            requests.append(Request(session.resolve(kind), (name,)))
        _check_names_in_namespace(session, requests)
        return requests, len(requests) == 1
    types, names = args[0], tuple(args[1:])
    resources: list[Resource] = []
    for word in types.split(","):
        if not word:
            continue
        for resource in (_category(session, word) if word == "all" else [session.resolve(word)]):
            if resource not in resources:
                resources.append(resource)
    requests = [Request(resource, names) for resource in resources]
    if names:
        _check_names_in_namespace(session, requests)
    return requests, len(requests) == 1 and len(names) == 1


def _check_names_in_namespace(session: Session, requests: list[Request]) -> None:
    if session.flag("all-namespaces") and any(request.resource.namespaced for request in requests):
        raise ClientError("error: a resource cannot be retrieved by name across all namespaces")


def _category(session: Session, category: str) -> list[Resource]:
    """The resources of a category (`all`) in discovery order, one version per group and resource."""
    registry = session.discovery.registry()
    found: list[Resource] = []
    seen: set[tuple[str, str]] = set()
    for resource in registry.resources:
        key = (resource.group, resource.plural)
        if category in resource.categories and key not in seen:
            seen.add(key)
            found.append(resource)
    if not found:
        return [session.resolve(category)]
    return found


def _namespace(session: Session, resource: Resource) -> str:
    if not resource.namespaced or session.flag("all-namespaces"):
        return ""
    return session.namespace


# -- human-readable -----------------------------------------------------------------------------------------------

def _table_query(session: Session, listing: bool, limit: int | None = None, token: str = ""
                 ) -> list[tuple[str, Any]]:
    query: list[tuple[str, Any]] = []
    if listing:
        if token:
            query.append(("continue", token))
        if session.flag("field-selector"):
            query.append(("fieldSelector", session.flag("field-selector")))
        if session.flag("selector"):
            query.append(("labelSelector", session.flag("selector")))
        if limit:
            query.append(("limit", limit))
    if session.flag("sort-by"):
        query.append(("includeObject", "Object"))
    return query


def _tables(session: Session, request: Request, errors: list[APIError]) -> list[dict[str, Any]]:
    """The Tables the server answers for a request (one per page, or one per name)."""
    from minikube_py.client.rest import TABLE, resource_path

    resource, namespace = request.resource, _namespace(session, request.resource)
    subresource = session.flag("subresource")
    tables = []
    if request.names:
        for name in request.names:
            path = resource_path(resource, namespace, name, subresource)
            try:
                tables.append(_as_table(session.client.request_json("GET", path, query=_table_query(session, False),
                                                                    accept=TABLE)))
            except APIError as err:
                if not (err.reason == "NotFound" and session.flag("ignore-not-found")):
                    errors.append(err)
        return tables
    path, token = resource_path(resource, namespace), ""
    while True:
        query = _table_query(session, True, session.flag("chunk-size") or None, token)
        page = session.client.request_json("GET", path, query=query, accept=TABLE)
        tables.append(_as_table(page))
        token = (page.get("metadata") or {}).get("continue") or ""
        if not token:
            return tables


def _as_table(answer: dict[str, Any]) -> dict[str, Any]:
    if answer.get("kind") == "Table":
        return answer
    import time

    from ..printers.table import fallback_table

    return fallback_table(answer, time.time())


def table_options(session: Session) -> Any:
    from ..printers.table import TableOptions

    return TableOptions(wide=session.flag("output") == "wide", no_headers=session.flag("no-headers"),
                        show_labels=session.flag("show-labels"), label_columns=tuple(_label_columns(session)),
                        all_namespaces=session.flag("all-namespaces"), sort_by=session.flag("sort-by"),
                        show_kind=session.flag("show-kind"))


def _label_columns(session: Session) -> list[str]:
    return [key.strip() for value in session.flag("label-columns") for key in value.split(",")]


def _section(request: Request, table: dict[str, Any]) -> Any:
    from ..printers.table import Section

    resource = request.resource
    return Section(table, resource.group_version, resource.kind, resource.plural, resource.namespaced)


def _print_tables(session: Session, requests: list[Request]) -> int:
    from ..printers.table import no_resources_message, render_tables

    errors: list[APIError] = []
    sections = []
    for request in requests:
        try:
            sections += [_section(request, table) for table in _tables(session, request, errors)]
        except APIError as err:
            errors.append(err)
    options = table_options(session)
    if options.sort_by and len(sections) > 1:
        _check_sortable(sections, options.sort_by)
    text = render_tables(sections, options)
    session.out(text)
    if not text and not errors and not session.flag("ignore-not-found"):
        session.err(no_resources_message(session.namespace, sections, options.all_namespaces))
    return _report(session, errors)


def _check_sortable(sections: list[Any], sort_by: str) -> None:
    from ..printers.sorting import SortError, sort_objects

    try:
        sort_objects(sections, sort_by, lambda section: section.table)
    except SortError as err:
        raise ClientError(f"error: {err}") from None


def _report(session: Session, errors: list[APIError]) -> int:
    if not errors:
        return 0
    session.stdout.flush()
    for err in errors:
        session.err(err.message + "\n")
    return 1


# -- -o json|yaml|name|jsonpath|custom-columns|go-template --------------------------------------------------------

def _check_output(session: Session, output: str) -> None:
    name = output.partition("=")[0]
    if name not in _FORMATS:
        raise ClientError(f'error: unable to match a printer suitable for the output format "{output}", allowed '
                          "formats are: " + ",".join(_ALLOWED))


def _objects(session: Session, request: Request, errors: list[APIError]) -> list[dict[str, Any]]:
    from ..printers.formats import list_items

    resource, namespace = request.resource, _namespace(session, request.resource)
    if request.names:
        found = []
        for name in request.names:
            try:
                found.append(session.client.get(resource, name, namespace, subresource=session.flag("subresource")))
            except APIError as err:
                if not (err.reason == "NotFound" and session.flag("ignore-not-found")):
                    errors.append(err)
        return found
    items = []
    for page in session.client.list_pages(resource, namespace, label_selector=session.flag("selector"),
                                          field_selector=session.flag("field-selector"),
                                          limit=session.flag("chunk-size")):
        items += list_items(page)
    return items


def _print_generic(session: Session, requests: list[Request], single: bool) -> int:
    from ..printers.formats import printed_document

    errors: list[APIError] = []
    objects = []
    for request in requests:
        try:
            objects += _objects(session, request, errors)
        except APIError as err:
            errors.append(err)
    if single and errors:
        raise errors[0]
    if not objects and session.flag("ignore-not-found"):
        return _report(session, errors)
    if session.flag("sort-by") and len(objects) > 1:
        from ..printers.sorting import SortError, sort_objects

        try:
            objects = sort_objects(objects, session.flag("sort-by"))
        except SortError as err:
            raise ClientError(f"error: {err}") from None
    print_objects(session, printed_document(objects, single))
    return _report(session, errors)


def print_objects(session: Session, document: dict[str, Any]) -> None:
    """Print `document` (an object or a List) as `-o` (and the command's printing flags) say."""
    session.out(format_objects(session, document))


def format_objects(session: Session, document: dict[str, Any]) -> str:
    """The `-o` text of `document`; a template that does not parse or fails raises ClientError with kubectl's
    message after printing what kubectl prints first."""
    name, _, argument = session.flag("output").partition("=")
    name = _TEMPLATE_FORMATS.get(name, name)
    if name in ("go-template", "go-template-file", "jsonpath", "jsonpath-file") and not argument:
        argument = session.flag("template") if session.given("template") else ""
    return _formatted(session, name, argument, document)


def _formatted(session: Session, name: str, argument: str, document: dict[str, Any]) -> str:
    managed = session.flag("show-managed-fields")
    if name == "json":
        from ..printers.formats import to_json_text

        return to_json_text(document, show_managed_fields=managed)
    if name == "yaml":
        from ..printers.formats import to_yaml_text

        return to_yaml_text(document, show_managed_fields=managed)
    if name == "name":
        from ..printers.formats import to_name_text

        return to_name_text(document)
    from_file = name.endswith("-file")
    if from_file:
        argument = _read_template(argument, "template" if name == "custom-columns-file" else "--template")
        name = name.removesuffix("-file")
    if name in ("jsonpath", "jsonpath-as-json"):
        from ..printers.jsonpath import JSONPathError, render_jsonpath

        if not argument:
            raise ClientError("error: template format specified but no template given")
        try:
            return render_jsonpath(argument, document, as_json=name == "jsonpath-as-json")
        except JSONPathError as err:
            raise ClientError(f"error: {err}") from None
    if name == "custom-columns":
        from ..printers.custom_columns import CustomColumnsError, parse_spec, parse_template, render_custom_columns

        try:
            columns = parse_template(argument) if from_file else parse_spec(argument)
            return render_custom_columns(document, columns, no_headers=session.flag("no-headers"))
        except CustomColumnsError as err:
            session.out(err.output)
            raise ClientError(f"error: {err}") from None
    from ..printers.go_template import GoTemplateError, render_go_template

    if not argument:
        raise ClientError("error: template format specified but no template given")
    try:
        return render_go_template(argument, document)
    except GoTemplateError as err:
        session.out(err.output)
        raise ClientError(f"error: {err}") from None


def _read_template(path: str, what: str = "--template") -> str:
    """A template file's text, or kubectl's error (Go's os error texts); a directory reads as an empty
    custom-columns file."""
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except IsADirectoryError:
        if what != "--template":
            return ""
        problem = f"read {path}: is a directory"
    except OSError as err:
        problem = f"open {path}: {(err.strerror or str(err)).lower()}"
    raise ClientError(f"error: error reading {what} {path}, {problem}")


# -- --raw ----------------------------------------------------------------------------------------------------------

def _check_raw(session: Session) -> None:
    if session.args:
        raise ClientError("error: arguments may not be passed when --raw is specified")
    if session.flag("watch") or session.flag("watch-only") or session.flag("selector"):
        raise ClientError("error: --raw may not be specified with other flags that filter the server request or "
                          "alter the output")
    if session.flag("output"):
        raise ClientError("error: --raw and --output are mutually exclusive")


def _raw(session: Session) -> int:
    import sys

    body = session.client.raw("GET", session.flag("raw"))
    session.stdout.flush()
    sys.stdout.buffer.write(body)
    sys.stdout.buffer.flush()
    return 0


# -- -w / --watch-only ------------------------------------------------------------------------------------------------

def _watch(session: Session, requests: list[Request], human: bool) -> int:
    if len({(request.resource.group, request.resource.plural) for request in requests}) > 1:
        raise ClientError("error: you may only specify a single resource type")
    request = requests[0]
    if len(request.names) > 1:
        raise ClientError("error: watch is only supported on individual resources and resource collections - "
                          f"{len(request.names)} resources were found")
    from ..printers.table import WatchPrinter

    resource = request.resource
    name = request.names[0] if request.names else ""
    output_events = session.flag("output-watch-events")
    printer = WatchPrinter(table_options(session), namespaced=resource.namespaced, output_watch_events=output_events,
                           kind_prefix=_section(request, {}).kind_prefix) if human else None
    errors: list[APIError] = []
    first = _tables(session, request, errors) if human else _watch_objects(session, request, errors)
    if errors:
        raise errors[0]
    answer = first[0] if human else first
    resource_version = "0" if name else (answer.get("metadata") or {}).get("resourceVersion", "")
    printed = 0
    if not session.flag("watch-only"):
        printed = _print_watched(session, printer, answer, "ADDED", 0, listing=not name)
    elif printer is not None and not output_events:
        printer.print({**answer, "rows": []})   # kubectl's skipPrinter: the columns without the rows
    # a watch of one object starts with a synthetic ADDED event for it: kubectl does not print that one
    skip_first = bool(name)
    from minikube_py.client.rest import JSON, TABLE

    try:
        for event in session.client.watch(resource, _namespace(session, resource), name=name,
                                          label_selector=session.flag("selector"),
                                          field_selector=session.flag("field-selector"),
                                          resource_version=resource_version, accept=TABLE if human else JSON,
                                          timeout_seconds=watch_timeout(session)):
            if skip_first:
                skip_first = False
                if printer is not None and not output_events:   # (a WatchEvent it skips whole)
                    printer.print({**(event.get("object") or {}), "rows": []})
                continue
            printed = _print_watched(session, printer, event.get("object") or {}, event.get("type", ""), printed,
                                     listing=False)
            session.stdout.flush()
    except KeyboardInterrupt:
        return 1   # kubectl's interrupt handler exits 1
    return 0


def watch_timeout(session: Session) -> int | None:
    """`--request-timeout` ends kubectl's watch (its HTTP client gives up; kubectl exits 0): the server's
    `timeoutSeconds` does the same here."""
    import math

    timeout = session.client.transport.timeout
    return math.ceil(timeout) if timeout else None


def _watch_objects(session: Session, request: Request, errors: list[APIError]) -> dict[str, Any]:
    resource, namespace = request.resource, _namespace(session, request.resource)
    if request.names:
        try:
            return session.client.get(resource, request.names[0], namespace)
        except APIError as err:
            errors.append(err)
            return {}
    return session.client.list(resource, namespace, label_selector=session.flag("selector"),
                               field_selector=session.flag("field-selector"))


def _print_watched(session: Session, printer: Any, obj: dict[str, Any], event_type: str, printed: int, *,
                   listing: bool) -> int:
    """Print an object (or the first list / Table) of a watch; returns how many documents have been printed."""
    if printer is not None:
        session.out(printer.print(obj, event_type))
        return printed + 1
    from ..printers.formats import list_items

    objects = list_items(obj) if listing else [obj]
    for item in objects:
        session.out(_watch_text(session, event_type, item, printed))
        printed += 1
    return printed


def _watch_text(session: Session, event_type: str, obj: dict[str, Any], printed: int) -> str:
    output = session.flag("output")
    if session.flag("output-watch-events") and output in ("json", "yaml"):
        from ..printers.formats import watch_event_text

        return watch_event_text(event_type, obj, output, separator=printed > 0)
    if output == "yaml":
        from ..printers.formats import to_yaml_text

        return to_yaml_text(obj, show_managed_fields=session.flag("show-managed-fields"), separator=printed > 0)
    return format_objects(session, obj)
