// Resolved persons with their canonical attributes. The loader splits these rows
// between its writers by person: each transaction touches only its own Person nodes.
UNWIND $rows AS row
MERGE (p:Person {personId: row.personId})
SET p += row.props
