// The repeat-dispute networks these incidents are in, with all their members.
UNWIND $ids AS id
MATCH (:Incident {incidentId: id})-[:IN_NETWORK]->(n:DisputeNetwork)
WITH DISTINCT n
RETURN n.networkId AS networkId, [(p:Person)-[:MEMBER_OF]->(n) | p.personId] AS persons
