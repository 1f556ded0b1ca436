"""`kubectl get -o go-template=...` (and `go-template-file`): the common part of Go's text/template over the object
as kubectl hands it over (JSON decoded with whole numbers as int64, missing keys allowed).

Supported: text and `{{ }}` actions with `{{-`/`-}}` trimming and `{{/* comments */}}`; `.`, `.a.b`, `$`, `$x.a`,
parenthesised pipelines with fields `(index .items 0).metadata`; pipelines `a | f`; `$x := ...`, `$x = ...`;
`if`/`else if`/`else`, `range` (lists, maps in key order, integers; `$i, $e :=`; `else`; `break`, `continue`),
`with`/`else`; string, raw string, number, `true`/`false`/`nil` literals; functions `and or not len index slice
printf print println eq ne lt le gt ge` and kubectl's `exists` and `base64decode`. Anything else
(`define`/`template`/`block`, `html`, `js`, `urlquery`, `call`, methods) raises GoTemplateError saying it is not
supported by mkctl. Missing keys print `<no value>`, nil `<nil>`, maps `map[k:v]`, as Go does."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from ._gofmt import sprint

_MISSING = type("_Missing", (), {"__repr__": lambda self: "<no value>"})()
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<declare>:=) | (?P<assign>=) | (?P<open>\() | (?P<close>\)) | (?P<pipe>\|) | (?P<comma>,)
  | (?P<string>"(?:[^"\\\n]|\\.)*") | (?P<raw>`[^`]*`) | (?P<char>'(?:[^'\\\n]|\\.)+')
  | (?P<number>[+-]?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?))
  | (?P<variable>\$[A-Za-z0-9_]*)
  | (?P<field>(?:\.[A-Za-z0-9_]+)+|\.)
  | (?P<identifier>[A-Za-z_][A-Za-z0-9_]*)
""", re.VERBOSE)
_UNSUPPORTED = {"define", "template", "block", "html", "js", "urlquery", "call"}
_FUNCTIONS = {"and", "or", "not", "len", "index", "slice", "printf", "print", "println", "eq", "ne", "lt", "le",
              "gt", "ge", "exists", "base64decode"}
_VERB = re.compile(r"%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])")


