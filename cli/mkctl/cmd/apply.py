"""`mkctl apply -f`: kubectl's client-side apply (GET; POST with the last-applied-configuration annotation, or
PATCH with the three-way strategic merge patch — a JSON merge patch for custom resources — and `created`,
`configured`, `unchanged` as kubectl decides them), `--server-side` (apply patches, `--force-conflicts`,
`--field-manager`), `--prune` (`-l`/`--all`, kubectl's default allowlist or `--prune-allowlist`), `--dry-run`,
`-o`, `--validate`; every document is tried, each failure reported, exit 1. Also `apply view-last-applied`.

`apply_one(session, info, ...)` is the per-object step `diff` reuses (with a server dry run)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minikube_py.client.errors import APIError, ClientError

from ..builder import objects, refuse_kustomize, report, selected

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource

    from ..builder import Info
    from ..session import Session
    from .delete import DeleteOptions

Obj = dict[str, Any]
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
SERVER_SIDE_MANAGER = "kubectl"
PROGRESS_FROM = 20   # objects from which a terminal shows a progress bar
# kubectl's default --prune allowlist (prune.go): (group, version, kind), namespaced ones first
PRUNE_DEFAULTS = (("", "v1", "ConfigMap"), ("", "v1", "Endpoints"), ("", "v1", "PersistentVolumeClaim"),
                  ("", "v1", "Pod"), ("", "v1", "ReplicationController"), ("", "v1", "Secret"), ("", "v1", "Service"),
                  ("batch", "v1", "Job"), ("batch", "v1", "CronJob"), ("networking.k8s.io", "v1", "Ingress"),
                  ("apps", "v1", "DaemonSet"), ("apps", "v1", "Deployment"), ("apps", "v1", "ReplicaSet"),
                  ("apps", "v1", "StatefulSet"), ("", "v1", "Namespace"), ("", "v1", "PersistentVolume"))
MISSING_ANNOTATION = ("Warning: resource {plural}/{name} is missing the "
                      "kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl "
                      "apply. kubectl apply should only be used on resources created declaratively by either kubectl "
                      "create --save-config or kubectl apply. The missing annotation will be patched "
                      "automatically.\n")
CONFLICT_ADVICE = """
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the `--force-conflicts` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts"""


@dataclass
class Options:
    """What applying one object depends on."""

    dry_run: str = ""              # "" (none), client, server
    server_side: bool = False
    force_conflicts: bool = False
    field_manager: str = "kubectl-client-side-apply"
    validation: str = "Strict"


def options(session: Session) -> Options:
    """The apply flags of the session, checked as kubectl checks them."""
    from ._targets import dry_run
    from .create import validation_directive

    strategy = dry_run(session)
    server_side = bool(session.flag("server-side"))
    if server_side and strategy == "client":
        raise ClientError("error: --dry-run=client doesn't work with --server-side (did you mean --dry-run=server "
                          "instead?)")
    if session.flag("force-conflicts") and not server_side:
        raise ClientError("error: --force-conflicts only works with --server-side")
    manager = session.flag("field-manager")
    if server_side and not session.given("field-manager"):
        manager = SERVER_SIDE_MANAGER
    return Options(strategy, server_side, bool(session.flag("force-conflicts")), manager,
                   validation_directive(session))


def run(session: Session) -> int:
    from .create import check_output

    refuse_kustomize(session, "apply")
    if not session.flag("filename"):
        raise ClientError("error: must specify one of -f and -k")
    check_output(session)
    opts = options(session)
    prune = _prune_setup(session) if session.flag("prune") else None
    infos = objects(session, empty_message="no objects passed to apply")
    errors: list[ClientError] = list(infos.errors)
    results: list[Obj] = []
    visited: list[Info] = []
    chosen = selected(session, infos)
    with progress_bar(session, len(chosen), "applying") as advance:
        for info in chosen:
            advance()
            try:
                operation, result = apply_one(session, info, opts)
            except ClientError as err:
                errors.append(err)
                continue
            visited.append(info)
            results.append(result)
            _print_line(session, result, operation, opts)
    if session.flag("output") and session.flag("output") != "name" and results:
        _print_objects(session, results)
    if errors:
        return report(session, errors)
    if prune is not None:
        _prune(session, prune, visited, results, opts)
    return 0


@contextmanager
def progress_bar(session: Session, total: int, label: str) -> Iterator[Callable[[], None]]:
    """A rich progress bar on a terminal's stderr for long runs (`PROGRESS_FROM` objects or more), erased at the
    end; the command's lines still print (above the bar when stdout is the same terminal). Elsewhere: nothing."""
    stderr = session.stderr
    if total < PROGRESS_FROM or not (hasattr(stderr, "isatty") and stderr.isatty()):
        yield lambda: None
        return
    import sys

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    same_terminal = hasattr(session.stdout, "isatty") and session.stdout.isatty()
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=Console(file=stderr),
                  transient=True, redirect_stdout=same_terminal, redirect_stderr=False) as progress:
        task = progress.add_task(label, total=total)
        saved = session.stdout
        if same_terminal:
            session.stdout = sys.stdout   # rich's proxy, printing above the bar
        try:
            yield lambda: progress.advance(task)
        finally:
            session.stdout = saved


