"""`mkctl edit TYPE NAME | TYPE/NAME... [-o yaml|json]`: kubectl's edit loop. The objects go to a temporary file
under kubectl's header, `$KUBE_EDITOR` / `$EDITOR` / `vi` edits it, the changes go back as a strategic merge patch
(fieldManager kubectl-edit); an unparsable or refused edit re-opens the file with the errors as a comment header,
saving the same invalid text twice stops (`Edit cancelled, no valid changes were saved.`), no change at all is
`Edit cancelled, no changes made.`. `--subresource=status|scale` edits that subresource."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from . import _targets
from ._targets import Obj, Target

HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
          "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
          "# reopened with the relevant failures.\n#\n")


def run(session: Session) -> int:
    output = session.flag("output") or "yaml"
    if output not in ("yaml", "json"):
        raise ClientError(f"error: the edit mode '{output}' is not supported, must be one of: yaml, json")
    targets = _targets.from_args_or_files(session)
    if not targets:
        raise ClientError("error: you must provide one or more resources by argument or filename.\n"
                          "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                          "   '<resource> <name>'\n   '<resource>'")
    subresource = session.flag("subresource")
    objects = [(target, _targets.with_kind(session.client.get(
        target.resource, target.name, _targets.target_namespace(session, target), subresource=subresource),
        target.resource)) for target in targets if target.name]
    shown = [_for_editing(obj, session.flag("show-managed-fields")) for _, obj in objects]
    document = shown[0] if len(shown) == 1 else {"apiVersion": "v1", "kind": "List", "metadata": {},
                                                   "items": shown}
    original = _encode(document, output)
    reasons: list[str] = []
    previous = ""
    text = original
    while True:
        edited, path = _launch(HEADER + "".join(reasons) + text, output)
        if reasons and _strip(edited) == _strip(previous):
            session.err(f'A copy of your changes has been stored to "{path}"\n')
            raise ClientError("error: Edit cancelled, no valid changes were saved.")
        if _strip(edited) == _strip(original):
            os.unlink(path)
            session.err("Edit cancelled, no changes made.\n")
            return 0
        previous, text = edited, _strip(edited)
        reasons = _save(session, objects, edited)
        if not reasons:
            os.unlink(path)
            return 0


def _for_editing(obj: Obj, show_managed_fields: bool) -> Obj:
    if show_managed_fields:
        return obj
    from ..printers.formats import without_managed_fields

    return without_managed_fields(obj)


def _encode(document: Obj, output: str) -> str:
    if output == "json":
        return json.dumps(document, indent=4) + "\n"
    from minikube_py.api.generators import to_yaml

    return to_yaml(document)


def _strip(text: str) -> str:
    """kubectl's ManualStrip: the text without its comment lines."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#"))


def _editor() -> list[str]:
    """kubectl's editor command: `$KUBE_EDITOR`, `$EDITOR`, else vi (through the shell when it needs one)."""
    editor = os.environ.get("KUBE_EDITOR") or os.environ.get("EDITOR") or "vi"
    if " " not in editor:
        return [editor]
    if not any(char in editor for char in "\"'\\"):
        return editor.split(" ")
    return [os.environ.get("SHELL") or "/bin/bash", "-c", editor]


def _launch(text: str, output: str) -> tuple[str, str]:
    """Write the buffer to a temporary file, run the editor on it, read it back."""
    handle, path = tempfile.mkstemp(prefix="kubectl-edit-", suffix=f".{output}")
    with os.fdopen(handle, "w") as file:
        file.write(text)
    command = _editor()
    if command[-2:-1] == ["-c"]:
        command = [*command[:-1], f"{command[-1]} {shlex.quote(path)}"]
    else:
        command = [*command, path]
    try:
        status = subprocess.call(command)
    except OSError as err:
        raise ClientError(f"error: unable to launch the editor \"{' '.join(command)}\": {err}") from None
    if status != 0:
        raise ClientError(f"error: there was a problem with the editor \"{' '.join(command[:-1])}\"")
    with open(path) as file:
        return file.read(), path


def _save(session: Session, objects: list[tuple[Target, Obj]], edited: str) -> list[str]:
    """Patch each object with its edit; the comment lines of the failures (empty: all saved)."""
    try:
        documents = _parse(edited, len(objects))
    except ValueError as err:
        return [_failure(session, objects[0], [f'<nil>: Invalid value: "The edited file failed validation": {err}'])]
    reasons: list[str] = []
    for (target, obj), changed in zip(objects, documents):
        line = _patch(session, target, obj, changed)
        if isinstance(line, list):
            reasons.append(_failure(session, (target, obj), line))
        else:
            session.out(line)
    return reasons


def _parse(edited: str, count: int) -> list[Obj]:
    import yaml

    try:
        loaded = yaml.safe_load(_strip(edited))
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else 0
        raise ValueError(f"yaml: line {line}: {err.problem}") from None
    if not isinstance(loaded, dict):
        raise ValueError("invalid object to validate")
    items = loaded.get("items") if count > 1 else [loaded]
    if not isinstance(items, list) or len(items) != count or not all(isinstance(i, dict) for i in items):
        raise ValueError("invalid object to validate")
    return items


def _patch(session: Session, target: Target, original: Obj, changed: Obj) -> str | list[str]:
    """Send the edit of one object: its line (`deployment.apps/x edited`), or the causes it was refused."""
    from minikube_py.api.patch.strategic import two_way
    from minikube_py.api.registry import builtin_registry

    from ..printers.formats import to_name_text

    resource, subresource = target.resource, session.flag("subresource")
    known = builtin_registry().get(resource.group, resource.version, resource.plural)
    schema = known.schema_name if known and subresource != "scale" else None   # a Scale merges plainly
    patch = two_way(original, changed, schema)
    if not patch:
        return to_name_text(original, "skipped")
    try:
        session.client.patch(resource, target.name, patch, _targets.target_namespace(session, target),
                             subresource=subresource, patch_type="strategic" if schema else "merge",
                             field_manager=session.flag("field-manager"))
    except APIError as err:
        if err.reason != "Invalid":
            raise
        causes = [f"{cause.get('field', '')}: {cause.get('message', '')}"
                  for cause in err.details.get("causes") or ()] or [err.status_message]
        return causes
    return to_name_text(original, "edited")


def _failure(session: Session, entry: tuple[Target, Obj], causes: list[str]) -> str:
    """kubectl's stderr line for a refused edit and the comment block the re-opened file starts with."""
    target = entry[0]
    what = f'{target.resource.group_resource} "{target.name}"'
    session.err(f"error: {what} is invalid\n")
    return f"# {what} was not valid:\n" + "".join(f"# * {cause}\n" for cause in causes) + "#\n"
