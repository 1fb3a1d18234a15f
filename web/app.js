// The page: choose a cascade, see its boxes in rows, search and select an indicator to light up
// its roll-up (the API's contributors and contributes-to answers), and see the audit's findings.
// `document.body.dataset.state` is "loading" while the page waits for the API, "ready" after the
// result has been painted; the end-to-end tests and the timing script wait on it.

import { api, ApiError } from "./api.js";
import { LANGUAGES, language, setLanguage, t, ruleName, translatePage } from "./i18n.js";
import { CascadeTree } from "./tree.js";
import { DiagramView, el } from "./view.js";
import { loadFindings } from "./audit.js";
import { levels, loadVocabulary } from "./vocabulary.js";
import { contributorsSection } from "./contributors.js";
import { loadMatrix, renderTable } from "./table.js";
import { FIGURES_MAX, fetchFigures, figuresText, yearOf } from "./figures.js";

/** More contributors than this are counted in their closed branches instead of all opened. */
const REVEAL_MAX = 1500;
/** The most contributors fetched for one selection (the API pages them). */
const CONTRIBUTORS_MAX = 20000;
const LISTED = 300;

const $ = (selector) => document.querySelector(selector);
const state = {
  cascades: [], tree: null, view: null, selection: null, audit: null, findingChains: new Map(), busy: 0,
  /** contributors shown: every tier (null) or one tier id (`tier=` in the address) */
  tier: null,
  /** "tree" or "table" (`view=table` in the address) */
  mode: "tree",
  matrix: null,
  sort: null,
  /** indicator id -> this year's figures (null: none), of this cascade */
  figures: new Map(),
  /** false when too many indicators were on screen to ask for their figures */
  figuresShown: true,
};
const STORED_CASCADE = "lineage.cascade";
const STORED_SIDE = "lineage.side";

// -- start ---------------------------------------------------------------------------------------

async function start() {
  const params = new URLSearchParams(location.search);
  setLanguage(params.get("lang") || localStorage.getItem("lineage.lang") || (navigator.language.startsWith("id") ? "id" : "en"));
  state.tier = params.get("tier") || null;
  state.mode = params.get("view") === "table" ? "table" : "tree";
  translatePage();
  wireControls();
  setSide(localStorage.getItem(STORED_SIDE) !== "closed");
  showMode(state.mode);
  state.view = new DiagramView($("#diagram"), {
    onToggle: toggle, onSelect: select, onOpenCascade: switchCascade, onFinding: showFinding,
  });
  await busy(async () => {
    // The cascade the link names (`?cascade=` or `#id`) opens while the list of cascades is still
    // on its way, once the vocabulary (the words and order of the rows) has arrived; without one,
    // the cascade last viewed in this browser; failing both, the first of the list.
    // The one last viewed waits for the list: it may have been deleted since.
    const vocabulary = loadVocabulary();
    const linked = params.get("cascade") || hashCascade();
    const opening = linked ? vocabulary.then(() => openCascade(linked)).then(() => true, () => false) : Promise.resolve(false);
    const { items } = await api.cascades();
    await vocabulary;
    drawLegend();
    state.cascades = items;
    const choice = $("#cascade");
    choice.replaceChildren(...items.map((c) => option(c.id, `${c.agency} — ${c.region} (${c.period}) · ${c.indicators} IK`)));
    if (!items.length) return status(t("noCascades"));
    const opened = (await opening) && items.some((c) => c.id === linked);
    const stored = items.find((c) => c.id === localStorage.getItem(STORED_CASCADE));
    choice.value = opened ? linked : (stored ?? items[0]).id;
    if (!opened) await openCascade(choice.value);
    drawHeading();
    if (params.get("indicator")) await select(params.get("indicator"));
  });
}

/** The cascade a link names after `#` (`#<id>` or `#cascade=<id>`), or null. */
function hashCascade() {
  const hash = decodeURIComponent(location.hash.slice(1));
  return (hash.startsWith("cascade=") ? hash.slice("cascade=".length) : hash) || null;
}

