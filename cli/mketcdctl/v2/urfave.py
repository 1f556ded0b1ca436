"""How urfave/cli v1 runs etcdctl's v2 command line: the global flags are parsed with Go's flag package up to
the command name; a command's own flags are parsed after urfave's reordering moves them before its
arguments (so `get /foo --sort` works, and `ls /a -r /b` lists /b as etcdctl does); a command with
subcommands runs as a sub-application ("etcdctl member"); -h/--help, `help [command]` and --version print
their texts. A command line that does not parse prints "Incorrect Usage" and the help on stdout and the
error on stderr (exit 1); an unknown command prints "No help topic for 'x'" (exit 3)."""

from __future__ import annotations

import sys
from importlib import import_module

from minikube_py.flags import goflag
from minikube_py.flags.values import Flag, FlagError

from .commands import HELP_COMMAND, HELP_FLAG, V3_ONLY, VERSION, Command
from .errors import NO_HELP_TOPIC, SUCCESS, USAGE
from .help import app_help, command_help, subcommand_help

TYPE_CHECKING = False  # typing is imported for type checkers only: it costs start-up time
if TYPE_CHECKING:
    from typing import Any


def run(root: Command, args: list[str]) -> int:
    try:
        options, rest, _ = goflag.parse(root.flags, args)
    except FlagError as err:
        return _incorrect(f"Incorrect Usage. {err}\n\n{app_help(root)}", err)
    if options["help"]:
        return _show(app_help(root))
    if options["version"]:
        return _show(f"etcdctl version: {VERSION}\nAPI version: 2\n")
    return _application(root, root, rest, options)


def _application(root: Command, app: Command, args: list[str], options: dict[str, Any]) -> int:
    """Run the command named by args[0]; with no arguments show the application's help."""
    if not args:
        return _show(app_help(app) if app is root else subcommand_help(app))
    command = _find(app, args[0])
    if command is None:
        return _no_help_topic(args[0], app is root)
    if command.subcommands:
        return _subapplication(root, command, args[1:], options)
    flags = [*command.flags, HELP_FLAG]
    try:
        values, positional, _ = goflag.parse(flags, reorder(flags, args[1:]))
    except FlagError as err:
        return _incorrect(f"Incorrect Usage: {err}\n\n{command_help(command)}", err)
    if values["help"]:
        return _show(command_help(command))
    if command is HELP_COMMAND:
        return _help(root, app, positional)
    from .session import Session

    module, _, function = command.run.partition(":")
    handler = getattr(import_module(f".{module}", __package__), function)
    return handler(Session(command, options, values, positional)) or SUCCESS


def _subapplication(root: Command, app: Command, args: list[str], options: dict[str, Any]) -> int:
    try:
        values, rest, _ = goflag.parse([HELP_FLAG], args)
    except FlagError as err:
        return _incorrect(f"Incorrect Usage. {err}\n\n{subcommand_help(app)}", err)
    if values["help"]:
        return _show(subcommand_help(app))
    return _application(root, app, rest, options)


def _help(root: Command, app: Command, topics: list[str]) -> int:
    """`help [command]`: the application's help, or one command's."""
    if not topics:
        return _show(app_help(app))
    command = _find(app, topics[0])
    if command is None:
        return _no_help_topic(topics[0], app is root)
    return _show(command_help(command))


def _find(app: Command, name: str) -> Command | None:
    """A command of `app`; `help`/`h` everywhere (sub-applications have it without listing it)."""
    return app.find(name) or (HELP_COMMAND if name in HELP_COMMAND.names else None)


def reorder(flags: list[Flag], args: list[str]) -> list[str]:
    """urfave/cli's reorderArgs: the command's flags (with the argument after a flag given without `=`,
    unless that is a flag too) go first, the other arguments keep their order after them; `--` and what
    follows it stay last, the `--` moved in front of the other arguments."""
    names = {name for flag in flags for name in (flag.name, *flag.aliases)}

    def is_flag(arg: str) -> bool:
        if arg == "-" or not arg.startswith("-"):
            return False
        if arg.startswith("--"):
            arg = arg.replace("-", "", 2)
        if arg.startswith("-"):
            arg = arg.replace("-", "", 1)
        return arg.split("=", 1)[0] in names

    moved: list[str] = []
    others: list[str] = []
    value_may_follow = False
    for position, arg in enumerate(args):
        if value_may_follow and not is_flag(arg):
            moved.append(arg)
            value_may_follow = False
        elif arg == "--":
            others = ["--", *others, *args[position + 1:]]
            break
        elif is_flag(arg):
            moved.append(arg)
            value_may_follow = "=" not in arg
        else:
            others.append(arg)
    return moved + others


def _show(text: str) -> int:
    sys.stdout.write(text)
    return SUCCESS


def _incorrect(text: str, err: FlagError) -> int:
    sys.stdout.write(text)
    sys.stdout.flush()
    sys.stderr.write(f"{err}\n")
    return USAGE


def _no_help_topic(name: str, top_level: bool) -> int:
    sys.stderr.write(f"No help topic for '{name}'\n")
    if top_level and name in V3_ONLY:
        sys.stderr.write(f"'{name}' is an ETCDCTL_API=3 command: run `export ETCDCTL_API=3` to use the v3 "
                         "command set\n")
    return NO_HELP_TOPIC
