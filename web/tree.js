// What is known of one cascade's tree of boxes, which branches are open, and where each visible
// box goes. A cascade of thousands of indicators is never fetched whole: the roots arrive first,
// then the rows below them while they fit the budget, then a branch at a time as it is opened,
// each time the children of all the boxes being opened in one question.

import { api } from "./api.js";
import { rowOf, sortRows } from "./vocabulary.js";
/** Rows are opened at first, top down, while no more than this many boxes are on screen. */
const OPEN_BUDGET = 250;
/** The most ids one question to the API may carry (the API's page size). */
const BATCH = 500;

export class CascadeTree {
  constructor(cascadeId) {
    this.cascade = cascadeId;
    /** element id -> box (ElementBox from the API) */
    this.boxes = new Map();
    /** element id -> ids of its children, in reading order, once they are fetched */
    this.kids = new Map();
    /** indicator id -> element id of the box it sits in */
    this.boxOf = new Map();
    /** node id -> chain above its box, as the API located it */
    this.located = new Map();
    this.roots = [];
    this.expanded = new Set();
  }

  /** Fetch the roots, then open rows top down while the boxes on screen stay within the budget. */
  async init() {
    const roots = await api.elements(this.cascade, { roots: true });
    roots.items.forEach((box) => this.add(box));
    this.roots = roots.items.map((b) => b.id);
    let row = this.roots;
    let shown = row.length;
    for (;;) {
      const openable = row.filter((id) => this.boxes.get(id).children > 0);
      const adding = openable.reduce((n, id) => n + this.boxes.get(id).children, 0);
      if (!openable.length || shown + adding > OPEN_BUDGET) return;
      await this.loadChildren(openable);
      openable.forEach((id) => this.expanded.add(id));
      shown += adding;
      row = openable.flatMap((id) => this.kids.get(id));
    }
  }

  add(box) {
    this.boxes.set(box.id, box);
    for (const ik of box.indicators) this.boxOf.set(ik.id, box.id);
    if (box.children === 0) this.kids.set(box.id, []);
  }

  /** Fetch the children of every box of `ids` whose children are not known yet. */
  async loadChildren(ids) {
    const missing = ids.filter((id) => !this.kids.has(id));
    for (let start = 0; start < missing.length; start += BATCH) {
      const parents = missing.slice(start, start + BATCH);
      const page = await api.children(this.cascade, parents);
      const kids = new Map(parents.map((id) => [id, []]));
      for (const box of page.items) {
        this.add(box);
        kids.get(box.parent)?.push(box.id);
      }
      kids.forEach((list, id) => this.kids.set(id, list));
    }
  }

  /** Open every shown branch one level further (fetching what is missing). */
  async openOneLevel() {
    const closed = this.visible().filter((id) => !this.expanded.has(id) && this.boxes.get(id).children > 0);
    await this.loadChildren(closed);
    closed.forEach((id) => this.expanded.add(id));
  }

  async toggle(id) {
    if (this.expanded.has(id)) {
      this.expanded.delete(id);
      return;
    }
    await this.loadChildren([id]);
    this.expanded.add(id);
  }

  collapseAll() {
    this.expanded.clear();
  }

  /**
   * Make the boxes of `ids` (element or indicator ids) visible: find the chain above each (asking
   * the API for those it does not know), then open every box of those chains.
   * @returns {Map<string, string[]>} id -> chain of element ids above its box, top first
   */
  async reveal(ids) {
    const chains = await this.locate(ids);
    const above = [...new Set([...chains.values()].flat())];
    await this.loadChildren(above);
    above.forEach((id) => this.expanded.add(id));
    return chains;
  }

  /** id -> chain of element ids above its box (top first); asks the API for what is not known here. */
  async locate(ids) {
    const chains = new Map();
    const unknown = [];
    for (const id of ids) {
      const chain = this.chainAbove(this.boxOf.get(id) ?? id) ?? this.located.get(id);
      if (chain) chains.set(id, chain);
      else unknown.push(id);
    }
    for (let start = 0; start < unknown.length; start += BATCH) {
      const answer = await api.locate(this.cascade, unknown.slice(start, start + BATCH));
      for (const place of answer.items) {
        if (!place.box) continue;
        chains.set(place.id, place.ancestors);
        this.located.set(place.id, place.ancestors);
        if (place.id !== place.box) this.boxOf.set(place.id, place.box);
      }
    }
    return chains;
  }

  /** The chain of element ids above box `id`, top first, when every one of them is known here. */
  chainAbove(id) {
    const chain = [];
    let box = this.boxes.get(id);
    if (!box) return null;
    while (box.parent) {
      chain.unshift(box.parent);
      box = this.boxes.get(box.parent);
      if (!box) return null;
    }
    return chain;
  }

  /** The ids of the boxes on screen: the roots, and the children of every open box, depth first. */
  visible() {
    const out = [];
    const visit = (id) => {
      out.push(id);
      if (this.expanded.has(id) && this.kids.has(id)) this.kids.get(id).forEach(visit);
    };
    this.roots.forEach(visit);
    return out;
  }

  /** The rows of the boxes known so far, top to bottom (see vocabulary.js `rowOf`). */
  rows() {
    return sortRows(new Set([...this.boxes.values()].map(rowOf)));
  }

  /**
   * Where each visible box goes: `col` (in box widths; a parent centred over its children, or over
   * its first child when `align` is "left") and `row` (its level and its owner's tier, so every
   * row of the diagram holds one kind of box owned at one tier, as the source does: `rows()`
   * orders them).
   */
  layout(align = "centre") {
    const place = new Map();
    let next = 0;
    const visit = (id) => {
      const open = this.expanded.has(id) && this.kids.get(id)?.length;
      let col;
      if (open) {
        const kids = this.kids.get(id);
        kids.forEach(visit);
        const first = place.get(kids[0]).col;
        col = align === "left" ? first : (first + place.get(kids[kids.length - 1]).col) / 2;
      } else {
        col = next++;
      }
      place.set(id, { col, row: rowOf(this.boxes.get(id)) });
    };
    this.roots.forEach((id) => {
      visit(id);
      next += 0.25; // a little air between the trees of two roots
    });
    return { place, columns: Math.max(next - 0.25, 0) };
  }

  /**
   * For each closed box on screen, how many things lie hidden below it: `chains` maps node ids to
   * the chain above their box; `keysOf(node)` names what the node counts as (itself, by default;
   * the findings it is part of, for the audit), so a thing with several hidden nodes counts once.
   */
  hiddenBelow(chains, keysOf = (id) => [id]) {
    const keys = new Map();
    for (const [node, chain] of chains) {
      const closed = chain.find((id) => !this.expanded.has(id));
      if (!closed) continue;
      const set = keys.get(closed) ?? new Set();
      keysOf(node).forEach((key) => set.add(key));
      keys.set(closed, set);
    }
    return new Map([...keys].map(([id, set]) => [id, set.size]));
  }
}
