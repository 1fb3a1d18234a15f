// Interface labels in Indonesian and English. Only the interface is translated: names of goals,
// programs, indicators and positions are shown exactly as the cascade file writes them. The words
// of the cascade's levels and tiers are not here: they come from the API (vocabulary.js).

const LABELS = {
  id: {
    title: "Lineage — Cascading Kinerja",
    cascade: "Cascading",
    search: "Cari indikator",
    searchPlaceholder: "Nama indikator, mis. Persentase Koperasi Sehat",
    noResults: "Tidak ada indikator yang cocok",
    language: "Bahasa",
    zoomIn: "Perbesar",
    zoomOut: "Perkecil",
    zoomFit: "Muat layar",
    zoomReset: "Ukuran asli (100%)",
    openLevel: "Buka satu tingkat",
    collapseAll: "Tutup semua",
    clear: "Hapus sorotan",
    loading: "Memuat…",
    noCascades: "Belum ada cascading yang dimuat. Muat dengan `lineage load FILE`.",
    rowHint: "Klik ▸ untuk membuka cabang; klik sebuah IK untuk menyorot alurnya.",
    ik: "IK",
    owner: "Pemilik",
    noIndicator: "Tanpa indikator",
    serves: "Mendukung",
    servedBy: "Didukung oleh",
    openCascade: "Buka cascading {name}",
    expand: "Buka {n} cabang",
    collapse: "Tutup cabang",
    litInside: "{n} tersorot di dalam",
    findingsInside: "{n} temuan di dalam",
    lineage: "Alur kinerja",
    lineageEmpty: "Pilih sebuah indikator (cari, atau klik IK di kotak) untuk melihat apa yang mendukungnya dan jalurnya ke puncak.",
    selected: "Dipilih",
    contributors: "Pendukung (kontributor)",
    contributorsCount: "{n} indikator mendukung indikator ini",
    pathsUp: "Jalur ke puncak",
    pathsCount: "{n} jalur ke puncak",
    noPaths: "Indikator ini sudah di puncak",
    truncated: "Jawaban terpotong: ada lebih banyak dari yang ditampilkan.",
    cycles: "Siklus ditemukan: {n}",
    legendSelected: "dipilih",
    legendContributor: "mendukung",
    legendPath: "jalur ke puncak",
    audit: "Temuan audit",
    auditNone: "Tidak ada temuan audit.",
    auditFailed: "Audit tidak dapat dibaca: {msg}",
    "severity.error": "galat",
    "severity.warning": "peringatan",
    showBox: "Tampilkan kotak",
    error: "Terjadi kesalahan: {msg}",
    legendLevels: "Level:",
    target: "target {v}",
    realised: "realisasi {v}",
    capaian: "capaian {v}%",
    figuresMany: "Target dan capaian ditampilkan di kotak bila paling banyak {n} indikator terlihat; untuk yang lain, pilih indikatornya.",
    printTitle: "Cascading kinerja",
    period: "Periode",
    sideHide: "Sembunyikan panel",
    sideShow: "Tampilkan panel",
    viewAs: "Tampilan",
    modeTree: "Pohon",
    modeTable: "Tabel",
    print: "Cetak",
    export: "Ekspor",
    exportMatrix: "Matriks cascading (XLSX)",
    exportRenstra: "Tabel Renstra (XLSX)",
    exportDiagram: "Diagram (PDF, A3)",
    exportAudit: "Laporan audit (PDF)",
    hops: "{n} langkah",
    tierFilter: "Tingkatan pemilik",
    tierAll: "Semua tingkatan",
    contributorsOfTier: "{n} indikator milik {tier} mendukung indikator ini",
    listedFirst: "Hanya {n} pertama yang ditampilkan.",
    code: "Kode",
    unit: "Satuan",
    tableCaption: "Matriks cascading: {n} indikator. Klik judul kolom untuk mengurutkan.",
    tableTruncated: "Hanya {n} kotak pertama yang dimuat ke tabel.",
  },
  en: {
    title: "Lineage — Performance cascade",
    cascade: "Cascade",
    search: "Search indicator",
    searchPlaceholder: "Indicator name, e.g. Persentase Koperasi Sehat",
    noResults: "No indicator matches",
    language: "Language",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    zoomFit: "Fit to screen",
    zoomReset: "Actual size (100%)",
    openLevel: "Open one more level",
    collapseAll: "Collapse all",
    clear: "Clear highlight",
    loading: "Loading…",
    noCascades: "No cascade is loaded yet. Load one with `lineage load FILE`.",
    rowHint: "Click ▸ to open a branch; click an indicator (IK) to highlight its roll-up.",
    ik: "IK",
    owner: "Owner",
    noIndicator: "No indicator",
    serves: "Serves",
    servedBy: "Served by",
    openCascade: "Open the cascade of {name}",
    expand: "Open {n} branches",
    "expand.one": "Open {n} branch",
    collapse: "Close branch",
    litInside: "{n} highlighted inside",
    findingsInside: "{n} findings inside",
    "findingsInside.one": "{n} finding inside",
    lineage: "Roll-up",
    lineageEmpty: "Select an indicator (search, or click an IK in a box) to see what rolls up into it and its paths to the top.",
    selected: "Selected",
    contributors: "Contributors",
    contributorsCount: "{n} indicators roll up into this one",
    "contributorsCount.one": "{n} indicator rolls up into this one",
    pathsUp: "Paths to the top",
    pathsCount: "{n} paths to the top",
    "pathsCount.one": "{n} path to the top",
    noPaths: "This indicator is at the top",
    truncated: "The answer was cut short: there is more than shown.",
    cycles: "Cycles found: {n}",
    legendSelected: "selected",
    legendContributor: "rolls up into it",
    legendPath: "path to the top",
    audit: "Audit findings",
    auditNone: "No audit findings.",
    auditFailed: "The audit could not be read: {msg}",
    "severity.error": "error",
    "severity.warning": "warning",
    showBox: "Show box",
    error: "Something went wrong: {msg}",
    legendLevels: "Levels:",
    target: "target {v}",
    realised: "realised {v}",
    capaian: "achieved {v}%",
    figuresMany: "Targets and achievement show in the boxes while at most {n} indicators are on screen; for the others, select the indicator.",
    printTitle: "Performance cascade",
    period: "Period",
    sideHide: "Hide panel",
    sideShow: "Show panel",
    viewAs: "View",
    modeTree: "Tree",
    modeTable: "Table",
    print: "Print",
    export: "Export",
    exportMatrix: "Cascade matrix (XLSX)",
    exportRenstra: "Renstra table (XLSX)",
    exportDiagram: "Diagram (PDF, A3)",
    exportAudit: "Audit report (PDF)",
    hops: "{n} hops",
    "hops.one": "{n} hop",
    tierFilter: "Owner tier",
    tierAll: "Every tier",
    contributorsOfTier: "{n} indicators owned at {tier} roll up into this one",
    "contributorsOfTier.one": "{n} indicator owned at {tier} rolls up into this one",
    listedFirst: "Only the first {n} are listed.",
    code: "Code",
    unit: "Unit",
    tableCaption: "Cascade matrix: {n} indicators. Click a column heading to sort.",
    "tableCaption.one": "Cascade matrix: {n} indicator. Click a column heading to sort.",
    tableTruncated: "Only the first {n} boxes were loaded into the table.",
  },
};

