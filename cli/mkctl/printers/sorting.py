"""`kubectl get --sort-by=<jsonpath>`: rows of a Table (fetched with `includeObject=Object`) or items of a list in
the order kubectl's sorter gives them: the first value the path selects compared as Go's `isLess` does (numbers
as numbers, strings as Kubernetes quantities when both parse, else bytewise), rows without the field first.

Sorted with Go's `sort.Sort` algorithm (`_gosort`), so rows with equal keys (or none) end where kubectl puts them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._gosort import go_sort
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
    """The permutation Go's sort.Sort produces with the kubectl sorter's Less."""
    def less(i: int, j: int) -> bool:
        if not values[i] or not values[i][0]:
            return True
        if not values[j] or not values[j][0]:
            return False
        return _less(values[i][0][0], values[j][0][0])

    return go_sort(len(values), less)


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
