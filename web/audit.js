// The audit's findings, as the page uses them: GET /audit?cascade=<id> (paged) and the rules'
// names from GET /audit/rules (the registry, lineage/audit/rules.py; see docs/audit.md for the
// shape). This is the one place that reads them; the rest of the page uses
// {id, rule, severity, message, nodes: [node id, ...]}.

import { allPages, getJSON } from "./api.js";
import { learnRuleNames } from "./i18n.js";

const MAX_FINDINGS = 5000;
const SEVERITY_ORDER = ["error", "warning"];
let ruleNames = null;

/** The findings of `cascade`, their messages in `lang`.
 * @returns {{findings: Finding[], error?: string, truncated?: boolean}} */
export async function loadFindings(cascade, lang) {
  try {
    ruleNames ??= getJSON("audit/rules").then(learnRuleNames);
    const [answer] = await Promise.all([allPages("audit", { cascade, lang, limit: 500 }, { max: MAX_FINDINGS }), ruleNames]);
    const findings = answer.items.map(normalise);
    findings.sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.rule.localeCompare(b.rule));
    return { findings, truncated: answer.truncated };
  } catch (err) {
    ruleNames = null; // asked again with the next cascade
    return { findings: [], error: err.message };
  }
}

/** A finding in the page's terms: its nodes (FindingNode objects) by id. */
function normalise(finding) {
  const { id, rule, severity, message, nodes } = finding;
  return { id, rule, severity, message, nodes: nodes.map((node) => node.id) };
}
