"""spf13/pflag and cobra's command-line grammar, as etcdctl v3 and kubectl use them: GNU-style flags
(`--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`, clustered boolean shorthands `-hi`)
interspersed with arguments, `--` ending the flags, persistent flags inherited by subcommands, a command
tree resolved with cobra's rules (prefix matching, "Did you mean this?" suggestions), and the messages
both libraries print (`unknown flag: --x`, `invalid argument "a" for "--limit" flag: ...`).

Values are Python values: strings, bools, ints, durations as float seconds, string slices as lists. A tool
keeps its own presentation (help templates) and its own meaning of each flag; this module only parses.
Conversions reuse `values` (Go's strconv/time syntax), imported only when a value has to be parsed or a
duration printed, so that a command line of strings and bare boolean flags costs nothing more than this
module."""

from __future__ import annotations

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any, Iterable, Iterator


# Go type names, as pflag's Value.Type() reports them.
STRING, BOOL, INT64, UINT, DURATION, STRING_SLICE = (
    "string", "bool", "int64", "uint", "duration", "stringSlice")
# kubectl's further types: stringArray (each occurrence one item, no comma splitting), stringToString and
# mapStringString (key=value pairs, as a dict), Value types that hold plain text but are not "string"
# (klog's moduleSpec): their help shows the default unquoted, and int32.
STRING_ARRAY, STRING_TO_STRING, MAP_STRING_STRING, MODULE_SPEC, INT32 = (
    "stringArray", "stringToString", "mapStringString", "moduleSpec", "int32")
_LISTS = (STRING_SLICE, STRING_ARRAY)
_MAPS = (STRING_TO_STRING, MAP_STRING_STRING)


class CommandLineError(Exception):
    """A command line cobra or pflag rejects; `str(err)` is their message (without the "Error: " prefix)."""


class FlagError(CommandLineError):
    """A flag that does not parse (cobra prints the command's usage for these)."""


class UnknownCommandError(CommandLineError):
    """A command name that matches nothing (the message carries cobra's suggestions)."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


def quote(text: str | bytes) -> str:
    """Go's strconv.Quote (fmt's %q): printable characters kept, the rest escaped, invalid UTF-8 as \\xNN."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "surrogateescape")
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


class Flag:
    """One flag: its declaration and, once parsed, its value and whether the command line set it."""

    __slots__ = ("name", "kind", "default", "usage", "shorthand", "hidden", "value", "changed", "_no_opt",
                 "deprecated")

    def __init__(self, name: str, kind: str, default: Any, usage: str = "", *, shorthand: str = "",
                 hidden: bool = False, no_opt_default: str = "", deprecated: str = "") -> None:
        """A `deprecated` flag (pflag's MarkDeprecated: the text says what to do instead) is hidden and
        warns when given."""
        self.name, self.kind, self.default, self.usage = name, kind, default, usage
        self.shorthand, self.hidden, self._no_opt = shorthand, hidden or bool(deprecated), no_opt_default
        self.deprecated = deprecated
        self.value: Any = _fresh(kind, default)
        self.changed = False

    def copy(self) -> Flag:
        return Flag(self.name, self.kind, self.default, self.usage, shorthand=self.shorthand,
                    hidden=self.hidden, no_opt_default=self._no_opt, deprecated=self.deprecated)

    @property
    def no_opt_default(self) -> str:
        """The value a flag takes when given without one (`--prefix`): "true" for booleans, pflag's
        NoOptDefVal for the others that declare one (kubectl's `--dry-run` means `--dry-run=unchanged`)."""
        return "true" if self.kind == BOOL else self._no_opt

    def set(self, text: str) -> None:
        """Set from command-line text; raises ValueError with Go's parse error."""
        if self.kind in (STRING, MODULE_SPEC):
            self.value = text
        elif self.kind == BOOL and text == self.no_opt_default:  # `--prefix`: nothing to parse
            self.value = True
        elif self.kind in _LISTS:
            if self.kind == STRING_ARRAY:
                items = [text]
            else:
                items = [item.strip('"') for item in text.split(",")] if text else []
            self.value = items if not self.changed else self.value + items
        elif self.kind in _MAPS:
            self.value = (self.value if self.changed else {}) | _pairs(text)
        else:
            from . import values

            if self.kind == BOOL:
                self.value = values.parse_bool(text)
            elif self.kind == DURATION:
                self.value = values.parse_duration(text)
            else:
                self.value = values.parse_int(text, unsigned=self.kind == UINT, bits=32 if self.kind == INT32 else 64)
        self.changed = True

    def text(self, value: Any = None) -> str:
        """Go's Value.String() of the current value (or of `value`)."""
        value = self.value if value is None else value
        if self.kind == BOOL:
            return "true" if value else "false"
        if self.kind in _LISTS:
            return "[" + ",".join(value) + "]"
        if self.kind in _MAPS:
            pairs = ",".join(f"{key}={item}" for key, item in sorted(value.items()))
            return f"[{pairs}]" if self.kind == STRING_TO_STRING else pairs
        if self.kind == DURATION:
            from .values import format_duration

            return format_duration(value)
        return str(value)

    @property
    def default_text(self) -> str:
        """pflag's DefValue: the default as its Value prints it."""
        return self.text(self.default)


