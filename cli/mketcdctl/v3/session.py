"""One run of one command: its parsed flags, then, when the command needs a server, what etcdctl derives
from the global flags in that order: ETCDCTL_* variables for the flags not given (with etcdctl's warnings
about unknown and conflicting ones), the --debug listing, the endpoints and TLS files, the output printer,
and the client."""

from __future__ import annotations

import os
import sys

from minikube_py.flags.pflag import Command, FlagSet, Parsed

from . import printers
from .errors import BAD_ARGS, ERROR, ExitError, capnslog, request_failed

TYPE_CHECKING = False  # typing stays unimported at run time: it costs start-up time
if TYPE_CHECKING:
    from typing import Any

ENV_PREFIX = "ETCDCTL"
# Variables etcdctl reads itself rather than as flags.
_OWN_VARIABLES = {"ETCDCTL_API"}
_WATCH_VARIABLES = {"ETCDCTL_WATCH_KEY", "ETCDCTL_WATCH_RANGE_END"}


def env_name(flag_name: str) -> str:
    return f"{ENV_PREFIX}_{flag_name.replace('-', '_').upper()}"


class Session:
    def __init__(self, command: Command, parsed: Parsed) -> None:
        self.command, self.args, self.dash_at = command, parsed.args, parsed.dash_at
        self._flags = command.flags()
        self._printer: printers.Printer | None = None
        self._client: Any = None

    def flag(self, name: str) -> Any:
        return self._flags[name]

    def changed(self, name: str) -> bool:
        return self._flags.lookup(name).changed  # type: ignore[union-attr]

    def printer(self) -> printers.Printer:
        """The -w printer, once the global flags are settled (ExitError 4 for a format etcdctl lacks)."""
        self._settle()
        assert self._printer is not None
        return self._printer

    def endpoints(self) -> list[str]:
        self._settle()
        return [endpoint.strip() for endpoint in self.flag("endpoints")]

    def client(self, endpoints: list[str] | None = None) -> Any:
        """A client of `endpoints` (default: --endpoints); ExitError 128 for TLS file problems."""
        self._settle()
        if endpoints is None and self._client is not None:
            return self._client
        from minikube_py.etcd.client.transport import TLSConfig, TLSFileError
        from minikube_py.etcd.client.v3 import Client

        tls = TLSConfig(self.flag("cacert"), self.flag("cert"), self.flag("key"),
                        self.flag("insecure-skip-tls-verify"))
        try:
            client = Client(endpoints or self.endpoints(), tls, dial_timeout=self.flag("dial-timeout"),
                            command_timeout=self.flag("command-timeout"), on_failure=request_failed,
                            secure=not self.flag("insecure-transport"))

        except TLSFileError as err:
            raise ExitError(BAD_ARGS, str(err)) from None
        if endpoints is None:
            self._client = client
        return client

    def _settle(self) -> None:
        if self._printer is not None:
            return
        inherited = self.command.inherited_flags()
        self._apply_environment(inherited)
        if self.flag("debug"):
            sys.stderr.write("".join(f"{env_name(flag.name)}={flag.text()}\n" for flag in inherited))
        if self.flag("user") or self.flag("password"):
            raise ExitError(ERROR, "--user/--password: authentication is not implemented by mketcdctl (it "
                                   "sends no credentials to the JSON gateway); use client certificates "
                                   "(--cert/--key)")
        if self.flag("discovery-srv"):
            raise ExitError(ERROR, "--discovery-srv: DNS discovery is not implemented by mketcdctl; "
                                   "give the members with --endpoints")
        for name in ("cert", "key", "cacert"):
            if self.changed(name) and not self.flag(name):
                raise ExitError(BAD_ARGS, f"empty string is passed to --{name} option")
        self._printer = printers.for_format(self.flag("write-out"), self.flag("hex"))

    def _apply_environment(self, inherited: FlagSet) -> None:
        """etcdctl's SetPflagsFromEnv on the global flags: a set, non-empty ETCDCTL_<FLAG> counts where the
        flag was not given; one that contradicts a given flag is fatal; unknown ones are warned about."""
        used = set(_OWN_VARIABLES)
        if self.command.name == "watch":
            used |= _WATCH_VARIABLES
        given = set()
        for flag in inherited:
            name = env_name(flag.name)
            if flag.changed:
                given.add(name)
            elif os.environ.get(name):
                used.add(name)
                try:
                    flag.set(os.environ[name])
                except ValueError:
                    pass  # etcdctl ignores a variable it cannot parse
        for name, value in os.environ.items():
            if name in used:
                continue
            if name in given:
                capnslog("C", "pkg/flags", f'conflicting environment variable "{name}" is shadowed by '
                                           "corresponding command-line flag (either unset environment "
                                           "variable or disable flag)")
                raise ExitError(ERROR, "")
            if name.startswith(ENV_PREFIX + "_"):
                capnslog("W", "pkg/flags", f"unrecognized environment variable {name}={value}")
