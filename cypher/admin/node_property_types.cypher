// Every label's property keys with the value types they hold (as valueType() names them), for
// checking the graph model (graph/model.py) against a loaded graph. Scans every node.
MATCH (n)
UNWIND labels(n) AS label
UNWIND keys(n) AS key
RETURN label, key, collect(DISTINCT valueType(n[key])) AS types
ORDER BY label, key
