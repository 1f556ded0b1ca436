"""Where `create configmap|secret` get their keys: `--from-literal=k=v`, `--from-file=[k=]path` (a file or every
regular file of a directory), `--from-env-file=path` (Docker .env lines). Errors carry kubectl's words, including
Go's lower-case system error texts."""

from __future__ import annotations

import os
import posixpath
import stat
from typing import Callable, Iterator

from minikube_py.flags.pflag import quote

from ._common import env_var_name_errors
from .errors import GeneratorError

AddKey = Callable[[str, str], None]


def parse_literal_source(source: str) -> tuple[str, str]:
    """util.ParseLiteralSource."""
    key, separator, value = source.partition("=")
    if not key or not separator:
        raise GeneratorError(f"invalid literal source {source}, expected key=value")
    return key, value


def parse_file_source(source: str) -> tuple[str, str]:
    """util.ParseFileSource: (key, path)."""
    separators = source.count("=")
    if separators == 0:
        return posixpath.basename(source.rstrip("/")) or ("/" if source.startswith("/") else "."), source
    if separators == 1 and source.startswith("="):
        raise GeneratorError(f"key name for file path {source[1:]} missing")
    if separators == 1 and source.endswith("="):
        raise GeneratorError(f"file path for key name {source[:-1]} missing")
    if separators > 1:
        raise GeneratorError("key names or file paths cannot contain '='")
    key, path = source.split("=")
    return key, path


def go_os_error(err: OSError) -> str:
    """The syscall error text Go prints (`no such file or directory`)."""
    text = os.strerror(err.errno) if err.errno else str(err)
    return text[:1].lower() + text[1:]


def _stat(path: str) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as err:
        raise GeneratorError(f"error reading {path}: {go_os_error(err)}") from None


def read_bytes(path: str) -> bytes:
    """os.ReadFile, failing as `open <path>: <reason>`."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as err:
        raise GeneratorError(f"open {path}: {go_os_error(err)}") from None


def file_sources(sources: list[str]) -> Iterator[tuple[str, bytes]]:
    """(key, content) for each --from-file, directories expanded to their regular files in name order."""
    for source in sources:
        key, path = parse_file_source(source)
        if stat.S_ISDIR(_stat(path).st_mode):
            if "=" in source:
                raise GeneratorError("cannot give a key name for a directory path")
            try:
                entries = sorted(os.scandir(path), key=lambda entry: entry.name)
            except OSError as err:
                raise GeneratorError(f"error listing files in {path}: {go_os_error(err)}") from None
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    yield entry.name, read_bytes(posixpath.join(path, entry.name))
        else:
            yield key, read_bytes(path)


def env_file_pairs(sources: list[str], directory_error: str) -> Iterator[tuple[str, str]]:
    """(key, value) of each --from-env-file line (cmdutil.AddFromEnvFile); `KEY` alone takes $KEY."""
    for path in sources:
        if stat.S_ISDIR(_stat(path).st_mode):
            raise GeneratorError(directory_error)
        content = read_bytes(path)
        lines = content.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for number, raw in enumerate(lines):
            line = raw[:-1] if raw.endswith(b"\r") else raw
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                listed = " ".join(str(byte) for byte in line)
                raise GeneratorError(f"env file {path} contains invalid utf8 bytes at line {number + 1}: "
                                     f"[{listed}]") from None
            if number == 0:
                text = text.removeprefix("\ufeff")
            text = text.lstrip()
            if not text or text.startswith("#"):
                continue
            key, separator, value = text.partition("=")
            errors = env_var_name_errors(key)
            if errors:
                raise GeneratorError(f"{quote(key)} is not a valid key name: {';'.join(errors)}")
            yield key, value if separator else os.environ.get(key, "")
