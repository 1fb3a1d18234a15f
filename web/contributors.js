// The contributors of the selected indicator as planners ask about them: grouped by the tier that
// owns them (head of the region down to JAFUNG/STAF), then by level, each group counted; and a tier
// filter. The filter asks the API (`tier=` on GET /indicators/{id}/contributors) instead of sifting
// here, so "which staff indicators roll up into X" is listed exactly as the API answers it.

import { t } from "./i18n.js";
import { el } from "./view.js";
import { levels, tierLabel, tierOrder } from "./vocabulary.js";

/**
 * @param selection app.js's selection: `all` (every contributor fetched), `total`, `truncated`,
 *   and `filtered` ({items, total, truncated} for the tier asked for, or null)
 * @param {string|null} tier the tier filter in force
 * @param {{listed: number, link(node): HTMLElement, onTier(tier)}} options
 */
export function contributorsSection(selection, tier, { listed, link, onTier }) {
  const section = el("section", "contributors");
  section.append(el("h3", "", t("contributors")), tierFilter(selection.all, tier, onTier));
  const shown = selection.filtered ?? { items: selection.all, total: selection.total, truncated: selection.truncated };
  const count = tier
    ? t("contributorsOfTier", { n: shown.total, tier: tierLabel(tier) })
    : t("contributorsCount", { n: shown.total });
  const summary = el("p", "count", count);
  summary.setAttribute("role", "status");
  section.append(summary);
  let room = listed;
  for (const group of groupContributors(shown.items)) {
    const block = el("section", "tier-group");
    block.dataset.tier = group.tier;
    const head = el("h4", "", tierLabel(group.tier));
    head.append(" ", el("span", "count-pill", String(group.count)));
    block.append(head);
    for (const { kind, items } of group.kinds) {
      const sub = el("div", "kind-group");
      sub.dataset.kind = kind;
      sub.append(el("h5", "", `${t(`kind.${kind}`)} (${items.length})`));
      const list = el("ol", "node-list");
      for (const node of items.slice(0, Math.max(room, 0))) list.append(link(node));
      room -= items.length;
      sub.append(list);
      block.append(sub);
    }
    section.append(block);
  }
  if (room < 0) section.append(el("p", "warning", t("listedFirst", { n: listed })));
  return section;
}

/** [{tier, count, kinds: [{kind, items}]}]: tiers top to bottom (no owner last), levels top to bottom. */
export function groupContributors(items) {
  const tiers = new Map();
  for (const node of items) {
    const tier = node.owner?.tier ?? "";
    const kind = node.element?.kind ?? "";
    const kinds = tiers.get(tier) ?? new Map();
    kinds.set(kind, [...(kinds.get(kind) ?? []), node]);
    tiers.set(tier, kinds);
  }
  const tierRank = rank(tierOrder());
  const kindRank = rank(levels().map((level) => level.id));
  return [...tiers]
    .sort(([a], [b]) => tierRank(a) - tierRank(b))
    .map(([tier, kinds]) => ({
      tier,
      count: [...kinds.values()].reduce((n, list) => n + list.length, 0),
      kinds: [...kinds].sort(([a], [b]) => kindRank(a) - kindRank(b)).map(([kind, list]) => ({ kind, items: list })),
    }));
}

/** A select of "every tier" and each tier the contributors hold, with its count. */
function tierFilter(all, tier, onTier) {
  const label = el("label", "tier-filter");
  label.append(el("span", "", t("tierFilter")));
  const select = el("select");
  select.id = "tier-filter";
  const counts = new Map(groupContributors(all).map((group) => [group.tier, group.count]));
  if (tier && !counts.has(tier)) counts.set(tier, 0);
  const choice = (value, text) => {
    const node = el("option", "", text);
    node.value = value;
    return node;
  };
  select.append(choice("", `${t("tierAll")} (${all.length})`));
  for (const id of tierOrder().filter((id) => counts.has(id))) select.append(choice(id, `${tierLabel(id)} (${counts.get(id)})`));
  select.value = tier ?? "";
  select.addEventListener("change", () => onTier(select.value || null));
  label.append(select);
  return label;
}

function rank(order) {
  return (id) => {
    const at = order.indexOf(id);
    return at < 0 ? order.length : at;
  };
}
