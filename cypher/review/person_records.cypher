// The records of some persons, as record keys.
UNWIND $ids AS id
MATCH (p:Person {personId: id})-[:RESOLVED_FROM]->(r:SourceRecord)
RETURN id AS personId, r.source AS source, r.recordId AS recordId
ORDER BY personId, source, recordId
