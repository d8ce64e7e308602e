// Names of the constraints that exist, for checks after `fengqiao neo4j init`.
SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties
RETURN name, labelsOrTypes, properties ORDER BY name
