"""`mkctl describe TYPE [NAME_PREFIX...] | TYPE/NAME... [-l SELECTOR] [-A] [--show-events]`: fetch the objects
and the lists their describer asks for (`describe.requests`), print kubectl's text for each (cli/mkctl/describe),
objects separated by a blank line; `TYPE NAME` that is not found describes every object whose name starts with
NAME, as kubectl does."""

from __future__ import annotations

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from . import _targets
from ._targets import Obj, Target

NO_TYPE = ('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete '
           "list of supported resources.")


def run(session: Session) -> int:
    args = session.args
    if not args and not session.flag("filename"):
        raise ClientError(NO_TYPE)
    all_namespaces = session.flag("all-namespaces")
    selector = session.flag("selector")
    show_events = session.flag("show-events")
    targets = _targets.from_args_or_files(session)
    texts: list[str] = []
    errors: list[str] = []
    found = 0
    for target in targets:
        try:
            objects = [_targets.get(session, target)] if target.name else \
                _targets.list_all(session, target.resource, selector=selector, all_namespaces=all_namespaces,
                                  chunk_size=session.flag("chunk-size"))
        except APIError as err:
            if err.reason == "NotFound" and len(args) == 2 and "/" not in args[0]:
                return _describe_prefix(session, target, err, show_events)
            errors.append(err.message)
            continue
        found += len(objects)
        for obj in objects:
            try:
                texts.append(describe_one(session, obj, show_events))
            except APIError as err:
                if err.message not in errors:
                    errors.append(err.message)
    session.out("\n\n".join(texts))
    if not found and not errors:   # kubectl's describe names the namespace even for cluster-scoped types
        session.err(_targets.no_resources(session, all_namespaces))
    if errors:
        raise ClientError("\n".join(errors))
    return 0


def _describe_prefix(session: Session, target: Target, not_found: APIError, show_events: bool) -> int:
    """kubectl's DescribeMatchingResources: every object whose name starts with the prefix, each followed by a
    blank line; none: the NotFound of the exact name."""
    matching = [obj for obj in _targets.list_all(session, target.resource, chunk_size=session.flag("chunk-size"))
                if (obj.get("metadata") or {}).get("name", "").startswith(target.name)]
    if not matching:
        raise not_found
    for obj in matching:
        session.out(describe_one(session, obj, show_events) + "\n")
    return 0


def describe_one(session: Session, obj: Obj, show_events: bool) -> str:
    """The describe text of one object, with the lists its describer needs fetched."""
    from .. import describe

    kind = describe.kind_of(obj)
    events: list[Obj] = []
    related: dict[str, list[Obj]] = {}
    for request in describe.requests(kind, obj, show_events=show_events):
        query = [(key, value) for key, value in (("fieldSelector", request.field_selector),
                                                 ("labelSelector", request.label_selector)) if value]
        try:
            items = session.client.request_json("GET", request.path, query=query).get("items") or []
        except APIError as err:
            if _tolerated(request.key, kind, err):
                continue
            raise
        if request.key == "events":
            events += items
        else:
            related.setdefault(request.key, []).extend(items)
    return describe.describe(kind, obj, events=events if show_events else None, related=related)


def _tolerated(key: str, kind: tuple[str, str], err: APIError) -> bool:
    """The failed lists kubectl's describers do without (see `describe.ListRequest`)."""
    if key in ("events", "replicasets", "endpointslices"):
        return True
    if key in ("resourcequotas", "limitranges"):
        return err.reason == "NotFound"
    return kind == ("", "Node") and key == "pods" and err.reason == "Forbidden"
