"""`mkctl annotate (-f FILE | TYPE NAME | TYPE -l SEL | TYPE --all) KEY=VAL... KEY-... [--overwrite]`: label's
engine (`label.change_metadata`) over `metadata.annotations`, with annotate's pair syntax (cmdutil.ParsePairs: the
value may hold anything, `=` included), its messages and its `annotated` line."""

from __future__ import annotations

from minikube_py.client.errors import ClientError

from ..session import Session
from .label import MetadataMap, Pairs, change_metadata

# kubectl leaves this one alone when --overwrite is false (polymorphichelpers.ChangeCauseAnnotation)
CHANGE_CAUSE = "kubernetes.io/change-cause"


def _parse(specs: list[str]) -> Pairs:
    """cmdutil.ParsePairs with removals, then validateAnnotations."""
    new: dict[str, str] = {}
    remove: list[str] = []
    invalid: list[str] = []
    for spec in specs:
        if "=" in spec and not spec.startswith("="):
            key, _, value = spec.partition("=")
            new[key] = value
        elif spec.endswith("-") and spec != "-":
            remove.append(spec[:-1])
        else:
            invalid.append(spec)
    if invalid:
        raise ClientError(f"error: invalid annotation format: {', '.join(invalid)}")
    both = [key for key in remove if key in new]
    if both:
        raise ClientError("error: can not both modify and remove the following annotation(s) in the same command: "
                          + ", ".join(both))
    return new, remove


def _overwrites(current: dict[str, str], new: dict[str, str]) -> str:
    problems = [f"'{key}' already has a value ({current[key]})" for key, value in sorted(new.items())
                if key != CHANGE_CAUSE and key in current and current[key] != value]
    if not problems:
        return ""
    return "--overwrite is false but found the following declared annotation(s): " + "; ".join(problems)


ANNOTATIONS = MetadataMap("annotations", "annotation", _parse, _overwrites, "rsrc.yaml", prints_answer=True)


def run(session: Session) -> int:
    return change_metadata(session, ANNOTATIONS)
