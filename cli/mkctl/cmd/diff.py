"""`mkctl diff -f`: what apply would change. For each object of the files, the live object (GET) and the merged
one (a server dry run: the client-side three-way patch, a dry-run create for a new object, or with `--server-side`
a dry-run apply patch) are written as YAML — managedFields left out (unless `--show-managed-fields`), Secret
data masked — into kubectl's temporary directories
(`$TMPDIR/LIVE-<digits>`, `MERGED-<digits>`, files named `<group.>version.Kind.namespace.name`), then
`$KUBECTL_EXTERNAL_DIFF` (default `diff -u -N`) compares the two directories.

Exit status as kubectl's: 0 no differences, 1 differences, >1 mkctl or diff failed (errors exit 2)."""

from __future__ import annotations

import os
import random
import shlex
import shutil
import subprocess
import tempfile
from typing import TYPE_CHECKING, Any

from minikube_py.client.errors import APIError, ClientError

from ..builder import objects, refuse_kustomize, report

if TYPE_CHECKING:
    from ..builder import Info
    from ..session import Session

Obj = dict[str, Any]


def run(session: Session) -> int:
    try:
        return _diff(session)
    except ClientError as err:
        return report(session, [err]) + 1   # kubectl's CheckDiffErr: errors exit 2


def _diff(session: Session) -> int:
    from .apply import Options

    refuse_kustomize(session, "diff")
    if not session.flag("filename"):
        raise ClientError("error: must specify one of -f and -k")
    server_side = bool(session.flag("server-side"))
    if session.flag("force-conflicts") and not server_side:
        raise ClientError("error: --force-conflicts only works with --server-side")
    manager = session.flag("field-manager") if session.given("field-manager") or not server_side else "kubectl"
    opts = Options("server", server_side, bool(session.flag("force-conflicts")), manager, "Strict")
    infos = objects(session, validate=True)
    if infos.errors:
        return report(session, infos.errors) + 1
    pairs: list[tuple[Info, Obj | None, Obj]] = []
    errors: list[ClientError] = []
    for info in infos:
        try:
            pairs.append((info, *_live_and_merged(session, info, opts)))
        except ClientError as err:
            errors.append(err)
    if errors:
        return report(session, errors) + 1
    return _run_differ(session, pairs)


def _live_and_merged(session: Session, info: Info, opts: Any) -> tuple[Obj | None, Obj]:
    from .apply import LAST_APPLIED, patch_error, three_way_patch

    client = session.client
    try:
        live = client.get(info.resource, info.name, info.namespace)
    except APIError as err:
        if err.code != 404:
            raise
        live = None
    if opts.server_side:
        return live, client.patch(info.resource, info.name, info.obj, info.namespace, patch_type="apply",
                                  dry_run=True, field_manager=opts.field_manager, force=opts.force_conflicts)
    if live is None:
        try:
            return None, client.create(info.resource, info.obj, info.namespace, dry_run=True)
        except APIError as err:
            raise err.with_source("creating", info.source) from None
    metadata = info.obj.get("metadata") or {}
    others = {key: value for key, value in (metadata.get("annotations") or {}).items() if key != LAST_APPLIED}
    modified = {**info.obj, "metadata": {**metadata, "annotations": others}}
    last_applied = ((live.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)
    patch, patch_type = three_way_patch(info, modified, live, last_applied)
    if not patch:
        return live, live
    try:
        return live, client.patch(info.resource, info.name, patch, info.namespace, patch_type=patch_type,
                                  dry_run=True, field_manager=opts.field_manager)
    except APIError as err:
        raise patch_error(err, info, patch) from None


def file_name(info: Info) -> str:
    """kubectl's InfoObject.Name(): `apps.v1.Deployment.default.web`, `v1.ConfigMap.default.x`."""
    resource = info.resource
    group = f"{resource.group}." if resource.group else ""
    return f"{group}{resource.version}.{resource.kind}.{info.namespace}.{info.name}"


def _printable(session: Session, obj: Obj | None, other: Obj | None, before: bool) -> str:
    from ..printers.formats import to_yaml_text

    if obj is None:
        return ""
    if obj.get("kind") == "Secret" and obj.get("apiVersion") == "v1":
        obj = _masked(obj, other, before)
    return to_yaml_text(obj, show_managed_fields=bool(session.flag("show-managed-fields")))


def _masked(secret: Obj, other: Obj | None, before: bool) -> Obj:
    """kubectl's Secret masker: values become `***`, `*** (before)`/`*** (after)` where the two sides differ."""
    masked = dict(secret)
    for field in ("data", "stringData"):
        values = secret.get(field)
        if not isinstance(values, dict):
            continue
        theirs = (other or {}).get(field) or {}
        changed = " (before)" if before else " (after)"
        masked[field] = {key: "***" + (changed if key in theirs and theirs[key] != value else "")
                         for key, value in values.items()}
    return masked


def _temp_dir(prefix: str) -> str:
    """Go's os.MkdirTemp("", prefix): a fresh directory named with random digits."""
    base = tempfile.gettempdir()
    while True:
        path = os.path.join(base, f"{prefix}{random.randrange(1, 4294967295)}")
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue


def _run_differ(session: Session, pairs: list[tuple[Info, Obj | None, Obj]]) -> int:
    live_dir, merged_dir = _temp_dir("LIVE-"), _temp_dir("MERGED-")
    try:
        for info, live, merged in pairs:
            name = file_name(info)
            with open(os.path.join(live_dir, name), "w", encoding="utf-8") as handle:
                handle.write(_printable(session, live, merged, True))
            with open(os.path.join(merged_dir, name), "w", encoding="utf-8") as handle:
                handle.write(_printable(session, merged, live, False))
        external = os.environ.get("KUBECTL_EXTERNAL_DIFF", "")
        command = shlex.split(external) if external else ["diff", "-u", "-N"]
        if not command or shutil.which(command[0]) is None:
            raise ClientError(f'error: failed to run "{command[0] if command else external}": executable file '
                              "not found in $PATH")
        session.stdout.flush()
        completed = subprocess.run([*command, live_dir, merged_dir], stdout=session.stdout, stderr=session.stderr)
        return completed.returncode
    finally:
        shutil.rmtree(live_dir, ignore_errors=True)
        shutil.rmtree(merged_dir, ignore_errors=True)