def _fresh(kind: str, default: Any) -> Any:
    """A flag's initial value: a copy of a list or dict default, so parsing never changes the default."""
    if kind in _LISTS:
        return list(default)
    if kind in _MAPS:
        return dict(default)
    return default


def _pairs(text: str) -> dict[str, str]:
    """`a=1,b=2` as pflag's stringToString and kubectl's mapStringString read it."""
    found = {}
    for item in text.split(",") if text else []:
        key, equals, value = item.partition("=")
        if not equals:
            raise ValueError(f"{item} must be formatted as key=value")
        found[key] = value
    return found


def help_flag(command_name: str) -> Flag:
    """The `-h, --help` flag cobra gives every command."""
    return Flag("help", BOOL, False, f"help for {command_name}", shorthand="h")


class FlagSet:
    """Flags by name and by shorthand, listed sorted by name as pflag's VisitAll does."""

    def __init__(self, flags: Iterable[Flag] = ()) -> None:
        self._by_name: dict[str, Flag] = {}
        self._by_short: dict[str, Flag] = {}
        for flag in flags:
            self.add(flag)

    def add(self, flag: Flag) -> None:
        if flag.name not in self._by_name:
            self._by_name[flag.name] = flag
            if flag.shorthand:
                self._by_short[flag.shorthand] = flag

    def lookup(self, name: str) -> Flag | None:
        return self._by_name.get(name)

    def lookup_short(self, shorthand: str) -> Flag | None:
        return self._by_short.get(shorthand)

    def __iter__(self) -> Iterator[Flag]:
        return iter(sorted(self._by_name.values(), key=lambda flag: flag.name))

    def __len__(self) -> int:
        return len(self._by_name)

    def __getitem__(self, name: str) -> Any:
        return self._by_name[name].value


