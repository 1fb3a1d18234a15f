"""The audit rules, each shown on the Makassar cascade with one thing changed (offline path).

Every test states the findings the change adds (and removes) and nothing else, so it also
specifies what a rule leaves to another: an indicator of an orphan element is not an orphan
indicator too, an indicator cycle that only follows an element cycle is not a second cycle, and so on.
"""

from __future__ import annotations

import pytest

from lineage.audit.offline import audit_cascade
from lineage.audit.rules import RULE_IDS, RULES
from lineage.cascade import parse_cascade
from lineage.language import Lang
from tests.support.makassar import LAST_ELEMENT, LAST_INDICATOR, MAKASSAR_FINDINGS, appended, changed
from tests.support.paths import MAKASSAR

TEXT = MAKASSAR.read_text(encoding="utf-8")


def findings_of(text: str) -> set[tuple[str, tuple[str, ...]]]:
    cascade = parse_cascade(text, "cascade.yaml", refuse_cycles=False)
    return {(f.rule, tuple(n.local_id for n in f.nodes)) for f in audit_cascade(cascade)}


def added(*replacements: tuple[str, str]) -> set:
    return findings_of(changed(*replacements)) - MAKASSAR_FINDINGS


def test_the_makassar_cascade_has_four_findings_all_about_wording():
    assert findings_of(TEXT) == MAKASSAR_FINDINGS


def test_every_rule_has_an_id_a_severity_and_a_title_description_message_and_fix_in_both_languages():
    assert len(set(RULE_IDS)) == len(RULES) == 20
    for rule in RULES:
        assert rule.id and rule.severity
        for lang in Lang:
            words = rule.words(lang)
            assert words.title and words.description and words.message and words.fix
        assert rule.words(Lang.id) != rule.words(Lang.en)


# -- orphans ---------------------------------------------------------------------------------------


def test_an_element_without_parent_below_the_top_is_an_orphan_and_its_indicator_is_not_reported_again():
    assert added(("{id: program-3, kind: program, parent: sasaran-2,", "{id: program-3, kind: program,")) == {
        ("orphan-element", ("program-3",)),
    }


def test_an_indicator_that_rolls_up_into_nothing_is_an_orphan():
    text = changed(
        ("{id: ik-program-6, measures: program-6,", "{id: ik-program-6, measures: program-6, contributes_to: [],")
    )
    assert findings_of(text) == MAKASSAR_FINDINGS - {("copy-down", ("ik-program-6", "ik-sasaran-3b"))} | {
        ("orphan-indicator", ("ik-program-6",)),
        # no longer one rolling up into the other: the same words are now a near-duplicate
        ("near-duplicate-indicator", ("ik-program-6", "ik-sasaran-3b")),
    }


def test_an_indicator_that_measures_no_element_is_unmeasured():
    extra = "  - {id: ik-extra, name: Indeks Kepuasan Pelaku Usaha, owner: kepala-dinas}\n"
    assert added(appended(LAST_INDICATOR, extra)) == {("unmeasured-indicator", ("ik-extra",))}


def test_an_indicator_nothing_rolls_up_into_is_unsupported():
    assert added(
        *[
            (
                f"{{id: ik-sasaran-3{x}, measures: sasaran-3,",
                f"{{id: ik-sasaran-3{x}, measures: sasaran-3, contributes_to: [ik-tujuan-2a],",
            )
            for x in "abc"
        ]
    ) == {("unsupported-indicator", ("ik-tujuan-2b",))}


# -- completeness ----------------------------------------------------------------------------------


def test_a_kegiatan_with_no_sub_kegiatan_is_childless():
    element = "  - {id: kegiatan-6.2, kind: kegiatan, parent: program-6, owner: staf-sp6-kegiatan, name: Pelatihan Wirausaha}\n"
    indicator = "  - {id: ik-kegiatan-6.2, measures: kegiatan-6.2, name: Jumlah Peserta Pelatihan Wirausaha}\n"
    assert added(appended(LAST_ELEMENT, element), appended(LAST_INDICATOR, indicator)) == {
        ("childless-element", ("kegiatan-6.2",)),
    }


def test_an_element_no_indicator_measures_is_reported():
    element = "  - {id: subkegiatan-6.1.2, kind: sub_kegiatan, parent: kegiatan-6.1, owner: staf-sp6-sub, name: Pameran Produk}\n"
    assert added(appended(LAST_ELEMENT, element)) == {("element-without-indicator", ("subkegiatan-6.1.2",))}


# -- levels and cycles -----------------------------------------------------------------------------


def test_a_sub_kegiatan_straight_under_a_program_skips_a_level_once_not_once_per_indicator():
    element = "  - {id: subkegiatan-6.0.1, kind: sub_kegiatan, parent: program-6, owner: staf-sp6-sub, name: Pameran Produk}\n"
    indicator = "  - {id: ik-subkegiatan-6.0.1, measures: subkegiatan-6.0.1, name: Jumlah Peserta Pameran}\n"
    assert added(appended(LAST_ELEMENT, element), appended(LAST_INDICATOR, indicator)) == {
        ("level-skip", ("subkegiatan-6.0.1", "program-6")),
    }