// The audit's rules by id (GET /audit/rules). English: each rule's title in the registry
// (lineage/audit/rules.py), learned from the API when the audit is first read. Indonesian: written
// here, since the registry is English; a page test checks there is one for every rule it has.
const RULE_NAMES_ID = {
  "orphan-element": "Elemen yang tidak mendukung apa pun",
  "orphan-indicator": "Indikator tanpa indikator atasan",
  "unmeasured-indicator": "Indikator tanpa elemen yang diukur",
  "unsupported-indicator": "Indikator tanpa indikator pendukung",
  "childless-element": "Elemen tanpa turunan",
  "element-without-indicator": "Elemen tanpa indikator",
  "level-skip": "Melompati level",
  "level-sideways": "Mendukung elemen selevel",
  "level-upward": "Mendukung level di bawahnya",
  cycle: "Siklus",
  "missing-owner": "Tanpa penanggung jawab",
  "owner-tier-mismatch": "Penanggung jawab tidak sesuai tingkatan",
  "duplicate-sibling": "Duplikat dalam satu induk",
  "duplicate-indicator": "Indikator sama di beberapa tempat",
  "near-duplicate-indicator": "Indikator nyaris sama",
  "copy-down": "Indikator menyalin indikator atasannya",
  "indicator-restates-element": "Indikator mengulang nama elemennya",
  "code-shape": "Bentuk kode salah",
  "code-prefix": "Kode tidak diawali kode induknya",
  "code-authority": "Kode kewenangan pemerintahan lain",
};
for (const [rule, name] of Object.entries(RULE_NAMES_ID)) LABELS.id[`rule.${rule}`] = name;

/** Labels learned from the API in language `lang` (the words of the levels: see vocabulary.js). */
export function learnLabels(lang, labels) {
  Object.assign(LABELS[lang], labels);
}

/** Take the English names of the audit's rules from GET /audit/rules ([{id, title, ...}]). */
export function learnRuleNames(rules) {
  for (const rule of rules) LABELS.en[`rule.${rule.id}`] = rule.title;
}

/** The name of audit rule `rule` in the current language (English, or its id, when not known). */
export function ruleName(rule) {
  return LABELS[current][`rule.${rule}`] ?? LABELS.en[`rule.${rule}`] ?? rule;
}

export const LANGUAGES = Object.keys(LABELS);
let current = "id";

export function setLanguage(lang) {
  current = LABELS[lang] ? lang : "id";
  document.documentElement.lang = current;
  return current;
}

export function language() {
  return current;
}

/** The label `key` in the current language, with {name} placeholders filled from `vars`. */
export function t(key, vars = {}) {
  // A count of one takes the label's `.one` form where the language has one (English does,
  // Indonesian does not: "1 langkah", "2 langkah"), so no "1 hops" / "1 paths".
  const one = vars.n === 1 ? LABELS[current][`${key}.one`] : undefined;
  const text = one ?? LABELS[current][key] ?? LABELS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}

/** Relabel every element that names its label with data-i18n (text), -placeholder or -title. */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll("[data-i18n-title]")) {
    el.title = t(el.dataset.i18nTitle);
    el.setAttribute("aria-label", el.title);
  }
  document.title = t("title");
}
