"""urfave/cli v1's help texts as etcdctl's v2 command set prints them: the application template (NAME,
USAGE, VERSION, COMMANDS, GLOBAL OPTIONS), the sub-application template ("etcdctl member"), the command
template (NAME, USAGE, DESCRIPTION, OPTIONS), flags shown as `--name value, -n value` with their defaults,
and columns aligned by Go's text/tabwriter with space padding (minwidth 1, padding 2)."""

from __future__ import annotations

from minikube_py.flags.values import Flag, format_duration
from minikube_py.tabwriter import TabWriter

from .commands import HELP_FLAG, VERSION, Command

PADDING = 2


def app_help(app: Command) -> str:
    """The application template, for the root ("etcdctl") and for a sub-application run as `help`."""
    text = f"NAME:\n   {app.help_name} - {app.usage}\n\n"
    text += f"USAGE:\n   {app.help_name} [global options] command [command options] [arguments...]\n\n"
    text += f"VERSION:\n   {VERSION}\n\nCOMMANDS:"
    text += "".join(f"\n   {', '.join(command.names)}\t{command.usage}" for command in app.subcommands)
    text += "\n\nGLOBAL OPTIONS:\n   " + "\n   ".join(flag_text(flag) for flag in _flags(app)) + "\n"
    return align(text)


def subcommand_help(app: Command) -> str:
    """A sub-application run alone or with -h ("etcdctl member")."""
    text = f"NAME:\n   {app.help_name} - {app.usage}\n\n"
    text += f"USAGE:\n   {app.help_name} command [command options] {app.args_usage or '[arguments...]'}\n\n"
    text += "COMMANDS:" + "".join(f"\n   {', '.join(command.names)}\t{command.usage}"
                                  for command in app.subcommands)
    text += "\n\nOPTIONS:\n   " + "".join(f"{flag_text(flag)}\n   " for flag in _flags(app)) + "\n"
    return align(text)


def command_help(command: Command) -> str:
    text = f"NAME:\n   {command.help_name} - {command.usage}\n\n"
    text += f"USAGE:\n   {command.help_name}{' [command options]' if command.flags else ''} "
    text += command.args_usage or "[arguments...]"
    if command.description:
        text += f"\n\nDESCRIPTION:\n   {command.description}"
    if command.flags:
        text += "\n\nOPTIONS:\n   " + "".join(f"{flag_text(flag)}\n   " for flag in command.flags)
    return align(text + "\n")


def _flags(app: Command) -> list[Flag]:
    """The flags an application shows: its own, ending with --help (a sub-application has only that)."""
    return app.flags or [HELP_FLAG]


def flag_text(flag: Flag) -> str:
    """`--output simple, -o simple<TAB>usage (default: "simple")`: a placeholder for flags that take a value
    (the first `quoted` word of the usage, else "value") and the default when it says something."""
    usage = flag.usage
    placeholder = ""
    start = usage.find("`")
    end = usage.find("`", start + 1) if start >= 0 else -1
    if end > start:
        placeholder = usage[start + 1:end]
        usage = usage[:start] + placeholder + usage[end + 1:]
    if flag.takes_value:
        placeholder = placeholder or "value"
    names = ", ".join(("-" if len(name) == 1 else "--") + name + (f" {placeholder}" if placeholder else "")
                      for name in (flag.name, *flag.aliases))
    return f"{names}\t{(usage + _default(flag)).strip()}"


def _default(flag: Flag) -> str:
    if flag.kind == "duration":
        return f" (default: {format_duration(flag.default)})"
    if flag.kind == "int":
        return f" (default: {flag.default})"
    if flag.kind == "string" and flag.default:
        return f' (default: "{flag.default}")'
    return ""


def align(text: str) -> str:
    """Go's text/tabwriter as urfave/cli sets it up (minwidth 1, tabwidth 8, padding 2, spaces)."""
    return TabWriter(min_width=1, padding=PADDING).format(text)