class GoTemplateError(ValueError):
    """kubectl's message for a template that does not parse or fails, or mkctl's for what it does not support.
    `output` is what kubectl writes to stdout before failing: the text made so far and its debugging block."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


# ---- lexing and parsing ----

def _actions(template: str) -> list[tuple[str, Any]]:
    """("text", str) and ("action", tokens) items, trim markers applied, comments dropped."""
    items: list[tuple[str, Any]] = []
    position, trim_next = 0, False
    while True:
        start = template.find("{{", position)
        text = template[position:] if start < 0 else template[position:start]
        if trim_next:
            text = text.lstrip(" \t\r\n")
        if start < 0:
            items.append(("text", text))
            return items
        inner = start + 2
        if template.startswith("- ", inner) or template.startswith("-\t", inner) or template.startswith("-\n", inner):
            text = text.rstrip(" \t\r\n")
            inner += 1
        items.append(("text", text))
        tokens, position, trim_next = _tokens(template, inner)
        if tokens is not None:
            items.append(("action", tokens))


def _tokens(template: str, position: int) -> tuple[list[tuple[str, str, bool]] | None, int, bool]:
    """The tokens of the action starting at `position` (kind, text, preceded by space), where it ends, and whether
    it trims the following text; None for a comment."""
    stripped = template[position:].lstrip()
    if stripped.startswith("/*"):
        close = template.find("*/", position)
        if close < 0:
            raise GoTemplateError("template: output:1: unclosed comment")
        end = close + 2
        trim = template.startswith(" -}}", end)
        end = end + 4 if trim else end + 2
        if not template.startswith("}}", end - 2):
            raise GoTemplateError("template: output:1: comment ends before closing delimiter")
        return None, end, trim
    tokens: list[tuple[str, str, bool]] = []
    spaced = False
    while True:
        if template.startswith("}}", position):
            return tokens, position + 2, False
        if template.startswith("-}}", position) and (spaced or template[position - 1:position].isspace()):
            return tokens, position + 3, True
        match = _TOKEN.match(template, position)
        if match is None or position >= len(template):
            if position >= len(template):
                raise GoTemplateError("template: output:1: unclosed action")
            raise GoTemplateError(f"template: output:1: unexpected {template[position]!r} in command")
        kind = match.lastgroup or ""
        if kind == "space":
            spaced = True
        else:
            tokens.append((kind, match.group(), spaced))
            spaced = False
        position = match.end()


class _Parser:
    def __init__(self, template: str) -> None:
        self.items = _actions(template)
        self.index = 0

    def parse(self) -> list[Any]:
        body, stop = self._list()
        if stop is not None:
            raise GoTemplateError(f"template: output:1: unexpected {{{{{stop}}}}}")
        return body

    def _list(self) -> tuple[list[Any], str | None]:
        """Nodes up to an `{{end}}`/`{{else ...}}` (returned as the stop word, with the else's tokens kept)."""
        nodes: list[Any] = []
        while self.index < len(self.items):
            kind, value = self.items[self.index]
            self.index += 1
            if kind == "text":
                if value:
                    nodes.append(("text", value))
                continue
            if not value:
                raise GoTemplateError("template: output:1: missing value for command")
            word = value[0][1] if value[0][0] == "identifier" else ""
            if word in ("end", "else"):
                self.else_tokens = value[1:]
                return nodes, word
            if word in ("if", "with", "range"):
                nodes.append(self._block(word, value[1:]))
            elif word in ("break", "continue"):
                nodes.append((word,))
            elif word in _UNSUPPORTED:
                raise GoTemplateError(f"{{{{{word}}}}} is not supported by mkctl's go-template printer")
            else:
                nodes.append(("action", _Pipeline(value).parse()))
        return nodes, None

    def _block(self, word: str, tokens: list[tuple[str, str, bool]]) -> tuple[Any, ...]:
        pipeline = _Pipeline(tokens).parse()
        body, stop = self._list()
        alternative: list[Any] = []
        if stop == "else":
            rest = self.else_tokens
            if rest and rest[0][0] == "identifier" and rest[0][1] in ("if", "with"):
                alternative = [self._block(rest[0][1], rest[1:])]
                return (word, pipeline, body, alternative)
            alternative, stop = self._list()
        if stop != "end":
            raise GoTemplateError(f"template: output:1: unexpected EOF in {word}")
        return (word, pipeline, body, alternative)


class _Pipeline:
    """Parses one action's tokens: `[$x[, $y] :=|=] command | command ...`."""

    def __init__(self, tokens: list[tuple[str, str, bool]]) -> None:
        self.tokens, self.index = tokens, 0

    def _peek(self) -> tuple[str, str, bool] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def parse(self, closing: bool = False) -> tuple[list[str], bool, list[list[Any]]]:
        declared: list[str] = []
        assign = False
        kinds = [token[0] for token in self.tokens[self.index:self.index + 4]]
        if kinds[:2] in (["variable", "declare"], ["variable", "assign"]) or kinds == ["variable", "comma",
                                                                                         "variable", "declare"]:
            while self._peek() and self._peek()[0] == "variable":
                declared.append(self.tokens[self.index][1])
                self.index += 1
                if self._peek() and self._peek()[0] == "comma":
                    self.index += 1
            assign = self.tokens[self.index][0] == "assign"
            self.index += 1
        commands: list[list[Any]] = [[]]
        while True:
            token = self._peek()
            if token is None or (closing and token[0] == "close"):
                break
            if token[0] == "pipe":
                self.index += 1
                commands.append([])
                continue
            commands[-1].append(self._operand())
        if not commands[-1]:
            raise GoTemplateError("template: output:1: missing value for command")
        return declared, assign, commands

    def _chain(self) -> list[str]:
        token = self._peek()
        if token and token[0] == "field" and not token[2] and token[1] != ".":
            self.index += 1
            return token[1].split(".")[1:]
        return []

    def _operand(self) -> Any:
        kind, text, _ = self.tokens[self.index]
        self.index += 1
        if kind == "field":
            return ("dot",) if text == "." else ("field", text.split(".")[1:])
        if kind == "variable":
            return ("var", text, self._chain())
        if kind == "open":
            inner = self.parse(closing=True)
            if not self._peek() or self._peek()[0] != "close":
                raise GoTemplateError("template: output:1: unclosed left paren")
            self.index += 1
            return ("pipe", inner, self._chain())
        if kind in ("string", "raw", "char", "number"):
            return ("lit", _literal(kind, text))
        if kind == "identifier":
            if text in ("true", "false"):
                return ("lit", text == "true")
            if text == "nil":
                return ("lit", None)
            if text in _UNSUPPORTED:
                raise GoTemplateError(f"function {text!r} is not supported by mkctl's go-template printer")
            if text not in _FUNCTIONS:
                raise GoTemplateError(f'template: output:1: function "{text}" not defined')
            return ("func", text)
        raise GoTemplateError(f"template: output:1: unexpected {text!r} in operand")


def _literal(kind: str, text: str) -> Any:
    if kind == "raw":
        return text[1:-1]
    if kind == "string":
        return json.loads(text)
    if kind == "char":
        return ord(json.loads('"' + text[1:-1].replace('"', '\\"') + '"'))
    clean = text.replace("_", "")
    if clean.lower().lstrip("+-").startswith("0x"):
        return int(clean, 16)
    try:
        return int(clean)
    except ValueError:
        return float(clean)


# ---- evaluation ----

def _truth(value: Any) -> bool:
    if value is _MISSING or value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    return len(value) > 0


def _basic(value: Any) -> str:
    for kind, types in (("bool", bool), ("int", int), ("float", float), ("string", str)):
        if isinstance(value, types):
            return kind
    raise GoTemplateError("invalid type for comparison")


def _eq(left: Any, *rights: Any) -> bool:
    for right in rights:
        if left in (None, _MISSING) or right in (None, _MISSING):
            if (left in (None, _MISSING)) == (right in (None, _MISSING)):
                return True
            continue
        if _basic(left) != _basic(right):
            raise GoTemplateError("incompatible types for comparison")
        if left == right:
            return True
    return False


def _lt(left: Any, right: Any) -> bool:
    if _basic(left) != _basic(right):
        raise GoTemplateError("incompatible types for comparison")
    if isinstance(left, bool):
        raise GoTemplateError("invalid type for comparison")
    return left < right


def _index(item: Any, *keys: Any) -> Any:
    for key in keys:
        if isinstance(item, dict):
            item = item.get(key) if isinstance(key, str) else _fail(f"value has type {type(key).__name__}; "
                                                                      "should be string")
        elif isinstance(item, list | str):
            if not isinstance(key, int) or not 0 <= key < len(item):
                raise GoTemplateError(f"error calling index: index out of range: {key}")
            item = item[key]
        else:
            raise GoTemplateError(f"error calling index: can't index item of type {_type_name(item)}")
    return item


def _fail(message: str) -> Any:
    raise GoTemplateError(f"error calling index: {message}")


def _type_name(value: Any) -> str:
    if value is None or value is _MISSING:
        return "<nil>"
    return {dict: "map[string]interface {}", list: "[]interface {}", str: "string", bool: "bool", int: "int64",
            float: "float64"}.get(type(value), type(value).__name__)


def _sprint_args(args: tuple[Any, ...]) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    out = ""
    for index, arg in enumerate(args):
        if index and not isinstance(arg, str) and not isinstance(args[index - 1], str):
            out += " "
        out += _show(arg)
    return out


def _printf(form: str, *args: Any) -> str:
    values = list(args)

    def verb(match: re.Match[str]) -> str:
        flags, width, precision, letter = match.groups()
        if letter == "%":
            return "%"
        if not values:
            return f"%!{letter}(MISSING)"
        value = values.pop(0)
        if letter in "vs":
            text = _show(value)
        elif letter == "q" and isinstance(value, str):
            text = json.dumps(value, ensure_ascii=False)
        elif letter == "d" and isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif letter in "feg" and isinstance(value, float | int) and not isinstance(value, bool):
            text = format(float(value), f".{precision or 6}{letter}")
        elif letter == "t" and isinstance(value, bool):
            text = "true" if value else "false"
        elif letter in "xX" and isinstance(value, int | str) and not isinstance(value, bool):
            text = format(value, letter) if isinstance(value, int) else value.encode().hex()
            text = text.upper() if letter == "X" else text
        else:
            return f"%!{letter}({_type_name(value)}={_show(value)})"
        if width:
            text = text.ljust(int(width)) if "-" in flags else text.rjust(int(width), "0" if "0" in flags else " ")
        return text

    text = _VERB.sub(verb, form)
    if values:
        text += "%!(EXTRA " + ", ".join(f"{_type_name(value)}={_show(value)}" for value in values) + ")"
    return text


def _len(value: Any) -> int:
    if isinstance(value, str | list | dict):
        return len(value.encode()) if isinstance(value, str) else len(value)
    raise GoTemplateError(f"error calling len: len of type {_type_name(value)}")


def _base64decode(value: Any) -> str:
    try:
        return base64.b64decode(str(value), validate=True).decode()
    except ValueError as err:
        raise GoTemplateError(f"error calling base64decode: base64 decode failed: {err}") from None


def _exists(item: Any, *keys: Any) -> bool:
    try:
        found = _index(item, *keys)
    except GoTemplateError:
        return False
    return found is not None and found is not _MISSING


def _slice(item: Any, *bounds: int) -> Any:
    if not isinstance(item, list | str):
        raise GoTemplateError(f"error calling slice: can't slice item of type {_type_name(item)}")
    start = bounds[0] if bounds else 0
    stop = bounds[1] if len(bounds) > 1 else len(item)
    if not 0 <= start <= stop <= len(item):
        raise GoTemplateError(f"error calling slice: index out of range: {stop}")
    return item[start:stop]


_CALLS = {
    "not": lambda value: not _truth(value),
    "len": _len,
    "index": _index,
    "slice": _slice,
    "printf": _printf,
    "print": lambda *args: _sprint_args(args),
    "println": lambda *args: " ".join(_show(arg) for arg in args) + "\n",
    "eq": _eq,
    "ne": lambda a, b: not _eq(a, b),
    "lt": _lt,
    "le": lambda a, b: _lt(a, b) or _eq(a, b),
    "gt": lambda a, b: not (_lt(a, b) or _eq(a, b)),
    "ge": lambda a, b: not _lt(a, b),
    "exists": _exists,
    "base64decode": _base64decode,
}


def _show(value: Any) -> str:
    return "<no value>" if value is _MISSING else sprint(value)


class _Executor:
    def __init__(self, root: Any) -> None:
        self.variables: list[tuple[str, Any]] = [("$", root)]
        self.out: list[str] = []

    def run(self, nodes: list[Any], dot: Any) -> None:
        for node in nodes:
            kind = node[0]
            if kind == "text":
                self.out.append(node[1])
            elif kind == "action":
                declared, _, _ = node[1]
                value = self.pipeline(node[1], dot)
                if not declared:
                    self.out.append(_show(value))
            elif kind == "break":
                raise _Break
            elif kind == "continue":
                raise _Continue
            else:
                getattr(self, "_" + kind)(node, dot)

    def _scoped(self, nodes: list[Any], dot: Any) -> None:
        mark = len(self.variables)
        try:
            self.run(nodes, dot)
        finally:
            del self.variables[mark:]

    def _if(self, node: tuple[Any, ...], dot: Any) -> None:
        mark = len(self.variables)
        chosen = node[2] if _truth(self.pipeline(node[1], dot)) else node[3]
        self._scoped(chosen, dot)
        del self.variables[mark:]

    def _with(self, node: tuple[Any, ...], dot: Any) -> None:
        mark = len(self.variables)
        value = self.pipeline(node[1], dot)
        if _truth(value):
            self._scoped(node[2], value)
        else:
            self._scoped(node[3], dot)
        del self.variables[mark:]

    def _range(self, node: tuple[Any, ...], dot: Any) -> None:
        declared, _, commands = node[1]
        mark = len(self.variables)
        value = self.pipeline(([], False, commands), dot)
        if isinstance(value, dict):
            pairs = [(key, value[key]) for key in sorted(value)]
        elif isinstance(value, list):
            pairs = list(enumerate(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            pairs = [(index, index) for index in range(value)]
        elif value is _MISSING:
            pairs = []
        else:
            raise GoTemplateError(f"range can't iterate over {_show(value)}")
        for key, element in pairs:
            if len(declared) == 1:
                self.variables.append((declared[0], element))
            elif len(declared) == 2:
                self.variables += [(declared[0], key), (declared[1], element)]
            try:
                self._scoped(node[2], element)
            except _Continue:
                pass
            except _Break:
                break
            finally:
                del self.variables[mark:]
        if not pairs:
            self._scoped(node[3], dot)

    def pipeline(self, pipeline: tuple[list[str], bool, list[list[Any]]], dot: Any) -> Any:
        declared, assign, commands = pipeline
        value: Any = _MISSING
        for position, command in enumerate(commands):
            value = self.command(command, dot, value if position else None, piped=position > 0)
            if value is None:   # text/template digs into an interface{}: a nil one is no value
                value = _MISSING
        for name in declared:
            if assign:
                for index in range(len(self.variables) - 1, -1, -1):
                    if self.variables[index][0] == name:
                        self.variables[index] = (name, value)
                        break
                else:
                    raise GoTemplateError(f"template: output:1: undefined variable: {name}")
            else:
                self.variables.append((name, value))
        return value

    def command(self, command: list[Any], dot: Any, previous: Any, *, piped: bool) -> Any:
        first = command[0]
        if first[0] == "func":
            args = [self.operand(arg, dot) for arg in command[1:]]
            if piped:
                args.append(previous)
            name = first[1]
            if name in ("and", "or"):
                if not args:
                    raise GoTemplateError(f"wrong number of args for {name}: want at least 1 got 0")
                for arg in args:
                    if _truth(arg) != (name == "and"):
                        return arg
                return args[-1]
            try:
                return _CALLS[name](*args)
            except TypeError:
                raise GoTemplateError(f"wrong number of args for {name}") from None
        if len(command) > 1 or piped:
            raise GoTemplateError(f"can't give argument to non-function {_describe(first)}")
        return self.operand(first, dot)

    def operand(self, operand: Any, dot: Any) -> Any:
        kind = operand[0]
        if kind == "dot":
            return dot
        if kind == "field":
            return _fields(dot, operand[1])
        if kind == "lit":
            return operand[1]
        if kind == "var":
            for name, value in reversed(self.variables):
                if name == operand[1]:
                    return _fields(value, operand[2])
            raise GoTemplateError(f"template: output:1: undefined variable: {operand[1]}")
        if kind == "pipe":
            return _fields(self.pipeline(operand[1], dot), operand[2])
        raise GoTemplateError(f"can't use function {operand[1]} as a value without calling it")


def _describe(operand: Any) -> str:
    if operand[0] == "field":
        return "." + ".".join(operand[1])
    if operand[0] == "var":
        return operand[1]
    return str(operand[1]) if len(operand) > 1 else "."


def _fields(value: Any, names: list[str]) -> Any:
    for name in names:
        if value is _MISSING:
            return _MISSING
        if value is None:
            raise GoTemplateError(f"nil pointer evaluating interface {{}}.{name}")
        if not isinstance(value, dict):
            raise GoTemplateError(f"can't evaluate field {name} in type {_type_name(value)}")
        value = value.get(name, _MISSING)
    return value


def _kubectl_json(value: Any) -> Any:
    """k8s.io/apimachinery's json.Unmarshal: whole float64 numbers become int64."""
    if isinstance(value, dict):
        return {key: _kubectl_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_kubectl_json(item) for item in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 63:
        return int(value)
    return value


def parse_template(template: str) -> list[Any]:
    """The parsed template; GoTemplateError (`error parsing template ...`) when it does not parse."""
    try:
        return _Parser(template).parse()
    except GoTemplateError as err:
        if "not supported by mkctl" in str(err):
            raise
        raise GoTemplateError(f"error parsing template {template}, {err}") from None


def render_go_template(template: str, obj: Any) -> str:
    """What `kubectl get -o go-template=TEMPLATE` prints for `obj` (an object or a List)."""
    nodes = parse_template(template)
    executor = _Executor(_kubectl_json(obj))
    try:
        executor.run(nodes, executor.variables[0][1])
    except (_Break, _Continue):
        raise GoTemplateError(f"error parsing template {template}, template: output:1: break or continue outside "
                              "range") from None
    except GoTemplateError as err:
        from ._gofmt import go_json, quote

        debug = (f"Error executing template: {err}. Printing more information for debugging the template:\n"
                 f"\ttemplate was:\n\t\t{template}\n\traw data was:\n\t\t{go_json(obj)}\n"
                 f"\tobject given to template engine was:\n\t\t{sprint(_kubectl_json(obj))}\n\n")
        raise GoTemplateError(f"error executing template {quote(template)}: {err}",
                              "".join(executor.out) + debug) from None
    return "".join(executor.out)
