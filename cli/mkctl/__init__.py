"""`mkctl`: kubectl's command line over minikube_py.client. `commands` declares kubectl 1.32's command tree,
`help` and `completion` answer what needs no server, `main` dispatches to the handlers in `cmd/` (one module
per kubectl verb, imported only when run), which print through `printers/` and `describe/`."""

from __future__ import annotations


def console() -> None:
    """The console-script entry point (kept import-free: `main` imports what the command needs)."""
    from .main import console as run

    run()