function wireControls() {
  $("#cascade").addEventListener("change", (event) => switchCascade(event.target.value));
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.addEventListener("click", () => switchLanguage(button.dataset.lang));
  }
  const zoom = (value) => zoomLabel(state.view.setZoom(value));
  $("#zoom-in").addEventListener("click", () => zoom(state.view.zoom * 1.25));
  $("#zoom-out").addEventListener("click", () => zoom(state.view.zoom / 1.25));
  $("#zoom-fit").addEventListener("click", () => zoom(state.view.fitZoom()));
  $("#zoom-reset").addEventListener("click", () => zoom(1));
  $("#open-level").addEventListener("click", () => busy(async () => {
    await state.tree.openOneLevel();
    draw();
    await loadFigures();
  }));
  $("#collapse-all").addEventListener("click", () => {
    state.tree.collapseAll();
    draw();
  });
  $("#clear").addEventListener("click", () => {
    state.selection = null;
    drawLineage();
    draw();
    remember();
  });
  $("#side-toggle").addEventListener("click", () => setSide(document.body.classList.contains("side-closed")));
  for (const button of document.querySelectorAll("[data-mode]")) {
    button.addEventListener("click", () => setMode(button.dataset.mode));
  }
  $("#print").addEventListener("click", () => window.print());
  window.addEventListener("beforeprint", () => state.view.fitForPrint());
  window.addEventListener("afterprint", () => state.view.setZoom(state.view.screenZoom));
  wireSearch();
}

/** Open another cascade, as if chosen in the list (a link across cascades in a box). */
function switchCascade(id) {
  $("#cascade").value = id;
  return busy(() => openCascade(id));
}

async function openCascade(id) {
  performance.mark("lineage:cascade-requested");
  state.selection = null;
  state.audit = null;
  state.findingChains = new Map();
  state.matrix = null;
  state.figures = new Map();
  state.tree = new CascadeTree(id);
  state.view.reset();
  await state.tree.init();
  draw();
  zoomLabel(state.view.fitOpening(state.tree));
  drawLineage();
  drawHeading();
  remember();
  if (state.mode === "table") await drawTable();
  await afterPaint();
  performance.mark("lineage:diagram-painted");
  busy(() => loadAudit(id)); // badges and figures follow; the diagram does not wait for them
  busy(loadFigures);
}

// -- drawing ------------------------------------------------------------------------------------

/** What the boxes must show beyond their data: selection roles and findings. */
function marks() {
  const tree = state.tree;
  const selection = state.selection;
  const findings = new Map();
  for (const finding of state.audit?.findings ?? []) {
    for (const node of finding.nodes) findings.set(node, [...(findings.get(node) ?? []), finding]);
  }
  return {
    roles: selection?.roles ?? new Map(),
    litBelow: selection ? tree.hiddenBelow(selection.chains) : new Map(),
    findings,
    findingsBelow: tree.hiddenBelow(state.findingChains, (node) => (findings.get(node) ?? []).map((f) => f.id)),
    figures: state.figures,
  };
}

function draw() {
  if (!state.tree) return;
  const shown = marks();
  state.view.render(state.tree, shown);
  if (state.mode === "table" && state.matrix) drawTable(shown);
}

/** The zoom now in force, on its button. */
function zoomLabel(zoom) {
  $("#zoom-reset").textContent = `${Math.round(zoom * 100)}%`;
}

/** The legend of the level colours (the vocabulary's), shown on screen and printed. */
function drawLegend() {
  const legend = $("#legend");
  legend.replaceChildren(el("span", "legend-title", t("legendLevels")));
  for (const level of levels()) {
    const item = el("span", "level-chip");
    item.dataset.kind = level.id;
    const swatch = el("span", "swatch");
    swatch.style.background = level.colour;
    item.append(swatch, t(`kind.${level.id}`));
    legend.append(item);
  }
}

/** The printed page's title: the cascade's agency, region and period, and today's date. */
function drawHeading() {
  const cascade = state.cascades.find((c) => c.id === state.tree?.cascade);
  const title = cascade ? `${cascade.agency} — ${cascade.region}` : state.tree?.cascade ?? "";
  $("#print-title").textContent = `${t("printTitle")}: ${title}`;
  $("#print-meta").textContent = [cascade && `${t("period")} ${cascade.period}`, new Date().toLocaleDateString(language())].filter(Boolean).join(" · ");
  const id = encodeURIComponent(state.tree?.cascade ?? "");
  const lang = language();
  $("#export-matrix").href = `cascades/${id}/export?layout=matrix&lang=${lang}`;
  $("#export-renstra").href = `cascades/${id}/export?layout=renstra&lang=${lang}`;
  $("#export-diagram").href = `cascades/${id}/diagram?format=pdf&paper=a3&lang=${lang}`;
  $("#export-audit").href = `audit/report?cascade=${id}&format=pdf&lang=${lang}`;
}