class Command:
    """A cobra command: `use` ("get [options] <key> [range_end]"), texts, flags, subcommands, and `run`
    (anything the tool dispatches on; None makes the command a group that only prints its help)."""

    def __init__(self, use: str, short: str = "", long: str = "", *, run: Any = None,
                 flags: Iterable[Flag] = (), persistent_flags: Iterable[Flag] = (),
                 commands: Iterable[Command] = (), aliases: Iterable[str] = (), hidden: bool = False,
                 disable_flags_in_use_line: bool = False, example: str = "") -> None:
        self.use, self.short, self.long, self.run, self.example = use, short, long, run, example
        self.own_flags = list(flags)
        self.persistent_flags = list(persistent_flags)
        self.aliases = tuple(aliases)
        self.hidden = hidden
        self.disable_flags_in_use_line = disable_flags_in_use_line
        self.parent: Command | None = None
        self.commands: list[Command] = []
        self._flags: FlagSet | None = None
        self._help: Flag | None = None
        self.add(*commands)

    def add(self, *commands: Command) -> None:
        for command in commands:
            command.parent = self
            self.commands.append(command)

    @property
    def name(self) -> str:
        return self.use.split(" ", 1)[0]

    @property
    def runnable(self) -> bool:
        return self.run is not None

    @property
    def available(self) -> bool:
        """cobra's IsAvailableCommand: shown in suggestions (the help command is not)."""
        if self.hidden or (self.parent is not None and self.name == "help"):
            return False
        return self.runnable or any(command.available for command in self.commands)

    def root(self) -> Command:
        return self if self.parent is None else self.parent.root()

    def path(self) -> str:
        return self.name if self.parent is None else f"{self.parent.path()} {self.name}"

    def sorted_commands(self) -> list[Command]:
        return sorted(self.commands, key=lambda command: command.name)

    def local_flags(self) -> FlagSet:
        """Flags declared on this command (its own, its persistent ones and -h)."""
        return FlagSet([*self.own_flags, *self.persistent_flags, self.help_flag()])

    def inherited_flags(self) -> FlagSet:
        """Persistent flags of the ancestors (the nearest declaration of a name wins)."""
        found = FlagSet()
        ancestor = self.parent
        while ancestor is not None:
            for flag in ancestor.persistent_flags:
                found.add(flag)
            ancestor = ancestor.parent
        return found

    def flags(self) -> FlagSet:
        """Every flag the command accepts; built once, so parsed values stay on the Flag objects."""
        if self._flags is None:
            self._flags = FlagSet([*self.local_flags(), *self.inherited_flags()])
        return self._flags

    def _declared_flags(self) -> FlagSet:
        """The flags as cobra knows them while finding a command: without the -h it adds only to the
        command it runs (so `etcdctl -h get` takes "get" for -h's value and shows the root's help)."""
        return FlagSet([*self.own_flags, *self.persistent_flags, *self.inherited_flags()])

    def help_flag(self) -> Flag:
        """The command's `-h, --help` (one object, so that parsing sets the one the tool reads)."""
        if self._help is None:
            self._help = help_flag(self.name)
        return self._help

    def use_line(self) -> str:
        """cobra's UseLine: the full path with the use text, plus " [flags]" when the command has flags."""
        line = self.use if self.parent is None else f"{self.parent.path()} {self.use}"
        if not self.disable_flags_in_use_line and "[flags]" not in line:
            line += " [flags]"
        return line

    def find(self, args: list[str], *, prefixes: bool = True) -> tuple[Command, list[str]]:
        """cobra's Find: the command named by the leading non-flag words (unique prefixes accepted, unless
        `prefixes` is off as in kubectl, which leaves cobra's EnablePrefixMatching unset) and the
        arguments left for it. Raises UnknownCommandError as cobra's legacyArgs does."""
        command, rest = self, list(args)
        while True:
            words = _strip_flags(rest, command._declared_flags())
            if not words:
                break
            following = command._find_next(words[0], prefixes)
            if following is None:
                break
            rest.remove(words[0])
            command = following
        if command.parent is None and command.commands:
            words = _strip_flags(rest, command._declared_flags())
            if words:
                suggestions = command._suggestion_text(words[0])
                raise UnknownCommandError(f'unknown command "{words[0]}" for "{command.path()}"{suggestions}',
                                          words[0])
        return command, rest

    def _find_next(self, word: str, prefixes: bool = True) -> Command | None:
        matches = []
        for command in self.commands:
            if word == command.name or word in command.aliases:
                return command
            if prefixes and any(name.startswith(word) for name in (command.name, *command.aliases)):
                matches.append(command)
        return matches[0] if len(matches) == 1 else None

    def suggestions(self, typed: str, distance: int = 2) -> list[str]:
        """Subcommand names within Levenshtein `distance` of `typed`, or starting with it (cobra's
        SuggestionsFor), in the order the subcommands were added."""
        lowered = typed.lower()
        return [command.name for command in self.commands if command.available and (
            _levenshtein(lowered, command.name.lower()) <= distance
            or command.name.lower().startswith(lowered))]

    def _suggestion_text(self, typed: str) -> str:
        found = self.suggestions(typed)
        if not found:
            return ""
        return "\n\nDid you mean this?\n" + "".join(f"\t{name}\n" for name in found)


def _strip_flags(args: list[str], flags: FlagSet) -> list[str]:
    """The words of `args` that are not flags or flag values (cobra's stripFlags, including its habit of
    taking the word after an unknown `--flag` as that flag's value)."""
    words: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "--":
            break
        takes_value = False
        if arg.startswith("--") and "=" not in arg:
            flag = flags.lookup(arg[2:])
            takes_value = flag is None or not flag.no_opt_default
        elif arg.startswith("-") and "=" not in arg and len(arg) == 2:
            flag = flags.lookup_short(arg[1:])
            takes_value = flag is None or not flag.no_opt_default
        elif arg and not arg.startswith("-"):
            words.append(arg)
        if takes_value:
            if len(args) - position <= 1:
                break
            position += 1
    return words


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


