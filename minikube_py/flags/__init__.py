"""Command-line flag parsing with Go's semantics, so our tools take the same flags, spellings and errors as
the Go programs they stand in for: `goflag` (Go's `flag` package, used by etcd and etcdctl v2's urfave/cli)
and `pflag` (spf13/pflag + cobra, used by etcdctl v3 and kubectl). `values` holds what both share.

typer/click are not used here: they cannot reproduce pflag's grammar (`-wjson`, `--flag=false`,
interspersed flags, Go's error texts) and importing them costs more than the whole start-up budget of a
`mketcdctl get k`."""
