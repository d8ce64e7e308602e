// The server's version and edition, for `fengqiao neo4j status`.
CALL dbms.components() YIELD name, versions, edition
RETURN versions[0] AS version, edition
