"""`mkctl create -f FILE|DIR|-|URL`: every object of the files POSTed (`--save-config` adds the
last-applied-configuration annotation, `--dry-run`, `-o`, `--validate`, `-l` filters the objects), each
reported (`configmap/x created`); a failing object is reported and the others still created (exit 1).
`create:run` calls `create_from_files(session)` when `-f` is given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minikube_py.client.errors import APIError, ClientError

from ..builder import objects, raw_or_files, report, selected

if TYPE_CHECKING:
    from ..session import Session


def create_from_files(session: Session) -> int:
    from ._targets import dry_run
    from .apply import with_last_applied
    from .create import check_output, print_object, validation_directive

    done = raw_or_files(session, "create", "POST")
    if done is not None:
        return done
    if session.flag("edit"):
        raise ClientError("error: --edit is not supported by mkctl create; create the object, then mkctl edit it")
    output = check_output(session)
    strategy = dry_run(session)
    validation = validation_directive(session)
    infos = objects(session, empty_message="no objects passed to create")
    errors: list[ClientError] = list(infos.errors)
    printed = 0
    for info in selected(session, infos):
        obj = with_last_applied(info.obj) if session.flag("save-config") else info.obj
        if strategy != "client":
            try:
                obj = session.client.create(info.resource, obj, info.namespace, dry_run=strategy == "server",
                                            field_manager=session.flag("field-manager"), field_validation=validation)
            except APIError as err:
                errors.append(err.with_source("creating", info.source))
                continue
        if output == "yaml" and printed:
            session.out("---\n")
        print_object(session, obj, "created", strategy)
        printed += 1
    return report(session, errors)