def _print_objects(session: Session, results: list[Obj]) -> None:
    """The objects at the end, as kubectl's apply prints them: one alone, several as a (typed) v1 List."""
    from .create import print_object

    if len(results) == 1:
        print_object(session, results[0], "")
        return
    if session.flag("output") == "json":   # metav1.List's field order; its items keep the unstructured one
        from minikube_py.api.generators.output import to_json

        from ..printers._gofmt import sorted_keys
        from ..printers.formats import without_managed_fields

        managed = session.flag("show-managed-fields")
        items = [sorted_keys(item if managed else without_managed_fields(item)) for item in results]
        session.out(to_json({"kind": "List", "apiVersion": "v1", "metadata": {}, "items": items}))
        return
    print_object(session, {"apiVersion": "v1", "items": results, "kind": "List", "metadata": {}}, "")


def _print_line(session: Session, obj: Obj, operation: str, opts: Options) -> None:
    from ..printers.formats import to_name_text
    from ._targets import dry_run_suffix

    output = session.flag("output")
    if not output:
        session.out(to_name_text(obj, operation + dry_run_suffix(opts.dry_run)))
    elif output == "name":
        session.out(to_name_text(obj))


# -- one object ------------------------------------------------------------------------------------------------

def apply_one(session: Session, info: Info, opts: Options) -> tuple[str, Obj]:
    """Apply one object: the operation kubectl reports (`created`, `configured`, `unchanged`,
    `serverside-applied`) and the object it got back (or would have, for a client dry run)."""
    client = session.client
    dry = opts.dry_run == "server"
    if opts.server_side:
        try:
            result = client.patch(info.resource, info.name, info.obj, info.namespace, patch_type="apply",
                                  dry_run=dry, field_manager=opts.field_manager,
                                  field_validation=opts.validation, force=opts.force_conflicts)
        except APIError as err:
            if err.code == 409:
                raise ClientError(f"error: {err.status_message}{CONFLICT_ADVICE}") from None
            raise err.with_source("patching", info.source) from None
        return "serverside-applied", result
    modified = with_last_applied(info.obj)
    try:
        live = client.get(info.resource, info.name, info.namespace)
    except APIError as err:
        if err.code != 404:
            raise _retrieving_error(err, info) from None
        if opts.dry_run == "client":
            return "created", modified
        try:
            return "created", client.create(info.resource, modified, info.namespace, dry_run=dry,
                                            field_manager=opts.field_manager, field_validation=opts.validation)
        except APIError as created_err:
            raise created_err.with_source("creating", info.source) from None
    annotations = (live.get("metadata") or {}).get("annotations") or {}
    if LAST_APPLIED not in annotations:
        session.err(MISSING_ANNOTATION.format(plural=info.resource.plural, name=info.name))
    if opts.dry_run == "client":
        return "configured", live
    if contained(modified, live):   # the patch would be empty: no need to load the schemas to compute it
        return "unchanged", live
    patch, patch_type = three_way_patch(info, modified, live, annotations.get(LAST_APPLIED))
    if not patch:
        return "unchanged", live
    try:
        result = client.patch(info.resource, info.name, patch, info.namespace, patch_type=patch_type, dry_run=dry,
                              field_manager=opts.field_manager, field_validation=opts.validation)
    except APIError as err:
        raise patch_error(err, info, patch) from None
    return "configured", result


