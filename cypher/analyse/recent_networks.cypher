// Networks active since a time: their risk score counts recent incidents, so it moves
// when the newest incident does.
MATCH (n:DisputeNetwork) WHERE n.lastAt >= $since
RETURN n.networkId AS networkId, [(p:Person)-[:MEMBER_OF]->(n) | p.personId] AS persons
