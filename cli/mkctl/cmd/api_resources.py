"""`mkctl api-resources`: the served resources (each group's preferred version, subresources left out) filtered by
`--namespaced`, `--api-group`, `--verbs`, `--categories`, sorted by group then name (or `--sort-by name|kind`),
printed as kubectl's table (`-o wide` adds VERBS and CATEGORIES) or `-o name` (`plural[.group]`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from minikube_py.client.errors import ClientError

from ..help import usage_error
from ..session import Session

if TYPE_CHECKING:
    from minikube_py.api.registry import Resource


def run(session: Session) -> int:
    if session.args:
        return usage_error(session.command, f"unexpected arguments: [{' '.join(session.args)}]")
    output, sort_by = session.flag("output"), session.flag("sort-by")
    if output not in ("", "wide", "name"):
        raise ClientError(f"error: --output {output} is not available")
    if sort_by not in ("", "name", "kind"):
        raise ClientError("error: --sort-by accepts only name or kind")
    registry = session.discovery.registry() if session.flag("cached") else session.discovery.refresh()
    resources = sorted(_selected(session, _preferred(registry.resources)), key=_sort_key(sort_by))
    if output == "name":
        session.out("".join(f"{resource.group_resource}\n" for resource in resources))
        return 0
    from ..printers.columns_writer import kubectl_tabwriter

    header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"] + (["VERBS", "CATEGORIES"] if output else [])
    lines = [] if session.flag("no-headers") else ["\t".join(header)]
    for r in resources:
        cells = [r.plural, ",".join(r.short_names), r.group_version, str(r.namespaced).lower(), r.kind]
        if output:
            cells += [",".join(r.verbs), ",".join(r.categories)]
        lines.append("\t".join(cells))
    session.out(kubectl_tabwriter().flush(lines))
    return 0


def _preferred(resources: list[Resource]) -> list[Resource]:
    """One entry per group and resource: its group's preferred (first discovered) version."""
    seen: dict[tuple[str, str], Resource] = {}
    for resource in resources:
        seen.setdefault((resource.group, resource.plural), resource)
    return list(seen.values())


def _selected(session: Session, resources: list[Resource]) -> list[Resource]:
    group, verbs, categories = session.flag("api-group"), session.flag("verbs"), session.flag("categories")
    namespaced = session.flag("namespaced") if session.given("namespaced") else None
    return [r for r in resources
            if (not session.given("api-group") or r.group == group)
            and (namespaced is None or r.namespaced == namespaced)
            and all(verb in r.verbs for verb in verbs)
            and all(category in r.categories for category in categories)]


def _sort_key(sort_by: str) -> Callable[[Resource], tuple[str, str]]:
    if sort_by == "name":
        return lambda r: (r.plural, r.plural)
    if sort_by == "kind":
        return lambda r: (r.kind, r.plural)
    return lambda r: (r.group, r.plural)
