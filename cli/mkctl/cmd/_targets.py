"""The objects a command acts on, as kubectl's resource builder finds them: `TYPE NAME...`, `TYPE/NAME...`,
`TYPE` with `-l`/`--all`/`-A`, `-f` files (through cli/mkctl/builder); the pod behind `TYPE/NAME` (logs, exec,
attach, port-forward); list-then-watch starts (`list_one`); and the small shared pieces of the commands' output
and flags (`pod/x`, `deployment.apps/web`, `--dry-run` and its suffixes, klog warning lines, Go durations, the
"No resources found" line, the containerless commands' refusal)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minikube_py.client.errors import ClientError

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource

    from ..session import Session

Obj = dict[str, Any]

RESOURCE_NAME_FORM = ("error: there is no need to specify a resource type as a separate argument when passing "
                      "arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                      "'kubectl get resource resource/<resource_name>'")


@dataclass
class Target:
    """One `TYPE NAME` (`name` empty: every object of the type the selector matches); `namespace` None: the
    session's."""

    resource: Resource
    name: str = ""
    namespace: str | None = None


def from_args_or_files(session: Session) -> list[Target]:
    """The targets of the arguments, and of the objects in `-f` files when the command was given some (a
    file's problems raise as kubectl reports them)."""
    targets = parse(session, session.args)
    if session.given("filename") and session.flag("filename"):
        from ..builder import objects, refuse_kustomize

        refuse_kustomize(session, session.command.name)
        infos = objects(session)
        if infos.errors:
            raise infos.errors[0]
        targets += [Target(info.resource, info.name, info.namespace) for info in infos]
    return targets


def parse(session: Session, args: list[str]) -> list[Target]:
    """kubectl's `ResourceTypeOrNameArgs`: `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...`."""
    if not args:
        return []
    slashed = sum("/" in arg for arg in args)
    if slashed and slashed < len(args):
        raise ClientError(RESOURCE_NAME_FORM)
    if slashed:
        targets = []
        for arg in args:
            kind, _, name = arg.partition("/")
            if not kind or not name or "/" in name:
                raise ClientError("error: arguments in resource/name form must have a single resource and name")
            targets.append(Target(session.resolve(kind), name))
        return targets
    resources = [session.resolve(kind) for kind in args[0].split(",") if kind]
    if len(args) == 1:
        return [Target(resource) for resource in resources]
    if len(resources) > 1:
        raise ClientError("error: you may only specify a single resource type")
    return [Target(resources[0], name) for name in args[1:]]


def namespace_of(session: Session, resource: Resource, all_namespaces: bool = False) -> str:
    if not resource.namespaced or all_namespaces:
        return ""
    return session.namespace


def target_namespace(session: Session, target: Target) -> str:
    """The namespace of a target's requests: its file's, else the session's (none when cluster-scoped)."""
    return namespace_of(session, target.resource) if target.namespace is None else target.namespace


def get(session: Session, target: Target) -> Obj:
    """The named object (kubectl's NotFound when missing)."""
    namespace = target_namespace(session, target)
    return with_kind(session.client.get(target.resource, target.name, namespace), target.resource)


def list_all(session: Session, resource: Resource, *, selector: str = "", field_selector: str = "",
             all_namespaces: bool = False, chunk_size: int = 500) -> list[Obj]:
    """Every object of a type the selectors match, in the server's order (pages of `chunk_size`, 0: one)."""
    items: list[Obj] = []
    for page in session.client.list_pages(resource, namespace_of(session, resource, all_namespaces),
                                          label_selector=selector, field_selector=field_selector,
                                          limit=chunk_size):
        items += [with_kind(item, resource) for item in page.get("items") or ()]
    return items


def with_kind(obj: Obj, resource: Resource) -> Obj:
    """Items of a list come without apiVersion/kind: give them their resource's."""
    obj.setdefault("apiVersion", resource.group_version)
    obj.setdefault("kind", resource.kind)
    return obj


def display_name(resource: Resource, name: str) -> str:
    """`pod/x`, `deployment.apps/web`: how kubectl names an object in its messages."""
    kind = resource.kind.lower()
    return f"{kind}.{resource.group}/{name}" if resource.group else f"{kind}/{name}"


def no_resources(session: Session, all_namespaces: bool, namespaced: bool = True) -> str:
    if all_namespaces or not namespaced:
        return "No resources found\n"
    return f"No resources found in {session.namespace} namespace.\n"


