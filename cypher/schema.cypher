// Constraints and indexes, created by the loader before its first write (idempotent).
// A node is identified by its uid (cascade id + ":" + the id in the file) within one load: while
// a new version is being written, the old one (another `load`) stays in place and answers.
CREATE CONSTRAINT cascade_id IF NOT EXISTS FOR (c:Cascade) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT element_uid_load IF NOT EXISTS FOR (n:Element) REQUIRE (n.uid, n.load) IS UNIQUE;
CREATE CONSTRAINT indicator_uid_load IF NOT EXISTS FOR (n:Indicator) REQUIRE (n.uid, n.load) IS UNIQUE;
CREATE CONSTRAINT position_uid_load IF NOT EXISTS FOR (n:Position) REQUIRE (n.uid, n.load) IS UNIQUE;
// Looking a node up by the id users and the API know it by.
CREATE INDEX element_uid IF NOT EXISTS FOR (n:Element) ON (n.uid);
CREATE INDEX indicator_uid IF NOT EXISTS FOR (n:Indicator) ON (n.uid);
CREATE INDEX position_uid IF NOT EXISTS FOR (n:Position) ON (n.uid);
// Finding, and removing, everything one load of one cascade wrote.
CREATE INDEX element_cascade_load IF NOT EXISTS FOR (n:Element) ON (n.cascade, n.load);
CREATE INDEX indicator_cascade_load IF NOT EXISTS FOR (n:Indicator) ON (n.cascade, n.load);
CREATE INDEX position_cascade_load IF NOT EXISTS FOR (n:Position) ON (n.cascade, n.load);
// Resolving a name or a file id typed by a user.
CREATE INDEX indicator_id IF NOT EXISTS FOR (n:Indicator) ON (n.id);
CREATE INDEX indicator_search_key IF NOT EXISTS FOR (n:Indicator) ON (n.search_key);
CREATE TEXT INDEX indicator_search_text IF NOT EXISTS FOR (n:Indicator) ON (n.search_text);
// Searching by words (lineage/search.py): a Lucene full-text index of every spelling of the name,
// with an analyzer that folds case and accents ("Séhat" finds "sehat"), ranked and typo-tolerant.
CREATE FULLTEXT INDEX indicator_words IF NOT EXISTS FOR (n:Indicator) ON EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
// Realisations entered through the API: every entry is kept (the newest answers), so there are
// several per cascade, indicator, year and quarter (0 = year); the uniqueness that once held goes.
DROP CONSTRAINT realisation_key IF EXISTS;
// Reading one indicator's realisations (a series): a composite index is only used when every one
// of its properties has a predicate, so the key's index above cannot serve a lookup by cascade and
// indicator alone; without this one each series scanned every Realisation of every cascade.
CREATE INDEX realisation_indicator IF NOT EXISTS FOR (r:Realisation) ON (r.cascade, r.indicator);
// Cross-cascade links: the elements and indicators that serve an element of another cascade.
CREATE INDEX element_external_parent IF NOT EXISTS FOR (n:Element) ON (n.external_parent);
CREATE INDEX indicator_external_parent IF NOT EXISTS FOR (n:Indicator) ON (n.external_parent);
// Kept versions of a cascade, found by cascade and label.
CREATE INDEX cascade_version IF NOT EXISTS FOR (v:CascadeVersion) ON (v.cascade, v.version);
// ... and by the load that wrote them: which loads are kept, and the scope (agency, region,
// period) of a kept version's nodes.
CREATE INDEX cascade_version_load IF NOT EXISTS FOR (v:CascadeVersion) ON (v.cascade, v.load);
// The change log: listed by time (and by cascade and time), oldest first.
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
CREATE INDEX change_cascade_at IF NOT EXISTS FOR (c:Change) ON (c.cascade, c.at);
