// Records that re-resolution moved to another person (a merge or split) lose the
// RESOLVED_FROM and INVOLVED_IN relationships of the person they used to belong to;
// 06_source_records then links them to their new person, in the same transaction.
// Both are found from the record (a unique seek) and its old person, never through an
// index on INVOLVED_IN, whose plan went wrong after a database was emptied and reloaded.
// The loader skips this when the graph held no source record before the load.
UNWIND $rows AS row
MATCH (:SourceRecord {source: row.source, recordId: row.recordId})<-[stale:RESOLVED_FROM]-(other)
WHERE other.personId <> row.personId
WITH stale, [(other)-[role:INVOLVED_IN {recordKey: row.recordKey}]->() | role] AS roles
DELETE stale
FOREACH (role IN roles | DELETE role)
