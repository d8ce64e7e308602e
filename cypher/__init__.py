"""The Cypher statements as package data, so that an installed wheel carries them.

`graph.statements` reads the files beside this one: the repository's `cypher/`
in a source tree or an editable install, `site-packages/cypher/` in a wheel.
"""