def test_a_sub_kegiatan_indicator_straight_into_a_mayor_indicator_skips_three_levels():
    text = changed(
        ("  - id: ik-subkegiatan-6.1.1\n", "  - id: ik-subkegiatan-6.1.1\n    contributes_to: [ik-tujuan-2a]\n")
    )
    findings = {f.rule: f for f in audit_cascade(parse_cascade(text, "c.yaml"))}
    assert findings_of(text) - MAKASSAR_FINDINGS == {
        ("level-skip", ("ik-subkegiatan-6.1.1", "ik-tujuan-2a")),
        ("unsupported-indicator", ("ik-kegiatan-6.1",)),  # its only supporter went elsewhere
    }
    assert (
        "skipping the agency target, program and kegiatan levels" in findings["level-skip"].in_language(Lang.en).message
    )
    assert "melompati level sasaran PD, program dan kegiatan" in findings["level-skip"].message


def test_a_link_within_one_level_is_sideways():
    assert added(
        (
            "{id: ik-subkegiatan-5.1.1, measures: subkegiatan-5.1.1,",
            "{id: ik-subkegiatan-5.1.1, measures: subkegiatan-5.1.1, contributes_to: [ik-subkegiatan-5.1.2],",
        )
    ) == {
        ("level-sideways", ("ik-subkegiatan-5.1.1", "ik-subkegiatan-5.1.2")),
    }


def test_a_link_down_the_cascade_is_upward():
    assert added(
        (
            "{id: ik-kegiatan-3.1, measures: kegiatan-3.1,",
            "{id: ik-kegiatan-3.1, measures: kegiatan-3.1, contributes_to: [ik-program-3, ik-subkegiatan-1.1.1],",
        )
    ) == {
        ("level-upward", ("ik-kegiatan-3.1", "ik-subkegiatan-1.1.1")),
    }


def test_an_indicator_cycle_is_reported_with_its_path():
    text = changed(
        (
            "{id: ik-kegiatan-3.1, measures: kegiatan-3.1,",
            "{id: ik-kegiatan-3.1, measures: kegiatan-3.1, contributes_to: [ik-program-3, ik-subkegiatan-3.1.1],",
        )
    )
    assert findings_of(text) - MAKASSAR_FINDINGS == {
        ("cycle", ("ik-kegiatan-3.1", "ik-subkegiatan-3.1.1")),
        ("level-upward", ("ik-kegiatan-3.1", "ik-subkegiatan-3.1.1")),
    }
    cycle = next(f for f in audit_cascade(parse_cascade(text, "c.yaml", refuse_cycles=False)) if f.rule == "cycle")
    assert cycle.path == [
        "makassar-diskopukm:ik-kegiatan-3.1",
        "makassar-diskopukm:ik-subkegiatan-3.1.1",
        "makassar-diskopukm:ik-kegiatan-3.1",
    ]
    assert (
        cycle.in_language(Lang.en).message
        == "2 indicators roll up into themselves: ik-kegiatan-3.1 -> ik-subkegiatan-3.1.1 -> ik-kegiatan-3.1."
    )
    assert (
        cycle.message
        == "2 IK saling mendukung dalam lingkaran: ik-kegiatan-3.1 -> ik-subkegiatan-3.1.1 -> ik-kegiatan-3.1."
    )


def test_an_element_cycle_is_reported_once_not_again_for_the_indicators_that_follow_it():
    text = changed(
        (
            "  - id: tujuan-1\n    kind: mayor_goal\n",
            "  - id: tujuan-1\n    kind: mayor_goal\n    parent: kegiatan-3.1\n",
        )
    )
    assert findings_of(text) - MAKASSAR_FINDINGS == {
        ("cycle", ("kegiatan-3.1", "program-3", "sasaran-2", "tujuan-1")),
        ("level-upward", ("tujuan-1", "kegiatan-3.1")),
    }


# -- ownership -------------------------------------------------------------------------------------


def test_a_program_owned_by_staff_is_a_tier_mismatch_once_not_again_for_its_indicator():
    assert added(("owner: eselon-iii-sp4,", "owner: staf-sp4-kegiatan,")) == {("owner-tier-mismatch", ("program-4",))}


def test_an_indicator_with_its_own_owner_at_the_wrong_tier_is_a_mismatch():
    assert added(
        (
            "{id: ik-subkegiatan-5.1.2, measures: subkegiatan-5.1.2,",
            "{id: ik-subkegiatan-5.1.2, measures: subkegiatan-5.1.2, owner: walikota,",
        )
    ) == {
        ("owner-tier-mismatch", ("ik-subkegiatan-5.1.2",)),
    }


def test_an_element_nobody_owns_is_reported_once_not_again_for_its_indicator():
    assert added(
        (
            "{id: subkegiatan-5.1.1, kind: sub_kegiatan, parent: kegiatan-5.1, owner: staf-sp5-sub,",
            "{id: subkegiatan-5.1.1, kind: sub_kegiatan, parent: kegiatan-5.1,",
        )
    ) == {
        ("missing-owner", ("subkegiatan-5.1.1",)),
    }


