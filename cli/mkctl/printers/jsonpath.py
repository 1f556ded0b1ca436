"""kubectl's JSONPath dialect (client-go `util/jsonpath`), template level: text between `{...}` actions, fields
(`.metadata.name`, escaped dots `.labels.app\\.kubernetes\\.io/name`, `['key']`), `[*]`, `.*`, indexes and slices
(`[0]`, `[-1]`, `[1:3]`, `[::2]`), unions (`[0,2]`), recursive descent (`..name`), filters
(`[?(@.type=="Ready")]`, `[?(@.x)]`), `{range ...}...{end}`, `@`/`$`, quoted literals (`{"\\n"}`), and its text
(`-o jsonpath`) and JSON (`-o jsonpath-as-json`) printing.

`JSONPath(template)` parses (JSONPathError with client-go's message) and `execute(data)` prints as kubectl 1.32
does with `--allow-missing-template-keys=true` (missing keys print nothing). `find_results` gives the selected
values (used by `--sort-by` and custom columns); `relaxed_path` is kubectl's `RelaxedJSONPathExpression`.
Map wildcards visit keys sorted (Go's map order is random)."""

from __future__ import annotations

import re
from typing import Any

_DICT_KEY = re.compile(r"^'([^']*)'$")
_SLICE = re.compile(r"^(-?\d*)(:-?\d*)?(:-?\d*)?$")
_FILTER = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$")
_RELAXED = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$")
_TERMINATORS = frozenset(" \t\r\n.,[]$@{}")
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\",
                   "'": "'", '"': '"'}

Node = tuple[Any, ...]


class JSONPathError(ValueError):
    """A template that does not parse, or whose evaluation fails (client-go's message)."""


def relaxed_path(expression: str) -> str:
    """`.a.b`, `a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}` (custom-columns specs and --sort-by)."""
    if not expression:
        return expression
    match = _RELAXED.match(expression)
    if match is None:
        raise JSONPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' "
                            "or '{.name1.name2}'")
    return "{.%s}" % (match.group(1) or match.group(2))


# ---- parsing (client-go's parser.go, as a loop) ----

