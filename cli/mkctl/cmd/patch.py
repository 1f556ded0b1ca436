"""`mkctl patch (-f FILE | TYPE NAME) (-p PATCH | --patch-file F) [--type strategic|merge|json]`: the patch sent
as kubectl sends it (YAML or JSON, converted to JSON), `patched` / `patched (no change)`, `--local`,
`--dry-run`, `--subresource`.

Also the part every command that changes existing objects shares (label, annotate, scale, set, autoscale,
expose): `find_objects`, kubectl's resource builder over `TYPE NAME...`, `TYPE/NAME...`, `TYPE -l SEL`,
`TYPE --all` and `-f FILE` (`--local`: the files' objects as they are), errors collected as kubectl's
ContinueOnError collects them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minikube_py.client.errors import APIError, ClientError

from . import _targets
from .create import CLIENT, SERVER, dry_run_strategy, print_object

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource

    from ..session import Session

Obj = dict[str, Any]
PATCH_TYPES = ("json", "merge", "strategic")


@dataclass
class Found:
    """One object to change: its resource and the object as read (from the server, or a file with --local)."""

    resource: Resource
    obj: Obj

    @property
    def name(self) -> str:
        return str((self.obj.get("metadata") or {}).get("name") or "")

    @property
    def namespace(self) -> str:
        return str((self.obj.get("metadata") or {}).get("namespace") or "") if self.resource.namespaced else ""


@dataclass
class Objects:
    """What the builder found, the errors met, and whether one object was named (IntoSingleItemImplied)."""

    items: list[Found] = field(default_factory=list)
    errors: list[ClientError] = field(default_factory=list)
    single: bool = False


def _flag(session: Session, name: str, default: Any = None) -> Any:
    return session.flag(name) if session.command.flags().lookup(name) is not None else default


def find_objects(session: Session, args: list[str], *, local: bool = False, latest: bool = True,
                 subresource: str = "") -> Objects:
    """The objects of `-f` files and of `args` (TYPE NAME..., TYPE/NAME..., TYPE with -l/--all/-A)."""
    found = Objects()
    filenames = _flag(session, "filename", []) or []
    if filenames:
        from ..builder import objects

        infos = objects(session)
        found.errors += infos.errors
        found.single = len(infos.items) == 1 and len(filenames) == 1
        for info in infos:
            if local:
                found.items.append(Found(info.resource, info.obj))
                continue
            try:
                if latest or subresource:
                    obj = session.client.get(info.resource, info.name, info.namespace, subresource=subresource)
                else:
                    obj = info.obj
                found.items.append(Found(info.resource, _targets.with_kind(obj, info.resource)))
            except APIError as err:
                found.errors.append(err)
    if local or not args:
        return found
    selector, field_selector = _flag(session, "selector", ""), _flag(session, "field-selector", "")
    every, everywhere = _flag(session, "all", False), _flag(session, "all-namespaces", False)
    targets = _targets.parse(session, args)
    named = [target for target in targets if target.name]
    found.single = found.single or (len(named) == 1 and len(targets) == 1 and not filenames)
    for target in targets:
        if target.name:
            try:
                obj = session.client.get(target.resource, target.name,
                                         _targets.namespace_of(session, target.resource), subresource=subresource)
                found.items.append(Found(target.resource, _targets.with_kind(obj, target.resource)))
            except APIError as err:
                found.errors.append(err)
        elif selector or field_selector or every:
            found.items += [Found(target.resource, obj) for obj in _targets.list_all(
                session, target.resource, selector=selector, field_selector=field_selector,
                all_namespaces=everywhere)]
        else:
            raise ClientError("error: resource(s) were provided, but no name was specified")
    return found


def report(session: Session, errors: list[ClientError]) -> int:
    """kubectl's CheckErr for the collected errors (0 without any)."""
    from ..builder import report as builder_report

    return builder_report(session, errors)


