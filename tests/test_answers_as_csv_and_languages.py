"""The API's list answers as a spreadsheet opens them (formula-safe CSV), and the audit in the
language asked for: Indonesian first, English too.

What a CSV holds is checked against the JSON answer to the same question: the same items, in the
same order, the same next page."""

from __future__ import annotations

import csv
import io
import re

import pytest

from lineage.audit.build import generic
from lineage.audit.rules import RULES
from lineage.language import Lang, from_accept_language

KOPERASI_SEHAT = "makassar-diskopukm:ik-sasaran-2"


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- CSV ---------------------------------------------------------------------------------------------


def test_contributors_as_csv_are_the_json_answer_one_row_per_indicator(client):
    params = {"tier": "staff", "limit": 3}
    answer = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params=params).json()
    for asked in ({"params": {**params, "format": "csv"}}, {"params": params, "headers": {"Accept": "text/csv"}}):
        response = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", **asked)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        rows = read_csv(response.text)
        assert [(r["id"], int(r["hops"]), r["tier"]) for r in rows] == [
            (n["id"], n["level"], "JAFUNG/STAF") for n in answer["nodes"]
        ]
        assert response.headers["x-total-count"] == str(answer["total"]) == "5"
        assert (
            f"cursor={answer['next_cursor']}" in response.headers["link"] and 'rel="next"' in response.headers["link"]
        )
        assert "attachment" in response.headers["content-disposition"]


def test_the_next_page_of_a_csv_answer_is_the_link_it_names(client):
    first = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params={"format": "csv", "limit": 4})
    url = re.match(r"<([^>]+)>", first.headers["link"]).group(1)
    second = client.get(url)
    ids = [r["id"] for r in read_csv(first.text) + read_csv(second.text)]
    everything = client.get(f"/indicators/{KOPERASI_SEHAT}/contributors", params={"limit": 500}).json()
    assert ids == [n["id"] for n in everything["nodes"]] and len(ids) == everything["total"]


def test_search_results_as_csv(client):
    answer = client.get("/indicators", params={"q": "koperasi", "limit": 5}).json()
    rows = read_csv(client.get("/indicators", params={"q": "koperasi", "limit": 5, "format": "csv"}).text)
    assert [r["id"] for r in rows] == [i["id"] for i in answer["items"]] and rows
    assert {r["kind"] for r in rows} <= {"mayor_goal", "agency_target", "program", "kegiatan", "sub_kegiatan"}


def test_json_stays_the_default_and_format_wins_over_accept(client):
    url = f"/indicators/{KOPERASI_SEHAT}/contributors"
    assert client.get(url).headers["content-type"].startswith("application/json")
    assert (
        client.get(url, headers={"Accept": "application/json, text/csv;q=0.5"})
        .headers["content-type"]
        .startswith("application/json")
    )
    assert client.get(url, params={"format": "json"}, headers={"Accept": "text/csv"}).json()["total"] == 7
    assert client.get(url, params={"format": "xlsx"}).status_code == 422


def test_audit_findings_as_csv_are_formula_safe(client, graph, database):
    graph.execute_query(
        "MATCH (p:Position {id: 'staf-sp1-kegiatan'}) SET p.name = '=HYPERLINK(\"http://x\")'", database_=database
    )
    client.app.state.__dict__.pop("audit_cache", None)  # the name changed behind the loader's back
    rows = read_csv(client.get("/audit", params={"format": "csv", "rule": "copy-down", "lang": "en"}).text)
    assert {r["rule"] for r in rows} == {"copy-down"} and len(rows) == 3
    assert any(r["owners"].startswith("'=HYPERLINK") for r in rows)
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


# -- languages ---------------------------------------------------------------------------------------


def test_the_audit_answers_in_indonesian_unless_english_is_asked_for(client):
    def first_message(**asked) -> str:
        return client.get(
            "/audit", params={"rule": "copy-down", "limit": 1, **asked.get("params", {})}, headers=asked.get("headers")
        ).json()["items"][0]["message"]

    indonesian = first_message()
    assert "mengulang" in indonesian and "IK yang didukungnya" in indonesian
    assert first_message(params={"lang": "id"}) == indonesian
    english = first_message(params={"lang": "en"})
    assert "restates" in english
    assert first_message(headers={"Accept-Language": "en-GB,en;q=0.9"}) == english
    assert first_message(headers={"Accept-Language": "en-US,id;q=0.9"}) == english
    assert first_message(headers={"Accept-Language": "fr, id;q=0.5"}) == indonesian
    assert first_message(params={"lang": "id"}, headers={"Accept-Language": "en"}) == indonesian


@pytest.mark.parametrize("lang", list(Lang))
def test_the_rules_have_no_unfilled_placeholder_in_either_language(client_without_neo4j, lang):
    rules = client_without_neo4j.get("/audit/rules", params={"lang": lang.value}).json()
    assert [r["id"] for r in rules] == [r.id for r in RULES]
    for rule in rules:
        for field in ("title", "description", "message", "fix"):
            assert rule[field] and not re.search(r"[{}]", rule[field]), (rule["id"], field, rule[field])
    titles = {r["id"]: r["title"] for r in rules}
    assert titles["missing-owner"] == ("Tanpa penanggung jawab" if lang is Lang.id else "No owner")


@pytest.mark.parametrize("lang", list(Lang))
def test_the_rules_are_served_as_the_registry_declares_them_in_the_language_asked(client_without_neo4j, lang):
    served = client_without_neo4j.get("/audit/rules", params={"lang": lang.value}).json()
    for rule, answer in zip(RULES, served, strict=True):
        words = rule.words(lang)
        assert answer == {
            "id": rule.id,
            "severity": rule.severity.value,
            "category": rule.category.value,
            "title": words.title,
            "description": words.description,
            "message": generic(words.message, lang),
            "fix": generic(words.fix, lang),
        }


def test_every_template_field_has_general_words_in_both_languages():
    for rule in RULES:
        for lang in Lang:
            for template in (rule.words(lang).message, rule.words(lang).fix):
                assert "{" not in generic(template, lang)


def test_indonesian_words_are_the_planners_not_literal_translations():
    """A sasaran is never a "target" (a target is the number to reach), an indicator is an IK."""
    for rule in RULES:
        words = rule.words(Lang.id)
        text = re.sub(r"\{\w+\}", "", " ".join((words.title, words.description, words.message, words.fix)).lower())
        assert not re.search(r"\btarget (perangkat|agency)\b|\bagency\b|\bindicator\b|\bowner\b", text), rule.id


def test_accept_language_is_read_with_its_weights():
    assert from_accept_language("id-ID,id;q=0.9,en;q=0.8") is Lang.id
    assert from_accept_language("en-US,en;q=0.9,id;q=0.8") is Lang.en
    assert from_accept_language("de, en;q=0.1, id;q=0.2") is Lang.id
    assert from_accept_language("de, fr") is None and from_accept_language(None) is None
    assert from_accept_language("en;q=0, id;q=bad") is None
