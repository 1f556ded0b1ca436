"""`mkctl set image|env|resources|selector|serviceaccount|subject`: each changes the objects it finds (TYPE NAME,
-f, -l, --all; `--local` reads the files only) as kubectl's `set` does — on the object decoded into its Go type —
and sends the strategic merge patch kubectl computes from the object before and after (CreateTwoWayMergePatch,
with its `$setElementOrder/...` directives); an unchanged object is skipped; `--local` and `--dry-run=client`
print the changed object, otherwise the server's answer is printed (`deployment.apps/web image updated`)."""

from __future__ import annotations

import copy
import fnmatch
import re
from typing import TYPE_CHECKING, Any, Callable

from minikube_py.client.errors import APIError, ClientError

from ..session import Session
from .create import CLIENT, SERVER, dry_run_strategy, print_object
from .patch import find_objects, report

if TYPE_CHECKING:
    from .patch import Found

Obj = dict[str, Any]
# Mutates the object; returns False when it left it alone on purpose (set resources / subject: nothing to do).
Mutation = Callable[[Obj], "bool | None"]

_ENV_KEY_CHARACTERS = re.compile(r"[^A-Za-z0-9_]")
_ENV_ARGUMENT = re.compile(r"^(.+)=(.*)$", re.DOTALL)
RBAC_GROUP = "rbac.authorization.k8s.io"


# ---- the shared engine -------------------------------------------------------------------------------------

