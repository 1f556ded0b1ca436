"""`kubectl get --sort-by=<jsonpath>`: rows of a Table (fetched with `includeObject=Object`) or items of a list in
the order kubectl's sorter gives them: the first value the path selects compared as Go's `isLess` does (numbers
as numbers, strings as Kubernetes quantities when both parse, else bytewise), rows without the field first.

Go's `sort.Sort` is an insertion sort up to 12 elements (reproduced exactly, including its behaviour with missing
fields); longer lists are sorted stably with the same comparison."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .jsonpath import JSONPath, JSONPathError, relaxed_path


class SortError(ValueError):
    """kubectl's error text (`couldn't find any field with path ...`, unsortable values)."""


def _quantity(text: str) -> Any:
    from minikube_py.api.quantity import parse_quantity

    try:
        return parse_quantity(text)
    except ValueError:
        return None


def _less(left: Any, right: Any) -> bool:
    if type(left) is not type(right) or isinstance(left, bool | dict | list) or left is None:
        raise SortError(f"unsortable type: {type(left).__name__}")
    if isinstance(left, str):
        left_quantity, right_quantity = _quantity(left), _quantity(right)
        if left_quantity is not None and right_quantity is not None:
            return left_quantity < right_quantity
    return left < right


def _go_sort(values: list[list[list[Any]]]) -> list[int]:
    """The permutation Go's sort.Sort produces with the sorter's Less."""
    def less(i: int, j: int) -> bool:
        if not values[i] or not values[i][0]:
            return True
        if not values[j] or not values[j][0]:
            return False
        return _less(values[i][0][0], values[j][0][0])

    order = list(range(len(values)))
    if len(order) <= 12:
        for i in range(1, len(order)):
            j = i
            while j > 0 and less(order[j], order[j - 1]):
                order[j], order[j - 1] = order[j - 1], order[j]
                j -= 1
        return order
    return sorted(order, key=functools.cmp_to_key(lambda a, b: -1 if less(a, b) else (1 if less(b, a) else 0)))


def sort_objects(objects: list[Any], sort_by: str, of: Callable[[Any], Any] = lambda obj: obj) -> list[Any]:
    """`objects` in kubectl's --sort-by order; `of` gives the object the path is evaluated on (a row's object)."""
    try:
        path = JSONPath(relaxed_path(sort_by))
        values = [path.find_results(of(obj)) for obj in objects]
    except JSONPathError as err:
        raise SortError(str(err)) from None
    if objects and not any(found and found[0] for found in values):
        raise SortError(f'couldn\'t find any field with path "{relaxed_path(sort_by)}" in the list of objects')
    return [objects[index] for index in _go_sort(values)]


def sort_table(table: dict[str, Any], sort_by: str) -> dict[str, Any]:
    """The Table with its rows sorted by their objects (kubectl's SortingPrinter)."""
    return {**table, "rows": sort_objects(table.get("rows") or [], sort_by, lambda row: row.get("object"))}
