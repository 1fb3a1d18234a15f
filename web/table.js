// The table view: the matriks cascading as a sortable table, one row per indicator with the box
// above it at each level, its code, unit and owner (an element without indicator has a row of its
// own). It reads the cascade's boxes once, in reading order (GET /cascades/{id}/elements, paged;
// at most MAX_BOXES, and says so when there are more), and sorts here.

import { api } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./view.js";
import { levels } from "./vocabulary.js";

const MAX_BOXES = 5000;

/** @returns {{rows: Row[], kinds: string[], truncated: boolean}} */
export async function loadMatrix(cascade) {
  const { items, truncated } = await api.elements(cascade, {}, { max: MAX_BOXES });
  const byId = new Map(items.map((box) => [box.id, box]));
  const present = new Set(items.map((box) => box.kind));
  const rows = [];
  items.forEach((box, order) => {
    const chain = {};
    for (let at = box; at; at = byId.get(at.parent)) chain[at.kind] ??= at;
    for (const indicator of box.indicators.length ? box.indicators : [null]) rows.push({ order, box, chain, indicator });
  });
  return { rows, kinds: levels().map((level) => level.id).filter((kind) => present.has(kind)), truncated };
}

/** The columns: one per level present, then the indicator, its element's code, unit and owner. */
function columns(kinds) {
  const owner = (row) => row.indicator?.owner ?? row.box.owner;
  return [
    ...kinds.map((kind) => ({ key: kind, label: t(`kind.${kind}`), text: (row) => row.chain[kind]?.name ?? "" })),
    { key: "indicator", label: t("ik"), text: (row) => row.indicator?.name ?? "" },
    { key: "code", label: t("code"), text: (row) => row.box.code ?? "" },
    { key: "unit", label: t("unit"), text: (row) => row.indicator?.unit ?? "" },
    { key: "owner", label: t("owner"), text: (row) => (owner(row) ? `${owner(row).name} (${owner(row).tier_label})` : "") },
  ];
}

/**
 * Draw `matrix` into `holder`, sorted by `sort` ({key, dir: 1|-1}, or null: reading order), the
 * rows of a selection marked with their `roles` (indicator id -> role).
 */
export function renderTable(holder, matrix, { sort, roles, onSort, onSelect }) {
  const cols = columns(matrix.kinds);
  const rows = [...matrix.rows];
  const by = cols.find((col) => col.key === sort?.key);
  if (by) {
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
    rows.sort((a, b) => sort.dir * collator.compare(by.text(a), by.text(b)) || a.order - b.order);
  }
  const table = el("table", "matrix");
  table.append(el("caption", "", t("tableCaption", { n: matrix.rows.filter((row) => row.indicator).length })));
  const headRow = el("tr");
  for (const col of cols) {
    const th = el("th");
    th.scope = "col";
    th.dataset.key = col.key;
    th.setAttribute("aria-sort", by === col ? (sort.dir > 0 ? "ascending" : "descending") : "none");
    const button = el("button", "sort", col.label);
    button.type = "button";
    button.addEventListener("click", async () => {
      await onSort({ key: col.key, dir: by === col ? -sort.dir : 1 });
      holder.querySelector(`th[data-key="${col.key}"] .sort`)?.focus(); // the table was drawn anew
    });
    th.append(button);
    headRow.append(th);
  }
  const head = el("thead");
  head.append(headRow);
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    tr.dataset.box = row.box.id;
    const role = row.indicator && roles.get(row.indicator.id);
    if (role) tr.dataset.role = role;
    for (const col of cols) {
      const td = el("td");
      if (col.key === "indicator" && row.indicator) {
        tr.dataset.indicator = row.indicator.id;
        const pick = el("button", "node-link", col.text(row));
        pick.type = "button";
        pick.addEventListener("click", () => onSelect(row.indicator.id));
        td.append(pick);
      } else {
        td.textContent = col.text(row);
      }
      if (matrix.kinds.includes(col.key)) td.dataset.kind = col.key;
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(head, body);
  const notes = matrix.truncated ? [el("p", "warning", t("tableTruncated", { n: MAX_BOXES }))] : [];
  holder.replaceChildren(...notes, table);
}
