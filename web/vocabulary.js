// The cascade's vocabulary (levels, tiers, their labels in both languages), as the API serves it
// from lineage/cascade/vocabulary.py (GET /vocabulary): the page keeps no copy of its own. Fetched
// once, before the first cascade is drawn.

import { getJSON } from "./api.js";
import { learnLabels, language } from "./i18n.js";

let vocabulary = null;
let levelIndex = new Map();
let tiers = new Map();

/** Fetch the vocabulary and teach the interface the words of the levels. */
export async function loadVocabulary() {
  vocabulary = await getJSON("vocabulary");
  levelIndex = new Map(vocabulary.levels.map((level, index) => [level.id, index]));
  tiers = new Map(vocabulary.tiers.map((tier) => [tier.id, tier]));
  for (const lang of ["id", "en"]) {
    learnLabels(lang, Object.fromEntries(vocabulary.levels.map((level) => [`kind.${level.id}`, level.box[lang]])));
  }
}

/** The colour that marks the boxes of a level. */
export function levelColour(kind) {
  return vocabulary.levels[levelIndex.get(kind)]?.colour ?? "#9aa3b2";
}

/** The row a box sits in: its level and its owner's tier, as the source diagrams draw it. */
export function rowOf(box) {
  return `${box.kind}|${box.owner?.tier ?? ""}`;
}

/** Row keys top to bottom: by level, then by the owner's tier (boxes without owner last). */
export function sortRows(keys) {
  const order = (key) => {
    const [kind, tier] = key.split("|");
    return [levelIndex.get(kind) ?? levelIndex.size, tiers.get(tier)?.rank ?? tiers.size];
  };
  return [...keys].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1];
  });
}

/** {kind, tier, strong, caption}: the tier as the diagram writes the row, and the level's caption. */
export function rowLabel(key) {
  const [kind, tierId] = key.split("|");
  const lang = language();
  const tier = tiers.get(tierId);
  const head = tier?.head ? tier.name[lang] : vocabulary.head_of_region[lang];
  const level = vocabulary.levels[levelIndex.get(kind)];
  return {
    kind,
    tier: tierId,
    strong: (tier ? tier.label : vocabulary.no_owner[lang]).toUpperCase(),
    caption: (level?.row[lang] ?? kind).replace("{head}", head),
  };
}

/** The levels top to bottom: [{id, colour}], for the legend and the table's columns. */
export function levels() {
  return vocabulary.levels.map((level) => ({ id: level.id, colour: level.colour }));
}

/** Tier ids top to bottom (head of region first, functional staff last). */
export function tierOrder() {
  return [...tiers.values()].sort((a, b) => a.rank - b.rank).map((tier) => tier.id);
}

/** A tier as the diagrams write it ("JAFUNG/STAF"); no tier: "no owner" in the current language. */
export function tierLabel(tierId) {
  return tiers.get(tierId)?.label ?? vocabulary.no_owner[language()];
}
