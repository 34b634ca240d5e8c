"""One module per stage; each exposes a `run(project, ...)` the CLI calls."""
