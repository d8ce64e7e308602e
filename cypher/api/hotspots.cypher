// Places with repeated dispute incidents in a window: buildings or compounds
// (by buildingKey / compoundKey), most incidents first, within the caller's $districts.
MATCH (i:Incident {isDispute: true})-[:OCCURRED_AT]->(a:Address)
WHERE ($since IS NULL OR i.reportedAt >= $since) AND ($until IS NULL OR i.reportedAt < $until)
  AND ($district IS NULL OR a.district = $district)
  AND ($districts IS NULL OR a.district IN $districts)
WITH CASE $level WHEN 'building' THEN a.buildingKey ELSE a.compoundKey END AS key, i, a
WHERE key IS NOT NULL
WITH key, count(DISTINCT i) AS incidents, min(i.reportedAt) AS firstAt, max(i.reportedAt) AS lastAt,
     collect(DISTINCT a.addressId) AS addressIds, head(collect(a)) AS sample
WHERE incidents >= $minIncidents
WITH key, incidents, firstAt, lastAt, addressIds, sample
ORDER BY incidents DESC, key
SKIP $offset LIMIT $limit
RETURN {key: key, incidentCount: incidents, firstAt: firstAt, lastAt: lastAt,
        addressIds: addressIds, district: sample.district,
        place: coalesce(sample.compoundName, sample.compound, sample.road, sample.text)
               + CASE WHEN $level = 'building' AND sample.building IS NOT NULL
                      THEN ' ' + sample.building + '幢' ELSE '' END} AS hotspot
