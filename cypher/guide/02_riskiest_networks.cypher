// The guide: repeat-dispute networks, riskiest first.
MATCH (n:DisputeNetwork)
RETURN n.networkId AS network, n.size AS people, n.incidentCount AS incidents,
       n.escalations AS escalations, n.trend AS trend, n.riskScore AS risk,
       n.district AS district, n.compound AS compound
ORDER BY risk DESC, network
LIMIT 10