class _Parser:
    def __init__(self, text: str) -> None:
        self.input, self.pos, self.start = text, 0, 0
        self.root: list[Node] = []

    def _next(self) -> str:
        if self.pos >= len(self.input):
            return ""
        self.pos += 1
        return self.input[self.pos - 1]

    def _backup(self, char: str) -> None:
        self.pos -= len(char)

    def _peek(self) -> str:
        return self.input[self.pos] if self.pos < len(self.input) else ""

    def _consume(self) -> str:
        value = self.input[self.start:self.pos]
        self.start = self.pos
        return value

    def parse(self) -> list[Node]:
        while True:
            brace = self.input.find("{", self.pos)
            if brace < 0:
                self.pos = len(self.input)
                if self.pos > self.start:
                    self.root.append(("text", self._consume()))
                return self.root
            self.pos = brace
            if self.pos > self.start:
                self.root.append(("text", self._consume()))
            self.pos += 1
            self._consume()
            action: list[Node] = []
            self.root.append(("list", action))
            self._inside_action(action)

    def _inside_action(self, cur: list[Node]) -> None:
        while True:
            rest = self.input[self.pos:]
            if rest.startswith("}"):
                self.pos += 1
                self._consume()
                return
            if rest.startswith("[?("):
                self._filter(cur)
                continue
            if rest.startswith(".."):
                self._recursive(cur)
                continue
            char = self._next()
            if char in ("", "\r", "\n"):
                raise JSONPathError("unclosed action")
            if char in " @$":
                self._consume()
            elif char == "[":
                self._array(cur)
            elif char in "\"'":
                self._quote(cur, char)
            elif char == ".":
                self._field(cur)
            elif char in "+-" or char.isdigit():
                self._backup(char)
                self._number(cur)
            elif char == "_" or char.isalnum():
                self._backup(char)
                self._identifier(cur)
            else:
                raise JSONPathError(f"unrecognized character in action: U+{ord(char):04X} '{char}'")

    def _identifier(self, cur: list[Node]) -> None:
        while True:
            char = self._next()
            if char == "" or char in _TERMINATORS:
                self._backup(char)
                break
        value = self._consume()
        cur.append(("bool", value == "true") if value in ("true", "false") else ("identifier", value))

    def _recursive(self, cur: list[Node]) -> None:
        if cur and cur[-1][0] == "recursive":
            raise JSONPathError("invalid multiple recursive descent")
        self.pos += 2
        self._consume()
        cur.append(("recursive",))
        following = self._peek()
        if following and (following == "_" or following.isalnum()):
            self._field(cur)

    def _number(self, cur: list[Node]) -> None:
        if self._peek() and self._peek() in "+-":
            self._next()
        while True:
            char = self._next()
            if char != "." and not char.isdigit():
                self._backup(char)
                break
        value = self._consume()
        try:
            cur.append(("int", int(value)))
            return
        except ValueError:
            pass
        try:
            cur.append(("float", float(value)))
        except ValueError:
            raise JSONPathError(f"cannot parse number {value}") from None

    def _array(self, cur: list[Node]) -> None:
        while True:
            char = self._next()
            if char in ("", "\n"):
                raise JSONPathError("unterminated array")
            if char == "]":
                break
        text = self._consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:
            cur.append(("union", [_action(f"[{part.strip(' ')}]") for part in parts]))
            return
        key = _DICT_KEY.match(text)
        if key:
            cur.extend(_action(f".{key.group(1)}"))
            return
        match = _SLICE.match(text)
        if match is None:
            raise JSONPathError(f"invalid array index {text}")
        params: list[list[Any]] = []   # [known, value, derived] as client-go's ParamsEntry
        for index, raw in enumerate(match.groups()):
            raw = raw or ""
            if raw:
                if index > 0:
                    raw = raw[1:]
                if index > 0 and raw == "":
                    params.append([False, 0, False])
                    continue
                try:
                    params.append([True, int(raw), False])
                except ValueError:
                    raise JSONPathError(f"array index {raw} is not a number") from None
            elif index == 1:
                params.append([True, params[0][1] + 1, True])
            else:
                params.append([False, 0, False])
        cur.append(("array", params))

    def _filter(self, cur: list[Node]) -> None:
        self.pos += 3
        self._consume()
        begin = end = False
        pair = ""
        while True:
            char = self._next()
            if char in ("", "\n"):
                raise JSONPathError("unterminated filter")
            if char in "\"'":
                if not begin:
                    begin, pair = True, char
                    continue
                if self.input[self.pos - 2] != "\\" and char == pair:
                    end = True
            elif char == ")" and begin == end:
                break
        if self._next() != "]":
            raise JSONPathError("unclosed array expect ]")
        text = self._consume()[:-2]
        match = _FILTER.match(text)
        if match is None:
            cur.append(("filter", _action(text), [], "exists"))
        else:
            cur.append(("filter", _action(match.group(1)), _action(match.group(3)), match.group(2)))

    def _quote(self, cur: list[Node], quote: str) -> None:
        while True:
            char = self._next()
            if char in ("", "\n"):
                raise JSONPathError("unterminated quoted string")
            if char == quote and self.input[self.pos - 2] != "\\":
                break
        value = self._consume()
        cur.append(("text", _unquote(value)))

    def _field(self, cur: list[Node]) -> None:
        self._consume()
        while True:
            char = self._next()
            if char == "\\":
                self._next()
            elif char == "" or char in _TERMINATORS:
                self._backup(char)
                break
        value = self._consume()
        cur.append(("wildcard",) if value == "*" else ("field", value.replace("\\", "")))


def _action(text: str) -> list[Node]:
    """client-go's parseAction: the nodes of `{text}`."""
    return _Parser("{" + text + "}").parse()[0][1]


