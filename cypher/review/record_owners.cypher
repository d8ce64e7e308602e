// The person each source record is resolved to (null for a record not in the graph).
UNWIND $records AS row
OPTIONAL MATCH (r:SourceRecord {source: row.source, recordId: row.recordId})
OPTIONAL MATCH (p:Person)-[:RESOLVED_FROM]->(r)
RETURN row.key AS key, r IS NOT NULL AS known, p.personId AS personId
