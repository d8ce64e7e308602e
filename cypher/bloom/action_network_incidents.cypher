// Scene action on repeat-dispute networks: the dispute incidents that make them.
MATCH (n:DisputeNetwork)<-[r:IN_NETWORK]-(i:Incident)
WHERE elementId(n) IN $nodes
RETURN n, r, i
