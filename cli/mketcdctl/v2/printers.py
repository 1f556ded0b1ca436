"""etcdctl v2's output of a keys API response: `simple` (the value, or "PrevNode.Value: v" for a delete),
`extended` (Key, Created-Index, Modified-Index, PrevNode.Value, TTL, Index, then the value) and `json`
(Go's encoding/json of the Go client's Response: fields in its order, "nodes":null, <>& escaped); `ls`'s
list of keys; and "Unsupported output format" for anything else."""

from __future__ import annotations

import sys

from minikube_py.etcd.client.v2 import Node, Response

_ESCAPES = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
            ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
            0x2028: "\\u2028", 0x2029: "\\u2029"}
_ESCAPES.update({code: f"\\u{code:04x}" for code in range(0x20) if code not in _ESCAPES})


def print_response(response: Response, output: str) -> None:
    """etcdctl's printResponseKey."""
    if output == "simple":
        if response.action != "delete":
            text = f"{response.node.value}\n"
        else:
            text = f"PrevNode.Value: {response.prev_node.value if response.prev_node else ''}\n"
    elif output == "extended":
        node = response.node
        text = (f"Key: {node.key}\nCreated-Index: {node.created_index}\n"
                f"Modified-Index: {node.modified_index}\n")
        if response.prev_node is not None:
            text += f"PrevNode.Value: {response.prev_node.value}\n"
        text += f"TTL: {node.ttl}\nIndex: {response.index}\n"
        if response.action != "delete":
            text += f"\n{node.value}\n"
    elif output == "json":
        text = f'{{"action":{_string(response.action)},"node":{_node(response.node)},' \
               f'"prevNode":{_node(response.prev_node)}}}\n'
    else:
        sys.stderr.write(f"Unsupported output format: {output}\n")
        return
    sys.stdout.write(text)


def print_ls(response: Response, output: str, slash_dirs: bool) -> None:
    """`ls`: a key's own name, or a directory's children (all the levels the response holds); other formats
    print the response."""
    if output != "simple":
        print_response(response, output)
        return
    lines = [] if response.node.dir else [response.node.key]
    _walk(response.node.nodes or [], slash_dirs, lines)
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def _walk(nodes: list[Node], slash_dirs: bool, lines: list[str]) -> None:
    for node in nodes:
        lines.append(node.key + "/" if node.dir and slash_dirs else node.key)
        _walk(node.nodes or [], slash_dirs, lines)


def _node(node: Node | None) -> str:
    if node is None:
        return "null"
    fields = [f'"key":{_string(node.key)}']
    if node.dir:
        fields.append('"dir":true')
    fields.append(f'"value":{_string(node.value)}')
    fields.append(f'"nodes":{"null" if node.nodes is None else "[" + ",".join(map(_node, node.nodes)) + "]"}')
    fields.append(f'"createdIndex":{node.created_index},"modifiedIndex":{node.modified_index}')
    if node.expiration is not None:
        fields.append(f'"expiration":{_string(node.expiration)}')
    if node.ttl:
        fields.append(f'"ttl":{node.ttl}')
    return "{" + ",".join(fields) + "}"


def _string(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'