def _unquote(quoted: str) -> str:
    """client-go's UnquoteExtend: Go's strconv unquoting, for single- or double-quoted text."""
    quote, body = quoted[0], quoted[1:-1]
    if "\\" not in body and quote not in body:
        return body
    out, index = [], 0
    while index < len(body):
        char = body[index]
        if char == quote:
            raise JSONPathError(f"unquote string {quoted} error invalid syntax")
        if char != "\\":
            out.append(char)
            index += 1
            continue
        escape = body[index + 1:index + 2]
        if escape in _SIMPLE_ESCAPES and (escape not in "'\"" or escape == quote):
            out.append(_SIMPLE_ESCAPES[escape])
            index += 2
            continue
        digits = {"x": 2, "u": 4, "U": 8}.get(escape)
        try:
            if digits:
                out.append(chr(int(body[index + 2:index + 2 + digits], 16)))
                index += 2 + digits
            elif escape.isdigit():
                out.append(chr(int(body[index + 1:index + 4], 8)))
                index += 4
            else:
                raise ValueError(escape)
        except ValueError:
            raise JSONPathError(f"unquote string {quoted} error invalid syntax") from None
    return "".join(out)


# ---- evaluation (client-go's jsonpath.go) ----

def _go_type(value: Any) -> str:
    if isinstance(value, dict):
        return "map[string]interface {}"
    if isinstance(value, list):
        return "[]interface {}"
    return {bool: "bool", int: "int64", float: "float64", str: "string"}.get(type(value), "interface {}")


def _basic_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    raise JSONPathError("invalid type for comparison")


def _equal(left: Any, right: Any) -> bool:
    if _basic_kind(left) != _basic_kind(right):
        raise JSONPathError("incompatible types for comparison")
    return left == right


def _less(left: Any, right: Any) -> bool:
    kind = _basic_kind(left)
    if kind != _basic_kind(right):
        raise JSONPathError("incompatible types for comparison")
    if kind == "bool":
        raise JSONPathError("invalid type for comparison")
    return left < right


_OPERATORS = {
    "==": _equal,
    "!=": lambda a, b: not _equal(a, b),
    "<": _less,
    "<=": lambda a, b: _less(a, b) or _equal(a, b),
    ">": lambda a, b: not (_less(a, b) or _equal(a, b)),
    ">=": lambda a, b: not _less(a, b),
}


