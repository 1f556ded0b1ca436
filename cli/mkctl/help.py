"""kubectl's help: its help and usage templates (`mkctl --help` with the grouped command list, `mkctl get
--help`, `mkctl options`, `mkctl help CMD`), what cobra and kubectl print for an unknown command or a flag
that does not parse, and the handlers of the commands that only print help (group commands run without a
subcommand, `help`, `options`, `alpha`).

kubectl's texts name the binary "kubectl"; mkctl prints its own name there (`brand`): wherever "kubectl"
stands as the command (not in "kubectl.kubernetes.io/...", "kubectl-create" or URLs). Help goes to
stdout and exits 0; errors go to stderr and exit 1, as kubectl's.

Handlers here take the command and its parsed arguments and return the exit code."""

from __future__ import annotations

import re
import sys

from minikube_py.flags.pflag import STRING, Command, FlagError, FlagSet, Parsed, UnknownCommandError, parse, quote

from .commands import GROUPS, HELP_FILTERS, KUBECTL, OTHER_COMMANDS, PLUGINS_GROUP, PROGRAM

# kubectl's exit code for every error it prints here (cobra's and kubectl's CheckErr)
ERROR = 1

_KUBECTL_WORD = re.compile(r"(?<![\w/.-])kubectl(?![\w.-])")
_OPTIONS, _ALPHA = "help:options", "help:alpha"
_OPTIONS_TIP = 'Use "{root} options" for a list of global command-line options (applies to all commands).\n'
# On a terminal kubectl wraps its help at 80, 100 or 120 columns (the widest the terminal holds; narrower
# terminals get no wrapping), flag usages at that less this.
_WRAP_LIMITS = (120, 100, 80)
_WRAP_OFFSET = 10


def brand(text: str) -> str:
    """kubectl's text with the program's own name where kubectl names itself as the command."""
    return _KUBECTL_WORD.sub(PROGRAM, text) if PROGRAM != KUBECTL else text


def help_text(command: Command, limit: int | None = None) -> str:
    """What `mkctl CMD --help` prints: the long description, then the usage text; wrapped at `limit`
    columns (by default kubectl's limit for the terminal on stdout, none when it is not a terminal)."""
    if limit is None:
        limit = wrap_limit()
    return _wrap(brand(command.long.strip()) + usage_text(command, limit), limit)


def usage_text(command: Command, limit: int | None = None) -> str:
    """kubectl's usage template: aliases, examples, subcommands, options, usage line, tips."""
    sections = []
    if command.aliases:
        sections.append("Aliases:\n" + ", ".join((command.name, *command.aliases)) + "\n\n")
    if command.example:
        sections.append("Examples:\n" + brand(_indent(command.example)).rstrip() + "\n\n")
    if any(sub.available for sub in command.commands):
        sections.append(_command_groups(command) + "\n\n")
    visible = FlagSet(flag for flag in command.own_flags if not flag.hidden)
    if len(visible):
        sections.append("Options:\n" + flag_usages(visible, limit).rstrip() + "\n\n")
    sections.append(f"Usage:\n  {usage_line(command)}\n\n")
    if command.commands:
        prefix = command.path() if command.parent is not None else command.root().name
        sections.append(f'Use "{prefix} <command> --help" for more information about a given command.\n')
    sections.append(_OPTIONS_TIP.format(root=command.root().name))
    return "\n\n" + "".join(sections)


def usage_line(command: Command) -> str:
    """cobra's use line with kubectl's " [options]" after it."""
    line = command.use_line()
    return line if "[options]" in line else line + " [options]"


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def _command_groups(command: Command) -> str:
    """The root's "Basic Commands (Beginner):" ... "Other Commands:" list, or a subcommand's "Available
    Commands:" (sorted by name), names padded as kubectl pads them."""
    available = [sub for sub in command.commands if sub.available]
    width = max(11, *(len(sub.name) for sub in command.commands if not sub.hidden)) + 2
    if command.parent is None:
        by_name = {sub.name: sub for sub in available}
        grouped = {name for _, names in GROUPS for name in names} | set(HELP_FILTERS)
        groups = [(title, [by_name[name] for name in names if name in by_name]) for title, names in GROUPS]
        groups.append((PLUGINS_GROUP, []))
        groups.append((OTHER_COMMANDS, sorted((sub for sub in available if sub.name not in grouped),
                                              key=lambda sub: sub.name)))
    else:
        groups = [("Available Commands:", sorted(available, key=lambda sub: sub.name))]
    return "\n\n".join("\n".join([title, *(f"  {sub.name.ljust(width)} {brand(sub.short)}" for sub in subs)])
                       for title, subs in groups)


def flag_usages(flags: FlagSet, limit: int | None = None) -> str:
    """kubectl's flag list: `    -n, --name=default:` then the usage on a tab-indented line, a blank line
    after each; string defaults in single quotes; usages wrapped `limit` less 10 columns wide when given
    (kubectl wraps only on a terminal)."""
    if limit is None:
        limit = wrap_limit()
    out = []
    for flag in flags:
        if flag.hidden:
            continue
        default = f"'{flag.default_text}'" if flag.kind == STRING else flag.default_text
        name = f"-{flag.shorthand}, --{flag.name}" if flag.shorthand else f"--{flag.name}"
        usage = brand(flag.usage)
        if limit:
            usage = _wrap(usage, limit - _WRAP_OFFSET)
        out.append(f"    {name}={default}:\n\t" + usage.replace("\n", "\n\t") + "\n\n")
    return "".join(out)


