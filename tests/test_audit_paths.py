"""The two audit paths agree: the file audited offline (networkx) and the same cascade loaded in
Neo4j and audited with Cypher give the same findings, message for message."""

from __future__ import annotations

from lineage.audit.database import audit_database
from lineage.audit.offline import audit_cascade, audit_file
from lineage.cascade import CascadeLinks, parse_cascade, read_cascade
from lineage.ids import uid
from lineage.importers import import_source
from lineage.loader import load_cascade
from tests.support.paths import MAKASSAR, RPJMD, WORKBOOK
from tests.support.synthetic_audit import generate_labelled_cascade

PERDAGANGAN = "kota-makassar-dinas-perdagangan-2025-2029"


def _database_findings(graph, database, cascade: str | None = None):
    return audit_database(graph, cascade=cascade, database=database).findings


def test_makassar_gives_the_same_findings_offline_and_in_the_database(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    offline = audit_file(MAKASSAR).findings
    assert len(offline) == 4
    assert _database_findings(graph, database) == offline


def test_a_generated_cascade_with_every_kind_of_defect_gives_the_same_findings_both_ways(graph, database):
    labelled = generate_labelled_cascade(1_500, seed=3, per_rule=3, near_duplicates=20, cycles=False)
    load_cascade(graph, labelled.cascade, database=database)

    offline = audit_cascade(labelled.cascade)

    assert _database_findings(graph, database) == offline
    assert {f.rule for f in offline} == {label.rule for label in labelled.labels}  # every rule but cycle was exercised


def _add_links_with_raw_cypher(graph, database, original: str, changed: str) -> None:
    """Write into the loaded `original` the links `changed` has in addition (the loader refuses a
    cycle, so a cycle can only reach the database by a write like this one)."""
    before, after = (parse_cascade(text, "c.yaml", refuse_cycles=False) for text in (original, changed))
    links_before, links_after = CascadeLinks.of(before), CascadeLinks.of(after)
    new_links = (set(links_after.element_parent.items()) - set(links_before.element_parent.items())) | (
        set(links_after.indicator_edges()) - set(links_before.indicator_edges())
    )
    assert new_links
    for child, parent in new_links:
        graph.execute_query(
            "MATCH (c:Cascade {id: $cascade}) "
            "MATCH (a {uid: $child, load: c.active_load}), (b {uid: $parent, load: c.active_load}) "
            "CREATE (a)-[:CONTRIBUTES_TO]->(b)",
            cascade=before.id,
            child=uid(before, child),
            parent=uid(before, parent),
            database_=database,
        )


def test_cycles_written_into_the_database_are_found_as_the_offline_audit_finds_them_in_a_file(graph, database):
    original = MAKASSAR.read_text(encoding="utf-8")
    changed = original.replace(  # an indicator cycle, and an element cycle
        "{id: ik-kegiatan-3.1, measures: kegiatan-3.1,",
        "{id: ik-kegiatan-3.1, measures: kegiatan-3.1, contributes_to: [ik-program-3, ik-subkegiatan-3.1.1],",
    ).replace(
        "  - id: tujuan-2\n    kind: mayor_goal\n",
        "  - id: tujuan-2\n    kind: mayor_goal\n    parent: subkegiatan-6.1.1\n",
    )
    load_cascade(graph, parse_cascade(original, "makassar.yaml"), database=database)
    _add_links_with_raw_cypher(graph, database, original, changed)

    offline = audit_cascade(parse_cascade(changed, "makassar.yaml", refuse_cycles=False))
    in_database = _database_findings(graph, database)

    assert [f.rule for f in offline].count("cycle") == 2
    assert in_database == offline


def test_the_database_audit_reads_only_the_active_load(graph, database):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    # What a killed load leaves behind: nodes of a load nothing points at, full of defects.
    graph.execute_query(
        "CREATE (:Indicator {uid: 'makassar-diskopukm:ik-x', id: 'ik-x', name: 'Orphan', cascade: 'makassar-diskopukm', "
        "load: 'dead'})-[:CONTRIBUTES_TO]->(:Indicator {uid: 'makassar-diskopukm:ik-y', id: 'ik-y', name: 'Orphan', "
        "cascade: 'makassar-diskopukm', load: 'dead'})",
        database_=database,
    )
    assert _database_findings(graph, database) == audit_file(MAKASSAR).findings


def test_the_database_audit_covers_each_loaded_cascade_or_the_one_asked_for(graph, database):
    labelled = generate_labelled_cascade(300, seed=5, per_rule=1, near_duplicates=2, cycles=False)
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    load_cascade(graph, labelled.cascade, database=database)

    everything = audit_database(graph, database=database)
    one = audit_database(graph, cascade="makassar-diskopukm", database=database)

    assert [c.id for c in everything.cascades] == ["labelled", "makassar-diskopukm"]
    assert {f.cascade for f in everything.findings} == {"labelled", "makassar-diskopukm"}
    assert one.findings == audit_file(MAKASSAR).findings
    assert (one.cascades[0].elements, one.cascades[0].indicators) == (29, 33)


def test_links_across_cascades_count_in_both_paths_and_the_database_also_sees_those_made_into_a_cascade(
    graph, database
):
    """The example workbook: the region's RPJMD goals, and two agencies whose targets serve them
    (`external_parent`). Offline, each file is judged alone; in the database, the RPJMD goals are
    also seen to be served by the agencies' targets."""
    cascades = {c.id: c for c in import_source(str(WORKBOOK)).cascades}
    for cascade in cascades.values():
        load_cascade(graph, cascade, database=database)

    def rules(findings):
        return {(f.rule, tuple(n.local_id for n in f.nodes)) for f in findings}

    for cascade_id, cascade in cascades.items():
        offline = audit_cascade(cascade)
        in_database = _database_findings(graph, database, cascade_id)
        if cascade_id == RPJMD:
            assert rules(offline) == {("childless-element", ("tujuan-1",)), ("childless-element", ("tujuan-2",))}
            assert in_database == []
        else:  # targets under another cascade's goal are not orphans, nor are their indicators
            assert not any(f.category.value == "orphans" for f in offline)
            assert in_database == offline
    assert rules(_database_findings(graph, database, PERDAGANGAN)) == {
        ("duplicate-indicator", ("ik-program-3.30.03-1", "ik-subkegiatan-3.30.03.2.01.0002-1")),
    }
