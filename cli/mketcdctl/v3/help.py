"""etcdctl's help text: its NAME / USAGE / VERSION / API VERSION / COMMANDS / DESCRIPTION / OPTIONS /
GLOBAL OPTIONS layout with flags shown as `--name=default`, aligned by Go's text/tabwriter with tab
padding (minwidth 0, tabwidth 8, padding 1), which is what etcdctl prints for --help, for `help CMD`, for
a group command run alone and after a flag error."""

from __future__ import annotations

from minikube_py.flags.pflag import BOOL, STRING, Command, FlagSet, quote
from minikube_py.tabwriter import TabWriter

from .commands import API_VERSION, VERSION


def usage(command: Command, *, help_flag: bool = True) -> str:
    """The help of `command`; without `help_flag` its -h line is left out (cobra adds that flag only to a
    command it runs, so `help nosuch` prints the root's usage without it)."""
    text = "NAME:\n" + f"\t{_name(command, command.root())} - {command.short}\n"
    text += f"\nUSAGE:\n\t{command.use_line()}\n"
    if command.parent is None:
        text += f"\nVERSION:\n\t{VERSION}\n"
    if command.commands:
        text += f"\nAPI VERSION:\n\t{API_VERSION}\n"
        text += "\n\nCOMMANDS:\n" + "".join(f"\t{_name(sub, command)}\t{sub.short}\n"
                                            for sub in _descendants(command) if sub.runnable and not sub.hidden)
    if command.long:
        lines = command.long.strip("\n\t ").split("\n")
        text += "\nDESCRIPTION:\n" + "".join(f"\t{line}\n" for line in lines)
    local = FlagSet(flag for flag in command.local_flags() if help_flag or flag.name != "help")
    text += "\nOPTIONS:\n" + flag_lines(local)
    inherited = command.inherited_flags()
    if len(inherited):
        text += "\nGLOBAL OPTIONS:\n" + flag_lines(inherited)
    return tabwriter(text + "\n")


def _name(command: Command, start: Command) -> str:
    """The command's name relative to `start` ("lease grant" from the root, "grant" from "lease")."""
    if command.parent is None:
        return command.name
    parts = [command.name]
    while command.parent is not None and command.parent.parent is not None and command.parent is not start:
        command = command.parent
        parts.insert(0, command.name)
    return " ".join(parts)


def _descendants(command: Command) -> list[Command]:
    found = []
    for sub in command.sorted_commands():
        found.append(sub)
        found.extend(_descendants(sub))
    return found


def flag_lines(flags: FlagSet) -> str:
    lines = []
    for flag in flags:
        line = f"  -{flag.shorthand}, --{flag.name}" if flag.shorthand else f"      --{flag.name}"
        default = quote(flag.default_text) if flag.kind == STRING else flag.default_text
        line += f"[={default}]" if flag.kind == BOOL else f"={default}"
        lines.append(f"{line}\t{flag.usage}\n")
    return "".join(lines)


def tabwriter(text: str) -> str:
    """Go's text/tabwriter as cobra's help sets it up: padchar '\\t', padding 1, tab stops of 8."""
    return TabWriter(padding=1, pad_char="\t").format(text)