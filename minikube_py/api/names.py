"""Name and label format checks with apimachinery's messages (`k8s.io/apimachinery/pkg/util/validation`).

Each check returns the list of problems as Kubernetes words them (empty when the value is valid); callers
wrap them into field errors (`metadata.name: Invalid value: "Web": <message>`). Also here: the metadata name
rules with `generateName` prefixes (`NameIsDNSSubdomain` & co.) and the annotation size limit."""

from __future__ import annotations

import re
from typing import Callable

QUALIFIED_NAME_MAX_LENGTH = 63
LABEL_VALUE_MAX_LENGTH = 63
DNS1123_LABEL_MAX_LENGTH = 63
DNS1123_SUBDOMAIN_MAX_LENGTH = 253
DNS1035_LABEL_MAX_LENGTH = 63
TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024

_QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_QUALIFIED_NAME_MSG = ("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                       "alphanumeric character")
_LABEL_VALUE_FMT = f"({_QUALIFIED_NAME_FMT})?"
_LABEL_VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    "and must start and end with an alphanumeric character")
_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_LABEL_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
                      "must start and end with an alphanumeric character")
_DNS1123_SUBDOMAIN_FMT = _DNS1123_LABEL_FMT + r"(\." + _DNS1123_LABEL_FMT + ")*"
_DNS1123_SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
                          "or '.', and must start and end with an alphanumeric character")
_DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_DNS1035_LABEL_MSG = ("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                      "alphabetic character, and end with an alphanumeric character")

# Go's `$` only matches at the very end (no trailing newline), hence fullmatch.
_QUALIFIED_NAME_RE = re.compile(_QUALIFIED_NAME_FMT)
_LABEL_VALUE_RE = re.compile(_LABEL_VALUE_FMT)
_DNS1123_LABEL_RE = re.compile(_DNS1123_LABEL_FMT)
_DNS1123_SUBDOMAIN_RE = re.compile(_DNS1123_SUBDOMAIN_FMT)
_DNS1035_LABEL_RE = re.compile(_DNS1035_LABEL_FMT)


def max_len_error(length: int) -> str:
    return f"must be no more than {length} characters"


def regex_error(message: str, regex: str, *examples: str) -> str:
    """`<message> (e.g. 'a',  or 'b', regex used for validation is '<regex>')`, spacing as apimachinery's."""
    if not examples:
        return f"{message} (regex used for validation is '{regex}')"
    listed = " or ".join(f"'{example}', " for example in examples)
    return f"{message} (e.g. {listed}regex used for validation is '{regex}')"


def empty_error() -> str:
    return "must be non-empty"


def _length(value: str) -> int:
    """Go's len(): bytes, not characters."""
    return len(value) if value.isascii() else len(value.encode("utf-8", "surrogateescape"))


def is_qualified_name(value: str) -> list[str]:
    """A label key or annotation key: `[prefix/]name`, prefix a DNS subdomain, name up to 63 characters."""
    errors: list[str] = []
    parts = value.split("/")
    name_rule = regex_error(_QUALIFIED_NAME_MSG, _QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
    if len(parts) > 2:
        return [f"a qualified name {name_rule} with an optional DNS subdomain prefix and '/' (e.g. "
                "'example.com/MyName')"]
    name = parts[-1]
    if len(parts) == 2:
        prefix = parts[0]
        if not prefix:
            errors.append("prefix part " + empty_error())
        else:
            errors.extend("prefix part " + message for message in is_dns1123_subdomain(prefix))
    if not name:
        errors.append("name part " + empty_error())
    elif _length(name) > QUALIFIED_NAME_MAX_LENGTH:
        errors.append("name part " + max_len_error(QUALIFIED_NAME_MAX_LENGTH))
    if not _QUALIFIED_NAME_RE.fullmatch(name):
        errors.append("name part " + name_rule)
    return errors


def is_valid_label_value(value: str) -> list[str]:
    errors: list[str] = []
    if _length(value) > LABEL_VALUE_MAX_LENGTH:
        errors.append(max_len_error(LABEL_VALUE_MAX_LENGTH))
    if not _LABEL_VALUE_RE.fullmatch(value):
        errors.append(regex_error(_LABEL_VALUE_MSG, _LABEL_VALUE_FMT, "MyValue", "my_value", "12345"))
    return errors


def is_dns1123_label(value: str) -> list[str]:
    errors: list[str] = []
    if _length(value) > DNS1123_LABEL_MAX_LENGTH:
        errors.append(max_len_error(DNS1123_LABEL_MAX_LENGTH))
    if not _DNS1123_LABEL_RE.fullmatch(value):
        if _DNS1123_SUBDOMAIN_RE.fullmatch(value):
            errors.append("must not contain dots")
        else:
            errors.append(regex_error(_DNS1123_LABEL_MSG, _DNS1123_LABEL_FMT, "my-name", "123-abc"))
    return errors


def is_dns1123_subdomain(value: str) -> list[str]:
    errors: list[str] = []
    if _length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH:
        errors.append(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH))
    if not _DNS1123_SUBDOMAIN_RE.fullmatch(value):
        errors.append(regex_error(_DNS1123_SUBDOMAIN_MSG, _DNS1123_SUBDOMAIN_FMT, "example.com"))
    return errors


def is_dns1035_label(value: str) -> list[str]:
    errors: list[str] = []
    if _length(value) > DNS1035_LABEL_MAX_LENGTH:
        errors.append(max_len_error(DNS1035_LABEL_MAX_LENGTH))
    if not _DNS1035_LABEL_RE.fullmatch(value):
        errors.append(regex_error(_DNS1035_LABEL_MSG, _DNS1035_LABEL_FMT, "my-name", "abc-123"))
    return errors


def _mask_trailing_dash(name: str) -> str:
    """apimachinery's maskTrailingDash, quirk included: a trailing dash drops the last two characters."""
    if len(name) > 1 and name.endswith("-"):
        return name[:-2] + "a"
    return name


def _name_check(check: Callable[[str], list[str]]) -> Callable[[str, bool], list[str]]:
    def validate(name: str, prefix: bool = False) -> list[str]:
        return check(_mask_trailing_dash(name) if prefix else name)
    return validate


# ValidateNameFunc's: `prefix` is True for a generateName (a suffix will follow, so a trailing '-' is fine).
name_is_dns_subdomain = _name_check(is_dns1123_subdomain)
name_is_dns_label = _name_check(is_dns1123_label)
name_is_dns1035_label = _name_check(is_dns1035_label)


def annotation_key_errors(key: str) -> list[str]:
    """Annotation keys are qualified names whose case does not matter."""
    return is_qualified_name(key.lower())


def annotations_size_errors(annotations: dict[str, str]) -> list[str]:
    """The detail of the TooLong error (`Too long: <detail>`) when keys and values exceed 256 KiB together."""
    total = sum(_length(key) + _length(value) for key, value in annotations.items())
    if total > TOTAL_ANNOTATION_SIZE_LIMIT:
        return [f"may not be more than {TOTAL_ANNOTATION_SIZE_LIMIT} bytes"]
    return []
