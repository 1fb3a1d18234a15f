// Every load of $cascade present in the database, whether it answers or not.
INCLUDE loads_of_cascade
RETURN collect(load) AS loads