def run(session: Session) -> int:
    patch_text, patch_file, kind = session.flag("patch"), session.flag("patch-file"), session.flag("type")
    local = session.flag("local")
    strategy = dry_run_strategy(session)
    problem = ""
    if patch_text and patch_file:
        problem = "cannot specify --patch and --patch-file together"
    elif not patch_text and not patch_file:
        problem = "must specify --patch or --patch-file containing the contents of the patch"
    elif local and session.args:
        problem = "cannot specify --local and server resources"
    elif local and strategy == SERVER:
        problem = "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
    elif kind and kind.lower() not in PATCH_TYPES:
        problem = f'--type must be one of [json merge strategic], not "{kind}"'
    if problem:
        raise ClientError(f"error: {problem}")
    patch_type = (kind or "strategic").lower()
    patch = _patch_body(patch_text, patch_file)
    subresource = session.flag("subresource")
    found = find_objects(session, session.args, local=local, latest=False, subresource=subresource)
    if not found.items and not found.errors:
        raise ClientError("error: no objects passed to patch")
    errors = list(found.errors)
    for item in found.items:
        try:
            if local or strategy == CLIENT:
                patched = patched_locally(item.obj, patch, patch_type)
            else:
                patched = session.client.patch(item.resource, item.name, patch, item.namespace,
                                               patch_type=patch_type, subresource=subresource,
                                               dry_run=strategy == SERVER,
                                               field_manager=session.flag("field-manager"))
        except APIError as err:
            if err.code == 415:
                err = APIError({**err.status, "message": f"{_PATCH_MEDIA[patch_type]} is not supported by "
                                f"{_gvk(item.obj)}: {err.status_message}"})
            errors.append(err)
            continue
        except ClientError as err:
            errors.append(err)
            continue
        print_object(session, patched, "patched" if patched != item.obj else "patched (no change)")
    return report(session, errors)


_PATCH_MEDIA = {"json": "application/json-patch+json", "merge": "application/merge-patch+json",
                "strategic": "application/strategic-merge-patch+json"}


def _gvk(obj: Obj) -> str:
    group, _, version = str(obj.get("apiVersion", "")).rpartition("/")
    return f"{group}/{version}, Kind={obj.get('kind', '')}"


def _patch_body(text: str, path: str) -> Any:
    """The patch as kubectl sends it: the text (or file) read as YAML or JSON (yaml.ToJSON)."""
    if path:
        try:
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
        except OSError as err:
            raise ClientError(f"error: unable to read patch file: open {path}: "
                              f"{(err.strerror or '').lower()}") from None
    if text.lstrip().startswith("{"):   # apimachinery's yaml.ToJSON passes what looks like JSON through as it is
        return text
    import yaml

    from ..builder import _go_yaml_line, _json_shaped, _loader

    try:
        return _json_shaped(yaml.load(text, Loader=_loader()))
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or str(err)
        raise ClientError(f"error: unable to parse {json.dumps(text)}: yaml: {_go_yaml_line(err)}{problem}") from None


def patched_locally(obj: Obj, patch: Any, patch_type: str) -> Obj:
    """getPatchedJSON: the patch applied to `obj` on the client (--local, --dry-run=client)."""
    from minikube_py.api.errors import StatusError
    from minikube_py.api.patch import json_patch, merge_patch, strategic
    from minikube_py.api.schemas import definition_name

    try:
        if isinstance(patch, str):
            patch = json.loads(patch)
        if patch_type == "json":
            return json_patch.apply(obj, patch)
        if patch_type == "merge":
            return merge_patch.apply(obj, patch)
        group, _, version = str(obj.get("apiVersion", "")).rpartition("/")
        definition = definition_name(group, version, str(obj.get("kind", "")))
        if definition is None:
            raise ClientError(f"error: strategic merge patch is not supported for {_gvk(obj)} locally, "
                              "try --type merge")
        return strategic.apply(obj, patch, definition)
    except StatusError as err:
        raise ClientError(f"error: {err.message}") from None
    except json.JSONDecodeError as err:
        raise ClientError(f"error: invalid character in the patch: {err.msg}") from None
    except ValueError as err:
        raise ClientError(f"error: {err}") from None