def _children(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [value[key] for key in sorted(value)]
    if isinstance(value, list):
        return list(value)
    if isinstance(value, str):
        return list(value.encode())
    return []


class JSONPath:
    """One parsed template; `execute` prints it for an object, `find_results` gives the value groups."""

    def __init__(self, template: str, *, allow_missing_keys: bool = True, as_json: bool = False) -> None:
        self.template = template
        self.nodes = _Parser(template).parse()
        self.allow_missing_keys = allow_missing_keys
        self.as_json = as_json

    def find_results(self, data: Any) -> list[list[Any]]:
        self._begin = self._in = self._end = 0
        self._last_end = -1
        return self._find(data, 0)

    def execute(self, data: Any) -> str:
        return "".join(self._print(results) for results in self.find_results(data))

    def _find(self, data: Any, start: int) -> list[list[Any]]:
        full: list[list[Any]] = []
        index = start
        while index < len(self.nodes):
            results = self._walk([data], self.nodes[index])
            if 0 < self._end <= self._in:
                self._end -= 1
                self._last_end = index
                break
            if self._begin > 0:
                self._begin -= 1
                self._in += 1
                if results:
                    for value in results:
                        full.extend(self._find(value, index + 1))
                else:
                    self._find(None, index + 1)
                self._in -= 1
                if self._last_end > index:
                    index = self._last_end
                index += 1
                continue
            full.append(results)
            index += 1
        return full

    def _print(self, results: list[Any]) -> str:
        """client-go's PrintResults: maps and lists as compact JSON, null as `null`, scalars as fmt.Fprint."""
        from ._gofmt import go_json, sorted_keys, sprint

        if self.as_json:
            from minikube_py.api.generators.output import to_json

            return to_json(sorted_keys(results))
        return " ".join(go_json(value) if isinstance(value, dict | list) else "null" if value is None
                        else sprint(value) for value in results)

    def _walk(self, values: list[Any], node: Node) -> list[Any]:
        kind = node[0]
        if kind == "list":
            return self._list(values, node[1])
        if kind == "text":
            return [node[1]]
        if kind in ("int", "float", "bool"):
            return [node[1] for _ in values]
        return getattr(self, "_" + kind)(values, node)

    def _list(self, values: list[Any], nodes: list[Node]) -> list[Any]:
        for node in nodes:
            values = self._walk(values, node)
        return values

    def _identifier(self, values: list[Any], node: Node) -> list[Any]:
        if node[1] == "range":
            self._begin += 1
            return values
        if node[1] == "end":
            if self._in <= 0:
                raise JSONPathError("not in range, nothing to end")
            self._end += 1
            return []
        raise JSONPathError(f"unrecognized identifier {node[1]}")

    def _field(self, values: list[Any], node: Node) -> list[Any]:
        results = [value[node[1]] for value in values if isinstance(value, dict) and node[1] in value]
        if not results and values and not self.allow_missing_keys:
            raise JSONPathError(f"{node[1]} is not found")
        return results

    def _array(self, values: list[Any], node: Node) -> list[Any]:
        result: list[Any] = []
        for value in values:
            if value is None:
                continue
            if not isinstance(value, list):
                raise JSONPathError(f"{_go_type(value)} is not array or slice")
            (known0, start, _), (known1, stop, derived1), (known2, step, _) = node[1]
            length = len(value)
            start = start if known0 else 0
            start += length if start < 0 else 0
            stop = stop if known1 else length
            if stop < 0 or (stop == 0 and derived1):
                stop += length
            if stop == start:
                return result
            if start >= length or start < 0:
                raise JSONPathError(f"array index out of bounds: index {start}, length {length}")
            if stop > length or stop < 0:
                raise JSONPathError(f"array index out of bounds: index {stop - 1}, length {length}")
            if start > stop:
                raise JSONPathError(f"starting index {start} is greater than ending index {stop}")
            if known2 and step <= 0:
                raise JSONPathError("step must be > 0")
            result.extend(value[start:stop:step if known2 else 1])
        return result

    def _union(self, values: list[Any], node: Node) -> list[Any]:
        return [found for nodes in node[1] for found in self._list(values, nodes)]

    def _wildcard(self, values: list[Any], node: Node) -> list[Any]:
        return [child for value in values for child in _children(value)]

    def _recursive(self, values: list[Any], node: Node) -> list[Any]:
        result: list[Any] = []
        for value in values:
            children = _children(value)
            if children:
                result.append(value)
                result.extend(self._recursive(children, node))
        return result

    def _filter(self, values: list[Any], node: Node) -> list[Any]:
        _, left_nodes, right_nodes, operator = node
        results = []
        for value in values:
            if not isinstance(value, list):
                from ._gofmt import sprint

                raise JSONPathError(f"{sprint(value)} is not array or slice and cannot be filtered")
            for item in value:
                if operator == "exists":
                    try:
                        found = self._list([item], left_nodes)
                    except JSONPathError:
                        found = []
                    if found:
                        results.append(item)
                    continue
                lefts = self._list([item], left_nodes)
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise JSONPathError("can only compare one element at a time")
                rights = self._list([item], right_nodes)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise JSONPathError("can only compare one element at a time")
                compare = _OPERATORS.get(operator)
                if compare is None:
                    raise JSONPathError(f"unrecognized filter operator {operator}")
                if compare(lefts[0], rights[0]):
                    results.append(item)
        return results


def parse_template(template: str, *, as_json: bool = False) -> JSONPath:
    """`-o jsonpath=...`: the parsed template, or JSONPathError with kubectl's message."""
    try:
        return JSONPath(template, as_json=as_json)
    except JSONPathError as err:
        raise JSONPathError(f"error parsing jsonpath {template}, {err}") from None


def render_jsonpath(template: str, obj: Any, *, as_json: bool = False) -> str:
    """What `kubectl get -o jsonpath=TEMPLATE` (or `jsonpath-as-json`) prints for `obj` (an object or List).
    Its JSONPathError messages end with kubectl's newlines (print them after `error: ` without adding one)."""
    path = parse_template(template, as_json=as_json)
    try:
        return path.execute(obj)
    except JSONPathError as err:
        from ._gofmt import quote, sharp_v

        raise JSONPathError(f"error executing jsonpath {quote(template)}: Error executing template: {err}. "
                            "Printing more information for debugging the template:\n"
                            f"\ttemplate was:\n\t\t{template}\n"
                            f"\tobject given to jsonpath engine was:\n\t\t{sharp_v(obj)}\n\n\n") from None
