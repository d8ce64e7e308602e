// The repeat-dispute networks each person belongs to.
UNWIND $ids AS id
MATCH (p:Person {personId: id})
RETURN id, [(p)-[:MEMBER_OF]->(n:DisputeNetwork) | n {.*}] AS items
