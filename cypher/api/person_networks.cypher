// The repeat-dispute networks each person belongs to (in the caller's $districts).
UNWIND $ids AS id
MATCH (p:Person {personId: id})
RETURN id, [(p)-[:MEMBER_OF]->(n:DisputeNetwork) WHERE ($districts IS NULL OR n.district IN $districts) | n {.*}] AS items
