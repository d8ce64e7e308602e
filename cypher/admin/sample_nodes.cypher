// The first $limit nodes of one label by key, each with its properties and its outgoing
// relationships (type, properties, the end node's labels and keys): two graphs are
// compared by these (graph/snapshot.py). $keys orders the label's nodes; $endKeys names
// every label's key properties.
MATCH (n) WHERE $label IN labels(n)
WITH n ORDER BY [key IN $keys | n[key]] LIMIT $limit
RETURN properties(n) AS props,
       [(n)-[r]->(m) | {type: type(r), props: properties(r), labels: labels(m),
                        end: [key IN $endKeys WHERE m[key] IS NOT NULL | [key, m[key]]]}] AS out
