"""The v2 keyspace's tree: immutable nodes, path rules, lookups, copy-on-write changes and how a node is
shown in an answer.

A change never touches a node a reader may hold: it copies the nodes on the way from the root to the
change (`put`, `remove`) and yields a new root, so a reader keeps a consistent tree without a lock.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import NamedTuple

from .v2_types import CLUSTER_PREFIX, KEY_NOT_FOUND, KEYS_PREFIX, NOT_DIR, V2Error, V2Node

SECOND = 1_000_000_000
READ_ONLY = frozenset(("/", CLUSTER_PREFIX, KEYS_PREFIX))


class Node(NamedTuple):
    """A file (`value` set, `children` None) or a directory (`children` a dict never changed once the node
    is in a tree). `expire` is unix nanoseconds, None when permanent."""

    key: str
    created: int
    modified: int
    value: str | None = None
    children: dict[str, Node] | None = None
    expire: int | None = None

    @property
    def is_dir(self) -> bool:
        return self.children is not None


def new_dir(key: str, index: int, expire: int | None = None) -> Node:
    return Node(key, index, index, None, {}, expire)


def initial_root() -> Node:
    """An empty keyspace: the root and its two namespaces, all created at index 0."""
    names = (CLUSTER_PREFIX[1:], KEYS_PREFIX[1:])
    return Node("/", 0, 0, None, {name: new_dir("/" + name, 0) for name in names})


# -- paths ----------------------------------------------------------------------------------------------


def clean(path: str) -> str:
    """Go's path.Clean(path.Join("/", path)): absolute, no empty, `.` or `..` parts, no trailing slash."""
    cleaned = posixpath.normpath("/" + path)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("//") else cleaned


def names(path: str) -> list[str]:
    return [name for name in path.split("/") if name]


def child_key(parent: str, name: str) -> str:
    return parent.rstrip("/") + "/" + name


def parent_of(path: str) -> str:
    return posixpath.dirname(path)


def is_hidden(name: str) -> bool:
    return name.startswith("_")


# -- reading --------------------------------------------------------------------------------------------


def lookup(root: Node, path: str, index: int) -> Node:
    """The node at a clean `path`; V2Error 104 names the file met on the way, 100 the first missing part."""
    node = root
    for name in names(path):
        if node.children is None:
            raise V2Error(NOT_DIR, node.key, index)
        child = node.children.get(name)
        if child is None:
            raise V2Error(KEY_NOT_FOUND, child_key(node.key, name), index)
        node = child
    return node


def find(root: Node, path: str) -> Node | None:
    node: Node | None = root
    for name in names(path):
        if node is None or node.children is None:
            return None
        node = node.children.get(name)
    return node


def walk(node: Node) -> Iterator[Node]:
    """`node` and everything under it."""
    yield node
    for child in (node.children or {}).values():
        yield from walk(child)


# -- changing -------------------------------------------------------------------------------------------


def check_parents(root: Node, path: str, index: int) -> Node | None:
    """The directory that would hold `path`, None when a directory on the way is still to be created;
    V2Error 104 when a file stands where a directory must be (etcd's checkDir walk)."""
    node = root
    for name in names(path)[:-1]:
        assert node.children is not None
        child = node.children.get(name)
        if child is None:
            return None
        if child.children is None:
            raise V2Error(NOT_DIR, child.key, index)
        node = child
    return node


def put(root: Node, node: Node, dirs_index: int) -> Node:
    """A new root with `node` at `node.key` (replacing what was there), creating the missing directories
    on the way at `dirs_index`. The caller has checked the path with `check_parents`."""
    parts = names(node.key)

    def rebuilt(parent: Node, depth: int) -> Node:
        assert parent.children is not None
        children = dict(parent.children)
        name = parts[depth]
        if depth == len(parts) - 1:
            children[name] = node
        else:
            below = children.get(name)
            if below is None:
                below = new_dir(child_key(parent.key, name), dirs_index)
            children[name] = rebuilt(below, depth + 1)
        return parent._replace(children=children)

    return rebuilt(root, 0)


def remove(root: Node, path: str) -> Node:
    """A new root without the node at `path` (which exists) and what is under it."""
    parts = names(path)

    def rebuilt(parent: Node, depth: int) -> Node:
        assert parent.children is not None
        children = dict(parent.children)
        name = parts[depth]
        if depth == len(parts) - 1:
            del children[name]
        else:
            children[name] = rebuilt(children[name], depth + 1)
        return parent._replace(children=children)

    return rebuilt(root, 0)


# -- showing --------------------------------------------------------------------------------------------


def ttl_of(expire: int, now: int) -> int:
    """Seconds left, rounded up as etcd does (1..n while alive, 0 or less once due)."""
    left = expire - now
    if left >= 0:
        return left // SECOND + (1 if left % SECOND else 0)
    return -((-left) // SECOND)


def view(node: Node, now: int, *, recursive: bool = False, sort: bool = False,
         listed: bool = False) -> V2Node:
    """The node as an answer shows it (etcd's Repr; with `listed`, loadInternalNode: a directory's
    children are shown one level deep even when not recursive). Hidden children (`_name`) are left out."""
    shown = V2Node(node.key, modified=node.modified, created=node.created)
    if node.expire is not None:
        shown.expiration, shown.ttl = node.expire, ttl_of(node.expire, now)
    if node.children is None:
        shown.value = node.value
        return shown
    shown.dir = True
    if recursive or listed:
        shown.nodes = [view(child, now, recursive=recursive, sort=sort)
                       for name, child in node.children.items() if not is_hidden(name)]
        if sort:
            shown.nodes.sort(key=lambda child: child.key)
    return shown
