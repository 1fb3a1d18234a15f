// Drawing the visible boxes: rows by level with their labels, boxes placed by the tree's layout,
// elbow connectors between a box and its children, and the marks of a selection and of audit
// findings. Box elements are made once per element and reused; only their place changes.

import { t, ruleName } from "./i18n.js";
import { levelColour, rowLabel } from "./vocabulary.js";
import { figuresText } from "./figures.js";

const BOX_W = 232;
const GAP_X = 16;
const ROW_GAP = 44;
const LEFT = 24;
const TOP = 16;
const MIN_ROW = 36;
const ZOOMS = { min: 0.15, max: 2 };
/** The smallest zoom the page opens at: below it the names in the boxes cannot be read. */
const READABLE = 0.5;
/** A3 landscape less 10 mm margins, in CSS pixels (96 per inch), less the printed title's height. */
const PRINTED = { width: 1511, height: 1046 - 90 };
const NS = "http://www.w3.org/2000/svg";
const ROLE_RANK = { selected: 3, path: 2, contributor: 1 };

export class DiagramView {
  /**
   * @param {HTMLElement} scroller the scrolling area that holds the diagram
   * @param {{onToggle(id), onSelect(indicatorId), onOpenCascade(cascadeId), onFinding(findingId)}} actions
   */
  constructor(scroller, actions) {
    this.scroller = scroller;
    this.actions = actions;
    this.zoom = 1;
    /** the zoom on screen, given back after printing */
    this.screenZoom = 1;
    this.cache = new Map();
    this.heights = new Map();
    this.geometry = null;
    scroller.replaceChildren();
    this.stage = el("div", "stage");
    this.labels = el("div", "row-labels");
    this.canvas = el("div", "canvas");
    this.bands = el("div", "bands");
    this.wires = document.createElementNS(NS, "svg");
    this.wires.classList.add("wires");
    this.canvas.append(this.bands, this.wires);
    this.stage.append(this.labels, this.canvas);
    scroller.append(this.stage);
    scroller.addEventListener("click", (event) => this.onClick(event));
    scroller.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches(".ik")) this.onClick(event);
    });
  }

  onClick(event) {
    const badge = event.target.closest(".badge[data-finding]");
    if (badge) return this.actions.onFinding(badge.dataset.finding);
    const other = event.target.closest(".other-cascade");
    if (other) return this.actions.onOpenCascade(other.dataset.cascade);
    const toggle = event.target.closest(".toggle");
    if (toggle) return this.actions.onToggle(toggle.closest(".box").dataset.id);
    const ik = event.target.closest(".ik");
    if (ik) return this.actions.onSelect(ik.dataset.id);
  }

  /** Forget the drawn boxes (the labels inside them changed language). */
  reset() {
    this.cache.forEach((box) => box.remove());
    this.cache.clear();
  }

  /** Lay out and draw what `tree` shows, marked with `marks` (see app.js `marks()`). */
  render(tree, marks) {
    this.lastMarks = marks;
    const ids = tree.visible();
    // Wider than the screen, a parent centred over its children leaves the top rows' boxes off to
    // the right; over its first child, every row starts at the left edge.
    let { place, columns } = tree.layout();
    if ((LEFT * 2 + columns * (BOX_W + GAP_X)) * this.zoom > this.available()) ({ place, columns } = tree.layout("left"));
    const shown = new Set(ids);
    for (const [id, box] of this.cache) if (!shown.has(id)) box.remove();
    for (const id of ids) {
      let box = this.cache.get(id);
      if (!box) {
        box = this.makeBox(tree.boxes.get(id));
        this.cache.set(id, box);
      }
      this.mark(box, tree, marks);
      if (!box.isConnected) this.canvas.append(box);
    }
    // All writes first, then all reads: the browser lays the page out once, not once per box.
    this.heights = new Map(ids.map((id) => [id, this.cache.get(id).offsetHeight]));
    const rows = tree.rows();
    const rowHeight = new Map(rows.map((row) => [row, MIN_ROW]));
    for (const id of ids) {
      const { row } = place.get(id);
      rowHeight.set(row, Math.max(rowHeight.get(row), this.heights.get(id)));
    }
    const rowTop = new Map();
    let y = TOP;
    for (const row of rows) {
      rowTop.set(row, y);
      y += rowHeight.get(row) + ROW_GAP;
    }
    const width = LEFT * 2 + Math.max(columns, 1) * (BOX_W + GAP_X);
    const height = y;
    for (const id of ids) {
      const { col, row } = place.get(id);
      const box = this.cache.get(id);
      box.style.left = `${LEFT + col * (BOX_W + GAP_X)}px`;
      box.style.top = `${rowTop.get(row)}px`;
    }
    this.geometry = { place, rows, rowTop, rowHeight, width, height };
    this.drawBands(rows, rowTop, rowHeight, width);
    this.drawWires(tree, ids, marks);
    this.applyZoom();
  }

  makeBox(data) {
    const box = el("article", `box kind-${data.kind}`);
    box.dataset.id = data.id;
    box.dataset.kind = data.kind;
    box.dataset.tier = data.owner?.tier ?? "";
    box.style.borderTopColor = levelColour(data.kind);
    box.style.width = `${BOX_W}px`;
    const head = el("header");
    head.append(el("span", "kind", t(`kind.${data.kind}`)));
    if (data.code) head.append(el("span", "code", data.code));
    if (data.children > 0) {
      const toggle = el("button", "toggle");
      toggle.type = "button";
      head.append(toggle);
    }
    // the box's findings on a line of their own: a rule's name can be long
    box.append(head, el("div", "badges box-badges"), el("h3", "name", data.name));
    if (data.external_parent) box.append(serves(data.external_parent));
    const list = el("ul", "iks");
    for (const ik of data.indicators) {
      const item = el("li", "ik");
      item.dataset.id = ik.id;
      item.tabIndex = 0;
      item.append(el("span", "ik-tag", t("ik")), el("span", "ik-name", ik.name));
      if (ik.unit) item.append(el("span", "ik-unit", ik.unit));
      item.append(el("span", "badges"), el("span", "ik-figures"));
      if (ik.owner && data.owner && ik.owner.id !== data.owner.id) item.append(el("span", "ik-owner", ik.owner.name));
      list.append(item);
    }
    if (!data.indicators.length) list.append(el("li", "no-ik", t("noIndicator")));
    box.append(list);
    if (data.served_by.length) box.append(servedBy(data.served_by));
    if (data.owner) {
      const owner = el("footer", "owner");
      owner.append(el("span", "owner-name", data.owner.name), el("span", "tier", data.owner.tier_label));
      box.append(owner);
    }
    box.append(el("div", "inside"));
    return box;
  }

  /** Open/closed state, selection roles, finding badges, and counts of what a closed box hides. */
  mark(box, tree, marks) {
    const id = box.dataset.id;
    const open = tree.expanded.has(id);
    box.classList.toggle("is-open", open);
    const toggle = box.querySelector(":scope > header .toggle");
    if (toggle) {
      const n = tree.boxes.get(id).children;
      toggle.textContent = open ? "▾" : `▸ ${n}`;
      toggle.title = open ? t("collapse") : t("expand", { n });
      toggle.setAttribute("aria-expanded", String(open));
    }
    let role = null;
    for (const item of box.querySelectorAll(".ik")) {
      const ikRole = marks.roles.get(item.dataset.id) ?? null;
      setRole(item, ikRole);
      if (ikRole && (!role || ROLE_RANK[ikRole] > ROLE_RANK[role])) role = ikRole;
      fillBadges(item.querySelector(".badges"), marks.findings.get(item.dataset.id));
      const point = marks.figures.get(item.dataset.id);
      const unit = tree.boxes.get(id).indicators.find((ik) => ik.id === item.dataset.id)?.unit;
      item.querySelector(".ik-figures").textContent = point ? figuresText(point, unit) : "";
    }
    setRole(box, role);
    fillBadges(box.querySelector(":scope > .box-badges"), marks.findings.get(id));
    const inside = box.querySelector(":scope > .inside");
    inside.replaceChildren();
    const lit = open ? 0 : marks.litBelow.get(id) ?? 0;
    const found = open ? 0 : marks.findingsBelow.get(id) ?? 0;
    if (lit) inside.append(el("span", "lit-inside", t("litInside", { n: lit })));
    if (found) inside.append(el("span", "findings-inside", t("findingsInside", { n: found })));
  }

  drawBands(rows, rowTop, rowHeight, width) {
    this.bands.replaceChildren();
    this.labels.replaceChildren();
    for (const row of rows) {
      const { kind, tier, strong, caption } = rowLabel(row);
      const top = rowTop.get(row) - ROW_GAP / 4;
      const height = rowHeight.get(row) + ROW_GAP / 2;
      const band = el("div", `band kind-${kind}`);
      band.style.top = `${top}px`;
      band.style.height = `${height}px`;
      band.style.width = `${width}px`;
      this.bands.append(band);
      const label = el("div", "row-label");
      label.classList.toggle("compact", height * this.zoom < 40); // too low for the caption too
      label.dataset.kind = kind;
      label.dataset.tier = tier;
      label.style.top = `${top * this.zoom}px`;
      label.style.height = `${height * this.zoom}px`;
      label.append(el("strong", "", strong), el("span", "", caption));
      this.labels.append(label);
    }
  }

  drawWires(tree, ids, marks) {
    const { place, rowTop, rowHeight, width, height } = this.geometry;
    const x = (id) => LEFT + place.get(id).col * (BOX_W + GAP_X) + BOX_W / 2;
    const top = (id) => rowTop.get(place.get(id).row);
    const plain = [];
    const lit = [];
    for (const id of ids) {
      if (!tree.expanded.has(id)) continue;
      const row = place.get(id).row;
      const from = top(id) + this.heights.get(id);
      const elbow = rowTop.get(row) + rowHeight.get(row) + ROW_GAP / 2;
      const parentLit = this.cache.get(id).dataset.role;
      for (const kid of tree.kids.get(id) ?? []) {
        const d = `M${x(id)} ${from}V${elbow}H${x(kid)}V${top(kid)}`;
        (parentLit && this.cache.get(kid).dataset.role ? lit : plain).push(d);
      }
    }
    this.wires.setAttribute("width", width);
    this.wires.setAttribute("height", height);
    this.wires.replaceChildren(path(plain.join(""), "wire"), path(lit.join(""), "wire lit"));
  }

  /** Set the zoom (clamped); returns the zoom now in force. */
  setZoom(zoom) {
    this.zoom = Math.min(ZOOMS.max, Math.max(ZOOMS.min, zoom));
    this.applyZoom();
    if (this.geometry) this.drawBands(this.geometry.rows, this.geometry.rowTop, this.geometry.rowHeight, this.geometry.width);
    return this.zoom;
  }

  /** The zoom at which the whole diagram fits the scrolling area. */
  fitZoom() {
    if (!this.geometry) return 1;
    const across = this.available() / this.geometry.width;
    const down = (this.scroller.clientHeight - 8) / this.geometry.height;
    return Math.min(1, across, down);
  }

  /** The width the boxes have beside the row labels. */
  available() {
    return this.scroller.clientWidth - this.labels.offsetWidth - 8;
  }

  /**
   * The opening view: as wide as the screen allows while the boxes stay readable, the top left
   * of the diagram in view; laid out again (a wide diagram aligns left, see render).
   * @returns the zoom now in force
   */
  fitOpening(tree) {
    const across = this.geometry ? this.available() / this.geometry.width : 1;
    this.setZoom(Math.min(1, Math.max(READABLE, across)));
    this.render(tree, this.lastMarks);
    this.scroller.scrollTo(this.firstColumnShowingEveryRow() * (BOX_W + GAP_X) * this.zoom, 0);
    return this.zoom;
  }

  /**
   * The leftmost column from which one screen's width holds a box of every row (a row of one
   * level owned at a tier that starts further right, say), or 0 when no screen's width does.
   */
  firstColumnShowingEveryRow() {
    const across = this.available() / (this.zoom * (BOX_W + GAP_X)) - 1;
    const boxes = [...this.geometry.place.values()].sort((a, b) => a.col - b.col);
    const rows = new Set(boxes.map((box) => box.row));
    const inside = new Map();
    let end = 0;
    for (const start of boxes) {
      while (end < boxes.length && boxes[end].col <= start.col + across) {
        inside.set(boxes[end].row, (inside.get(boxes[end].row) ?? 0) + 1);
        end++;
      }
      if (inside.size === rows.size) return start.col;
      const left = inside.get(start.row) - 1;
      if (left) inside.set(start.row, left);
      else inside.delete(start.row);
    }
    return 0;
  }

  /** Before printing: the whole diagram on one A3 landscape page (see style.css `@page`). */
  fitForPrint() {
    this.screenZoom = this.zoom;
    if (!this.geometry) return;
    const { width, height } = this.geometry;
    this.setZoom(Math.min(1, (PRINTED.width - this.labels.offsetWidth) / width, PRINTED.height / height));
  }

  applyZoom() {
    if (!this.geometry) return;
    const { width, height } = this.geometry;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.canvas.style.transform = `scale(${this.zoom})`;
    this.stage.style.width = `${this.labels.offsetWidth + width * this.zoom}px`;
    this.stage.style.height = `${height * this.zoom}px`;
  }

  /** Scroll box `id` (an element id) to the middle of the view and make it blink once. */
  show(id) {
    const box = this.cache.get(id);
    if (!box?.isConnected) return;
    box.scrollIntoView({ block: "center", inline: "center" });
    box.classList.remove("flash");
    void box.offsetWidth; // restart the animation
    box.classList.add("flash");
  }
}

