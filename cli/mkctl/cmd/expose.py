"""`mkctl expose (-f FILE | TYPE NAME) [--port] [--target-port] [--name] [--type] ...`: the Service kubectl builds
for an existing Pod, Service, ReplicationController, Deployment or ReplicaSet (minikube_py.api.generators.expose:
selector, ports, protocols and labels taken from the object unless given), `--overrides`, created (or printed with
`--dry-run=client`) as `service/<name> exposed`."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from .create import CLIENT, create_generated, dry_run_strategy, explicit_namespace, generator_error
from .patch import find_objects, report


def run(session: Session) -> int:
    from minikube_py.api import generators

    from ..builder import refuse_kustomize

    refuse_kustomize(session, "expose")
    strategy = dry_run_strategy(session)
    if not session.args and not session.flag("filename"):
        raise ClientError("error: You must provide one or more resources by argument or filename.\n"
                          "Example resource specifications include:\n"
                          "   '-f rsrc.yaml'\n"
                          "   '--filename=rsrc.json'\n"
                          "   '<resource> <name>'\n"
                          "   '<resource>'")
    found = find_objects(session, session.args, latest=False)
    errors = list(found.errors)
    namespace = explicit_namespace(session) if strategy == CLIENT else ""
    for item in found.items:
        try:
            service = generators.expose(
                item.obj, session.flag("port"), session.flag("protocol"), session.flag("target-port"),
                session.flag("name"), session.flag("labels"), session.flag("selector"), session.flag("type"),
                session.flag("external-ip"), session.flag("load-balancer-ip"), session.flag("session-affinity"),
                session.flag("cluster-ip"), namespace)
            service = generators.apply_overrides(service, session.flag("overrides"), session.flag("override-type"))
        except generators.GeneratorError as err:
            errors.append(generator_error(session, err))
            continue
        try:
            create_generated(session, service, strategy, operation="exposed")
        except ClientError as err:
            errors.append(err)
    return report(session, errors)
