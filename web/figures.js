// This year's figures of the indicators in the boxes: target, realised and achievement (capaian),
// from GET /indicators/{id}/series, the one answer that knows them (realisations entered through
// the API win over the file's). There is no answer with the figures of many indicators at once,
// so the page asks one question per indicator, and only while few are on screen: at most
// FIGURES_MAX indicators, FIGURES_AT_ONCE questions at a time. A larger view shows the figures of
// the selected indicator only (the side panel), and says so.

import { api } from "./api.js";
import { language, t } from "./i18n.js";

export const FIGURES_MAX = 60;
const FIGURES_AT_ONCE = 4;

/** The year the figures are of: this calendar year. */
export function thisYear() {
  return new Date().getFullYear();
}

/**
 * Fetch what `known` (indicator id -> year point or null) lacks of `ids`, when `ids` are few.
 * @returns {Promise<boolean>} false when there were too many to ask about
 */
export async function fetchFigures(ids, known) {
  if (ids.length > FIGURES_MAX) return false;
  const missing = ids.filter((id) => !known.has(id));
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const id = missing[next++];
      known.set(id, await yearOf(id));
    }
  };
  await Promise.all(Array.from({ length: FIGURES_AT_ONCE }, worker));
  return true;
}

/** This year's point of indicator `id` ({year, target, realised, capaian}), or null. */
export async function yearOf(id) {
  const series = await api.series(id);
  const point = series.years.find((year) => year.year === thisYear());
  return point && (point.target || point.realised) ? point : null;
}

/** "2026: target 85 · realised 78 · capaian 91.8%", the parts that are known. */
export function figuresText(point, unit) {
  const number = (value) => (value === null || value === undefined ? null : value.toLocaleString(language()));
  const measure = (m) => m && [number(m.value), unit].filter(Boolean).join(" ");
  const parts = [
    point.target && t("target", { v: measure(point.target) }),
    point.realised && t("realised", { v: measure(point.realised) }),
    point.capaian?.value !== null && point.capaian?.value !== undefined && t("capaian", { v: number(Math.round(point.capaian.value * 10) / 10) }),
  ].filter(Boolean);
  return `${point.year}: ${parts.join(" · ")}`;
}