// -- panels and views ---------------------------------------------------------------------------

/** Open or close the side panel; remembered in this browser. */
function setSide(open) {
  document.body.classList.toggle("side-closed", !open);
  $("#side-toggle").setAttribute("aria-expanded", String(open));
  $("#side-toggle").textContent = t(open ? "sideHide" : "sideShow");
  localStorage.setItem(STORED_SIDE, open ? "open" : "closed");
}

/** Show the tree or the table (the matriks cascading: one row per indicator). */
async function setMode(mode) {
  showMode(mode);
  remember();
  if (mode === "table") await busy(() => drawTable());
}

function showMode(mode) {
  state.mode = mode;
  for (const button of document.querySelectorAll("[data-mode]")) button.setAttribute("aria-pressed", String(button.dataset.mode === mode));
  $("#diagram").hidden = mode !== "tree";
  $("#table").hidden = mode !== "table";
  document.body.dataset.mode = mode;
}

async function drawTable(shown = marks()) {
  const cascade = state.tree?.cascade;
  if (!cascade) return;
  state.matrix ??= await loadMatrix(cascade);
  if (state.tree?.cascade !== cascade) return;
  renderTable($("#table"), state.matrix, {
    sort: state.sort,
    roles: shown.roles,
    onSort: (sort) => {
      state.sort = sort;
      return drawTable();
    },
    onSelect: select,
  });
}

async function toggle(id) {
  await busy(async () => {
    await state.tree.toggle(id);
    draw();
    await loadFigures();
  });
}

/** This year's figures of the indicators on screen, when they are few enough (figures.js). */
async function loadFigures() {
  const tree = state.tree;
  const ids = tree.visible().flatMap((box) => tree.boxes.get(box).indicators.map((ik) => ik.id));
  const shown = await fetchFigures(ids, state.figures);
  if (tree !== state.tree) return;
  state.figuresShown = shown;
  draw();
}

// -- selection ----------------------------------------------------------------------------------

async function select(indicatorId) {
  closeResults();
  await busy(async () => {
    performance.mark("lineage:highlight-requested");
    const [down, up, filtered] = await Promise.all([
      api.contributors(indicatorId, CONTRIBUTORS_MAX),
      api.contributesTo(indicatorId),
      state.tier ? api.contributors(indicatorId, CONTRIBUTORS_MAX, state.tier) : null,
    ]);
    const roles = new Map();
    down.items.forEach((node) => roles.set(node.id, "contributor"));
    up.items.forEach((node) => roles.set(node.id, "path"));
    roles.set(indicatorId, "selected");
    const tree = state.tree;
    const chains = await tree.locate([...roles.keys()]);
    if (!state.figures.has(indicatorId)) state.figures.set(indicatorId, await yearOf(indicatorId));
    const opened = down.items.length <= REVEAL_MAX ? [...roles.keys()] : [indicatorId, ...up.items.map((n) => n.id)];
    await tree.reveal(opened);
    state.selection = {
      id: indicatorId, indicator: up.indicator, all: down.items, total: down.first.total,
      truncated: down.truncated || down.first.truncated, up, roles, chains, filtered: filtered && listOf(filtered),
    };
    draw();
    drawLineage();
    remember();
    state.view.show(tree.boxOf.get(indicatorId));
    await afterPaint();
    performance.mark("lineage:highlight-painted");
    await loadFigures(); // the branches it opened
  });
}

