// Scene action on persons: who they are in dispute with, and the dispute threads they share.
MATCH (p:Person)-[w:IN_DISPUTE_WITH]-(other:Person)
WHERE elementId(p) IN $nodes
OPTIONAL MATCH (p)-[pt:PARTY_TO]->(d:Dispute)<-[ot:PARTY_TO]-(other)
RETURN p, w, other, pt, d, ot
