// Records that re-resolution moved to another person (a merge or split) lose the
// RESOLVED_FROM and INVOLVED_IN relationships of the person they used to belong to;
// 06_source_records then links them to their new person, in the same transaction.
// The loader skips this when the graph held no source record before the load.
UNWIND $rows AS row
CALL (row) {
  MATCH (other:Person)-[stale:RESOLVED_FROM]->(:SourceRecord {source: row.source, recordId: row.recordId})
  WHERE other.personId <> row.personId
  DELETE stale
}
CALL (row) {
  MATCH (other:Person)-[stale:INVOLVED_IN {recordKey: row.recordKey}]->()
  WHERE other.personId <> row.personId
  DELETE stale
}