// Links across cascades are said in the box, not drawn: the other end is a box of another
// cascade's view, which the link opens.

/** "Serves: <goal>": the element of another cascade this box serves. */
function serves(outside) {
  const line = el("p", "across serves", `${t("serves")}: `);
  const name = outside.name ?? outside.id;
  line.append(outside.agency ? otherCascade(outside.cascade, name, outside.agency) : el("span", "", name));
  return line;
}

/** "Served by: <agency> (n), ...": the other cascades whose elements serve this box. */
function servedBy(cascades) {
  const line = el("p", "across served-by", `${t("servedBy")}: `);
  cascades.forEach((other, index) => {
    if (index) line.append(", ");
    line.append(otherCascade(other.cascade, `${other.agency ?? other.cascade} (${other.elements})`, other.agency));
  });
  return line;
}

function otherCascade(cascade, text, agency) {
  const link = el("button", "other-cascade", text);
  link.type = "button";
  link.dataset.cascade = cascade;
  link.title = t("openCascade", { name: agency ?? cascade });
  return link;
}

function setRole(node, role) {
  if (role) node.dataset.role = role;
  else delete node.dataset.role;
}

/**
 * A finding's badge: a button (reached by Tab) whose text is the rule's name and the finding's
 * message, so a screen reader reads both; the message shows beside it on hover and on focus, and
 * pressing it brings the finding up in the side list.
 */
function fillBadges(holder, findings) {
  holder.replaceChildren();
  for (const finding of findings ?? []) {
    const badge = el("button", `badge severity-${finding.severity}`);
    badge.type = "button";
    badge.dataset.finding = finding.id;
    badge.dataset.rule = finding.rule;
    badge.append(el("span", "badge-rule", ruleName(finding.rule)), el("span", "badge-message", `: ${finding.message}`));
    holder.append(badge);
  }
}

function path(d, cls) {
  const p = document.createElementNS(NS, "path");
  p.setAttribute("d", d || "M0 0");
  p.setAttribute("class", cls);
  return p;
}

/** A new element with a class and a text (always text: data never becomes markup). */
export function el(tag, cls = "", text = null) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== null) node.textContent = text;
  return node;
}