def go_duration(seconds: float) -> str:
    """Go's `time.Duration.String()` for whole and fractional seconds: `30s`, `1m0s`, `1h0m0s`, `500ms`."""
    if seconds == 0:
        return "0s"
    if seconds < 1:
        return f"{seconds * 1000:g}ms"
    whole_minutes, rest = divmod(seconds, 60)
    hours, minutes = divmod(int(whole_minutes), 60)
    text = f"{rest:.9f}".rstrip("0").rstrip(".") + "s"
    if hours:
        return f"{hours}h{minutes}m{text}"
    if minutes:
        return f"{minutes}m{text}"
    return text



def pod_of(session: Session, text: str) -> Obj:
    """The pod `POD`, `pod/x` or `TYPE/NAME` (a workload or service: its first active pod) names, as kubectl's
    logs, exec and attach find it; a missing object is NotFound."""
    kind, slash, name = text.partition("/")
    resource = session.resolve(kind if slash else "pods")
    obj = get(session, Target(resource, name if slash else text))
    if resource.kind == "Pod":
        return obj
    selector = selector_of(obj)
    pods = list_all(session, session.resolve("pods"), selector=selector) if selector else []
    if not pods:
        raise ClientError(f"error: no pods found for {display_name(resource, name)}") if selector else \
            ClientError(f"error: cannot attach to {resource.plural}.{resource.group}: selector for "
                        f"{display_name(resource, name)} is empty")
    return min(pods, key=_activeness)


def selector_of(obj: Obj) -> str:
    """The label selector of a workload (`spec.selector.matchLabels`) or service (`spec.selector`), as text."""
    selector = (obj.get("spec") or {}).get("selector") or {}
    labels = selector.get("matchLabels", {}) if ("matchLabels" in selector or "matchExpressions" in selector) \
        else selector
    parts = [f"{key}={value}" for key, value in sorted(labels.items())]
    for expression in selector.get("matchExpressions") or () if "matchLabels" in selector or \
            "matchExpressions" in selector else ():
        values = ",".join(expression.get("values") or ())
        operator = expression.get("operator")
        key = expression.get("key", "")
        parts.append({"In": f"{key} in ({values})", "NotIn": f"{key} notin ({values})", "Exists": key,
                      "DoesNotExist": f"!{key}"}.get(str(operator), key))
    return ",".join(parts)


def _activeness(pod: Obj) -> tuple[int, int, int]:
    """kubectl's ActivePods order, roughly: assigned before unassigned, running before pending, ready first."""
    status = pod.get("status") or {}
    phase_rank = {"Running": 0, "Unknown": 1, "Pending": 2}.get(status.get("phase", ""), 3)
    ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or ())
    return (0 if (pod.get("spec") or {}).get("nodeName") else 1, phase_rank, 0 if ready else 1)


def no_containers(verb: str) -> ClientError:
    """What the commands that need a running container answer once their target is found."""
    return ClientError(f"error: mkctl cannot {verb}: minikube-py runs no containers")


def dry_run(session: Session) -> str:
    """`--dry-run`: "" (none), "client" or "server"; kubectl's errors for a bare or unknown value."""
    value = session.flag("dry-run")
    if value == "unchanged":
        session.err(klog_warning("helpers.go:702", "--dry-run is deprecated and can be replaced with "
                                 "--dry-run=client."))
        return "client"
    if value not in ("none", "client", "server"):
        raise ClientError(f'error: Invalid dry-run value ({value}). Must be "none", "server", or "client".')
    return "" if value == "none" else value


def dry_run_suffix(mode: str) -> str:
    """What kubectl appends to an operation's line: ` (dry run)`, ` (server dry run)`."""
    return {"client": " (dry run)", "server": " (server dry run)"}.get(mode, "")


def klog_warning(where: str, message: str) -> str:
    """A klog warning line as kubectl writes it to stderr: `W1207 21:57:57.693360   30673 file.go:1] text`."""
    import os
    import time

    now = time.time()
    stamp = time.strftime("%m%d %H:%M:%S", time.localtime(now)) + f".{int(now % 1 * 1e6):06d}"
    return f"W{stamp} {os.getpid():7d} {where}] {message}\n"


def list_one(session: Session, target: Target) -> tuple[Obj | None, str]:
    """The named object (None when missing) and the list's resourceVersion to watch it from, as kubectl's
    informers list (`fieldSelector=metadata.name=...`) before they watch."""
    answer = session.client.list(target.resource, target_namespace(session, target),
                                 field_selector=f"metadata.name={target.name}")
    items = answer.get("items") or []
    obj = with_kind(items[0], target.resource) if items else None
    return obj, str((answer.get("metadata") or {}).get("resourceVersion") or "")
