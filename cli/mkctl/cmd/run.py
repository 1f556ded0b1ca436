"""`mkctl run NAME --image=IMAGE`: the Pod kubectl's run creates (and with `--expose` its Service, printed first),
`--overrides`, `--dry-run`, `-o`. No container ever runs in minikube-py, so attaching to one (`--rm`, `-i`, `-t`,
`--attach`) is refused with a clear error."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from .create import (
    check_output,
    create_generated,
    dry_run_strategy,
    explicit_namespace,
    generator_error,
    required_flags,
)

NOT_SUPPORTED = "error: not supported: no containers run in minikube-py (--rm, -i/--stdin, -t/--tty and --attach " \
                "need a running container)"

# the generator's refusals kubectl's run reports as usage errors
_USAGE_ERRORS = ("invalid restart policy", "invalid image pull policy", "--port must be set", "-i/--stdin is required")


def run(session: Session) -> int:
    from minikube_py.api import generators

    required_flags(session, "image")
    if not session.args or session.dash_at == 0:
        raise ClientError(f"error: NAME is required for run\nSee '{session.command.path()} -h' for help and examples")
    if any(session.flag(flag) for flag in ("rm", "stdin", "tty", "attach")):
        raise ClientError(NOT_SUPPORTED)
    strategy = dry_run_strategy(session)
    name = session.args[0]
    words = session.args[1:]
    namespace = explicit_namespace(session)
    try:
        pod = generators.run_pod(name, session.flag("image"), words, session.flag("command"), session.flag("labels"),
                                 session.flag("annotations"), session.flag("env"), session.flag("port"),
                                 session.flag("restart"), session.flag("image-pull-policy"),
                                 privileged=session.flag("privileged"), expose=session.flag("expose"),
                                 namespace=namespace)
        pod = generators.apply_overrides(pod, session.flag("overrides"), session.flag("override-type"))
        service = generators.run_service(name, session.flag("port"), session.flag("labels"), namespace) \
            if session.flag("expose") else None
    except generators.GeneratorError as err:
        err.usage = err.usage or err.message.startswith(_USAGE_ERRORS)
        raise generator_error(session, err) from None
    if service is not None:
        create_generated(session, service, strategy)
        if check_output(session) == "yaml":   # kubectl's two YAML printers each separate the pod from the service
            session.out("---\n---\n")
    create_generated(session, pod, strategy)
    return 0