def contained(wanted: Any, live: Any) -> bool:
    """Whether `live` already has every value of `wanted` (maps: a subset, lists: item by item, same length) —
    then the three-way patch is empty, as `wanted` carries the last-applied annotation `live` has."""
    if isinstance(wanted, dict):
        return isinstance(live, dict) and all(key in live and contained(value, live[key])
                                              for key, value in wanted.items())
    if isinstance(wanted, list):
        return isinstance(live, list) and len(wanted) == len(live) and all(map(contained, wanted, live))
    return type(wanted) is type(live) and wanted == live or \
        isinstance(wanted, (int, float)) and isinstance(live, (int, float)) and not isinstance(wanted, bool) \
        and not isinstance(live, bool) and wanted == live


def with_last_applied(obj: Obj) -> Obj:
    """kubectl's GetModifiedConfiguration for an object read from a file: the object carrying, as its
    last-applied-configuration, its own compact JSON (keys sorted, that annotation left out, a final newline)."""
    from ..printers._gofmt import go_json

    metadata = obj.get("metadata") or {}
    others = {key: value for key, value in (metadata.get("annotations") or {}).items() if key != LAST_APPLIED}
    encoded = go_json({**obj, "metadata": {**metadata, "annotations": others}}) + "\n"
    return {**obj, "metadata": {**metadata, "annotations": {**others, LAST_APPLIED: encoded}}}


def three_way_patch(info: Info, modified: Obj, live: Obj, last_applied: str | None) -> tuple[Obj, str]:
    """The three-way patch from the last applied configuration, the new one and the live object."""
    from minikube_py.api import schemas
    from minikube_py.api.patch import strategic

    original = None
    if last_applied:
        try:
            original = json.loads(last_applied)
        except ValueError:
            original = None
    resource = info.resource
    schema_name = schemas.definition_name(resource.group, resource.version, resource.kind)
    patch = strategic.three_way(original, modified, live, schema_name)
    return patch, "strategic" if schema_name is not None else "merge"


def _describe_target(info: Info) -> str:
    resource = info.resource
    return (f'Resource: "{resource.group}/{resource.version}, Resource={resource.plural}", GroupVersionKind: '
            f'"{resource.group}/{resource.version}, Kind={resource.kind}"\n'
            f'Name: "{info.name}", Namespace: "{info.namespace}"')


def _retrieving_error(err: APIError, info: Info) -> APIError:
    return APIError({**err.status, "message": f"error when retrieving current configuration of:\n"
                     f'{_describe_target(info)}\nfrom server for: "{info.source}": {err.status_message}'})


def patch_error(err: APIError, info: Info, patch: Obj) -> APIError:
    from ..printers._gofmt import go_json

    return APIError({**err.status, "message": f"error when applying patch:\n{go_json(patch)}\nto:\n"
                     f'{_describe_target(info)}\nfor: "{info.source}": error when patching "{info.source}": '
                     f"{err.status_message}"})


# -- prune -----------------------------------------------------------------------------------------------------

@dataclass
class _Prune:
    resources: list[Resource]
    deletion: DeleteOptions   # --cascade, --grace-period


