// Alerts a batch replaced.
UNWIND $ids AS id
MATCH (al:Alert {alertId: id})
DETACH DELETE al
