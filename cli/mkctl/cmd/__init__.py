"""The handlers of kubectl's commands, one module per verb (after kubectl's pkg/cmd/<verb>): `run(session) -> int`."""
