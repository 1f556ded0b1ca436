"""`mkctl create`: `create -f` (handed to `create_files`) and every `create <generator>` subcommand, which builds
its object with minikube_py.api.generators and then, as kubectl does, prints it (`--dry-run=client`) or POSTs it
(`--dry-run=server` asks the server not to persist it) and prints the answer: `-o json|yaml|name|jsonpath=...|
go-template=...`, else `<kind>[.<group>]/<name> created` (` (dry run)`, ` (server dry run)`).

Also what the other commands that build or change objects share with it: `dry_run_strategy` (the --dry-run flag),
`print_object` (kubectl's PrintFlags printers with the operation line), `generator_error` (a GeneratorError as
kubectl prints it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from minikube_py.client.errors import ClientError

from . import _targets

if TYPE_CHECKING:
    from minikube_py.api.generators import GeneratorError
    from minikube_py.api.registry import Resource

    from ..session import Session

Obj = dict[str, Any]

NONE, CLIENT, SERVER = "", "client", "server"
# kubectl's --output values (PrintFlags.AllowedFormats order in its error message)
_FORMATS = ("json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile", "jsonpath",
            "jsonpath-as-json", "jsonpath-file")
_ALLOWED = ",".join(sorted(_FORMATS))
_VALIDATION = {"strict": "Strict", "true": "Strict", "warn": "Warn", "ignore": "Ignore", "false": "Ignore"}
_BOUND_OBJECT_KINDS = {"Node": "v1", "Pod": "v1", "Secret": "v1"}


# ---- shared with the other writing commands ------------------------------------------------------------------

def dry_run_strategy(session: Session) -> str:
    """--dry-run: NONE, CLIENT or SERVER (kubectl's warning for a bare --dry-run, its error for a bad value)."""
    return _targets.dry_run(session)


def required_flags(session: Session, *names: str) -> None:
    """cobra's check of the flags marked required, failing as kubectl fails (a klog error line, exit 1)."""
    import json

    missing = ", ".join(f'"{name}"' for name in names if not session.given(name))
    if missing:
        line = _targets.klog_warning("run.go:72", '"command failed" err=' +
                                     json.dumps(f"required flag(s) {missing} not set"))
        raise ClientError("E" + line[1:])


def check_output(session: Session) -> str:
    """The --output format (its part before `=`), refused as kubectl refuses an unknown one."""
    output = session.flag("output")
    kind = output.partition("=")[0]
    if output and kind not in _FORMATS:
        raise ClientError(f'error: unable to match a printer suitable for the output format "{output}", '
                          f"allowed formats are: {_ALLOWED}")
    return kind


def print_object(session: Session, obj: Obj, operation: str, dry_run: str = NONE, *, typed: bool = False) -> None:
    """kubectl's printer for `obj`: the `-o` format, else the `<kind>/<name> <operation>` line. `typed` objects
    (what kubectl decodes into its Go types: generated ones, the answers to them) print JSON in struct order;
    others with keys sorted, as kubectl prints unstructured objects."""
    from ..printers.formats import to_json_text, to_name_text, to_yaml_text, without_managed_fields

    output = session.flag("output")
    kind = check_output(session)
    show_managed = session.flag("show-managed-fields") if session.command.flags().lookup(
        "show-managed-fields") else False
    if typed:
        from minikube_py.api.generators._typed import as_typed

        obj = as_typed(obj)
    if not output:
        session.out(to_name_text(obj, operation + _targets.dry_run_suffix(dry_run)))
    elif kind == "name":
        session.out(to_name_text(obj))
    elif kind == "yaml":
        session.out(to_yaml_text(obj, show_managed_fields=show_managed))
    elif kind == "json":
        if typed:
            from minikube_py.api.generators import to_json

            session.out(to_json(obj if show_managed else without_managed_fields(obj)))
        else:
            session.out(to_json_text(obj, show_managed_fields=show_managed))
    else:   # the templates, as get prints them
        from .get import print_objects

        print_objects(session, obj)


def generator_error(session: Session, err: GeneratorError) -> ClientError:
    """The ClientError of a generator's refusal (`error: ...`, usage errors with the `-h` hint; a resource
    discovery does not know as kubectl's CheckErr words a no-match error)."""
    if err.message.startswith("no matches for "):
        return ClientError(f'the server doesn\'t have a resource type "{err.message.rpartition("Resource=")[2]}"')
    if err.usage:
        return ClientError(f"error: {err.message}\nSee '{session.command.path()} -h' for help and examples")
    return ClientError(f"error: {err.message}")


def explicit_namespace(session: Session) -> str:
    """The namespace kubectl writes into generated objects: -n's when given (EnforceNamespace), else none."""
    return session.namespace if session.given("namespace") else ""


def validation_directive(session: Session) -> str:
    """--validate as the fieldValidation query parameter ("" for commands without the flag)."""
    if session.command.flags().lookup("validate") is None:
        return ""
    value = session.flag("validate")
    if value not in _VALIDATION:
        raise ClientError(f'error: invalid - validate option "{value}"; must be one of: strict (or true), '
                          "warn, ignore (or false)")
    return _VALIDATION[value]


def resource_of(session: Session, obj: Obj) -> Resource:
    """The served resource of an object's apiVersion and kind."""
    from minikube_py.client.errors import ResourceTypeNotFound

    kind, api_version = obj.get("kind", ""), obj.get("apiVersion", "")
    found = session.discovery.registry().for_api_version(api_version, kind) or \
        session.discovery.refresh().for_api_version(api_version, kind)
    if found is None:
        raise ResourceTypeNotFound(kind)
    return found


# ---- the generators ------------------------------------------------------------------------------------------

def _generate(session: Session, build: Callable[[str, str], Obj], failure: str = "", *,
              namespaced: bool = True) -> int:
    """Name from the arguments, the generated object, then kubectl's create-or-print (`failure`: what kubectl
    puts before the server's refusal, `failed to create deployment: `)."""
    from minikube_py.api import generators

    strategy = dry_run_strategy(session)
    check_output(session)
    try:
        name = generators.name_from_args(session.args, session.dash_at)
        obj = build(name, explicit_namespace(session) if namespaced else "")
    except generators.GeneratorError as err:
        raise generator_error(session, err) from None
    return create_generated(session, obj, strategy, namespaced=namespaced, failure=failure)


def create_generated(session: Session, obj: Obj, strategy: str, *, namespaced: bool = True,
                     operation: str = "created", failure: str = "") -> int:
    """--save-config, then print (client dry run) or POST and print the answer."""
    from minikube_py.api.generators import with_last_applied_configuration
    from minikube_py.client.errors import APIError

    if session.flag("save-config"):
        obj = with_last_applied_configuration(obj)
    if strategy != CLIENT:
        resource = resource_of(session, obj)
        namespace = session.namespace if namespaced and resource.namespaced else ""
        try:
            obj = session.client.create(resource, obj, namespace, dry_run=strategy == SERVER,
                                        field_manager=session.flag("field-manager"),
                                        field_validation=validation_directive(session))
        except APIError as err:
            if not failure:
                raise
            raise ClientError(f"error: {failure}{err.status_message}") from None
    print_object(session, obj, operation, strategy, typed=True)
    return 0


def run(session: Session) -> int:
    """`create -f FILE...`."""
    from .create_files import create_from_files

    return create_from_files(session)


def deployment(session: Session) -> int:
    from minikube_py.api.generators import deployment as build

    required_flags(session, "image")
    images = session.flag("image")
    command = session.args[session.dash_at:] if session.dash_at >= 0 else None
    return _generate(session, lambda name, ns: build(name, images, session.flag("replicas"), session.flag("port"),
                                                     command, namespace=ns),
                     "failed to create deployment: ")


def namespace(session: Session) -> int:
    from minikube_py.api.generators import namespace as build

    return _generate(session, lambda name, _: build(name), namespaced=False)


def serviceaccount(session: Session) -> int:
    from minikube_py.api.generators import serviceaccount as build

    return _generate(session, lambda name, ns: build(name, ns), "failed to create serviceaccount: ")


def _service(session: Session, subcommand: str) -> int:
    from minikube_py.api.generators import SERVICE_TYPES, service

    flags = session.command.flags()
    cluster_ip = session.flag("clusterip") if flags.lookup("clusterip") else ""
    node_port = session.flag("node-port") if flags.lookup("node-port") else 0
    external = session.flag("external-name") if flags.lookup("external-name") else ""
    return _generate(session, lambda name, ns: service(SERVICE_TYPES[subcommand], name, session.flag("tcp"),
                                                       cluster_ip, node_port, external, ns),
                     f"failed to create {SERVICE_TYPES[subcommand]} service: ")


def service_clusterip(session: Session) -> int:
    return _service(session, "clusterip")


def service_nodeport(session: Session) -> int:
    return _service(session, "nodeport")


def service_loadbalancer(session: Session) -> int:
    return _service(session, "loadbalancer")


def service_externalname(session: Session) -> int:
    required_flags(session, "external-name")
    return _service(session, "externalname")


def configmap(session: Session) -> int:
    from minikube_py.api.generators import configmap as build

    return _generate(session, lambda name, ns: build(name, session.flag("from-file"), session.flag("from-literal"),
                                                     session.flag("from-env-file"), session.flag("append-hash"), ns),
                     "failed to create configmap: ")


def secret_generic(session: Session) -> int:
    from minikube_py.api.generators import secret_generic as build

    return _generate(session, lambda name, ns: build(name, session.flag("type"), session.flag("from-file"),
                                                     session.flag("from-literal"), session.flag("from-env-file"),
                                                     session.flag("append-hash"), ns), "failed to create secret ")


def secret_docker_registry(session: Session) -> int:
    from minikube_py.api.generators import secret_docker_registry as build

    return _generate(session, lambda name, ns: build(
        name, session.flag("docker-username"), session.flag("docker-password"), session.flag("docker-email"),
        session.flag("docker-server"), session.flag("from-file"), session.flag("append-hash"), ns),
        "failed to create secret ")


def secret_tls(session: Session) -> int:
    from minikube_py.api.generators import secret_tls as build

    return _generate(session, lambda name, ns: build(name, session.flag("cert"), session.flag("key"),
                                                     session.flag("append-hash"), ns), "failed to create secret ")


def quota(session: Session) -> int:
    from minikube_py.api.generators import quota as build

    return _generate(session, lambda name, ns: build(name, session.flag("hard"), session.flag("scopes"), ns),
                     "failed to create quota: ")


def _resolver(session: Session) -> Any:
    from minikube_py.api.generators import registry_resolver

    return registry_resolver(session.discovery.registry())


def role(session: Session) -> int:
    from minikube_py.api.generators import nonstandard_verb_warnings
    from minikube_py.api.generators import role as build

    for warning in nonstandard_verb_warnings(session.flag("verb")):
        session.err(warning if warning.endswith("\n") else warning + "\n")
    return _generate(session, lambda name, ns: build(name, session.flag("verb"), session.flag("resource"),
                                                     session.flag("resource-name"), ns, _resolver(session)))


def clusterrole(session: Session) -> int:
    from minikube_py.api.generators import clusterrole as build
    from minikube_py.api.generators import nonstandard_verb_warnings

    resources = session.flag("resource")
    for warning in nonstandard_verb_warnings(session.flag("verb")):
        session.err(warning if warning.endswith("\n") else warning + "\n")
    return _generate(session, lambda name, _: build(
        name, session.flag("verb"), resources, session.flag("resource-name"), session.flag("non-resource-url"),
        session.flag("aggregation-rule"), _resolver(session) if resources else None), namespaced=False)


def rolebinding(session: Session) -> int:
    from minikube_py.api.generators import rolebinding as build

    return _generate(session, lambda name, ns: build(name, session.flag("role"), session.flag("clusterrole"),
                                                     session.flag("user"), session.flag("group"),
                                                     session.flag("serviceaccount"), ns),
                     "failed to create rolebinding: ")


def clusterrolebinding(session: Session) -> int:
    from minikube_py.api.generators import clusterrolebinding as build

    required_flags(session, "clusterrole")
    return _generate(session, lambda name, _: build(name, session.flag("clusterrole"), session.flag("user"),
                                                    session.flag("group"), session.flag("serviceaccount")),
                     "failed to create clusterrolebinding: ", namespaced=False)


def job(session: Session) -> int:
    from minikube_py.api.generators import job as build

    command = session.args[session.dash_at:] if session.dash_at >= 0 else None

    def make(name: str, ns: str) -> Obj:
        return build(name, session.flag("image"), command, _cronjob(session), ns)

    return _generate(session, make, "failed to create job: ")


def _cronjob(session: Session) -> Obj | None:
    """The object `--from=cronjob/NAME` names (the generator accepts only CronJobs)."""
    source = session.flag("from")
    if not source:
        return None
    from minikube_py.api.generators import GeneratorError

    kind, _, name = source.partition("/")
    if not name:
        raise GeneratorError(f"from must be of the form <kind>/<name>, got: {source}")
    resource = session.resolve(kind)
    return _targets.with_kind(session.client.get(resource, name, _targets.namespace_of(session, resource)),
                              resource)


def cronjob(session: Session) -> int:
    from minikube_py.api.generators import cronjob as build

    required_flags(session, "image", "schedule")
    command = session.args[session.dash_at:] if session.dash_at >= 0 else None
    return _generate(session, lambda name, ns: build(name, session.flag("image"), session.flag("schedule"),
                                                     command, session.flag("restart"), ns),
                     "failed to create cronjob: ")


def priorityclass(session: Session) -> int:
    from minikube_py.api.generators import priorityclass as build

    return _generate(session, lambda name, _: build(name, session.flag("value"), session.flag("global-default"),
                                                    session.flag("description"), session.flag("preemption-policy")),
                     "failed to create priorityclass: ", namespaced=False)


def poddisruptionbudget(session: Session) -> int:
    from minikube_py.api.generators import poddisruptionbudget as build

    return _generate(session, lambda name, ns: build(name, session.flag("selector"), session.flag("min-available"),
                                                     session.flag("max-unavailable"), ns),
                     "failed to create poddisruptionbudgets: ")


def ingress(session: Session) -> int:
    from minikube_py.api.generators import ingress as build

    return _generate(session, lambda name, ns: build(name, session.flag("rule"), session.flag("default-backend"),
                                                     session.flag("class"), session.flag("annotation"), ns),
                     "failed to create ingress: ")


def token(session: Session) -> int:
    """`create token SA`: POST serviceaccounts/SA/token; the token alone, or the TokenRequest with -o."""
    from minikube_py.api.generators import GeneratorError, name_from_args

    check_output(session)
    try:
        name = name_from_args(session.args, session.dash_at)
    except GeneratorError as err:
        raise generator_error(session, err) from None
    spec = _token_spec(session)
    resource = session.resolve("serviceaccounts")
    request = {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
               "metadata": {"creationTimestamp": None}, "spec": spec,
               "status": {"token": "", "expirationTimestamp": None}}
    from minikube_py.client.errors import APIError

    try:
        answer = session.client.create(resource, request, session.namespace, name=name, subresource="token")
    except APIError as err:
        raise ClientError(f"error: failed to create token: {err.status_message}") from None
    issued = (answer.get("status") or {}).get("token") or ""
    if not issued:
        raise ClientError("error: failed to create token: no token in server response")
    if session.flag("output"):
        print_object(session, answer, "", typed=True)
    else:
        session.out(issued + ("\n" if session.stdout.isatty() else ""))
    return 0


def _token_spec(session: Session) -> Obj:
    """TokenRequestSpec from the flags, checked as kubectl's Validate checks them."""
    duration = session.flag("duration")
    kind, bound_name, uid = (session.flag(flag) for flag in ("bound-object-kind", "bound-object-name",
                                                               "bound-object-uid"))
    problem = ""
    if duration < 0:
        problem = "--duration must be greater than or equal to 0"
    elif duration != int(duration):
        problem = "--duration cannot be expressed in units less than seconds"
    elif any(not audience for audience in session.flag("audience")):
        problem = "--audience must not be an empty string"
    elif not kind and bound_name:
        problem = "--bound-object-name can only be set if --bound-object-kind is provided"
    elif not kind and uid:
        problem = "--bound-object-uid can only be set if --bound-object-kind is provided"
    elif kind and kind not in _BOUND_OBJECT_KINDS:
        problem = "supported --bound-object-kind values are " + ", ".join(sorted(_BOUND_OBJECT_KINDS))
    elif kind and not bound_name:
        problem = "--bound-object-name is required if --bound-object-kind is provided"
    if problem:
        raise ClientError(f"error: {problem}")
    spec: Obj = {"audiences": session.flag("audience") or None}
    if duration:
        spec["expirationSeconds"] = int(duration)
    if kind:
        spec["boundObjectRef"] = {"kind": kind, "apiVersion": _BOUND_OBJECT_KINDS[kind], "name": bound_name,
                                  **({"uid": uid} if uid else {})}
    return spec