function drawLineage() {
  const panel = $("#lineage-body");
  const selection = state.selection;
  document.body.dataset.selection = selection?.id ?? "";
  document.body.classList.toggle("has-selection", Boolean(selection));
  $("#clear").hidden = !selection;
  if (!selection) return panel.replaceChildren(el("p", "hint", t("lineageEmpty")));
  const ind = selection.indicator;
  const head = el("div", "selected-ik");
  head.append(
    el("span", "legend-chip selected", t("selected")),
    el("strong", "", ind.name),
    el("small", "", [ind.element && `${t(`kind.${ind.element.kind}`)}: ${ind.element.name}`, ind.owner?.name].filter(Boolean).join(" · ")),
  );
  const point = state.figures.get(selection.id);
  if (point) head.append(el("span", "selected-figures", figuresText(point, ind.unit)));
  const legend = el("p", "legend");
  legend.append(
    el("span", "legend-chip selected", t("legendSelected")),
    el("span", "legend-chip contributor", t("legendContributor")),
    el("span", "legend-chip path", t("legendPath")),
  );
  const contributors = contributorsSection(selection, state.tier, {
    listed: LISTED,
    link: (node) => nodeLink(node.id, node.name, t("hops", { n: node.hops })),
    onTier: setTier,
  });
  const paths = el("section", "paths");
  const up = selection.up;
  paths.append(el("h3", "", t("pathsUp")), el("p", "count", up.paths.length ? t("pathsCount", { n: up.paths.length }) : t("noPaths")));
  const names = new Map([[up.indicator.id, up.indicator.name], ...up.items.map((n) => [n.id, n.name])]);
  for (const route of up.paths) {
    const steps = el("ol", "path");
    route.forEach((id) => steps.append(nodeLink(id, names.get(id) ?? id)));
    paths.append(steps);
  }
  const notes = [];
  if (!state.figuresShown) notes.push(el("p", "hint", t("figuresMany", { n: FIGURES_MAX })));
  if (selection.truncated || up.truncated) notes.push(el("p", "warning", t("truncated")));
  if (up.cycles.length) notes.push(el("p", "warning", t("cycles", { n: up.cycles.length })));
  panel.replaceChildren(head, legend, contributors, paths, ...notes);
}

/** A page of contributors as the side panel lists them: {items, total, truncated}. */
function listOf(answer) {
  return { items: answer.items, total: answer.first.total, truncated: answer.truncated || answer.first.truncated };
}

/** List only the contributors owned at `tier` (null: every tier), as the API answers `tier=`. */
function setTier(tier) {
  state.tier = tier || null;
  remember();
  const selection = state.selection;
  if (!selection) return;
  return busy(async () => {
    selection.filtered = state.tier ? listOf(await api.contributors(selection.id, CONTRIBUTORS_MAX, state.tier)) : null;
    if (state.selection === selection) drawLineage();
    $("#tier-filter")?.focus();
  });
}

/** A link in the side panel that opens the branches down to node `id` and shows its box. */
function nodeLink(id, name, note = "") {
  const item = el("li");
  const link = el("button", "node-link", name);
  link.type = "button";
  link.dataset.node = id;
  link.title = t("showBox");
  link.addEventListener("click", () => busy(async () => {
    await state.tree.reveal([id]);
    draw();
    state.view.show(state.tree.boxOf.get(id) ?? id);
  }));
  item.append(link);
  if (note) item.append(el("small", "hops", note));
  return item;
}

// -- audit --------------------------------------------------------------------------------------

async function loadAudit(cascadeId) {
  const audit = await loadFindings(cascadeId, language());
  if (state.tree?.cascade !== cascadeId) return;
  state.audit = audit;
  const nodes = [...new Set(audit.findings.flatMap((f) => f.nodes))];
  state.findingChains = nodes.length ? await state.tree.locate(nodes) : new Map();
  drawAudit();
  draw();
}

function drawAudit() {
  const panel = $("#audit-body");
  const audit = state.audit;
  $("#audit-count").textContent = audit?.findings.length ? String(audit.findings.length) : "";
  if (!audit) return panel.replaceChildren();
  if (audit.error) return panel.replaceChildren(el("p", "warning", t("auditFailed", { msg: audit.error })));
  if (!audit.findings.length) return panel.replaceChildren(el("p", "hint", t("auditNone")));
  const list = el("ol", "findings");
  for (const finding of audit.findings) {
    const item = el("li", `finding severity-${finding.severity}`);
    item.dataset.finding = finding.id;
    item.tabIndex = -1;
    item.dataset.rule = finding.rule;
    item.append(
      el("span", `badge severity-${finding.severity}`, ruleName(finding.rule)),
      el("span", "severity", t(`severity.${finding.severity}`)),
      el("p", "message", finding.message),
    );
    const links = el("ul", "finding-nodes");
    finding.nodes.forEach((node) => links.append(nodeLink(node, nodeName(node))));
    item.append(links);
    list.append(item);
  }
  panel.replaceChildren(list);
}

