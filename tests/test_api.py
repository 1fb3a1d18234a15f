"""The HTTP API, as a reporting tool calls it, against a real Neo4j."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from lineage.api.main import create_app
from tests.support.makassar import CASCADE, KOPERASI_SEHAT, KOPERASI_SEHAT_STAFF


def test_health_reports_neo4j_reachable(client):
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["neo4j"] == "reachable" and body["cascades"] == 1
    assert body["neo4j_version"].startswith("Neo4j/5.")


def test_the_staff_indicators_rolling_up_into_persentase_koperasi_sehat(client):
    found = client.get("/indicators", params={"q": "persentase koperasi sehat"}).json()
    assert found["items"][0]["id"] == KOPERASI_SEHAT  # the exact name first, then names holding every word

    answer = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params={"tier": "staff"}).json()

    assert {n["local_id"]: n["name"] for n in answer["items"]} == KOPERASI_SEHAT_STAFF
    assert all(
        n["owner"]["tier_label"] == "JAFUNG/STAF" and n["element"]["kind"] in ("kegiatan", "sub_kegiatan")
        for n in answer["items"]
    )
    assert {(e["from"], e["to"]) for e in answer["edges"]} == {
        ("makassar-diskopukm:ik-subkegiatan-3.1.1", "makassar-diskopukm:ik-kegiatan-3.1"),
        ("makassar-diskopukm:ik-subkegiatan-3.1.2", "makassar-diskopukm:ik-kegiatan-3.1"),
        ("makassar-diskopukm:ik-subkegiatan-4.1.1", "makassar-diskopukm:ik-kegiatan-4.1"),
    }
    assert answer["truncated"] is False and answer["next_cursor"] is None and answer["total"] == 5


def test_contributors_can_be_narrowed_to_a_kind_of_element(client):
    answer = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params={"kind": "kegiatan"}).json()
    assert {n["local_id"] for n in answer["items"]} == {"ik-kegiatan-3.1", "ik-kegiatan-4.1"}
    assert answer["kind"] == "kegiatan" and {n["hops"] for n in answer["items"]} == {2}


def test_the_old_names_still_answer_for_one_version_and_are_marked_deprecated(client):
    answer = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params={"level": "kegiatan"}).json()
    assert answer["nodes"] == answer["items"] and answer["level"] == answer["kind"] == "kegiatan"
    assert all(n["level"] == n["hops"] for n in answer["nodes"])
    openapi = client.get("/openapi.json").json()
    parameters = {
        p["name"]: p for p in openapi["paths"]["/indicators/{indicator_id}/contributors"]["get"]["parameters"]
    }
    assert parameters["level"].get("deprecated") is True and not parameters["kind"].get("deprecated")
    schemas = openapi["components"]["schemas"]
    assert schemas["ContributorsAnswer"]["properties"]["nodes"].get("deprecated") is True
    assert schemas["LineageNode"]["properties"]["level"].get("deprecated") is True


def test_every_list_answer_has_items_and_total(client):
    for path in ("/cascades", "/indicators", f"/cascades/{CASCADE}/elements", f"/cascades/{CASCADE}/versions"):
        body = client.get(path).json()
        assert isinstance(body["items"], list) and body["total"] >= len(body["items"]) > 0, path


def test_contributes_to_lists_every_path_to_the_top(client):
    answer = client.get("/indicators/makassar-diskopukm:ik-kegiatan-5.1/contributes-to").json()
    # kegiatan 5.1 -> both IKs of Program Pemberdayaan UMKM -> the three IKs of UMKM Berkualitas
    # -> the two IKs of the work-and-business goal: 2 x 3 x 2 paths.
    assert len(answer["paths"]) == 12
    assert {p[-1] for p in answer["paths"]} == {"makassar-diskopukm:ik-tujuan-2a", "makassar-diskopukm:ik-tujuan-2b"}


def test_one_indicator_with_its_direct_links(client):
    body = client.get("/indicators/makassar-diskopukm:ik-program-3").json()
    assert body["name"] == "Persentase Koperasi Simpan Pinjam yang sehat"
    assert body["also_written_as"] == ["Presentase Koperasi Simpan Pinjam yang sehat"]
    assert [i["id"] for i in body["contributes_to"]] == [KOPERASI_SEHAT]
    assert [i["local_id"] for i in body["contributors"]] == ["ik-kegiatan-3.1"]


def test_search_pages_through_every_indicator(client):
    seen, params = [], {"limit": 10}
    while True:
        page = client.get("/indicators", params=params).json()
        seen += [i["id"] for i in page["items"]]
        if not page["next_cursor"]:
            break
        params["cursor"] = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 33


def test_the_cascade_boxes_page_from_the_top(client):
    listing = client.get("/cascades").json()
    assert [c["id"] for c in listing["items"]] == ["makassar-diskopukm"]
    assert listing["items"][0]["elements"]["sub_kegiatan"] == 12 and listing["items"][0]["indicators"] == 33
    roots = client.get("/cascades/makassar-diskopukm/elements", params={"roots": True}).json()
    assert [b["local_id"] for b in roots["items"]] == ["tujuan-1", "tujuan-2"]
    children = client.get(
        "/cascades/makassar-diskopukm/elements", params={"parent": "makassar-diskopukm:sasaran-2"}
    ).json()
    assert [(b["local_id"], [i["local_id"] for i in b["indicators"]]) for b in children["items"]] == [
        ("program-3", ["ik-program-3"]),
        ("program-4", ["ik-program-4"]),
    ]


@pytest.mark.parametrize(
    "path, params",
    [
        (f"/indicators/{KOPERASI_SEHAT}/contributors", {"depth": 0}),
        (f"/indicators/{KOPERASI_SEHAT}/contributors", {"depth": 21}),
        (f"/indicators/{KOPERASI_SEHAT}/contributors", {"limit": 501}),
        (f"/indicators/{KOPERASI_SEHAT}/contributors", {"tier": "intern"}),
        (f"/indicators/{KOPERASI_SEHAT}/contributes-to", {"depth": 100}),
        ("/indicators", {"limit": 0}),
    ],
)
def test_out_of_bounds_parameters_are_refused_with_422(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] in params


def test_an_unknown_indicator_is_a_404_with_a_json_body(client):
    response = client.get("/indicators/makassar-diskopukm:ik-nope/contributors")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_forged_cursor_is_a_400(client):
    response = client.get("/indicators", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert response.status_code == 400 and response.json()["error"] == "bad_cursor"


@pytest.mark.parametrize("path", ["/indicators?q=koperasi", f"/indicators/{KOPERASI_SEHAT}/contributors", "/cascades"])
def test_neo4j_down_is_a_503_with_a_json_body(client_without_neo4j, path):
    response = client_without_neo4j.get(path)
    assert response.status_code == 503
    assert response.json()["error"] == "neo4j_unavailable"


def test_the_api_asks_its_questions_once_before_it_serves(graph, database, caplog):
    caplog.set_level("INFO", logger="lineage.warmup")
    with TestClient(create_app(graph, database)) as client:
        assert "questions warmed up" in caplog.text
        assert client.get("/health").status_code == 200


def test_health_says_when_neo4j_is_down(client_without_neo4j):
    response = client_without_neo4j.get("/health")
    assert response.status_code == 503
    assert response.json()["neo4j"] == "unreachable"


def test_the_openapi_document_names_operations_for_generated_clients(client):
    spec = client.get("/openapi.json").json()
    operations = {op["operationId"] for methods in spec["paths"].values() for op in methods.values()}
    assert {"search_indicators", "get_indicator", "list_contributors", "list_contributes_to", "health"} <= operations


def test_an_unexpected_failure_is_a_500_with_a_json_body(graph, database):
    app = create_app(graph, database)

    @app.get("/boom")
    def boom():
        raise RuntimeError("something nobody planned for")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert response.json()["error"] == "internal" and "RuntimeError" in response.json()["detail"]


def test_a_period_that_ends_before_it_starts_is_a_422(client):
    response = client.get("/indicators", params={"q": "koperasi", "period": "2030-2020"})
    assert response.status_code == 422 and response.json()["error"] == "bad_period"
