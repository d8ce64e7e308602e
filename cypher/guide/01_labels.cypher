// The Neo4j Browser guide (api/guide/fengqiao.html): what the graph holds.
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
ORDER BY nodes DESC, label
