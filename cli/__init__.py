"""The command-line tools: `mketcdctl` (etcdctl) and, as later issues add them, `mkctl` (kubectl).
They parse flags, call a client and print; no business logic lives here."""
