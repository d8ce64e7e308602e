// After a bulk import (graph/bulk_import.py): the importer cannot write an empty list,
// which the online loader writes for a person or record with no phone (load/05, load/07).
// Run in an auto-commit transaction, as CALL { } IN TRANSACTIONS must be.
MATCH (n:Person|SourceRecord) WHERE n.phones IS NULL
CALL (n) {
  SET n.phones = []
} IN TRANSACTIONS OF 10000 ROWS
