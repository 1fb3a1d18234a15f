"""`lineage audit` and the /audit API, as an auditor, a planner and a reporting tool use them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from lineage.api.main import create_app
from lineage.audit.database import audit_database
from lineage.audit.offline import audit_file
from lineage.audit.service import AuditCache
from lineage.cascade import parse_cascade, read_cascade
from lineage.cli import main as lineage
from lineage.importers import import_source
from lineage.loader import delete_cascade, load_cascade
from tests.support.paths import MAKASSAR, RPJMD, WORKBOOK

CYCLE = (
    "{id: ik-kegiatan-3.1, measures: kegiatan-3.1,",
    "{id: ik-kegiatan-3.1, measures: kegiatan-3.1, contributes_to: [ik-program-3, ik-subkegiatan-3.1.1],",
)


@pytest.fixture
def cyclic_file(tmp_path):
    path = tmp_path / "draft.yaml"
    path.write_text(MAKASSAR.read_text(encoding="utf-8").replace(*CYCLE), encoding="utf-8")
    return path


# -- the CLI, offline --------------------------------------------------------------------------------


def test_lineage_audit_file_speaks_indonesian_first(capsys):
    assert lineage(["audit", str(MAKASSAR)]) == 0
    out = capsys.readouterr().out
    assert "4 temuan (0 galat, 4 peringatan)" in out
    assert 'IK kegiatan "Koperasi yang diawasi dan diperiksa" (ik-kegiatan-1.1) mengulang IK program' in out
    assert "penanggung jawab: JAFUNG/STAF, Sasaran Program 1, kegiatan [JAFUNG/STAF]" in out
    assert "perbaikan: Tuliskan apa yang dihasilkan kegiatan ini" in out


def test_lineage_audit_file_prints_each_finding_with_its_nodes_owners_and_fix(capsys):
    assert lineage(["audit", str(MAKASSAR), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "4 findings (0 errors, 4 warnings)" in out
    assert 'kegiatan IK "Koperasi yang diawasi dan diperiksa" (ik-kegiatan-1.1) restates program IK' in out
    assert "owner: JAFUNG/STAF, Sasaran Program 1, kegiatan [JAFUNG/STAF]" in out
    assert "fix: Write what this kegiatan delivers" in out


def test_a_draft_with_a_cycle_is_audited_although_it_cannot_be_loaded(cyclic_file, capsys):
    assert lineage(["audit", str(cyclic_file), "--rule", "cycle"]) == 0
    assert "ik-kegiatan-3.1 -> ik-subkegiatan-3.1.1 -> ik-kegiatan-3.1" in capsys.readouterr().out
    assert lineage(["load", str(cyclic_file)]) == 1


def test_a_file_that_cannot_be_read_is_refused_naming_file_and_line(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(MAKASSAR.read_text(encoding="utf-8").replace("parent: program-3\n", "parent: program-9\n"))
    assert lineage(["audit", str(broken)]) == 1
    assert f"{broken}:" in capsys.readouterr().err


def test_json_output_is_the_report_model(capsys):
    lineage(["audit", str(MAKASSAR), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"copy-down": 3, "indicator-restates-element": 1}
    assert [f["id"] for f in report["findings"]] == [f.id for f in audit_file(MAKASSAR).findings]
    assert report["findings"][0]["nodes"][0]["owner"]["tier"] in {"eselon_iii", "staff", "kepala_dinas"}


def test_csv_output_has_one_row_per_finding_with_node_ids_and_owners(capsys):
    lineage(["audit", str(MAKASSAR), "--format", "csv", "--rule", "copy-down"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 3
    assert {r["rule"] for r in rows} == {"copy-down"}
    assert "makassar-diskopukm:ik-kegiatan-1.1 | makassar-diskopukm:ik-program-1" in {r["node_ids"] for r in rows}
    assert all(" | " in r["owners"] for r in rows)


def test_markdown_output_groups_findings_by_rule(capsys):
    lineage(["audit", str(MAKASSAR), "--format", "md", "--lang", "en"])
    out = capsys.readouterr().out
    assert "## Indicator copied down from its parent (`copy-down`, warning, 3)" in out
    assert "*Fix:*" in out


def test_the_html_report_is_one_self_contained_printable_file(tmp_path, capsys):
    report = tmp_path / "audit.html"
    assert lineage(["audit", str(MAKASSAR), "--format", "html", "--output", str(report), "--lang", "en"]) == 0
    html = report.read_text(encoding="utf-8")
    assert "4 findings written to" in capsys.readouterr().err
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert "<script" not in html and "src=" not in html and 'href="http' not in html  # nothing to fetch
    for finding in audit_file(MAKASSAR).findings:
        assert f'id="{finding.id}"' in html
    assert html.index('<section id="copy-down">') < html.index('<section id="indicator-restates-element">')
    assert "Kepala Dinas Koperasi &amp; UKM [Kepala Dinas]" in html and "<strong>Fix:</strong>" in html


def test_fail_on_makes_the_exit_status_say_whether_findings_of_that_severity_exist(capsys):
    assert lineage(["audit", str(MAKASSAR), "--fail-on", "error"]) == 0
    assert lineage(["audit", str(MAKASSAR), "--fail-on", "warning"]) == 1


# -- the CLI, on the database ------------------------------------------------------------------------


def test_lineage_audit_without_a_file_audits_what_is_loaded(graph, database, capsys):
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    assert lineage(["audit", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == "database"
    assert [f["id"] for f in report["findings"]] == [f.id for f in audit_file(MAKASSAR).findings]
    assert lineage(["audit", "--cascade", "nowhere"]) == 1
    assert "no cascade 'nowhere' is loaded" in capsys.readouterr().err


# -- the API -----------------------------------------------------------------------------------------


def test_get_audit_pages_through_every_finding_with_a_cursor(client):
    seen, cursor = [], None
    while True:
        page = client.get("/audit", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        assert page["total"] == 4
        seen += [f["id"] for f in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [f.id for f in audit_file(MAKASSAR).findings]


def test_get_audit_filters_by_rule_severity_and_cascade(client):
    assert client.get("/audit", params={"rule": "copy-down"}).json()["total"] == 3
    assert client.get("/audit", params={"rule": ["copy-down", "indicator-restates-element"]}).json()["total"] == 4
    assert client.get("/audit", params={"severity": "error"}).json()["total"] == 0
    assert client.get("/audit", params={"cascade": "makassar-diskopukm"}).json()["total"] == 4


def test_a_cursor_holds_for_the_route_and_filters_it_was_handed_out_for_and_no_others(client):
    both = ["copy-down", "indicator-restates-element"]
    first = client.get("/audit", params={"rule": both, "limit": 1}).json()
    cursor = first["next_cursor"]
    in_other_order = client.get("/audit", params={"rule": both[::-1], "limit": 1, "cursor": cursor})
    assert in_other_order.status_code == 200  # a list of rules is a set: its order asks nothing new
    assert in_other_order.json()["items"][0]["id"] != first["items"][0]["id"]
    for other in (
        client.get("/audit", params={"rule": "copy-down", "cursor": cursor}),
        client.get("/audit/duplicates", params={"cursor": cursor}),
        client.get("/audit/orphans", params={"cursor": cursor}),
    ):
        assert other.status_code == 400 and other.json()["error"] == "bad_cursor", other.text


def test_each_finding_lists_the_ids_owners_and_levels_of_its_nodes(client):
    finding = client.get("/audit", params={"rule": "indicator-restates-element"}).json()["items"][0]
    assert set(finding) == {"id", "rule", "severity", "category", "cascade", "message", "fix", "nodes", "path", "score"}
    indicator, element = finding["nodes"]
    assert indicator["id"] == "makassar-diskopukm:ik-subkegiatan-5.1.5" and indicator["type"] == "indicator"
    assert indicator["element"] == element["id"] == "makassar-diskopukm:subkegiatan-5.1.5"
    assert indicator["kind"] == element["kind"] == "sub_kegiatan"
    assert element["owner"] == {
        "id": "makassar-diskopukm:staf-sp5-sub",
        "name": "JAFUNG/STAF, Sasaran Program 5, sub kegiatan",
        "tier": "staff",
        "tier_label": "JAFUNG/STAF",
    }


def test_get_audit_orphans_and_duplicates(client, graph, database):
    assert client.get("/audit/orphans").json()["total"] == 0
    duplicates = client.get("/audit/duplicates", params={"min_score": 0.95}).json()
    assert duplicates["total"] == 4 and all(f["score"] >= 0.95 for f in duplicates["items"])

    text = MAKASSAR.read_text(encoding="utf-8").replace(
        "{id: program-3, kind: program, parent: sasaran-2,", "{id: program-3, kind: program,"
    )
    load_cascade(graph, parse_cascade(text, "v2.yaml"), database=database)  # a new load is audited afresh
    orphans = client.get("/audit/orphans").json()
    assert [(f["rule"], f["nodes"][0]["local_id"]) for f in orphans["items"]] == [("orphan-element", "program-3")]


def test_a_cascades_findings_follow_the_other_cascades_that_link_into_it(graph, database):
    """The example workbook: the RPJMD goals have no children of their own; the agencies' targets
    serve them (`external_parent`). Loading or deleting an agency changes the RPJMD's findings
    though the RPJMD's own load stays the same, and the API says so at once."""
    rpjmd, *agencies = import_source(str(WORKBOOK)).cascades
    assert rpjmd.id == RPJMD and agencies
    load_cascade(graph, rpjmd, database=database)

    def api_says() -> set[tuple[str, str]]:
        return {
            (f["rule"], f["nodes"][0]["local_id"])
            for f in client.get("/audit", params={"cascade": RPJMD}).json()["items"]
        }

    def a_fresh_audit_says() -> set[tuple[str, str]]:
        return {(f.rule, f.nodes[0].local_id) for f in audit_database(graph, cascade=RPJMD, database=database).findings}

    childless = {("childless-element", "tujuan-1"), ("childless-element", "tujuan-2")}
    with TestClient(create_app(graph, database)) as client:
        assert api_says() == a_fresh_audit_says() == childless
        for agency in agencies:
            load_cascade(graph, agency, database=database)
        assert api_says() == a_fresh_audit_says() == set()
        for agency in agencies:
            delete_cascade(graph, agency.id, database=database)
        assert api_says() == a_fresh_audit_says() == childless