def _change(session: Session, resources: list[str], mutate: Mutation, operation: str, patch_failure: str,
            errors: list[ClientError] | None = None, *, skip_unchanged: bool = True, name_errors: bool = True) -> int:
    """Find the objects, change each, send (or print) the difference (an empty one too unless `skip_unchanged`);
    `errors` gathers the mutations' own; a failed mutation is reported with the object's name (`name_errors`)."""
    strategy = dry_run_strategy(session)
    local = bool(session.flag("local")) if session.command.flags().lookup("local") else False
    if local and strategy == SERVER:
        raise ClientError("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
    if local and resources:
        raise ClientError("error: you must specify resources by --filename when --local is set.\n"
                          "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'")
    found = find_objects(session, resources, local=local)
    if found.errors:
        return report(session, found.errors)
    errors = errors if errors is not None else []
    for item in found.items:
        try:
            _change_one(session, item, mutate, operation, patch_failure, strategy, local, skip_unchanged)
        except _MutationError as err:
            errors.append(ClientError(f"error: {_display(item)} {err.message}\n") if name_errors else
                          ClientError(f"error: {err.message}"))
        except ClientError as err:
            errors.append(err)
    return report(session, errors)


def _change_one(session: Session, item: Found, mutate: Mutation, operation: str, patch_failure: str,
                strategy: str, local: bool, skip_unchanged: bool) -> None:
    from minikube_py.api.generators._typed import as_typed
    from minikube_py.api.patch import strategic
    from minikube_py.api.schemas import definition_name

    obj = as_typed(item.obj)
    before = copy.deepcopy(obj)
    try:
        if mutate(obj) is False:
            return
    except ClientError as err:
        raise _MutationError(err.message.removeprefix("error: ")) from None
    group, _, version = str(obj.get("apiVersion", "")).rpartition("/")
    patch = strategic.two_way(before, obj, definition_name(group, version, str(obj.get("kind", ""))))
    if not patch and skip_unchanged:
        return
    if local or strategy == CLIENT:
        print_object(session, obj, operation, strategy, typed=True)
        return
    try:
        answer = session.client.patch(item.resource, item.name, patch, item.namespace, patch_type="strategic",
                                      dry_run=strategy == SERVER, field_manager=session.flag("field-manager"))
    except APIError as err:
        raise ClientError(f"error: {patch_failure}{err.status_message}") from None
    print_object(session, answer, operation, strategy, typed=True)


class _MutationError(ClientError):
    """A change the object refused (kubectl's patch.Err)."""


def _display(item: Found) -> str:
    """info.ObjectName(): `deployments/web`, `pods/x`."""
    return f"{item.resource.plural}/{item.name}"


def pod_spec(obj: Obj) -> Obj:
    """UpdatePodSpecForObject: the PodSpec of a Pod, a workload's template, a CronJob's job template."""
    kind = obj.get("kind")
    spec = obj.setdefault("spec", {})
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        return spec.setdefault("jobTemplate", {}).setdefault("spec", {}).setdefault("template", {}) \
            .setdefault("spec", {})
    if kind in ("ReplicationController", "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "Job"):
        return spec.setdefault("template", {}).setdefault("spec", {})
    version = str(obj.get("apiVersion", "")).rpartition("/")[2]
    raise ClientError(f"the object is not a pod or does not have a pod template: *{version}.{kind}")


def _selected(spec: Obj, selector: str, *, init: bool = True) -> list[Obj]:
    """selectContainers: the containers (then init containers) whose names match the glob."""
    chosen = [c for c in spec.get("containers") or [] if fnmatch.fnmatchcase(c.get("name", ""), selector)]
    if init:
        chosen += [c for c in spec.get("initContainers") or [] if fnmatch.fnmatchcase(c.get("name", ""), selector)]
    return chosen


def _split(args: list[str], pair_type: str) -> tuple[list[str], list[str]]:
    from .label import resources_and_pairs

    return resources_and_pairs(args, pair_type)


def _check(problems: list[str]) -> None:
    """kubectl's aggregated Validate errors."""
    if len(problems) == 1:
        raise ClientError(f"error: {problems[0]}")
    if problems:
        raise ClientError("error: [" + ", ".join(problems) + "]")


# ---- set image ----------------------------------------------------------------------------------------------

def image(session: Session) -> int:
    resources, pairs = _split(session.args, "image")
    images: dict[str, str] = {}
    invalid = []
    for pair in pairs:
        if "=" in pair and not pair.startswith("="):
            key, _, value = pair.partition("=")
            images[key] = value
        else:
            invalid.append(pair)
    if invalid:
        raise ClientError(f"error: invalid image format: {', '.join(invalid)}")
    problems = []
    if session.flag("all") and session.flag("selector"):
        problems.append("cannot set --all and --selector at the same time")
    if not resources and not session.flag("filename"):
        problems.append("one or more resources must be specified as <resource> <name> or <resource>/<name>")
    if not images:
        problems.append("at least one image update is required")
    elif len(images) > 1 and "*" in images:
        problems.append("all containers are already specified by *, but saw more than one "
                        "container_name=container_image pairs")
    if session.flag("local") and dry_run_strategy(session) == SERVER:
        problems.append("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
    _check(problems)
    errors: list[ClientError] = []

    def mutate(obj: Obj) -> None:
        spec = pod_spec(obj)
        for name, value in images.items():
            matched = [c for key in ("initContainers", "containers") for c in spec.get(key) or []
                       if name in ("*", c.get("name"))]
            for container in matched:
                container["image"] = value
            if not matched:
                errors.append(ClientError(f'error: unable to find container named "{name}"'))

    return _change(session, resources, mutate, "image updated", "failed to patch image update to pod template: ",
                   errors)


# ---- set env --------------------------------------------------------------------------------------------------

def _split_env(args: list[str]) -> tuple[list[str], list[str]]:
    """SplitEnvironmentFromResources."""
    resources: list[str] = []
    env: list[str] = []
    for arg in args:
        if _ENV_ARGUMENT.match(arg) or arg.endswith("-"):
            env.append(arg)
        elif env:
            raise ClientError(f"error: all resources must be specified before environment changes: {' '.join(args)}")
        else:
            resources.append(arg)
    return resources, env


def _parse_env(specs: list[str]) -> tuple[list[Obj], list[str]]:
    """envutil.ParseEnv (without `-`, reading STDIN)."""
    from minikube_py.api.generators._common import env_var_name_errors

    variables: list[Obj] = []
    remove: list[str] = []
    for spec in specs:
        if "=" in spec:
            name, _, value = spec.partition("=")
            problems = env_var_name_errors(name)
            if problems:
                raise ClientError(f'error: "{name}" is not a valid key name: {";".join(problems)}')
            variables.append({"name": name, "value": value})
        elif spec.endswith("-") and spec != "-":
            remove.append(spec[:-1])
        else:
            raise ClientError(f"error: unknown environment variable: {spec}")
    return variables, remove


def _env_from(session: Session) -> list[Obj]:
    """--from=configmap/NAME|secret/NAME: one valueFrom variable per key (--keys to choose), named as kubectl
    names them (upper case, other characters `_`, then --prefix)."""
    source = session.flag("from")
    if not source:
        return []
    from .patch import find_objects as find

    found = find(session, [source])
    if found.errors:
        raise found.errors[0]
    keys = session.flag("keys")
    variables = []
    for item in found.items:
        kind = item.obj.get("kind")
        if kind not in ("ConfigMap", "Secret"):
            raise ClientError("error: unsupported resource specified in --from")
        reference = "configMapKeyRef" if kind == "ConfigMap" else "secretKeyRef"
        for key in sorted(item.obj.get("data") or {}):
            if not keys or key in keys:
                name = _ENV_KEY_CHARACTERS.sub("_", key).upper()
                if name != key:
                    session.err(f"Warning: key {key} transferred to {name}\n")
                variables.append({"name": name,
                                  "valueFrom": {reference: {"name": item.name, "key": key}}})
    return variables


def _updated_env(existing: list[Obj], new: list[Obj], remove: list[str]) -> list[Obj]:
    """updateEnv: the existing variables with new values in place, removals dropped, new ones appended."""
    by_name = {variable["name"]: variable for variable in new}
    covered = set(remove)
    out = []
    for variable in existing:
        name = variable.get("name")
        if name in covered:
            continue
        if name in by_name:
            covered.add(name)
            out.append(by_name[name])
            continue
        out.append(variable)
    for variable in new:
        if variable["name"] not in covered:
            covered.add(variable["name"])
            out.append(variable)
    return out


def env(session: Session) -> int:
    resources, env_args = _split_env(session.args)
    if session.flag("all") and session.flag("selector"):
        raise ClientError("error: cannot set --all and --selector at the same time")
    strategy = dry_run_strategy(session)
    problem = ""
    if session.flag("local") and strategy == SERVER:
        problem = "cannot specify --local and --dry-run=server - did you mean --dry-run=client?"
    elif not resources and not session.flag("filename"):
        problem = "one or more resources must be specified as <resource> <name> or <resource>/<name>"
    elif session.flag("list") and session.flag("output"):
        problem = "--list and --output may not be specified together"
    elif session.flag("keys") and not session.flag("from"):
        problem = "when specifying --keys, a configmap or secret must be provided with --from"
    if problem:
        raise ClientError(f"error: {problem}")
    variables, remove = _parse_env(session.flag("env") + env_args)
    variables += _env_from(session)
    prefix = session.flag("prefix")
    variables = [{**variable, "name": prefix + variable["name"]} for variable in variables]
    selector, listing = session.flag("containers"), session.flag("list")

    def mutate(obj: Obj) -> bool | None:
        spec = pod_spec(obj)
        containers = _selected(spec, selector)
        name = (obj.get("metadata") or {}).get("name", "")
        if not containers:
            session.err(f"Warning: {obj.get('kind')}/{name} does not have any containers matching "
                        f'"{selector}"\n')
            return None
        for container in containers:
            if not session.flag("overwrite"):
                current = {v.get("name"): v.get("value", "") for v in container.get("env") or []}
                for variable in variables:
                    if variable["name"] in current and current[variable["name"]] != variable.get("value", ""):
                        raise ClientError(f"'{variable['name']}' already has a value "
                                          f"({current[variable['name']]}), and --overwrite is false")
            container["env"] = _updated_env(container.get("env") or [], variables, remove)
            if listing:
                _list_env(session, obj, name, container)
        return False if listing else None

    if not listing and not variables and not remove:
        raise ClientError("error: at least one environment variable must be provided")
    return _change(session, resources, mutate, "env updated", "failed to patch env update to pod template: ")


def _list_env(session: Session, obj: Obj, name: str, container: Obj) -> None:
    """--list: `# Kind name, container c` and the variables (references named, not resolved)."""
    session.out(f"# {obj.get('kind')} {name}, container {container.get('name')}\n")
    for variable in container.get("env") or []:
        source = variable.get("valueFrom")
        if not source:
            session.out(f"{variable.get('name')}={variable.get('value', '')}\n")
        else:
            session.out(f"# {variable.get('name')} from {_reference_text(source)}\n")


def _reference_text(source: Obj) -> str:
    """envutil.GetEnvVarRefString."""
    if "configMapKeyRef" in source:
        ref = source["configMapKeyRef"]
        return f"configmap {ref.get('name')}, key {ref.get('key')}"
    if "secretKeyRef" in source:
        ref = source["secretKeyRef"]
        return f"secret {ref.get('name')}, key {ref.get('key')}"
    if "fieldRef" in source:
        return f"field path {source['fieldRef'].get('fieldPath')}"
    if "resourceFieldRef" in source:
        ref = source["resourceFieldRef"]
        container = f"{ref.get('containerName')}:" if ref.get("containerName") else ""
        return f"resource field {container}{ref.get('resource')}"
    return "invalid reference"


# ---- set resources ----------------------------------------------------------------------------------------------

def resources(session: Session) -> int:
    from minikube_py.api.generators import GeneratorError
    from minikube_py.api.generators._common import resource_list

    if session.flag("all") and session.flag("selector"):
        raise ClientError("error: cannot set --all and --selector at the same time")
    if not session.flag("limits") and not session.flag("requests"):
        raise ClientError("error: you must specify an update to requests or limits (in the form of "
                          "--requests/--limits)")
    try:
        limits, requests = resource_list(session.flag("limits")), resource_list(session.flag("requests"))
    except GeneratorError as err:
        raise ClientError(f"error: {err.message}") from None
    selector = session.flag("containers")
    errors: list[ClientError] = []

    def mutate(obj: Obj) -> bool:
        containers = _selected(pod_spec(obj), selector)
        if not containers:
            errors.append(ClientError(f"error: unable to find container named {selector}"))
            return False
        for container in containers:
            wanted = dict(container.get("resources") or {})
            for key, values in (("limits", limits), ("requests", requests)):
                if values:
                    wanted[key] = dict(sorted({**(wanted.get(key) or {}), **values}.items()))
            order = ("limits", "requests")   # ResourceRequirements' field order
            container["resources"] = {**{key: wanted[key] for key in order if key in wanted},
                                      **{key: value for key, value in wanted.items() if key not in order}}
        return True

    return _change(session, session.args, mutate, "resource requirements updated",
                   "failed to patch resources update to pod template ", errors)


# ---- set selector -----------------------------------------------------------------------------------------------

def selector(session: Session) -> int:
    from minikube_py.api.generators import GeneratorError
    from minikube_py.api.generators.core import label_selector

    args = session.args
    if not args:
        raise ClientError("error: one selector is required")
    try:
        chosen = label_selector(args[-1])
    except GeneratorError as err:
        raise ClientError(f"error: {err.message}") from None
    resource_version = session.flag("resource-version")

    def mutate(obj: Obj) -> None:
        if obj.get("kind") != "Service":
            raise ClientError("setting a selector is only supported for Services")
        if chosen.get("matchExpressions"):
            expressions = " ".join(f"{{{e['key']} {e['operator']} [{' '.join(e.get('values') or [])}]}}"
                                   for e in chosen["matchExpressions"])
            raise ClientError(f"match expression [{expressions}] not supported on this object")
        obj.setdefault("spec", {})["selector"] = dict(chosen.get("matchLabels") or {})
        if resource_version:
            obj.setdefault("metadata", {})["resourceVersion"] = resource_version

    return _change(session, args[:-1], mutate, "selector updated", "", skip_unchanged=False, name_errors=False)


# ---- set serviceaccount ------------------------------------------------------------------------------------------

def serviceaccount(session: Session) -> int:
    args = session.args
    if session.flag("local") and dry_run_strategy(session) == SERVER:
        raise ClientError("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
    if not args:
        raise ClientError("error: serviceaccount is required")
    name = args[-1]

    def mutate(obj: Obj) -> None:
        pod_spec(obj)["serviceAccountName"] = name

    return _change(session, args[:-1], mutate, "serviceaccount updated", "failed to patch ServiceAccountName ",
                   skip_unchanged=False)


# ---- set subject ------------------------------------------------------------------------------------------------

def subject(session: Session) -> int:
    users, groups, accounts = session.flag("user"), session.flag("group"), session.flag("serviceaccount")
    problems = []
    if session.flag("local") and dry_run_strategy(session) == SERVER:
        problems.append("cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
    elif session.flag("all") and session.flag("selector"):
        problems.append("cannot set --all and --selector at the same time")
    elif not users and not groups and not accounts:
        problems.append("you must specify at least one value of user, group or serviceaccount")
    else:
        for account in accounts:
            namespace, _, name = account.partition(":")
            if ":" not in account or ":" in name:
                problems.append("serviceaccount must be <namespace>:<name>")
                break
    _check(problems)
    wanted = [{"kind": "User", "apiGroup": RBAC_GROUP, "name": user} for user in sorted(set(users))]
    wanted += [{"kind": "Group", "apiGroup": RBAC_GROUP, "name": group} for group in sorted(set(groups))]
    for account in sorted(set(accounts)):
        namespace, _, name = account.partition(":")
        wanted.append({"kind": "ServiceAccount", "name": name, "namespace": namespace or session.namespace})

    def mutate(obj: Obj) -> bool:
        if obj.get("kind") not in ("RoleBinding", "ClusterRoleBinding"):
            raise ClientError("setting subjects is only supported for RoleBinding/ClusterRoleBinding")
        existing = obj.get("subjects") or []
        added = [entry for entry in wanted if not any(_same_subject(entry, old) for old in existing)]
        if not added:
            return False
        obj["subjects"] = existing + added
        return True

    return _change(session, session.args, mutate, "subjects updated", "failed to patch subjects to rolebinding: ")


def _same_subject(left: Obj, right: Obj) -> bool:
    return all(left.get(key, "") == right.get(key, "") for key in ("kind", "apiGroup", "name", "namespace"))
