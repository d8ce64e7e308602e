"""One module per `fengqiao bench NAME`, each offering `register(subparsers)`.

Modules starting with `_` are shared helpers. Benchmarks print their figures (wall time, peak memory, throughput, accuracy);
tests never time anything.

`fengqiao bench` imports every benchmark module to build its parser, on every run
of `fengqiao`, so they follow the rule of `api/commands/__init__.py`: the standard
library only at module level, and everything else (the project's `graph` and
`resolution`, neo4j, httpx, ...) imported inside the function that runs, so that a
benchmark's dependencies load only when it is called. `tests/test_cli_imports.py`
holds every module here to it.
"""
