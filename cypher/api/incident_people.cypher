// The people involved in each incident, with their roles.
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
CALL (i) {
  MATCH (p:Person)-[r:INVOLVED_IN]->(i)
  WITH DISTINCT p, r.role AS role ORDER BY role, p.personId
  RETURN collect({role: role, person: p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}}) AS items
}
RETURN id, items
