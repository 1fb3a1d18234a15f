// Constraints and indexes, created by the loader before its first write (idempotent).
// Uniqueness of `uid` (cascade id + ":" + the id in the file) is what makes MERGE safe and fast.
CREATE CONSTRAINT cascade_id IF NOT EXISTS FOR (c:Cascade) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT element_uid IF NOT EXISTS FOR (n:Element) REQUIRE n.uid IS UNIQUE;
CREATE CONSTRAINT indicator_uid IF NOT EXISTS FOR (n:Indicator) REQUIRE n.uid IS UNIQUE;
CREATE CONSTRAINT position_uid IF NOT EXISTS FOR (n:Position) REQUIRE n.uid IS UNIQUE;
// Replacing or scoping one cascade finds its nodes by this property.
CREATE INDEX element_cascade IF NOT EXISTS FOR (n:Element) ON (n.cascade);
CREATE INDEX indicator_cascade IF NOT EXISTS FOR (n:Indicator) ON (n.cascade);
CREATE INDEX position_cascade IF NOT EXISTS FOR (n:Position) ON (n.cascade);
// Resolving a name or a local id typed by a user.
CREATE INDEX indicator_id IF NOT EXISTS FOR (n:Indicator) ON (n.id);
CREATE INDEX indicator_search_key IF NOT EXISTS FOR (n:Indicator) ON (n.search_key);
CREATE TEXT INDEX indicator_search_text IF NOT EXISTS FOR (n:Indicator) ON (n.search_text);
