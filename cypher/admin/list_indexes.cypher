// The range and full-text indexes that exist (those behind constraints included), for checking
// the graph model's indexes against cypher/schema.
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties
WHERE type IN ['RANGE', 'FULLTEXT']
RETURN name, type, entityType, labelsOrTypes, properties
ORDER BY name