def _prune_setup(session: Session) -> _Prune:
    if not session.flag("all") and not session.flag("selector"):
        raise ClientError("error: all resources selected for prune without explicitly passing --all. To prune all "
                          "resources, pass the --all flag. If you did not mean to prune all resources, specify a "
                          "label selector")
    if session.flag("all") and session.flag("selector"):
        raise ClientError("error: cannot set --all and --selector at the same time")
    wanted = []
    for text in session.flag("prune-allowlist") or ():
        parts = text.split("/")
        if len(parts) != 3:
            raise ClientError(f"error: invalid GroupVersionKind format: {text}, please follow <group/version/kind>")
        group = "" if parts[0] == "core" else parts[0]
        wanted.append((group, parts[1], parts[2]))
    if session.given("namespace") and not wanted:
        from ._targets import klog_warning

        session.err(klog_warning("prune.go:71", "Deprecated: kubectl apply will no longer prune non-namespaced "
                                 "resources by default when used with the --namespace flag in a future release. To "
                                 "preserve the current behaviour, list the resources you want to target explicitly "
                                 "in the --prune-allowlist flag."))
    registry = session.discovery.registry()
    found = [registry.by_kind(*gvk) for gvk in (wanted or PRUNE_DEFAULTS)]
    from .delete import delete_options

    return _Prune([resource for resource in found if resource is not None],
                  delete_options(session, immediate_force=False))


def _prune(session: Session, prune: _Prune, visited: list[Info], results: list[Obj], opts: Options) -> None:
    """Delete what the selector matches, apply created (annotated) and this run did not apply."""
    from ..printers.formats import to_name_text
    from ._targets import dry_run_suffix

    applied = {(result.get("metadata") or {}).get("uid") for result in results}
    applied_names = {(info.resource.group, info.resource.kind, info.namespace, info.name) for info in visited}
    namespaces = sorted({info.namespace for info in visited if info.resource.namespaced})
    selector = session.flag("selector")
    for resource in prune.resources:
        for namespace in (namespaces if resource.namespaced else [""]):
            listing = session.client.list(resource, namespace, label_selector=selector)
            for item in listing.get("items") or ():
                metadata = item.get("metadata") or {}
                if LAST_APPLIED not in (metadata.get("annotations") or {}):
                    continue
                key = (resource.group, resource.kind, namespace, metadata.get("name"))
                if metadata.get("uid") in applied or key in applied_names:
                    continue
                if opts.dry_run != "client":
                    session.client.delete(resource, metadata["name"], namespace, dry_run=opts.dry_run == "server",
                                          options=prune.deletion.body())
                item = {**item, "apiVersion": resource.group_version, "kind": resource.kind}
                suffix = "" if session.flag("output") == "name" else " pruned" + dry_run_suffix(opts.dry_run)
                session.out(to_name_text(item).rstrip("\n") + suffix + "\n")


# -- view-last-applied -----------------------------------------------------------------------------------------

def view_last_applied(session: Session) -> int:
    """`apply view-last-applied (TYPE NAME | TYPE/NAME | -f FILE)`: the annotation as YAML or JSON."""
    output = session.flag("output")
    if output not in ("yaml", "json"):
        raise ClientError(f"error: Unexpected -o output mode: {output}, the flag 'output' must be one of yaml|json")
    found = _live_objects(session)
    for index, (*_, live) in enumerate(found):
        text = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
        if text is None:   # kubectl prints nothing for it
            continue
        document = json.loads(text)
        if output == "json":
            session.out(json.dumps(document, indent=2) + "\n")
        else:
            from ..printers.formats import to_yaml_text

            session.out(("---\n" if index else "") + to_yaml_text(document, show_managed_fields=True))
    return 0


# -- set-last-applied ------------------------------------------------------------------------------------------

