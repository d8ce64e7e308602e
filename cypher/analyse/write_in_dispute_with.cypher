// Who is in dispute with whom: dispute incidents together, first and last.
UNWIND $rows AS row
MATCH (a:Person {personId: row.a})
MATCH (b:Person {personId: row.b})
MERGE (a)-[w:IN_DISPUTE_WITH]->(b)
SET w.incidents = row.incidents, w.first = row.first, w.last = row.last
