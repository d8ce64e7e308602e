// Records of a pair as the pair view shows them, each with the person it belongs to and
// how many incidents and cases it involves that person in (they move with the record).
UNWIND $records AS row
MATCH (r:SourceRecord {source: row.source, recordId: row.recordId})
OPTIONAL MATCH (p:Person)-[link:RESOLVED_FROM]->(r)
RETURN row.key AS key, p.personId AS personId, link.score AS score,
       COUNT { (p)-[:INVOLVED_IN {recordKey: row.key}]->() } AS involvements,
       r {.source, .recordId, .name, .nameRaw, .pinyin, .idNumber, .idValid, .sex,
          .phones, .role, .incidentId, .caseId, .file, .line,
          birthDate: toString(r.birthDate)} AS record
