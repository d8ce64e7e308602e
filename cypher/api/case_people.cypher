// The people involved in each case, with their roles.
UNWIND $ids AS id
MATCH (c:Case {caseId: id})
CALL (c) {
  MATCH (p:Person)-[r:INVOLVED_IN]->(c)
  WITH DISTINCT p, r.role AS role ORDER BY role, p.personId
  RETURN collect({role: role, person: p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}}) AS items
}
RETURN id, items
