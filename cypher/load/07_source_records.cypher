// One SourceRecord per input row, linked to the person it resolved to. The loader splits
// these rows between its writers by person, so each transaction locks only its own
// persons (and, through 07_moved_records, the rare previous owner of a moved record).
UNWIND $rows AS row
MERGE (r:SourceRecord {source: row.source, recordId: row.recordId})
SET r += row.props
WITH r, row
MATCH (p:Person {personId: row.personId}) USING INDEX p:Person(personId)
MERGE (p)-[link:RESOLVED_FROM]->(r)
SET link.score = row.score, link.evidence = row.evidence
