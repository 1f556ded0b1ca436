"""`mkctl taint nodes NAME...|--all|-l SEL key=value:Effect key:Effect key:Effect- key- [--overwrite]`:
kubectl's taint arithmetic (new taints first, then the old ones they do not replace; removal by key or
key+effect), its lines (`node/x tainted|untainted|modified`) and errors."""

from __future__ import annotations

from dataclasses import dataclass

from minikube_py.client.errors import ClientError

from ..session import Session
from . import _targets
from ._targets import Obj

EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
QUALIFIED_NAME = ("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
                  "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                  "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")


@dataclass(frozen=True)
class Taint:
    key: str
    value: str = ""
    effect: str = ""

    def text(self) -> str:
        """corev1.Taint.ToString: `key=value:effect`, `key:effect`, `key`."""
        head = f"{self.key}={self.value}" if self.value else self.key
        return f"{head}:{self.effect}" if self.effect else head

    def matches(self, other: dict) -> bool:
        return self.key == other.get("key") and self.effect == other.get("effect", "")

    def as_dict(self) -> dict:
        return {"key": self.key, **({"value": self.value} if self.value else {}), "effect": self.effect}


def run(session: Session) -> int:
    args = session.args
    every, selector = session.flag("all"), session.flag("selector")
    if not args:
        raise ClientError("error: one or more resources must be specified as <resource> <name>")
    resource_text, *rest = args
    names = [arg for arg in rest if not _is_spec(arg)]
    specs = [arg for arg in rest if _is_spec(arg)]
    if not specs:
        raise ClientError("error: at least one taint update is required")
    to_add, to_remove = parse(specs)
    resource = session.resolve(resource_text)
    if resource.kind != "Node":
        raise ClientError(f"error: invalid resource type {resource_text}, only node types are supported")
    if not names and not every and not selector:
        raise ClientError("error: one or more resources must be specified as <resource> <name>")
    mode = _targets.dry_run(session)
    nodes = _targets.list_all(session, resource, selector=selector) if every or selector else \
        [_targets.get(session, _targets.Target(resource, name)) for name in names]
    for node in nodes:
        session.out(_taint(session, node, to_add, to_remove, mode))
    return 0


def _is_spec(arg: str) -> bool:
    return "=" in arg or ":" in arg or arg.endswith("-")


def parse(specs: list[str]) -> tuple[list[Taint], list[Taint]]:
    """kubectl's parseTaints: the taints to add and to remove, with its errors."""
    to_add: list[Taint] = []
    to_remove: list[Taint] = []
    for spec in specs:
        if spec.endswith("-"):
            key, _, effect = spec[:-1].partition(":")
            if effect:
                _check_effect(effect)
            to_remove.append(Taint(key, effect=effect))
            continue
        head, colon, effect = spec.rpartition(":")
        if not colon:
            raise ClientError(f"error: invalid taint spec: {spec}, {QUALIFIED_NAME}")
        _check_effect(effect)
        key, _, value = head.partition("=")
        to_add.append(Taint(key, value, effect))
    conflicts = [f"{removed.key}={removed.effect}" for removed in to_remove
                 if any(added.key == removed.key and removed.effect in ("", added.effect) for added in to_add)]
    if conflicts:
        raise ClientError("error: can not both modify and remove the following taint(s) in the same command: "
                          + ", ".join(conflicts))
    return to_add, to_remove


def _check_effect(effect: str) -> None:
    if effect not in EFFECTS:
        raise ClientError(f"error: invalid taint effect: {effect}, unsupported taint effect\n"
                          "See 'kubectl taint -h' for help and examples")


def _taint(session: Session, node: Obj, to_add: list[Taint], to_remove: list[Taint], mode: str) -> str:
    name = node["metadata"]["name"]
    old = list((node.get("spec") or {}).get("taints") or ())
    overwrite = session.flag("overwrite")
    if not overwrite:
        existing = [taint.key for taint in to_add if any(taint.matches(o) for o in old)]
        if existing:
            raise ClientError(f"error: node {name} already has {','.join(existing)} taint(s) with same effect(s) "
                              "and --overwrite is false")
    new = [taint.as_dict() for taint in to_add]
    new += [o for o in old if not any(taint.matches(o) for taint in to_add)]
    added = len(old) != len(new)
    missing = []
    for taint in to_remove:
        kept = [t for t in new if not (t.get("key") == taint.key and taint.effect in ("", t.get("effect")))]
        if len(kept) == len(new):
            missing.append(f'taint "{taint.text()}" not found')
        new = kept
    deleted = bool(to_remove) and len(missing) < len(to_remove)
    if missing:
        raise ClientError("error: " + "\n".join(missing) if len(missing) == 1 else
                          "[" + ", ".join(missing) + "]")
    operation = "modified" if (added and deleted) or overwrite else "tainted" if added else "untainted"
    if mode != "client":
        session.client.patch(session.resolve("nodes"), name, {"spec": {"taints": new or None}},
                             dry_run=mode == "server", field_manager=session.flag("field-manager"))
    suffix = _targets.dry_run_suffix(mode) if mode == "client" else ""   # kubectl's taint names only client runs
    return f"node/{name} {operation}{suffix}\n"