def wrap_limit() -> int:
    """kubectl's wrapping limit for stdout: 0 (none) unless it is a terminal at least 80 columns wide."""
    if not sys.stdout.isatty():
        return 0
    import os

    try:
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except OSError:
        return 0
    return next((limit for limit in _WRAP_LIMITS if columns >= limit), 0)


def _wrap(text: str, limit: int) -> str:
    """go-wordwrap's WrapString, line by line: break at a space before a word would pass `limit` columns."""
    if limit < 1:
        return text
    lines: list[str] = []
    for source in text.split("\n"):
        line = None
        for word in source.split(" "):
            if line is None:
                line = word
            elif line and len(line) + 1 + len(word) > limit:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}"
        lines.append(line or "")
    return "\n".join(lines)


def options_text(root: Command) -> str:
    """`mkctl options`: the global flags."""
    return "The following options can be passed to any command:\n\n" + flag_usages(FlagSet(root.persistent_flags))


# Errors ----------------------------------------------------------------------------------------------------------

def unknown_command(err: UnknownCommandError) -> int:
    """cobra's error for a command name that matches none (with its suggestions)."""
    sys.stderr.write(f"Error: {err}\n")
    return ERROR


def flag_error(command: Command, err: FlagError) -> int:
    """A flag that does not parse: kubectl's message and where to look."""
    hint = f"Run '{command.path()}' without flags." if command.run == _OPTIONS else \
        f"See '{command.path()} --help' for usage."
    sys.stderr.write(f"Error: {err}\n{hint}\n")
    return ERROR


def usage_error(command: Command, message: str) -> int:
    """kubectl's UsageErrorf: `error: MESSAGE` and the `-h` hint (for wrong arguments a handler finds)."""
    sys.stderr.write(f"error: {message}\nSee '{command.path()} -h' for help and examples\n")
    return ERROR


def command_line(root: Command, args: list[str]) -> tuple[Command, Parsed] | int:
    """cobra's part of kubectl's Execute: find the command, parse its flags, and answer what needs no
    handler (unknown commands, bad flags, -h/--help, commands that only print help when given no
    subcommand) with their output and exit code; otherwise the command and its arguments, for its handler."""
    try:
        command, rest = root.find(args, prefixes=False)
    except UnknownCommandError as err:
        return unknown_command(err)
    if command.hidden and command.name.startswith("__complete"):  # cobra leaves its words unparsed
        return command, Parsed(rest, -1)
    try:
        parsed = parse(command.flags(), rest)
    except FlagError as err:
        return flag_error(command, err)
    if command.help_flag().value or not command.runnable:
        if command.run == _OPTIONS:  # kubectl's options command prints nothing for --help
            return 0
        if command.run == _ALPHA:  # nor help for alpha: what it prints when run
            return alpha(command, parsed)
        sys.stdout.write(help_text(command))
        return 0
    return command, parsed


# Handlers --------------------------------------------------------------------------------------------------------

def root(command: Command, parsed: Parsed) -> int:
    """`mkctl` alone: the root's help."""
    sys.stdout.write(help_text(command))
    return 0


def group(command: Command, parsed: Parsed) -> int:
    """A group command run without a subcommand (`mkctl config`): its help on stderr, exit 1; an argument
    that names no subcommand is an error (kubectl's DefaultSubCommandRun to stderr)."""
    return _group(command, parsed, sys.stderr)


def group_stdout(command: Command, parsed: Parsed) -> int:
    """`mkctl rollout` alone: as `group`, with the help on stdout."""
    return _group(command, parsed, sys.stdout)


def _group(command: Command, parsed: Parsed, stream: object) -> int:
    if parsed.args:
        return usage_error(command, f"unknown command {quote(parsed.args[0])}")
    stream.write(help_text(command))  # type: ignore[attr-defined]
    return ERROR


def help_command(command: Command, parsed: Parsed) -> int:
    """`mkctl help [command]`: that command's help, or "Unknown help topic" and the root's usage."""
    root_command = command.root()
    try:
        found, _ = root_command.find(parsed.args, prefixes=False)
    except UnknownCommandError:
        topic = " ".join(_go_backquote(arg) for arg in parsed.args)
        sys.stderr.write(f"Unknown help topic [{topic}]\n" + usage_text(root_command))
        return 0
    sys.stdout.write(help_text(found))
    return 0


def options(command: Command, parsed: Parsed) -> int:
    sys.stdout.write(options_text(command.root()))
    return 0


def alpha(command: Command, parsed: Parsed) -> int:
    sys.stderr.write(brand("No alpha commands are available in this version of kubectl\n"))
    return 0


def _go_backquote(text: str) -> str:
    """Go's %#q: a raw (backquoted) string when it can be one."""
    if "`" not in text and all(char == "\t" or (char.isprintable() and char != "\ufeff") for char in text):
        return f"`{text}`"
    return quote(text)
