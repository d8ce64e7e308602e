// Records that re-resolution moved to another person (a merge or split) lose the
// RESOLVED_FROM and INVOLVED_IN relationships of the person they used to belong to;
// 07_source_records then links them to their new person in the same transaction, and
// 08_involved_in gives the new person the record's role.
// The record is found through its key's index (a hint: right after a database was
// emptied and reloaded the planner once chose otherwise, and a reload took 190 s), and
// the stale relationships by pattern comprehensions, which can only expand from the
// record and its old person. The loader skips this when the graph held no source record.
UNWIND $rows AS row
MATCH (record:SourceRecord {source: row.source, recordId: row.recordId})
USING INDEX record:SourceRecord(source, recordId)
WITH row, [(record)<-[stale:RESOLVED_FROM]-(other) WHERE other.personId <> row.personId |
           {link: stale, roles: [(other)-[role:INVOLVED_IN {recordKey: row.recordKey}]->() | role]}]
          AS moves
UNWIND moves AS move
WITH move.link AS stale, move.roles AS roles
DELETE stale
FOREACH (role IN roles | DELETE role)
