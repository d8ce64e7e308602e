// The shortest path between two persons over the relationship types in $types,
// at most 6 hops (the API checks $maxHops <= 6 and drops longer paths), through nodes of
// the caller's $districts only (null: everywhere; see neighbours.cypher).
MATCH (a:Person {personId: $from}), (b:Person {personId: $to})
MATCH path = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(path) WHERE type(r) IN $types)
  AND all(m IN nodes(path) WHERE ($districts IS NULL OR CASE
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
      ELSE false END))
WITH path WHERE length(path) <= $maxHops
RETURN [n IN nodes(path) | {elementId: elementId(n), labels: labels(n), props: n {.*, raw: null}}] AS nodes,
       [r IN relationships(path) | {elementId: elementId(r), type: type(r),
                                    start: elementId(startNode(r)), end: elementId(endNode(r)),
                                    props: r {.*, evidence: null}}] AS edges