class Parsed:
    """What parse() found: the positional arguments and where `--` was among them (cobra's
    ArgsLenAtDash, -1 without one)."""

    __slots__ = ("args", "dash_at")

    def __init__(self, args: list[str], dash_at: int) -> None:
        self.args, self.dash_at = args, dash_at


def parse(flags: FlagSet, args: list[str]) -> Parsed:
    """Parse `args` against `flags` as pflag does with interspersed arguments, setting the flags' values.
    Raises FlagError with pflag's messages."""
    positional: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if len(arg) < 2 or arg[0] != "-":
            positional.append(arg)
        elif arg == "--":
            dash_at = len(positional)
            return Parsed(positional + rest, dash_at)
        elif arg[1] == "-":
            _parse_long(flags, arg, rest)
        else:
            _parse_shorthands(flags, arg[1:], rest)
    return Parsed(positional, -1)


def _parse_long(flags: FlagSet, arg: str, rest: list[str]) -> None:
    name = arg[2:]
    if not name or name[0] in "-=":
        raise FlagError(f"bad flag syntax: {arg}")
    name, has_value, text = name.partition("=")
    flag = flags.lookup(name)
    if flag is None:
        raise FlagError(f"unknown flag: --{name}")
    if not has_value:
        if flag.no_opt_default:
            text = flag.no_opt_default
        elif rest:
            text = rest.pop(0)
        else:
            raise FlagError(f"flag needs an argument: {arg}")
    _set(flag, text)


def _parse_shorthands(flags: FlagSet, shorthands: str, rest: list[str]) -> None:
    while shorthands:
        char = shorthands[0]
        flag = flags.lookup_short(char)
        if flag is None:
            raise FlagError(f"unknown shorthand flag: '{char}' in -{shorthands}")
        if len(shorthands) > 2 and shorthands[1] == "=":
            text, shorthands = shorthands[2:], ""
        elif flag.no_opt_default:
            text, shorthands = flag.no_opt_default, shorthands[1:]
        elif len(shorthands) > 1:
            text, shorthands = shorthands[1:], ""
        elif rest:
            text, shorthands = rest.pop(0), ""
        else:
            raise FlagError(f"flag needs an argument: '{char}' in -{shorthands}")
        _set(flag, text)


def _set(flag: Flag, text: str) -> None:
    try:
        flag.set(text)
    except ValueError as err:
        shown = f"-{flag.shorthand}, --{flag.name}" if flag.shorthand else f"--{flag.name}"
        raise FlagError(f"invalid argument {quote(text)} for {quote(shown)} flag: {err}") from None
    if flag.deprecated:  # pflag says so on its output, stderr
        import sys

        sys.stderr.write(f"Flag --{flag.name} has been deprecated, {flag.deprecated}\n")


_ZERO_TEXTS = {STRING: ("",), BOOL: ("false",), DURATION: ("0", "0s"), STRING_SLICE: ("[]",), STRING_ARRAY: ("[]",),
               STRING_TO_STRING: ("[]",)}


def flag_usages(flags: FlagSet) -> str:
    """pflag's FlagUsages: the "Flags:" block of cobra's default usage text."""
    lines: list[tuple[str, str]] = []
    for flag in flags:
        if flag.hidden:
            continue
        line = f"  -{flag.shorthand}, --{flag.name}" if flag.shorthand else f"      --{flag.name}"
        type_name = {BOOL: "", INT64: "int", STRING_SLICE: "strings"}.get(flag.kind, flag.kind)
        if type_name:
            line += " " + type_name
        usage = flag.usage
        if flag.default_text not in _ZERO_TEXTS.get(flag.kind, ("", "0")):
            usage += f" (default {quote(flag.default_text)})" if flag.kind == STRING else \
                f" (default {flag.default_text})"
        lines.append((line, usage))
    width = max((len(line) for line, _ in lines), default=0) + 1
    return "".join(f"{line}{' ' * (width - len(line) + 2)}{usage}\n" for line, usage in lines)


def default_usage(command: Command) -> str:
    """cobra's default usage text of a leaf command (for tools that did not install their own template)."""
    text = f"Usage:\n  {command.use_line()}\n\nFlags:\n{flag_usages(command.local_flags())}"
    inherited = command.inherited_flags()
    if len(inherited):
        text += f"\nGlobal Flags:\n{flag_usages(inherited)}"
    return text
