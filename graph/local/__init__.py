"""The local Neo4j that the project provisions for itself: jars from Maven Central,
its own configuration, a generated password, started and stopped by pid."""
