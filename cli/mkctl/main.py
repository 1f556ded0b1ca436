"""`mkctl`'s entry point: cobra's part (find the command, parse its flags, help and usage errors) from the
command tree, then the command's handler, imported only now; the client's failures printed as kubectl prints
them (stderr, exit 1)."""

from __future__ import annotations

import importlib
import sys


def main(argv: list[str] | None = None) -> int:
    from . import commands, help

    found = help.command_line(commands.build(), sys.argv[1:] if argv is None else argv)
    if isinstance(found, int):
        return found
    command, parsed = found
    module_name, _, function_name = command.run.partition(":")
    try:
        module = importlib.import_module(f"{__package__}.{module_name}")
    except ModuleNotFoundError as err:
        if err.name != f"{__package__}.{module_name}":
            raise
        sys.stderr.write(f'error: "{command.path()}" is not implemented by mkctl yet; use kubectl for it\n')
        return 1
    handler = getattr(module, function_name)
    if module_name in ("help", "completion"):
        return handler(command, parsed)
    from minikube_py.client.errors import ClientError

    from .session import Session

    session = Session(command, parsed)
    try:
        return handler(session)
    except ClientError as err:
        sys.stdout.flush()
        message = err.message
        sys.stderr.write(message if message.endswith("\n") else message + "\n")
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    finally:
        session.close()


def console() -> None:
    """The console-script entry point."""
    sys.exit(main())
