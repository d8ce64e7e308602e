"""One module per `fengqiao` sub-command group, each offering `register(subparsers)`.

`api.cli` registers every module in this package: adding a command is adding a module.
"""