/** Bring finding `id` into view in the side list and give it the focus (from a badge). */
function showFinding(id) {
  setSide(true);
  const item = [...document.querySelectorAll("#audit-body .finding")].find((node) => node.dataset.finding === id);
  if (!item) return;
  item.scrollIntoView({ block: "nearest" });
  item.focus();
}

/** The name of an element or indicator when its box is known here, else its id. */
function nodeName(id) {
  const tree = state.tree;
  const box = tree.boxes.get(id) ?? tree.boxes.get(tree.boxOf.get(id));
  if (!box) return id;
  return box.id === id ? box.name : box.indicators.find((ik) => ik.id === id)?.name ?? id;
}

// -- search -------------------------------------------------------------------------------------

function wireSearch() {
  const input = $("#search");
  let timer = null;
  let asked = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      const mine = ++asked;
      if (q.length < 2 || !state.tree) return closeResults();
      const page = await api.search(state.tree.cascade, q).catch((err) => ({ items: [], error: err }));
      if (mine === asked) showResults(page.items);
    }, 200);
  });
  input.addEventListener("keydown", (event) => {
    const options = [...document.querySelectorAll("#results [role=option]")];
    const active = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = options[(active + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length];
      options.forEach((o) => o.setAttribute("aria-selected", String(o === next)));
      next?.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter" && options.length) {
      event.preventDefault();
      select((options[active] ?? options[0]).dataset.id);
    } else if (event.key === "Escape") {
      closeResults();
    }
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".search")) closeResults();
  });
}

function showResults(items) {
  const results = $("#results");
  if (!items.length) {
    results.replaceChildren(el("li", "empty", t("noResults")));
  } else {
    results.replaceChildren(...items.map((item) => {
      const row = el("li", "result");
      row.setAttribute("role", "option");
      row.setAttribute("aria-selected", "false");
      row.dataset.id = item.id;
      row.append(
        el("span", "result-name", item.name),
        el("small", "", [item.element && t(`kind.${item.element.kind}`), item.owner?.tier_label, item.element?.name].filter(Boolean).join(" · ")),
      );
      row.addEventListener("click", () => select(item.id));
      return row;
    }));
  }
  results.hidden = false;
}

function closeResults() {
  $("#results").hidden = true;
}

// -- page state ---------------------------------------------------------------------------------

function switchLanguage(lang) {
  setLanguage(lang);
  localStorage.setItem("lineage.lang", language());
  translatePage();
  for (const button of document.querySelectorAll("[data-lang]")) button.setAttribute("aria-pressed", String(button.dataset.lang === language()));
  setSide(!document.body.classList.contains("side-closed"));
  drawLegend();
  drawHeading();
  state.view.reset();
  draw();
  drawLineage();
  drawAudit();
  remember();
  // the audit speaks the page's language: its messages are asked for again
  if (state.tree) busy(() => loadAudit(state.tree.cascade));
}

/** Keep the cascade, the selection and the language in the address, so a view can be shared. */
function remember() {
  const params = new URLSearchParams();
  if (state.tree) params.set("cascade", state.tree.cascade);
  if (state.selection) params.set("indicator", state.selection.id);
  if (state.tier) params.set("tier", state.tier);
  if (state.mode === "table") params.set("view", "table");
  params.set("lang", language());
  if (state.tree) localStorage.setItem(STORED_CASCADE, state.tree.cascade);
  history.replaceState(null, "", `?${params}`);
}

/** Run `work` with the page marked as loading; report its failure in the status line. */
async function busy(work) {
  state.busy++;
  document.body.dataset.state = "loading";
  try {
    await work();
    status("");
  } catch (err) {
    console.error(err);
    status(t("error", { msg: err instanceof ApiError ? err.message : String(err) }));
  } finally {
    if (--state.busy === 0) {
      await afterPaint();
      if (state.busy === 0) document.body.dataset.state = "ready";
    }
  }
}

function status(message) {
  $("#status").textContent = message;
  $("#status").hidden = !message;
}

/** Resolves once the browser has painted what was just drawn. */
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function option(value, label) {
  const node = document.createElement("option");
  node.value = value;
  node.textContent = label;
  return node;
}


for (const lang of LANGUAGES) document.querySelector(`[data-lang=${lang}]`)?.setAttribute("aria-pressed", "false");
start().then(() => document.querySelector(`[data-lang=${language()}]`)?.setAttribute("aria-pressed", "true"));
