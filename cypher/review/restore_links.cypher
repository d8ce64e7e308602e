// Undo of a decision: the records of the persons it touched, back with those persons, get
// the score and evidence their links had before it.
UNWIND $links AS row
MATCH (:Person {personId: row.personId})-[link:RESOLVED_FROM]->
      (:SourceRecord {source: row.source, recordId: row.recordId})
SET link.score = row.score, link.evidence = row.evidence
