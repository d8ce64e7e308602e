// Which of some person ids are in use (a split must give its new part a fresh one).
UNWIND $ids AS id
RETURN id, EXISTS { MATCH (:Person {personId: id}) } AS taken
