"""One module per `fengqiao` sub-command group: adding a command is adding a module.

`api.cli` imports every module in this package to build its parser, for every run
of `fengqiao` (`--help` too), so a module here must be cheap to import:

- At module level, import only the standard library (argparse, pathlib, ...) and
  project modules that themselves import only the standard library (today
  `api.commands.generate` for `positive`, `api.security.roles`).
- `register(subparsers: argparse._SubParsersAction) -> None` adds the command's
  parser and `set_defaults(run=...)`.
- The run function (`run(args: argparse.Namespace) -> int`) imports everything
  else it needs (`api.settings`, `graph.*`, `resolution.*`, neo4j, dedupe, ...)
  in its first lines; so do helpers that need them. Names used only in type hints
  come in under `if TYPE_CHECKING:`.

`tests/test_cli_imports.py` imports each module here in a fresh interpreter,
registers it, and fails if anything outside the standard library and those
cheap project modules was loaded.
"""
