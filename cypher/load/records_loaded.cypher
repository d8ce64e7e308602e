// Whether the graph holds any source record yet (from the count store, so free): before
// the first load no record can have moved to another person.
MATCH (r:SourceRecord)
RETURN count(r) > 0 AS loaded
