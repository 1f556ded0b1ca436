"""`mkctl label (-f FILE | TYPE NAME | TYPE -l SEL | TYPE --all) KEY=VAL... KEY-... [--overwrite]`, and the engine
it shares with `annotate` (`change_metadata`): the arguments split into resources and pairs as kubectl splits them,
its checks and error texts, the map changed on the object read from the server, the JSON merge patch kubectl
computes from the object before and after (`{"metadata":{"labels":{...}}}`, with `resourceVersion` under
`--resource-version`), `--list`, `--local`, `--dry-run`, `-o`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from minikube_py.client.errors import ClientError

from .create import CLIENT, SERVER, dry_run_strategy, print_object
from .patch import Found, find_objects, report

if TYPE_CHECKING:
    from ..session import Session

Pairs = tuple[dict[str, str], list[str]]


@dataclass(frozen=True)
class MetadataMap:
    """What differs between `label` and `annotate`."""

    field: str                                              # "labels" / "annotations"
    pair_type: str                                          # "label" / "annotation"
    parse: Callable[[list[str]], Pairs]                     # the KEY=VAL / KEY- arguments, checked
    overwrite_error: Callable[[dict[str, str], dict[str, str]], str]   # (current, new) -> "" or the error
    file_example: str                                       # "pod.yaml" / "rsrc.yaml" in the --local errors
    prints_answer: bool                                     # annotate prints the server's answer, label its own


def resources_and_pairs(args: list[str], pair_type: str) -> tuple[list[str], list[str]]:
    """cmdutil.GetResourcesAndPairs: resources first, then `k=v` / `k-` pairs."""
    resources: list[str] = []
    pairs: list[str] = []
    for arg in args:
        is_pair = ("=" in arg and not arg.startswith("=")) or (arg.endswith("-") and arg != "-")
        if is_pair:
            pairs.append(arg)
        elif pairs:
            raise ClientError(f"error: all resources must be specified before {pair_type} changes: {arg}")
        else:
            resources.append(arg)
    return resources, pairs


def _parse_labels(specs: list[str]) -> Pairs:
    """parseLabels: `k=v` (the value a valid label value) and `k-`; a key both set and removed is refused."""
    from minikube_py.api.names import is_valid_label_value

    labels: dict[str, str] = {}
    remove: list[str] = []
    for spec in specs:
        if "=" in spec:
            parts = spec.split("=")
            if len(parts) != 2:
                raise ClientError(f"error: invalid label spec: {spec}")
            errors = is_valid_label_value(parts[1])
            if errors:
                raise ClientError(f"error: invalid label value: {json.dumps(spec)}: {';'.join(errors)}")
            labels[parts[0]] = parts[1]
        elif spec.endswith("-"):
            remove.append(spec[:-1])
        else:
            raise ClientError(f"error: unknown label spec: {spec}")
    if any(key in labels for key in remove):
        raise ClientError("error: can not both modify and remove a label in the same command")
    return labels, remove


def _label_overwrites(current: dict[str, str], new: dict[str, str]) -> str:
    problems = [f"'{key}' already has a value ({current[key]}), and --overwrite is false"
                for key, value in sorted(new.items()) if key in current and current[key] != value]
    if not problems:
        return ""
    return problems[0] if len(problems) == 1 else "[" + ", ".join(problems) + "]"


LABELS = MetadataMap("labels", "label", _parse_labels, _label_overwrites, "pod.yaml", prints_answer=False)


def run(session: Session) -> int:
    return change_metadata(session, LABELS)


def change_metadata(session: Session, spec: MetadataMap) -> int:
    strategy = dry_run_strategy(session)
    resources, pair_args = resources_and_pairs(session.args, spec.pair_type)
    new, remove = spec.parse(pair_args)
    _validate(session, spec, resources, new, remove, strategy)
    found = find_objects(session, resources, local=session.flag("local"))
    resource_version = session.flag("resource-version")
    if resource_version and not found.single:
        raise ClientError("error: --resource-version may only be used with a single resource")
    errors = list(found.errors)
    for item in found.items:
        try:
            _change(session, spec, item, new, remove, strategy, found.single)
        except ClientError as err:
            errors.append(err)
    return report(session, errors)


def _validate(session: Session, spec: MetadataMap, resources: list[str], new: dict[str, str], remove: list[str],
              strategy: str) -> None:
    """kubectl's checks, in its order."""
    every, selector = session.flag("all"), session.flag("selector")
    problem = ""
    if session.flag("list") and session.flag("output"):
        problem = "--list and --output may not be specified together"
    elif every and selector:
        problem = "cannot set --all and --selector at the same time"
    elif every and session.flag("field-selector"):
        problem = "cannot set --all and --field-selector at the same time"
    elif session.flag("local") and strategy == SERVER:
        problem = "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
    elif session.flag("local") and resources:
        problem = f"can only use local files by -f {spec.file_example} or --filename={spec.file_example[:-5]}.json " \
                  "when --local=true is set"
    elif session.flag("local") and not session.flag("filename"):
        problem = f"one or more files must be specified as -f {spec.file_example} or " \
                  f"--filename={spec.file_example[:-5]}.json"
    elif not session.flag("local") and not resources and not session.flag("filename"):
        problem = "one or more resources must be specified as <resource> <name> or <resource>/<name>"
    elif not new and not remove and not session.flag("list"):
        problem = f"at least one {spec.pair_type} update is required"
    if problem:
        raise ClientError(f"error: {problem}")


