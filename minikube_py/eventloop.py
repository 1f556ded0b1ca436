"""The event loop the servers (`mk-etcd`, `mk-apiserver`) run on: uvloop where it is installed (a dependency on
Linux and macOS; 10-15% more requests per second here), asyncio's own elsewhere."""

from __future__ import annotations

import asyncio


def use_fastest_loop() -> None:
    try:
        import uvloop
    except ImportError:
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
