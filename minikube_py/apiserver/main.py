"""`mk-apiserver`: parse kube-apiserver's flags, serve until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys


def main(argv: list[str] | None = None) -> int:
    from .config import ConfigError, HelpRequested, parse, usage

    try:
        config = parse(sys.argv[1:] if argv is None else argv)
    except HelpRequested:
        print(usage(), end="")
        return 0
    except ConfigError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(levelname).1s%(asctime)s %(process)d %(name)s] %(message)s")
    from minikube_py.eventloop import use_fastest_loop

    use_fastest_loop()
    return asyncio.run(_run(config))


async def _run(config) -> int:  # noqa: ANN001
    from .server import StartupError, serve

    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    try:
        await serve(config, stopped)
    except (OSError, StartupError) as err:
        logging.getLogger("mk-apiserver").error("%s", err)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
