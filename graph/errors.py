"""Errors the graph layer reports to a person: one clear sentence, no traceback."""


class GraphError(Exception):
    """A problem with Neo4j that the user can act on; the message says how."""
