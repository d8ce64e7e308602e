"""One module per `fengqiao` sub-command group; each offers `register(subparsers)`."""