# -- duplicates ------------------------------------------------------------------------------------


def test_the_same_indicator_twice_in_one_box_is_a_sibling_duplicate():
    extra = '  - {id: ik-program-5c, measures: program-5, name: "fasilitasi pemberdayaan UMKM."}\n'
    assert added(appended(LAST_INDICATOR, extra)) == {
        ("duplicate-sibling", ("ik-program-5a", "ik-program-5c")),
        ("copy-down", ("ik-kegiatan-5.1", "ik-program-5c")),  # the kegiatan IK rolls up into both
    }


def test_the_same_indicator_in_another_place_is_a_duplicate_across_the_cascade():
    extra = "  - {id: ik-extra, measures: subkegiatan-1.1.1, name: PERSENTASE KOPERASI SEHAT}\n"
    assert added(appended(LAST_INDICATOR, extra)) == {("duplicate-indicator", ("ik-extra", "ik-sasaran-2"))}


def test_an_indicator_written_with_other_words_elsewhere_is_a_near_duplicate_with_a_score():
    extra = '  - {id: ik-extra, measures: subkegiatan-1.1.1, name: "Jumlah koperasi yang aktif"}\n'
    text = changed(appended(LAST_INDICATOR, extra))
    assert findings_of(text) - MAKASSAR_FINDINGS == {("near-duplicate-indicator", ("ik-extra", "ik-sasaran-1"))}
    near = next(f for f in audit_cascade(parse_cascade(text, "c.yaml")) if f.rule == "near-duplicate-indicator")
    assert near.score == 1.0


# -- codes -----------------------------------------------------------------------------------------

CODED = (
    ("{id: program-6, kind: program,", "{id: program-6, kind: program, code: 2.17.04,"),
    ("    parent: program-6\n", "    parent: program-6\n    code: 2.17.04.2.01\n"),
    ("    parent: kegiatan-6.1\n", "    parent: kegiatan-6.1\n    code: 2.17.04.2.01.0001\n"),
)


def coded(kegiatan: str = "2.17.04.2.01", sub: str = "2.17.04.2.01.0001", region: str = "Kota Makassar") -> set:
    text = changed(
        *CODED,
        ("code: 2.17.04.2.01\n", f"code: {kegiatan}\n"),
        ("code: 2.17.04.2.01.0001\n", f"code: {sub}\n"),
        ("region: Kota Makassar", f"region: {region}"),
    )
    return findings_of(text) - MAKASSAR_FINDINGS


def test_codes_that_follow_the_nomenclature_are_fine():
    assert coded() == set()


def test_a_code_of_the_wrong_shape_for_its_level():
    assert coded(sub="2.17.04.2.01.001") == {("code-shape", ("subkegiatan-6.1.1",))}


def test_a_code_that_does_not_start_with_its_parents():
    assert coded(sub="2.17.05.2.01.0001") == {("code-prefix", ("subkegiatan-6.1.1", "kegiatan-6.1"))}


def test_a_city_code_must_carry_authority_2_reported_once_on_the_highest_element():
    assert coded(sub="2.17.04.1.01.0001") == {("code-authority", ("subkegiatan-6.1.1",))}
    assert coded(kegiatan="2.17.04.1.01", sub="2.17.04.1.01.0001") == {("code-authority", ("kegiatan-6.1",))}


def test_a_province_code_carries_authority_1_and_a_region_that_says_neither_is_not_judged():
    assert coded(region="Provinsi Sulawesi Selatan") == {("code-authority", ("kegiatan-6.1",))}
    assert coded(kegiatan="2.17.04.1.01", sub="2.17.04.1.01.0001", region="Provinsi Sulawesi Selatan") == set()
    # the authority digit is not judged, so the sub kegiatan's code is only seen not to extend its parent's
    assert coded(sub="2.17.04.1.01.0001", region="Dinas Contoh") == {
        ("code-prefix", ("subkegiatan-6.1.1", "kegiatan-6.1"))
    }


@pytest.mark.parametrize("rule", ["orphan-element", "cycle", "copy-down", "code-authority"])
def test_messages_name_the_nodes_by_level_name_and_id(rule):
    text = changed(
        ("{id: program-4, kind: program, parent: sasaran-2,", "{id: program-4, kind: program,"),
        (
            "  - id: tujuan-1\n    kind: mayor_goal\n",
            "  - id: tujuan-1\n    kind: mayor_goal\n    parent: kegiatan-3.1\n",
        ),
        *CODED,
        ("code: 2.17.04.2.01.0001\n", "code: 2.17.04.1.01.0001\n"),
    )
    finding = next(f for f in audit_cascade(parse_cascade(text, "c.yaml", refuse_cycles=False)) if f.rule == rule)
    node = finding.nodes[0]
    for message in (finding.message, finding.in_language(Lang.en).message):
        assert f"({node.local_id})" in message or node.local_id in message
    assert all(n.owner is not None for n in finding.nodes)


def test_docs_audit_md_lists_every_rule():
    docs = (MAKASSAR.parents[2] / "docs" / "audit.md").read_text(encoding="utf-8")
    assert [rule for rule in RULE_IDS if f"| `{rule}` |" not in docs] == []
