"""One module per `fengqiao bench NAME`, each offering `register(subparsers)`.

Modules starting with `_` are shared helpers. Benchmarks print their figures (wall time, peak memory, throughput, accuracy);
tests never time anything.
"""
