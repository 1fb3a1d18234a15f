// The audit's findings, as the page uses them. The audit service (GET /audit?cascade=<id>) is
// built separately; this adapter is the one place that knows its shape, so the rest of the page
// reads only {id, rule, severity, message, nodes}. A server without the audit answers 404: then
// the page shows no badges and says the audit is not available.

import { allPages, ApiError } from "./api.js";

const MAX_FINDINGS = 5000;
const SEVERITY_ORDER = ["error", "warning", "info"];

/** @returns {{available: boolean, findings: Finding[], error?: string, truncated?: boolean}} */
export async function loadFindings(cascade) {
  let answer;
  try {
    answer = await allPages("audit", { cascade, limit: 500 }, { max: MAX_FINDINGS, key: ["findings", "items"] });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && !err.body?.error) return { available: false, findings: [] };
    return { available: false, findings: [], error: err.message };
  }
  const findings = answer.items.map(normalise).filter((f) => f.nodes.length);
  findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.rule.localeCompare(b.rule));
  return { available: true, findings, truncated: answer.truncated };
}

/** One finding in the page's terms, whatever the audit calls its fields. */
export function normalise(raw, index) {
  const nodes = raw.nodes ?? raw.node_ids ?? raw.node_uids ?? raw.ids ?? [];
  return {
    id: String(raw.id ?? raw.finding_id ?? index),
    rule: String(raw.rule ?? raw.rule_id ?? "finding"),
    severity: String(raw.severity ?? "warning").toLowerCase(),
    message: String(raw.message ?? raw.detail ?? ""),
    nodes: nodes.map((n) => (typeof n === "string" ? n : n.id ?? n.uid)).filter(Boolean),
  };
}

/** The label key family of a rule: orphan, duplicate, level skip, or the rule id itself. */
export function ruleFamily(rule) {
  const r = rule.toLowerCase();
  if (r.includes("orphan")) return "orphan";
  if (r.includes("dup")) return "duplicate";
  if (r.includes("skip")) return "level_skip";
  return r.replace(/[^a-z0-9]+/g, "_");
}

function severityRank(severity) {
  const rank = SEVERITY_ORDER.indexOf(severity);
  return rank < 0 ? SEVERITY_ORDER.length : rank;
}
