// Dates and times were ISO 8601 text ('1998-12-04', '2024-06-23T20:57:26') in graphs written
// before they became temporal values (graph/model.py): each statement converts what such a
// graph still holds as text, a date into a DATE and a date-time into a LOCAL DATETIME, in
// transactions of 10,000. A graph written since, or already converted, holds no text there,
// so these change nothing; one interrupted is finished by the next run. Run in auto-commit
// transactions (graph/schema.py), as CALL { } IN TRANSACTIONS must be.
MATCH (p:Person) WHERE p.birthDate IS :: STRING NOT NULL
CALL (p) {
  SET p.birthDate = date(p.birthDate)
} IN TRANSACTIONS OF 10000 ROWS;

MATCH (r:SourceRecord) WHERE r.birthDate IS :: STRING NOT NULL
CALL (r) {
  SET r.birthDate = date(r.birthDate)
} IN TRANSACTIONS OF 10000 ROWS;

MATCH (i:Incident) WHERE i.reportedAt IS :: STRING NOT NULL
CALL (i) {
  SET i.reportedAt = localdatetime(i.reportedAt)
} IN TRANSACTIONS OF 10000 ROWS;

MATCH (c:Case) WHERE c.openedAt IS :: STRING NOT NULL
CALL (c) {
  SET c.openedAt = localdatetime(c.openedAt)
} IN TRANSACTIONS OF 10000 ROWS;

// The analysis results: localdatetime() of a value already converted (or of null, for a
// dispute's or network's absent raisedAt) gives it back unchanged.
MATCH (n:Dispute|DisputeNetwork|Alert)
WHERE n.firstAt IS :: STRING NOT NULL OR n.lastAt IS :: STRING NOT NULL
   OR n.raisedAt IS :: STRING NOT NULL
CALL (n) {
  SET n.firstAt = localdatetime(n.firstAt), n.lastAt = localdatetime(n.lastAt),
      n.raisedAt = localdatetime(n.raisedAt)
} IN TRANSACTIONS OF 10000 ROWS;

MATCH (:Person)-[w:IN_DISPUTE_WITH]->(:Person)
WHERE w.first IS :: STRING NOT NULL OR w.last IS :: STRING NOT NULL
CALL (w) {
  SET w.first = localdatetime(w.first), w.last = localdatetime(w.last)
} IN TRANSACTIONS OF 10000 ROWS;
