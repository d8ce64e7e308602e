// Which of these alerts exist already (an alert a batch writes and did not exist is raised).
UNWIND $ids AS id
MATCH (al:Alert {alertId: id})
RETURN al.alertId AS id
