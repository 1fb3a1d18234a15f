// Remove the nodes of $cascade written by the loads in $loads, in batches of their own
// transactions (a big cascade does not fit in one). Only ever run on loads no query reads:
// replaced versions, and the remains of a failed or interrupted load.
MATCH (n:Indicator|Element|Position)
WHERE n.cascade = $cascade AND n.load IN $loads
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