def set_last_applied(session: Session) -> int:
    """`apply set-last-applied -f FILE`: the annotation of each live object set to the file's object (a merge
    patch of that annotation only); `--create-annotation` for objects that have none."""
    from ..printers._gofmt import go_json
    from ._targets import dry_run
    from .create import check_output, print_object

    check_output(session)
    strategy = dry_run(session)
    infos = objects(session)
    errors: list[ClientError] = list(infos.errors)
    for info in infos:
        metadata = dict(info.obj.get("metadata") or {})
        if LAST_APPLIED in (metadata.get("annotations") or {}):
            metadata["annotations"] = {k: v for k, v in metadata["annotations"].items() if k != LAST_APPLIED}
        wanted = go_json({**info.obj, "metadata": metadata}) + "\n"
        try:
            live = session.client.get(info.resource, info.name, info.namespace)
        except APIError as err:
            errors.append(_retrieving_error(err, info))
            continue
        current = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
        if current is None and not session.flag("create-annotation"):
            errors.append(ClientError(f"error: no last-applied-configuration annotation found on resource: "
                                      f"{info.name}, to create the annotation, run the command with "
                                      "--create-annotation"))
            continue
        if current == wanted:
            session.out(f"set-last-applied {info.name}: no changes required.\n")
            continue
        if strategy != "client":
            live = session.client.patch(info.resource, info.name, {"metadata": {"annotations": {LAST_APPLIED: wanted}}},
                                        info.namespace, patch_type="merge", dry_run=strategy == "server")
        print_object(session, live, "configured", strategy)
    return report(session, errors)


# -- edit-last-applied -----------------------------------------------------------------------------------------

def edit_last_applied(session: Session) -> int:
    """`apply edit-last-applied (TYPE NAME | TYPE/NAME | -f FILE)`: each object's last-applied configuration in
    the editor (`$KUBE_EDITOR`, `$EDITOR`, vi; YAML or `-o json`), saved back into the annotation (a merge patch
    of that annotation only): `configmap/x edited`. mkctl does not re-open an edit the server refuses."""
    import os

    from ..printers._gofmt import go_json
    from .edit import HEADER, _encode, _launch, _strip

    output = session.flag("output") or "yaml"
    if output not in ("yaml", "json"):
        raise ClientError(f"error: the edit mode '{output}' is not supported, must be one of: yaml, json")
    errors: list[ClientError] = []
    for display, resource, namespace, live in _live_objects(session):
        name = (live.get("metadata") or {}).get("name", "")
        text = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
        if text is None:
            errors.append(ClientError(f"error: no last-applied-configuration annotation found on resource: {name}"))
            continue
        original = _encode(json.loads(text), output)
        edited, path = _launch(HEADER + original, output)
        os.unlink(path)
        if _strip(edited) == _strip(original):
            session.err("Edit cancelled, no changes made.\n")
            continue
        import yaml

        try:
            changed = yaml.safe_load(_strip(edited))
        except yaml.YAMLError as err:
            errors.append(ClientError(f"error: {err}"))
            continue
        patch = {"metadata": {"annotations": {LAST_APPLIED: go_json(changed) + "\n"}}}
        try:
            session.client.patch(resource, name, patch, namespace, patch_type="merge",
                                 field_manager=session.flag("field-manager"))
        except APIError as err:
            errors.append(err)
            continue
        session.out(f"{display} edited\n")
    return report(session, errors)


def _live_objects(session: Session) -> list[tuple[str, Resource, str, Obj]]:
    """(`kind.group/name`, resource, namespace, live object) of the arguments or of `-f`."""
    from . import _targets

    found: list[tuple[str, Resource, str, Obj]] = []
    if session.flag("filename"):
        for info in objects(session):
            live = session.client.get(info.resource, info.name, info.namespace)
            found.append((_targets.display_name(info.resource, info.name), info.resource, info.namespace, live))
        return found
    if not session.args:
        raise ClientError("error: You must provide one or more resources by argument or filename.\n"
                          "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                          "   '<resource> <name>'\n   '<resource>'")
    for target in _targets.parse(session, session.args):
        namespace = _targets.namespace_of(session, target.resource)
        if target.name:
            items = [_targets.get(session, target)]
        else:
            items = _targets.list_all(session, target.resource, selector=session.flag("selector")
                                      if session.command.flags().lookup("selector") else "")
        for item in items:
            name = (item.get("metadata") or {}).get("name", "")
            found.append((_targets.display_name(target.resource, name), target.resource, namespace, item))
    return found