def _change(session: Session, spec: MetadataMap, item: Found, new: dict[str, str], remove: list[str],
            strategy: str, single: bool) -> None:
    obj = item.obj
    meta = obj.setdefault("metadata", {})
    resource_version = session.flag("resource-version")
    if resource_version:
        meta.pop("resourceVersion", None)
    current = dict(meta.get(spec.field) or {})
    before = json.dumps(obj, separators=(",", ":"))
    had_map = spec.field in meta
    sends = not (strategy == CLIENT or session.flag("local") or session.flag("list"))
    if sends and spec is LABELS:
        for key in remove:
            if key not in current:
                session.out(f"label {json.dumps(key)} not found.\n")
    if not session.flag("overwrite"):
        problem = spec.overwrite_error(current, new)
        if problem:
            raise ClientError(f"error: {problem}")
    changed = {**current, **new}
    for key in remove:
        changed.pop(key, None)
    meta[spec.field] = changed
    if resource_version:
        meta["resourceVersion"] = resource_version
    after = json.dumps(obj, separators=(",", ":"))
    answer = obj
    if sends:
        patch_meta: dict = {}
        difference = {key: value for key, value in changed.items() if current.get(key) != value}
        difference.update({key: None for key in current if key not in changed})
        if difference or not had_map:
            patch_meta[spec.field] = dict(sorted(difference.items()))
        if resource_version:
            patch_meta["resourceVersion"] = resource_version
        patch = {"metadata": patch_meta} if patch_meta else {}
        answer = session.client.patch(item.resource, item.name, patch, item.namespace, patch_type="merge",
                                      dry_run=strategy == SERVER, field_manager=session.flag("field-manager"))
    if session.flag("list"):
        _list(session, spec, item, answer, single)
        return
    if spec is LABELS:
        operation = "not labeled" if before == after else \
            "unlabeled" if not session.flag("overwrite") and len(after) < len(before) else "labeled"
    else:
        operation = "annotated"
    print_object(session, answer if spec.prints_answer else obj, operation, strategy)


def _list(session: Session, spec: MetadataMap, item: Found, obj: dict, single: bool) -> None:
    """--list: the map's `k=v` lines (under `Listing <field> for Kind.group/name:` for several objects)."""
    indent = ""
    if not single:
        indent = " "
        group = str(obj.get("apiVersion", "")).rpartition("/")[0]
        session.out(f"Listing {spec.field} for {obj.get('kind', '')}.{group}/{item.name}:\n")
    for key, value in sorted(((obj.get("metadata") or {}).get(spec.field) or {}).items()):
        session.out(f"{indent}{key}={value}\n")
