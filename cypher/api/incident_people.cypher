// The people involved in each incident, with their roles (in the caller's $districts).
UNWIND $ids AS id
MATCH (i:Incident {incidentId: id})
CALL (i) {
  MATCH (p:Person)-[r:INVOLVED_IN]->(i)
  WHERE ($districts IS NULL
       OR EXISTS { (p)-[:LIVES_AT|REGISTERED_AT]->(x:Address) WHERE x.district IN $districts }
       OR EXISTS { (p)-[:INVOLVED_IN]->()-[:OCCURRED_AT]->(x:Address) WHERE x.district IN $districts })
  WITH DISTINCT p, r.role AS role ORDER BY role, p.personId
  RETURN collect({role: role, person: p {.personId, .name, .pinyin, .idNumber, .birthDate, .sex,
                                          .phones, .ethnicity, .recordCount, .sources}}) AS items
}
RETURN id, items
