"""etcdctl v2's exit codes and the error that ends a command with one: its handleError prints
"Error:  <error>" (two spaces) and, for a cluster error, the cause of each endpoint again."""

from __future__ import annotations

SUCCESS = 0
BAD_ARGS = 1
BAD_CONNECTION = 2  # the sync found no endpoint to connect to
SERVER_ERROR = 4  # a request failed or was refused
CLUSTER_NOT_HEALTHY = 5
USAGE = 1  # urfave/cli: a command line that does not parse; etcdctl's other plain failures
NO_HELP_TOPIC = 3  # urfave/cli: an unknown command


class ExitError(Exception):
    """End the command: write `text` on stderr as it is and exit with `code`."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(text)
        self.code, self.text = code, text


def handle_error(code: int, error: Exception | str) -> ExitError:
    """etcdctl's handleError."""
    text = f"Error:  {error}\n"
    detail = getattr(error, "detail", None)
    if detail is not None:
        text += detail() + "\n"
    return ExitError(code, text)
