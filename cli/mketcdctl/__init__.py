"""`mketcdctl`: etcdctl's command line, both command sets. ETCDCTL_API picks one: `3` the v3 set
(`v3/`), `2` or unset the v2 set (`v2/`) -- unset means v2 as in the etcdctl the CKA documents were
written for (3.3 and older); etcdctl 3.4 itself defaults to v3. Any other value is refused as etcdctl
does. Only the chosen set is imported, so start-up stays small."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    api = os.environ.get("ETCDCTL_API", "2") or "2"
    if api == "3":
        from .v3 import main as run
    elif api == "2":
        from .v2 import main as run
    else:
        sys.stderr.write(f"unsupported API version {api}\n")
        return 1
    return run(args)


def console() -> None:
    """The console-script entry point."""
    sys.exit(main())