def test_the_findings_kept_between_requests_are_bounded(graph, database):
    """Makassar has 4 findings. A cache bounded at 4 keeps them, so a write the loader did not make
    is not seen; one bounded at 3 keeps nothing and audits again on every request."""
    load_cascade(graph, read_cascade(MAKASSAR), database=database)
    keeps, keeps_nothing = AuditCache(max_findings=4), AuditCache(max_findings=3)
    assert len(keeps.findings(graph, database=database)) == len(keeps_nothing.findings(graph, database=database)) == 4

    graph.execute_query(  # program-3 loses its parent: an orphan-element
        "MATCH (:Element {uid: 'makassar-diskopukm:program-3'})-[r:CONTRIBUTES_TO]->() DELETE r", database_=database
    )

    assert len(keeps.findings(graph, database=database)) == 4
    assert "orphan-element" in {f.rule for f in keeps_nothing.findings(graph, database=database)}


def test_bad_requests_are_answered_in_json(client):
    assert client.get("/audit", params={"cascade": "nowhere"}).json()["error"] == "not_found"
    assert client.get("/audit", params={"cursor": "not-a-cursor"}).json()["error"] == "bad_cursor"
    assert client.get("/audit", params={"rule": "no-such-rule"}).status_code == 422
    assert client.get("/audit", params={"limit": 501}).status_code == 422
    assert client.get("/audit/duplicates", params={"min_score": 0.2}).status_code == 422


def test_the_rules_are_listed_even_without_neo4j_and_the_audit_says_neo4j_is_down(client_without_neo4j):
    rules = client_without_neo4j.get("/audit/rules").json()
    assert len(rules) == 20 and {"id", "severity", "category", "title", "description", "fix"} <= set(rules[0])
    unavailable = client_without_neo4j.get("/audit")
    assert unavailable.status_code == 503 and unavailable.json()["error"] == "neo4j_unavailable"
