// Undo of a decision: records moved back to their person get the score and evidence
// their link had before the decision.
UNWIND $links AS row
MATCH (:Person {personId: row.personId})-[link:RESOLVED_FROM]->
      (:SourceRecord {source: row.source, recordId: row.recordId})
SET link.score = row.score, link.evidence = row.evidence
