"""What `mkctl get` and the other commands' `-o` print: pure functions from the server's decoded answers to
kubectl 1.32's text, byte for byte.

- `table`: human-readable output from server-side Tables (`-o wide`, `-A`, `--show-labels`, `-L`, `--no-headers`,
  `--sort-by`, several types / `get all`, `get -w`), `no_resources_message`.
- `formats`: `-o json`, `-o yaml`, `-o name`, the List kubectl prints for several objects, managedFields hiding.
- `jsonpath`: `-o jsonpath=` / `jsonpath-as-json=` (kubectl's template dialect).
- `custom_columns`: `-o custom-columns=` / `custom-columns-file=`.
- `go_template`: `-o go-template=` (the common subset of Go's text/template).
- `sorting`: `--sort-by`; `columns_writer`: kubectl's column alignment.

kubectl hides `metadata.managedFields` only in `-o json|yaml` (`formats.without_managed_fields`): jsonpath,
go-template, custom-columns and name see the objects as the server sent them.

Import the submodule you need (each imports only the standard library at import time)."""
