// The repeat-dispute networks these persons are members of, with all their members.
UNWIND $ids AS id
MATCH (:Person {personId: id})-[:MEMBER_OF]->(n:DisputeNetwork)
WITH DISTINCT n
RETURN n.networkId AS networkId, [(p:Person)-[:MEMBER_OF]->(n) | p.personId] AS persons
