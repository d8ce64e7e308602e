// One step of a neighbourhood: the relationships of the frontier nodes over $types,
// and the nodes at their other ends (at most $limit relationships), those in the caller's
// $districts (null: everywhere): a person through where they live, are registered or took
// part; a record through its person; an incident or case through where it happened.
UNWIND $frontier AS elementKey
MATCH (n) WHERE elementId(n) = elementKey
MATCH (n)-[r]-(m)
WHERE type(r) IN $types
  AND ($districts IS NULL OR CASE
    WHEN m:Address OR m:DisputeNetwork OR m:Alert THEN m.district IN $districts
    WHEN m:Incident OR m:Case
      THEN EXISTS { (m)-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts }
    WHEN m:Dispute THEN EXISTS { (m)<-[:PART_OF]-(:Incident)-[:OCCURRED_AT]->(x:Address)
                              WHERE x.district IN $districts }
    WHEN m:Person THEN EXISTS { (m)-[:LIVES_AT|REGISTERED_AT]->(x:Address)
                                 WHERE x.district IN $districts }
      OR EXISTS { (m)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address)
                  WHERE x.district IN $districts }
    WHEN m:SourceRecord THEN EXISTS { (o:Person)-[:RESOLVED_FROM]->(m)
      WHERE EXISTS { (o)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
         OR EXISTS { (o)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address)
                     WHERE x.district IN $districts } }
    ELSE false END)
WITH DISTINCT r, m
LIMIT $limit
RETURN {elementId: elementId(m), labels: labels(m), props: m {.*, raw: null}} AS node,
       {elementId: elementId(r), type: type(r), start: elementId(startNode(r)),
        end: elementId(endNode(r)), props: r {.*, evidence: null}} AS edge
