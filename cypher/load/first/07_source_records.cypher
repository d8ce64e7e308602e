// Source records and the person each resolved to, into an empty database
// (load/07_source_records otherwise).
UNWIND $rows AS row
CREATE (r:SourceRecord {source: row.source, recordId: row.recordId})
SET r += row.props
WITH r, row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
CREATE (p)-[:RESOLVED_FROM {score: row.score, evidence: row.evidence}]->(r)
